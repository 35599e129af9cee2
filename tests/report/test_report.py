"""results.md: every number comes from the run's files, the verdict follows the CI, nothing half-written."""

from __future__ import annotations

import json

import re

import pytest

from finalign import report
from finalign.errors import UserError
from finalign.io import read_json, write_json


@pytest.fixture(scope="module")
def won(tmp_path_factory, fake_run):
    """A run where sft+dpo clearly beats base (and sft does not clearly)."""
    run = fake_run(tmp_path_factory.mktemp("won"), effect=0.3)
    return run, report.write_report(run).read_text(), read_json(run / "eval" / "summary.json")


@pytest.fixture(scope="module")
def null(tmp_path_factory, fake_run):
    """A run where both tuned models' scores are a shuffle of base's: every CI spans zero. No manifest."""
    run = fake_run(tmp_path_factory.mktemp("null"), effect=0.0, manifest=False)
    return run, report.write_report(run).read_text(), read_json(run / "eval" / "summary.json")


def section(md: str, title: str) -> str:
    start = md.index(f"## {title}\n")
    end = md.find("\n## ", start + 1)
    return md[start:] if end < 0 else md[start:end]


def table_rows(text: str) -> list[list[str]]:
    """Cells of every Markdown table row in ``text``, header and separator excluded."""
    rows = [[c.strip() for c in line.strip().strip("|").split(" | ")] for line in text.splitlines()
            if line.startswith("| ")]
    return rows[1:]


CI = re.compile(r"^([+-]?\d+\.\d{3}) \[([+-]?\d+\.\d{3}), ([+-]?\d+\.\d{3})\]$")


def test_headline_table_has_every_metric_and_model_and_equals_summary(won):
    _, md, summary = won
    rows = table_rows(section(md, "Scores"))
    metrics = [row[0].split("`")[1] for row in rows]
    assert metrics[0] == "goodness" and sorted(metrics) == sorted(summary["metrics"])
    for row in rows:
        metric = row[0].split("`")[1]
        for model, text in zip(summary["models"], row[1:]):
            s = summary["scores"][model][metric]
            assert CI.match(text).groups() == (f"{s['mean']:.3f}", f"{s['ci_lo']:.3f}", f"{s['ci_hi']:.3f}"), \
                (model, metric)
        assert row[-1] == str(summary["scores"]["base"][metric]["n"])


def test_paired_tables_equal_summary(won):
    _, md, summary = won
    for model in summary["models"][1:]:
        text = section(md, "Paired differences vs base").split(f"### {model} − base")[1].split("###")[0]
        for row in table_rows(text):
            d = summary["paired"][model][row[0].strip("`")]
            assert CI.match(row[1]).groups() == tuple(f"{d[k]:+.3f}" for k in ("mean_diff", "ci_lo", "ci_hi"))
            assert row[2] == report.fmt_p(d["p_value"])
            assert row[4] == f"{d['wins']}/{d['ties']}/{d['losses']}"


def test_verdict_says_beats_when_the_ci_is_above_zero(won):
    _, md, summary = won
    verdict = section(md, "Verdict")
    d = summary["paired"]["sft+dpo"]["goodness"]
    assert d["ci_lo"] > 0  # the fixture's premise
    assert (f"**sft+dpo beats base** on goodness by {d['mean_diff']:+.3f} "
            f"[{d['ci_lo']:+.3f}, {d['ci_hi']:+.3f}], p<0.001") in verdict
    assert "No tuned model beats base" not in verdict


def test_verdict_says_not_established_when_the_ci_spans_zero(null):
    _, md, summary = null
    verdict = section(md, "Verdict")
    for model in ("sft", "sft+dpo"):
        d = summary["paired"][model]["goodness"]
        assert d["ci_lo"] < 0 < d["ci_hi"]  # the fixture's premise
        assert f"{model} beats base" not in verdict.split("On the `oot` set")[0]
        headline = f"{model} vs base on goodness: {report.fmt_ci(d['mean_diff'], d['ci_lo'], d['ci_hi'], signed=True)}"
        assert headline in verdict and "not established" in verdict.split(headline)[1].split(".")[1]
    assert "No tuned model beats base with a 95% CI above zero" in verdict


