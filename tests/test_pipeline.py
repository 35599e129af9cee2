"""`finalign run` end to end on a tiny model: the manifest, skip-if-done, and reruns limited to what changed."""

from __future__ import annotations

import re

import pytest

from finalign.config import load_config
from finalign.io import read_json
from finalign import pipeline

STAGES = ["data", "train:sft", "eval", "score", "report"]


def tiny_cfg(model, *extra):
    return load_config(None, [
        f"model={model}", "threads=1",
        "data.n_train_scenarios=8", "data.n_eval_scenarios=8", "data.rejected_per_scenario=1",
        "train.methods=sft", "train.dtype=fp32", "train.batch_size=4", "train.epochs=1", "train.max_length=160",
        "train.save_steps=100", "train.eval_max_rows=1", "train.lora.r=4", "train.logging_steps=1",
        "eval.max_new_tokens=8", "eval.model_metrics=false", "eval.n_bootstrap=200", "eval.batch_size=8",
        *extra,
    ])


def ran(output: str) -> list[str]:
    return re.findall(r"^\[([^\]]+)\] (?:running|resuming)\.\.\.", output, flags=re.M)


def skipped(output: str) -> list[str]:
    return re.findall(r"^\[([^\]]+)\] unchanged, skipped$", output, flags=re.M)


