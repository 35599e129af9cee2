"""Supervised fine-tuning on the chosen answers, with TRL's SFTTrainer and a LoRA adapter.

    finalign train --run runs/quick --method sft

Loss on the answer tokens only: TRL's prompt-completion form masks the prompt (SmolLM2's chat template
has no generation markers, so `assistant_only_loss` cannot work). Batches are padded dynamically and
grouped by length: the tutorial's fixed 512-token padding made a CPU step ~7x slower (docs/benchmarks.md).
The seed recipe (`--method seed`) keeps that padding and the loss on the whole text, as a baseline.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from finalign.config import Config
from finalign.finetune import common


def seed_recipe(cfg: Config) -> Config:
    """The tutorial's settings, whatever the profile says: `--method seed` is always the same baseline."""
    train = dataclasses.replace(cfg.train, epochs=1.0, batch_size=4, grad_accum=1, lr=1e-4, max_length=512,
                                pad_to_max_length=True, group_by_length=False, dtype="fp32")
    return dataclasses.replace(cfg, train=train)


def sft_config(cfg: Config, run_dir: Path, *, seed_recipe: bool, quiet: bool):
    from trl import SFTConfig

    method = "seed" if seed_recipe else "sft"
    args = common.trainer_args(cfg, common.work_dir(run_dir, method), lr=cfg.train.lr,
                               epochs=cfg.train.epochs, quiet=quiet)
    return SFTConfig(
        **args,
        max_length=cfg.train.max_length,
        # The seed padded every example to 512 tokens and trained on prompt + answer alike.
        pad_to_multiple_of=cfg.train.max_length if cfg.train.pad_to_max_length else None,
        completion_only_loss=not seed_recipe,
        dataset_num_proc=None,
        packing=False,
    )


def build_trainer(cfg: Config, model, tokenizer, pairs_path: Path, run_dir: Path, *,
                  seed_recipe: bool = False, quiet: bool = False):
    from trl import SFTTrainer

    args = sft_config(cfg, run_dir, seed_recipe=seed_recipe, quiet=quiet)
    return SFTTrainer(
        model=model,
        args=args,
        train_dataset=common.to_dataset(common.sft_rows(pairs_path, "train", tokenizer)),
        eval_dataset=common.to_dataset(common.sft_rows(pairs_path, "eval", tokenizer), cfg.train.eval_max_rows),
        processing_class=tokenizer,
        peft_config=common.lora_config(cfg, model),
    )
