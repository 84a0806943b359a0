"""What an attacker on DP-sanitized text sees (the released text and the public embedding space)
and what an attack reports: counts of recovered words, never the words."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult


@dataclass(frozen=True)
class InversionOutcome:
    """Counts only (no text): how many original words the attacker recovered."""

    n_words: int  #: words released (perturbed + public)
    top1: int  #: recovered by the top-1 guess, over all released words
    topk: int  #: original among the k nearest neighbours, over all released words
    n_perturbed: int
    top1_perturbed: int  #: recovered among the words that went through the mechanism
    topk_perturbed: int
    k: int


class TextAttack(ABC):
    """An attack on one sanitized text; ``original_text`` is used for scoring only."""

    name: str = "attack"

    @abstractmethod
    def run(self, original_text: str, result: DPResult, space: EmbeddingSpace
            ) -> InversionOutcome:
        """Guess the original words of ``result`` and count the hits."""


__all__ = ["InversionOutcome", "TextAttack"]