@pytest.fixture(scope="module")
def first_run(tiny_llama, tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("pipeline") / "run"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TQDM_DISABLE", "1")
        manifest = pipeline.run(tiny_cfg(tiny_llama), run_dir, quiet=True)
    return run_dir, manifest


def test_first_run_writes_every_artifact_and_the_manifest(first_run):
    run_dir, manifest_path = first_run
    assert manifest_path == run_dir / "manifest.json"
    manifest = read_json(manifest_path)
    assert set(manifest["stages"]) == set(STAGES)  # (written with sorted keys)
    for name, record in manifest["stages"].items():
        assert record["status"] == "done", name
        assert re.fullmatch(r"[0-9a-f]{64}", record["key"]), name
        assert record["wall_s"] >= 0 and record["peak_rss_mb"] > 0, name
        assert all((run_dir / out).exists() for out in record["outputs"]), name
    assert manifest["config"]["train"]["methods"] == ["sft"]
    assert {"cpu", "device", "python"} <= set(manifest["machine"])
    assert {"torch", "transformers", "trl", "peft"} <= set(manifest["versions"])

    for name in ("prompts.jsonl", "synthetic_preferences.jsonl", "data_card.md", "results.md",
                 "lora_finetuned_model/sft/adapter_model.safetensors", "eval/summary.json"):
        assert (run_dir / name).is_file(), name
    assert list((run_dir / "viz").glob("*.png"))
    assert read_json(run_dir / "eval" / "summary.json")["models"] == ["base", "sft"]


def test_second_run_skips_every_stage(first_run, tiny_llama, capsys, monkeypatch):
    run_dir, manifest_path = first_run
    before = read_json(manifest_path)["stages"]
    capsys.readouterr()
    from finalign.finetune import train as train_mod

    def boom(*args, **kwargs):
        raise AssertionError("a skipped stage ran")

    monkeypatch.setattr(train_mod, "train", boom)
    monkeypatch.setattr("finalign.eval_harness.evaluate.evaluate", boom)
    monkeypatch.setattr("finalign.report.write_report", boom)
    monkeypatch.setattr("finalign.data_gen.synth_data.build_data", boom)
    pipeline.run(tiny_cfg(tiny_llama), run_dir, quiet=True)
    out = capsys.readouterr().out
    assert skipped(out) == STAGES and ran(out) == []
    assert read_json(manifest_path)["stages"] == before


def test_changing_eval_settings_reruns_exactly_generation_scoring_and_report(first_run, tiny_llama, capsys):
    run_dir, manifest_path = first_run
    before = read_json(manifest_path)["stages"]
    adapter_mtime = (run_dir / "lora_finetuned_model" / "sft" / "adapter_model.safetensors").stat().st_mtime_ns
    capsys.readouterr()
    pipeline.run(tiny_cfg(tiny_llama, "eval.max_new_tokens=6"), run_dir, quiet=True)
    out = capsys.readouterr().out
    assert skipped(out) == ["data", "train:sft"]
    assert ran(out) == ["eval", "score", "report"]
    after = read_json(manifest_path)["stages"]
    assert after["data"] == before["data"] and after["train:sft"] == before["train:sft"]
    assert after["eval"]["key"] != before["eval"]["key"]
    assert (run_dir / "lora_finetuned_model" / "sft" / "adapter_model.safetensors").stat().st_mtime_ns == adapter_mtime
    assert read_json(run_dir / "eval" / "summary.json")["decoding"]["max_new_tokens"] == 6


def test_editing_the_grader_rescores_without_regenerating(first_run, tiny_llama, capsys, monkeypatch):
    """A changed scorer (its code's fingerprint) reruns the score and report stages only: never a stale score, and
    no answer regenerated. The same holds for a statistics setting (n_bootstrap)."""
    run_dir, manifest_path = first_run
    pipeline.run(tiny_cfg(tiny_llama, "eval.max_new_tokens=6"), run_dir, quiet=True)  # settled, whatever ran before
    gen_before = (run_dir / "eval" / "generations.jsonl").read_bytes()
    monkeypatch.setattr("finalign.eval_harness.evaluate.grader_fingerprint", lambda: "an edited grader")
    capsys.readouterr()
    pipeline.run(tiny_cfg(tiny_llama, "eval.max_new_tokens=6"), run_dir, quiet=True)
    out = capsys.readouterr().out
    # (report reruns only if the summary's bytes changed: here the child grades with the same real grader)
    assert skipped(out)[:3] == ["data", "train:sft", "eval"] and ran(out)[:1] == ["score"]
    assert (run_dir / "eval" / "generations.jsonl").read_bytes() == gen_before
    pipeline.run(tiny_cfg(tiny_llama, "eval.max_new_tokens=6", "eval.n_bootstrap=300"), run_dir, quiet=True)
    out = capsys.readouterr().out
    assert skipped(out)[:3] == ["data", "train:sft", "eval"] and ran(out) == ["score", "report"]


def _keys(cfg, tmp_path) -> dict[str, dict]:
    return {s.name: s.config for s in pipeline.stages(cfg, tmp_path, tmp_path / "config.yaml", quiet=True)}


def test_a_train_stage_is_keyed_by_exactly_the_fields_its_method_reads(tiny_llama, tmp_path):
    both = ("train.methods=sft,sft+dpo",)
    base = _keys(tiny_cfg(tiny_llama, *both), tmp_path)
    dpo_lr = _keys(tiny_cfg(tiny_llama, *both, "train.dpo_lr=1e-3"), tmp_path)
    assert dpo_lr["train:sft"] == base["train:sft"]  # changing dpo_lr does not retrain sft...
    assert dpo_lr["train:sft+dpo"] != base["train:sft+dpo"]  # ...only the DPO stage
    lr = _keys(tiny_cfg(tiny_llama, *both, "train.lr=1e-3"), tmp_path)
    assert lr["train:sft"] != base["train:sft"]
    assert lr["train:sft+dpo"] == base["train:sft+dpo"]  # its input, the sft adapter's hash, carries the change
    bookkeeping = _keys(tiny_cfg(tiny_llama, *both, "train.logging_steps=3", "train.save_steps=7"), tmp_path)
    assert bookkeeping["train:sft"] == base["train:sft"]  # logging and checkpoint cadence don't change weights
    stats = _keys(tiny_cfg(tiny_llama, *both, "eval.n_bootstrap=500"), tmp_path)
    assert stats["eval"] == base["eval"] and stats["score"] != base["score"]
    three = ("train.methods=sft,sft+dpo,sft+odpo",)
    base = _keys(tiny_cfg(tiny_llama, *three), tmp_path)
    odpo_lr = _keys(tiny_cfg(tiny_llama, *three, "train.odpo_lr=1e-3"), tmp_path)
    assert odpo_lr["train:sft+dpo"] == base["train:sft+dpo"] and odpo_lr["train:sft+odpo"] != base["train:sft+odpo"]
    sft_term = _keys(tiny_cfg(tiny_llama, *three, "train.odpo_sft_weight=0.5"), tmp_path)
    assert sft_term["train:sft+dpo"] == base["train:sft+dpo"] and sft_term["train:sft+odpo"] != base["train:sft+odpo"]


def test_a_method_trained_on_the_graders_verdicts_is_keyed_by_the_grader(tiny_llama, tmp_path, monkeypatch):
    """On-policy DPO and GRPO learn from the grader's verdicts: an edited scorer retrains them (and only them), so a
    resumed run never keeps an adapter trained on an older grader's pairs."""
    three = ("train.methods=sft,sft+dpo,sft+odpo",)
    base = _keys(tiny_cfg(tiny_llama, *three), tmp_path)
    monkeypatch.setattr("finalign.eval_harness.evaluate.reward_fingerprint", lambda: "an edited grader")
    edited = _keys(tiny_cfg(tiny_llama, *three), tmp_path)
    assert edited["train:sft+odpo"] != base["train:sft+odpo"]
    assert edited["train:sft"] == base["train:sft"] and edited["train:sft+dpo"] == base["train:sft+dpo"]


def test_killed_run_continues_without_redoing_finished_stages(tiny_llama, tmp_path):
    """kill -9 `finalign run` in the middle of training (its stage child dies with it); the rerun skips the
    data stage, resumes training from the newest sealed checkpoint and finishes every stage."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import yaml

    from finalign.config import to_dict

    config = tmp_path / "tiny.yaml"
    cfg = tiny_cfg(tiny_llama, "train.epochs=16", "train.save_steps=2")
    config.write_text(yaml.safe_dump(to_dict(cfg)))
    run_dir = tmp_path / "run"
    cmd = [sys.executable, "-m", "finalign.cli", "run", "--config", str(config), "--run", str(run_dir), "--quiet"]
    env = {**os.environ, "TQDM_DISABLE": "1"}
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while not list((run_dir / "train" / "sft" / "checkpoints").glob("checkpoint-*/finalign_checkpoint.json")):
        assert first.poll() is None, "the run ended before it could be killed"
        assert time.time() < deadline, "no checkpoint appeared"
        time.sleep(0.2)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert read_json(run_dir / "manifest.json")["stages"]["train:sft"]["status"] == "running"

    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    assert skipped(second.stdout) == ["data"]
    assert ran(second.stdout) == ["train:sft", "eval", "score", "report"]
    assert "[train:sft] resuming..." in second.stdout
    stages = read_json(run_dir / "manifest.json")["stages"]
    assert all(stages[name]["status"] == "done" for name in STAGES)
