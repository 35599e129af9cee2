"""`results.md` for a run folder, written only from files the pipeline wrote.

    finalign report --run runs/quick     # or: from finalign.report import write_report

Every number in results.md is read from ``eval/summary.json``, ``eval/scores.jsonl`` (through the charts),
the adapters' ``training_config.json``, ``synthetic_preferences.jsonl`` and ``manifest.json``; nothing is
typed by hand, so the report can never disagree with the run. The verdict's wording is decided by the
numbers: "beats" only when the 95% CI of the paired difference lies above zero.

The whole document is built in memory and renamed into place at the end: a missing or broken input raises
:class:`UserError` naming the file, and leaves no results.md (or the previous one untouched).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from finalign.errors import UserError
from finalign.eval_harness.summary_schema import check_summary
from finalign.eval_harness.viz import adapter_dirs, make_charts, metric_order, set_results
from finalign.io import read_json, read_jsonl, write_text
from finalign.layout import PAIRS_FILE, RunDir
from finalign.methods import METHODS, PREFERENCE_FIELDS, REFERENCE_METHOD

CHART_CAPTIONS = {
    "headline.png": "Mean of every metric per model on the in-template eval split, with 95% bootstrap CIs over "
                    "scenarios.",
    "in_vs_out.png": "Goodness on each prompt set (left) and the paired gain over base on each (right): a gain "
                     "that holds in template but not out of template is template-filling.",
    "paired_diff.png": "Tuned minus base on the same scenarios, per metric, with 95% CIs; right of zero is better.",
    "per_situation.png": "Mean goodness per situation and model.",
    "training_curves.png": "Training curves from each adapter's train_log.jsonl (solid: training batches, "
                           "dashed: held-out pairs).",
    "score_distributions.png": "Per-scenario goodness: spread and outliers that a mean hides.",
}

MODEL_METRICS = {  # key -> (column title, what it measures, as eval_harness/model_metrics.py computes it)
    "pref_accuracy": ("preference accuracy", "share of held-out pairs where the chosen answer has a higher mean "
                                             "per-token log-probability than the rejected one (higher is better)"),
    "reward_accuracy": ("implicit-reward accuracy", "share of held-out pairs where DPO's implicit reward "
                                                    "(log p_model − log p_base over the answer) is higher for "
                                                    "chosen than rejected; undefined for base (higher is better)"),
    "perplexity": ("perplexity", "exp of the mean token negative log-likelihood of the held-out chosen answers "
                                 "(lower is better)"),
    "retention": ("capability retention", "share of fixed off-domain questions (general knowledge, simple "
                                          "instructions) answered with the expected word: a drop means tuning "
                                          "broke other skills (higher is better)"),
}


# ---- formatting -------------------------------------------------------------------------------


def fmt(x: float | None, signed: bool = False) -> str:
    """Three decimals (the precision every table and the tests use); ``n/a`` for a metric that did not apply."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:+.3f}" if signed else f"{x:.3f}"


def fmt_ci(mean: float | None, lo: float | None, hi: float | None, signed: bool = False) -> str:
    if mean is None:
        return "n/a"
    return f"{fmt(mean, signed)} [{fmt(lo, signed)}, {fmt(hi, signed)}]"


def fmt_p(p: float | None) -> str:
    if p is None:
        return "p=n/a"
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