@pytest.mark.parametrize("lo, hi, words", [
    (0.1, 0.3, "**m beats base**"),
    (-0.3, -0.1, "**m is worse than base**"),
    (-0.1, 0.3, "improvement over base is not established"),
])
def test_verdict_wording_follows_the_ci(lo, hi, words):
    d = {"mean_diff": (lo + hi) / 2, "ci_lo": lo, "ci_hi": hi, "p_value": 0.01, "test": "permutation",
         "wins": 1, "ties": 0, "losses": 0, "n": 1}
    summary = {"models": ["base", "m"], "metrics": {"goodness": {}}, "paired": {"m": {"goodness": d}}}
    assert words in report.verdict(summary)


def test_in_and_out_of_template_are_side_by_side_with_the_gap(won):
    _, md, summary = won
    text = section(md, "In template vs out of template")
    oot = summary["prompt_sets"]["oot"]
    rows = {r[0]: r for r in table_rows(text.split("Gain over base")[0])}
    assert rows["`oot`"][1] == str(oot["n_scenarios"]) and rows["`eval`"][1] == str(summary["n_scenarios"])
    g = oot["scores"]["sft+dpo"]["goodness"]
    assert report.fmt_ci(g["mean"], g["ci_lo"], g["ci_hi"]) in rows["`oot`"]
    gap = summary["template_gap"]["sft+dpo"]
    assert report.fmt_ci(gap["gap"], gap["ci_lo"], gap["ci_hi"], signed=True) in text
    d = oot["paired"]["sft+dpo"]["goodness"]
    assert "On the `oot` set (12 scenarios): " in section(md, "Verdict")
    assert report.fmt_ci(d["mean_diff"], d["ci_lo"], d["ci_hi"], signed=True) in section(md, "Verdict")


def test_the_fixture_and_a_drifted_summary_against_the_contract(won):
    from finalign.eval_harness.summary_schema import summary_problems

    _, _, summary = won
    assert summary_problems(summary) == []
    drifted = json.loads(json.dumps(summary))
    drifted["seed_answers"]["seed-1"] = drifted["seed_answers"].pop("seed-01")  # the old fixture's typo
    drifted["per_situation"]["base"]["small_debt"] = {"mean": 0.5, "n": 1}  # a situation that does not exist
    del drifted["prompt_sets"]["oot"]["paired"]["sft"]["goodness"]["wins"]
    problems = " | ".join(summary_problems(drifted))
    assert "'seed-1' is not a seed scenario" in problems and "unknown situation 'small_debt'" in problems
    assert "oot: paired.sft.goodness must have keys" in problems


def test_seed_answers_are_side_by_side_with_goodness_and_failed_scorers(won):
    _, md, summary = won
    text = section(md, "Seed scenarios: answers side by side")
    for sid, entry in summary["seed_answers"].items():
        block = text.split(f"### `{sid}`")[1].split("###")[0]
        rows = {row[0]: row[1:] for row in table_rows(block)}
        for i, model in enumerate(summary["models"]):
            answer = entry["answers"][model]
            assert rows["answer"][i] == answer["answer"].replace("\n", "<br>")
            assert rows["goodness"][i] == f"{answer['scores']['goodness']:.3f}"
            failed = report.failed_scorers(answer["scores"])
            assert rows["failed scorers"][i] == (", ".join(f"`{f}`" for f in failed) or "none")


def test_setup_reads_data_counts_hyperparameters_and_manifest(won):
    run, md, _ = won
    setup = section(md, "Setup")
    assert "| train | 192 | 96 | 5 |" in setup and "| eval | 58 | 29 | 5 |" in setup
    config = read_json(run / "lora_finetuned_model" / "sft-dpo" / "training_config.json")
    assert f"| {config['train']['dpo_lr']} | {config['train']['dpo_epochs']} | {config['train']['dpo_beta']} |" \
        in setup
    assert "Fake CPU 3000" in setup and "torch 2.9.0" in setup
    stages = [row[0] for row in table_rows(setup[setup.index("| stage |"):].split("\n\n")[0])]
    assert stages == ["`data`", "`train:sft`", "`train:sft+dpo`", "`eval`", "**total**"]  # pipeline order
    assert "| `train:sft` | 25.000 |" in setup and "| **total** | 125.000 |" in setup
    assert f"`{config['model']}`" in setup


