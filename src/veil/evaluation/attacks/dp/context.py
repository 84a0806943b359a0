"""Context attack: channel candidates re-scored by a language model.

For each released word the attacker takes the ``candidates`` most probable originals under the
channel posterior (frequency prior), writes the MAP guess of the whole text, and scores every
candidate by ``log Pr[x | y] + weight * log P_LM(x | guessed words to its left)``. The weight is
tuned on SHADOW texts (the attacker sanitizes texts of its own with the same mechanism and
epsilon and picks the weight that recovers most perturbed words there); it never sees the texts
it is evaluated on. Weight 0 is in the grid, so on the shadow set it is never worse than MAP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.sanitizers import DPResult, Sanitizer
from veil.dp.text import splice
from veil.evaluation.attacks.dp.base import TextAttack, released_spans
from veil.evaluation.attacks.dp.channel_map import ChannelMAP
from veil.evaluation.attacks.dp.lm import LMScorer
from veil.evaluation.attacks.registry import AttackContext, register_attack

__all__ = ["ContextAttack", "WEIGHTS"]

#: Grid of LM weights tried on the shadow texts.
WEIGHTS = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0)


@dataclass
class _Features:
    cands: list[list[str]]  #: per released word, channel candidates (best first)
    logpost: list[NDArray[np.float64]]
    lm: list[NDArray[np.float64]]


class ContextAttack(TextAttack):
    name = "context_lm"

    def __init__(self, *, k: int = 5, candidates: int = 8, scorer: LMScorer | None = None,
                 weights: Sequence[float] = WEIGHTS, seed: int = 0) -> None:
        self.k = k
        self.candidates = candidates
        self.scorer = scorer if scorer is not None else LMScorer()
        self.weights = tuple(weights)
        self.weight = 0.0
        self.shadow_recovery: float | None = None
        self._map = ChannelMAP(prior="frequency", k=candidates, seed=seed)

    def features(self, results: Sequence[DPResult], space: EmbeddingSpace) -> list[_Features]:
        feats: list[_Features] = []
        items = []
        for r in results:
            cands: list[list[str]] = []
            logpost: list[NDArray[np.float64]] = []
            for w in r.outputs:
                post = self._map.posterior(w)
                if post is None:
                    cands.append([w])
                    logpost.append(np.zeros(1))
                else:
                    top = post.top(self.candidates)
                    cands.append([space.words[i] for i in top])
                    logpost.append(np.log(np.maximum(post.probs[:top.size], 1e-300)))
            spans = released_spans(r)
            guess_text = splice(r.text, spans, [c[0] for c in cands])
            items.append((guess_text, released_spans_of(guess_text, spans, cands), cands))
            feats.append(_Features(cands, logpost, []))
        for f, lm in zip(feats, self.scorer.score(items), strict=True):
            f.lm = lm
        return feats

    def _rank(self, f: _Features, weight: float) -> list[list[str]]:
        out = []
        for cs, lp, lm in zip(f.cands, f.logpost, f.lm, strict=True):
            order = np.argsort(-(lp + weight * lm), kind="stable")
            out.append([cs[i] for i in order[:self.k]])
        return out

    def prepare(self, sanitizer: Sanitizer, *, epsilon: float, shadow: Sequence[str],
                rng: np.random.Generator) -> None:
        self._map.prepare(sanitizer, epsilon=epsilon, shadow=shadow, rng=rng)
        if not shadow:
            self.weight, self.shadow_recovery = 0.0, None
            return
        space = sanitizer.space
        results = [sanitizer.sanitize(t, epsilon=epsilon, rng=rng) for t in shadow]
        feats = self.features(results, space)
        best = (-1, 0.0)
        for wt in self.weights:
            hits = 0
            for text, r, f in zip(shadow, results, feats, strict=True):
                for (s, e), pert, g in zip(r.spans, r.perturbed, self._rank(f, wt), strict=True):
                    hits += pert and g[0] == space.normalize(text[s:e])
            if hits > best[0]:
                best = (hits, wt)
        n_pert = sum(sum(r.perturbed) for r in results)
        self.weight = best[1]
        self.shadow_recovery = best[0] / max(n_pert, 1)

    def guess(self, result: DPResult, space: EmbeddingSpace) -> list[list[str]]:
        return self.guess_many([result], space)[0]

    def guess_many(self, results: Sequence[DPResult], space: EmbeddingSpace
                   ) -> list[list[list[str]]]:
        """Guesses for many texts with one batched LM pass."""
        return [self._rank(f, self.weight) for f in self.features(results, space)]


def released_spans_of(text: str, spans: Sequence[tuple[int, int]],
                      cands: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Spans of the MAP guesses inside ``text`` (the released spans shifted by the length
    difference between each guess and the released word)."""
    out = []
    shift = 0
    for (s, e), cs in zip(spans, cands, strict=True):
        out.append((s + shift, s + shift + len(cs[0])))
        shift += len(cs[0]) - (e - s)
    return out


@register_attack("dp", "context_lm")
def _context(ctx: AttackContext) -> TextAttack | None:
    if ctx.quick:
        return None  # a language model per text: sits out quick runs
    cache = ctx.cache_dir / "dp" if ctx.cache_dir is not None else None
    return ContextAttack(k=ctx.top_k, scorer=LMScorer(cache_dir=cache))
