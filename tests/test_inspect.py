"""`finalign/debt_advice` in Inspect AI: datasets, the grader as a scorer, metrics, logs read back by `finalign score`.

Inspect's `mockllm/model` answers for the plumbing; one test runs the real 135M model with Inspect's Hugging Face
provider. Every log goes to a temporary folder and nothing touches the network (mock answers carry their token
usage: otherwise mockllm counts tokens with tiktoken, which downloads its encoding).
"""

from __future__ import annotations

import json
import math
import sys
from statistics import mean

import pytest

pytest.importorskip("inspect_ai", reason="the inspect extra is not installed: pip install finalign[inspect]")

from inspect_ai import Task, eval  # noqa: E402
from inspect_ai.dataset import Sample  # noqa: E402
from inspect_ai.model import ModelOutput, ModelUsage  # noqa: E402

from finalign import cli  # noqa: E402
from finalign.config import DataConfig  # noqa: E402
from finalign.data_gen.synth_data import build_data  # noqa: E402
from finalign.errors import UserError  # noqa: E402
from finalign.layout import RunDir  # noqa: E402
from finalign.eval_harness.inspect_task import debt_advice, scenarios_for  # noqa: E402
from finalign.eval_harness.metrics import METRICS, grade  # noqa: E402
from finalign.eval_harness.score import known_scenarios, score_file  # noqa: E402

GOOD = "Put $600 a month toward the credit card and $200 a month into savings."  # right for seed-01
BAD = "Put $1,000 a month toward the credit card and move all $300 savings onto the card."  # 2 gates: budget, savings
SCORE_KEYS = {"goodness", "safe", *METRICS}


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "logs"


def mock(answer_for, seen=None):
    """mockllm model args: answer each prompt with ``answer_for(prompt)``; record what the model was sent."""

    def generate(messages, tools, tool_choice, config):
        if seen is not None:
            seen.append((messages, config))
        out = ModelOutput.from_content("mockllm/model", answer_for(messages[-1].text))
        out.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return out

    return {"custom_outputs": generate}


def run(task, answer_for, log_dir, seen=None, **kwargs):
    (log,) = eval(task, model="mockllm/model", model_args=mock(answer_for, seen), log_dir=str(log_dir),
                  display="none", **kwargs)
    assert log.status == "success", log.error
    return log


def grader_score(sample):
    return sample.scores["finalign_grader"]


# ---- datasets ---------------------------------------------------------------------------------


def test_dataset_choices(tmp_path):
    seed = [s.id for s in scenarios_for("seed")]
    oot = [s.id for s in scenarios_for("oot")]
    assert seed == [f"seed-0{i}" for i in range(1, 6)]
    assert len(oot) == 40 and all(i.startswith("oot-") for i in oot)
    assert [s.id for s in scenarios_for("both")] == seed + oot
    run_dir = tmp_path / "run"
    build_data(DataConfig(n_train_scenarios=4, n_eval_scenarios=3, rejected_per_scenario=1), run_dir)
    split = {json.loads(line)["scenario_id"]: json.loads(line)["split"]
             for line in RunDir(run_dir).pairs.read_text().splitlines()}
    from_run = {s.id for s in scenarios_for(str(run_dir))}
    assert from_run == {i for i, s in split.items() if s == "eval"} | set(seed)  # eval split + the seed ones
    assert not from_run & {i for i, s in split.items() if s == "train"}
    assert {s.id for s in scenarios_for(str(run_dir / "prompts.jsonl"))} >= from_run  # a prompts file: all of it


@pytest.mark.parametrize("dataset, message", [("nope", "not seed, oot, both"), (".", "must be a finalign run")])
def test_unknown_dataset_is_user_error(dataset, message):
    with pytest.raises(UserError, match=message):
        scenarios_for(dataset)


def test_each_sample_carries_its_scenario():
    samples = list(debt_advice(dataset="both").dataset)
    known = known_scenarios()
    assert len(samples) == 45
    for sample in samples:
        assert sample.input == known[sample.id].prompt
        assert sample.metadata == {"situation": known[sample.id].situation, "scenario": known[sample.id].to_dict()}


# ---- the scorer and its metrics, on mock answers ----------------------------------------------


def test_task_is_registered_as_finalign_debt_advice(log_dir):
    import importlib
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    module = importlib.import_module(pyproject["project"]["entry-points"]["inspect_ai"]["finalign"])
    assert module.debt_advice is debt_advice  # `inspect eval finalign/debt_advice` loads this module
    # Inspect prefixes the package name because finalign is installed (`make test`: pip install -e)
    assert run(debt_advice(), lambda prompt: GOOD, log_dir, limit=1).eval.task == "finalign/debt_advice"