def cell(text: str) -> str:
    """Free text (a model's answer) made safe for one Markdown table cell or blockquote line."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("\r", "").replace("\n", "<br>"))


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ---- reading the run --------------------------------------------------------------------------


def _optional_json(path: Path) -> dict | None:
    return read_json(path) if path.is_file() else None


def _training_configs(run_dir: Path, models: list[str]) -> dict[str, dict]:
    dirs = adapter_dirs(run_dir, models)
    return {m: read_json(d / "training_config.json") for m, d in dirs.items() if (d / "training_config.json").is_file()}


def _pairs(run_dir: Path) -> list[dict] | None:
    path = RunDir(run_dir).pairs
    return [row for _, row in read_jsonl(path)] if path.is_file() else None


# ---- sections ---------------------------------------------------------------------------------


def _data_section(pairs: list[dict] | None, name: str) -> str:
    if pairs is None:
        return f"Training data: `{name}` was not found in this run folder."
    splits = sorted({p.get("split", "?") for p in pairs}, key=lambda s: (s != "train", s))
    rows = [[s, str(sum(p.get("split") == s for p in pairs)),
             str(len({p.get("scenario_id") for p in pairs if p.get("split") == s})),
             str(len({p.get("situation") for p in pairs if p.get("split") == s}))] for s in splits]
    modes = Counter((p.get("failure_mode", "?"), p.get("split", "?")) for p in pairs)
    mode_rows = [[f"`{m}`", *(str(modes[(m, s)]) for s in splits)] for m in sorted({m for m, _ in modes})]
    return (f"Preference pairs (`{name}`; each pair = one good answer and one answer with a "
            "named failure mode, for the same scenario):\n\n"
            + table(["split", "pairs", "scenarios", "situations"], rows)
            + "\n\nRejected answers by failure mode:\n\n" + table(["failure mode", *splits], mode_rows))


def _methods_section(configs: dict[str, dict]) -> str:
    if not configs:
        return "No adapter with a `training_config.json` was found: only the base model was evaluated."
    rows = []
    for method, cfg in configs.items():
        t, lora = cfg["train"], cfg["train"]["lora"]
        m = METHODS.get(method)
        # Each method's hparams start with its learning rate and epochs; DPO's beta and loss have columns of
        # their own, and whatever else it reads (an SFT term, samples per prompt) goes in the last one.
        lr, epochs, *rest = m.hparams if m else ("lr", "epochs")
        pref = [str(t.get(k, "—")) if k in rest else "—" for k in PREFERENCE_FIELDS]
        other = ", ".join(f"{k}={t[k]}" for k in rest if k not in PREFERENCE_FIELDS and k in t) or "—"
        rows.append([f"`{method}`", m.description if m else method, str(t.get(lr, "—")), str(t.get(epochs, "—")),
                     *pref, other, f"{t['batch_size']}×{t.get('grad_accum', 1)}", str(t["max_length"]),
                     f"r={lora['r']}, α={lora['alpha']}, dropout={lora['dropout']}", str(t["seed"])])
    header = ["method", "what", "learning rate", "epochs", "DPO β", "DPO loss", "other settings", "batch × accum",
              "max tokens", "LoRA", "seed"]
    return "Methods and hyper-parameters (from each adapter's `training_config.json`):\n\n" + table(header, rows)


PIPELINE_ORDER = ["data", "train", "eval", "score", "report"]


def _stage_rank(stage: str) -> tuple[int, str]:
    """Pipeline order (manifest.json is written with sorted keys, which would put eval before train)."""
    head = stage.split(":")[0]
    return (PIPELINE_ORDER.index(head) if head in PIPELINE_ORDER else len(PIPELINE_ORDER), stage)


def _decoding(d: dict) -> str:
    if not d.get("do_sample", False):
        return f"greedy, max_new_tokens={d.get('max_new_tokens', '?')}" + (f", {d['dtype']} weights" if d.get("dtype") else "")
    return "sampling, " + ", ".join(f"{k}={v}" for k, v in d.items() if k != "do_sample")


def _machine_line(manifest: dict, summary: dict) -> str:
    """Whatever the manifest recorded about the machine and library versions, without guessing the rest."""
    m, versions = manifest.get("machine") or {}, manifest.get("versions") or {}
    facts = [f"CPU {m['cpu']}" if m.get("cpu") else "", f"{m['cores']} cores" if m.get("cores") else "",
             f"device `{m['device']}`" if m.get("device") else "",
             f"{m['torch_threads']} torch threads" if m.get("torch_threads") else "",
             f"Python {m['python']}" if m.get("python") else "", m.get("platform", "")]
    libs = ", ".join(f"{name} {v}" for name, v in versions.items() if v)
    line = "Hardware: " + (", ".join(f for f in facts if f) or "not recorded") + "."
    if libs:
        line += f" Versions: {libs}."
    if manifest.get("precision"):
        p = manifest["precision"]
        line += f" Training precision: {p['train']} ({p['reason']})."
        if p.get("eval"):
            line += f" Generation precision: {p['eval']} ({p['eval_reason']})."
    if manifest.get("git_commit"):
        line += f" finalign commit `{manifest['git_commit'][:12]}`."
    if manifest.get("started"):
        line += f" Run started {manifest['started']}."
    graded = summary.get("graded_at_commit")
    if graded and graded != manifest.get("git_commit"):
        line += f" Its answers were graded again (`finalign eval --rescore`) at finalign commit `{graded[:12]}`."
    return line


def _hardware_section(manifest: dict | None, summary: dict) -> str:
    parts = []
    if manifest is None:
        parts.append("`manifest.json` was not found: hardware and wall times are not recorded for this run.")
    else:
        parts.append(_machine_line(manifest, summary))
        # Finished stages only; the report cannot know its own wall time while it is being written.
        stages = sorted(((name, rec) for name, rec in (manifest.get("stages") or {}).items()
                         if name != "report" and rec.get("status", "done") == "done" and rec.get("wall_s") is not None),
                        key=lambda kv: _stage_rank(kv[0]))
        if stages:
            rows = [[f"`{name}`", fmt(rec.get("wall_s")), fmt((rec.get("wall_s") or math.nan) / 60),
                     fmt(rec.get("peak_rss_mb"))] for name, rec in stages]
            total = sum(rec.get("wall_s") or 0.0 for _, rec in stages)
            rows.append(["**total**", fmt(total), fmt(total / 60), ""])
            parts.append("Wall time and peak memory per pipeline stage:\n\n"
                         + table(["stage", "wall time (s)", "wall time (min)", "peak RSS (MB)"], rows))
    timing = summary.get("timing") or {}
    if timing:
        rows = [[f"`{m}`", str(t["new_tokens"]), fmt(t["seconds"]), fmt(t["tokens_per_s"])]
                for m, t in timing.items()]
        parts.append("Generation during evaluation:\n\n" + table(["model", "new tokens", "seconds", "tokens/s"], rows))
    return "\n\n".join(parts)


def _setup(summary: dict, configs: dict, pairs: list[dict] | None, manifest: dict | None) -> str:
    cfg = next(iter(configs.values()), None) or (manifest or {}).get("config") or {}
    return "\n\n".join([
        "## Setup",
        f"Base model: `{cfg.get('model', 'not recorded')}`, with LoRA adapters. Models compared: "
        + ", ".join(f"`{m}`" for m in summary["models"]) + f". Evaluation: {summary['n_scenarios']} held-out "
        f"scenarios (`{summary.get('headline_set', 'eval')}`, the 5 seed scenarios included)"
        + "".join(f", and {r['n_scenarios']} of the `{name}` set" for name, r in (summary.get("prompt_sets") or {}).items())
        + f"; {summary.get('n_samples', 1)} answer(s) per scenario; decoding: {_decoding(summary.get('decoding', {}))}.",
        _data_section(pairs, PAIRS_FILE), _methods_section(configs), _hardware_section(manifest, summary)])


def _direction(d: dict) -> str:
    """'better' / 'worse' when the 95% CI excludes zero, else 'unclear'."""
    if d["ci_lo"] > 0:
        return "better"
    if d["ci_hi"] < 0:
        return "worse"
    return "unclear"


def _goodness_sentence(model: str, d: dict, where: str = "") -> str:
    numbers = f"{fmt_ci(d['mean_diff'], d['ci_lo'], d['ci_hi'], signed=True)}, {fmt_p(d['p_value'])}"
    record = f"wins/ties/losses {d['wins']}/{d['ties']}/{d['losses']} over {d['n']} scenarios"
    return where + {
        "better": f"**{model} beats base** on goodness by {numbers} ({record}).",
        "worse": f"**{model} is worse than base** on goodness by {numbers} ({record}).",
        "unclear": f"{model} vs base on goodness: {numbers} ({record}); the 95% CI includes zero, so an "
                   f"improvement over base is not established.",
    }[_direction(d)]


MIN_PAIRED = 5  # a scorer that applies to fewer scenarios in both models gets no verdict: one scenario is an anecdote


def _scorer_sentence(model: str, paired: dict, metrics: list[str]) -> str:
    groups: dict[str, list[str]] = {"better": [], "worse": [], "unclear": [], "few": []}
    for m in metrics:
        if m != "goodness" and m in paired:
            groups["few" if paired[m]["n"] < MIN_PAIRED else _direction(paired[m])].append(f"`{m}`")
    parts = [f"{label} {', '.join(groups[k])}" for k, label in
             (("better", "better on"), ("worse", "worse on"), ("unclear", "no clear change on"),
              ("few", f"too few paired scenarios (under {MIN_PAIRED}) to say on")) if groups[k]]
    return f"Per scorer ({model} vs base, by whether the CI excludes zero): " + "; ".join(parts) + "." if parts else ""


def verdict(summary: dict) -> str:
    """One paragraph whose wording follows the numbers: "beats" only when the CI lies above zero."""
    paired = summary.get("paired") or {}
    tuned = [m for m in summary["models"][1:] if "goodness" in paired.get(m, {})]
    if not tuned:
        return "Only the base model has paired results, so there is nothing to compare."
    metrics = metric_order(summary)
    others = {n: r for n, r in set_results(summary).items() if n != summary.get("headline_set", "eval")}
    sentences = []
    for model in tuned:
        sentences.append(_goodness_sentence(model, paired[model]["goodness"]))
        sentences.append(_scorer_sentence(model, paired[model], metrics))
        for name, r in others.items():
            d = (r.get("paired") or {}).get(model, {}).get("goodness")
            if d:
                sentences.append(_goodness_sentence(model, d, f"On the `{name}` set ({r['n_scenarios']} scenarios): "))
    winners = [m for m in tuned if _direction(paired[m]["goodness"]) == "better"]
    if winners:
        best = max(winners, key=lambda m: paired[m]["goodness"]["mean_diff"])
        sentences.append(f"The largest established gain in goodness is {best}'s.")
    else:
        sentences.append("No tuned model beats base with a 95% CI above zero: on this evaluation, the "
                         "fine-tuning has not been shown to improve the answers.")
    return " ".join(s for s in sentences if s)


def _scores_table(summary: dict) -> str:
    models, metrics = summary["models"], metric_order(summary)
    rows = []
    for metric in metrics:
        cells = [summary["scores"][m].get(metric, {}) for m in models]
        ns = [str(c.get("n", 0)) for c in cells]
        arrow = "↑" if summary["metrics"][metric].get("higher_is_better", True) else "↓"
        rows.append([f"`{metric}` {arrow}", *(fmt_ci(c.get("mean"), c.get("ci_lo"), c.get("ci_hi")) for c in cells),
                     ns[0] if len(set(ns)) == 1 else "/".join(ns)])
    return ("Mean over scenarios [95% bootstrap CI]; ↑ = higher is better; n = scenarios the metric applies to "
            "(per model, in column order, where they differ).\n\n"
            + table(["metric", *models, "n"], rows))


def _paired_tables(summary: dict) -> str:
    paired, metrics = summary.get("paired") or {}, metric_order(summary)
    blocks = []
    for model in summary["models"][1:]:
        if not paired.get(model):
            continue
        rows = [[f"`{m}`", fmt_ci(d["mean_diff"], d["ci_lo"], d["ci_hi"], signed=True), fmt_p(d["p_value"]),
                 d["test"], f"{d['wins']}/{d['ties']}/{d['losses']}", str(d["n"])]
                for m in metrics if (d := paired[model].get(m))]
        blocks.append(f"### {model} − base\n\n"
                      + table(["metric", "difference [95% CI]", "p-value", "test", "win/tie/loss", "n"], rows))
    if not blocks:
        return "No tuned model was evaluated."
    return ("Same scenarios, tuned minus base; a win is a scenario where the tuned model scores higher. "
            "p-values are two-sided (paired permutation test; McNemar's exact test for pass/fail scorers) and "
            "not corrected for the number of metrics.\n\n" + "\n\n".join(blocks))


def sets_section(summary: dict) -> str | None:
    """In template vs out of template (and any --prompts set): goodness, the paired gain over base, and the gap."""
    sets = set_results(summary)
    if len(sets) < 2:
        return None
    models, tuned = summary["models"], summary["models"][1:]
    rows = [[f"`{n}`", str(r["n_scenarios"]),
             *(fmt_ci(*(r["scores"].get(m, {}).get("goodness", {}).get(k) for k in ("mean", "ci_lo", "ci_hi")))
               for m in models)] for n, r in sets.items()]
    parts = ["Goodness per prompt set, mean [95% CI]. `eval` is the run's held-out split of generated scenarios (written by "
             "the same prompt writer as the training data, plus the 5 seed scenarios); `oot` is the shipped set of hand-written "
             "out-of-template scenarios, never trained on.\n\n" + table(["set", "scenarios", *models], rows)]
    if tuned:
        rows = [[f"`{n}`", *(_diff_cell(r, "paired", m, "n/a") for m in tuned)] for n, r in sets.items()]
        gap = summary.get("template_gap") or {}
        if gap:
            rows.append(["**gap** (`eval` gain − `oot` gain)",
                         *(fmt_ci(gap[m]["gap"], gap[m]["ci_lo"], gap[m]["ci_hi"], signed=True) if m in gap else "n/a"
                           for m in tuned)])
        parts.append("Gain over base on the same scenarios (tuned − base goodness [95% CI], p). A positive gap is the "
                     "part of the in-template gain that does not carry over to questions worded as people write "
                     "them.\n\n" + table(["set", *(f"{m} − base" for m in tuned)], rows))
    return "\n\n".join(parts)


def _diff_cell(r: dict, key: str, model: str, missing: str) -> str:
    """A set's paired goodness difference (``key``: "paired" vs base, "paired_vs_sft") as "+x [lo, hi], p"."""
    d = (r.get(key) or {}).get(model, {}).get("goodness")
    return f"{fmt_ci(d['mean_diff'], d['ci_lo'], d['ci_hi'], signed=True)}, {fmt_p(d['p_value'])}" if d else missing


