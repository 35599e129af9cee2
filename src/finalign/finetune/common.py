"""What SFT and DPO share: datasets in TRL's formats, LoRA settings, precision, logging, checkpoints.

Checkpoints: the Trainer writes ``checkpoint-N/`` folders; a callback then writes ``finalign_checkpoint.json``
(the sha256 of every file) as the *last* thing. `--resume` only loads a checkpoint whose marker exists and
whose hashes match: a folder cut short by a crash is skipped with a warning, and files we did not write are
never unpickled.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import torch
from transformers import TrainerCallback

from finalign.config import Config, to_dict
from finalign.data_gen.synth_data import load_pairs
from finalign.errors import UserError
from finalign.hardware import choose_precision
from finalign.io import append_jsonl, sha256_file, write_json, write_text
from finalign.layout import RunDir
from finalign.methods import Method
from finalign.models import has_chat_template, lora_targets, plain_prompt

CHECKPOINT_MARKER = "finalign_checkpoint.json"


# ---- data -------------------------------------------------------------------------------------


def _prompt(tokenizer, messages: list[dict]) -> Any:
    return messages if has_chat_template(tokenizer) else plain_prompt(messages[-1]["content"])


def _answer(tokenizer, messages: list[dict]) -> Any:
    # Plain-text completions start with a space after "Answer:"; TRL appends the EOS token itself.
    return messages if has_chat_template(tokenizer) else " " + messages[-1]["content"]


def sft_rows(pairs_path: Path, split: str, tokenizer) -> list[dict]:
    """Prompt-completion rows from the chosen answers, one per distinct (prompt, chosen) pair."""
    rows, seen = [], set()
    for pair in load_pairs(pairs_path, split=split):
        key = (pair["prompt"][-1]["content"], pair["chosen"][-1]["content"])
        if key not in seen:
            seen.add(key)
            rows.append({"prompt": _prompt(tokenizer, pair["prompt"]),
                         "completion": _answer(tokenizer, pair["chosen"])})
    return rows


def continue_adapter(model, run: RunDir, method: Method):
    """``model`` with the adapter of the method that ``method`` starts from, trainable: a method that continues it."""
    from peft import PeftModel

    return PeftModel.from_pretrained(model, str(run.adapter(method.starts_from)), is_trainable=True)


def prompt_field(tokenizer, question: str) -> Any:
    """A user question as TRL's prompt field (conversational where the tokenizer has a chat template)."""
    return _prompt(tokenizer, [{"role": "user", "content": question}])


def preference_row(tokenizer, question: str, chosen: str, rejected: str) -> dict:
    """One DPO row in TRL's format (conversational where the tokenizer has a chat template)."""
    return {"prompt": prompt_field(tokenizer, question),
            "chosen": _answer(tokenizer, [{"role": "assistant", "content": chosen}]),
            "rejected": _answer(tokenizer, [{"role": "assistant", "content": rejected}])}


def dpo_rows(pairs_path: Path, split: str, tokenizer) -> list[dict]:
    return [
        {"prompt": _prompt(tokenizer, p["prompt"]), "chosen": _answer(tokenizer, p["chosen"]),
         "rejected": _answer(tokenizer, p["rejected"])}
        for p in load_pairs(pairs_path, split=split)
    ]


def to_dataset(rows: list[dict], limit: int = 0):
    """A datasets.Dataset of the first ``limit`` rows (0 = all; scenarios cycle through the situations)."""
    from datasets import Dataset

    rows = rows[:limit] if limit else rows
    if not rows:
        raise UserError("no training examples: the preference file has no rows for this split")
    return Dataset.from_list(rows)


# ---- LoRA -------------------------------------------------------------------------------------


def lora_config(cfg: Config, model):
    from peft import LoraConfig

    lora = cfg.train.lora
    targets = lora_targets(model) if lora.target_modules == "auto" else lora.target_modules.split(",")
    return LoraConfig(
        r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout, target_modules=targets,
        task_type="CAUSAL_LM", bias="none",
        fan_in_fan_out=model.config.model_type == "gpt2",  # GPT-2 stores its linear layers as Conv1D
    )


