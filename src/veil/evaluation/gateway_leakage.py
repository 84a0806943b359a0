"""Leakage: does a labelled sensitive value reach the upstream, verbatim or trivially recoverable?

A value is *trivially recoverable* from the masked text when it appears there up to case, spacing
and punctuation between its letter/digit runs: ``"Jane Doe"`` leaks as ``"JANE DOE"``,
``"jane  doe"`` or ``"JaneDoe"``; ``"555-123-4567"`` leaks as ``"5551234567"``. Matches must
start and end on a word boundary, so ``"Ray"`` does not leak through ``"array"``.

A short value can also be an ordinary word of the prompt (the name "Will" next to the verb
"will"). Such unlabelled occurrences are in the upstream's text whatever the gateway does, so a
value counts as leaked only when the masked text holds MORE occurrences than the original has
outside the labelled spans.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from veil.evaluation.datasets import Sample, Span
from veil.evaluation.stats import rate

_RUN = re.compile(r"[^\W_]+")  # letter/digit runs (Unicode-aware)


def value_pattern(value: str) -> re.Pattern[str] | None:
    """``value`` up to case, spacing and punctuation; None if it has no letters or digits."""
    runs = _RUN.findall(value)
    if not runs:
        return None
    body = r"[\W_]*".join(re.escape(r) for r in runs)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def _count(pattern: re.Pattern[str], text: str, outside: Sequence[Span] = ()) -> int:
    n = 0
    for m in pattern.finditer(text):
        if not any(m.start() < s.end and s.start < m.end() for s in outside):
            n += 1
    return n


def leaked_spans(sample: Sample, masked: str) -> list[Span]:
    """Gold spans of ``sample`` whose value is still recoverable from ``masked``."""
    by_value: dict[str, list[Span]] = defaultdict(list)
    for s in sample.spans:
        by_value[sample.text[s.start:s.end]].append(s)
    out: list[Span] = []
    for value, spans in by_value.items():
        pat = value_pattern(value)
        if pat is None:
            continue
        baseline = _count(pat, sample.text, outside=sample.spans)
        excess = _count(pat, masked) - baseline
        out.extend(spans[:max(0, excess)])
    return out


@dataclass
class LeakageScores:
    """Counts for one configuration (e.g. one operator)."""

    prompts: int = 0
    prompts_with_values: int = 0
    prompts_leaking: int = 0
    values: int = 0
    values_leaked: int = 0
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, sample: Sample, masked: str) -> None:
        leaked = leaked_spans(sample, masked)
        self.prompts += 1
        self.prompts_with_values += bool(sample.spans)
        self.prompts_leaking += bool(leaked)
        self.values += len(sample.spans)
        self.values_leaked += len(leaked)
        for s in sample.spans:
            self.per_type[s.type][0] += 1
        for s in leaked:
            self.per_type[s.type][1] += 1

    @property
    def prompt_leak_rate(self) -> float:
        """Share of prompts WITH labelled values in which at least one leaked."""
        return rate(self.prompts_leaking, self.prompts_with_values)

    @property
    def value_leak_rate(self) -> float:
        return rate(self.values_leaked, self.values)

    def as_dict(self) -> dict[str, object]:
        return {
            "prompts": self.prompts,
            "prompts_with_values": self.prompts_with_values,
            "prompts_leaking": self.prompts_leaking,
            "prompt_leak_rate": self.prompt_leak_rate,
            "values": self.values,
            "values_leaked": self.values_leaked,
            "value_leak_rate": self.value_leak_rate,
            "per_type": {t: {"values": v[0], "leaked": v[1], "leak_rate": v[1] / v[0]}
                         for t, v in sorted(self.per_type.items()) if v[0]},
        }