def test_prompt_and_decoding_match_finalign_eval(log_dir):
    seen = []
    run(debt_advice(), lambda prompt: GOOD, log_dir, seen, limit=1)
    (messages, config), = seen
    assert [(m.role, m.text) for m in messages] == [("user", known_scenarios()["seed-01"].prompt)]
    assert config.max_tokens == 160 and config.temperature == 0.0  # EvalConfig's defaults: greedy, 160 tokens


def test_scores_explanations_and_gates_land_in_the_log(log_dir):
    good = run(debt_advice(), lambda prompt: GOOD, log_dir, sample_id="seed-01").samples[0]
    bad = run(debt_advice(), lambda prompt: BAD, log_dir, sample_id="seed-01").samples[0]
    scenario = known_scenarios()["seed-01"]
    for sample, answer in ((good, GOOD), (bad, BAD)):
        score, expected = grader_score(sample), grade(answer, scenario)
        assert set(score.value) == SCORE_KEYS and score.answer == answer
        for key, value in expected.values().items():  # not applicable: NaN, Inspect's "unscored"
            assert math.isnan(score.value[key]) if value is None else score.value[key] == value, key
        assert score.metadata["gates"] == sorted(expected.gates)
        assert score.metadata["grade"] == json.loads(json.dumps(expected.to_dict()))
        for name in METRICS:  # every scorer's explanation is readable in the viewer
            assert f"**{name}**" in score.explanation and expected.scores[name].explanation in score.explanation
    assert grader_score(bad).value["goodness"] < 0.3 <= grader_score(good).value["goodness"]
    assert grader_score(bad).metadata["gates"] == ["drains_savings", "over_budget"]
    assert "**GATE over_budget**: recommends $1,000/month, the surplus is $800" in grader_score(bad).explanation
    # the evidence: the sentence read and the figures compared
    assert f"“{GOOD}” (expected 800, found 800)" in grader_score(good).explanation
    assert f"“{BAD}” (expected 800, found 1,000)" in grader_score(bad).explanation


def test_metrics_mean_stderr_per_scorer_and_per_situation(log_dir):
    answers = {s.prompt: text for s, text in zip(scenarios_for("seed"), [GOOD, BAD, GOOD, BAD, GOOD])}
    log = run(debt_advice(), answers.__getitem__, log_dir)
    goodness = [grader_score(s).value["goodness"] for s in log.samples]
    results = {s.name: s.metrics for s in log.results.scores}
    assert list(results) == ["goodness", "safe", *METRICS]  # goodness first: Inspect's headline metric
    g = results["goodness"]
    assert g["mean"].value == pytest.approx(mean(goodness))
    assert g["stderr"].value > 0
    situations = {s.metadata["situation"]: grader_score(s).value["goodness"] for s in log.samples}
    assert len(situations) == 5  # one seed scenario per situation
    assert {k: m.value for k, m in g.items() if k.startswith("grouped_")} == pytest.approx(
        {f"grouped_{k}": v for k, v in situations.items()})
    assert set(results["safe"]) == {"mean"}
    for name in METRICS:  # a scorer that applies to no answer has no mean (NaN), not a made-up 0
        values = [grader_score(s).value[name] for s in log.samples if not math.isnan(grader_score(s).value[name])]
        assert results[name]["mean"].value == pytest.approx(mean(values)) if values else math.isnan(
            results[name]["mean"].value), name


def test_task_parameters(log_dir):
    seen = []
    log = run(debt_advice(dataset="oot", max_tokens=64, temperature=0.5), lambda p: GOOD, log_dir, seen, limit=2)
    assert [s.id for s in log.samples] == ["oot-01", "oot-02"]
    assert {(c.max_tokens, c.temperature) for _, c in seen} == {(64, 0.5)}


# ---- logs read back by `finalign score` --------------------------------------------------------


