"""Charts for a run folder: ``viz/*.png`` drawn only from files the pipeline wrote.

    from finalign.eval_harness.viz import make_charts
    make_charts(Path("runs/quick"))   # -> [runs/quick/viz/headline.png, ...]

Each chart is a small function in :data:`CHARTS`, keyed by its file name; it returns a figure, or ``None``
when the run has nothing for it to show (no tuned model, no training log...), so a reader never meets an
empty image. A model keeps one colour in every chart (:func:`palette`), base is always grey, so the eye can
follow "the green one" from the headline bars to the training curves.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a laptop over SSH, in CI or on a training box

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from finalign.io import atomic_open, read_json, read_jsonl  # noqa: E402
from finalign.eval_harness.summary_schema import check_summary  # noqa: E402
from finalign.layout import RunDir  # noqa: E402
from finalign.methods import BASE_COLOR, METHODS  # noqa: E402

DPI = 120
# Fixed colours for the methods finalign trains, so a model looks the same in every run's charts too.
FIXED_COLORS = {"base": BASE_COLOR, **{m.name: m.color for m in METHODS.values()}}
SPARE_COLORS = ["#d62728", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79"]
OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}  # legends beside the axes never hide a whisker


# ---- the run's files --------------------------------------------------------------------------


@dataclass(frozen=True)
class RunData:
    """Everything the charts read, loaded once."""

    summary: dict
    scores: list[dict]  # scores.jsonl rows; empty when the file is absent
    train_logs: dict[str, list[dict]]  # model name -> train_log.jsonl rows, for adapters that have one


def adapter_dirs(run_dir: Path, models: list[str]) -> dict[str, Path]:
    """Adapter folder of each tuned model that has one."""
    run = RunDir(run_dir)
    return {m: run.adapter(m) for m in models if m != "base" and run.adapter(m).is_dir()}


def load_run(run_dir: Path) -> RunData:
    """Read summary.json (required: :class:`UserError` naming it when missing) and the optional extras."""
    run = RunDir(run_dir)
    summary = check_summary(read_json(run.summary), str(run.summary))
    headline_set = summary.get("headline_set", "eval")
    scores = [row for _, row in read_jsonl(run.scores) if row.get("set", "eval") == headline_set] \
        if run.scores.is_file() else []  # the headline set's rows: the other sets have their own chart
    logs = {m: [row for _, row in read_jsonl(d / "train_log.jsonl")]
            for m, d in adapter_dirs(run.root, summary["models"]).items() if (d / "train_log.jsonl").is_file()}
    return RunData(summary, scores, {m: rows for m, rows in logs.items() if rows})


def metric_order(summary: dict) -> list[str]:
    """Goodness first, then the scorers in the file's order (summary.json is written with sorted keys)."""
    names = list(summary["metrics"])
    return sorted(names, key=lambda n: n != "goodness")


