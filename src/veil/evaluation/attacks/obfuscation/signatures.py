"""Key-cancelling weight products and their permutation-invariant row signatures (used by VMA and
the learned inversion).

In AloePri every key matrix pair cancels, P_i Q_j = I, so a product of two host-visible weights
equals the plaintext product up to permutations and positive scalings:

* ``emb_head``   W~_e W~_h        = Pi (W*_e W*_h) Pi^T                  (n x n)
* ``gate``       W~_e W~_gate     = Pi (W*_e W_gate) Zf                   (n x f), per layer
* ``up``         W~_e W~_up       = Pi (W*_e W_up) Hf Zf                  (n x f), per layer
* ``down_head``  (W~_down W~_h)^T = Pi (W*_h^T W_down^T) Hf^-1 Zf          (n x f), per layer

(norm weights are folded in; the RMSNorm between the embedding and the FFN is a per-row scale that
the signature distance tolerates). A row's column order is unknown, so each row is SORTED; columns
with an unknown positive scale (Hf) are standardized first using statistics over a random sample
of vocabulary rows (the same distribution on both sides, because Pi only permutes rows). A full
sorted row of ``emb_head`` has n = 49152 entries; we keep the extreme tails exactly (they carry the
token's nearest neighbours, the most identifying part) and a uniform grid of quantiles between.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation.weights import ModelWeights

ProductKind = Literal["emb_head", "gate", "up", "down_head"]


@dataclass(frozen=True)
class Product:
    kind: ProductKind
    layer: int = -1

    @property
    def name(self) -> str:
        return self.kind if self.layer < 0 else f"{self.kind}@{self.layer}"

    @property
    def col_standardize(self) -> bool:
        return self.kind in {"up", "down_head"}

    def raw(self, w: ModelWeights, rows: torch.Tensor) -> torch.Tensor:
        """The product restricted to ``rows`` (vocabulary ids of this side): (len(rows), m)."""
        if self.kind == "emb_head":
            return w.embed()[rows] @ w.head().T
        if self.kind == "gate":
            return w.embed()[rows] @ w.gate(self.layer).T
        if self.kind == "up":
            return w.embed()[rows] @ w.up(self.layer).T
        if self.kind == "down_head":
            return w.head()[rows] @ w.down(self.layer)
        raise ValueError(f"unknown product kind {self.kind!r}")


def signature_positions(m: int, *, tail: int = 32, mid: int = 192) -> torch.Tensor:
    """Indices into a sorted row of length m: ``tail`` exact values at each end, ``mid``
    quantiles between."""
    tail = min(tail, m // 4)
    grid = torch.linspace(tail, m - 1 - tail, mid).round().long()
    idx = torch.cat([torch.arange(tail), grid, torch.arange(m - tail, m)])
    return torch.unique(idx)


class SignatureBuilder:
    """Computes signatures of one side (public or host) with per-side normalization statistics.
    Public-side signatures for the whole vocabulary are cached in memory and on disk: they depend
    only on the public model, not on any key, so a sweep pays for them once."""

    def __init__(self, weights: ModelWeights, *, chunk: int = 256, tail: int = 32, mid: int = 192,
                 cache_dir: Path | None = None, seed: int = 0) -> None:
        self.w = weights
        self.chunk = chunk
        self.tail, self.mid = tail, mid
        self.cache_dir = cache_dir
        self.seed = seed
        self.scale_rows = 2048
        self._stats: dict[str, tuple[torch.Tensor | None, float]] = {}
        self._memo: dict[str, torch.Tensor] = {}

    def _sample_rows(self, k: int) -> torch.Tensor:
        g = torch.Generator().manual_seed(self.seed)
        n = self.w.vocab_size
        return torch.randperm(n, generator=g)[: min(k, n)]

    def _normalizer(self, p: Product) -> tuple[torch.Tensor | None, float]:
        if p.name not in self._stats:
            with torch.no_grad():
                # 2048 rows: the single-product match is sensitive to a few % of scale error
                # (256 rows made it vary by +-25 points between keys).
                sample = p.raw(self.w, self._sample_rows(self.scale_rows))
                col = sample.std(dim=0).clamp_min(1e-12) if p.col_standardize else None
                if col is not None:
                    sample = sample / col
                self._stats[p.name] = (col, float(sample.std().clamp_min(1e-12)))
        return self._stats[p.name]

    def signatures(self, p: Product, rows: torch.Tensor) -> torch.Tensor:
        col, scale = self._normalizer(p)
        out = []
        pos: torch.Tensor | None = None
        with torch.no_grad():
            for s in range(0, len(rows), self.chunk):
                r = p.raw(self.w, rows[s : s + self.chunk])
                if col is not None:
                    r = r / col
                r = torch.sort(r, dim=1).values
                if pos is None:
                    pos = signature_positions(r.shape[1], tail=self.tail, mid=self.mid)
                out.append(r[:, pos] / scale)
        return torch.cat(out) if out else torch.empty(0, 0)

    def _cache_file(self, p: Product) -> Path | None:
        if self.cache_dir is None:
            return None
        e = self.w.embed()
        h = hashlib.sha256(e[:: max(1, e.shape[0] // 64)].numpy().tobytes()).hexdigest()[:16]
        shape = f"{e.shape[0]}x{e.shape[1]}"
        tag = f"{self.tail}-{self.mid}-s{self.scale_rows}"
        return self.cache_dir / f"sig-{h}-{shape}-{p.name}-{tag}.npy"

    def all_signatures(self, p: Product) -> torch.Tensor:
        """Signatures of every vocabulary row (memoized; on disk too when ``cache_dir`` is set)."""
        if p.name in self._memo:
            return self._memo[p.name]
        f = self._cache_file(p)
        if f is not None and f.is_file():
            sig = torch.from_numpy(np.load(f))
        else:
            sig = self.signatures(p, torch.arange(self.w.vocab_size))
            if f is not None:
                f.parent.mkdir(parents=True, exist_ok=True)
                tmp = f.with_suffix(".tmp.npy")
                np.save(tmp, sig.numpy())
                tmp.replace(f)
        self._memo[p.name] = sig
        return sig


_PUBLIC_BUILDERS: dict[tuple[int, str], SignatureBuilder] = {}


def public_builder(model: torch.nn.Module, *, cache_dir: Path | None = None, tail: int = 32,
                   mid: int = 192) -> SignatureBuilder:
    """The shared public-side builder of ``model`` (one per process: it never changes)."""
    key = (id(model), f"{tail}-{mid}")
    if key not in _PUBLIC_BUILDERS:
        _PUBLIC_BUILDERS[key] = SignatureBuilder(ModelWeights(model), tail=tail, mid=mid,  # type: ignore[arg-type]
                                                 cache_dir=cache_dir)
    return _PUBLIC_BUILDERS[key]


def _sqdist(a: torch.Tensor, b: torch.Tensor, b_sq: torch.Tensor) -> torch.Tensor:
    return (a * a).sum(1, keepdim=True) + b_sq[None, :] - 2.0 * (a @ b.T)


def match_signatures(
    targets: Sequence[torch.Tensor], candidates: Sequence[torch.Tensor], *, chunk: int = 256,
    topk: int = 1,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Nearest candidate for every target row under the SUM over products of per-row z-scored
    squared distances (soft voting: each product's evidence counts in units of its own spread).
    With one product this is plain nearest-neighbour matching. Returns (indices, margin) where
    margin = second-best minus best combined score (a confidence)."""
    b_sq = [(c * c).sum(1) for c in candidates]
    n_t = targets[0].shape[0]
    best, margin = [], []
    for s in range(0, n_t, chunk):
        total: torch.Tensor | None = None
        for t, c, bq in zip(targets, candidates, b_sq, strict=True):
            d = _sqdist(t[s : s + chunk], c, bq)
            if len(targets) > 1:
                d = (d - d.mean(1, keepdim=True)) / d.std(1, keepdim=True).clamp_min(1e-12)
            total = d if total is None else total + d
        assert total is not None  # nosec B101 # an internal invariant, not a security check
        k = min(max(topk, 2), total.shape[1])
        vals, idx = torch.topk(total, k, dim=1, largest=False)
        best.append(idx[:, :topk])
        margin.append(vals[:, 1] - vals[:, 0] if k > 1 else torch.zeros(len(vals)))
    return torch.cat(best), torch.cat(margin)
