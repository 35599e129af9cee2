"""`finalign eval`: answers from the base model and every adapter in a run, on every prompt set, scored and compared.

    finalign eval --run runs/quick [--resume] [--prompts my_scenarios.jsonl]

Two steps, which `finalign run` keys separately so that editing the grader rescores without regenerating:

1. *generate*: the base model is loaded once; each adapter is applied to a copy and merged (a merged model
   generates as fast as the base). Answers go to ``eval/generations.jsonl`` as they are produced, so an
   interrupted eval keeps its work and ``--resume`` does only the rest. Model-level metrics go to
   ``eval/model_metrics.json``.
2. *score* (``--score-only``, also spelled ``--rescore``): grade every saved answer, write ``eval/scores.jsonl`` and
   the statistics ``eval/summary.json`` (the contract read by report.py). No model is loaded.

Prompt sets: ``eval`` (the run's held-out split of the generated scenarios, the 5 seed scenarios included: the
in-template headline) and ``oot`` (the shipped hand-written out-of-template scenarios, never trained on), plus any
``--prompts FILE`` (named by its file stem). Each set gets its own paired statistics; the gap between ``eval`` and
``oot`` says how much of a gain is template-filling.
"""

from __future__ import annotations

import copy
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from finalign.config import Config, EvalConfig
from finalign.data_gen import finance, schema
from finalign.data_gen.schema import Scenario, load_scenarios
from finalign.data_gen.synth_data import load_pairs
from finalign.errors import UserError
from finalign.eval_harness import indicators, metrics, reader, stats
from finalign.eval_harness import model_metrics as mm
from finalign.eval_harness.generate import Decoding, generate_batches
from finalign.eval_harness.metrics import grade, reported_metrics
from finalign.eval_harness.summary_schema import check_summary
from finalign.hardware import choose_precision, set_threads
from finalign.io import append_jsonl, read_json, read_jsonl, sha256_file, sha256_sources, write_json, write_jsonl
from finalign.layout import OOT_PROMPTS, SEED_IDS, RunDir
from finalign.methods import METHODS, REFERENCE_METHOD
from finalign.models import load_model, load_tokenizer, prompt_text, resolve_model

HEADLINE = "eval"  # the set whose statistics are the verdict (in template, as the training data)
BUILTIN_SETS = ("eval", "oot")


def grader_fingerprint() -> str:
    """sha256 of the grader's source (reader, scorers, statistics, finance engine, scenario schema, this file):
    the score step's key, so an edited scorer never serves a stale score."""
    return sha256_sources(reader, metrics, indicators, stats, finance, schema, sys.modules[__name__])


def reward_fingerprint() -> str:
    """sha256 of what ``grade()`` reads and computes with (reader, scorers, finance engine, scenario schema): part of
    the key of a training stage whose data are the grader's verdicts."""
    return sha256_sources(reader, metrics, finance, schema)


# ---- what to evaluate -------------------------------------------------------------------------


def eval_scenarios(run_dir: Path) -> list[Scenario]:
    """The held-out scenarios of the run (split == eval in the pairs file), the 5 seed ones always included."""
    run = RunDir(run_dir)
    ids = {p["scenario_id"] for p in load_pairs(run.pairs, split="eval")} | set(SEED_IDS)
    scenarios = [s for s in load_scenarios(run.prompts) if s.id in ids]
    missing = set(SEED_IDS) - {s.id for s in scenarios}
    if missing:
        raise UserError(f"{run.prompts}: seed scenarios missing: {', '.join(sorted(missing))}")
    return scenarios


@dataclass(frozen=True)
class PromptSet:
    name: str
    source: Path
    scenarios: tuple[Scenario, ...]


def prompt_sets(run_dir: Path, names: tuple[str, ...] = BUILTIN_SETS, extra: tuple[str | Path, ...] = ()) -> list[PromptSet]:
    """The built-in sets named in ``names`` and one set per extra scenarios file; every file is read (and every line
    checked) here, before any model is loaded."""
    run = RunDir(run_dir)
    out = []
    for name in names:
        if name == "eval":
            out.append(PromptSet("eval", run.prompts, tuple(eval_scenarios(run.root))))
        elif name == "oot":
            out.append(PromptSet("oot", OOT_PROMPTS, tuple(load_scenarios(OOT_PROMPTS))))
        else:
            raise UserError(f"unknown prompt set {name!r}; the built-in ones are {', '.join(BUILTIN_SETS)}")
    for path in map(Path, extra):
        if path.stem in {s.name for s in out}:
            raise UserError(f"{path}: a prompt set named {path.stem!r} is already evaluated; rename the file")
        scenarios = tuple(load_scenarios(path))
        if not scenarios:
            raise UserError(f"{path}: no scenarios (the file is empty)")
        out.append(PromptSet(path.stem, path, scenarios))
    if not out:
        raise UserError("nothing to evaluate: no prompt set chosen")
    return out


