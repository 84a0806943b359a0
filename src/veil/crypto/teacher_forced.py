"""Teacher-forced agreement of the MPC model with its float twin: the client's comparison.

A teacher-forced forward feeds a whole token sequence and reveals (to the client only) the
logits of every position: position ``i`` has seen ``ids[:i + 1]``, so its argmax is the model's
greedy next token given the TRUE prefix. Comparing the MPC argmax with the float model's at every
position gives one agreement sample per position for the cost of one secret-shared forward,
where free-running generation gives one per forward (and, after a first divergence, compares
different prefixes).

Imported on both sides of the environment boundary: by :mod:`veil.crypto.parties` in the crypto
environment (the client helper reduces the two logit matrices to per-position figures, so only
short lists cross the pipe) and by Veil to pool forwards. numpy and the standard library only,
no relative imports.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

#: Two-sided 95% normal quantile, for the Wilson interval.
Z95 = 1.959963984540054


def compare_positions(mpc_logits: Any, plain_logits: Any, n: int) -> dict[str, list[Any]]:
    """Per real position ``i < n`` of two ``(length, vocab)`` logit matrices (rows past ``n`` are
    the compiled shape's padding and are ignored): both argmaxes, the largest and the mean
    absolute logit error, and the float model's top-1 minus top-2 margin (how close the call
    was). JSON-ready lists, one entry per position."""
    mpc = np.asarray(mpc_logits, dtype=np.float64)
    plain = np.asarray(plain_logits, dtype=np.float64)
    if mpc.shape != plain.shape or mpc.ndim != 2 or mpc.shape[1] < 2:
        raise ValueError(f"need two (length, vocab >= 2) logit matrices of one shape; got "
                         f"{mpc.shape} and {plain.shape}")
    if not 1 <= n <= mpc.shape[0]:
        raise ValueError(f"n must be between 1 and the compiled length {mpc.shape[0]}")
    mpc, plain = mpc[:n], plain[:n]
    err = np.abs(mpc - plain)
    top2 = np.sort(plain, axis=-1)[:, -2:]
    return {
        "mpc_top1": [int(i) for i in np.argmax(mpc, axis=-1)],
        "plain_top1": [int(i) for i in np.argmax(plain, axis=-1)],
        "max_abs_err": [float(e) for e in err.max(axis=-1)],
        "mean_abs_err": [float(e) for e in err.mean(axis=-1)],
        "plain_margin": [float(m) for m in top2[:, 1] - top2[:, 0]],
    }


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion ``k / n`` (95% by default). Unlike the
    normal approximation it stays inside [0, 1] and is not degenerate at k = n."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError("the Wilson interval needs n > 0 and 0 <= k <= n")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def summarize(forwards: Iterable[tuple[Sequence[int], dict[str, list[Any]]]]) -> dict[str, Any]:
    """Pool per-position comparisons of several forwards: ``(ids, compare_positions(...))``.

    A position counts once per distinct prefix: two sequences that start alike (a shared chat
    template opening) compute the same positions, and counting them twice would overstate the
    sample. A disagreement whose float margin exceeds twice the position's largest logit error
    cannot come from fixed-point error alone (each of the two logits moved by at most that
    error): ``unexplained`` counts those, and should be 0."""
    seen: set[tuple[int, ...]] = set()
    agree = total = 0
    max_err = 0.0
    mean_errs: list[float] = []
    margins: list[float] = []
    flips: list[dict[str, float]] = []
    for ids, pos in forwards:
        n = len(pos["mpc_top1"])
        if n > len(ids):
            raise ValueError("a comparison has more positions than its sequence has tokens")
        for i in range(n):
            prefix = tuple(int(t) for t in ids[: i + 1])
            if prefix in seen:
                continue
            seen.add(prefix)
            total += 1
            same = pos["mpc_top1"][i] == pos["plain_top1"][i]
            agree += same
            err, margin = float(pos["max_abs_err"][i]), float(pos["plain_margin"][i])
            max_err = max(max_err, err)
            mean_errs.append(float(pos["mean_abs_err"][i]))
            margins.append(margin)
            if not same:
                flips.append({"plain_margin": margin, "max_abs_err": err})
    if total == 0:
        raise ValueError("no positions to summarize")
    low, high = wilson_interval(agree, total)
    return {
        "positions": total,
        "agree": agree,
        "agreement": agree / total,
        "wilson95": [low, high],
        "max_abs_logit_err": max_err,
        "mean_abs_logit_err": float(np.mean(mean_errs)),
        "min_plain_margin": min(margins),
        "close_calls": sum(m < 2 * max_err for m in margins),  # flippable by the worst error
        "disagreements": flips,
        "unexplained": sum(f["plain_margin"] > 2 * f["max_abs_err"] for f in flips),
    }


__all__ = ["Z95", "compare_positions", "summarize", "wilson_interval"]