def test_missing_manifest_is_said_plainly(null):
    _, md, _ = null
    assert "`manifest.json` was not found" in section(md, "Setup")


def test_charts_situations_failures_model_metrics_and_limitations_are_present(won):
    _, md, summary = won
    for name in ("headline", "paired_diff", "per_situation", "training_curves", "score_distributions"):
        assert f"![{name}](viz/{name}.png)" in md
    for sit, cell in summary["per_situation"]["sft+dpo"].items():
        assert re.search(rf"\| `{sit}` \| {cell['n']} \| .*{cell['mean']:.3f} \|", md)
    for w in summary["worst"]:
        assert w["answer"] in section(md, "Remaining failure modes")
    mm = section(md, "Model-based metrics")
    assert f"| `sft+dpo` | {summary['model_metrics']['sft+dpo']['pref_accuracy']:.3f} |" in mm
    assert "| `base` | 0.500 | n/a |" in mm
    for metric, meta in summary["metrics"].items():
        assert meta["description"] in section(md, "What the metrics measure")
    assert "not financial advice" in section(md, "Limitations").lower()


def test_a_metric_that_never_applied_reads_n_a(tmp_path, fake_run):
    run = fake_run(tmp_path, effect=0.3)
    summary = read_json(run / "eval" / "summary.json")
    summary["scores"]["sft"]["timeline_accuracy"] = {"mean": None, "ci_lo": None, "ci_hi": None, "n": 0}
    del summary["paired"]["sft"]["timeline_accuracy"]
    write_json(run / "eval" / "summary.json", summary)
    md = report.write_report(run).read_text()
    row = next(r for r in table_rows(section(md, "Scores")) if "timeline_accuracy" in r[0])
    assert row[2] == "n/a" and row[-1] == "29/0/29"


def test_model_metrics_section_is_left_out_when_absent(tmp_path, fake_run):
    run = fake_run(tmp_path, effect=0.3)
    summary = read_json(run / "eval" / "summary.json")
    del summary["model_metrics"]
    write_json(run / "eval" / "summary.json", summary)
    assert "## Model-based metrics" not in report.render(run, [])


def test_missing_summary_is_a_user_error_and_writes_no_results(tmp_path):
    with pytest.raises(UserError, match=r"summary\.json"):
        report.write_report(tmp_path)
    assert not (tmp_path / "results.md").exists()


def test_a_failure_leaves_the_previous_results_untouched(tmp_path, fake_run):
    run = fake_run(tmp_path, effect=0.3)
    (run / "results.md").write_text("previous")
    (run / "lora_finetuned_model" / "sft" / "training_config.json").write_text("{not json")
    with pytest.raises(UserError, match="training_config.json"):
        report.write_report(run)
    assert (run / "results.md").read_text() == "previous"
    assert [p.name for p in run.iterdir() if p.name.startswith(".results.md")] == []


@pytest.mark.parametrize("p, text", [(0.0004, "p<0.001"), (0.001, "p=0.001"), (0.0031, "p=0.003"), (1.0, "p=1.000")])
def test_p_values_are_formatted_like_papers(p, text):
    assert report.fmt_p(p) == text


def test_free_text_cannot_break_a_table_cell():
    assert report.cell("a | b\n<c>") == "a \\| b<br>&lt;c&gt;"


def test_scorer_verdicts_need_enough_paired_scenarios():
    def d(lo, hi, n):
        return {"ci_lo": lo, "ci_hi": hi, "n": n}
    paired = {"actionable": d(0.1, 0.5, 29), "safe": d(-0.6, -0.2, 29), "coherent": d(-0.1, 0.2, 29),
              "within_budget": d(-1.0, -1.0, 1)}
    text = report._scorer_sentence("sft", paired, ["goodness", *paired])
    assert "better on `actionable`" in text and "worse on `safe`;" in text and "no clear change on `coherent`" in text
    assert "to say on `within_budget`" in text and "`within_budget`" not in text.split("worse on")[1].split(";")[0]


