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
from veil.detect.trade_words import trade_word

SEEN_SCORE = 0.9
#: Values shorter than this are too ambiguous to match on their own ("Al", "12").
MIN_LENGTH = 3
#: Languages whose stop words are never taken as a name part ("Will", "May", "Van").
_PART_STOP_LANGS = ("en", "fr", "de", "es", "it", "nl", "pt")
_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A number written with separators only (``60-16-13``, ``07700 900 123``, ``14/03/1961``):
#: found again by its digits however a later turn spaces it (``601613``, ``60 16 13``).
_NUMBER_VALUE = re.compile(r"\+?\(?\d[\d ()./-]*\d")
_NUMBER_DIGITS = 6  # fewer digits alone are too common (years, amounts, times)
#: a run of digit groups, one separator between two, in a later turn's text
_DIGIT_RUN = re.compile(r"(?<![\w.,/-])\d+(?:[ ./-]\d+)*(?![\w])")
_GROUPS = 8  # a number is at most this many of a run's groups
#: a digits key in a level's ``info``: no folded text starts with it, so no automaton holds it
_DIGITS_KEY = "\x00"


@functools.cache
def _part_stop_words() -> frozenset[str]:
    return frozenset(fold_case(w) for lang in _PART_STOP_LANGS for w in stop_words(lang))


def name_parts(value: str) -> list[str]:
    """The parts of a person's name worth finding on their own: capitalised words of at least
    ``MIN_LENGTH`` letters that are not stop words or labels; none for a one-word value."""
    words = _PART.findall(value)
    if len(words) < 2:
        return []
    stop = _part_stop_words()
    from veil.detect.unlisted_names import FORMS_OF_ADDRESS

    # (a form of address a model read into the name is no part of it: "Khun" of "Khun
    # Somchai Wongsawat" is Thai's "Mr", and "khob khun" its "thank you")
    return [w for w in words if len(w) >= MIN_LENGTH and w[0].isupper()
            and fold_case(w) not in stop and fold_case(w) not in FORMS_OF_ADDRESS
            and not _label(w)]


#: the words of a form's labels that a model may read into a value ("Olawale-Briggs, DOB",
#: "NI Number"): found again on their own, every later label of the session went masked
_LABEL_WORDS = frozenset({"number", "name", "date", "code", "ref", "reference", "type",
                          "status", "total", "amount", "balance", "details", "registration",
                          "account", "phone", "address", "email", "id", "no", "nr"})


def _label(word: str) -> bool:
    """Whether one word is a form's label ("DOB", "Number", "Customer"), not a value's part."""
    from veil.detect.field_names import field_type
    from veil.detect.ner import is_label_word

    low = fold_case(word)
    return low in _LABEL_WORDS or is_label_word(word) or field_type(low) is not None


#: Keys per level a new level must reach, relative to the newest older one, before the two
#: are merged (see :class:`SeenEntityCache`).
_MERGE_RATIO = 2


class _Level:
    """A run of keys added together and the automaton of those of them no older level has.
    Never changed once made, so caches extended from one another share it."""

    __slots__ = ("automaton", "info", "numbers")

    def __init__(self, info: dict[str, tuple[str, bool]], automaton: KeyAutomaton,
                 numbers: bool) -> None:
        self.info = info  # folded key -> (type, only a part of a seen name or a number)
        self.automaton = automaton
        self.numbers = numbers  # whether ``info`` holds a number's digits

    def __len__(self) -> int:
        return len(self.info)


