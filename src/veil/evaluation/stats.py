"""Summary statistics shared by every benchmark and evaluation report (one definition, so a p99 in
one report means the same as a p99 in another)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def percentile(xs: Sequence[float], q: float) -> float:
    """The ``q``-quantile (``q`` in [0, 1]) of ``xs`` by the nearest rank, NaN for no data.

    Nearest rank, not interpolation: a reported latency is one that was actually observed.
    """
    if not 0.0 <= q <= 1.0:
        raise ValueError("q must be in [0, 1]")
    if len(xs) == 0:
        return math.nan
    return float(np.quantile(np.asarray(xs, dtype=float), q, method="nearest"))


def rate(num: float, den: float) -> float:
    """``num / den``, NaN when there is nothing to divide by: a rate of nothing is unknown, not
    0 (which would read as a perfect score) and not an error that stops a whole report."""
    return num / den if den else math.nan


__all__ = ["percentile", "rate"]
