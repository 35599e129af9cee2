"""`finalign eval` on a tiny run: its files and their keys, what is evaluated, resume; model-level metrics."""

from __future__ import annotations

import json
import math
import re
import shutil

import pytest

from finalign.config import DataConfig, load_config
from finalign.data_gen.synth_data import build_data, load_pairs
from finalign.eval_harness import evaluate as ev
from finalign.eval_harness import model_metrics as mm
from finalign.eval_harness.metrics import reported_metrics

METRICS = reported_metrics()
from finalign.eval_harness.model_metrics import AnswerLogprob
from finalign.data_gen.schema import load_scenarios
from finalign.layout import OOT_PROMPTS, SEED_IDS, RunDir
from finalign.io import read_json

SUMMARY_KEYS = {"models", "metrics", "scores", "paired", "per_situation", "seed_answers", "worst", "timing",
                "model_metrics", "headline_set", "prompt_sets", "template_gap", "grader_sha256"}
N_OOT = len(load_scenarios(OOT_PROMPTS))


def eval_cfg(model, *extra):
    return load_config(None, [f"model={model}", "threads=1", "eval.max_new_tokens=8", "eval.n_bootstrap=200",
                              "eval.batch_size=8", *extra])


def rows(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def tiny_run(tiny_llama, tmp_path_factory):
    """Data for 8 + 8 scenarios and an (untrained, randomly initialised) LoRA adapter saved as `sft`."""
    import torch
    from peft import LoraConfig, get_peft_model

    from finalign.models import load_model

    run = tmp_path_factory.mktemp("eval-run")
    build_data(DataConfig(n_train_scenarios=8, n_eval_scenarios=8, rejected_per_scenario=1), run)
    torch.manual_seed(0)
    lora = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False, task_type="CAUSAL_LM")
    get_peft_model(load_model(tiny_llama), lora).save_pretrained(str(RunDir(run).adapter("sft")))
    return run


@pytest.fixture(scope="module")
def evaluated(tiny_llama, tiny_run, tmp_path_factory):
    run = tmp_path_factory.mktemp("evaluated") / "run"
    shutil.copytree(tiny_run, run)
    summary = ev.evaluate(eval_cfg(tiny_llama), run, quiet=True)
    return run, summary


def test_writes_generations_scores_and_summary(evaluated):
    run, summary_path = evaluated
    assert summary_path == run / "eval" / "summary.json"
    summary = read_json(summary_path)
    assert SUMMARY_KEYS <= set(summary)
    assert summary["models"] == ["base", "sft"]
    assert set(summary["metrics"]) == set(METRICS)
    assert all({"description", "higher_is_better"} <= set(m) for m in summary["metrics"].values())
    n = summary["n_scenarios"]
    for model in ("base", "sft"):
        for metric in METRICS:
            cell = summary["scores"][model][metric]
            assert set(cell) == {"mean", "ci_lo", "ci_hi", "n"}
            assert 0 <= cell["n"] <= n  # some scorers apply only to some situations
        assert summary["scores"][model]["goodness"]["n"] == n
        assert set(summary["model_metrics"][model]) == {"pref_accuracy", "reward_accuracy", "perplexity", "retention"}
        assert summary["timing"][model]["new_tokens"] > 0
    assert summary["model_metrics"]["base"]["reward_accuracy"] is None  # undefined against itself
    assert summary["model_metrics"]["sft"]["reward_accuracy"] is not None
    assert set(summary["paired"]) == {"sft"} and summary["paired"]["sft"]
    assert set(summary["per_situation"]) == {"base", "sft"}
    assert summary["worst"] and all(w["model"] == "sft" for w in summary["worst"])
    assert summary["decoding"]["max_new_tokens"] == 8
    assert summary["paired_vs_sft"] == {}  # nothing was trained on top of sft here
    for r in (summary, summary["prompt_sets"]["oot"]):
        assert set(r["indicators"]) == {"base", "sft"}
    assert summary["indicators"]["sft"]["n"] == n and summary["prompt_sets"]["oot"]["indicators"]["base"]["n"] == N_OOT

    gens = rows(run / "eval" / "generations.jsonl")
    scores = rows(run / "eval" / "scores.jsonl")
    assert len(gens) == len(scores) == 2 * (n + N_OOT)  # both models on the eval split and the oot set
    assert {g["set"] for g in gens} == {"eval", "oot"}
    keys = {(g["model"], g["set"], g["scenario_id"], g["sample"]) for g in gens}
    assert len(keys) == len(gens)  # no duplicate answers
    assert all(0 < g["new_tokens"] <= 8 and g["decoding"]["max_new_tokens"] == 8 for g in gens)
    assert all(set(s["scores"]) == set(METRICS) for s in scores)


