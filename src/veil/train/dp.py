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

import math
import warnings
from dataclasses import dataclass
from typing import Any

from veil.errors import DPError, InvalidEpsilonError

#: above this, a DP guarantee says little (common guidance and Opacus' own examples use <= 10)
MAX_SAFE_EPSILON = 10.0


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


def noise_multiplier_for(
    *, epsilon: float, delta: float, sample_rate: float, steps: int
) -> float:
    """Gaussian noise multiplier reaching (epsilon, delta) after ``steps`` Poisson-sampled steps
    at ``sample_rate`` (RDP accountant), so that a client's budget covers *all* its rounds."""
    from opacus.accountants.utils import get_noise_multiplier

    if steps <= 0 or not 0 < sample_rate <= 1:
        raise DPError("DP-SGD needs steps >= 1 and a sample rate in (0, 1]")
    return float(get_noise_multiplier(target_epsilon=epsilon, target_delta=delta,
                                      sample_rate=sample_rate, steps=steps, accountant="rdp"))


def spent_epsilon(
    *, noise_multiplier: float, sample_rate: float, steps: int, delta: float
) -> float:
    """Epsilon spent after ``steps`` steps of the subsampled Gaussian mechanism (RDP)."""
    from opacus.accountants import RDPAccountant

    if steps <= 0:
        return 0.0
    acc = RDPAccountant()
    acc.history = [(noise_multiplier, sample_rate, steps)]
    return float(acc.get_epsilon(delta=delta))


def client_level_epsilon(
    *, noise_multiplier: float, rounds: int, sample_rate: float, delta: float
) -> float:
    """Client-level epsilon of central DP: one "record" is a whole client, one "step" a round."""
    return spent_epsilon(noise_multiplier=noise_multiplier, sample_rate=sample_rate,
                         steps=rounds, delta=delta)


def freeze_for_dp(model: Any) -> int:
    """Freeze the embeddings: Opacus' per-sample hooks on a 30k-row embedding are the slow part
    (and ghost clipping fails on BERT), and the embeddings of a pre-trained encoder need no
    tuning to learn names. Returns the number of parameters left trainable."""
    for name, p in model.named_parameters():
        if "embeddings" in name:
            p.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def make_private(
    model: Any,
    optimizer: Any,
    loader: Any,
    *,
    noise_multiplier: float,
    max_grad_norm: float,
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
    engine = PrivacyEngine(accountant="rdp")
    return engine.make_private(module=model, optimizer=optimizer, data_loader=loader,
                               noise_multiplier=noise_multiplier, max_grad_norm=max_grad_norm,
                               poisson_sampling=True)