class SeenEntityCache(Recognizer):
    """Known (type, value) pairs of one session; ``analyze`` finds them in new text.

    A session's cache grows by a request's few values at a time. One automaton of every key,
    rebuilt after each addition, made a request's cost grow with its session (about three
    quarters of a short prompt's 4.0 ms in a session of 3,000 values). The keys are held in
    levels instead, each with its own automaton: new keys make a new level, and a level is
    merged into the one before it once it holds at least half as many keys. Each level is
    more than twice the size of the next, so a text is searched by at most ~log2(n) automata,
    and a key is rebuilt into a larger automaton only ~log(n) times over the session's life.
    """

    name = "seen"
    entities: tuple[str, ...] = ()
    validated = True
    local_only = True

    def __init__(self, pairs: Iterable[tuple[str, str]] = (), *, once: bool = False) -> None:
        self._once = once  # searched in one text only (its own names)
        self._levels: tuple[_Level, ...] = ()  # oldest first; shared with extended copies
        self._pending: dict[str, tuple[str, bool]] = {}  # added since the last analyze
        self._values = 0  # keys seen whole (a name's parts are not counted)
        for t, v in pairs:
            self.add(t, v)

    @classmethod
    def from_detections(cls, detections: Iterable[Detection]) -> SeenEntityCache:
        return cls((d.type, d.text) for d in detections)

    def extended(self, pairs: Iterable[tuple[str, str]], *,
                 lasting: bool = True) -> SeenEntityCache:
        """A new cache with this one's values plus ``pairs``, built now (the caller may share
        it between threads); this one is left as it is, so a thread still analysing with it is
        unaffected. The levels already built are shared: only the new keys are folded and
        built. ``lasting=False``: a cache for one request, dropped after it; its new keys
        stay a level of their own (a merge would rebuild levels for nothing)."""
        out = SeenEntityCache()
        out._levels = self._sealed()
        out._values = self._values
        out.entities = self.entities
        for t, v in pairs:
            out.add(t, v)
        out._sealed(merge=lasting)
        return out

    def _info(self, key: str) -> tuple[str, bool] | None:
        hit = self._pending.get(key)
        if hit is not None:
            return hit
        for level in reversed(self._levels):  # a newer level's word wins (a part made whole)
            hit = level.info.get(key)
            if hit is not None:
                return hit
        return None

    def add(self, type: str, value: str) -> None:
        key = fold_case(value.strip())
        if len(key) < MIN_LENGTH or not any(c.isalnum() for c in key):
            return
        if " " not in key and _label(value.strip()):
            return  # a label a model read as a value: not to be found again everywhere
        known = self._info(key)
        if known is None or known[1]:  # new, or until now only a part of a name: now whole
            self._pending[key] = (type, False)
            self._values += 1
            if type not in self.entities:  # re-sorting on every value made building quadratic
                self.entities = tuple(sorted({*self.entities, type}))
        digits = _number_digits(value)
        if digits and self._info(_DIGITS_KEY + digits) is None:
            self._pending[_DIGITS_KEY + digits] = (type, True)
        if type == "PERSON":
            for part in name_parts(value):
                pk = fold_case(part)
                if self._info(pk) is None:
                    self._pending[pk] = (type, True)

    def update(self, detections: Iterable[Detection]) -> None:
        for d in detections:
            self.add(d.type, d.text)

    def __len__(self) -> int:
        """How many values were seen (the parts of names not counted)."""
        return self._values

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        known = self._info(fold_case(value.strip()))
        return known is not None and not known[1]

    def _sealed(self, *, merge: bool = True) -> tuple[_Level, ...]:
        """The levels with the pending keys built into them (on first use after a change)."""
        if not self._pending:
            return self._levels
        levels = [*self._levels, _level(self._pending, self._levels, self._once)]
        while merge and len(levels) > 1 and len(levels[-2]) <= _MERGE_RATIO * len(levels[-1]):
            newer = levels.pop()
            older = levels.pop()
            levels.append(_level(older.info | newer.info, tuple(levels)))
        self._levels, self._pending = tuple(levels), {}
        return self._levels

    def _numbers(self, text: str, levels: tuple[_Level, ...]) -> list[Detection]:
        """Seen numbers written again with other separators or none: each run of digit groups
        read from each group on, the most groups that spell a seen number's digits taken."""
        if not any(level.numbers for level in levels) or not any(c.isdigit() for c in text):
            return []
        out: list[Detection] = []
        for run in _DIGIT_RUN.finditer(text):
            groups = [(m.start() + run.start(), m.end() + run.start())
                      for m in re.finditer(r"\d+", run.group())]
            i = 0
            while i < len(groups):
                hit = None
                digits = ""
                for j in range(i, min(i + _GROUPS, len(groups))):
                    digits += text[groups[j][0]:groups[j][1]]
                    if len(digits) >= _NUMBER_DIGITS:
                        info = self._info(_DIGITS_KEY + digits)
                        if info is not None:
                            hit = (j, info[0])
                if hit is None:
                    i += 1
                    continue
                start, end = groups[i][0], groups[hit[0]][1]
                out.append(Detection(hit[1], start, end, SEEN_SCORE, self.name, text[start:end]))
                i = hit[0] + 1
        return out

    def analyze(self, text: str) -> list[Detection]:
        return self.find(text)

    def find(self, text: str, taken: bytearray | None = None) -> list[Detection]:
        """What :meth:`analyze` finds, less what would overlap a position ``taken`` marks
        (non-zero: already a detection there), tested before anything else is read. With
        ``taken``, a one-word value found in lower case must be no dictionary word either
        (the text's own names found again: a model's one "Apple" must not take every
        "apple")."""
        if not text or not (self._pending or self._levels):
            return []
        levels = self._sealed()
        hay = fold_case(text)
        found = [o for level in levels for o in level.automaton.occurrences(hay)]
        if len(levels) > 1:  # each level's own order is by end, the longest key first
            found.sort(key=lambda o: (o[1], o[0]))
        out = []
        for start, end, key in found:
            if taken is not None and taken.find(1, start, end) >= 0 or not at_word_boundaries(
                    text, start, end):
                continue  # (the cheap tests first: a long text's names are found often)
            kind, part = self._info(key) or ("", False)
            if (part or " " not in key and (kind == "PERSON" and (
                    _word_first(key) or taken is not None) or kind in _FIRM_PLACE)) \
                    and not text[start].isupper() and not _unlike_a_word(key):
                continue  # a part alone counts written as a name ("Doe"), or in lower case
                # where it is no common word ("priya" after "Priya Raman"; "will", "hope" not);
                # so does a one-word name ("Hope" seen, "we hope to" stays), and a one-word
                # firm or place ("Support" seen, a later "support team" stays)
            if (part or " " not in key) and kind in _NAME_KINDS and trade_word(
                    text, start, end, kind):
                continue  # "Ford" of "Henry Ford" or "Dr. Ford" in a later "Ford Focus"
            out.append(Detection(kind, start, end, SEEN_SCORE, self.name, text[start:end]))
        numbers = [n for n in self._numbers(text, levels)  # not one found as it was written
                   if not any(d.start <= n.start and n.end <= d.end for d in out)]
        if numbers:
            out = sorted(out + numbers, key=lambda d: (d.end, d.start))
        return out


