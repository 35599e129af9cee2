"""Typed, frozen dataclasses: the single source of truth for every setting.

A YAML profile under ``configs/`` holds only the values that differ from these defaults (each with a
comment saying why); ``--set section.key=value`` on the command line overrides both. An unknown key, a value
of the wrong type or out of its range (``_checked``) is a :class:`UserError` naming the key, the value and the
file, raised when the config loads: before any model is touched.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from finalign.errors import UserError
from finalign.models import DEFAULT_MODEL  # defined once, beside the model it names


def _checked(default: Any, *, ge: float | None = None, gt: float | None = None, le: float | None = None,
             lt: float | None = None, choices: tuple | None = None) -> Any:
    """A field with its valid range, checked when a config loads (before any model is touched)."""
    bounds = {k: v for k, v in (("ge", ge), ("gt", gt), ("le", le), ("lt", lt)) if v is not None}
    return field(default=default, metadata={"bounds": bounds, "choices": choices})


DPO_LOSS_TYPES = ("sigmoid", "hinge", "ipo", "exo_pair", "nca_pair", "robust", "bco_pair", "sppo_hard", "aot",
                  "aot_unpaired", "apo_zero", "apo_down", "discopop", "sft", "sigmoid_norm")  # TRL 1.x DPOConfig


@dataclass(frozen=True)
class DataConfig:
    seed: int = 0
    n_train_scenarios: int = _checked(96, ge=8)  # generated scenarios for training (at least one per situation)
    n_eval_scenarios: int = _checked(24, ge=1)  # generated held-out scenarios; the 5 seed scenarios are added
    rejected_per_scenario: int = _checked(2, ge=1, le=4)  # failure modes sampled per scenario; one pair each
    # "facts_first": every answer opens by restating the figures it uses (synth_data._facts); "rule_words": the split
    # is a rule in words and no computed figure is given (synth_data._split_words); "plain": neither
    answer_style: str = _checked("plain", choices=("plain", "facts_first", "rule_words"))


@dataclass(frozen=True)
class LoraSettings:
    r: int = _checked(16, ge=1)
    alpha: int = _checked(32, gt=0)
    dropout: float = _checked(0.0, ge=0, lt=1)  # measured: 0.05 cost ~15% speed and ~30% memory
    target_modules: str = "auto"  # "auto" = every linear layer of the architecture (models.lora_targets)


@dataclass(frozen=True)
class TrainConfig:
    methods: tuple[str, ...] = ("sft", "sft+dpo")  # names from finalign.methods.METHODS
    epochs: float = _checked(2.0, gt=0)
    batch_size: int = _checked(8, ge=1)
    grad_accum: int = _checked(1, ge=1)
    lr: float = _checked(2e-4, gt=0, lt=1)
    max_length: int = _checked(512, ge=32)  # prompt + answer tokens; longer examples are truncated
    pad_to_max_length: bool = False  # the seed recipe's fixed padding; slow, kept only as a baseline
    group_by_length: bool = True
    gradient_checkpointing: bool = False
    dtype: str = _checked("auto", choices=("auto", "bf16", "fp32"))  # auto: bf16 only where native (hardware.py)
    dpo_beta: float = _checked(0.1, gt=0)
    dpo_loss_type: str = _checked("sigmoid", choices=DPO_LOSS_TYPES)
    dpo_epochs: float = _checked(1.0, gt=0)
    dpo_lr: float = _checked(5e-5, gt=0, lt=1)
    dpo_max_pairs: int = _checked(0, ge=0)  # 0 = every train pair; a cap keeps DPO (~3x an SFT step) in budget
    # On-policy methods (sft+odpo, sft+grpo) sample answers to train prompts from the sft adapter and grade them.
    onpolicy_prompts: int = _checked(48, ge=1)  # train prompts sampled (the first n train scenarios)
    onpolicy_samples: int = _checked(4, ge=2)  # answers per prompt (GRPO's group size)
    onpolicy_temperature: float = _checked(0.8, gt=0)
    # 1.0 samples the policy's own distribution (TRL's GRPO default); a 0.9 nucleus cost 9% more time per batch here
    onpolicy_top_p: float = _checked(1.0, gt=0, le=1)
    onpolicy_max_new_tokens: int = _checked(128, ge=1)  # the longest sampled answer
    odpo_margin: float = _checked(0.1, ge=0, lt=1)  # least goodness gap between a pair's best and worst answer
    # On-policy DPO's own step size and passes over its pairs, measured on the quick profile (README, "Results"):
    # 1e-4 moved nothing (+0.005 over sft), 5e-4 looped, three passes at 1e-4 lost out of template; 2e-4: +0.05.
    odpo_lr: float = _checked(2e-4, gt=0, lt=1)
    odpo_epochs: float = _checked(1.0, gt=0)
    # Weight of an SFT (NLL) term on the chosen answer beside the DPO loss (TRL's loss_type [..., "sft"], as in RPO);
    # 0 = DPO alone. A guard against pushing the chosen answers down with the rejected ones; at 2e-4 the gain was the
    # same with it and without it, and at 5e-4 it did not stop the loops.
    odpo_sft_weight: float = _checked(1.0, ge=0)
    grpo_lr: float = _checked(2e-5, gt=0, lt=1)
    grpo_epochs: float = _checked(1.0, gt=0)  # passes over the onpolicy_prompts
    grpo_beta: float = _checked(0.0, ge=0)  # KL weight; 0 (TRL's default) needs no reference model
    eval_max_rows: int = _checked(0, ge=0)  # 0 = every held-out row for the during-training checks
    warmup_ratio: float = _checked(0.05, ge=0, lt=1)
    logging_steps: int = _checked(5, ge=1)
    eval_steps: int = _checked(0, ge=0)  # 0 = evaluate on the held-out pairs once per epoch
    save_steps: int = _checked(20, ge=1)  # checkpoints for --resume
    seed: int = 0
    report_to: str = "none"  # or "tensorboard", "wandb", ...
    lora: LoraSettings = field(default_factory=LoraSettings)


@dataclass(frozen=True)
class EvalConfig:
    max_new_tokens: int = _checked(160, ge=1)
    batch_size: int = _checked(16, ge=1)  # docs/benchmarks.md: 1.4x the tokens/s of batch 8 on 2 cores
    # The weights answers are generated with; auto: bf16 only where native (hardware.py): 2.36x the tokens/s of
    # fp32 on an AMD EPYC (docs/benchmarks.md)
    dtype: str = _checked("auto", choices=("auto", "bf16", "fp32"))
    do_sample: bool = False
    temperature: float = _checked(0.7, gt=0)
    top_p: float = _checked(0.9, gt=0, le=1)
    num_samples: int = _checked(1, ge=1)  # samples per scenario (sampling mode only)
    seed: int = 0
    n_bootstrap: int = _checked(2000, ge=100)
    model_metrics: bool = True  # preference accuracy, perplexity, capability retention


@dataclass(frozen=True)
class Config:
    name: str = "quick"
    model: str = DEFAULT_MODEL
    threads: int = _checked(0, ge=0)  # torch intra-op threads; 0 = one per physical core
    data: DataConfig = field(default_factory=DataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    eval: EvalConfig = field(default_factory=EvalConfig)


# ---- loading ----------------------------------------------------------------------------------


def _coerce(value: Any, tp: Any, key: str, source: str) -> Any:
    """Check ``value`` against the annotation ``tp`` (ints widen to floats, lists become tuples)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        (tp,) = [a for a in args if a is not type(None)]
        return _coerce(value, tp, key, source)
    if origin is tuple:
        (item_tp, _) = typing.get_args(tp)
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise UserError(f"{source}: key '{key}' must be a list, got {value!r}")
        return tuple(_coerce(v, item_tp, key, source) for v in value)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    raise UserError(f"{source}: key '{key}' must be of type {getattr(tp, '__name__', tp)}, got {value!r}")