def _share(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _onpolicy_line(run_dir: Path, model: str) -> str | None:
    path = RunDir(run_dir).onpolicy_pairs(model)
    if not path.is_file():
        return None
    p = read_json(path)
    flaws = ", ".join(f"{k} {v}" for k, v in p["rejected_flaws"].items() if v)
    return (f"`{model}` sampled {p['samples']} answers to {p['prompts']} train prompts; {p['samples_gated']} broke a "
            f"gate. {p['pairs']} prompts gave a pair (median margin {fmt(p['margin_median'])}, least "
            f"{fmt(p['margin_min'])}); what was wrong with the rejected answers: {flaws}.")


def _hacking_reading(sets: dict, model: str) -> str:
    """One data-driven sentence per method above sft: where it gains, and whether the gain looks like gaming."""
    (name, head), *others = sets.items()  # the headline set first
    ind = head.get("indicators") or {}
    d_head = (head.get("paired_vs_sft") or {}).get(model, {}).get("goodness")
    if not d_head or REFERENCE_METHOD not in ind or model not in ind:
        return ""
    a, b = ind[REFERENCE_METHOD], ind[model]
    parts = [f"`{model}` vs `sft` ({name}): goodness {fmt(d_head['mean_diff'], signed=True)}, gated answers "
                 f"{_share(a['gated_share'])} → {_share(b['gated_share'])}, median words {a['median_words']:g} → "
                 f"{b['median_words']:g}, figures {a['median_figures']:g} → {b['median_figures']:g}, 4-gram repetition "
                 f"{fmt(a['mean_repetition'])} → {fmt(b['mean_repetition'])}."]
    for n, r in others:
        d = (r.get("paired_vs_sft") or {}).get(model, {}).get("goodness")
        if not d or d_head["ci_lo"] <= 0:
            continue
        if d["ci_hi"] < 0:
            parts.append(f"It wins in template but loses out of template (`{n}` {fmt(d['mean_diff'], signed=True)}).")
        elif d["ci_lo"] <= 0:
            parts.append(f"It wins in template; out of template the gain is not established (`{n}` "
                         f"{fmt_ci(d['mean_diff'], d['ci_lo'], d['ci_hi'], signed=True)}).")
    if b["gated_share"] < a["gated_share"] - 0.1 and b["median_figures"] <= a["median_figures"]:
        parts.append("Its answers break gates less often without listing more figures: much of a goodness gain can "
                     "be the model steering clear of gated plans rather than writing better ones; read them.")
    if b["gated_share"] > a["gated_share"] + 0.1:
        parts.append("It breaks safety gates more often than `sft`.")
    if b["median_words"] > 1.5 * a["median_words"] or b["mean_repetition"] > a["mean_repetition"] + 0.1:
        parts.append("Its answers got much longer or more repetitive: a sign of gaming the grader.")
    return " ".join(parts)


def methods_section(summary: dict, manifest: dict | None, run_dir: Path) -> str | None:
    """Every method on the same footing: goodness and within_budget vs sft in and out of template, the wall time
    of its training stage, and the reward-hacking indicators (eval_harness/indicators.py) per prompt set."""
    models, sets = summary["models"], set_results(summary)
    if REFERENCE_METHOD not in models or len(models) < 3:
        return None
    stages = (manifest or {}).get("stages") or {}
    names = list(sets)
    rows = []
    for m in models:
        wall = stages.get(f"train:{m}", {}).get("wall_s")
        row = [f"`{m}`", "—" if m == "base" else "n/a" if wall is None else f"{wall:.0f}"]
        for n in names:
            row += [fmt(sets[n]["scores"][m]["goodness"]["mean"]), _diff_cell(sets[n], "paired_vs_sft", m, "—"),
                    fmt(sets[n]["scores"][m].get("within_budget", {}).get("mean"))]
        rows.append(row)
    header = ["model", "train wall (s)"] + [h for n in names for h in (f"goodness `{n}`", f"− sft `{n}` [95% CI], p",
                                                                     f"within_budget `{n}`")]
    parts = ["Each tuned model against `sft` itself, on the same scenarios (paired, as in the "
             "tables vs base). `train wall` is the method's own training stage, from manifest.json; on-policy "
             "methods include their sampling.\n\n" + table(header, rows)]
    ind_rows = [[f"`{n}`", f"`{m}`", str(i["n"]), f"{i['median_words']:g}", f"{i['median_figures']:g}",
                 fmt(i["mean_repetition"]), _share(i["gated_share"])]
                for n in names for m, i in (sets[n].get("indicators") or {}).items()]
    if ind_rows:
        parts.append("What reward hacking would look like, counted from the text: answer length, figures written "
                     "with digits, the share of 4-word phrases that repeat, and the share of answers that broke a "
                     "safety gate. A method that games the grader shows it here first.\n\n"
                     + table(["set", "model", "answers", "median words", "median figures", "4-gram repetition",
                              "gated"], ind_rows))
    lines = [x for m in models[1:] if m != REFERENCE_METHOD
             for x in (_onpolicy_line(run_dir, m), _hacking_reading(sets, m)) if x]
    if lines:
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts)


