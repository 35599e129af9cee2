"""The paired statistics on hand-worked and simulated cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from finalign.eval_harness.stats import bootstrap_ci, cluster_bootstrap, mcnemar, paired_diff, sign_flip_p_value


def test_bootstrap_ci_covers_true_mean_at_about_nominal_rate():
    """200 samples of 40 draws from N(1, 2): a 95% interval should cover 1.0 about 190 times; the percentile
    bootstrap runs a little narrow at n=40, so accept 170..200."""
    rng = np.random.default_rng(123)
    covered = 0
    for i in range(200):
        x = rng.normal(1.0, 2.0, size=40)
        _, lo, hi = bootstrap_ci(list(x), n_boot=500, seed=i)
        covered += lo <= 1.0 <= hi
    assert 170 <= covered <= 200


def test_bootstrap_ci_mean_and_order():
    mean, lo, hi = bootstrap_ci([1.0, 2.0, 3.0, 4.0])
    assert mean == 2.5 and lo <= mean <= hi and 1.0 <= lo and hi <= 4.0


def test_bootstrap_ci_drops_none_and_handles_empty():
    assert bootstrap_ci([1.0, None, 3.0])[0] == 2.0
    assert all(math.isnan(v) for v in bootstrap_ci([None, None]))


def test_deterministic_given_seed():
    x = [0.1, 0.5, 0.9, 0.3, 0.7]
    assert bootstrap_ci(x, seed=7) == bootstrap_ci(x, seed=7)
    a, b = list(np.linspace(0, 1, 30)), list(np.linspace(0, 1, 30)[::-1])
    assert paired_diff(a, b, seed=3) == paired_diff(a, b, seed=3)


def test_mcnemar_hand_worked():
    """a passes where b fails on 6 scenarios, the reverse on 1; 3 ties. Discordant n = 7, k = min = 1:
    P(X <= 1) for Binomial(7, 1/2) = (1 + 7) / 128 = 0.0625, two-sided p = 0.125."""
    a = [1] * 6 + [0] + [1, 1, 0]
    b = [0] * 6 + [1] + [1, 1, 0]
    assert mcnemar(a, b) == pytest.approx(0.125)
    assert mcnemar(b, a) == pytest.approx(0.125)  # two-sided: symmetric


def test_mcnemar_no_discordant_pairs_is_p_one_and_none_dropped():
    assert mcnemar([1, 0, 1], [1, 0, 1]) == 1.0
    assert mcnemar([1, None, 1], [0, 1, None]) == 1.0  # one discordant pair left: p = min(1, 2 * 1/2)


def test_sign_flip_exact_hand_worked():
    """Diffs [1, 1, 1]: of the 8 sign patterns only all-plus and all-minus reach |mean| = 1, so p = 2/8."""
    assert sign_flip_p_value(np.array([1.0, 1.0, 1.0])) == pytest.approx(0.25)


def test_paired_diff_clear_difference_is_significant():
    rng = np.random.default_rng(0)
    b = rng.uniform(0, 0.6, size=40)
    a = b + 0.3 + rng.normal(0, 0.05, size=40)
    out = paired_diff(list(a), list(b))
    assert out["p_value"] < 0.05
    assert out["ci_lo"] > 0 and out["mean_diff"] == pytest.approx(float(np.mean(a - b)))
    assert (out["wins"], out["ties"], out["losses"]) == (40, 0, 0)


def test_paired_diff_no_difference_is_not_significant():
    rng = np.random.default_rng(1)
    b = rng.uniform(0, 1, size=40)
    a = b + rng.normal(0, 0.1, size=40)  # same mean
    out = paired_diff(list(a), list(b))
    assert out["p_value"] > 0.05
    assert out["ci_lo"] < 0 < out["ci_hi"]


def test_paired_diff_drops_pairs_with_none():
    out = paired_diff([1.0, None, 0.5, 1.0], [0.0, 1.0, None, 0.0])
    assert out["n"] == 2 and out["mean_diff"] == 1.0 and out["wins"] == 2


def test_paired_diff_unequal_lengths_is_an_error():
    with pytest.raises(ValueError):
        paired_diff([1.0], [1.0, 0.0])


def test_cluster_bootstrap_resamples_scenarios_not_samples():
    """Two scenarios, 50 samples each, all 0 in one and all 1 in the other: the samples agree within a
    scenario, so the honest interval spans almost 0..1 (a 1/4 chance a replicate draws the same scenario twice),
    while a plain bootstrap over the 100 samples pretends to be tight around 0.5."""
    by_cluster = {"s1": [0.0] * 50, "s2": [1.0] * 50}
    mean, lo, hi = cluster_bootstrap(by_cluster, seed=0)
    assert mean == 0.5 and lo == 0.0 and hi == 1.0
    _, plain_lo, plain_hi = bootstrap_ci(by_cluster["s1"] + by_cluster["s2"], seed=0)
    assert plain_hi - plain_lo < 0.3


def test_cluster_bootstrap_weights_samples_and_drops_none():
    mean, _, _ = cluster_bootstrap({"a": [1.0, None, 1.0], "b": [0.0], "c": [None]})
    assert mean == pytest.approx(2 / 3)
