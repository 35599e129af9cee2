"""`finalign train`: one entry point for every method; each method is a small builder in a dict.

    finalign train --run runs/quick --method sft [--resume]

Writes ``lora_finetuned_model/<method>/`` (PEFT layout + model card + training_config.json +
train_log.jsonl) inside the run folder. Works unchanged under ``accelerate launch`` on several GPUs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from finalign.config import Config
from finalign.errors import UserError
from finalign.finetune import common, dpo, sft
from finalign.models import load_model, load_tokenizer, resolve_model

PAIRS_FILE = "synthetic_preferences.jsonl"


def _sft(cfg, model, tok, pairs, run_dir, quiet):
    return sft.build_trainer(cfg, model, tok, pairs, run_dir, quiet=quiet)


def _seed(cfg, model, tok, pairs, run_dir, quiet):
    return sft.build_trainer(cfg, model, tok, pairs, run_dir, seed_recipe=True, quiet=quiet)


def _dpo(cfg, model, tok, pairs, run_dir, quiet):
    return dpo.build_trainer(cfg, model, tok, pairs, run_dir, quiet=quiet)


def _sft_then_dpo(cfg, model, tok, pairs, run_dir, quiet):
    sft_adapter = common.adapter_dir(run_dir, "sft")
    if not (sft_adapter / "adapter_model.safetensors").is_file():
        raise UserError(f"{sft_adapter}: no SFT adapter; train --method sft before --method sft+dpo")
    return dpo.build_trainer(cfg, model, tok, pairs, run_dir, method="sft+dpo", sft_adapter=sft_adapter, quiet=quiet)


BUILDERS: dict[str, Callable] = {"sft": _sft, "dpo": _dpo, "sft+dpo": _sft_then_dpo, "seed": _seed}


def train(cfg: Config, run_dir: str | Path, method: str, *, resume: bool = False, quiet: bool = False) -> Path:
    """Train one method's adapter into ``run_dir`` and return its folder."""
    if method not in BUILDERS:
        raise UserError(f"unknown method {method!r}; choose from {', '.join(BUILDERS)}")
    run_dir = Path(run_dir)
    if method == "seed":
        cfg = sft.seed_recipe(cfg)
    pairs = run_dir / PAIRS_FILE
    if not pairs.is_file():
        raise UserError(f"{pairs}: no such file; run `finalign data --out {run_dir}` first")
    base_path = resolve_model(cfg.model)  # a bad --model fails before any checkpoint is touched
    common.set_threads(cfg.threads)
    work = common.work_dir(run_dir, method)
    checkpoint = common.latest_checkpoint(work) if resume else None
    if not resume and work.exists():
        shutil.rmtree(work)  # a fresh start: stale checkpoints must not be mixed in
    work.mkdir(parents=True, exist_ok=True)

    tokenizer = load_tokenizer(base_path)
    model = load_model(base_path)
    trainer = BUILDERS[method](cfg, model, tokenizer, pairs, run_dir, quiet)
    trainer.add_callback(common.JsonlLogger(work / "train_log.jsonl", method))
    trainer.add_callback(common.CheckpointSeal())
    trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    return common.save_outputs(trainer, run_dir, cfg, method, cfg.model, pairs)
