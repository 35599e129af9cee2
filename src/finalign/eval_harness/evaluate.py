"""`finalign eval`: answers from the base model and every adapter in a run, scored and compared.

    finalign eval --run runs/quick [--resume]

The base model is loaded once; each adapter is applied to a copy and merged (a merged model generates
as fast as the base). Answers go to ``eval/generations.jsonl`` as they are produced, so an interrupted
eval keeps its work and ``--resume`` does only the rest. Scores go to ``eval/scores.jsonl`` and the
statistics to ``eval/summary.json`` (the contract read by report.py).
"""

from __future__ import annotations

import copy
import uuid
from collections import defaultdict
from pathlib import Path
from statistics import mean

from finalign.config import Config
from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.data_gen.synth_data import load_pairs
from finalign.errors import UserError
from finalign.eval_harness import model_metrics as mm
from finalign.eval_harness import stats
from finalign.eval_harness.generate import Decoding, generate_batches
from finalign.eval_harness.metrics import grade, reported_metrics
from finalign.finetune.common import adapter_dir, set_threads
from finalign.io import append_jsonl, read_json, read_jsonl, write_json, write_jsonl
from finalign.models import load_model, load_tokenizer, prompt_text, resolve_model

SEED_IDS = tuple(f"seed-0{i}" for i in range(1, 6))
METHOD_ORDER = ("seed", "sft", "dpo", "sft+dpo")


# ---- what to evaluate -------------------------------------------------------------------------


def eval_scenarios(run_dir: Path) -> list[Scenario]:
    """The held-out scenarios of the run (split == eval in the pairs file), the 5 seed ones always included."""
    ids = {p["scenario_id"] for p in load_pairs(run_dir / "synthetic_preferences.jsonl", split="eval")} | set(SEED_IDS)
    scenarios = [s for s in load_scenarios(run_dir / "prompts.jsonl") if s.id in ids]
    missing = set(SEED_IDS) - {s.id for s in scenarios}
    if missing:
        raise UserError(f"{run_dir / 'prompts.jsonl'}: seed scenarios missing: {', '.join(sorted(missing))}")
    return scenarios


def trained_methods(run_dir: Path) -> list[str]:
    """Methods with a complete adapter in the run, in a fixed display order."""
    return [m for m in METHOD_ORDER if (adapter_dir(run_dir, m) / "adapter_model.safetensors").is_file()]


def variant(base, adapter: Path | None):
    """The base model itself, or a merged copy with the adapter at ``adapter`` applied."""
    if adapter is None:
        return base
    from peft import PeftModel

    return PeftModel.from_pretrained(copy.deepcopy(base), str(adapter)).merge_and_unload()


# ---- generation -------------------------------------------------------------------------------


def _done_keys(path: Path) -> set[tuple]:
    if not path.is_file():
        return set()
    return {(r["model"], r["scenario_id"], r["sample"]) for _, r in read_jsonl(path)}


def generate_for(model, tokenizer, name: str, scenarios: list[Scenario], cfg: Config, out: Path,
                 done: set[tuple], quiet: bool) -> None:
    e = cfg.eval
    samples = e.num_samples if e.do_sample else 1
    jobs = [(s, k) for s in scenarios for k in range(samples) if (name, s.id, k) not in done]
    if not jobs:
        return
    prompts = [prompt_text(tokenizer, [{"role": "user", "content": s.prompt}]) for s, _ in jobs]
    decoding = Decoding(e.max_new_tokens, e.do_sample, e.temperature, e.top_p, e.seed)
    run_id = uuid.uuid4().hex[:8]  # batches of a resumed eval are new batches
    for g in generate_batches(model, tokenizer, prompts, decoding, batch_size=e.batch_size, quiet=quiet,
                              desc=f"eval {name}"):
        scenario, sample = jobs[g.index]
        append_jsonl(out, {
            "model": name, "scenario_id": scenario.id, "situation": scenario.situation, "sample": sample,
            "prompt": scenario.prompt, "answer": g.answer, "prompt_tokens": g.prompt_tokens,
            "new_tokens": g.new_tokens, "batch": f"{run_id}:{g.batch}", "batch_seconds": round(g.seconds, 3),
            "decoding": {"max_new_tokens": e.max_new_tokens, "do_sample": e.do_sample,
                         "temperature": e.temperature if e.do_sample else None,
                         "top_p": e.top_p if e.do_sample else None, "seed": e.seed},
        })


