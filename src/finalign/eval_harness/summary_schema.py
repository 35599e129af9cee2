"""The shape of ``eval/summary.json``: what `finalign eval` writes and report.py and the charts read.

One definition for both sides: :func:`check_summary` runs on every summary evaluate writes and on every summary
the report reads, and the report's test fixture is checked against it too, so a fixture cannot drift from the
real contract. Nothing heavy is imported here.
"""

from __future__ import annotations

from typing import Any

from finalign.data_gen.schema import SITUATIONS
from finalign.errors import UserError
from finalign.layout import SEED_IDS

CELL = {"mean", "ci_lo", "ci_hi", "n"}
PAIRED = {"mean_diff", "ci_lo", "ci_hi", "p_value", "wins", "ties", "losses", "test", "n", "flipped_up", "flipped_down"}
GAP = {"gap", "ci_lo", "ci_hi", "n_eval", "n_oot"}
INDICATORS = {"n", "median_words", "median_figures", "mean_repetition", "gated_share"}  # eval_harness/indicators.py
SET_KEYS = {"n_scenarios": int, "scores": dict, "paired": dict, "per_situation": dict}
TOP = {"models": list, "metrics": dict, "headline_set": str, "prompt_sets": dict, "template_gap": dict,
       "n_samples": int, "decoding": dict, "seed_answers": dict, "timing": dict, "worst": list, **SET_KEYS}


def _set_problems(r: dict, where: str, models: list[str], metrics: set[str]) -> list[str]:
    out = [f"{where}: '{k}' must be a {t.__name__}" for k, t in SET_KEYS.items() if not isinstance(r.get(k), t)]
    if out:
        return out
    for m in models:
        cells = r["scores"].get(m)
        if not isinstance(cells, dict) or set(cells) != metrics:
            out.append(f"{where}: scores.{m} must hold exactly the metrics {sorted(metrics)}")
            continue
        out += [f"{where}: scores.{m}.{k} must have keys {sorted(CELL)}" for k, c in cells.items() if set(c) != CELL]
        out += [f"{where}: per_situation.{m}: unknown situation {s!r}" for s in r["per_situation"].get(m, {})
                if s not in SITUATIONS]
    for m, by_metric in r["paired"].items():
        if m not in models[1:]:
            out.append(f"{where}: paired.{m}: not a tuned model of this run")
        out += [f"{where}: paired.{m}.{k} must have keys {sorted(PAIRED)}" for k, d in by_metric.items()
                if set(d) != PAIRED or k not in metrics]
    # optional: summaries written before these existed still load
    for m, by_metric in (r.get("paired_vs_sft") or {}).items():
        out += [f"{where}: paired_vs_sft.{m}.{k} must have keys {sorted(PAIRED)}" for k, d in by_metric.items()
                if m not in models or set(d) != PAIRED or k not in metrics]
    for m, row in (r.get("indicators") or {}).items():
        if m not in models or set(row) != INDICATORS:
            out.append(f"{where}: indicators.{m} must be a model of this run with keys {sorted(INDICATORS)}")
    return out


def summary_problems(summary: Any) -> list[str]:
    """Every way ``summary`` departs from the contract (empty when it conforms)."""
    if not isinstance(summary, dict):
        return ["the summary must be a JSON object"]
    out = [f"'{k}' must be a {t.__name__}" for k, t in TOP.items() if not isinstance(summary.get(k), t)]
    if out:
        return out
    models, metrics = summary["models"], set(summary["metrics"])
    if not models or models[0] != "base":
        out.append("'models' must start with 'base'")
    out += _set_problems(summary, summary["headline_set"], models, metrics)
    for name, r in summary["prompt_sets"].items():
        out += _set_problems(r, name, models, metrics)
    out += [f"template_gap.{m} must have keys {sorted(GAP)}" for m, g in summary["template_gap"].items() if set(g) != GAP]
    out += [f"seed_answers: {sid!r} is not a seed scenario" for sid in summary["seed_answers"] if sid not in SEED_IDS]
    return out


def check_summary(summary: Any, source: str) -> dict:
    problems = summary_problems(summary)
    if problems:
        raise UserError(f"{source}: not a finalign eval summary ({'; '.join(problems[:3])}"
                        f"{f'; and {len(problems) - 3} more' if len(problems) > 3 else ''})")
    return summary
