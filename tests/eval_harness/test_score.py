"""`finalign score FILE`: scores added to each line, ids resolved, user errors name file:line."""

from __future__ import annotations

import json

import pytest

from finalign.data_gen.schema import load_scenarios
from finalign.errors import UserError
from finalign.eval_harness.metrics import METRICS, reported_metrics
from finalign.eval_harness.score import score_file
from finalign.layout import SEED_PROMPTS

GOOD = "Put $600 a month toward the credit card and $200 a month into savings."


def _write(path, lines):
    path.write_text("".join(line if isinstance(line, str) else json.dumps(line) + "\n" for line in lines))
    return path


def _read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_scores_seed_ids_and_inline_scenarios(tmp_path):
    scenario = load_scenarios(SEED_PROMPTS)[0].to_dict() | {"id": "mine"}
    src = _write(tmp_path / "answers.jsonl", [
        {"scenario_id": "seed-01", "answer": GOOD, "model": "base"},
        {"scenario": scenario, "answer": "Throw every spare dollar at the card."},
    ])
    out = score_file(src)
    assert out == tmp_path / "answers.scored.jsonl"
    rows = _read(out)
    assert rows[0]["model"] == "base" and set(rows[0]["scores"]) == set(reported_metrics())
    assert rows[0]["scores"]["keeps_emergency_buffer"] == 1.0
    assert rows[1]["scores"]["keeps_emergency_buffer"] == 0.0
    grade = rows[0]["grade"]  # every scorer carries its explanation and evidence
    assert set(grade["scores"]) == set(METRICS) and grade["explanation"] and grade["gates"] == {}
    for name, score in grade["scores"].items():
        assert set(score) == {"value", "explanation", "evidence"} and score["explanation"], name
    budget = grade["scores"]["within_budget"]
    assert budget["evidence"] and budget["evidence"][0]["expected"] == 800 and budget["evidence"][0]["found"] == 800


def test_scenarios_file_resolves_extra_ids(tmp_path):
    extra = load_scenarios(SEED_PROMPTS)[1].to_dict() | {"id": "eval-9"}
    prompts = _write(tmp_path / "prompts.jsonl", [extra])
    src = _write(tmp_path / "a.jsonl", [{"scenario_id": "eval-9", "answer": "Pay $600 a month on the card."}])
    out = score_file(src, tmp_path / "out" / "scored.jsonl", prompts)
    assert _read(out)[0]["scores"]["prioritizes_high_apr"] == 1.0


@pytest.mark.parametrize("line, message", [
    ({"scenario_id": "nope", "answer": "x"}, ":2: unknown scenario_id 'nope'"),
    ({"scenario_id": "seed-01"}, ":2: field 'answer' must be a string"),
    ({"answer": "x"}, ":2: needs 'scenario_id' or 'scenario'"),
    ("{not json\n", ":2: invalid JSON"),
    ({"scenario": {"id": "x"}, "answer": "x"}, ":2: scenario: missing field"),
])
def test_bad_lines_raise_user_error_and_write_nothing(tmp_path, line, message):
    src = _write(tmp_path / "a.jsonl", [{"scenario_id": "seed-01", "answer": GOOD}, line])
    with pytest.raises(UserError, match=message.replace("(", r"\(")) as info:
        score_file(src)
    assert str(src) in str(info.value)
    assert not (tmp_path / "a.scored.jsonl").exists()


def test_gated_answer_says_why(tmp_path):
    src = _write(tmp_path / "a.jsonl", [{"scenario_id": "seed-01",
                                         "answer": "Pay $950 a month on the card and $200 into savings."}])
    row = _read(score_file(src))[0]
    assert row["scores"]["safe"] == 0.0 and "over_budget" in row["grade"]["gates"]
    assert "$950/month, the surplus is $800" in row["grade"]["explanation"]


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not utf-8\n", ":1: not UTF-8"),
    (b"", "no answers"),
    (b"\n\n", "no answers"),
])
def test_bad_files_are_one_user_error(tmp_path, content, message):
    src = tmp_path / "a.jsonl"
    src.write_bytes(content)
    with pytest.raises(UserError, match=message):
        score_file(src)
    assert not (tmp_path / "a.scored.jsonl").exists()


def test_output_path_that_is_a_folder_is_user_error(tmp_path):
    src = _write(tmp_path / "a.jsonl", [{"scenario_id": "seed-01", "answer": GOOD}])
    with pytest.raises(UserError, match="is a folder"):
        score_file(src, tmp_path)
    with pytest.raises(UserError, match="is the input file"):
        score_file(src, src)


def test_missing_file_is_user_error(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        score_file(tmp_path / "missing.jsonl")
