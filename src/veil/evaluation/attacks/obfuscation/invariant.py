"""Invariant attacks (IA): per-token statistics that the exact AloePri transforms leave unchanged.

* ``gate``: for every layer, the mean and root-mean-square over FFN neurons of the gate
  pre-activation of the token's embedding. Neuron permutation Zf does not change either, and the
  key matrices cancel (P_e Q_gate = I). Both are computed in d-space (a mean vector and a d x d
  second-moment matrix per layer), so they are cheap for the whole vocabulary.
* ``rope``: for a few layers, the Mahalanobis norm of every RoPE pair of the token's query,
  v M^-1 v^T with M the pair's 2x2 second moment over the vocabulary. Any invertible 2x2 map on a
  pair (AloePri's rotation R and scale H) leaves it unchanged; pair and head permutations are
  removed by sorting the values of a layer. A per-token scale (RMSNorm over d' vs d) is removed by
  dividing by the token's mean value.

Features are standardized per side over the vocabulary (Pi only permutes rows, so the
distributions agree) and matched by nearest neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation.base import (
    Attack,
    AttackOutput,
    HostView,
    PublicKnowledge,
    target_ids,
)
from veil.evaluation.attacks.obfuscation.signatures import match_signatures
from veil.evaluation.attacks.obfuscation.weights import ModelWeights
from veil.evaluation.attacks.registry import AttackContext, register_attack


def gate_features(w: ModelWeights, rows: torch.Tensor, layers: Sequence[int]) -> torch.Tensor:
    x = w.embed()[rows]
    feats = []
    for i in layers:
        g = w.gate(i)  # (f, d)
        mean = x @ g.mean(0)
        second = ((x @ (g.T @ g)) * x).sum(1) / g.shape[0]
        feats += [mean, second.clamp_min(0).sqrt()]
    return torch.stack(feats, 1).float()


def rope_features(w: ModelWeights, rows: torch.Tensor, layers: Sequence[int],
                  moments: dict[int, torch.Tensor]) -> torch.Tensor:
    x = w.embed()[rows]
    hd = w.head_dim
    feats = []
    for i in layers:
        q = (x @ w.q(i).T).reshape(len(rows), -1, 2, hd // 2)  # (r, heads, 2, pairs)
        v = q.permute(0, 1, 3, 2).reshape(len(rows), -1, 2)  # (r, heads*pairs, 2): (p, p + hd/2)
        minv = torch.linalg.inv(moments[i])  # (heads*pairs, 2, 2)
        m = torch.einsum("rpa,pab,rpb->rp", v, minv, v).clamp_min(0).sqrt()
        m = m / m.mean(1, keepdim=True).clamp_min(1e-12)
        feats.append(torch.sort(m, dim=1).values)
    return torch.cat(feats, 1).float()


def rope_moments(w: ModelWeights, layers: Sequence[int],
                 sample: torch.Tensor) -> dict[int, torch.Tensor]:
    x = w.embed()[sample]
    hd = w.head_dim
    out = {}
    for i in layers:
        q = (x @ w.q(i).T).reshape(len(sample), -1, 2, hd // 2)
        v = q.permute(0, 1, 3, 2).reshape(len(sample), -1, 2)
        out[i] = torch.einsum("rpa,rpb->pab", v, v) / len(sample) + 1e-12 * torch.eye(2)
    return out


def _standardize(f: torch.Tensor, ref: torch.Tensor) -> torch.Tensor:
    return (f - ref.mean(0)) / ref.std(0).clamp_min(1e-12)


class InvariantAttack(Attack):
    def __init__(self, invariant: Literal["gate", "rope"] = "gate", *,
                 layers: Sequence[int] | None = None, chunk: int = 4096) -> None:
        self.invariant = invariant
        self.layers = layers
        self.chunk = chunk
        self.name = f"ia_{invariant}"
        self._public_cache: dict[tuple[int, str], torch.Tensor] = {}

    def _features(self, w: ModelWeights, rows: torch.Tensor, layers: Sequence[int]) -> torch.Tensor:
        with torch.no_grad():
            if self.invariant == "gate":
                parts = [gate_features(w, rows[s : s + self.chunk], layers)
                         for s in range(0, len(rows), self.chunk)]
            else:
                g = torch.Generator().manual_seed(0)
                sample = torch.randperm(w.vocab_size, generator=g)[:8192]
                mom = rope_moments(w, layers, sample)
                parts = [rope_features(w, rows[s : s + self.chunk], layers, mom)
                         for s in range(0, len(rows), self.chunk)]
        return torch.cat(parts)

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        host, pub = ModelWeights(view.model), ModelWeights(public.model)
        n_layers = pub.n_layers
        if self.layers is not None:
            layers = list(self.layers)
        elif self.invariant == "gate":  # at most 8 spread-out layers: cheap, and enough
            layers = sorted({round(j * (n_layers - 1) / 7) for j in range(8)})
        else:
            layers = sorted({0, n_layers // 2})
        key = (id(public.model), f"{self.invariant}-{layers}")
        if key not in self._public_cache:
            self._public_cache[key] = self._features(pub, torch.arange(pub.vocab_size), layers)
        pf = self._public_cache[key]
        rows = torch.from_numpy(target_ids(view))
        g = torch.Generator().manual_seed(1)
        ref_rows = torch.randperm(host.vocab_size, generator=g)[:8192]
        hf_ref = self._features(host, ref_rows, layers)
        hf = _standardize(self._features(host, rows, layers), hf_ref)
        pf_ref = pf[torch.randperm(pub.vocab_size, generator=g)[:8192]]
        idx, _ = match_signatures([hf], [_standardize(pf, pf_ref)])
        mapping = np.full(host.vocab_size, -1, dtype=np.int64)
        mapping[rows.numpy()] = idx[:, 0].numpy()
        return AttackOutput(mapping=mapping, info={"layers": layers})


@register_attack("obfuscation", "ia_gate")
def _ia_gate(ctx: AttackContext) -> Attack:
    return InvariantAttack("gate", layers=None)


@register_attack("obfuscation", "ia_rope")
def _ia_rope(ctx: AttackContext) -> Attack:
    return InvariantAttack("rope")