def test_seed_scenarios_always_evaluated_and_no_train_scenario(evaluated):
    run, summary_path = evaluated
    summary = read_json(summary_path)
    seeds = set(SEED_IDS)
    assert len(seeds) == 5
    assert set(summary["seed_answers"]) == seeds
    assert all(set(entry["answers"]) == {"base", "sft"} for entry in summary["seed_answers"].values())

    pairs = run / "synthetic_preferences.jsonl"
    train_ids = {p["scenario_id"] for p in load_pairs(pairs, split="train")}
    eval_ids = {p["scenario_id"] for p in load_pairs(pairs, split="eval")}
    train_prompts = {p["prompt"][-1]["content"] for p in load_pairs(pairs, split="train")}
    assert train_ids and not train_ids & seeds
    gens = [g for g in rows(run / "eval" / "generations.jsonl") if g["set"] == "eval"]
    seen = {g["scenario_id"] for g in gens}
    assert seen == eval_ids | seeds and not seen & train_ids
    assert not {g["prompt"] for g in gens} & train_prompts
    assert summary["n_scenarios"] == len(eval_ids | seeds)


def test_the_out_of_template_set_has_its_own_statistics_and_the_gap(evaluated):
    run, summary_path = evaluated
    summary = read_json(summary_path)
    assert summary["headline_set"] == "eval" and set(summary["prompt_sets"]) == {"oot"}
    oot = summary["prompt_sets"]["oot"]
    assert oot["n_scenarios"] == N_OOT and oot["scores"]["base"]["goodness"]["n"] == N_OOT
    assert oot["paired"]["sft"]["goodness"]["n"] == N_OOT
    # The headline statistics are the in-template ones: recomputed from scores.jsonl, they differ from oot's.
    scores = rows(run / "eval" / "scores.jsonl")
    head = [r["scores"]["goodness"] for r in scores if r["model"] == "base" and r["set"] == "eval"]
    out = [r["scores"]["goodness"] for r in scores if r["model"] == "base" and r["set"] == "oot"]
    assert summary["scores"]["base"]["goodness"]["mean"] == pytest.approx(sum(head) / len(head))
    assert oot["scores"]["base"]["goodness"]["mean"] == pytest.approx(sum(out) / len(out))
    gap = summary["template_gap"]["sft"]
    expected = summary["paired"]["sft"]["goodness"]["mean_diff"] - oot["paired"]["sft"]["goodness"]["mean_diff"]
    assert gap["gap"] == pytest.approx(expected) and gap["ci_lo"] <= gap["gap"] <= gap["ci_hi"]
    assert (gap["n_eval"], gap["n_oot"]) == (summary["n_scenarios"], N_OOT)