def test_methods_are_compared_with_sft_with_stage_times_and_indicators(won):
    _, md, summary = won
    text = section(md, "Methods on the same footing (vs sft)")
    rows = {r[0]: r for r in table_rows(text.split("What reward hacking")[0])}
    d = summary["paired_vs_sft"]["sft+dpo"]["goodness"]
    assert f"{report.fmt_ci(d['mean_diff'], d['ci_lo'], d['ci_hi'], signed=True)}, {report.fmt_p(d['p_value'])}" \
        in rows["`sft+dpo`"]
    assert rows["`sft`"][3] == "—" and rows["`base`"][1] == "—"
    assert rows["`sft+dpo`"][1] == "38"  # train:sft+dpo's wall time in the fixture's manifest
    indicators = {(r[0], r[1]): r for r in table_rows(text.split("What reward hacking")[1])}
    assert indicators[("`oot`", "`sft`")][-1] == "40%" and indicators[("`eval`", "`base`")][3] == "60"
    assert "gated answers 40% → 20%" in text and "steering clear of gated plans" in text  # the fixture's story
    assert "more often" not in text


def test_the_reading_says_when_a_method_wins_in_template_but_loses_out_of_it(tmp_path, fake_run):
    run = fake_run(tmp_path, effect=0.3)
    summary = read_json(run / "eval" / "summary.json")
    assert "loses out of template" not in report.render(run, [])
    head = summary["paired_vs_sft"]["sft+dpo"]["goodness"]
    head.update(mean_diff=0.2, ci_lo=0.05, ci_hi=0.35)
    oot = summary["prompt_sets"]["oot"]["paired_vs_sft"]["sft+dpo"]["goodness"]
    oot.update(mean_diff=-0.04, ci_lo=-0.07, ci_hi=-0.01)
    for ind in (summary["indicators"], summary["prompt_sets"]["oot"]["indicators"]):
        ind["sft+dpo"]["gated_share"] = 0.6  # more gates than sft's 0.4: the other sentence
    write_json(run / "eval" / "summary.json", summary)
    text = section(report.render(run, []), "Methods on the same footing (vs sft)")
    assert "wins in template but loses out of template (`oot` -0.040)" in text
    assert "steering clear" not in text and "breaks safety gates more often than `sft`" in text
    oot.update(mean_diff=-0.002, ci_lo=-0.05, ci_hi=0.042)  # a CI across zero: no loss shown, and no gain
    write_json(run / "eval" / "summary.json", summary)
    text = section(report.render(run, []), "Methods on the same footing (vs sft)")
    assert "loses" not in text and "out of template the gain is not established (`oot` -0.002 [-0.050, +0.042])" in text


def test_the_methods_section_is_left_out_without_sft(tmp_path, fake_run):
    run = fake_run(tmp_path, effect=0.3)
    summary = read_json(run / "eval" / "summary.json")
    summary["models"] = ["base", "sft+dpo"]
    for r in (summary, summary["prompt_sets"]["oot"]):
        r["scores"].pop("sft"), r["paired"].pop("sft"), r["indicators"].pop("sft")
    summary["per_situation"].pop("sft")
    write_json(run / "eval" / "summary.json", summary)
    assert "## Methods on the same footing" not in report.render(run, [])


def test_methods_table_has_one_cell_per_column_for_every_method():
    """The on-policy methods read more settings than SFT or DPO: each still fills the same columns (a first version
    shifted sft+odpo's batch, LoRA and seed three columns to the right)."""
    from finalign.config import Config, to_dict
    from finalign.methods import METHODS

    config = to_dict(Config())
    text = report._methods_section({name: config for name in METHODS})
    header, _, *rows = [line.split(" | ") for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == len(METHODS) and all(len(row) == len(header) for row in rows)
    t = config["train"]
    odpo = next(row for row in rows if row[0] == "| `sft+odpo`")
    assert odpo[2:6] == [str(t["odpo_lr"]), str(t["odpo_epochs"]), str(t["dpo_beta"]), t["dpo_loss_type"]]
    assert f"odpo_sft_weight={t['odpo_sft_weight']}" in odpo[6] and odpo[-1] == f"{t['seed']} |"
    sft = next(row for row in rows if row[0] == "| `sft`")
    assert sft[2:7] == [str(t["lr"]), str(t["epochs"]), "—", "—", "—"]
