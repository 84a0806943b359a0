"""What an attacker on DP-sanitized text sees (the released text, the mechanism, the public
embedding space) and what an attack reports: counts of recovered words, never the words.

An attack *guesses* from the released result alone (:meth:`TextAttack.guess` never sees the
original); :meth:`TextAttack.run` then scores the guesses against the original. Attacks that
learn something (a weight, a threshold) do it in :meth:`TextAttack.prepare` on SHADOW texts
the attacker sanitizes itself, never on the texts it is evaluated on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult, Sanitizer


@dataclass(frozen=True)
class InversionOutcome:
    """Counts only (no text): how many original words the attacker recovered."""

    n_words: int  #: words released (perturbed + public)
    top1: int  #: recovered by the top-1 guess, over all released words
    topk: int  #: original among the k best guesses, over all released words
    n_perturbed: int
    top1_perturbed: int  #: recovered among the words that went through the mechanism
    topk_perturbed: int
    k: int
    n_content: int = 0  #: content words (when the caller passed ``content`` flags)
    top1_content: int = 0  #: content words recovered top-1 (public ones count as recovered)


def score_guesses(original_text: str, result: DPResult, space: EmbeddingSpace,
                  guesses: Sequence[Sequence[str]], k: int,
                  content: Sequence[bool] | None = None) -> InversionOutcome:
    """Count the hits of per-word guess lists (best first). Public words (released as they are,
    e.g. stop words) count as recovered: the attacker reads them. ``content`` flags (one per
    released word) also count the hits over content words alone, the words a policy protects,
    so mechanisms that perturb different words compare on the same words. Hits ignore case: a
    cased space (SmolLM2's) must not count "diabetes" for "Diabetes" as protected."""
    if len(guesses) != len(result.spans):
        raise ValueError("one guess list per released word is required")
    flags = list(content) if content is not None else [False] * len(result.spans)
    if len(flags) != len(result.spans):
        raise ValueError("one content flag per released word is required")
    n = top1 = topk = npert = t1p = tkp = ncont = t1c = 0
    for (s, e), perturbed, g, is_content in zip(result.spans, result.perturbed, guesses, flags,
                                                strict=True):
        original = original_text[s:e].lower()
        cands = list(dict.fromkeys(w.lower() for w in g))[:k]  # case variants are one guess
        hit1 = bool(cands) and cands[0] == original
        hitk = original in cands
        n += 1
        top1 += hit1 or not perturbed
        topk += hitk or not perturbed
        if perturbed:
            npert += 1
            t1p += hit1
            tkp += hitk
        if is_content:
            ncont += 1
            t1c += hit1 or not perturbed
    return InversionOutcome(n, top1, topk, npert, t1p, tkp, k, ncont, t1c)


def released_spans(result: DPResult) -> list[tuple[int, int]]:
    """Spans of the released words inside ``result.text`` (the layout between words is kept,
    so the i-th released word sits where the i-th input word sat, shifted by earlier words)."""
    out: list[tuple[int, int]] = []
    shift = 0
    for (s, e), w in zip(result.spans, result.outputs, strict=True):
        out.append((s + shift, s + shift + len(w)))
        shift += len(w) - (e - s)
    return out


class TextAttack(ABC):
    """An attack on sanitized texts of one mechanism at one epsilon."""

    name: str = "attack"
    k: int = 5

    def prepare(self, sanitizer: Sanitizer, *, epsilon: float, shadow: Sequence[str],
                rng: np.random.Generator) -> None:
        """Bind the attack to the mechanism under attack; learn on ``shadow`` texts only (the
        attacker's own data, sanitized here with ``rng``). Default: nothing to learn."""
        return None

    @abstractmethod
    def guess(self, result: DPResult, space: EmbeddingSpace) -> list[list[str]]:
        """Up to ``k`` guesses (best first) of each released word's original."""

    def run(self, original_text: str, result: DPResult, space: EmbeddingSpace
            ) -> InversionOutcome:
        """Guess the original words of ``result`` and count the hits."""
        return score_guesses(original_text, result, space, self.guess(result, space), self.k)


__all__ = ["InversionOutcome", "TextAttack", "released_spans", "score_guesses"]
