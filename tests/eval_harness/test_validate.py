"""The validity report on the hand-written corpus: thresholds on the dev half, the frozen test half is only
measured, and the report is written atomically."""

from __future__ import annotations

import pytest

from finalign.cli import main
from finalign.errors import UserError
from finalign.eval_harness.validate import HALVES, load_half, measure, render, validate

FLAWS_PER_HALF = 13


@pytest.fixture(scope="module")
def dev_report(tmp_path_factory):
    """`validate` on the dev half, once for the module: grading 2,000+ answers is most of this file's time."""
    out = tmp_path_factory.mktemp("report") / "metrics.md"
    return validate(("dev",), out), out


@pytest.fixture(scope="module")
def dev(dev_report):
    return dev_report[0]["dev"]


def test_corpus_shape():
    for half in HALVES:
        rows = load_half(half)
        bad = [r for r in rows if r["label"] == "bad"]
        assert len({r["scenario_id"] for r in rows}) >= 12
        assert len({r["flaw"] for r in bad}) == FLAWS_PER_HALF
        assert sum(r["adversarial"] for r in bad) >= len(bad) / 3
    assert sum(len(load_half(h)) for h in HALVES) >= 240
    ids = [r["id"] for h in HALVES for r in load_half(h)]
    assert len(ids) == len(set(ids))


def test_dev_half_thresholds(dev):
    # Floors a little under what the grader measures on the dev half (docs/metrics.md), so a change that makes it
    # read hand-written answers worse fails here. They are not the goal: the frozen test half scores lower.
    assert dev["pairwise_accuracy"] >= 0.92
    assert dev["auc"] >= 0.9
    assert dev["adversarial_catch_rate"] >= 0.7
    assert all(rate >= 0.5 for rate in dev["catch_rate"].values()), dev["catch_rate"]
    # measured: 7, all over budget, from the five authors who joined dev last (option A vs B compared in prose, a
    # windfall split the reader reads as monthly); the 1,328 answers dev held before them: none
    assert dev["good_answers_gated"] <= 8
    assert dev["gate_flaw_below_every_good"] >= 0.9 * dev["gate_flaw_answers"]


def test_measure_counts_ties_as_misses():
    rows = [{"id": "a", "scenario_id": "s", "label": "good", "flaw": None, "goodness": 0.5, "values": {}, "gates": []},
            {"id": "b", "scenario_id": "s", "label": "bad", "flaw": "vague", "goodness": 0.5, "values": {}, "gates": [],
             "adversarial": True}]
    m = measure(rows)
    assert m["pairwise_accuracy"] == 0.0 and m["catch_rate"] == {"vague": 0.0} and m["auc"] == 0.5
    rows[1]["goodness"] = 0.4
    m = measure(rows)
    assert m["pairwise_accuracy"] == 1.0 and m["adversarial_catch_rate"] == 1.0 and m["auc"] == 1.0


def test_report_renders_both_halves(dev):
    text = render({"dev": dev, "test": dev})
    assert "| pairwise accuracy |" in text and "`wrong_timeline`" in text and "| dev | test |" in text


def test_validate_writes_the_report_atomically(dev_report):
    results, out = dev_report
    assert out.read_text() == render(results) and set(results) == {"dev"}
    assert out.read_text().startswith("# How far the grader can be trusted")
    assert [p.name for p in out.parent.iterdir()] == ["metrics.md"]  # no temp file left beside it


def test_a_folder_as_report_path_fails_before_grading(tmp_path, monkeypatch):
    import finalign.eval_harness.validate as v

    monkeypatch.setattr(v, "graded", lambda rows: pytest.fail("graded before the path was checked"))
    with pytest.raises(UserError, match="is a folder"):
        validate(("dev",), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_to_list_test_half_failures(capsys):
    assert main(["validate", "--half", "test", "--failures"]) == 2
    assert "frozen" in capsys.readouterr().err
