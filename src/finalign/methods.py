"""The training methods, in one table: what each trains from, which settings it reads, how it is shown.

The CLI's choices, training, the order of models in eval, the charts' colours and the report's notes all read
:data:`METHODS`; a new method is one entry here (plus a trainer builder in finetune/train.py if it needs a new
kind of trainer). Nothing heavy is imported, so the report and charts can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

# Train settings that change the weights, by trainer. logging_steps, save_steps and report_to are bookkeeping:
# they are not part of a stage's key, so changing them never retrains.
_SHARED = ("batch_size", "grad_accum", "max_length", "gradient_checkpointing", "dtype", "warmup_ratio",
           "eval_steps", "eval_max_rows", "seed")
SFT_FIELDS = (*_SHARED, "epochs", "lr", "pad_to_max_length", "group_by_length", "lora")
PREFERENCE_FIELDS = ("dpo_beta", "dpo_loss_type")
DPO_FIELDS = (*_SHARED, "dpo_epochs", "dpo_lr", *PREFERENCE_FIELDS, "dpo_max_pairs", "lora")
# On-policy methods sample their own answers; on-policy DPO has its own step size, passes and SFT term.
_SAMPLING = ("onpolicy_prompts", "onpolicy_samples", "onpolicy_temperature", "onpolicy_top_p", "onpolicy_max_new_tokens")
_ODPO = ("odpo_lr", "odpo_epochs", "odpo_sft_weight")
_UNCHECKED = tuple(f for f in _SHARED if f not in ("eval_steps", "eval_max_rows"))  # no held-out check in training
ODPO_FIELDS = (*_UNCHECKED, *_ODPO, *PREFERENCE_FIELDS, *_SAMPLING, "odpo_margin", "lora")
GRPO_FIELDS = (*_UNCHECKED, *_SAMPLING, "grpo_lr", "grpo_epochs", "grpo_beta")
TRAINER_FIELDS = {"sft": SFT_FIELDS, "dpo": DPO_FIELDS, "odpo": ODPO_FIELDS, "grpo": GRPO_FIELDS}

# The seed tutorial's recipe (`--method seed`), whatever the profile says: the baseline is always the same.
SEED_RECIPE = MappingProxyType({
    "epochs": 1.0, "batch_size": 4, "grad_accum": 1, "lr": 1e-4, "max_length": 512,
    "pad_to_max_length": True,  # the tutorial padded every example to 512 tokens
    "group_by_length": False,  # a plain shuffled loader
    "dtype": "fp32",  # the tutorial trained in float32
})


@dataclass(frozen=True)
class Method:
    name: str
    trainer: str  # a key of TRAINER_FIELDS ("odpo": on-policy DPO): the trainer that finetune/train.py builds for it
    description: str  # one line for --help and results.md
    color: str  # its colour in every chart
    starts_from: str | None = None  # the method whose adapter it continues (trained first); None = the base model
    recipe: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # fixed train settings
    loss_on_prompt: bool = False  # the tutorial's loss on prompt + answer alike (SFT only)

    @property
    def fields(self) -> tuple[str, ...]:
        """The train settings this method reads from the config (its recipe fixes the rest)."""
        every = TRAINER_FIELDS[self.trainer]
        if self.starts_from:  # the LoRA shape comes from the adapter it continues
            every = tuple(f for f in every if f != "lora")
        return tuple(f for f in every if f not in self.recipe)

    @property
    def rewarded_by_grader(self) -> bool:
        """Its training data are the grader's verdicts on sampled answers: its weights depend on the grader's code."""
        return self.trainer in ("odpo", "grpo")

    @property
    def hparams(self) -> tuple[str, ...]:
        """The settings results.md shows for it: its trainer's learning rate and epochs first, then DPO's beta and loss
        and any other setting of its own."""
        return {"sft": ("lr", "epochs"), "dpo": ("dpo_lr", "dpo_epochs", *PREFERENCE_FIELDS),
                "odpo": (*_ODPO, *PREFERENCE_FIELDS, "onpolicy_samples", "odpo_margin"),
                "grpo": ("grpo_lr", "grpo_epochs", "grpo_beta", "onpolicy_samples")}[self.trainer]


# In display order: the order of models in eval, tables and charts (after base).
METHODS: dict[str, Method] = {m.name: m for m in (
    Method("seed", "sft", "the tutorial's SFT recipe (loss on prompt + answer alike, fixed 512-token padding, fp32)",
           "#9467bd", recipe=SEED_RECIPE, loss_on_prompt=True),
    Method("sft", "sft", "SFT on the chosen answers (loss on the answer tokens)", "#1f77b4"),
    Method("dpo", "dpo", "DPO from the base model", "#ff7f0e"),
    Method("sft+dpo", "dpo", "DPO starting from the sft adapter", "#2ca02c", starts_from="sft"),
    Method("sft+odpo", "odpo", "on-policy DPO from the sft adapter: its own sampled answers, best vs worst by the grader",
           "#d62728", starts_from="sft"),
    Method("sft+grpo", "grpo", "GRPO from the sft adapter: the grader's scorers and a gate penalty as rewards",
           "#8c564b", starts_from="sft"),
)}
BASE_COLOR = "#7f7f7f"
# Every other tuned model is also compared with this one (results.md: "Methods on the same footing"); the
# preference and on-policy methods start from it.
REFERENCE_METHOD = "sft"


def get_method(name: str) -> Method:
    from finalign.errors import UserError

    if name not in METHODS:
        raise UserError(f"unknown method {name!r}; choose from {', '.join(METHODS)}")
    return METHODS[name]