def _situation_table(summary: dict) -> str:
    per_sit = summary.get("per_situation") or {}
    models = [m for m in summary["models"] if per_sit.get(m)]
    situations = sorted({s for m in models for s in per_sit[m]})
    if not situations:
        return "No per-situation results were recorded."
    rows = []
    for sit in situations:
        n = max(per_sit[m].get(sit, {}).get("n", 0) for m in models)
        rows.append([f"`{sit}`", str(n), *(fmt(per_sit[m].get(sit, {}).get("mean")) for m in models)])
    return "Mean goodness per situation.\n\n" + table(["situation", "scenarios", *models], rows)


def _charts(paths: list[Path]) -> str:
    if not paths:
        return "No chart had data to show."
    return "\n\n".join(f"![{p.stem}](viz/{p.name})\n\n*{CHART_CAPTIONS.get(p.name, '')}*" for p in paths)


def failed_scorers(scores: dict) -> list[str]:
    """Scorers (not goodness itself) that applied and scored below 0.5, as in summary.json's ``worst``."""
    return [m for m, v in scores.items() if m != "goodness" and v is not None and v < 0.5]


def _seed_answers(summary: dict) -> str:
    seeds = summary.get("seed_answers") or {}
    if not seeds:
        return "No seed-scenario answers were recorded."
    blocks = []
    for sid, entry in seeds.items():
        models = [m for m in summary["models"] if m in entry["answers"]]
        answers = [entry["answers"][m] for m in models]
        rows = [["answer", *(cell(a["answer"]) for a in answers)],
                ["goodness", *(fmt(a["scores"].get("goodness")) for a in answers)],
                ["failed scorers", *(", ".join(f"`{f}`" for f in failed_scorers(a["scores"])) or "none"
                                     for a in answers)]]
        blocks.append(f"### `{sid}`\n\n> {cell(entry['prompt'])}\n\n" + table(["", *models], rows))
    return "\n\n".join(blocks)


