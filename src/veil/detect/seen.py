"""Seen-entity cache: values already detected in a session, found again in later turns.

NER is contextual: "Okonkwo" tagged PERSON in turn 1 may be missed in turn 3 ("send it to
okonkwo"). The cache matches every known value in one Aho-Corasick pass (case-insensitive, whole
words), so a value masked once stays masked for the whole conversation.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from veil.detect.entity import Detection
from veil.detect.normalize import fold_case
from veil.detect.recognizer import Recognizer
from veil.detect.terms import at_word_boundaries, key_automaton

SEEN_SCORE = 0.9
#: Values shorter than this are too ambiguous to match on their own ("Al", "12").
MIN_LENGTH = 3


class SeenEntityCache(Recognizer):
    """Known (type, value) pairs of one session; ``analyze`` finds them in new text."""

    name = "seen"
    entities: tuple[str, ...] = ()
    validated = True

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._types: dict[str, str] = {}  # folded value -> type
        self._automaton: ahocorasick.Automaton | None = None
        for t, v in pairs:
            self.add(t, v)

    @classmethod
    def from_detections(cls, detections: Iterable[Detection]) -> SeenEntityCache:
        return cls((d.type, d.text) for d in detections)

    def extended(self, pairs: Iterable[tuple[str, str]]) -> SeenEntityCache:
        """A new cache with this one's values plus ``pairs``; this one is left as it is, so a
        thread still analysing with it is unaffected. Known values are not folded again, and
        with nothing new the automaton already built is shared."""
        out = SeenEntityCache()
        out._types = dict(self._types)
        out.entities = self.entities
        out._automaton = self._automaton
        for t, v in pairs:
            out.add(t, v)
        return out

    def add(self, type: str, value: str) -> None:
        key = fold_case(value.strip())
        if len(key) < MIN_LENGTH or not any(c.isalnum() for c in key):
            return
        if key not in self._types:
            self._types[key] = type
            self._automaton = None
            if type not in self.entities:  # re-sorting on every value made building quadratic
                self.entities = tuple(sorted({*self.entities, type}))

    def update(self, detections: Iterable[Detection]) -> None:
        for d in detections:
            self.add(d.type, d.text)

    def __len__(self) -> int:
        return len(self._types)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and fold_case(value.strip()) in self._types

    def analyze(self, text: str) -> list[Detection]:
        if not self._types or not text:
            return []
        hay = fold_case(text)
        out = []
        if self._automaton is None:  # built on first use after a change
            self._automaton = key_automaton(self._types)
        for end_idx, key in self._automaton.iter(hay):
            end = end_idx + 1
            start = end - len(key)
            if at_word_boundaries(text, start, end):
                out.append(Detection(self._types[key], start, end, SEEN_SCORE, self.name,
                                     text[start:end]))
        return out
