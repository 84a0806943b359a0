"""Seen-entity cache: values already detected in a session, found again in later turns.

NER is contextual: "Okonkwo" tagged PERSON in turn 1 may be missed in turn 3 ("send it to
okonkwo"). The cache matches every known value in one Aho-Corasick pass (case-insensitive, whole
words), so a value masked once stays masked for the whole conversation.

A person's name also leaves its parts: after "Jane Doe", a later "Doe signed" must not send
the surname in clear. Each capitalised part of a seen PERSON value (not a stop word) is found
again where it is written capitalised, as a PERSON; the masker links it to the full name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from veil.casefold import fold_case
from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.detect.stopwords import stop_words
from veil.detect.terms import KeyAutomaton, at_word_boundaries

SEEN_SCORE = 0.9
#: Values shorter than this are too ambiguous to match on their own ("Al", "12").
MIN_LENGTH = 3
#: Languages whose stop words are never taken as a name part ("Will", "May", "Van").
_PART_STOP_LANGS = ("en", "fr", "de", "es", "it", "nl", "pt")
_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@functools.cache
def _part_stop_words() -> frozenset[str]:
    return frozenset(fold_case(w) for lang in _PART_STOP_LANGS for w in stop_words(lang))


def name_parts(value: str) -> list[str]:
    """The parts of a person's name worth finding on their own: capitalised words of at least
    ``MIN_LENGTH`` letters that are not stop words; none for a one-word value."""
    words = _PART.findall(value)
    if len(words) < 2:
        return []
    stop = _part_stop_words()
    return [w for w in words
            if len(w) >= MIN_LENGTH and w[0].isupper() and fold_case(w) not in stop]


class SeenEntityCache(Recognizer):
    """Known (type, value) pairs of one session; ``analyze`` finds them in new text."""

    name = "seen"
    entities: tuple[str, ...] = ()
    validated = True

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._types: dict[str, str] = {}  # folded value -> type
        self._parts: set[str] = set()  # folded keys that are only a part of a seen name
        self._automaton: KeyAutomaton | None = None
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
        out._parts = set(self._parts)
        out.entities = self.entities
        out._automaton = self._automaton
        for t, v in pairs:
            out.add(t, v)
        return out

    def add(self, type: str, value: str) -> None:
        key = fold_case(value.strip())
        if len(key) < MIN_LENGTH or not any(c.isalnum() for c in key):
            return
        if key in self._parts:  # seen whole now: no longer only a part
            self._parts.discard(key)
            self._types[key] = type
            self._automaton = None
        if key not in self._types:
            self._types[key] = type
            self._automaton = None
            if type not in self.entities:  # re-sorting on every value made building quadratic
                self.entities = tuple(sorted({*self.entities, type}))
        if type == "PERSON":
            for part in name_parts(value):
                pk = fold_case(part)
                if pk not in self._types:
                    self._types[pk] = type
                    self._parts.add(pk)
                    self._automaton = None

    def update(self, detections: Iterable[Detection]) -> None:
        for d in detections:
            self.add(d.type, d.text)

    def __len__(self) -> int:
        """How many values were seen (the parts of names not counted)."""
        return len(self._types) - len(self._parts)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        key = fold_case(value.strip())
        return key in self._types and key not in self._parts

    def analyze(self, text: str) -> list[Detection]:
        if not self._types or not text:
            return []
        hay = fold_case(text)
        out = []
        if self._automaton is None:  # built on first use after a change
            self._automaton = KeyAutomaton(self._types)
        for start, end, key in self._automaton.occurrences(hay):
            if key in self._parts and not text[start].isupper():
                continue  # a part alone counts only written as a name ("Doe", not "doe")
            if at_word_boundaries(text, start, end):
                out.append(Detection(self._types[key], start, end, SEEN_SCORE, self.name,
                                     text[start:end]))
        return out
