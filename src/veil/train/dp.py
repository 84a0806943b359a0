"""Differential privacy for detector training: DP-SGD per client (Opacus) and its accounting.

Threat model (the claim these functions back): a federated client's training sentences are
protected at the *sentence* level by DP-SGD run on that client — whatever leaves the client (its
model update, hence the global model) is (epsilon, delta)-DP with respect to adding or removing
one of its sentences. Clients hold disjoint data, so the whole federation's guarantee for any one
sentence is the largest per-client epsilon (parallel composition), which is what "total" reports.
Central DP (``client_level_epsilon``) protects a whole client instead: the server adds Gaussian
noise to the clipped sum of updates (Flower's ``DifferentialPrivacyClientSideFixedClipping``),
which only means something with many clients per round. Neither protects against a client that
lies about its data, and the privacy of names that occur in *several* sentences degrades with
the number of occurrences (group privacy): the canary audit in :mod:`veil.train.canary` measures
what remains.

Privacy-critical arguments are keyword-only and checked; insecure settings warn and say what to
do (:class:`InsecurePrivacyWarning`), invalid ones raise :class:`~veil.errors.DPError`.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from veil.errors import ConfigError, DPError, InvalidEpsilonError

#: above this, a DP guarantee says little (common guidance and Opacus' own examples use <= 10)
MAX_SAFE_EPSILON = 10.0
#: How epsilon is computed from the noise: ``rdp`` (Renyi DP, Mironov 2017; a closed-form bound
#: that is loose by a few percent) or ``prv`` (privacy random variables, Gopi et al. 2021: the
#: numerically composed privacy curve, reported as its upper error bound). Both are rigorous
#: upper bounds; for the same (epsilon, delta) PRV needs ~5% less noise.
ACCOUNTANTS = ("rdp", "prv")


class InsecurePrivacyWarning(UserWarning):
    """A DP setting that runs but gives a weak or no guarantee."""


@dataclass(frozen=True, kw_only=True)
class PrivacyBudget:
    """Target (epsilon, delta) of DP-SGD on one client and the per-sample clipping norm."""

    epsilon: float
    delta: float
    max_grad_norm: float = 1.0


def check_privacy(
    *, epsilon: float, delta: float, n: int, max_grad_norm: float | None
) -> list[str]:
    """Validate a DP setting for a data set of ``n`` records; warn about insecure ones.

    Returns the warning texts (also emitted as :class:`InsecurePrivacyWarning`).
    """
    if not math.isfinite(epsilon) or epsilon <= 0:
        raise InvalidEpsilonError("epsilon must be a finite number > 0")
    if not 0 < delta < 1:
        raise DPError("delta must lie strictly between 0 and 1 (use <= 1/n, e.g. 1e-5)")
    if n <= 0:
        raise DPError("the private data set is empty: give the client some sentences")
    problems: list[str] = []
    if epsilon > MAX_SAFE_EPSILON:
        problems.append(f"epsilon={epsilon:g} > {MAX_SAFE_EPSILON:g} gives a weak guarantee; "
                        "lower it (8 or less) and train on more data to keep the accuracy")
    if delta >= 1.0 / n:
        problems.append(f"delta={delta:g} >= 1/n (n={n}) allows publishing a whole record; "
                        f"use delta < {1.0 / n:.1e}")
    if max_grad_norm is None or not math.isfinite(max_grad_norm) or max_grad_norm <= 0:
        problems.append("no per-sample clipping: noise is calibrated to a bounded gradient, so "
                        "without clipping there is no guarantee; set max_grad_norm (e.g. 1.0)")
    for text in problems:
        warnings.warn(text, InsecurePrivacyWarning, stacklevel=2)
    return problems


#: the Rényi orders of Opacus' RDP accountant (``DEFAULT_ALPHAS``: 1.1 to 10.9 by 0.1, then
#: 12 to 63), split into the cheap integer ones and the costly fractional ones
_INTEGER_ORDERS = tuple(float(a) for a in (*range(2, 11), *range(12, 64)))
_FRACTIONAL_ORDERS = tuple(1 + x / 10 for x in range(1, 100) if x % 10)


def rdp_epsilon(*, noise_multiplier: float, sample_rate: float, steps: int, delta: float
                ) -> float:
    """Epsilon of ``steps`` subsampled Gaussian steps, as Opacus' RDP accountant computes it.

    The same bound as over Opacus' default orders, at a fraction of the cost: each fractional
    order is a pure-Python series (about 10 ms at a high sample rate, 90 of them per call, so a
    client's noise search took 30 s). The integer orders are cheap and find the neighbourhood of
    the best order; only the fractional orders within 1 of it are computed. Leaving an order
    out can only raise the bound, so the result is never below the true RDP epsilon.
    """
    from opacus.accountants import RDPAccountant

    if steps <= 0:
        return 0.0
    acc = RDPAccountant()
    acc.history = [(noise_multiplier, sample_rate, steps)]
    _, best = acc.get_privacy_spent(delta=delta, alphas=list(_INTEGER_ORDERS))
    near = [a for a in _FRACTIONAL_ORDERS if abs(a - best) < 1.0]
    eps, _ = acc.get_privacy_spent(delta=delta, alphas=sorted({*_INTEGER_ORDERS, *near}))
    return float(eps)


def prv_epsilon(*, noise_multiplier: float, sample_rate: float, steps: int, delta: float
                ) -> float:
    """Epsilon of ``steps`` subsampled Gaussian steps from Opacus' PRV accountant: the upper
    end of its error interval (the privacy curve is composed numerically on a grid; the bound
    holds within ``eps_error`` 0.01 and ``delta_error`` delta / 1000)."""
    from opacus.accountants import PRVAccountant

    if steps <= 0:
        return 0.0
    acc = PRVAccountant()
    acc.history = [(noise_multiplier, sample_rate, steps)]
    try:
        return float(acc.get_epsilon(delta=delta))
    except (ValueError, ArithmeticError, MemoryError) as e:  # its root search found no bracket
        raise DPError(
            f"the PRV accountant cannot bound this setting numerically ({type(e).__name__}: "
            f"noise {noise_multiplier:.3g}, sample rate {sample_rate:.3g}, {steps} steps); "
            "use the rdp accountant"
        ) from None


def check_accountant(accountant: str) -> str:
    """``accountant`` if it is one of :data:`ACCOUNTANTS`, else a ``ConfigError``."""
    if accountant not in ACCOUNTANTS:
        raise ConfigError(f"unknown accountant {accountant!r}: use one of {ACCOUNTANTS}")
    return accountant


def noise_multiplier_for(
    *, epsilon: float, delta: float, sample_rate: float, steps: int, tolerance: float = 0.01,
    accountant: str = "rdp",
) -> float:
    """Gaussian noise multiplier reaching (epsilon, delta) after ``steps`` Poisson-sampled steps
    at ``sample_rate``, so that a client's budget covers *all* its rounds.

    The smallest noise (to within ``tolerance`` in epsilon, Opacus' default) whose epsilon
    under ``accountant`` does not exceed ``epsilon``. RDP: the search on integer orders alone
    gives an upper bracket (fewer orders, larger epsilon); bisection refines it with
    :func:`rdp_epsilon`. PRV: bisection on :func:`prv_epsilon`.
    """
    if steps <= 0 or not 0 < sample_rate <= 1:
        raise DPError("DP-SGD needs steps >= 1 and a sample rate in (0, 1]")
    # a client sizes the same noise every round: search once per process (seconds under PRV)
    return _noise_for(epsilon, delta, sample_rate, steps, tolerance, check_accountant(accountant))


@functools.lru_cache(maxsize=64)
def _noise_for(epsilon: float, delta: float, sample_rate: float, steps: int, tolerance: float,
               accountant: str) -> float:
    from opacus.accountants.utils import get_noise_multiplier

    if accountant == "prv":
        return _prv_noise(epsilon=epsilon, delta=delta, sample_rate=sample_rate, steps=steps,
                          tolerance=tolerance)

    def eps(z: float) -> float:
        return rdp_epsilon(noise_multiplier=z, sample_rate=sample_rate, steps=steps, delta=delta)

    # integer orders alone: an upper bracket (fewer orders, larger epsilon)
    start = float(get_noise_multiplier(target_epsilon=epsilon, target_delta=delta,
                                       sample_rate=sample_rate, steps=steps, accountant="rdp",
                                       epsilon_tolerance=tolerance, alphas=list(_INTEGER_ORDERS)))
    return _smallest_noise(eps, epsilon=epsilon, start=start, shrink=0.9, tolerance=tolerance)


def _prv_noise(*, epsilon: float, delta: float, sample_rate: float, steps: int,
               tolerance: float) -> float:
    """Bisection on :func:`prv_epsilon`, bracketed by the RDP noise (PRV's bound is tighter, so
    the RDP noise meets the budget under PRV too, up to the grid's error)."""
    def eps(z: float) -> float:
        return prv_epsilon(noise_multiplier=z, sample_rate=sample_rate, steps=steps, delta=delta)

    start = noise_multiplier_for(epsilon=epsilon, delta=delta, sample_rate=sample_rate,
                                 steps=steps, tolerance=tolerance)
    return _smallest_noise(eps, epsilon=epsilon, start=start, shrink=0.5, tolerance=tolerance)


def _smallest_noise(eps: Callable[[float], float], *, epsilon: float, start: float,
                    shrink: float, tolerance: float) -> float:
    """The smallest noise whose ``eps`` is at most ``epsilon`` (within ``tolerance``), from a
    first guess ``start`` that should meet the budget: raised by 5% while it does not (an
    accountant's numerical error at the very edge), the lower bracket found in steps of
    ``shrink``, then bisection. Never returns a noise that spends more than ``epsilon``."""
    hi, eps_hi = start, eps(start)
    lo = shrink * hi
    while eps_hi > epsilon:
        lo, hi = hi, 1.05 * hi
        eps_hi = eps(hi)
    eps_lo = eps(lo)
    while eps_lo <= epsilon:  # the guess was more than 1 / shrink too large: widen the bracket
        hi, eps_hi, lo = lo, eps_lo, shrink * lo
        eps_lo = eps(lo)
    while epsilon - eps_hi > tolerance and hi - lo > 1e-6:
        mid = (lo + hi) / 2
        e = eps(mid)
        if e <= epsilon:
            hi, eps_hi = mid, e
        else:
            lo = mid
    return hi


def spent_epsilon(
    *, noise_multiplier: float, sample_rate: float, steps: int, delta: float,
    accountant: str = "rdp",
) -> float:
    """Epsilon spent after ``steps`` steps of the subsampled Gaussian mechanism."""
    of = prv_epsilon if check_accountant(accountant) == "prv" else rdp_epsilon
    return of(noise_multiplier=noise_multiplier, sample_rate=sample_rate, steps=steps,
              delta=delta)


def client_level_epsilon(
    *, noise_multiplier: float, rounds: int, sample_rate: float, delta: float,
    accountant: str = "rdp",
) -> float:
    """Client-level epsilon of central DP: one "record" is a whole client, one "step" a round."""
    return spent_epsilon(noise_multiplier=noise_multiplier, sample_rate=sample_rate,
                         steps=rounds, delta=delta, accountant=accountant)


#: What :func:`freeze_for_dp` leaves trainable: ``all`` (every encoder layer and the head),
#: ``bitfit`` (biases, LayerNorms and the head: tens of thousands of parameters), ``head``.
TRAINABLE = ("all", "bitfit", "head")


def freeze_for_dp(model: Any, trainable: str = "all") -> int:
    """Freeze the embeddings: Opacus' per-sample hooks on a 30k-row embedding are the slow part
    (and ghost clipping fails on BERT), and the embeddings of a pre-trained encoder need no
    tuning to learn names. The small case table (the token types) stays trainable: case is
    what the vocabulary cannot tell. ``trainable`` freezes more (see :data:`TRAINABLE`):
    DP-SGD adds noise of the same size to every trained coordinate, so fewer coordinates
    keep more of the signal (DP-BitFit, Bu et al. 2022). Returns the number of parameters
    left trainable."""
    from torch import nn

    if trainable not in TRAINABLE:
        raise ConfigError(f"unknown trainable set {trainable!r}: use one of {TRAINABLE}")
    norms = {id(p) for m in model.modules() if isinstance(m, nn.LayerNorm)
             for p in m.parameters()}  # fmt: skip
    table_module = getattr(model, "word_embeddings", None)
    words = table_module.weight if table_module is not None else None
    for name, p in model.named_parameters():
        head = name.startswith("classifier.")
        table = p is words or ("embeddings" in name and "token_type" not in name)
        if table or (trainable == "head" and not head) or (
                trainable == "bitfit" and not (head or name.endswith(".bias")
                                               or id(p) in norms)):
            p.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def make_private(
    model: Any,
    optimizer: Any,
    loader: Any,
    *,
    noise_multiplier: float,
    max_grad_norm: float,
    accountant: str = "rdp",
) -> tuple[Any, Any, Any]:
    """Wrap (model, optimizer, loader) for DP-SGD with a fixed noise multiplier.

    The noise is fixed (not targeted per call) because a federated client trains in several
    rounds: :func:`noise_multiplier_for` sizes it for all of them up front and
    :func:`spent_epsilon` reports what each round has used. Poisson sampling is on, as the
    accountant assumes.
    """
    from opacus import PrivacyEngine

    if noise_multiplier <= 0:
        raise DPError("noise_multiplier must be > 0 for DP-SGD")
    if max_grad_norm <= 0:
        raise DPError("max_grad_norm must be > 0: without clipping there is no guarantee")
    model.train()  # Opacus checks the mode when it attaches its hooks
    engine = PrivacyEngine(accountant=check_accountant(accountant))
    return engine.make_private(module=model, optimizer=optimizer, data_loader=loader,
                               noise_multiplier=noise_multiplier, max_grad_norm=max_grad_norm,
                               poisson_sampling=True)
