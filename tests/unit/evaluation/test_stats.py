"""The summary statistics every report shares."""

from __future__ import annotations

import math

from veil.evaluation.stats import percentile, rate


def test_percentile_is_an_observed_value_by_nearest_rank() -> None:
    xs = [float(i) for i in range(1, 41)]  # 1..40
    assert percentile(xs, 0.95) == 38.0  # rank round(0.95 * 39) = 37 (0-based)
    assert percentile(xs, 0.5) in xs
    assert math.isnan(percentile([], 0.5))


def test_rate_of_nothing_is_unknown_not_zero() -> None:
    assert rate(1, 4) == 0.25
    assert rate(0, 4) == 0.0
    assert math.isnan(rate(0, 0))


def test_the_gap_bootstrap_resamples_sentences_for_both_models_at_once() -> None:
    import numpy as np
    import pytest

    from veil.evaluation.stats import bootstrap_f1_gap

    rng = np.random.default_rng(1)
    gold = rng.integers(1, 4, size=300)
    central = np.stack([gold, gold, gold], axis=1)  # every span found, nothing else
    hits = np.minimum(gold, rng.integers(0, 4, size=300))  # the other model misses some
    private = np.stack([hits, hits, gold], axis=1)
    b = bootstrap_f1_gap(central.tolist(), private.tolist(), draws=1000, target=0.05)
    f1 = 2 * hits.sum() / (hits.sum() + gold.sum())
    assert b["gap"] == pytest.approx(1.0 - f1)
    assert b["ci95_low"] < b["gap"] < b["ci95_high"]
    assert b["ci95_low"] > 0.05 and b["share_within_target"] == 0.0  # clearly outside
    # the same model on both sides: no gap in any resample
    same = bootstrap_f1_gap(private.tolist(), private.tolist(), target=0.05)
    assert same["ci95_low"] == same["ci95_high"] == 0.0 and same["share_within_target"] == 1.0
    # a few sentences: a wide interval
    few = bootstrap_f1_gap(central[:10].tolist(), private[:10].tolist())
    assert few["ci95_high"] - few["ci95_low"] > b["ci95_high"] - b["ci95_low"]
    with pytest.raises(ValueError, match="same sentences"):
        bootstrap_f1_gap(central.tolist(), private[:5].tolist())
