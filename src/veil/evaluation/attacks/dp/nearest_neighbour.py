"""Nearest-neighbour embedding inversion: the attack InferDPT and AloePri report against token
perturbation. The attacker maps each sanitized word to its ``k`` nearest vocabulary words in the
same embedding space. The nearest neighbour of a vocabulary word is the word itself, so its top-1
guess is the identity: a weak baseline, kept to compare with published figures.
"""

from __future__ import annotations

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult
from veil.evaluation.attacks.dp.base import InversionOutcome, TextAttack, score_guesses
from veil.evaluation.attacks.registry import AttackContext, register_attack

__all__ = ["NearestNeighbourInversion", "nearest_neighbour_inversion"]


def _guesses(result: DPResult, space: EmbeddingSpace, k: int) -> list[list[str]]:
    cache: dict[str, list[str]] = {}
    for out in result.outputs:
        if out not in cache:
            cache[out] = [space.words[i] for i in space.nearest(space.embed(out), k)]
    return [cache[out] for out in result.outputs]


def nearest_neighbour_inversion(original_text: str, result: DPResult, space: EmbeddingSpace, *,
                                k: int = 5) -> InversionOutcome:
    """Run the attack on one sanitized text, scoring guesses against ``original_text``."""
    return score_guesses(original_text, result, space, _guesses(result, space, k), k)


class NearestNeighbourInversion(TextAttack):
    """:func:`nearest_neighbour_inversion` with ``k`` guesses per released word."""

    name = "nn_inversion"

    def __init__(self, *, k: int = 5) -> None:
        self.k = k

    def guess(self, result: DPResult, space: EmbeddingSpace) -> list[list[str]]:
        return _guesses(result, space, self.k)


@register_attack("dp", "nn_inversion")
def _nn_inversion(ctx: AttackContext) -> TextAttack:
    return NearestNeighbourInversion(k=ctx.top_k)