def _number_digits(value: str) -> str:
    """The digits of a value written as a number with separators only, where it has enough of
    them to be found again by its digits alone ("" otherwise)."""
    value = value.strip()
    if not _NUMBER_VALUE.fullmatch(value):
        return ""
    digits = "".join(c for c in value if c.isdigit())
    return digits if len(digits) >= _NUMBER_DIGITS else ""


#: the types whose one word a trade's words may look like (`veil.detect.trade_words`)
_NAME_KINDS = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
#: the types whose one-word value is often a common noun a model capitalised ("Support"), found
#: again in lower case only where it is no dictionary word
_FIRM_PLACE = frozenset({"ORGANIZATION", "LOCATION"})


@functools.cache
def _words_first() -> frozenset[str]:
    from veil.detect.gazetteer import _LOWER_NOT_NAMES
    from veil.detect.names import ambiguous_first_names, not_surnames

    return ambiguous_first_names() | not_surnames() | _LOWER_NOT_NAMES


def _word_first(key: str) -> bool:
    """Whether a one-word name (folded) is far more often a common word ("Hope", "Joy",
    "Blessing"): seen whole, it is found again only written capitalised."""
    return key in _words_first()


def _unlike_a_word(key: str) -> bool:
    """Whether a name's part (folded) is no word a dictionary writes in lower case, nor an
    inflection of one, so that written in lower case it is still the name."""
    from veil.detect.names import dictionary_word

    bare = key.replace("-", "").replace("'", "").replace("\u2019", "")
    return bare.isalpha() and not dictionary_word(key)


def _level(info: dict[str, tuple[str, bool]], older: tuple[_Level, ...],
           once: bool = False) -> _Level:
    """A level of ``info``; its automaton holds the keys no ``older`` level holds (a name's part
    seen whole later is already in the older automaton, and must not be found twice), and no
    number's digits (found by :meth:`SeenEntityCache._numbers`)."""
    keys = [k for k in info if not k.startswith(_DIGITS_KEY)
            and not any(k in lv.info for lv in older)]
    return _Level(info, KeyAutomaton(keys, once=once),
                  any(k.startswith(_DIGITS_KEY) for k in info))
