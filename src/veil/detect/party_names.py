"""A payment's parties named again in its free text: the remittance line of a SWIFT message
(``:70:/RFB/RENT MARCH FLAT 3 SCALZI`` under ``:59:`` Benedetta Ruffo-Scalzi) or an ISO 20022
``<Ustrd>`` (``RENT 4B CALDER COURT P ACHTERBERG`` under ``<Nm>PERPETUA ACHTERBERG</Nm>``).

A remittance line is written in capitals, cut to 35 or 140 characters and without the words
around a name a model reads; the message's own fields already said who the parties are. Each
part of a party's name (a hyphenated surname's parts too) is found again in the message as a
whole word written as a name is (capitalised or in capitals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from veil.detect.entity import Detection
from veil.detect.seen import name_parts

#: a part shorter than this is an initial or a particle ("DE", "AL")
_MIN_PART = 3


def _parts(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for part in name_parts(name):
            out.add(part.lower())
            pieces = re.split(r"['’-]", part)
            if len(pieces) > 1:
                out.update(p.lower() for p in pieces if len(p) >= _MIN_PART)
    return out


def parts_again(text: str, names: Iterable[str], found: list[Detection],
                recognizer: str, score: float) -> list[Detection]:
    """The parts of ``names`` (the parties' names the format's fields gave) found again as
    whole words in ``text`` outside the spans of ``found``, as PERSON."""
    parts = _parts(names)
    if not parts:
        return []
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(
        re.escape(p) for p in sorted(parts, key=lambda p: (-len(p), p))) + r")(?![\w'’])",
        re.IGNORECASE)
    spans = [(d.start, d.end) for d in found]
    out: list[Detection] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        # (written as a name is, capitalised or in capitals: "white goods" is no WHITE)
        if text[s].isupper() and not any(a <= s and e <= b for a, b in spans):
            out.append(Detection("PERSON", s, e, score, recognizer, text[s:e]))
    return out