def _failure_modes(summary: dict) -> str:
    worst = summary.get("worst") or []
    if not worst:
        return "No lowest-scoring answers were recorded."
    model = worst[0]["model"]
    means = {m: summary["scores"][m].get("goodness", {}).get("mean") for m in summary["models"][1:]}
    goodness = means.get(model)
    best = " (the best tuned model)" if goodness is not None and goodness == max(
        (v for v in means.values() if v is not None), default=None) else ""
    blocks = [f"The {len(worst)} lowest-scoring answers of `{model}`, mean goodness {fmt(goodness)}{best}, with "
              f"the grader's reasons (the gates they break, and each scorer below 0.5 with the figures it compared):"]
    for w in worst:
        failed = ", ".join(f"`{f}`" for f in w["failed"] if f not in ("goodness", "safe")) or "none below 0.5"
        why = f" Why: {w['explanation']}." if w.get("explanation") else ""
        blocks.append(f"**`{w['scenario_id']}`** ({w['situation']}), model `{w['model']}`: goodness "
                      f"{fmt(w['goodness'])}; failed: {failed}.{why}\n\n> {cell(w['answer'])}")
    return "\n\n".join(blocks)


def _model_metrics(summary: dict) -> str | None:
    mm = summary.get("model_metrics")
    if not mm:
        return None
    models = [m for m in summary["models"] if m in mm]
    rows = [[f"`{m}`", *(fmt(mm[m].get(k)) for k in MODEL_METRICS)] for m in models]
    notes = "\n".join(f"- **{title}**: {text}." for title, text in MODEL_METRICS.values())
    return table(["model", *(title for title, _ in MODEL_METRICS.values())], rows) + "\n\n" + notes