def trained_methods(run_dir: Path) -> list[str]:
    """Methods with a complete adapter in the run, in the display order of methods.METHODS."""
    run = RunDir(run_dir)
    return [m for m in METHODS if run.has_adapter(m)]


def variant(base, adapter: Path | None, *, bf16: bool = False):
    """The base model itself, or a merged copy with the adapter at ``adapter`` applied; cast to bf16 when asked.

    The adapter is merged in ``base``'s precision (fp32) before any cast, so the LoRA delta is not rounded twice;
    ``base`` itself is never cast (``Module.to`` works in place)."""
    model = base
    if adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(copy.deepcopy(base), str(adapter)).merge_and_unload()
    if bf16:
        import torch

        model = (copy.deepcopy(base) if model is base else model).to(torch.bfloat16)
    return model


# ---- generation -------------------------------------------------------------------------------


def _done_keys(path: Path, decoding: dict, weights: dict[str, str | None]) -> set[tuple]:
    """(model, set, scenario, sample) already generated; answers made with other decoding settings, or by an adapter
    trained again since (``weights``: each model's adapter digest), are refused."""
    if not path.is_file():
        return set()
    done = set()
    for lineno, r in read_jsonl(path):
        if r.get("decoding") != decoding:
            raise UserError(f"{path}:{lineno}: generated with other decoding settings ({r.get('decoding')}); "
                            "rerun without --resume to start over")
        if r["model"] in weights and r.get("weights") != weights[r["model"]]:
            raise UserError(f"{path}:{lineno}: answers of {r['model']} came from other weights (its adapter was "
                            "trained again since); rerun without --resume to start over")
        done.add((r["model"], r.get("set", HEADLINE), r["scenario_id"], r["sample"]))
    return done


def _decoding_record(e: EvalConfig) -> dict:
    return {"max_new_tokens": e.max_new_tokens, "do_sample": e.do_sample,
            "temperature": e.temperature if e.do_sample else None, "top_p": e.top_p if e.do_sample else None,
            "seed": e.seed, "dtype": choose_precision(e.dtype).name}


def _weights(run: RunDir, models: list[str]) -> dict[str, str | None]:
    """Each model's adapter digest (None for the base), kept with its answers so --resume never mixes in stale ones."""
    return {m: None if m == "base" else sha256_file(run.adapter_weights(m))[:16] for m in models}


def generate_for(model, tokenizer, name: str, sets: list[PromptSet], cfg: Config, out: Path,
                 done: set[tuple], quiet: bool, weights: str | None = None) -> None:
    """Every missing answer of one model, all prompt sets in one batched pass (similar lengths batch together)."""
    e = cfg.eval
    samples = e.num_samples if e.do_sample else 1
    jobs = [(ps.name, s, k) for ps in sets for s in ps.scenarios for k in range(samples)
            if (name, ps.name, s.id, k) not in done]
    if not jobs:
        return
    prompts = [prompt_text(tokenizer, [{"role": "user", "content": s.prompt}]) for _, s, _ in jobs]
    run_id = uuid.uuid4().hex[:8]  # batches of a resumed eval are new batches
    for g in generate_batches(model, tokenizer, prompts, Decoding.from_config(e), batch_size=e.batch_size, quiet=quiet,
                              desc=f"eval {name}"):
        set_name, scenario, sample = jobs[g.index]
        append_jsonl(out, {
            "model": name, "set": set_name, "scenario_id": scenario.id, "situation": scenario.situation,
            "sample": sample, "prompt": scenario.prompt, "answer": g.answer, "prompt_tokens": g.prompt_tokens,
            "new_tokens": g.new_tokens, "batch": f"{run_id}:{g.batch}", "batch_seconds": round(g.seconds, 3),
            "decoding": _decoding_record(e), "weights": weights,
        })


def model_level_metrics(model, tokenizer, pairs: list[dict], base_lp, cfg: Config) -> tuple[dict, dict]:
    lp = mm.pair_logprobs(model, tokenizer, pairs)
    prompts = [prompt_text(tokenizer, [{"role": "user", "content": q}]) for q, _ in mm.RETENTION_PROMPTS]
    decoding = Decoding(max_new_tokens=48, do_sample=False)  # greedy and short: one expected word
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


