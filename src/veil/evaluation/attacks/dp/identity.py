"""Identity: guess that every released word is its own original. What an attacker gets for free
from words a mechanism leaves unchanged (and all the nearest-neighbour attack really does)."""

from __future__ import annotations

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult
from veil.evaluation.attacks.dp.base import TextAttack
from veil.evaluation.attacks.registry import AttackContext, register_attack

__all__ = ["IdentityAttack"]


class IdentityAttack(TextAttack):
    name = "identity"
    k = 1

    def guess(self, result: DPResult, space: EmbeddingSpace) -> list[list[str]]:
        return [[w] for w in result.outputs]


@register_attack("dp", "identity")
def _identity(ctx: AttackContext) -> TextAttack:
    return IdentityAttack()