def _metric_descriptions(summary: dict) -> str:
    return "\n".join(f"- `{m}` ({'higher' if summary['metrics'][m].get('higher_is_better', True) else 'lower'} "
                     f"is better): {summary['metrics'][m].get('description', '')}" for m in metric_order(summary))


def _limitations(summary: dict) -> str:
    return "\n".join([
        "- **Synthetic, templated data.** Good and bad answers come from templates and prompts are composed "
        "from a finite set of parts (registers, layouts, number formats, distractors); a model "
        "can learn their phrasing without learning the reasoning, and real questions are messier.",
        f"- **Small evaluation.** {summary['n_scenarios']} scenarios, so only large differences can be told "
        "from noise; the per-metric and per-situation comparisons are many looks at the same data (no "
        "multiple-comparison correction), and per-situation means rest on a few scenarios each.",
        "- **A 135M model cannot do arithmetic.** Payoff months and interest figures it states are often wrong "
        "whatever the tuning; the scorers check them against the finance engine, so read low scores there as a "
        "limit of the model's size rather than of the method.",
        "- **Metric blind spots.** The grader is a rule-based reader of free text (`eval_harness/reader.py`), "
        "validated on hand-written answers it was not written against (`docs/metrics.md`: the dev half, where its "
        "failures were studied, and a frozen test half). A high score means the plan it *reads* is sound; the "
        "validity report says how often that reading is wrong.",
        "- **Not financial advice.** This is a study of alignment methods; neither the models nor this report "
        "should be used to make decisions about real debt.",
    ])


