"""Restoration under realistic LLM alterations, on replacements made from the evaluation data.

Cases come from :mod:`veil.mask.alterations` (the labelled suite the masker's unit tests use)
plus the alterations below, which that suite does not hold: plurals, unbracketed or spelled-out
numbering, and answers split across stream chunks. Every case is restored twice, once by
``Veil.restore`` and once through ``Veil.stream_restorer`` fed in small chunks, and also by
exact string replacement: the baseline most proxies ship.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from veil.evaluation.stats import rate
from veil.mask.alterations import CONTEXTS, Case, cases

_PH = re.compile(r"^\[([A-Z][A-Z0-9_]*?)_(\d+)\]$")

#: Extra placeholder alterations: (format of t=type, n=number, tt=Title Type; expected of o).
EXTRA_PLACEHOLDER: dict[str, tuple[str, str]] = {
    "plural_outside": ("[{t}_{n}]s", "{o}s"),
    "plural_bare": ("{t}_{n}s", "{o}s"),
    "hash_bare_title": ("{tt} #{n}", "{o}"),
    "number_abbrev": ("[{tt} No. {n}]", "{o}"),
    "zero_padded_bare": ("{t}_0{n}", "{o}"),
    "markdown_link": ("[{t}_{n}](#)", "{o}(#)"),
}
#: Chunk sizes used to split an answer for the streaming restorer (rotated over cases).
CHUNK_SIZES = (1, 2, 3, 5, 8, 13)


def extra_cases(replacement: str, original: str, operator: str) -> list[Case]:
    """The alterations above for a placeholder; plurals for pseudonyms and synthetic values."""
    out: list[Case] = []
    if operator == "placeholder":
        m = _PH.match(replacement)
        if not m:
            return out
        t, n = m.group(1), m.group(2)
        tt = t.replace("_", " ").title()
        variants = {k: (fmt.format(t=t, n=n, tt=tt), exp.format(o=original))
                    for k, (fmt, exp) in EXTRA_PLACEHOLDER.items()}
    else:
        variants = {"plural": (replacement + "s", original + "s")}
    for kind, (alt, exp) in variants.items():
        for ctx in CONTEXTS:
            out.append(Case(kind, ctx.format(x=alt), ctx.format(x=exp)))
    return out


def exact_restore(text: str, mapping: dict[str, str]) -> str:
    """Exact replacement of each replacement by its original, longest first (the baseline)."""
    for rep in sorted(mapping, key=len, reverse=True):
        text = text.replace(rep, mapping[rep])
    return text


def stream_restore(feed: Callable[[str], str], flush: Callable[[], str], text: str,
                   chunk: int) -> str:
    parts = [feed(text[i:i + chunk]) for i in range(0, len(text), chunk)]
    parts.append(flush())
    return "".join(parts)


@dataclass
class RestorationScores:
    """Success counts per alteration kind for one operator."""

    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    prompts: int = 0
    round_trip_ok: int = 0

    def add(self, kind: str, *, batch_ok: bool, stream_ok: bool, exact_ok: bool) -> None:
        k = self.kinds[kind]
        k[0] += 1
        k[1] += batch_ok
        k[2] += stream_ok
        k[3] += exact_ok

    def _total(self, i: int) -> float:
        n = sum(k[0] for k in self.kinds.values())
        return rate(sum(k[i] for k in self.kinds.values()), n)

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": sum(k[0] for k in self.kinds.values()),
            "success": self._total(1),
            "stream_success": self._total(2),
            "exact_only_success": self._total(3),
            "prompts": self.prompts,
            "round_trip": rate(self.round_trip_ok, self.prompts),
            "by_kind": {kind: {"cases": k[0], "success": k[1] / k[0], "stream_success": k[2] / k[0],
                               "exact_only_success": k[3] / k[0]}
                        for kind, k in sorted(self.kinds.items())},
        }


def evaluate_prompt(veil: Any, text: str, *, tenant: str, session: str, operator: str,
                    scores: RestorationScores, case_index: list[int],
                    max_cases_per_entity: int | None = None) -> str:
    """Protect ``text``, check the round trip, then restore every alteration of every distinct
    replacement in it. Returns the masked text (for leakage scoring)."""
    r = veil.protect(text, session=session, tenant=tenant)
    scores.prompts += 1
    if operator == "redact":
        return r.masked  # nothing is restorable by design
    scores.round_trip_ok += veil.restore(r.masked, session=session, tenant=tenant) == text
    # Expected original of each replacement = what the session maps it to (aliases share the
    # canonical original), read back through an exact round trip.
    mapping: dict[str, str] = {}
    for e in r.entities:
        if e.replacement not in mapping and e.operator == operator:
            mapping[e.replacement] = veil.restore(e.replacement, session=session, tenant=tenant)
    for rep, original in mapping.items():
        if original == rep:
            continue  # not restorable even unaltered: the round trip already counts it
        all_cases = cases(rep, original, operator) + extra_cases(rep, original, operator)
        # One context per kind keeps the count manageable; contexts rotate across entities.
        by_kind: dict[str, list[Case]] = defaultdict(list)
        for c in all_cases:
            by_kind[c.kind].append(c)
        chosen = [cs[case_index[0] % len(cs)] for cs in by_kind.values()]
        if max_cases_per_entity is not None:
            chosen = chosen[:max_cases_per_entity]
        for c in chosen:
            case_index[0] += 1
            batch = veil.restore(c.altered, session=session, tenant=tenant)
            sr = veil.stream_restorer(session=session, tenant=tenant)
            streamed = stream_restore(sr.feed, sr.flush, c.altered,
                                      CHUNK_SIZES[case_index[0] % len(CHUNK_SIZES)])
            scores.add(c.kind, batch_ok=batch == c.expected, stream_ok=streamed == c.expected,
                       exact_ok=exact_restore(c.altered, mapping) == c.expected)
    return r.masked