@pytest.mark.parametrize("log_format", ["eval", "json"])
def test_finalign_score_regrades_a_log(log_dir, log_format):
    answers = {s.prompt: text for s, text in zip(scenarios_for("seed"), [GOOD, BAD, GOOD, BAD, GOOD])}
    log = run(debt_advice(), answers.__getitem__, log_dir, log_format=log_format)
    assert log.location.endswith(f".{log_format}")
    assert cli.main(["score", log.location]) == 0
    out = log_dir / (log.location.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".scored.jsonl")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["scenario_id"] for r in rows] == [s.id for s in log.samples]
    for row, sample in zip(rows, log.samples):
        assert row["answer"] == sample.output.completion and row["model"] == "mockllm/model"
        assert row["scores"]["goodness"] == row["logged_goodness"] == grader_score(sample).value["goodness"]
        assert row["grade"] == grader_score(sample).metadata["grade"]


def test_log_of_another_task_is_user_error(log_dir, tmp_path):
    other = Task(dataset=[Sample(input="Say hi", id="hi")])
    log = run(other, lambda prompt: "hi", log_dir)
    with pytest.raises(UserError, match="sample hi .*no finalign scenario in its metadata"):
        score_file(log.location)
    assert not list(log_dir.glob("*.scored.jsonl"))


def test_log_without_samples_is_user_error(log_dir):
    log = run(debt_advice(), lambda prompt: GOOD, log_dir, limit=1, log_samples=False)
    with pytest.raises(UserError, match="the log holds no samples"):
        score_file(log.location)


def test_unreadable_log_is_one_error_line(tmp_path, capsys):
    bad = tmp_path / "broken.eval"
    bad.write_bytes(b"not a zip")
    assert cli.main(["score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"finalign: error: {bad}: not a readable Inspect eval log") and err.count("\n") == 1
    assert not (tmp_path / "broken.scored.jsonl").exists()


def test_log_without_inspect_installed_says_how_to_install(tmp_path, monkeypatch):
    log = tmp_path / "old.eval"
    log.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "inspect_ai.log", None)  # import fails as if Inspect were not installed
    with pytest.raises(UserError, match=r"pip install finalign\[inspect\]"):
        score_file(log)


# ---- the real model, through Inspect's Hugging Face provider -----------------------------------


@pytest.mark.slow
def test_real_model_with_hf_provider(smol_path, log_dir):
    """2 seed scenarios, 24 tokens: Inspect's answers are finalign's own greedy answers, graded in the log."""
    from finalign.eval_harness.generate import Decoding, generate_batches
    from finalign.models import load_model, load_tokenizer, prompt_text

    (log,) = eval(debt_advice(max_tokens=24), model=f"hf/{smol_path}", model_args={"do_sample": False},
                  limit=2, log_dir=str(log_dir), display="none")
    assert log.status == "success", log.error
    assert [s.id for s in log.samples] == ["seed-01", "seed-02"]
    known = known_scenarios()
    tok = load_tokenizer(smol_path)
    prompts = [prompt_text(tok, [{"role": "user", "content": known[s.id].prompt}]) for s in log.samples]
    ours = {g.index: g.answer for g in generate_batches(load_model(smol_path), tok, prompts, Decoding(24), quiet=True)}
    for i, sample in enumerate(log.samples):
        answer = sample.output.completion
        assert answer.strip() == ours[i]  # same prompt (chat template, one user message), same greedy decoding
        score, expected = grader_score(sample), grade(answer, known[sample.id])
        assert score.value["goodness"] == expected.goodness and score.explanation.startswith("**goodness")
        assert score.metadata["gates"] == sorted(expected.gates)
    assert {s.name for s in log.results.scores} == SCORE_KEYS


def test_adapter_merged_by_finalign_runs_in_inspect(tiny_llama, tmp_path, log_dir):
    """`finalign model merge` output is a plain folder Inspect's hf provider loads (the tiny Llama: seconds)."""
    import torch
    from peft import LoraConfig, get_peft_model

    from finalign.finetune.merge import merge_adapter
    from finalign.models import load_model

    torch.manual_seed(0)
    lora = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False, task_type="CAUSAL_LM")
    adapter = RunDir(tmp_path).adapter("sft")
    get_peft_model(load_model(tiny_llama), lora).save_pretrained(str(adapter))
    (adapter / "training_config.json").write_text(json.dumps({"model": str(tiny_llama)}))
    merged = merge_adapter(tmp_path, "sft")
    (log,) = eval(debt_advice(max_tokens=4), model=f"hf/{merged}", model_args={"do_sample": False}, limit=2,
                  log_dir=str(log_dir), display="none")
    assert log.status == "success", log.error
    assert log.eval.model == f"hf/{merged}"
    assert all(set(grader_score(s).value) == SCORE_KEYS for s in log.samples)
