"""Span-level, type-aware detection metrics, and scoring of Veil and Presidio on labelled data.

Overlap rule (documented in docs/detection.md):

* A prediction *matches* a gold span when both have the same type and their overlap covers at
  least half of the shorter of the two (``"Robert Downey"`` matches gold ``"Robert Downey Jr."``;
  a city matches a gold street address that contains it).
* Recall = gold spans matched by at least one prediction / gold spans.
* Precision = predictions that match a gold span / predictions, where predictions that overlap an
  *ignored* gold region (types Veil does not model, such as DATE_TIME) are left out.
* F-beta from those; F2 weights recall twice as much as precision (a miss leaks data, a false
  positive only costs utility). FNR = 1 - recall.
* FPR is token-level: of the whitespace tokens outside every gold span of a type, the fraction
  inside a prediction of that type.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from veil.evaluation.datasets import Sample, Span
from veil.evaluation.stats import rate

_TOKEN = re.compile(r"\S+")


@dataclass
class TypeScores:
    gold: int = 0
    pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0
    fp_tokens: int = 0
    neg_tokens: int = 0

    @property
    def recall(self) -> float:
        return rate(self.tp_gold, self.gold)

    @property
    def precision(self) -> float:
        return rate(self.tp_pred, self.pred)

    def fbeta(self, beta: float) -> float:
        p, r = self.precision, self.recall
        if p != p or r != r or p + r == 0:  # NaN or zero
            return 0.0 if (p == p and r == r) else float("nan")
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r)

    @property
    def fpr(self) -> float:
        return rate(self.fp_tokens, self.neg_tokens)

    def as_dict(self) -> dict[str, float | int]:
        d: dict[str, float | int] = asdict(self)
        d.update(precision=self.precision, recall=self.recall, f1=self.fbeta(1.0),
                 f2=self.fbeta(2.0), fnr=1 - self.recall if self.gold else float("nan"),
                 fpr=self.fpr)
        return d


@dataclass
class Report:
    per_type: dict[str, TypeScores] = field(default_factory=lambda: defaultdict(TypeScores))

    @property
    def overall(self) -> TypeScores:
        total = TypeScores()
        for s in self.per_type.values():
            for k in ("gold", "pred", "tp_gold", "tp_pred", "fp_tokens", "neg_tokens"):
                setattr(total, k, getattr(total, k) + getattr(s, k))
        return total

    def subset(self, types: Iterable[str]) -> TypeScores:
        sub = Report()
        for t in types:
            if t in self.per_type:
                sub.per_type[t] = self.per_type[t]
        return sub.overall

    def as_dict(self) -> dict[str, object]:
        return {"overall": self.overall.as_dict(),
                "per_type": {t: s.as_dict() for t, s in sorted(self.per_type.items())}}


def _matches(a: Span, b: Span) -> bool:
    if a.type != b.type:
        return False
    ov = min(a.end, b.end) - max(a.start, b.start)
    return ov > 0 and ov * 2 >= min(a.end - a.start, b.end - b.start)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(samples: Sequence[Sample], predictions: Sequence[Sequence[Span]],
          types: Iterable[str] | None = None) -> Report:
    """Score ``predictions[i]`` against ``samples[i]``; only ``types`` count (None: all)."""
    wanted = set(types) if types is not None else None
    rep = Report()
    for sample, preds in zip(samples, predictions, strict=True):
        gold = [g for g in sample.spans if wanted is None or g.type in wanted]
        preds = [p for p in preds if wanted is None or p.type in wanted]
        preds = [p for p in preds if not any(_overlaps(p, ig) for ig in sample.ignored)]
        for g in gold:
            rep.per_type[g.type].gold += 1
            if any(_matches(p, g) for p in preds):
                rep.per_type[g.type].tp_gold += 1
        for p in preds:
            rep.per_type[p.type].pred += 1
            if any(_matches(p, g) for g in gold):
                rep.per_type[p.type].tp_pred += 1
        # token-level FPR, per predicted/gold type
        toks = [Span("", m.start(), m.end()) for m in _TOKEN.finditer(sample.text)]
        for t in {g.type for g in gold} | {p.type for p in preds} | set(rep.per_type):
            gt = [g for g in gold if g.type == t]
            pt = [p for p in preds if p.type == t]
            for tok in toks:
                if any(_overlaps(tok, g) for g in gt) or any(_overlaps(tok, ig)
                                                              for ig in sample.ignored):
                    continue
                rep.per_type[t].neg_tokens += 1
                if any(_overlaps(tok, p) for p in pt):
                    rep.per_type[t].fp_tokens += 1
    return rep


Detector = Callable[[str], list[Span]]


def veil_detector(engine: object) -> Detector:
    def run(text: str) -> list[Span]:
        return [Span(d.type, d.start, d.end) for d in engine.analyze(text)]  # type: ignore[attr-defined]

    return run


def presidio_detector(analyzer: object | None = None) -> Detector:
    """Presidio's default AnalyzerEngine (default recognizers and threshold), offline, with its
    entity names mapped to Veil's; types without a Veil counterpart are dropped."""
    from veil.detect.presidio_backend import PRESIDIO_TO_VEIL, build_analyzer

    a: Any = analyzer or build_analyzer()

    def run(text: str) -> list[Span]:
        res = a.analyze(text=text, language="en")
        return [Span(PRESIDIO_TO_VEIL[r.entity_type], r.start, r.end) for r in res
                if r.entity_type in PRESIDIO_TO_VEIL and r.end > r.start]

    return run
