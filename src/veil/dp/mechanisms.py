"""Differential-privacy mechanisms as pure functions.

Every function takes its privacy parameters as keyword-only arguments (``epsilon=``, ``delta=``,
``sensitivity=``) and a :class:`numpy.random.Generator`. Pass ``rng=None`` in production: a fresh
generator is then seeded from the operating system's CSPRNG (:mod:`secrets`) on every call, so
no noise sequence can be predicted or replayed. Tests pass a seeded generator to be reproducible.

Threat model: the mechanisms bound what an observer of the *output* learns about the *input*;
they do not hide the input from the process that runs them (that is the client, in Veil).
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from veil.errors import DPError, InvalidEpsilonError

__all__ = [
    "analytic_gaussian_sigma",
    "check_delta",
    "check_epsilon",
    "classic_gaussian_sigma",
    "exponential",
    "exponential_probabilities",
    "gaussian",
    "laplace",
    "make_rng",
]


def make_rng(rng: np.random.Generator | int | None = None) -> np.random.Generator:
    """A generator: the one given, one seeded with an int (tests), or one seeded from ``secrets``.

    Seeding from 256 bits of OS randomness per call keeps production noise unpredictable while the
    sampling code stays numpy's (well tested, vectorised).
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng(secrets.randbits(256))
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise DPError("rng must be a numpy Generator, an int seed, or None (cryptographic seeding)")


def check_epsilon(epsilon: float) -> float:
    """Return ``epsilon`` as float, or raise :class:`InvalidEpsilonError` (<= 0, NaN, inf)."""
    try:
        e = float(epsilon)
    except (TypeError, ValueError):
        raise InvalidEpsilonError("epsilon must be a number; pass a finite value > 0") from None
    if not math.isfinite(e) or e <= 0.0:
        raise InvalidEpsilonError(
            "epsilon must be finite and > 0 (got a value <= 0, NaN or infinite); "
            "typical text-DP values are 1-16 per token"
        )
    return e


def check_delta(delta: float) -> float:
    try:
        d = float(delta)
    except (TypeError, ValueError):
        raise DPError("delta must be a number in (0, 1)") from None
    if not math.isfinite(d) or not 0.0 < d < 1.0:
        raise DPError("delta must lie strictly between 0 and 1 (e.g. 1e-5)")
    return d


def _check_sensitivity(sensitivity: float) -> float:
    s = float(sensitivity)
    if not math.isfinite(s) or s <= 0.0:
        raise DPError("sensitivity must be finite and > 0")
    return s


def laplace(
    value: ArrayLike,
    *,
    epsilon: float,
    sensitivity: float = 1.0,
    rng: np.random.Generator | int | None = None,
) -> NDArray[np.float64]:
    """Laplace mechanism: ``value + Lap(sensitivity / epsilon)`` elementwise; epsilon-DP for an
    L1 sensitivity of ``sensitivity``."""
    eps = check_epsilon(epsilon)
    scale = _check_sensitivity(sensitivity) / eps
    v = np.asarray(value, dtype=np.float64)
    return v + make_rng(rng).laplace(0.0, scale, size=v.shape)


def classic_gaussian_sigma(*, epsilon: float, delta: float, sensitivity: float = 1.0) -> float:
    """Dwork & Roth (Thm A.1): sigma = sqrt(2 ln(1.25/delta)) * sensitivity / epsilon.

    Valid only for epsilon < 1; for larger epsilon use :func:`analytic_gaussian_sigma`.
    """
    eps, d, s = check_epsilon(epsilon), check_delta(delta), _check_sensitivity(sensitivity)
    if eps >= 1.0:
        raise InvalidEpsilonError(
            "the classic Gaussian calibration holds only for epsilon < 1; "
            "use calibration='analytic'"
        )
    return math.sqrt(2.0 * math.log(1.25 / d)) * s / eps


def _phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _gaussian_delta(sigma: float, eps: float, s: float) -> float:
    # Balle & Wang (ICML 2018), Thm 8: the exact delta of the Gaussian mechanism at (eps, sigma).
    a = s / (2.0 * sigma)
    b = eps * sigma / s
    return _phi(a - b) - math.exp(eps) * _phi(-a - b)


def analytic_gaussian_sigma(*, epsilon: float, delta: float, sensitivity: float = 1.0) -> float:
    """Smallest sigma for which the Gaussian mechanism is (epsilon, delta)-DP (Balle & Wang 2018).

    Found by bisection on the exact privacy profile; valid for every epsilon > 0 and tighter than
    the classic bound.
    """
    eps, d, s = check_epsilon(epsilon), check_delta(delta), _check_sensitivity(sensitivity)
    lo, hi = 1e-12 * s, s
    while _gaussian_delta(hi, eps, s) > d:  # delta decreases in sigma
        hi *= 2.0
        if hi > 1e12 * s:
            raise DPError("could not calibrate the Gaussian mechanism; check epsilon and delta")
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _gaussian_delta(mid, eps, s) > d:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * hi:
            break
    return hi


def gaussian(
    value: ArrayLike,
    *,
    epsilon: float,
    delta: float,
    sensitivity: float = 1.0,
    calibration: str = "analytic",
    rng: np.random.Generator | int | None = None,
) -> NDArray[np.float64]:
    """Gaussian mechanism: ``value + N(0, sigma^2)``; (epsilon, delta)-DP for an L2 sensitivity of
    ``sensitivity``. ``calibration`` is ``"analytic"`` (default, any epsilon) or ``"classic"``."""
    if calibration == "analytic":
        sigma = analytic_gaussian_sigma(epsilon=epsilon, delta=delta, sensitivity=sensitivity)
    elif calibration == "classic":
        sigma = classic_gaussian_sigma(epsilon=epsilon, delta=delta, sensitivity=sensitivity)
    else:
        raise DPError("calibration must be 'analytic' or 'classic'")
    v = np.asarray(value, dtype=np.float64)
    return v + make_rng(rng).normal(0.0, sigma, size=v.shape)


def exponential_probabilities(
    scores: ArrayLike, *, epsilon: float, sensitivity: float = 1.0
) -> NDArray[np.float64]:
    """Output distribution of the exponential mechanism: ``p_i ∝ exp(eps * u_i / (2 * Δu))``."""
    eps, s = check_epsilon(epsilon), _check_sensitivity(sensitivity)
    u = np.asarray(scores, dtype=np.float64)
    if u.ndim != 1 or u.size == 0:
        raise DPError("scores must be a non-empty 1-D array")
    if not np.all(np.isfinite(u)):
        raise DPError("scores must be finite")
    logits = (eps / (2.0 * s)) * u
    logits -= logits.max()  # stable softmax
    w = np.exp(logits)
    return w / w.sum()


def exponential(
    scores: ArrayLike,
    *,
    epsilon: float,
    sensitivity: float = 1.0,
    rng: np.random.Generator | int | None = None,
    candidates: Sequence[object] | None = None,
) -> object:
    """Exponential mechanism (McSherry & Talwar 2007): pick index ``i`` with probability
    ``∝ exp(eps * u_i / (2 * Δu))``; epsilon-DP when every score has sensitivity ``Δu``.

    Returns the index, or ``candidates[i]`` when candidates are given.
    """
    p = exponential_probabilities(scores, epsilon=epsilon, sensitivity=sensitivity)
    if candidates is not None and len(candidates) != p.size:
        raise DPError("candidates and scores must have the same length")
    i = int(make_rng(rng).choice(p.size, p=p))
    return candidates[i] if candidates is not None else i
