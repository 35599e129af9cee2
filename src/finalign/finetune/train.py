"""`finalign train`: one entry point for every method of :data:`finalign.methods.METHODS`.

    finalign train --run runs/quick --method sft [--resume]

Writes ``lora_finetuned_model/<method>/`` (PEFT layout + model card + training_config.json +
train_log.jsonl) inside the run folder. Works unchanged under ``accelerate launch`` on several GPUs.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

from finalign.config import Config, to_dict
from finalign.errors import UserError
from finalign.finetune import common, dpo, grpo, onpolicy, sft
from finalign.hardware import set_threads
from finalign.io import write_json
from finalign.layout import RunDir
from finalign.methods import Method, get_method
from finalign.models import load_model, load_tokenizer, resolve_model

TRAINERS = {  # a method's `trainer` -> its builder
    "sft": sft.build_trainer, "dpo": dpo.build_trainer, "odpo": onpolicy.build_trainer, "grpo": grpo.build_trainer,
}
SETTINGS_FILE = "settings.json"  # in the work folder: what its checkpoints were trained with


def method_config(cfg: Config, m: Method) -> Config:
    """The config this method trains with: the profile's, with the method's fixed recipe on top."""
    return dataclasses.replace(cfg, train=dataclasses.replace(cfg.train, **m.recipe)) if m.recipe else cfg


def method_settings(cfg: Config, m: Method) -> dict:
    """Exactly what this method's weights depend on: the base model, the train fields it reads and, for a method
    trained on the grader's verdicts (on-policy DPO, GRPO), the grader's code: an edited scorer retrains it."""
    train = to_dict(method_config(cfg, m).train)
    out = {"model": cfg.model, "method": m.name, "train": {f: train[f] for f in m.fields}}
    if m.rewarded_by_grader:
        from finalign.eval_harness.evaluate import reward_fingerprint

        out["grader"] = reward_fingerprint()
    return out


def _check_resumable(work: Path, settings: dict) -> None:
    path = work / SETTINGS_FILE
    if not path.is_file():
        return
    old = json.loads(path.read_text())
    if old != settings:
        changed = sorted(k for k in {**old.get("train", {}), **settings["train"]}
                         if old.get("train", {}).get(k) != settings["train"].get(k))
        changed += [k for k in ("model", "method", "grader") if old.get(k) != settings.get(k)]
        raise UserError(f"{work}: its checkpoints were trained with a different config ({', '.join(changed)} "
                        "changed); rerun without --resume to start over")


def train(cfg: Config, run_dir: str | Path, method: str, *, resume: bool = False, quiet: bool = False) -> Path:
    """Train one method's adapter into ``run_dir`` and return its folder."""
    m = get_method(method)
    run = RunDir(run_dir)
    cfg = method_config(cfg, m)
    if not run.pairs.is_file():
        raise UserError(f"{run.pairs}: no such file; run `finalign data --out {run.root}` first")
    if m.starts_from and not run.has_adapter(m.starts_from):
        raise UserError(f"{run.adapter(m.starts_from)}: no {m.starts_from} adapter; train --method {m.starts_from} "
                        f"before --method {m.name}")
    settings = method_settings(cfg, m)
    work = run.work(m.name)
    if resume:
        _check_resumable(work, settings)
    base_path = resolve_model(cfg.model)  # a bad --model fails before any checkpoint is touched
    set_threads(cfg.threads)
    checkpoint = common.latest_checkpoint(work) if resume else None
    main = int(os.environ.get("RANK", "0")) == 0  # under `accelerate launch`, one process owns the folders
    if main:
        if not resume and work.exists():
            shutil.rmtree(work)  # a fresh start: stale checkpoints must not be mixed in
        work.mkdir(parents=True, exist_ok=True)
        write_json(work / SETTINGS_FILE, settings)

    tokenizer = load_tokenizer(base_path)
    model = load_model(base_path)
    trainer = TRAINERS[m.trainer](cfg, model, tokenizer, run, m, quiet=quiet)
    trainer.add_callback(common.JsonlLogger(work / "train_log.jsonl", m.name))
    trainer.add_callback(common.CheckpointSeal())
    trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    trainer.accelerator.wait_for_everyone()
    if not trainer.is_world_process_zero():
        return run.adapter(m.name)  # the main process saves the one adapter
    return common.save_outputs(trainer, run, cfg, m.name, cfg.model)