def model_level_metrics(model, tokenizer, pairs: list[dict], base_lp, cfg: Config, quiet: bool) -> tuple[dict, dict]:
    lp = mm.pair_logprobs(model, tokenizer, pairs)
    prompts = [prompt_text(tokenizer, [{"role": "user", "content": q}]) for q, _ in mm.RETENTION_PROMPTS]
    decoding = Decoding(max_new_tokens=48)
    answers = {g.index: g.answer for g in generate_batches(model, tokenizer, prompts, decoding,
                                                           batch_size=cfg.eval.batch_size, quiet=True)}
    return lp, {
        "pref_accuracy": mm.pref_accuracy(lp),
        "reward_accuracy": None if base_lp is None else mm.reward_accuracy(lp, base_lp),
        "perplexity": mm.perplexity(lp),
        "retention": mm.retention_score([answers[i] for i in range(len(prompts))]),
    }


# ---- statistics -------------------------------------------------------------------------------


def per_scenario(scores: list[dict], model: str, metric: str) -> dict[str, float]:
    """Mean score per scenario (averaging samples: the scenario is the unit that is resampled)."""
    by: dict[str, list[float]] = defaultdict(list)
    for row in scores:
        value = row["scores"].get(metric)
        if row["model"] == model and value is not None:
            by[row["scenario_id"]].append(value)
    return {sid: mean(v) for sid, v in by.items()}


def _binary(values) -> bool:
    return all(v in (0.0, 1.0) for v in values)


def summarise(scores: list[dict], models: list[str], scenarios: list[Scenario], cfg: Config) -> dict:
    n_boot, seed = cfg.eval.n_bootstrap, cfg.eval.seed
    names = list(reported_metrics())
    table: dict = {m: {} for m in models}
    paired: dict = {m: {} for m in models[1:]}
    for metric in names:
        base = per_scenario(scores, models[0], metric)
        for model in models:
            values = per_scenario(scores, model, metric)
            if values:
                m, lo, hi = stats.bootstrap_ci(list(values.values()), n_boot=n_boot, seed=seed)
                table[model][metric] = {"mean": m, "ci_lo": lo, "ci_hi": hi, "n": len(values)}
            else:
                table[model][metric] = {"mean": None, "ci_lo": None, "ci_hi": None, "n": 0}
            if model == models[0]:
                continue
            ids = sorted(set(values) & set(base))
            if not ids:
                continue
            a, b = [values[i] for i in ids], [base[i] for i in ids]
            diff = stats.paired_diff(a, b, n_boot=n_boot, seed=seed)
            test = "permutation"
            if _binary(a) and _binary(b):
                diff["p_value"], test = stats.mcnemar(a, b), "mcnemar"
            paired[model][metric] = {
                **{k: diff[k] for k in ("mean_diff", "ci_lo", "ci_hi", "p_value", "wins", "ties", "losses")},
                "test": test, "n": len(ids),
                "flipped_up": [i for i in ids if values[i] >= 0.5 > base[i]],
                "flipped_down": [i for i in ids if base[i] >= 0.5 > values[i]],
            }
    situations = {s.id: s.situation for s in scenarios}
    per_sit: dict = {}
    for model in models:
        by: dict[str, list[float]] = defaultdict(list)
        for sid, value in per_scenario(scores, model, "goodness").items():
            by[situations[sid]].append(value)
        per_sit[model] = {sit: {"mean": mean(v), "n": len(v)} for sit, v in sorted(by.items())}
    return {"scores": table, "paired": paired, "per_situation": per_sit}


def _seed_answers(records: list[dict], scores: list[dict]) -> dict:
    by_key = {(r["model"], r["scenario_id"]): r for r in scores if r["sample"] == 0}
    out: dict = {}
    for rec in records:
        if rec["scenario_id"] in SEED_IDS and rec["sample"] == 0:
            entry = out.setdefault(rec["scenario_id"], {"prompt": rec["prompt"], "answers": {}})
            entry["answers"][rec["model"]] = {"answer": rec["answer"],
                                              "scores": by_key[(rec["model"], rec["scenario_id"])]["scores"]}
    return {sid: out[sid] for sid in sorted(out)}


def _worst(records: list[dict], scores: list[dict], table: dict, models: list[str], k: int = 5) -> list[dict]:
    best = max(models[1:] or models, key=lambda m: table[m]["goodness"]["mean"] or 0)
    answers = {(r["model"], r["scenario_id"], r["sample"]): r["answer"] for r in records}
    rows = sorted((r for r in scores if r["model"] == best),
                  key=lambda r: (r["scores"]["goodness"] if r["scores"]["goodness"] is not None else 1, r["scenario_id"]))
    return [{"model": best, "scenario_id": r["scenario_id"], "situation": r["situation"],
             "goodness": r["scores"]["goodness"], "answer": answers[(best, r["scenario_id"], r["sample"])],
             "failed": [m for m, v in r["scores"].items() if v is not None and v < 0.5],
             "explanation": r.get("explanation", "")} for r in rows[:k]]