def test_extra_prompt_files_are_evaluated_as_their_own_set(tiny_llama, tiny_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    mine = tmp_path / "mine.jsonl"
    mine.write_text("".join(line + "\n" for line in OOT_PROMPTS.read_text().splitlines()[:3]))
    cfg = eval_cfg(tiny_llama, "eval.model_metrics=false")
    summary = read_json(ev.evaluate(cfg, run, quiet=True, sets=(), prompts=(mine,)))
    assert summary["headline_set"] == "mine" and summary["n_scenarios"] == 3 and summary["prompt_sets"] == {}
    assert {(g["set"], g["model"]) for g in rows(run / "eval" / "generations.jsonl")} == {("mine", "base"), ("mine", "sft")}
    assert summary["seed_answers"] == {}  # no seed scenario in that set


def test_a_bad_prompts_file_stops_before_any_folder_or_model(tiny_llama, tiny_run, tmp_path, monkeypatch):
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(OOT_PROMPTS.read_text().splitlines()[0] + "\n{not json\n")
    monkeypatch.setattr(ev, "load_model", lambda *a, **k: pytest.fail("no model may load before inputs are checked"))
    with pytest.raises(ev.UserError, match=r"bad\.jsonl:2"):
        ev.evaluate(eval_cfg(tiny_llama), run, quiet=True, prompts=(bad,))
    assert not (run / "eval").exists()  # nothing half-done left behind
    (run / "prompts.jsonl").write_text("{broken\n")
    with pytest.raises(ev.UserError, match=r"prompts\.jsonl:1"):
        ev.evaluate(eval_cfg(tiny_llama), run, quiet=True)
    assert not (run / "eval").exists()


def test_resume_refuses_answers_made_with_other_decoding(tiny_llama, tiny_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    ev.evaluate(eval_cfg(tiny_llama, "eval.model_metrics=false"), run, quiet=True, sets=("eval",))
    with pytest.raises(ev.UserError, match="other decoding settings"):
        ev.evaluate(eval_cfg(tiny_llama, "eval.model_metrics=false", "eval.max_new_tokens=9"), run, resume=True,
                    quiet=True, sets=("eval",))


def test_resume_refuses_answers_of_an_adapter_trained_again_since(tiny_llama, tiny_run, tmp_path):
    """A retrained adapter's old answers would otherwise be kept, silently, as its own."""
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    cfg = eval_cfg(tiny_llama, "eval.model_metrics=false")
    ev.evaluate(cfg, run, quiet=True, sets=("eval",))
    ev.evaluate(cfg, run, resume=True, quiet=True, sets=("eval",))  # the same adapters: resumes
    method = ev.trained_methods(run)[0]
    weights = RunDir(run).adapter_weights(method)
    weights.write_bytes(weights.read_bytes() + b"\0")  # stands in for a retrained adapter (only its digest is read)
    with pytest.raises(ev.UserError, match=f"answers of {re.escape(method)} came from other weights"):
        ev.evaluate(cfg, run, resume=True, quiet=True, sets=("eval",))


def test_seed_scenarios_are_added_when_the_eval_split_lacks_them(tiny_run, tmp_path):
    """Even a pairs file with no seed rows in it gets the five seed scenarios evaluated."""
    shutil.copytree(tiny_run, tmp_path / "run")
    pairs = tmp_path / "run" / "synthetic_preferences.jsonl"
    kept = [line for line in pairs.read_text().splitlines() if json.loads(line)["scenario_id"] not in SEED_IDS]
    pairs.write_text("\n".join(kept) + "\n")
    ids = {s.id for s in ev.eval_scenarios(tmp_path / "run")}
    assert set(SEED_IDS) <= ids


class CountingGenerate:
    """Wraps generate_batches and counts the answers generated for the eval (not the retention probes)."""

    def __init__(self):
        self.prompts = 0
        self.real = ev.generate_batches

    def __call__(self, model, tokenizer, prompts, decoding, **kwargs):
        if kwargs.get("desc", "").startswith("eval "):
            self.prompts += len(prompts)
        return self.real(model, tokenizer, prompts, decoding, **kwargs)


def test_resume_generates_only_what_is_missing(tiny_llama, tiny_run, tmp_path, monkeypatch):
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    cfg = eval_cfg(tiny_llama, "eval.model_metrics=false")
    ev.evaluate(cfg, run, quiet=True, sets=("eval",))
    gen_path = run / "eval" / "generations.jsonl"
    lines = gen_path.read_text().splitlines()
    total = len(lines)
    gen_path.write_text("\n".join(lines[:-3]) + "\n")  # an eval cut short three answers before the end

    counter = CountingGenerate()
    monkeypatch.setattr(ev, "generate_batches", counter)
    summary = read_json(ev.evaluate(cfg, run, resume=True, quiet=True, sets=("eval",)))
    assert counter.prompts == 3
    after = rows(gen_path)
    assert len(after) == total
    assert [json.loads(line) for line in lines[:-3]] == after[:-3]  # finished work kept as it was
    assert {(r["model"], r["scenario_id"]) for r in after} == {(json.loads(x)["model"], json.loads(x)["scenario_id"])
                                                               for x in lines}
    assert len(rows(run / "eval" / "scores.jsonl")) == total
    assert not summary.get("model_metrics")

    counter.prompts = 0
    ev.evaluate(cfg, run, resume=True, quiet=True, sets=("eval",))
    assert counter.prompts == 0  # nothing missing, nothing generated

    ev.evaluate(cfg, run, quiet=True, sets=("eval",))  # without --resume everything is regenerated
    assert counter.prompts == total
    assert len(rows(gen_path)) == total


def test_rescore_grades_saved_answers_without_a_model(evaluated, tiny_llama, tmp_path, monkeypatch):
    run = tmp_path / "run"
    shutil.copytree(evaluated[0], run)
    before = read_json(run / "eval" / "summary.json")
    monkeypatch.setattr(ev, "load_model", lambda *a, **k: pytest.fail("rescore must not load a model"))
    after = read_json(ev.rescore(eval_cfg(tiny_llama), run))
    assert after["scores"] == before["scores"] and after["model_metrics"] == before["model_metrics"]
    answer = rows(run / "eval" / "generations.jsonl")[0]
    assert rows(run / "eval" / "scores.jsonl")[0]["explanation"]  # every scored answer says why
    assert "graded_at_commit" in after  # which grader graded them (None outside a git checkout)
    assert answer["answer"] == rows(run / "eval" / "generations.jsonl")[0]["answer"]


def test_rescore_without_an_eval_is_a_user_error(tiny_llama, tmp_path):
    with pytest.raises(ev.UserError, match="no generated answers"):
        ev.rescore(eval_cfg(tiny_llama), tmp_path)


# ---- model-level metrics on hand-made log-probabilities -------------------------------------------


def lp(*pairs):
    """lp((chosen_total, chosen_tokens, rejected_total, rejected_tokens), ...) -> pair_logprobs' shape."""
    return {"chosen": [AnswerLogprob(c, ct) for c, ct, _, _ in pairs],
            "rejected": [AnswerLogprob(r, rt) for _, _, r, rt in pairs]}


def test_pref_accuracy_counts_pairs_where_chosen_wins_per_token():
    assert mm.pref_accuracy(lp((-10, 10, -20, 10), (-5, 10, -30, 10))) == 1.0
    assert mm.pref_accuracy(lp((-20, 10, -10, 10), (-30, 10, -5, 10))) == 0.0
    assert mm.pref_accuracy(lp((-10, 10, -20, 10), (-20, 10, -10, 10))) == 0.5
    # Length-normalised: chosen -30 over 30 tokens (-1.0/token) beats rejected -20 over 10 (-2.0/token),
    # although its total is lower; a short rejected answer does not win by being short.
    assert mm.pref_accuracy(lp((-30, 30, -20, 10))) == 1.0
    assert mm.pref_accuracy(lp((-10, 10, -10, 10))) == 0.0  # a tie is not a win
    assert mm.pref_accuracy(lp()) is None


def test_reward_accuracy_compares_gains_over_the_base():
    base = lp((-10, 10, -10, 10), (-10, 10, -10, 10))
    # Chosen gained 5, rejected lost 5: both pairs right.
    assert mm.reward_accuracy(lp((-5, 10, -15, 10), (-5, 10, -15, 10)), base) == 1.0
    # The reverse: both wrong.
    assert mm.reward_accuracy(lp((-15, 10, -5, 10), (-15, 10, -5, 10)), base) == 0.0
    # A model that prefers chosen no more than the base did: rewards, not raw log-probs, decide.
    base2 = lp((-5, 10, -20, 10))
    assert mm.pref_accuracy(lp((-6, 10, -18, 10))) == 1.0
    assert mm.reward_accuracy(lp((-6, 10, -18, 10)), base2) == 0.0
    assert mm.reward_accuracy(lp(), lp()) is None


def test_perplexity_is_exp_of_mean_token_nll():
    # Chosen answers: -20 over 10 tokens and -10 over 10 -> mean NLL 1.5 -> exp(1.5); rejected is ignored.
    assert mm.perplexity(lp((-20, 10, -1000, 5), (-10, 10, -1, 5))) == pytest.approx(math.exp(1.5))
    assert mm.perplexity(lp((0.0, 4, -3, 1))) == pytest.approx(1.0)  # certain of every token
    worse = mm.perplexity(lp((-40, 10, 0, 1)))
    better = mm.perplexity(lp((-10, 10, 0, 1)))
    assert better < worse  # lower is better
    assert mm.perplexity(lp()) is None


def test_retention_score_matches_expected_words():
    right = ["Paris is the capital.", "Blue.", "There are 7 days.", "Cold", "A cat says meow.",
             "Jupiter is the largest.", "Spring comes next.", "Bees make honey.", "Hola!", "Ice."]
    assert len(right) == len(mm.RETENTION_PROMPTS)
    assert mm.retention_score(right) == 1.0
    assert mm.retention_score(["Pay off the card with the highest APR first."] * len(right)) == 0.0
    assert mm.retention_score(right[:5] + ["I don't know."] * 5) == 0.5
    assert mm.retention_score(["PARIS", "The sky is BLUE", "seven days", "cold", "Cats", "jupiter", "spring",
                               "honey", "hola", "ice"]) == 1.0  # case and number words
    assert mm.retention_score(["Parisian food.", "bluest", "17", "colder", "catalog", "", "", "", "", ""]) == 0.0


def test_methods_above_sft_are_also_compared_with_sft():
    from finalign.config import Config

    scenarios = load_scenarios(OOT_PROMPTS)[:5]
    tuned = {"base": 0.5, "sft": 0.3, "sft+odpo": 0.6}
    scores = [{"model": m, "scenario_id": s.id, "situation": s.situation, "sample": 0,
               "scores": {k: (v + 0.01 * i if k == "goodness" else None) for k in reported_metrics()}}
              for m, v in tuned.items() for i, s in enumerate(scenarios)]
    out = ev.summarise(scores, list(tuned), scenarios, Config())
    d = out["paired_vs_sft"]["sft+odpo"]["goodness"]
    assert abs(d["mean_diff"] - 0.3) < 1e-9 and d["wins"] == 5 and d["n"] == 5
    assert set(out["paired_vs_sft"]) == {"sft+odpo"}  # base and sft themselves are not "above sft"
    assert abs(out["paired"]["sft"]["goodness"]["mean_diff"] + 0.2) < 1e-9  # vs base stays vs base


def test_variant_casts_a_copy_to_bf16_and_never_the_base(tiny_llama):
    import torch

    from finalign.models import load_model

    base = load_model(tiny_llama)
    fast = ev.variant(base, None, bf16=True)
    assert fast is not base and next(fast.parameters()).dtype == torch.bfloat16
    assert next(base.parameters()).dtype == torch.float32  # Module.to is in place: the base must not be cast
    assert ev.variant(base, None) is base  # fp32 and no adapter: the base itself, no copy


def test_generation_precision_is_recorded_with_every_answer(evaluated):
    from finalign.hardware import choose_precision

    run, summary_path = evaluated
    name = choose_precision("auto").name
    assert read_json(summary_path)["decoding"]["dtype"] == name
    assert {g["decoding"]["dtype"] for g in rows(run / "eval" / "generations.jsonl")} == {name}
