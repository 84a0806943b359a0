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
