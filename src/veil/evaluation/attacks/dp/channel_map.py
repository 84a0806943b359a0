"""Channel MAP: the Bayes-optimal single-word attacker. It knows the mechanism, computes
``Pr[x | y] ∝ prior(x) Pr[y | x]`` (:mod:`veil.dp.channel`: exact for SANTEXT and CUSTEXT, Monte
Carlo for RANTEXT) and guesses the ``k`` most probable originals of each released word."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veil.dp.channel import Channel, Posterior, Prior, channel_for
from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult, Sanitizer
from veil.evaluation.attacks.dp.base import TextAttack
from veil.evaluation.attacks.registry import AttackContext, register_attack

__all__ = ["ChannelMAP"]


class ChannelMAP(TextAttack):
    """Top-``k`` of the channel posterior under a ``uniform`` or ``frequency`` prior."""

    def __init__(self, *, prior: Prior = "frequency", k: int = 5, seed: int = 0) -> None:
        self.prior: Prior = prior
        self.k = k
        self.seed = seed
        self.name = f"channel_map_{prior}"
        self._channel: Channel | None = None
        self._memo: dict[str, Posterior | None] = {}

    def prepare(self, sanitizer: Sanitizer, *, epsilon: float, shadow: Sequence[str],
                rng: np.random.Generator) -> None:
        self._channel = channel_for(sanitizer, epsilon=epsilon, seed=self.seed)
        self._memo = {}

    def posterior(self, released: str) -> Posterior | None:
        if self._channel is None:
            raise RuntimeError("call prepare() with the mechanism under attack first")
        if released not in self._memo:
            self._memo[released] = self._channel.posterior(released, self.prior)
        return self._memo[released]

    def guess(self, result: DPResult, space: EmbeddingSpace) -> list[list[str]]:
        out: list[list[str]] = []
        for w in result.outputs:
            post = self.posterior(w)
            out.append([w] if post is None else [space.words[i] for i in post.top(self.k)])
        return out


@register_attack("dp", "channel_map_uniform")
def _map_uniform(ctx: AttackContext) -> TextAttack:
    return ChannelMAP(prior="uniform", k=ctx.top_k)


@register_attack("dp", "channel_map_frequency")
def _map_frequency(ctx: AttackContext) -> TextAttack:
    return ChannelMAP(prior="frequency", k=ctx.top_k)