# ---- the stage --------------------------------------------------------------------------------


def evaluate(cfg: Config, run_dir: str | Path, *, resume: bool = False, quiet: bool = False) -> Path:
    """Generate, score and summarise; returns the path of ``eval/summary.json``."""
    run_dir = Path(run_dir)
    out_dir = run_dir / "eval"
    out_dir.mkdir(parents=True, exist_ok=True)
    gen_path = out_dir / "generations.jsonl"
    if not resume:
        gen_path.unlink(missing_ok=True)
    set_threads(cfg.threads)
    scenarios = eval_scenarios(run_dir)
    eval_pairs = load_pairs(run_dir / "synthetic_preferences.jsonl", split="eval")
    methods = trained_methods(run_dir)
    models = ["base", *methods]

    base_path = resolve_model(cfg.model)
    tokenizer = load_tokenizer(base_path)
    base = load_model(base_path)
    done = _done_keys(gen_path)
    model_level: dict = {}
    base_lp = None
    for name in models:
        model = variant(base, None if name == "base" else adapter_dir(run_dir, name))
        generate_for(model, tokenizer, name, scenarios, cfg, gen_path, done, quiet)
        if cfg.eval.model_metrics:
            lp, model_level[name] = model_level_metrics(model, tokenizer, eval_pairs, base_lp, cfg, quiet)
            base_lp = base_lp or lp
        del model

    return score_run(cfg, run_dir, model_level)


def rescore(cfg: Config, run_dir: str | Path) -> Path:
    """Score a finished eval again with the grader as it is now: no model is loaded, no answer regenerated; the
    model-level metrics (which need the models) are kept from the last summary."""
    run_dir = Path(run_dir)
    summary_path = run_dir / "eval" / "summary.json"
    if not (run_dir / "eval" / "generations.jsonl").is_file() or not summary_path.is_file():
        raise UserError(f"{run_dir}: no finished eval to rescore (run `finalign eval --run {run_dir}` first)")
    return score_run(cfg, run_dir, read_json(summary_path).get("model_metrics") or {})


def score_run(cfg: Config, run_dir: Path, model_level: dict) -> Path:
    """Grade every answer in ``eval/generations.jsonl`` and write ``scores.jsonl`` and ``summary.json``."""
    out_dir = run_dir / "eval"
    gen_path = out_dir / "generations.jsonl"
    scenarios = eval_scenarios(run_dir)
    models = ["base", *trained_methods(run_dir)]
    by_id = {s.id: s for s in scenarios}
    records = [r for _, r in read_jsonl(gen_path) if r["model"] in models and r["scenario_id"] in by_id]
    scores = []
    for r in records:
        g = grade(r["answer"], by_id[r["scenario_id"]])
        scores.append({"model": r["model"], "scenario_id": r["scenario_id"], "situation": r["situation"],
                       "sample": r["sample"], "scores": g.values(), "explanation": g.explanation(),
                       "gates": sorted(g.gates)})
    write_jsonl(out_dir / "scores.jsonl", scores)
    summary = {
        "models": models,
        "metrics": reported_metrics(),
        "n_scenarios": len(scenarios),
        "n_samples": cfg.eval.num_samples if cfg.eval.do_sample else 1,
        "decoding": {k: getattr(cfg.eval, k) for k in ("max_new_tokens", "do_sample", "temperature", "top_p", "seed")},
        **summarise(scores, models, scenarios, cfg),
        "seed_answers": _seed_answers(records, scores),
        "timing": _timing(records, models),
    }
    if model_level:
        summary["model_metrics"] = model_level
    from finalign.pipeline import git_commit  # here: pipeline imports this module
    summary["graded_at_commit"] = git_commit()  # a rescore grades old answers with a newer grader
    summary["worst"] = _worst(records, scores, summary["scores"], models)
    return write_json(out_dir / "summary.json", summary)


def _timing(records: list[dict], models: list[str]) -> dict:
    """Generation throughput per model: members of one batch share its wall time, so count it once."""
    out = {}
    for model in models:
        rows = [r for r in records if r["model"] == model]
        seconds = sum({r["batch"]: r["batch_seconds"] for r in rows}.values())
        tokens = sum(r["new_tokens"] for r in rows)
        out[model] = {"new_tokens": tokens, "seconds": round(seconds, 2),
                      "tokens_per_s": round(tokens / seconds, 1) if seconds else None}
    return out
