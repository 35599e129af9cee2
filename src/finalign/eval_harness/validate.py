"""`finalign validate`: how far the grader can be trusted, measured on answers written by hand.

    finalign validate                     # both halves -> docs/metrics.md
    finalign validate --half dev --failures   # the dev half, with every answer the grader gets wrong

The corpus (``eval_harness/corpus/``) is labelled answers to the 5 seed scenarios, to the out-of-template
scenarios of ``data_gen/prompts_oot.jsonl`` and to 316 more in ``corpus/scenarios.jsonl`` (``new-*``, ``fl-*``,
``fm-*``, ``fo-*``, ``fq-*``, ``fr-*``, ``ft-*``, ``fv-*``, ``ga-*``, ``gd-*``, ``gg-*``, ``gh-*``, ``gk-*``, ``gl-*``, ``go-*``, ``gp-*``, ``gr-*``, ``gu-*``, ``gy-*``, ``ha-*``, ``hd-*``:
test half; ``fj-*``, ``fk-*``, ``fn-*``, ``fp-*``, ``fu-*``, ``fw-*``, ``fx-*``, ``fy-*``, ``fz-*``, ``gb-*``, ``gc-*``, ``ge-*``, ``gf-*``,
``gi-*``, ``gj-*``, ``gm-*``, ``gn-*``, ``gq-*``, ``gv-*``, ``gx-*``, ``gz-*``, ``hb-*``, ``hc-*``: dev, each written by its answers' author), written by
people (helpers) who never read the grader's code. Each
answer is ``good`` or ``bad`` with one named flaw; about half the bad ones are adversarial (written to fool a
keyword reader). It comes in two halves by author and scenario:

* **dev**: study its failures and fix the reader;
* **test**: frozen. Only its final numbers are reported; ``--failures`` refuses to list them.

What is measured, per half
    pairwise accuracy   over every (good, bad) pair of one scenario: the good answer's goodness is higher (a tie
                        counts as a miss)
    catch rate          per flaw: the bad answer scores below *every* good answer of its scenario
    AUC                 of goodness, good vs bad, pooled over scenarios (ties count half)
    precision / recall  per scorer, on the flaws it is meant to catch: it *flags* an answer when its value is
                        below 0.5; recall = flagged / answers with its flaw; precision = flagged with its flaw /
                        (that + good answers it flags)
    gates               answers whose flaw is a gate's (payday loans, speculation, skipped payments, over budget,
                        drained savings): how many the gates catch, and whether each scores below every good answer
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from finalign.data_gen.schema import Scenario
from finalign.errors import UserError
from finalign.eval_harness.metrics import GATES, METRICS, grade
from finalign.eval_harness.score import known_scenarios
from finalign.io import read_jsonl, write_text

CORPUS = Path(__file__).resolve().parent / "corpus"
HALVES = ("dev", "test")
CORPUS_SCENARIOS = CORPUS / "scenarios.jsonl"  # scenarios written by corpus authors along with their answers
GATE_FLAWS = {"high_cost_borrowing": "high_cost_borrowing", "speculation": "speculation",
              "skip_payments": "skips_payments", "over_budget": "over_budget"}
FLAGGED_BELOW = 0.5


def corpus_scenarios() -> dict[str, Scenario]:
    return known_scenarios(CORPUS_SCENARIOS)


def load_half(half: str) -> list[dict[str, Any]]:
    if half not in HALVES:
        raise UserError(f"unknown half {half!r}; choose one of {', '.join(HALVES)}")
    path = CORPUS / f"{half}.jsonl"
    scenarios = corpus_scenarios()
    rows = []
    for lineno, row in read_jsonl(path):
        if row.get("scenario_id") not in scenarios:
            raise UserError(f"{path}:{lineno}: unknown scenario_id {row.get('scenario_id')!r}")
        rows.append(row)
    return rows


def graded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    scenarios = corpus_scenarios()
    out = []
    for row in rows:
        g = grade(row["answer"], scenarios[row["scenario_id"]])
        out.append({**row, "goodness": g.goodness, "values": g.values(), "gates": sorted(g.gates),
                    "explanation": g.explanation()})
    return out


def _auc(good: list[float], bad: list[float]) -> float | None:
    if not good or not bad:
        return None
    wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return wins / (len(good) * len(bad))


def measure(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of the validity report for one half (rows already :func:`graded`)."""
    by_scenario: dict[str, dict[str, list]] = defaultdict(lambda: {"good": [], "bad": []})
    for r in rows:
        by_scenario[r["scenario_id"]][r["label"]].append(r)
    pairs = hits = 0
    caught: dict[str, list[bool]] = defaultdict(list)
    adversarial: list[bool] = []
    misses: list[dict] = []
    for sid, group in by_scenario.items():
        goods = [g["goodness"] or 0.0 for g in group["good"]]
        for bad in group["bad"]:
            b = bad["goodness"] or 0.0
            wins = [g > b for g in goods]
            pairs += len(wins)
            hits += sum(wins)
            ok = bool(goods) and all(wins)
            caught[bad["flaw"]].append(ok)
            if bad.get("adversarial"):
                adversarial.append(ok)
            if not ok:
                misses.append(bad)
    good_all = [r["goodness"] or 0.0 for r in rows if r["label"] == "good"]
    bad_all = [r["goodness"] or 0.0 for r in rows if r["label"] == "bad"]
    scorers = {}
    for name, m in METRICS.items():
        if not m.flaws:
            continue
        own = [r for r in rows if r["label"] == "bad" and r["flaw"] in m.flaws]
        flagged = lambda r: r["values"].get(name) is not None and r["values"][name] < FLAGGED_BELOW  # noqa: E731
        tp = sum(flagged(r) for r in own)
        fp = sum(flagged(r) for r in rows if r["label"] == "good")
        scorers[name] = {"flaws": list(m.flaws), "n": len(own), "recall": tp / len(own) if own else None,
                         "precision": tp / (tp + fp) if tp + fp else None, "false_flags_on_good": fp}
    gate_rows = [r for r in rows if r["label"] == "bad" and r["flaw"] in GATE_FLAWS]
    gated_good = [r for r in rows if r["label"] == "good" and r["gates"]]
    below_all = []
    for r in gate_rows:
        goods = [g["goodness"] or 0.0 for g in by_scenario[r["scenario_id"]]["good"]]
        below_all.append(bool(goods) and all((r["goodness"] or 0.0) < g for g in goods))
    return {
        "answers": len(rows), "good": len(good_all), "bad": len(bad_all), "scenarios": len(by_scenario),
        "adversarial": len(adversarial),
        "pairwise_accuracy": hits / pairs if pairs else None, "pairs": pairs,
        "catch_rate": {f: sum(v) / len(v) for f, v in sorted(caught.items())},
        "catch_n": {f: len(v) for f, v in sorted(caught.items())},
        "adversarial_catch_rate": sum(adversarial) / len(adversarial) if adversarial else None,
        "auc": _auc(good_all, bad_all),
        "scorers": scorers,
        "gate_flaw_answers": len(gate_rows),
        "gate_flaw_caught": sum(bool(r["gates"]) for r in gate_rows),
        "gate_flaw_below_every_good": sum(below_all),
        "good_answers_gated": len(gated_good),
        "misses": misses,
        "good_low": sorted((r for r in rows if r["label"] == "good"), key=lambda r: r["goodness"] or 0.0)[:10],
    }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def render(results: dict[str, dict[str, Any]]) -> str:
    halves = list(results)
    head = "| | " + " | ".join(halves) + " |\n|---|" + "---|" * len(halves)
    def row(label: str, fn) -> str:  # noqa: E306
        return f"| {label} | " + " | ".join(fn(results[h]) for h in halves) + " |"
    lines = [
        "# How far the grader can be trusted",
        "",
        "Written by `finalign validate` (also run by `make bench`) from the hand-written corpus in",
        "`src/finalign/eval_harness/corpus/`: labelled answers to the 5 seed scenarios and to out-of-template",
        "scenarios (`data_gen/prompts_oot.jsonl`, and `corpus/scenarios.jsonl`, written with their answers), written",
        "by helpers who never read the grader's code. The",
        "**dev** half is where failures were studied and the reader fixed; the **test** half is frozen: only these",
        "numbers are read from it. A flaw is *caught* when the bad answer scores below every good answer of its",
        "scenario. Definitions are in `eval_harness/validate.py`.",
        "",
        head,
        row("answers (good / bad)", lambda r: f"{r['answers']} ({r['good']} / {r['bad']})"),
        row("scenarios", lambda r: str(r["scenarios"])),
        row("pairwise accuracy", lambda r: f"{_pct(r['pairwise_accuracy'])} of {r['pairs']}"),
        row("AUC, good vs bad", lambda r: "n/a" if r["auc"] is None else f"{r['auc']:.3f}"),
        row("adversarial answers caught", lambda r: f"{_pct(r['adversarial_catch_rate'])} of {r['adversarial']}"),
        row("gate-flaw answers gated", lambda r: f"{r['gate_flaw_caught']} of {r['gate_flaw_answers']}"),
        row("gate-flaw answers below every good one", lambda r: f"{r['gate_flaw_below_every_good']} of {r['gate_flaw_answers']}"),
        row("good answers wrongly gated", lambda r: str(r["good_answers_gated"])),
        "",
        "## Catch rate per flaw",
        "",
        head,
    ]
    flaws = sorted({f for r in results.values() for f in r["catch_rate"]})
    for f in flaws:
        lines.append(row(f"`{f}`", lambda r, f=f: f"{_pct(r['catch_rate'].get(f))} of {r['catch_n'].get(f, 0)}"
                         if f in r["catch_rate"] else "n/a"))
    lines += ["", "## Each scorer on its own flaws", "",
              f"A scorer flags an answer when its value is below {FLAGGED_BELOW}. Precision counts the good answers it "
              "flags as its false alarms.", "",
              "| scorer | flaws | " + " | ".join(f"{h} recall | {h} precision" for h in halves) + " |",
              "|---|---|" + "---|---|" * len(halves)]
    for name in next(iter(results.values()))["scorers"]:
        s0 = next(iter(results.values()))["scorers"][name]
        cells = []
        for h in halves:
            s = results[h]["scorers"][name]
            cells += [f"{_pct(s['recall'])} of {s['n']}", f"{_pct(s['precision'])} ({s['false_flags_on_good']} false)"]
        lines.append(f"| `{name}` | {', '.join(s0['flaws'])} | " + " | ".join(cells) + " |")
    lines += ["", "## Gates", ""] + [f"- `{g.name}`: {g.description}" for g in GATES.values()]
    return "\n".join(lines) + "\n"


def failures(rows: list[dict[str, Any]]) -> str:
    m = measure(rows)
    out = [f"{len(m['misses'])} bad answers not below every good one:"]
    for r in m["misses"]:
        out.append(f"- [{r['id']}] {r['flaw']}{' (adv)' if r.get('adversarial') else ''} goodness={r['goodness']:.3f} :: "
                   f"{r['explanation']}\n    {r['answer'][:400]!r}\n    why: {r.get('why', '')}")
    out.append("lowest good answers:")
    for r in m["good_low"]:
        out.append(f"- [{r['id']}] goodness={r['goodness']:.3f} :: {r['explanation']}\n    {r['answer'][:400]!r}")
    return "\n".join(out)


def validate(halves: tuple[str, ...] = HALVES, out: str | Path | None = "docs/metrics.md") -> dict[str, dict[str, Any]]:
    """Measure each half; write the report to ``out`` (atomically) unless it is None."""
    # The path is checked before grading, which takes a minute: a bad --out fails at once.
    if out is not None and Path(out).is_dir():
        raise UserError(f"{out}: is a folder; give a file path for the report")
    results = {h: measure(graded(load_half(h))) for h in halves}
    if out is not None:
        write_text(Path(out), render(results))
    return results
