"""`finalign run`: data -> train (each method) -> eval -> report, into one run folder, resumable.

    finalign run --config quick        # what `make run` calls

Each stage runs in a child process (`python -m finalign.cli <stage> --config runs/<name>/config.yaml`), so
its memory is returned to the system when it ends and its peak is measured on its own.
Each stage's *key* is the sha256 of exactly what its outputs depend on (the settings it reads, the code
fingerprint of the data generator and of the grader, see :func:`stages`) and of its input files. ``manifest.json`` records,
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
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import yaml

from finalign.config import Config, to_dict
from finalign.errors import UserError
from finalign.io import read_json, sha256_file, sha256_sources, sha256_text, write_json, write_text
from finalign.layout import OOT_PROMPTS, RunDir

PACKAGES = ("finalign", "torch", "transformers", "trl", "peft", "accelerate", "datasets")


@dataclass(frozen=True)
class Stage:
    name: str
    config: dict  # exactly the settings (and code fingerprints) this stage's outputs depend on
    inputs: list[Path]  # files it reads (hashed)
    outputs: list[Path]  # files whose presence means "done"
    args: list[str]  # `finalign` command-line arguments that run it
    resumable: bool = False  # `--resume` continues it (training from its newest checkpoint, generation from its answers)


def input_hashes(stage: Stage, run_dir: Path) -> dict[str, str]:
    """sha256 of each input file, keyed by its path inside the run folder (a shipped file, such as the
    out-of-template prompts, by its own path); read once per stage."""
    for path in stage.inputs:
        if not path.is_file():
            raise UserError(f"stage {stage.name}: input {path} is missing")
    return {str(p.relative_to(run_dir) if p.is_relative_to(run_dir) else p): sha256_file(p) for p in stage.inputs}


def stage_key(stage: Stage, hashes: dict[str, str]) -> str:
    parts = [json.dumps(stage.config, sort_keys=True)]
    parts += [f"{Path(rel).name}:{digest}" for rel, digest in hashes.items()]
    return sha256_text("\n".join(parts))


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, ask for SIGKILL when the parent dies, so that killing
    `finalign run` (even with kill -9) never leaves a training process running on its own."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def run_child(args: list[str]) -> float:
    """Run ``finalign <args>`` in a child process; return its own peak resident memory in MB."""
    child = subprocess.Popen([sys.executable, "-m", "finalign.cli", *args], preexec_fn=_die_with_parent)
    try:
        _, status, usage = os.wait4(child.pid, 0)  # the child's own rusage, exact however short it ran
    except KeyboardInterrupt:
        child.wait()  # Ctrl-C reached the child too: let it exit, then stop
        raise
    child.returncode = rc = os.waitstatus_to_exitcode(status)
    if rc == 2:
        raise UserError(f"`finalign {' '.join(args)}` failed (its error is printed above)")
    if rc != 0:
        raise RuntimeError(f"`finalign {' '.join(args)}` exited with code {rc}")
    return usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)  # bytes on macOS, KiB on Linux


def stages(cfg: Config, run_dir: Path, config_file: Path, quiet: bool) -> list[Stage]:
    """The run's stages, in order. Each key covers exactly what its outputs depend on: a train stage the fields its
    method reads; *eval* (generation) the decoding settings, adapters and prompts; *score* the grader's code and the
    statistics settings, so that editing a scorer rescores without regenerating."""
    from finalign import report
    from finalign.data_gen import scenarios, synth_data
    from finalign.eval_harness import evaluate, viz
    from finalign.finetune.train import method_settings
    from finalign.methods import get_method

    run = RunDir(run_dir)
    common = ["--config", str(config_file), "--run", str(run.root), *(["--quiet"] if quiet else [])]
    data_code = sha256_sources(scenarios, synth_data)  # a byte-identical result leaves every later key unchanged
    out: list[Stage] = [Stage(
        "data", {"data": to_dict(cfg.data), "code": data_code}, [], [run.prompts, run.pairs, run.data_card],
        ["data", "--config", str(config_file), "--out", str(run.root)])]
    for name in cfg.train.methods:
        m = get_method(name)
        upstream = [run.adapter_weights(m.starts_from)] if m.starts_from else []
        out.append(Stage(f"train:{name}", method_settings(cfg, m), [run.pairs, *upstream], [run.adapter_weights(name)],
                         ["train", *common, "--method", name], resumable=True))
    adapters = [run.adapter_weights(name) for name in cfg.train.methods]
    e = to_dict(cfg.eval)
    out.append(Stage("eval", {"model": cfg.model, "eval": {k: v for k, v in e.items() if k != "n_bootstrap"}},
                     [run.pairs, run.prompts, OOT_PROMPTS, *adapters], [run.generations, run.model_metrics],
                     ["eval", *common, "--generate-only"], resumable=True))
    out.append(Stage("score", {"stats": {"n_bootstrap": cfg.eval.n_bootstrap, "seed": cfg.eval.seed},
                               "grader": evaluate.grader_fingerprint()},
                     [run.generations, run.model_metrics, run.prompts, OOT_PROMPTS], [run.scores, run.summary],
                     ["eval", *common, "--score-only"]))
    out.append(Stage("report", {"code": sha256_sources(report, viz)}, [run.summary, run.scores], [run.results],
                     ["report", "--run", str(run.root)]))
    return out


def _machine() -> dict:
    import torch

    from finalign.hardware import BF16_FLAGS, cpu_flags, cpu_name

    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
    flags = cpu_flags()
    return {"cpu": cpu_name(), "cores": os.cpu_count(), "device": device,
            "cpu_bf16_flags": None if flags is None else sorted(set(BF16_FLAGS) & flags),
            "torch_threads": torch.get_num_threads(), "python": platform.python_version(),
            "platform": platform.platform()}


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5,
                              cwd=Path(__file__).parent).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def run(cfg: Config, run_dir: str | Path, *, quiet: bool = False) -> Path:
    """Run (or continue) the whole case study in ``run_dir``; returns the manifest's path."""
    from finalign.hardware import choose_precision

    run = RunDir(run_dir)
    run_dir = run.root
    run_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = run.manifest
    manifest = read_json(manifest_path) if manifest_path.is_file() else {}
    precision, eval_precision = choose_precision(cfg.train.dtype), choose_precision(cfg.eval.dtype)
    manifest.update({
        "config": to_dict(cfg), "machine": _machine(), "git_commit": git_commit(),
        "versions": {p: version(p) for p in PACKAGES},
        "precision": {"train": precision.name, "reason": precision.reason,
                      "eval": eval_precision.name, "eval_reason": eval_precision.reason},
    })
    manifest.setdefault("started", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    records = manifest.setdefault("stages", {})
    config_file = write_text(run.config, "# resolved config of this run (written by finalign run)\n"
                             + yaml.safe_dump(to_dict(cfg), sort_keys=False))
    for stage in stages(cfg, run_dir, config_file, quiet):
        hashes = input_hashes(stage, run_dir)
        key = stage_key(stage, hashes)
        previous = records.get(stage.name, {})
        if previous.get("key") == key and previous.get("status") == "done" and all(p.exists() for p in stage.outputs):
            print(f"[{stage.name}] unchanged, skipped")
            continue
        resume = previous.get("key") == key  # same inputs, interrupted: continue instead of redoing
        records[stage.name] = {"key": key, "status": "running"}
        write_json(manifest_path, manifest)
        print(f"[{stage.name}] {'resuming' if resume else 'running'}...", flush=True)
        t0 = time.perf_counter()
        peak_mb = run_child(stage.args + (["--resume"] if resume and stage.resumable else []))
        records[stage.name] = {
            "key": key, "status": "done", "wall_s": round(time.perf_counter() - t0, 1),
            "peak_rss_mb": round(peak_mb, 1),
            "inputs": hashes,
            "outputs": [str(p.relative_to(run_dir)) for p in stage.outputs],
        }
        write_json(manifest_path, manifest)
        print(f"[{stage.name}] done in {records[stage.name]['wall_s']} s -> "
              f"{', '.join(str(p) for p in stage.outputs)}", flush=True)
    print(f"results: {run.results}\ncharts:  {run.viz}\nmanifest: {manifest_path}")
    return manifest_path
