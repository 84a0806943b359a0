"""Nearest-neighbour embedding inversion: the attack InferDPT and AloePri report against token
perturbation. The attacker sees each sanitized word, maps it to its ``k`` nearest vocabulary words
in the same embedding space (under SANTEXT's distance-decreasing likelihood the top-1 guess is the
argmax posterior for a uniform prior) and counts the original words it recovers.
"""

from __future__ import annotations

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult
from veil.evaluation.attacks.dp.base import InversionOutcome, TextAttack
from veil.evaluation.attacks.registry import AttackContext, register_attack

__all__ = ["NearestNeighbourInversion", "nearest_neighbour_inversion"]


def nearest_neighbour_inversion(original_text: str, result: DPResult, space: EmbeddingSpace, *,
                                k: int = 5) -> InversionOutcome:
    """Run the attack on one sanitized text, scoring guesses against ``original_text``."""
    n = top1 = topk = npert = t1p = tkp = 0
    cache: dict[str, list[str]] = {}
    for (s, e), out, perturbed in zip(result.spans, result.outputs, result.perturbed,
                                      strict=True):
        original = space.normalize(original_text[s:e])
        if out not in cache:
            cache[out] = [space.words[i] for i in space.nearest(space.embed(out), k)]
        guesses = cache[out]
        hit1, hitk = guesses[0] == original, original in guesses
        public = not perturbed  # released as is: the attacker reads it
        n += 1
        top1 += hit1 or public
        topk += hitk or public
        if not public:
            npert += 1
            t1p += hit1
            tkp += hitk
    return InversionOutcome(n, top1, topk, npert, t1p, tkp, k)


class NearestNeighbourInversion(TextAttack):
    """:func:`nearest_neighbour_inversion` with ``k`` guesses per released word."""

    name = "nn_inversion"

    def __init__(self, *, k: int = 5) -> None:
        self.k = k

    def run(self, original_text: str, result: DPResult, space: EmbeddingSpace
            ) -> InversionOutcome:
        return nearest_neighbour_inversion(original_text, result, space, k=self.k)


@register_attack("dp", "nn_inversion")
def _nn_inversion(ctx: AttackContext) -> TextAttack:
    return NearestNeighbourInversion(k=ctx.top_k)
