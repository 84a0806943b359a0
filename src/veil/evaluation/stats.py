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


def bootstrap_f1_gap(
    a: Sequence[Sequence[int]], b: Sequence[Sequence[int]], *, draws: int = 2000, seed: int = 0,
    target: float | None = None,
) -> dict[str, float]:
    """Paired bootstrap over sentences of micro F1(a) - micro F1(b).

    ``a`` and ``b``: per sentence, (matches, predicted, gold) of two models on the *same*
    sentences in the same order (:func:`veil.train.data.span_counts`). Each draw resamples the
    sentences once for both models, so what the two share (hard sentences) cancels. Returns the
    gap on all sentences, the 2.5% and 97.5% quantiles of the resampled gaps and, with
    ``target``, the share of draws whose gap is at most it.
    """
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.ndim != 2 or x.shape[1:] != (3,) or x.shape != y.shape or not len(x):
        raise ValueError("a and b need one (matches, predicted, gold) row per sentence, for the "
                         "same sentences")
    idx = np.random.default_rng(seed).integers(0, len(x), size=(draws, len(x)))

    def f1(c: np.ndarray) -> np.ndarray:
        s = c.sum(axis=-2)
        return 2 * s[..., 0] / np.maximum(s[..., 1] + s[..., 2], 1.0)

    gaps = f1(x[idx]) - f1(y[idx])
    out = {"gap": float(f1(x) - f1(y)), "ci95_low": float(np.quantile(gaps, 0.025)),
           "ci95_high": float(np.quantile(gaps, 0.975)), "draws": draws}
    if target is not None:
        out["share_within_target"] = float(np.mean(gaps <= target))
    return out


__all__ = ["bootstrap_f1_gap", "percentile", "rate"]