def _paired(values: dict[str, float], ref: dict[str, float], cfg: Config) -> dict | None:
    """``values`` minus ``ref`` on the scenarios both have: the paired difference, its test, and flips across 0.5."""
    ids = sorted(set(values) & set(ref))
    if not ids:
        return None
    a, b = [values[i] for i in ids], [ref[i] for i in ids]
    diff = stats.paired_diff(a, b, n_boot=cfg.eval.n_bootstrap, seed=cfg.eval.seed)
    test = "permutation"
    if _binary(a) and _binary(b):
        diff["p_value"], test = stats.mcnemar(a, b), "mcnemar"
    return {**{k: diff[k] for k in ("mean_diff", "ci_lo", "ci_hi", "p_value", "wins", "ties", "losses")},
            "test": test, "n": len(ids),
            "flipped_up": [i for i in ids if values[i] >= 0.5 > ref[i]],
            "flipped_down": [i for i in ids if ref[i] >= 0.5 > values[i]]}


def summarise(scores: list[dict], models: list[str], scenarios: list[Scenario], cfg: Config) -> dict:
    """Per model and metric: the mean with its CI; per tuned model: paired differences vs base, and vs sft
    (``paired_vs_sft``, every tuned model but sft itself)."""
    n_boot, seed = cfg.eval.n_bootstrap, cfg.eval.seed
    names = list(reported_metrics())
    table: dict = {m: {} for m in models}
    paired: dict = {m: {} for m in models[1:]}
    above_sft = [m for m in models[1:] if m != REFERENCE_METHOD] if REFERENCE_METHOD in models else []
    vs_sft: dict = {m: {} for m in above_sft}
    for metric in names:
        by_model = {model: per_scenario(scores, model, metric) for model in models}
        for model, values in by_model.items():
            if values:
                m, lo, hi = stats.bootstrap_ci(list(values.values()), n_boot=n_boot, seed=seed)
                table[model][metric] = {"mean": m, "ci_lo": lo, "ci_hi": hi, "n": len(values)}
            else:
                table[model][metric] = {"mean": None, "ci_lo": None, "ci_hi": None, "n": 0}
        for model in models[1:]:
            if (d := _paired(by_model[model], by_model[models[0]], cfg)) is not None:
                paired[model][metric] = d
        for model in above_sft:
            if (d := _paired(by_model[model], by_model[REFERENCE_METHOD], cfg)) is not None:
                vs_sft[model][metric] = d
    situations = {s.id: s.situation for s in scenarios}
    per_sit: dict = {}
    for model in models:
        by: dict[str, list[float]] = defaultdict(list)
        for sid, value in per_scenario(scores, model, "goodness").items():
            by[situations[sid]].append(value)
        per_sit[model] = {sit: {"mean": mean(v), "n": len(v)} for sit, v in sorted(by.items())}
    return {"scores": table, "paired": paired, "paired_vs_sft": vs_sft, "per_situation": per_sit}


def template_gap(scores: list[dict], models: list[str], cfg: Config) -> dict:
    """Per tuned model: its goodness gain over base in template (eval) minus its gain out of template (oot), with a
    CI; a positive gap is the part of the gain that is template-filling."""
    out = {}
    for model in models[1:]:
        gains = {}
        for name in ("eval", "oot"):
            rows = [r for r in scores if r["set"] == name]
            tuned, base = per_scenario(rows, model, "goodness"), per_scenario(rows, models[0], "goodness")
            gains[name] = [tuned[i] - base[i] for i in sorted(set(tuned) & set(base))]
        gap, lo, hi = stats.independent_diff(gains["eval"], gains["oot"], n_boot=cfg.eval.n_bootstrap, seed=cfg.eval.seed)
        out[model] = {"gap": gap, "ci_lo": lo, "ci_hi": hi, "n_eval": len(gains["eval"]), "n_oot": len(gains["oot"])}
    return out


def _seed_answers(records: list[dict], scores: list[dict]) -> dict:
    """The seed scenarios' answers of every model, with their scores (results.md shows them side by side)."""
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


def evaluate(cfg: Config, run_dir: str | Path, *, resume: bool = False, quiet: bool = False,
             sets: tuple[str, ...] = BUILTIN_SETS, prompts: tuple[str | Path, ...] = ()) -> Path:
    """Generate, then score and summarise; returns the path of ``eval/summary.json``."""
    generate(cfg, run_dir, resume=resume, quiet=quiet, sets=sets, prompts=prompts)
    return score_run(cfg, run_dir, sets=sets, prompts=prompts)


