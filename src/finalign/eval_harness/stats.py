"""Paired statistics for comparing two models on the same scenarios: pure numpy, deterministic given a seed.

Why paired: every model answers the same scenarios, and scenarios differ far more from each other than
models do, so comparing per-scenario differences removes most of the noise a two-sample test would keep.

* :func:`bootstrap_ci` -- percentile bootstrap interval for a mean.
* :func:`cluster_bootstrap` -- the same when there are several samples per scenario: resample *scenarios*
  (clusters), because samples of one scenario are not independent.
* :func:`paired_diff` -- mean of ``a - b`` with a bootstrap CI and a sign-flip permutation p-value.
* :func:`mcnemar` -- exact McNemar test for binary (pass/fail) scores.
* :func:`independent_diff` -- ``mean(a) - mean(b)`` for two *different* sets of scenarios (e.g. a model's gain
  over base in template minus its gain out of template), each resampled on its own.

``None`` means "not applicable" throughout: single values that are ``None`` are dropped, and a pair is
dropped when either side is ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

Values = Sequence[float | None]


def _clean(values: Values) -> np.ndarray:
    return np.array([v for v in values if v is not None], dtype=float)


def _pairs(a: Values, b: Values) -> tuple[np.ndarray, np.ndarray]:
    if len(a) != len(b):
        raise ValueError(f"paired values need equal lengths, got {len(a)} and {len(b)}")
    kept = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    return np.array([x for x, _ in kept], dtype=float), np.array([y for _, y in kept], dtype=float)


def _percentile_ci(means: np.ndarray, alpha: float) -> tuple[float, float]:
    lo, hi = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(lo), float(hi)


def bootstrap_ci(values: Values, n_boot: int = 2000, seed: int = 0, alpha: float = 0.05) -> tuple[float, float, float]:
    """``(mean, lo, hi)``: the mean and its percentile-bootstrap ``1 - alpha`` interval; NaNs if no values."""
    x = _clean(values)
    if x.size == 0:
        return math.nan, math.nan, math.nan
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    return (float(x.mean()), *_percentile_ci(means, alpha))


def independent_diff(a: Values, b: Values, n_boot: int = 2000, seed: int = 0,
                     alpha: float = 0.05) -> tuple[float, float, float]:
    """``(mean(a) - mean(b), lo, hi)`` with a percentile-bootstrap interval that resamples ``a`` and ``b``
    independently (they are different scenarios, so there is nothing to pair)."""
    x, y = _clean(a), _clean(b)
    if x.size == 0 or y.size == 0:
        return math.nan, math.nan, math.nan
    rng = np.random.default_rng(seed)
    mx = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    my = y[rng.integers(0, y.size, size=(n_boot, y.size))].mean(axis=1)
    return (float(x.mean() - y.mean()), *_percentile_ci(mx - my, alpha))


def cluster_bootstrap(
    values_by_cluster: Mapping[str, Values], n_boot: int = 2000, seed: int = 0, alpha: float = 0.05
) -> tuple[float, float, float]:
    """``(mean, lo, hi)`` over all samples, resampling whole clusters (scenarios) with replacement.

    The point estimate is the mean of all samples (each sample weighs the same); each bootstrap replicate
    draws as many clusters as there are and takes the mean of all the samples they hold.
    """
    clusters = [c for c in (_clean(v) for v in values_by_cluster.values()) if c.size]
    if not clusters:
        return math.nan, math.nan, math.nan
    sums = np.array([c.sum() for c in clusters])
    counts = np.array([c.size for c in clusters], dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(clusters), size=(n_boot, len(clusters)))
    means = sums[picks].sum(axis=1) / counts[picks].sum(axis=1)
    return (float(sums.sum() / counts.sum()), *_percentile_ci(means, alpha))


def sign_flip_p_value(diffs: np.ndarray, n_perm: int = 10000, seed: int = 0) -> float:
    """Two-sided paired permutation test of "mean difference is 0".

    Under the null each difference is as likely to have either sign, so flip signs at random and count how
    often the flipped mean is at least as far from 0 as the observed one. Exact (all 2^n flips) for n <= 16;
    otherwise Monte Carlo with the observed assignment counted, so p is never 0: (1 + hits) / (1 + n_perm).
    """
    n = diffs.size
    if n == 0:
        return math.nan
    observed = abs(diffs.mean())
    if not np.any(diffs):
        return 1.0
    if n <= 16:
        signs = 1 - 2 * ((np.arange(2**n)[:, None] >> np.arange(n)) & 1)
        flipped = np.abs((signs * diffs).mean(axis=1))
        return float(np.mean(flipped >= observed - 1e-12))
    rng = np.random.default_rng(seed)
    signs = rng.choice((-1.0, 1.0), size=(n_perm, n))
    hits = int(np.sum(np.abs((signs * diffs).mean(axis=1)) >= observed - 1e-12))
    return (1 + hits) / (1 + n_perm)


def paired_diff(
    a: Values, b: Values, n_boot: int = 2000, n_perm: int = 10000, seed: int = 0, alpha: float = 0.05
) -> dict[str, float | int]:
    """Compare ``a`` with ``b`` scenario by scenario: mean of ``a - b``, its bootstrap CI, the sign-flip
    p-value, and how many scenarios ``a`` won, tied and lost. Pairs with a ``None`` on either side are dropped."""
    x, y = _pairs(a, b)
    diffs = x - y
    mean, lo, hi = bootstrap_ci(list(diffs), n_boot=n_boot, seed=seed, alpha=alpha)
    return {
        "n": int(diffs.size),
        "mean_diff": mean,
        "ci_lo": lo,
        "ci_hi": hi,
        "p_value": sign_flip_p_value(diffs, n_perm=n_perm, seed=seed),
        "wins": int(np.sum(diffs > 0)),
        "ties": int(np.sum(diffs == 0)),
        "losses": int(np.sum(diffs < 0)),
    }


def mcnemar(a: Values, b: Values) -> float:
    """Two-sided exact McNemar p-value for paired binary outcomes (a score >= 0.5 counts as a pass).

    Only discordant pairs carry information: ``n01`` (a passed, b failed) and ``n10`` (a failed, b passed),
    which :func:`paired_diff` reports as wins and losses. Under the null each discordant pair is a fair coin,
    so p = ``min(1, 2 * P(Binomial(n01 + n10, 1/2) <= min(n01, n10)))``; 1.0 with no discordant pairs.
    """
    x, y = _pairs(a, b)
    pa, pb = x >= 0.5, y >= 0.5
    n01, n10 = int(np.sum(pa & ~pb)), int(np.sum(~pa & pb))
    n = n01 + n10
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(n01, n10) + 1)) / 2**n
    return min(1.0, 2 * tail)
