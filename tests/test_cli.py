"""The `finalign` command: help for every subcommand, and user errors as one line on stderr with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from finalign.cli import main
from finalign.config import DataConfig
from finalign.data_gen.synth_data import build_data

FINALIGN = str(Path(sys.executable).with_name("finalign"))

SUBCOMMANDS = {
    "model": ["info", "--model"],
    "data": ["--config", "--set", "--model", "--out", "--quiet"],
    "train": ["--config", "--set", "--model", "--run", "--method", "--resume", "sft+dpo"],
    "eval": ["--config", "--set", "--model", "--run", "--resume", "--prompts", "--sets", "--score-only"],
    "ask": ["question", "--run", "--method", "--scenario", "--debt", "--surplus", "--max-new-tokens"],
    "report": ["--run"],
    "score": ["file", "--out", "--scenarios"],
    "run": ["--config", "--set", "--model", "--run"],
}


def cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("finalign: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture(scope="module")
def data_run(tmp_path_factory):
    run = tmp_path_factory.mktemp("cli-run")
    build_data(DataConfig(n_train_scenarios=8, n_eval_scenarios=8, rejected_per_scenario=1), run)
    return run


# ---- help ---------------------------------------------------------------------------------------


def test_top_level_help_lists_every_subcommand():
    result = subprocess.run([FINALIGN, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in SUBCOMMANDS:
        assert name in result.stdout
    assert "examples:" in result.stdout


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
def test_subcommand_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: finalign {command}")
    for option in SUBCOMMANDS[command]:
        assert option in out, option


def test_no_subcommand_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


# ---- user errors --------------------------------------------------------------------------------


def test_bad_config_path_real_exit_code(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = subprocess.run([FINALIGN, "data", "--config", str(missing), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=60)
    assert_user_error(result.returncode, result.stderr, str(missing))
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_unknown_profile_name(capsys, tmp_path):
    code, _, err = cli(capsys, "data", "--config", "no-such-profile", "--out", str(tmp_path / "out"))
    assert_user_error(code, err, "no-such-profile")


def test_unknown_config_key_in_file_and_in_set(capsys, tmp_path):
    profile = tmp_path / "mine.yaml"
    profile.write_text("name: mine\ntrain:\n  lr: 1.0e-4\n  learning_rate: 1.0e-4\n")
    code, _, err = cli(capsys, "data", "--config", str(profile), "--out", str(tmp_path / "out"))
    assert_user_error(code, err, str(profile), "train.learning_rate")
    code, _, err = cli(capsys, "data", "--set", "data.n_scenarios=3", "--out", str(tmp_path / "out"))
    assert_user_error(code, err, "data.n_scenarios")
    assert not (tmp_path / "out").exists()


def test_wrong_type_in_set(capsys, tmp_path):
    code, _, err = cli(capsys, "data", "--set", "data.n_train_scenarios=many", "--out", str(tmp_path / "out"))
    assert_user_error(code, err, "data.n_train_scenarios")


def test_model_that_does_not_exist(capsys, data_run):
    code, _, err = cli(capsys, "model", "info", "--model", "/nonexistent")
    assert_user_error(code, err, "/nonexistent")
    # An interrupted run's checkpoint: a typo in --model must not wipe it (train without --resume starts
    # afresh, but only once the model is known to load).
    checkpoint = data_run / "train" / "sft" / "checkpoints" / "checkpoint-4"
    checkpoint.mkdir(parents=True)
    (checkpoint / "trainer_state.json").write_text("{}")
    before = sorted(p.relative_to(data_run) for p in data_run.rglob("*"))
    code, _, err = cli(capsys, "train", "--run", str(data_run), "--method", "sft", "--model", "/nonexistent")
    assert_user_error(code, err, "/nonexistent")
    assert sorted(p.relative_to(data_run) for p in data_run.rglob("*")) == before  # nothing written or removed


def test_folder_without_safetensors_is_refused(capsys, tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    code, _, err = cli(capsys, "model", "info", "--model", str(tmp_path))
    assert_user_error(code, err, "safetensors")


def test_score_missing_file_real_exit_code(tmp_path):
    missing = tmp_path / "answers.jsonl"
    result = subprocess.run([FINALIGN, "score", str(missing)], capture_output=True, text=True, timeout=60)
    assert_user_error(result.returncode, result.stderr, str(missing))
    assert list(tmp_path.iterdir()) == []


def test_score_bad_json_line_writes_nothing(capsys, tmp_path):
    src = tmp_path / "answers.jsonl"
    src.write_text(json.dumps({"scenario_id": "seed-01", "answer": "Pay the card first."}) + "\n"
                   + '{"scenario_id": "seed-02", "answer": \n')
    out = tmp_path / "scored.jsonl"
    code, stdout, err = cli(capsys, "score", str(src), "--out", str(out))
    assert_user_error(code, err, f"{src}:2")
    assert stdout == ""
    assert not out.exists() and not (tmp_path / "answers.scored.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.jsonl"]  # no temp file left behind


def test_score_success(capsys, tmp_path):
    src = tmp_path / "answers.jsonl"
    src.write_text(json.dumps({"scenario_id": "seed-01", "answer": "Pay the card first."}) + "\n")
    code, out, err = cli(capsys, "score", str(src))
    assert code == 0 and "answers.scored.jsonl" in out
    assert "scores" in json.loads((tmp_path / "answers.scored.jsonl").read_text())


def test_train_without_data(capsys, tmp_path):
    code, _, err = cli(capsys, "train", "--run", str(tmp_path), "--method", "sft")
    assert_user_error(code, err, "synthetic_preferences.jsonl", "finalign data")
    assert list(tmp_path.iterdir()) == []


def test_eval_and_report_without_a_run(capsys, tmp_path):
    code, _, err = cli(capsys, "report", "--run", str(tmp_path / "missing"))
    assert_user_error(code, err)
    code, _, err = cli(capsys, "eval", "--run", str(tmp_path / "missing"))
    assert_user_error(code, err, "synthetic_preferences.jsonl")


# ---- model info ---------------------------------------------------------------------------------


def test_model_info_on_a_local_checkpoint(capsys, tiny_llama, tiny_gpt2):
    code, out, _ = cli(capsys, "model", "info", "--model", str(tiny_llama))
    assert code == 0
    assert f"path:          {tiny_llama}" in out
    assert "chat template: yes" in out
    assert "llama" in out and "local folder" in out
    code, out, _ = cli(capsys, "model", "info", "--model", str(tiny_gpt2))
    assert code == 0 and "chat template: no" in out


# ---- ask ----------------------------------------------------------------------------------------

SEED_FILE = "src/finalign/data_gen/prompts.jsonl"


@pytest.mark.parametrize("argv, needles", [
    (["--debt", "visa:6000:22.9"], ["--debt 'visa:6000:22.9'", "NAME:BALANCE:APR:MINIMUM"]),
    (["--debt", "visa:lots:22.9:150", "--surplus", "800"], ["must be numbers"]),
    (["--debt", "visa:6000:22.9:150"], ["--surplus"]),
    (["--scenario", f"{SEED_FILE}:seed-99"], ["has no scenario with id 'seed-99'"]),
    (["--scenario", "nowhere.jsonl"], ["expected FILE:ID"]),
    (["--method", "sft", "--run", "/nonexistent/run"], ["no trained sft adapter"]),
    (["--max-new-tokens", "0"], ["eval.max_new_tokens", "out of range"]),
])
def test_ask_refuses_bad_arguments_before_loading_a_model(capsys, monkeypatch, argv, needles):
    monkeypatch.setattr("finalign.models.load_model", lambda *a, **k: pytest.fail("a model loaded"))
    code, _, err = cli(capsys, "ask", "How do I pay this off?", *argv)
    assert_user_error(code, err, *needles)


def test_ask_answers_and_grades_a_scenario(capsys, tiny_llama):
    code, out, err = cli(capsys, "ask", "--model", str(tiny_llama), "--scenario", f"{SEED_FILE}:seed-01",
                         "--max-new-tokens", "8", "--quiet")
    assert code == 0, err
    grading = out[out.index("\ngoodness "):]  # after the tiny model's (random, maybe empty) answer
    assert "why: " in grading and "actionable" in grading and "safety gates broken" in grading


def test_ask_grades_against_facts_given_as_flags(capsys, tiny_llama):
    code, out, err = cli(capsys, "ask", "I owe 6k on my visa at 22.9%, min 150, and have 800 a month. Plan?",
                         "--model", str(tiny_llama), "--debt", "visa:6000:22.9:150", "--surplus", "800",
                         "--savings", "300", "--max-new-tokens", "8", "--quiet")
    assert code == 0, err
    assert "goodness " in out and "safety gates broken" in out


def test_ask_chat_keeps_the_conversation_and_resets(tiny_llama, capsys):
    import io

    from finalign.ask import Answerer, chat
    from finalign.config import load_config

    answerer = Answerer(load_config(None, [f"model={tiny_llama}", "eval.max_new_tokens=4"]))
    seen = []
    real = answerer.answer
    answerer.answer = lambda messages: seen.append(list(messages)) or real(messages)
    chat(answerer, None, io.StringIO("first question\nsecond\n/reset\nthird\nexit\n"))
    assert [len(m) for m in seen] == [1, 3, 1]  # history grows, /reset starts over
    assert seen[1][0]["content"] == "first question" and seen[1][1]["role"] == "assistant"
    assert capsys.readouterr().out.count("base> ") == 3
