"""What reward hacking looks like in an answer, counted without the grader's judgement.

A method trained against the grader (sft+odpo's pairs, sft+grpo's rewards) can raise goodness by gaming it
instead of by writing better plans: longer answers that mention more figures, looping text, or answers that dodge a
scorer. These counts are read from the text alone, so they can move when the grader is fooled:

- ``words``: the answer's length in whitespace-separated words;
- ``figures``: numbers written with digits ("$1,200", "24%", "12 months"), the raw material of a plan;
- ``repetition``: the share of 4-word phrases that occur more than once (0 = none repeats);
- ``gated``: whether the grader's safety gates broke (over budget, risky product, skipped payments...), the one
  indicator that is the grader's: a method that lowers goodness by gating less is a different story from one
  that raises it while gating as often.
"""

from __future__ import annotations

import re
from statistics import mean, median

_WORD = re.compile(r"[a-z0-9$']+")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def repetition(words: list[str], n: int = 4) -> float:
    """Share of ``n``-word phrases that repeat one before them; 0 below 8 phrases (too short to loop)."""
    grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    return 1 - len(set(grams)) / len(grams) if len(grams) >= 8 else 0.0


def answer_indicators(answer: str) -> dict:
    return {"words": len(answer.split()), "figures": len(_FIGURE.findall(answer)),
            "repetition": repetition(_WORD.findall(answer.lower()))}


def summarise(records: list[dict], scores: list[dict], models: list[str]) -> dict[str, dict]:
    """Per model: median words and figures, mean repetition, share of answers that broke a gate, and how many."""
    gated = {(s["model"], s["scenario_id"], s["sample"]): bool(s.get("gates")) for s in scores}
    out = {}
    for model in models:
        rows = [r for r in records if r["model"] == model]
        if not rows:
            continue
        counts = [answer_indicators(r["answer"]) for r in rows]
        out[model] = {"n": len(rows), "median_words": median(c["words"] for c in counts),
                      "median_figures": median(c["figures"] for c in counts),
                      "mean_repetition": mean(c["repetition"] for c in counts),
                      "gated_share": mean(gated.get((model, r["scenario_id"], r["sample"]), False) for r in rows)}
    return out