def palette(models: list[str]) -> dict[str, str]:
    """A colour per model: fixed for finalign's method names, spare colours in order for any other."""
    spare = iter(SPARE_COLORS * (1 + len(models) // len(SPARE_COLORS)))
    return {m: FIXED_COLORS.get(m) or next(spare) for m in models}


def _finite(x) -> bool:
    return x is not None and math.isfinite(x)


# ---- charts -----------------------------------------------------------------------------------


def headline(run: RunData) -> Figure | None:
    """Grouped bars: every metric (goodness first) per model, with its bootstrap 95% CI."""
    s = run.summary
    metrics, models = metric_order(s), s["models"]
    if not metrics or not models:
        return None
    colors = palette(models)
    width = 0.8 / len(models)
    fig, ax = plt.subplots(figsize=(max(7.0, 1.0 * len(metrics) + 3), 4.8))
    for i, model in enumerate(models):
        cells = [(j, s["scores"][model].get(m, {})) for j, m in enumerate(metrics)]
        cells = [(j, c) for j, c in cells if _finite(c.get("mean"))]
        x = np.array([j for j, _ in cells]) + (i - (len(models) - 1) / 2) * width
        means = np.array([c["mean"] for _, c in cells])
        err = np.array([[max(0.0, c["mean"] - c["ci_lo"]) if _finite(c.get("ci_lo")) else 0.0 for _, c in cells],
                        [max(0.0, c["ci_hi"] - c["mean"]) if _finite(c.get("ci_hi")) else 0.0 for _, c in cells]])
        ax.bar(x, means, width, yerr=err.reshape(2, -1), capsize=3, color=colors[model], label=model,
               error_kw={"elinewidth": 1, "ecolor": "black"})
    ax.set_xticks(range(len(metrics)), metrics, rotation=25, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("metric")
    ax.set_ylabel("mean score (0-1)")
    ax.set_title(f"Scores per model ({s['n_scenarios']} in-template eval scenarios; bars = mean, whiskers = 95% CI)")
    ax.legend(title="model", fontsize=8, **OUTSIDE)
    ax.grid(axis="y", alpha=0.3)
    return fig


def paired_diff(run: RunData) -> Figure | None:
    """Forest plot: tuned minus base on the same scenarios, per metric, with 95% CI; right of 0 = better."""
    s = run.summary
    tuned = [m for m in s["models"][1:] if s.get("paired", {}).get(m)]
    metrics = [m for m in metric_order(s) if any(m in s["paired"][t] for t in tuned)]
    if not tuned or not metrics:
        return None
    colors = palette(s["models"])
    step = 0.5 / len(tuned)  # a metric's markers stay close to its label
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.25 * len(metrics) * (len(tuned) + 1)))
    for i, model in enumerate(tuned):
        rows = [(k, s["paired"][model][m]) for k, m in enumerate(metrics) if m in s["paired"][model]]
        y = np.array([k for k, _ in rows]) + (i - (len(tuned) - 1) / 2) * step
        d = np.array([r["mean_diff"] for _, r in rows])
        err = np.array([[max(0.0, r["mean_diff"] - r["ci_lo"]) for _, r in rows],
                        [max(0.0, r["ci_hi"] - r["mean_diff"]) for _, r in rows]])
        ax.errorbar(d, y, xerr=err.reshape(2, -1), fmt="o", color=colors[model], capsize=3, label=model)
    ax.axvline(0, color="black", linewidth=1, linestyle="--", label="no difference")
    ax.set_yticks(range(len(metrics)), metrics)
    ax.invert_yaxis()  # goodness on top, as in the tables
    ax.set_xlabel("tuned − base, mean paired difference (score points on the 0-1 scale)")
    ax.set_ylabel("metric")
    ax.set_title("Paired difference vs base (95% CI; right of the dashed line = better than base)")
    ax.legend(title="model", fontsize=8, **OUTSIDE)
    ax.grid(axis="x", alpha=0.3)
    return fig


def per_situation(run: RunData) -> Figure | None:
    """Heatmap of mean goodness per situation and model, each cell annotated with its value."""
    table = run.summary.get("per_situation") or {}
    models = [m for m in run.summary["models"] if table.get(m)]
    situations = sorted({sit for m in models for sit in table[m]})
    if not models or not situations:
        return None
    grid = np.array([[table[m].get(sit, {}).get("mean", np.nan) for m in models] for sit in situations],
                    dtype=float)
    fig, ax = plt.subplots(figsize=(2.2 + 1.3 * len(models), 1.4 + 0.5 * len(situations)))
    image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    for (r, c), value in np.ndenumerate(grid):
        ax.text(c, r, "n/a" if np.isnan(value) else f"{value:.2f}", ha="center", va="center", fontsize=9)
    ax.set_xticks(range(len(models)), models)
    ax.set_yticks(range(len(situations)), situations)
    ax.set_xlabel("model")
    ax.set_ylabel("situation")
    ax.set_title("Mean goodness by situation")
    fig.colorbar(image, ax=ax, label="mean goodness (0-1)")  # the colour scale is this chart's legend
    return fig


# (panel title, kind of adapter, log key, y label); the eval curve reads "eval_" + key.
CURVE_PANELS = [
    ("SFT loss", "sft", "loss", "cross-entropy (nats/token)"),
    ("DPO loss", "dpo", "loss", "DPO loss (nats)"),
    ("DPO reward margin", "dpo", "rewards/margins", "chosen − rejected reward (nats)"),
    ("DPO reward accuracy", "dpo", "rewards/accuracies", "pairs with chosen > rejected (0-1)"),
]


def _kind(rows: list[dict]) -> str:
    """DPO logs carry implicit rewards; any other log is an SFT-style (cross-entropy) one."""
    return "dpo" if any(k.startswith(("rewards/", "eval_rewards/")) for row in rows for k in row) else "sft"


def _series(rows: list[dict], key: str) -> tuple[list[float], list[float]]:
    points = [(row["step"], row[key]) for row in rows if _finite(row.get(key)) and "step" in row]
    return [p[0] for p in points], [p[1] for p in points]


def _curves(run: RunData, kind: str, key: str) -> list[tuple[str, str, list, list]]:
    """(model, "train"|"held-out", steps, values) for every adapter of this kind that logged ``key``."""
    out = []
    for model, rows in run.train_logs.items():
        if _kind(rows) != kind:
            continue
        for split, k in (("train", key), ("held-out", "eval_" + key)):
            steps, values = _series(rows, k)
            if steps:
                out.append((model, split, steps, values))
    return out


def training_curves(run: RunData) -> Figure | None:
    """Loss (and DPO reward margin/accuracy) vs step from each adapter's train_log.jsonl; held-out dashed."""
    panels = [(title, ylabel, _curves(run, kind, key)) for title, kind, key, ylabel in CURVE_PANELS]
    panels = [p for p in panels if p[2]]
    if not panels:
        return None
    colors = palette(list(run.summary["models"]) + sorted(run.train_logs))
    ncols = min(2, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.0 * ncols, 3.6 * nrows), squeeze=False)
    for ax, (title, ylabel, curves) in zip(axes.flat, panels):
        for model, split, steps, values in curves:
            style = {"linestyle": "-"} if split == "train" else {"linestyle": "--", "marker": "o", "markersize": 4}
            ax.plot(steps, values, color=colors[model], label=f"{model} ({split})", **style)
        ax.set_title(title)
        ax.set_xlabel("optimizer step")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.suptitle("Training curves (solid = training batches, dashed = held-out pairs)")
    fig.tight_layout()
    return fig


