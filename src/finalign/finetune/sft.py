"""Supervised fine-tuning on the chosen answers, with TRL's SFTTrainer and a LoRA adapter.

    finalign train --run runs/quick --method sft

Loss on the answer tokens only: TRL's prompt-completion form masks the prompt (SmolLM2's chat template
has no generation markers, so `assistant_only_loss` cannot work). Batches are padded dynamically and
grouped by length: the tutorial's fixed 512-token padding made a CPU step ~7x slower (docs/benchmarks.md).
The seed recipe (`--method seed`, methods.SEED_RECIPE) keeps that padding and the loss on the whole text, as a
baseline.
"""

from __future__ import annotations

from pathlib import Path

from finalign.config import Config
from finalign.finetune import common
from finalign.layout import RunDir
from finalign.methods import Method


def sft_config(cfg: Config, work: Path, method: Method, *, quiet: bool):
    from trl import SFTConfig

    args = common.trainer_args(cfg, work, lr=cfg.train.lr, epochs=cfg.train.epochs, quiet=quiet)
    return SFTConfig(
        **args,
        max_length=cfg.train.max_length,
        # The seed padded every example to max_length tokens and trained on prompt + answer alike.
        pad_to_multiple_of=cfg.train.max_length if cfg.train.pad_to_max_length else None,
        completion_only_loss=not method.loss_on_prompt,
        dataset_num_proc=None,
        packing=False,
    )


def build_trainer(cfg: Config, model, tokenizer, run: RunDir, method: Method, *, quiet: bool = False):
    from trl import SFTTrainer

    return SFTTrainer(
        model=model,
        args=sft_config(cfg, run.work(method.name), method, quiet=quiet),
        train_dataset=common.to_dataset(common.sft_rows(run.pairs, "train", tokenizer)),
        eval_dataset=common.to_dataset(common.sft_rows(run.pairs, "eval", tokenizer), cfg.train.eval_max_rows),
        processing_class=tokenizer,
        peft_config=common.lora_config(cfg, model),
    )
