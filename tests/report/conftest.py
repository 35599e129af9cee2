"""A fake run folder matching the eval/train/data contract, synthesised from seeded random numbers.

The statistics are simple (normal-approximation CIs) rather than the pipeline's bootstrap: the report only
formats what summary.json says, so any internally consistent numbers exercise it. Its names are the real ones
(situations, seed ids, three of the grader's scorers) and its summary is checked against the contract that
evaluate writes (summary_schema.check_summary), so the fixture cannot drift from the real data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from finalign.config import Config, to_dict
from finalign.data_gen.schema import SITUATIONS as ALL_SITUATIONS
from finalign.eval_harness.metrics import reported_metrics
from finalign.eval_harness.summary_schema import check_summary
from finalign.io import write_json, write_jsonl
from finalign.layout import SEED_IDS

SITUATIONS = list(ALL_SITUATIONS[:5])
SCORERS = {  # name -> binary?
    "prioritizes_high_apr": True,
    "keeps_emergency_buffer": True,
    "timeline_accuracy": False,
}
assert set(SCORERS) <= set(reported_metrics()), "the fixture's scorers must be real ones"


def _ci(values: np.ndarray) -> tuple[float, float, float]:
    m = float(values.mean())
    half = 1.96 * float(values.std(ddof=1)) / np.sqrt(len(values)) if len(values) > 1 else 0.0
    return m, m - half, m + half


def _scenario_scores(rng, n: int, shift: float) -> dict[str, np.ndarray]:
    """Per-scenario scores in [0, 1] for every metric; ``shift`` raises the probability of a good answer."""
    out = {}
    for name, binary in SCORERS.items():
        p = np.clip(rng.uniform(0.2, 0.6, n) + shift, 0, 1)
        out[name] = (rng.uniform(size=n) < p).astype(float) if binary else np.round(p, 3)
    out["goodness"] = np.mean([out[k] for k in SCORERS], axis=0)
    return out


def _paired(tuned: np.ndarray, base: np.ndarray, binary: bool, ids: list[str]) -> dict:
    d = tuned - base
    m, lo, hi = _ci(d)
    return {"mean_diff": m, "ci_lo": lo, "ci_hi": hi,
            "p_value": 0.0004 if lo > 0 or hi < 0 else 0.6123,
            "test": "mcnemar" if binary else "permutation",
            "wins": int((d > 0).sum()), "ties": int((d == 0).sum()), "losses": int((d < 0).sum()), "n": len(d),
            "flipped_up": [i for i, a, b in zip(ids, tuned, base) if a >= 0.5 > b],
            "flipped_down": [i for i, a, b in zip(ids, tuned, base) if b >= 0.5 > a]}


def _train_logs(rng) -> dict[str, list[dict]]:
    sft = [{"method": "sft", "step": s, "epoch": s / 12, "loss": 2.5 - 0.04 * s + rng.normal(0, 0.05),
            "learning_rate": 2e-4, "grad_norm": 1.2} for s in range(5, 45, 5)]
    sft += [{"method": "sft", "step": s, "epoch": s / 12, "eval_loss": 2.2 - 0.02 * s} for s in (12, 24, 36)]
    dpo = []
    for s in range(5, 30, 5):
        margin = 0.05 * s + rng.normal(0, 0.05)
        dpo.append({"method": "sft+dpo", "step": s, "epoch": s / 24, "loss": 0.69 - 0.01 * s,
                    "rewards/chosen": margin / 2, "rewards/rejected": -margin / 2, "rewards/margins": margin,
                    "rewards/accuracies": min(1.0, 0.5 + 0.02 * s)})
    dpo.append({"method": "sft+dpo", "step": 24, "eval_loss": 0.5, "eval_rewards/margins": 1.0,
                "eval_rewards/accuracies": 0.8, "eval_rewards/chosen": 0.5, "eval_rewards/rejected": -0.5})
    return {"sft": sft, "sft+dpo": dpo}


def make_fake_run(root: Path, *, effect: float, seed: int = 0, n: int = 29, manifest: bool = True) -> Path:
    """Write a run folder with models base, sft and sft+dpo.

    ``effect`` > 0 lifts sft+dpo well above base (sft gets half of it). ``effect`` == 0 makes both tuned
    models' scores a permutation of base's, so every mean paired difference is exactly 0 and the CI spans 0.
    """
    rng = np.random.default_rng(seed)
    ids = list(SEED_IDS) + [f"eval-{i:04d}" for i in range(n - len(SEED_IDS))]
    situation = {sid: SITUATIONS[i % len(SITUATIONS)] for i, sid in enumerate(ids)}
    models = ["base", "sft", "sft+dpo"]
    base = _scenario_scores(rng, n, 0.0)
    per_model = {"base": base}
    for model, shift in (("sft", effect / 2), ("sft+dpo", effect)):
        per_model[model] = _scenario_scores(rng, n, shift) if effect else \
            {k: v[rng.permutation(n)] for k, v in base.items()}
    metrics = ["goodness", *SCORERS]

    scores_rows = [{"model": m, "set": "eval", "scenario_id": sid, "situation": situation[sid], "sample": 0,
                    "scores": {k: float(per_model[m][k][i]) for k in metrics}}
                   for m in models for i, sid in enumerate(ids)]
    table = {m: {k: dict(zip(("mean", "ci_lo", "ci_hi"), _ci(per_model[m][k])), n=n) for k in metrics}
             for m in models}
    paired = {m: {k: _paired(per_model[m][k], base[k], SCORERS.get(k, False), ids) for k in metrics}
              for m in models[1:]}
    per_sit = {m: {s: {"mean": float(np.mean([per_model[m]["goodness"][i] for i, sid in enumerate(ids)
                                              if situation[sid] == s])),
                       "n": sum(situation[sid] == s for sid in ids)} for s in SITUATIONS} for m in models}
    seed_answers = {sid: {"prompt": f"Prompt for {sid}: I owe $6,000 and have $800 a month spare.",
                          "answers": {m: {"answer": f"Answer of {m} to {sid}: pay $600 on the 24% card.\n"
                                                    f"Keep $200 as a buffer.",
                                          "scores": {k: float(per_model[m][k][i]) for k in metrics}}
                                      for m in models}}
                    for i, sid in enumerate(SEED_IDS)}
    best = max(models[1:], key=lambda m: table[m]["goodness"]["mean"])
    order = np.argsort(per_model[best]["goodness"], kind="stable")[:5]
    worst = [{"model": best, "scenario_id": ids[i], "situation": situation[ids[i]],
              "goodness": float(per_model[best]["goodness"][i]), "answer": f"Worst answer {ids[i]}: invest it all.",
              "failed": [k for k in metrics if per_model[best][k][i] < 0.5]} for i in order]
    # The out-of-template set: the tuned models keep a third of their in-template gain.
    n_oot = 12
    oot_ids = [f"oot-{i:02d}" for i in range(1, n_oot + 1)]
    oot = {m: _scenario_scores(rng, n_oot, shift / 3) for m, shift in (("base", 0), ("sft", effect / 2), ("sft+dpo", effect))}
    oot_table = {m: {k: dict(zip(("mean", "ci_lo", "ci_hi"), _ci(oot[m][k])), n=n_oot) for k in metrics} for m in models}
    oot_paired = {m: {k: _paired(oot[m][k], oot["base"][k], SCORERS.get(k, False), oot_ids) for k in metrics}
                  for m in models[1:]}
    vs_sft = {"sft+dpo": {k: _paired(per_model["sft+dpo"][k], per_model["sft"][k], SCORERS.get(k, False), ids)
                          for k in metrics}}
    oot_vs_sft = {"sft+dpo": {k: _paired(oot["sft+dpo"][k], oot["sft"][k], SCORERS.get(k, False), oot_ids)
                              for k in metrics}}
    # sft+dpo gates half as often as sft without listing more figures (the reading's "steering clear of gates")
    indicators = {m: {"n": n, "median_words": 60.0 + 10 * j, "median_figures": 4.0, "mean_repetition": 0.05,
                      "gated_share": (0.1, 0.4, 0.2)[j]} for j, m in enumerate(models)}
    gap = {m: {"gap": paired[m]["goodness"]["mean_diff"] - oot_paired[m]["goodness"]["mean_diff"], "ci_lo": -0.1,
               "ci_hi": 0.3, "n_eval": n, "n_oot": n_oot} for m in models[1:]}
    summary = {
        "models": models,
        "metrics": {k: {"description": f"Description of {k}.", "higher_is_better": True} for k in metrics},
        "headline_set": "eval",
        "prompt_sets": {"oot": {"n_scenarios": n_oot, "source": "prompts_oot.jsonl", "scores": oot_table,
                                "paired": oot_paired, "paired_vs_sft": oot_vs_sft, "per_situation": {},
                                "indicators": indicators}},
        "template_gap": gap,
        "n_scenarios": n, "n_samples": 1,
        "decoding": {"max_new_tokens": 160, "do_sample": False, "temperature": 0.7, "top_p": 0.9, "seed": 0},
        "scores": table, "paired": paired, "paired_vs_sft": vs_sft, "per_situation": per_sit, "indicators": indicators,
        "model_metrics": {m: {"pref_accuracy": 0.5 + 0.1 * j, "reward_accuracy": None if m == "base" else 0.7,
                              "perplexity": 12.5 - j, "retention": 0.9} for j, m in enumerate(models)},
        "seed_answers": seed_answers,
        "worst": worst,
        "timing": {m: {"new_tokens": 4000, "seconds": 80.0, "tokens_per_s": 50.0} for m in models},
    }
    root.mkdir(parents=True, exist_ok=True)
    write_json(root / "eval" / "summary.json", check_summary(summary, "the report fixture"))
    write_jsonl(root / "eval" / "scores.jsonl", scores_rows)

    config = to_dict(Config())
    for model, rows in _train_logs(rng).items():
        folder = root / "lora_finetuned_model" / model.replace("+", "-")
        write_jsonl(folder / "train_log.jsonl", rows)
        write_json(folder / "training_config.json", config)

    pairs = [{"split": split, "situation": SITUATIONS[i % 5], "failure_mode": ["no_buffer", "invest"][i % 2],
              "scenario_id": f"{split}-{i // 2:04d}"}
             for split, count in (("train", 192), ("eval", 58)) for i in range(count)]
    write_jsonl(root / "synthetic_preferences.jsonl", pairs)
    if manifest:
        write_json(root / "manifest.json", {
            "stages": {**{stage: {"status": "done", "wall_s": 12.5 * (k + 1), "peak_rss_mb": 900.0 + k}
                          for k, stage in enumerate(["data", "train:sft", "train:sft+dpo", "eval"])},
                       "report": {"status": "running"}},
            "machine": {"cpu": "Fake CPU 3000", "cores": 2, "device": "cpu", "torch_threads": 2,
                        "python": "3.11.2", "platform": "Linux-fake"},
            "versions": {"torch": "2.9.0", "trl": "1.0"}, "git_commit": "0123456789abcdef",
            "config": config, "started": "2025-01-01T00:00:00+00:00"})
    return root


@pytest.fixture(scope="session")
def fake_run():
    """The factory itself, so a test can build several runs with different effects (any fixture scope)."""
    return make_fake_run