def _goodness_per_scenario(rows: list[dict], model: str) -> list[float]:
    """Mean goodness per scenario (over samples): the scenario is the unit the statistics resample."""
    by: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        value = row["scores"].get("goodness")
        if row["model"] == model and _finite(value):
            by[row["scenario_id"]].append(value)
    return [float(np.mean(v)) for _, v in sorted(by.items())]


def score_distributions(run: RunData) -> Figure | None:
    """Box plot plus every scenario as a jittered dot: shows spread and outliers a mean hides."""
    models = run.summary["models"]
    data = {m: _goodness_per_scenario(run.scores, m) for m in models}
    models = [m for m in models if data[m]]
    if not models:
        return None
    colors = palette(run.summary["models"])
    rng = np.random.default_rng(0)  # fixed jitter: the same run draws the same image
    fig, ax = plt.subplots(figsize=(max(5.5, 1.6 * len(models) + 2), 4.5))
    boxes = ax.boxplot([data[m] for m in models], positions=range(len(models)), widths=0.5,
                       whis=(0, 100), patch_artist=True, showfliers=False, medianprops={"color": "black"})
    for patch, model in zip(boxes["boxes"], models):
        patch.set_facecolor(colors[model])
        patch.set_alpha(0.35)
    for i, model in enumerate(models):
        ax.scatter(i + rng.uniform(-0.15, 0.15, len(data[model])), data[model], s=14, color=colors[model],
                   edgecolor="black", linewidth=0.3, zorder=3)
    ax.set_xticks(range(len(models)), models)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("model")
    ax.set_ylabel("goodness per scenario, mean over samples (0-1)")
    ax.set_title("Per-scenario goodness (box = quartiles, whiskers = range, dot = one scenario)")
    ax.legend(handles=[Patch(color=colors[m], alpha=0.6, label=m) for m in models], title="model", fontsize=8,
              **OUTSIDE)
    ax.grid(axis="y", alpha=0.3)
    return fig