def render(run_dir: Path, charts: list[Path]) -> str:
    """The whole results.md as a string, from the run's files (raises UserError on a bad input)."""
    summary = check_summary(read_json(RunDir(run_dir).summary), str(RunDir(run_dir).summary))
    configs = _training_configs(run_dir, summary["models"])
    manifest = _optional_json(RunDir(run_dir).manifest)
    sections = [
        f"# finalign results: `{run_dir.name}`",
        "*Generated by `finalign.report` from the files in this run folder; every number below is read from "
        "them. Do not edit by hand: rerun `finalign report`.*",
        "## Verdict", verdict(summary),
        _setup(summary, configs, _pairs(run_dir), manifest),
        "## Scores", _scores_table(summary),
        *(["## In template vs out of template", sets_block] if (sets_block := sets_section(summary)) else []),
        "## Paired differences vs base", _paired_tables(summary),
        *(["## Methods on the same footing (vs sft)", block] if (block := methods_section(summary, manifest, run_dir))
          else []),
        "## Results by situation", _situation_table(summary),
        "## Charts", _charts(charts),
        "## Seed scenarios: answers side by side", _seed_answers(summary),
        "## Remaining failure modes", _failure_modes(summary),
    ]
    model_metrics = _model_metrics(summary)
    if model_metrics:
        sections += ["## Model-based metrics", model_metrics]
    sections += ["## What the metrics measure", _metric_descriptions(summary),
                 "## Limitations", _limitations(summary)]
    return "\n\n".join(sections) + "\n"


