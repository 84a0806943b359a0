"""Learned inversion (IMA): the attacker obfuscates the public model ITSELF with its own key and
the published noise settings (Kerckhoffs: the algorithm and its knobs are public), so it knows the
answer for every token of its own copy. It fits a ridge-regression denoiser from noisy host-side
product signatures (as in VMA) to the clean public signatures of the same tokens, then maps the
victim's signatures through it and matches by nearest neighbour.

Key matrices cancel in the products, so the attacker's copy only needs the noise and a token
permutation; the learned map is linear (closed form), which fits two CPU cores in seconds. A deeper
model would need far more training rows than one vocabulary provides per noise draw.
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
from veil.evaluation.attacks.obfuscation.simulate import SimulatedDefence, simulate_obfuscation
from veil.evaluation.attacks.obfuscation.vma import default_products
from veil.evaluation.attacks.obfuscation.weights import ModelWeights
from veil.evaluation.attacks.registry import AttackContext, register_attack


class LearnedInversionAttack(Attack):
    name = "ima"

    def __init__(self, *, alpha_e: float, alpha_h: float, products: Sequence[Product] | None = None,
                 train_rows: int = 2048, ridge: float = 1e-2, seed: int = 1234,
                 cache_dir: Path | None = None) -> None:
        self.alpha_e, self.alpha_h = alpha_e, alpha_h
        self.products = list(products) if products is not None else None
        self.train_rows = train_rows
        self.ridge = ridge
        self.seed = seed
        self.cache_dir = cache_dir

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        pub_w = ModelWeights(public.model)
        pub = public_builder(public.model, cache_dir=self.cache_dir)
        products = self.products or default_products(pub_w.n_layers)
        own, own_tau = simulate_obfuscation(public.model, SimulatedDefence(
            alpha_e=self.alpha_e, alpha_h=self.alpha_h, seed=self.seed))
        own_b = SignatureBuilder(ModelWeights(own))
        g = torch.Generator().manual_seed(self.seed)
        rows = torch.randperm(pub_w.vocab_size, generator=g)[: self.train_rows]
        host_b = SignatureBuilder(ModelWeights(view.model))
        targets = torch.from_numpy(target_ids(view))
        preds, cands = [], []
        for p in products:
            x = own_b.signatures(p, own_tau[rows]).double()
            y = pub.all_signatures(p)[rows].double()
            mu_x, mu_y = x.mean(0), y.mean(0)
            xc = x - mu_x
            w = torch.linalg.solve(xc.T @ xc + self.ridge * len(x) * torch.eye(x.shape[1],
                                   dtype=x.dtype), xc.T @ (y - mu_y))
            xv = host_b.signatures(p, targets).double()
            preds.append(((xv - mu_x) @ w + mu_y).float())
            cands.append(pub.all_signatures(p))
        del own
        idx, _ = match_signatures(preds, cands)
        mapping = np.full(ModelWeights(view.model).vocab_size, -1, dtype=np.int64)
        mapping[targets.numpy()] = idx[:, 0].numpy()
        return AttackOutput(mapping=mapping, info={"train_rows": self.train_rows,
                                                   "products": [p.name for p in products]})


# Not in the default run: it trains on each setting's published noise, so the sweep builds it per
# setting with that setting's alphas.
@register_attack("obfuscation", "ima", default=False)
def _ima(ctx: AttackContext) -> Attack:
    return LearnedInversionAttack(alpha_e=ctx.alpha_e, alpha_h=ctx.alpha_h, train_rows=1024,
                                  cache_dir=ctx.cache_dir)
