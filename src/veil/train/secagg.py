"""Secure aggregation (SecAgg+) settings for federated detector training.

With SecAgg+ the server only learns the *sum* of the clients' (weighted) parameters: each client
quantizes its parameters, adds pairwise masks agreed with other clients (Diffie-Hellman) and a
private mask whose seed it secret-shares; masks cancel in the sum. The server never sees one
client's update, as long as fewer than ``reconstruction_threshold`` clients collude with it and
the server follows the protocol for unmasking (semi-honest server). With 2 clients the other
client's update is the sum minus one's own: SecAgg+ only hides something from the server.

Traps (checked): values outside ``[-clipping_range, clipping_range]`` are clipped silently before
quantization — a MiniLM weight reaches 7.9, above Flower's default range 8 once the weighting is
undone, so Veil uses 16 and checks the weights (:func:`check_range`); each update is multiplied by
``num_examples / max_weight`` before quantization, so ``max_weight`` must exceed any client's
example count; Flower wants the range and weight as floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from veil.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class SecAggSettings:
    """Parameters of Flower's ``SecAggPlusWorkflow`` (floats are shares of the sampled clients)."""

    #: each client shares its secrets with this fraction of the sampled clients (1.0 = all)
    num_shares: float = 1.0
    #: fraction of the shares needed to unmask; more = the server needs more colluders
    reconstruction_threshold: float = 0.75
    clipping_range: float = 16.0
    quantization_range: int = 2**22
    #: must exceed the largest client's number of training sentences
    max_weight: float = 100_000.0
    #: seconds to wait for replies per stage (None: wait forever)
    timeout: float | None = None

    def workflow(self) -> Any:
        """The Flower fit workflow that runs SecAgg+ around the strategy's aggregation."""
        from flwr.server.workflow import SecAggPlusWorkflow

        return SecAggPlusWorkflow(
            num_shares=float(self.num_shares),
            reconstruction_threshold=float(self.reconstruction_threshold),
            max_weight=float(self.max_weight),
            clipping_range=float(self.clipping_range),
            quantization_range=int(self.quantization_range),
            timeout=self.timeout,
        )


def check_range(arrays: Sequence[np.ndarray], settings: SecAggSettings, *, n: int) -> None:
    """Refuse an update SecAgg+ would corrupt silently (out-of-range values, too many examples)."""
    if n > settings.max_weight:
        raise ConfigError(f"a client has {n} examples, above SecAgg+ max_weight "
                          f"{settings.max_weight:g}: raise max_weight")
    peak = max((float(np.max(np.abs(a))) for a in arrays if a.size), default=0.0)
    if peak > settings.clipping_range:
        raise ConfigError(f"a parameter reaches {peak:.2f}, outside the SecAgg+ clipping range "
                          f"{settings.clipping_range:g}: raise clipping_range")
