"""`finalign run`: data -> train (each method) -> eval -> report, into one run folder, resumable.

    finalign run --config quick        # what `make run` calls

Each stage's *key* is the sha256 of its config section and of its input files. ``manifest.json`` records,
per stage, the key it ran with, its outputs, wall time and peak memory. A rerun skips a stage whose key
is unchanged and whose outputs exist; a stage that was interrupted resumes (training from its newest
complete checkpoint, eval from the answers already written); a changed config reruns exactly the stages
whose key it changes, and those downstream of them (their inputs change).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from finalign.config import Config, to_dict
from finalign.errors import UserError
from finalign.io import read_json, sha256_file, sha256_text, write_json

PACKAGES = ("finalign", "torch", "transformers", "trl", "peft", "accelerate", "datasets")


@dataclass(frozen=True)
class Stage:
    name: str
    config: dict  # the settings this stage depends on
    inputs: list[Path]  # files it reads (hashed)
    outputs: list[Path]  # files whose presence means "done"
    run: Callable[[bool], object]  # called with resume=True when the same key was interrupted


def stage_key(stage: Stage) -> str:
    parts = [json.dumps(stage.config, sort_keys=True)]
    for path in stage.inputs:
        if not path.is_file():
            raise UserError(f"stage {stage.name}: input {path} is missing")
        parts.append(f"{path.name}:{sha256_file(path)}")
    return sha256_text("\n".join(parts))


class PeakMemory:
    """Peak resident memory of this process while a stage runs (sampled every 0.1 s)."""

    def __enter__(self):
        import psutil

        self._proc, self.peak_mb, self._stop = psutil.Process(), 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while True:
            self.peak_mb = max(self.peak_mb, self._proc.memory_info().rss / 2**20)
            if self._stop.wait(0.1):
                return

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def stages(cfg: Config, run_dir: Path, quiet: bool) -> list[Stage]:
    from finalign.data_gen.synth_data import build_data
    from finalign.eval_harness.evaluate import evaluate
    from finalign.finetune.common import adapter_dir
    from finalign.finetune.train import train
    from finalign.report import write_report

    pairs, prompts = run_dir / "synthetic_preferences.jsonl", run_dir / "prompts.jsonl"
    out: list[Stage] = [Stage(
        "data", {"data": to_dict(cfg.data)}, [],
        [prompts, pairs, run_dir / "data_card.md"], lambda resume: build_data(cfg.data, run_dir))]
    train_cfg = {k: v for k, v in to_dict(cfg.train).items() if k != "methods"}
    adapters = []
    for method in cfg.train.methods:
        weights = adapter_dir(run_dir, method) / "adapter_model.safetensors"
        upstream = [adapter_dir(run_dir, "sft") / "adapter_model.safetensors"] if method == "sft+dpo" else []
        out.append(Stage(
            f"train:{method}", {"model": cfg.model, "train": train_cfg}, [pairs, *upstream], [weights],
            lambda resume, m=method: train(cfg, run_dir, m, resume=resume, quiet=quiet)))
        adapters.append(weights)
    summary = run_dir / "eval" / "summary.json"
    out.append(Stage(
        "eval", {"model": cfg.model, "eval": to_dict(cfg.eval)}, [pairs, prompts, *adapters], [summary],
        lambda resume: evaluate(cfg, run_dir, resume=resume, quiet=quiet)))
    out.append(Stage(
        "report", {}, [summary], [run_dir / "results.md"], lambda resume: write_report(run_dir)))
    return out


def _machine() -> dict:
    import torch

    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
    return {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "device": device,
            "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "platform": platform.platform()}


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5,
                              cwd=Path(__file__).parent).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def run(cfg: Config, run_dir: str | Path, *, quiet: bool = False) -> Path:
    """Run (or continue) the whole case study in ``run_dir``; returns the manifest's path."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = run_dir / "manifest.json"
    manifest = read_json(manifest_path) if manifest_path.is_file() else {}
    manifest.update({
        "config": to_dict(cfg), "machine": _machine(), "git_commit": _git_commit(),
        "versions": {p: version(p) for p in PACKAGES},
    })
    manifest.setdefault("started", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    records = manifest.setdefault("stages", {})
    for stage in stages(cfg, run_dir, quiet):
        key = stage_key(stage)
        previous = records.get(stage.name, {})
        if previous.get("key") == key and previous.get("status") == "done" and all(p.exists() for p in stage.outputs):
            print(f"[{stage.name}] unchanged, skipped")
            continue
        resume = previous.get("key") == key  # same inputs, interrupted: continue instead of redoing
        records[stage.name] = {"key": key, "status": "running"}
        write_json(manifest_path, manifest)
        print(f"[{stage.name}] {'resuming' if resume else 'running'}...", flush=True)
        t0 = time.perf_counter()
        with PeakMemory() as mem:
            stage.run(resume)
        records[stage.name] = {
            "key": key, "status": "done", "wall_s": round(time.perf_counter() - t0, 1),
            "peak_rss_mb": round(mem.peak_mb, 1),
            "inputs": {str(p.relative_to(run_dir)): sha256_file(p) for p in stage.inputs},
            "outputs": [str(p.relative_to(run_dir)) for p in stage.outputs],
        }
        write_json(manifest_path, manifest)
        print(f"[{stage.name}] done in {records[stage.name]['wall_s']} s -> "
              f"{', '.join(str(p) for p in stage.outputs)}", flush=True)
    print(f"results: {run_dir / 'results.md'}\ncharts:  {run_dir / 'viz'}\nmanifest: {manifest_path}")
    return manifest_path