def write_report(run_dir: Path) -> Path:
    """Draw the charts, then write ``run_dir/results.md`` atomically; returns its path."""
    run_dir = Path(run_dir)
    charts = make_charts(run_dir)
    return write_text(RunDir(run_dir).results, render(run_dir, charts))


README_START, README_END = "<!-- results:start -->", "<!-- results:end -->"


def readme_block(run_dir: Path, image: str) -> str:
    """The README's results section: where it came from, the verdict, the headline chart and the table."""
    summary = check_summary(read_json(RunDir(run_dir).summary), str(RunDir(run_dir).summary))
    manifest = _optional_json(RunDir(run_dir).manifest) or {}
    stages = manifest.get("stages", {}).values()
    total = sum(s.get("wall_s", 0) for s in stages)
    peak = max((s.get("peak_rss_mb", 0) for s in stages), default=0)
    return "\n\n".join([
        "## Results of a real quick run",
        f"*Copied by `make readme` from `{run_dir}`. {_machine_line(manifest, summary)} Whole run: {total / 60:.1f} min "
        f"of wall time, peak memory of any stage {peak / 1024:.1f} GB. The full generated report is that run's "
        "`results.md`.*",
        verdict(summary),
        f"![goodness and each scorer per model]({image})",
        _scores_table(summary),
        *([sets_block] if (sets_block := sets_section(summary)) else []),
    ])


def update_readme(readme: Path, run_dir: Path) -> Path:
    """Replace the marked results block of ``readme`` and copy the headline chart next to it (docs/)."""
    import shutil

    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise UserError(f"{readme}: no {README_START} ... {README_END} block to fill")
    image = Path("docs") / "headline.png"
    (readme.parent / image).parent.mkdir(exist_ok=True)
    shutil.copy(RunDir(run_dir).viz / "headline.png", readme.parent / image)
    head, rest = text.split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    return write_text(readme, f"{head}{README_START}\n{readme_block(run_dir, str(image))}\n{README_END}{tail}")


if __name__ == "__main__":  # `make readme`: python -m finalign.report runs/quick
    import sys

    print(update_readme(Path("README.md"), Path(sys.argv[1] if len(sys.argv) > 1 else "runs/quick")))
