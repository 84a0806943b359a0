"""Vocabulary matching attack (VMA, AloePri §7).

The host multiplies weights so that the secret key matrices cancel (see
:mod:`veil.evaluation.attacks.obfuscation.signatures`), sorts each row to remove the unknown
column order, and matches every observed obfuscated token's row to the public model's rows by
nearest neighbour. With several products it votes (sums per-product z-scored distances). Only the
embedding/head noise defends against it; the ``emb_head`` single-product variant without voting
is the attack of the reference frontier, kept to compare against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation.base import (
    Attack,
    AttackOutput,
    HostView,
    PublicKnowledge,
    target_ids,
)
from veil.evaluation.attacks.obfuscation.signatures import (
    Product,
    SignatureBuilder,
    match_signatures,
    public_builder,
)
from veil.evaluation.attacks.obfuscation.weights import ModelWeights
from veil.evaluation.attacks.registry import AttackContext, register_attack


def default_products(n_layers: int, *, layers: Sequence[int] | None = None) -> list[Product]:
    """emb x head plus gate/up/down x head products of a few spread-out layers."""
    if layers is None:
        layers = sorted({0, n_layers // 2, n_layers - 1})
    prods = [Product("emb_head")]
    for i in layers:
        prods += [Product("gate", i), Product("up", i), Product("down_head", i)]
    return prods


class VocabularyMatchingAttack(Attack):
    """``products=None`` and ``vote=True``: emb x head plus FFN products of three layers.
    ``vote=False``: the single ``emb_head`` product (the reference frontier's attack)."""

    def __init__(self, *, vote: bool = True, products: Sequence[Product] | None = None,
                 layers: Sequence[int] | None = None, cache_dir: Path | None = None,
                 tail: int = 32, mid: int = 192) -> None:
        self.vote = vote
        self.products = list(products) if products is not None else None
        self.layers = layers
        self.cache_dir = cache_dir
        self.tail, self.mid = tail, mid
        self.name = "vma_vote" if vote else "vma_single"

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        # The public side is shared across runs of a sweep: it never changes.
        pub = public_builder(public.model, cache_dir=self.cache_dir, tail=self.tail, mid=self.mid)
        host = SignatureBuilder(ModelWeights(view.model), tail=self.tail, mid=self.mid)
        if self.products is not None:
            products = self.products
        elif self.vote:
            products = default_products(pub.w.n_layers, layers=self.layers)
        else:
            products = [Product("emb_head")]
        rows = torch.from_numpy(target_ids(view))
        t_sig = [host.signatures(p, rows) for p in products]
        c_sig = [pub.all_signatures(p) for p in products]
        idx, margin = match_signatures(t_sig, c_sig)
        mapping = np.full(host.w.vocab_size, -1, dtype=np.int64)
        mapping[rows.numpy()] = idx[:, 0].numpy()
        return AttackOutput(mapping=mapping, info={"products": [p.name for p in products],
                                                   "median_margin": float(margin.median())})


@register_attack("obfuscation", "vma_single")
def _vma_single(ctx: AttackContext) -> Attack:
    return VocabularyMatchingAttack(vote=False, cache_dir=ctx.cache_dir)


@register_attack("obfuscation", "vma_vote")
def _vma_vote(ctx: AttackContext) -> Attack:
    return VocabularyMatchingAttack(vote=True, cache_dir=ctx.cache_dir)
