"""Nearest-neighbour matching of obfuscated embedding (and head) rows to the public model's rows.

Defeated by any key matrix (the rows live in another basis); it measures what token permutation and
noise alone leave. Not applicable when the hidden sizes differ (d' = d + 2h), which it reports.
"""

from __future__ import annotations

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation.base import (
    Attack,
    AttackOutput,
    HostView,
    PublicKnowledge,
    target_ids,
)
from veil.evaluation.attacks.obfuscation.weights import ModelWeights
from veil.evaluation.attacks.registry import AttackContext, register_attack


def _unit(x: torch.Tensor) -> torch.Tensor:
    return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)


class NearestNeighbourAttack(Attack):
    name = "nn"

    def __init__(self, *, use_head: bool = True, chunk: int = 512) -> None:
        self.use_head = use_head
        self.chunk = chunk

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        host, pub = ModelWeights(view.model), ModelWeights(public.model)
        if host.hidden_size != pub.hidden_size:
            return AttackOutput(applicable=False,
                                note="hidden sizes differ (key matrices with h>0)")
        rows = torch.from_numpy(target_ids(view))
        pe, ph = _unit(pub.embed()), _unit(pub.head())
        he, hh = _unit(host.embed()[rows]), _unit(host.head()[rows])
        best = []
        with torch.no_grad():
            for s in range(0, len(rows), self.chunk):
                sim = he[s : s + self.chunk] @ pe.T
                if self.use_head:
                    sim = sim + hh[s : s + self.chunk] @ ph.T
                best.append(sim.argmax(1))
        mapping = np.full(host.vocab_size, -1, dtype=np.int64)
        mapping[rows.numpy()] = torch.cat(best).numpy()
        return AttackOutput(mapping=mapping)


@register_attack("obfuscation", "nn")
def _nn(ctx: AttackContext) -> Attack:
    return NearestNeighbourAttack()