def set_results(summary: dict) -> dict[str, dict]:
    """Every prompt set's statistics, the headline (in-template) set first."""
    return {summary.get("headline_set", "eval"): summary, **(summary.get("prompt_sets") or {})}


def in_vs_out(run: RunData) -> Figure | None:
    """Goodness per model on each prompt set, and tuned minus base on each: a gain that vanishes out of template
    was template-filling."""
    s = run.summary
    sets = set_results(s)
    if len(sets) < 2:
        return None
    models, names = s["models"], list(sets)
    colors = palette(models)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.0, 4.4))
    width = 0.8 / len(models)
    for i, model in enumerate(models):
        cells = [sets[n]["scores"].get(model, {}).get("goodness", {}) for n in names]
        x = np.arange(len(names)) + (i - (len(models) - 1) / 2) * width
        means = np.array([c.get("mean") if _finite(c.get("mean")) else np.nan for c in cells])
        err = np.array([[max(0.0, c["mean"] - c["ci_lo"]) if _finite(c.get("ci_lo")) else 0.0 for c in cells],
                        [max(0.0, c["ci_hi"] - c["mean"]) if _finite(c.get("ci_hi")) else 0.0 for c in cells]])
        left.bar(x, means, width, yerr=err, capsize=3, color=colors[model], label=model,
                 error_kw={"elinewidth": 1, "ecolor": "black"})
    labels = [f"{n}\n({sets[n]['n_scenarios']} scenarios)" for n in names]
    left.set_xticks(range(len(names)), labels)
    left.set_ylim(0, 1.05)
    left.set_xlabel("prompt set")
    left.set_ylabel("mean goodness (0-1)")
    left.set_title("Goodness per prompt set (95% CI)")
    left.grid(axis="y", alpha=0.3)
    left.legend(title="model", fontsize=8)
    tuned = models[1:]
    step = 0.6 / max(1, len(tuned))
    for i, model in enumerate(tuned):
        rows = [(k, sets[n].get("paired", {}).get(model, {}).get("goodness")) for k, n in enumerate(names)]
        rows = [(k, d) for k, d in rows if d]
        if not rows:
            continue
        x = np.array([k for k, _ in rows]) + (i - (len(tuned) - 1) / 2) * step
        d = np.array([r["mean_diff"] for _, r in rows])
        err = np.array([[max(0.0, r["mean_diff"] - r["ci_lo"]) for _, r in rows],
                        [max(0.0, r["ci_hi"] - r["mean_diff"]) for _, r in rows]])
        right.errorbar(x, d, yerr=err, fmt="o", color=colors[model], capsize=3, label=model)
    right.axhline(0, color="black", linewidth=1, linestyle="--")
    right.set_xticks(range(len(names)), labels)
    right.set_xlabel("prompt set")
    right.set_ylabel("tuned − base goodness (paired, 95% CI)")
    right.set_title("Gain over base per prompt set (above the line = better)")
    right.grid(axis="y", alpha=0.3)
    right.legend(title="model", fontsize=8, **OUTSIDE)
    fig.tight_layout()
    return fig


CHARTS: dict[str, Callable[[RunData], Figure | None]] = {
    "headline.png": headline,
    "in_vs_out.png": in_vs_out,
    "paired_diff.png": paired_diff,
    "per_situation.png": per_situation,
    "training_curves.png": training_curves,
    "score_distributions.png": score_distributions,
}


def _save(fig: Figure, path: Path) -> Path:
    """Atomic, like every artifact: a killed run never leaves a truncated PNG behind."""
    with atomic_open(path, "wb") as fh:
        fig.savefig(fh, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return path


def make_charts(run_dir: Path) -> list[Path]:
    """Draw every chart that has data into ``run_dir/viz/`` and return their paths, in :data:`CHARTS` order.

    A chart with nothing to show is skipped and any image of it from an earlier run is removed, so the
    folder never holds a picture of a different run.
    """
    run = load_run(Path(run_dir))
    out = RunDir(run_dir).viz
    written = []
    for name, draw in CHARTS.items():
        fig = draw(run)
        if fig is None:
            (out / name).unlink(missing_ok=True)
            continue
        written.append(_save(fig, out / name))
    return written
