"""Where everything lives in a run folder: the one place that names its files.

    run = RunDir("runs/quick")
    run.pairs                    # runs/quick/synthetic_preferences.jsonl
    run.adapter("sft+dpo")       # runs/quick/lora_finetuned_model/sft-dpo/

Every module that reads or writes a run folder goes through :class:`RunDir`, so a file name is written once.
The tutorial's names are kept (``prompts.jsonl``, ``synthetic_preferences.jsonl``, ``lora_finetuned_model/``,
``viz/``, ``results.md``) so its readers find each piece. This module imports nothing heavy: the eval harness,
charts and report use it without loading the training stack.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

PROMPTS_FILE = "prompts.jsonl"  # every scenario of a run (and the seed file's name: the tutorial's)
PAIRS_FILE = "synthetic_preferences.jsonl"
DATA_DIR = Path(__file__).resolve().parent / "data_gen"
SEED_PROMPTS = DATA_DIR / PROMPTS_FILE  # the tutorial's 5 scenarios, evaluated in every run
OOT_PROMPTS = DATA_DIR / "prompts_oot.jsonl"  # hand-written out-of-template scenarios: never trained on

# The seed ids, read from the file that defines them (evaluated in every run, shown answer by answer in results.md).
SEED_IDS: tuple[str, ...] = tuple(json.loads(line)["id"] for line in SEED_PROMPTS.read_text(encoding="utf-8").splitlines()
                                  if line.strip())

ADAPTER_WEIGHTS = "adapter_model.safetensors"  # PEFT's file name: its presence means an adapter is complete


def slug(method: str) -> str:
    """A method name as a folder name ("sft+dpo" -> "sft-dpo")."""
    return method.replace("+", "-")


@dataclass(frozen=True)
class RunDir:
    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root))  # accept a str too

    # data
    @property
    def prompts(self) -> Path:
        return self.root / PROMPTS_FILE

    @property
    def pairs(self) -> Path:
        return self.root / PAIRS_FILE

    @property
    def data_card(self) -> Path:
        return self.root / "data_card.md"

    # the pipeline's own records
    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    # training
    def adapter(self, method: str) -> Path:
        return self.root / "lora_finetuned_model" / slug(method)

    def adapter_weights(self, method: str) -> Path:
        return self.adapter(method) / ADAPTER_WEIGHTS

    def has_adapter(self, method: str) -> bool:
        return self.adapter_weights(method).is_file()

    def merged(self, method: str) -> Path:
        """The adapter merged into its base, as a plain checkpoint (`finalign model merge`)."""
        return self.root / "merged" / slug(method)

    def work(self, method: str) -> Path:
        """Checkpoints and the live training log, while a method trains."""
        return self.root / "train" / slug(method)

    def onpolicy_samples(self, method: str) -> Path:
        """An on-policy method's sampled answers with their grades (train scenarios only)."""
        return self.work(method) / "onpolicy_samples.jsonl"

    def onpolicy_pairs(self, method: str) -> Path:
        """Beside the samples: how many pairs survived, their margins, the gates the rejected answers broke."""
        return self.work(method) / "onpolicy_pairs.json"

    # evaluation
    @property
    def eval_dir(self) -> Path:
        return self.root / "eval"

    @property
    def generations(self) -> Path:
        return self.eval_dir / "generations.jsonl"

    @property
    def model_metrics(self) -> Path:
        return self.eval_dir / "model_metrics.json"

    @property
    def scores(self) -> Path:
        return self.eval_dir / "scores.jsonl"

    @property
    def summary(self) -> Path:
        return self.eval_dir / "summary.json"

    # the report
    @property
    def viz(self) -> Path:
        return self.root / "viz"

    @property
    def results(self) -> Path:
        return self.root / "results.md"
