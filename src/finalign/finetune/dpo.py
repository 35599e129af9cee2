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


def dpo_config(cfg: Config, run_dir: Path, method: str, *, quiet: bool):
    from trl import DPOConfig

    t = cfg.train
    args = common.trainer_args(cfg, common.work_dir(run_dir, method), lr=t.dpo_lr, epochs=t.dpo_epochs, quiet=quiet)
    # Trainer's length grouping reads `input_ids`, which DPO rows don't have (prompt/chosen/rejected ids).
    args["train_sampling_strategy"] = "random"
    # A pair is two sequences (chosen + rejected): half the pairs per micro-batch and twice the accumulation
    # keep SFT's memory per micro-batch and its effective batch size.
    if t.batch_size > 1:
        half = t.batch_size // 2
        args.update(per_device_train_batch_size=half, per_device_eval_batch_size=half,
                    gradient_accumulation_steps=t.grad_accum * t.batch_size // half)
    return DPOConfig(**args, beta=t.dpo_beta, loss_type=[t.dpo_loss_type], max_length=t.max_length,
                     pad_to_multiple_of=None)


def build_trainer(cfg: Config, model, tokenizer, pairs_path: Path, run_dir: Path, *,
                  method: str = "dpo", sft_adapter: Path | None = None, quiet: bool = False):
    from trl import DPOTrainer

    peft_config = None
    if sft_adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(sft_adapter), is_trainable=True)
    else:
        peft_config = common.lora_config(cfg, model)
    return DPOTrainer(
        model=model,
        args=dpo_config(cfg, run_dir, method, quiet=quiet),
        train_dataset=common.to_dataset(common.dpo_rows(pairs_path, "train", tokenizer), cfg.train.dpo_max_pairs),
        eval_dataset=common.to_dataset(common.dpo_rows(pairs_path, "eval", tokenizer), cfg.train.eval_max_rows),
        processing_class=tokenizer,
        peft_config=peft_config,
    )