def generate(cfg: Config, run_dir: str | Path, *, resume: bool = False, quiet: bool = False,
             sets: tuple[str, ...] = BUILTIN_SETS, prompts: tuple[str | Path, ...] = ()) -> Path:
    """Answers of base and every adapter on every prompt set, and the model-level metrics; returns generations.jsonl."""
    run = RunDir(run_dir)
    chosen = prompt_sets(run.root, sets, prompts)  # every input checked before a folder or a model is touched
    eval_pairs = load_pairs(run.pairs, split="eval") if cfg.eval.model_metrics else []
    models = ["base", *trained_methods(run.root)]
    base_path = resolve_model(cfg.model)
    weights = _weights(run, models)
    done = _done_keys(run.generations, _decoding_record(cfg.eval), weights) if resume else set()
    run.eval_dir.mkdir(parents=True, exist_ok=True)
    if not resume:
        run.generations.unlink(missing_ok=True)
    set_threads(cfg.threads)
    tokenizer = load_tokenizer(base_path)
    base = load_model(base_path)
    bf16 = choose_precision(cfg.eval.dtype).bf16
    model_level: dict = {}
    base_lp = None
    for name in models:
        model = variant(base, None if name == "base" else run.adapter(name), bf16=bf16)
        generate_for(model, tokenizer, name, chosen, cfg, run.generations, done, quiet, weights[name])
        if cfg.eval.model_metrics:
            lp, model_level[name] = model_level_metrics(model, tokenizer, eval_pairs, base_lp, cfg)
            base_lp = base_lp or lp
        del model
    write_json(run.model_metrics, model_level)
    return run.generations


def rescore(cfg: Config, run_dir: str | Path, *, sets: tuple[str, ...] = BUILTIN_SETS,
            prompts: tuple[str | Path, ...] = ()) -> Path:
    """Score a finished generation step again with the grader as it is now: no model is loaded, no answer
    regenerated."""
    run = RunDir(run_dir)
    if not run.generations.is_file():
        raise UserError(f"{run.root}: no generated answers to score (run `finalign eval --run {run.root}` first)")
    return score_run(cfg, run.root, sets=sets, prompts=prompts)


def _model_level(run: RunDir) -> dict:
    if run.model_metrics.is_file():
        return read_json(run.model_metrics)
    if run.summary.is_file():  # an eval made before model_metrics.json existed kept them in its summary
        return read_json(run.summary).get("model_metrics") or {}
    return {}


def score_run(cfg: Config, run_dir: Path, *, sets: tuple[str, ...] = BUILTIN_SETS,
              prompts: tuple[str | Path, ...] = ()) -> Path:
    """Grade every answer in ``eval/generations.jsonl`` and write ``scores.jsonl`` and ``summary.json``."""
    run = RunDir(run_dir)
    chosen = prompt_sets(run.root, sets, prompts)
    models = ["base", *trained_methods(run.root)]
    by_key = {(ps.name, s.id): s for ps in chosen for s in ps.scenarios}
    records = [r for _, r in read_jsonl(run.generations)
               if r["model"] in models and (r.get("set", HEADLINE), r["scenario_id"]) in by_key]
    scores = []
    for r in records:
        g = grade(r["answer"], by_key[(r.get("set", HEADLINE), r["scenario_id"])])
        scores.append({"model": r["model"], "set": r.get("set", HEADLINE), "scenario_id": r["scenario_id"],
                       "situation": r["situation"], "sample": r["sample"], "scores": g.values(),
                       "explanation": g.explanation(), "gates": sorted(g.gates)})
    write_jsonl(run.scores, scores)
    set_records = {ps.name: [r for r in records if r.get("set", HEADLINE) == ps.name] for ps in chosen}
    set_scores = {ps.name: [r for r in scores if r["set"] == ps.name] for ps in chosen}
    results = {ps.name: {"n_scenarios": len(ps.scenarios), "source": str(ps.source),
                         **summarise(set_scores[ps.name], models, list(ps.scenarios), cfg),
                         "indicators": indicators.summarise(set_records[ps.name], set_scores[ps.name], models)}
               for ps in chosen}
    headline = HEADLINE if HEADLINE in results else chosen[0].name
    gap = template_gap(scores, models, cfg) if {"eval", "oot"} <= set(results) else {}
    head = results.pop(headline)
    head_records, head_scores = set_records[headline], set_scores[headline]
    summary = {
        "models": models,
        "metrics": reported_metrics(),
        "headline_set": headline,
        **head,
        "prompt_sets": results,  # the other sets, each with its own statistics (report.py: side by side)
        "template_gap": gap,
        "n_samples": cfg.eval.num_samples if cfg.eval.do_sample else 1,
        "decoding": _decoding_record(cfg.eval),
        "seed_answers": _seed_answers(head_records, head_scores),
        "timing": _timing(records, models),
        "grader_sha256": grader_fingerprint(),
    }
    model_level = _model_level(run)
    if model_level:
        summary["model_metrics"] = model_level
    from finalign.pipeline import git_commit  # here: pipeline imports this module
    summary["graded_at_commit"] = git_commit()  # a rescore grades old answers with a newer grader
    summary["worst"] = _worst(head_records, head_scores, head["scores"], models)
    return write_json(run.summary, check_summary(summary, str(run.summary)))


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