def trainer_args(cfg: Config, work: Path, *, lr: float, epochs: float, quiet: bool) -> dict[str, Any]:
    """TrainingArguments shared by the SFT and DPO trainers (``work``: the method's checkpoint folder)."""
    t = cfg.train
    return dict(
        output_dir=str(work / "checkpoints"),
        num_train_epochs=epochs,
        per_device_train_batch_size=t.batch_size,
        per_device_eval_batch_size=t.batch_size,
        gradient_accumulation_steps=t.grad_accum,
        learning_rate=lr,
        lr_scheduler_type="cosine",
        warmup_steps=t.warmup_ratio,  # a float < 1 is a ratio of the total steps
        logging_steps=t.logging_steps,
        eval_strategy="steps" if t.eval_steps else "epoch",
        eval_steps=t.eval_steps or None,
        save_strategy="steps",
        save_steps=t.save_steps,
        save_total_limit=2,
        bf16=choose_precision(t.dtype).bf16,
        use_cpu=not torch.cuda.is_available(),  # bf16 autocast on a CPU must be asked for explicitly
        activation_checkpointing=t.gradient_checkpointing,  # (the new name of gradient_checkpointing)
        train_sampling_strategy="group_by_length" if t.group_by_length else "random",
        seed=t.seed,
        data_seed=t.seed,
        report_to=[] if t.report_to == "none" else [t.report_to],
        disable_tqdm=quiet,
        dataloader_num_workers=0,
        save_only_model=False,
    )


# ---- logging ----------------------------------------------------------------------------------


class JsonlLogger(TrainerCallback):
    """Append every logged step (loss, lr, DPO rewards...) to train_log.jsonl as it happens."""

    def __init__(self, path: Path, method: str):
        self.path, self.method = path, method

    def on_train_begin(self, args, state, control, **kwargs):
        # After a resume, drop lines from steps that are about to be redone (one process writes the log).
        if state.is_world_process_zero and self.path.exists():
            keep = [line for line in self.path.read_text().splitlines()
                    if json.loads(line).get("step", 0) <= state.global_step]
            write_text(self.path, "".join(line + "\n" for line in keep))

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs and state.is_world_process_zero:
            row = {"method": self.method, "step": state.global_step, "epoch": state.epoch}
            row.update({k: v for k, v in logs.items() if isinstance(v, (int, float))})
            append_jsonl(self.path, row)


class CheckpointSeal(TrainerCallback):
    """Write the checkpoint's file hashes last, so only complete checkpoints are ever resumed."""

    def on_save(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        if folder.is_dir():
            hashes = {str(p.relative_to(folder)): sha256_file(p) for p in sorted(folder.rglob("*"))
                      if p.is_file() and p.name != CHECKPOINT_MARKER}
            write_json(folder / CHECKPOINT_MARKER, {"step": state.global_step, "sha256": hashes})


def _sealed(folder: Path) -> bool:
    marker = folder / CHECKPOINT_MARKER
    if not marker.is_file():
        return False
    try:
        hashes = json.loads(marker.read_text())["sha256"]
    except (ValueError, KeyError):
        return False
    return all((folder / name).is_file() and sha256_file(folder / name) == digest for name, digest in hashes.items())


def latest_checkpoint(out: Path) -> Path | None:
    """The newest sealed ``checkpoint-N`` folder; unsealed or altered ones are skipped with a warning."""
    folders = sorted((out / "checkpoints").glob("checkpoint-*"),
                     key=lambda p: int(re.sub(r"\D", "", p.name) or 0), reverse=True)
    for folder in folders:
        if _sealed(folder):
            return folder
        warnings.warn(f"skipping incomplete or unrecognised checkpoint {folder}", stacklevel=2)
    return None


# ---- outputs ----------------------------------------------------------------------------------

MODEL_CARD = """---
base_model: {base_model}
library_name: peft
pipeline_tag: text-generation
tags: [lora, {method}, finalign, synthetic-data]
datasets_sha256: {dataset_sha}
---

# finalign LoRA adapter: `{method}`

A LoRA adapter for `{base_model}` trained by [finalign](https://github.com/) with TRL ({trainer}) on
synthetic debt-payoff preference data (`{dataset}`, sha256 `{dataset_sha}`).

- **Intended use:** studying alignment methods end to end on a laptop; grading and comparing models with
  finalign's metrics.
- **Limitations:** the training data are synthetic and templated; a 135M model cannot do arithmetic and
  will state wrong figures. **This is not financial advice** and must not be used to give any.
- **Training config:** see `training_config.json` beside this file.
"""


def save_outputs(trainer, run: RunDir, cfg: Config, method: str, base_model: str) -> Path:
    """Adapter (PEFT layout), model card, resolved config and train log, renamed into place at the end."""
    final = run.adapter(method)
    tmp = final.with_name(f".{final.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    trainer.model.save_pretrained(str(tmp), selected_adapters=["default"])
    shutil.copy(run.work(method) / "train_log.jsonl", tmp / "train_log.jsonl")
    write_text(tmp / "README.md", MODEL_CARD.format(
        base_model=base_model, method=method, dataset=run.pairs.name, dataset_sha=sha256_file(run.pairs),
        trainer=type(trainer).__name__))
    write_json(tmp / "training_config.json", to_dict(cfg))
    if final.exists():
        shutil.rmtree(final)
    os.replace(tmp, final)
    return final