def _build(cls: type, raw: dict[str, Any], prefix: str, source: str) -> Any:
    if not isinstance(raw, dict):
        raise UserError(f"{source}: key '{prefix.rstrip('.') or '<root>'}' must be a mapping")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in raw.items():
        full = f"{prefix}{key}"
        if key not in fields:
            raise UserError(f"{source}: unknown key '{full}'")
        tp = hints[key]
        if dataclasses.is_dataclass(tp):
            kwargs[key] = _build(tp, value, f"{full}.", source)
        else:
            kwargs[key] = _coerce(value, tp, full, source)
            _check_range(fields[key], kwargs[key], full, source)
    return cls(**kwargs)


_BOUND_TEXT = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}
_BOUND_OK = {"ge": lambda x, b: x >= b, "gt": lambda x, b: x > b, "le": lambda x, b: x <= b, "lt": lambda x, b: x < b}


def _check_range(f: dataclasses.Field, value: Any, key: str, source: str) -> None:
    """One line naming the key, its value and its valid range (cli exits 2 on it)."""
    bounds, choices = f.metadata.get("bounds", {}), f.metadata.get("choices")
    if f.name == "methods":
        from finalign.methods import METHODS

        choices = tuple(METHODS)
        if not value:
            raise UserError(f"{source}: key '{key}' is empty; choose one or more of {', '.join(choices)}")
    for item in value if isinstance(value, tuple) else (value,):
        if choices is not None and item not in choices:
            raise UserError(f"{source}: key '{key}' = {item!r} is not one of {', '.join(map(str, choices))}")
    if bounds and not all(_BOUND_OK[k](value, b) for k, b in bounds.items()):
        valid = " and ".join(f"{_BOUND_TEXT[k]} {b:g}" for k, b in bounds.items())
        raise UserError(f"{source}: key '{key}' = {value!r} is out of range (valid: {valid})")


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def parse_overrides(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``["train.lr=1e-4", "model=gpt2"]`` -> nested dict, values parsed as YAML scalars."""
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise UserError(f"--set {item!r}: expected section.key=value")
        dotted, value = item.split("=", 1)
        node = out
        *parents, leaf = dotted.strip().split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = _scalar(value)
    return out


def _scalar(text: str) -> Any:
    """Parse a command-line value: numbers first (YAML reads "1e-4" as a string), then YAML."""
    for parse in (int, float):
        try:
            return parse(text)
        except ValueError:
            pass
    return yaml.safe_load(text) if text.strip() else text


def profile_path(name_or_path: str | Path) -> Path:
    """A profile name (``quick``) resolves to ``configs/quick.yaml`` in the repo; a path is used as is."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml"):
        return path
    repo_configs = Path(__file__).resolve().parents[2] / "configs"
    for candidate in (Path("configs") / f"{name_or_path}.yaml", repo_configs / f"{name_or_path}.yaml"):
        if candidate.is_file():
            return candidate
    raise UserError(f"config {name_or_path!r}: no such file or profile (looked in ./configs and {repo_configs})")


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Defaults <- YAML file (if any) <- ``--set`` overrides."""
    raw: dict[str, Any] = {}
    source = "defaults"
    if path is not None:
        path = profile_path(path)
        if not path.is_file():
            raise UserError(f"{path}: no such config file")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise UserError(f"{path}{line}: invalid YAML") from None
        source = str(path)
        _build(Config, raw, "", source)  # blame the file, not the overrides, for its own mistakes
    if overrides:
        raw = _merge(raw, parse_overrides(overrides))
        source = f"{source} + --set"
    return _build(Config, raw, "", source)


def to_dict(cfg: Any) -> dict[str, Any]:
    """Plain, JSON/YAML-ready dict (tuples become lists) for run folders and hashing."""
    def plain(v: Any) -> Any:
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        return v

    return plain(dataclasses.asdict(cfg))
