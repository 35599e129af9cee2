"""Direct preference optimisation on the (chosen, rejected) pairs, with TRL's DPOTrainer and LoRA.

    finalign train --run runs/quick --method dpo       # from the base model
    finalign train --run runs/quick --method sft+dpo   # from the SFT adapter (train sft first)

No second copy of the model is loaded: from the base, the reference is the base with the adapter
disabled; from an SFT adapter, TRL keeps a frozen copy of that adapter ("ref") as the reference, so DPO
moves the policy away from the SFT model, not from the untuned base.
"""

from __future__ import annotations

from pathlib import Path

from finalign.config import Config
from finalign.finetune import common
from finalign.layout import RunDir
from finalign.methods import Method


def dpo_config(cfg: Config, work: Path, *, quiet: bool, lr: float, epochs: float, sft_weight: float = 0.0,
               held_out: bool = True):
    from trl import DPOConfig

    t = cfg.train
    args = common.trainer_args(cfg, work, lr=lr, epochs=epochs, quiet=quiet)
    # Trainer's length grouping reads `input_ids`, which DPO rows don't have (prompt/chosen/rejected ids).
    args["train_sampling_strategy"] = "random"
    if not held_out:
        args.update(eval_strategy="no", eval_steps=None)
    # A pair is two sequences (chosen + rejected): at most half the pairs per micro-batch keeps SFT's memory per
    # micro-batch, and the micro-batch is a divisor of batch_size so that the effective batch stays exactly
    # batch_size x grad_accum pairs (5 -> 1 pair x 5 steps; 6 -> 3 x 2).
    if t.batch_size > 1:
        micro = max(d for d in range(1, t.batch_size // 2 + 1) if t.batch_size % d == 0)
        args.update(per_device_train_batch_size=micro, per_device_eval_batch_size=micro,
                    gradient_accumulation_steps=t.grad_accum * t.batch_size // micro)
    losses = {t.dpo_loss_type: 1.0}
    if sft_weight:  # TRL's multi-loss: the preference loss plus an NLL term on the chosen answer
        losses["sft"] = losses.get("sft", 0.0) + sft_weight
    return DPOConfig(**args, beta=t.dpo_beta, loss_type=list(losses), loss_weights=list(losses.values()),
                     max_length=t.max_length, pad_to_multiple_of=None)


def build_trainer(cfg: Config, model, tokenizer, run: RunDir, method: Method, *, quiet: bool = False,
                  train_rows: list[dict] | None = None, lr: float | None = None, epochs: float | None = None,
                  sft_weight: float = 0.0, held_out: bool = True):
    """DPOTrainer on the run's train pairs, or on ``train_rows`` (prompt / chosen / rejected in TRL's format);
    ``lr`` and ``epochs`` default to the offline DPO's, ``sft_weight`` (an NLL term on the chosen answer) to none;
    ``held_out`` checks the run's held-out pairs during training."""
    from trl import DPOTrainer

    peft_config = None
    if method.starts_from:
        model = common.continue_adapter(model, run, method)
    else:
        peft_config = common.lora_config(cfg, model)
    return DPOTrainer(
        model=model,
        args=dpo_config(cfg, run.work(method.name), quiet=quiet, lr=lr or cfg.train.dpo_lr,
                        epochs=epochs or cfg.train.dpo_epochs, sft_weight=sft_weight, held_out=held_out),
        train_dataset=(common.to_dataset(train_rows) if train_rows is not None else
                       common.to_dataset(common.dpo_rows(run.pairs, "train", tokenizer), cfg.train.dpo_max_pairs)),
        eval_dataset=(common.to_dataset(common.dpo_rows(run.pairs, "eval", tokenizer), cfg.train.eval_max_rows)
                      if held_out else None),
        processing_class=tokenizer,
        peft_config=peft_config,
    )
