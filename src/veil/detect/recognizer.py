"""The recognizer interface, context scoring, and the registries the engine draws from.

Every engine starts from the *default* recognizers: each built-in registers itself here when
:mod:`veil.detect.builtin` is imported, and a plug-in registers its own the same way (below). A
policy then switches recognizers off by name or declares new ones (``policy.recognizers``).
"""

from __future__ import annotations

import re
import sys
import threading
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, TypeVar

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from veil.alternation import trie_pattern
from veil.casefold import lower_in_place
from veil.detect.entity import Detection

if TYPE_CHECKING:
    from veil.config import Policy

#: How far (characters) before/after a match context words are looked for by default.
DEFAULT_CONTEXT_WINDOW = 48


class Recognizer(ABC):
    """Finds spans of one or more entity types in a text.

    Implementations are pure functions of the text: no logging of values, no global state other
    than lazily loaded models. ``analyze_batch`` exists so model-backed recognizers can batch.
    """

    #: Unique name, recorded in :attr:`Detection.recognizer`.
    name: str
    #: Entity types this recognizer may emit.
    entities: tuple[str, ...]
    #: True for checksum/format-validated patterns: they win overlaps against statistical NER.
    validated: bool = False
    #: True for a model's guess (NER): its span may be too long, so it never displaces a shorter
    #: detection that lies inside it (see :func:`veil.detect.engine.resolve_overlaps`).
    statistical: bool = False
    #: Languages (ISO 639-1) the recognizer is meant for; empty: any language.
    languages: tuple[str, ...] = ()
    #: Message languages it runs on (the engine detects each message's language); empty: all.
    #: Names and places need the message's own language; checksummed numbers do not.
    message_languages: tuple[str, ...] = ()
    #: True: the engine calls :meth:`analyze_language` with the message's language instead.
    language_aware: bool = False
    #: True: :meth:`begin_batch` starts work that runs outside the GIL (a model on a thread of
    #: its own); the engine begins such a recognizer first and finishes it after the others,
    #: so that they run meanwhile.
    background: bool = False
    #: True: holds data of its own (a tenant's terms, a session's values) that a worker
    #: process rebuilding the engine from its policy would not have, so a long text's chunks
    #: never go to one for it (:mod:`veil.detect.shards`).
    local_only: bool = False

    @abstractmethod
    def analyze(self, text: str) -> list[Detection]:
        """Return every candidate span (overlaps allowed; the engine resolves them)."""

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        return [self.analyze(t) for t in texts]

    def idle(self, text: str) -> bool:
        """Whether :meth:`analyze` finds nothing in ``text``, known without reading it (no
        digit for digits' patterns, none of the required words): the engine then does not call
        it. False when it cannot tell so cheaply."""
        return False

    def analyze_language(self, text: str, language: str) -> list[Detection]:
        """Like :meth:`analyze`, knowing the message's language (``language_aware``)."""
        return self.analyze(text)

    def begin_batch(self, texts: Sequence[str]) -> Callable[[], list[list[Detection]]]:
        """Start :meth:`analyze_batch`; the returned call finishes it (see ``background``)."""
        return lambda: self.analyze_batch(texts)

    def prepare(self) -> None:
        """Load now what a first call would load and :meth:`DetectionEngine.prepare`'s warm-up
        messages do not reach (a server calls it before its first request). Most recognizers
        have nothing of the kind."""
        return None


def _longest_first(words: Iterable[str]) -> list[str]:
    """The words in lower case, each once, longest first (so that an alternation prefers it)."""
    return sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)


def _escaped(word: str) -> str:
    """A word as a regex in which a space stands for any separator."""
    return re.escape(word).replace(r"\ ", r"[\s_-]*")


def _context_words(words: Iterable[str]) -> str | None:
    """The words as one alternation, longest first; a space stands for any separator."""
    ws = _longest_first(words)
    return "(?:" + "|".join(map(_escaped, ws)) + ")" if ws else None


def _word_end(word: str) -> str:
    """What must not follow a word: a letter, after a word that ends in a letter or a digit
    ("mrn#", "claim #" are followed by their number's letters: "claim #CLM-2023-0012")."""
    return r"(?![A-Za-z])" if word[-1].isalnum() else ""


def _context_source(words: Iterable[str]) -> str | None:
    ws = _longest_first(words)
    if not ws:
        return None
    alts = "|".join(_escaped(w) + _word_end(w) for w in ws)
    return rf"(?<![A-Za-z0-9])(?:{alts})"


def _lowered_source(words: Iterable[str]) -> str | None:
    """:func:`_context_source` for a lower-cased text, as a prefix tree whose branches start
    with a letter: the engine then tries only where a word's first letter is, and each
    position at most once per shared prefix (the boundary before a word is checked after its
    first letter, by a lookbehind over both). It finds a word where the flat alternation does
    (half the time over a ~1 KB prompt)."""
    ws = _longest_first(words)
    if not ws:
        return None
    sequences = [[re.escape(w[0]) + r"(?<![A-Za-z0-9].)",
                  *(r"[\s_-]*" if c == " " else re.escape(c) for c in w[1:]),
                  *filter(None, [_word_end(w)])] for w in ws]  # ("": the tree's end mark)
    return trie_pattern(sequences)


#: scripts whose words a lower-cased text matches as a case-insensitive search would: Latin,
#: CJK, and the scripts without case (Hebrew, Arabic, Devanagari, Thai, Hangul). Cyrillic too,
#: but for the old letter forms U+1C80-U+1C88 ("ᲀ" for "в"), which the regex engine equates and
#: ``str.lower`` keeps apart: a context word so written is missed, as a plain search in another
#: script's letters would miss it. Greek is not here (final sigma).
_FOLDING = re.compile("[^\u0000-\u007f\u00c0-\u024f\u2e80-\u9fff\u0400-\u04ff\u0590-\u05ff"
                      "\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u1100-\u11ff\uac00-\ud7a3]")


def _folds_exactly(words: Iterable[str]) -> bool:
    """Whether lower-casing a text makes these (lower-case) words match it exactly as a
    case-insensitive search would (see :data:`_FOLDING`)."""
    return all(_FOLDING.search(w) is None for w in words)


class ContextMatcher:
    """Answers "is one of these words near this span?" with one regex, compiled when first
    asked (most recognizers of a short text never are).

    The window around a span is searched lower-cased, with the words in lower case: a
    case-insensitive alternation is tried at every position, the lower-case one only where a
    word's first letter is (several times faster on the thousands of candidates of a long
    text)."""

    def __init__(self, words: Iterable[str], window: int = DEFAULT_CONTEXT_WINDOW,
                 *, after: bool = True) -> None:
        self.words = tuple(words)
        self.window = window
        self.after = after
        self._source = _context_source(self.words)
        self._compiled: re.Pattern[str] | None = None
        self._lower: re.Pattern[str] | None = None
        self._bare: re.Pattern[str] | None = None
        self._fold = _folds_exactly(w.lower() for w in self.words)
        # a word as long as the window or longer may start before the window and run into
        # it: it can never start inside ("alien registration number A098765432" was never
        # found); the others must start inside, as before
        self._long = tuple(w for w in self.words if len(w) >= window)
        self._longest = max((len(w) for w in self._long), default=0)
        self._long_rx: re.Pattern[str] | None = None
        # what every match of a word starts with, literally: the word up to its first space
        self._heads = frozenset(w.strip().lower().split(" ", 1)[0]
                                for w in self.words if w.strip()) if self._fold else frozenset()
        with _MATCHERS_LOCK:
            _MATCHERS.add(self)
        _HEADS.add(self._heads)

    def compile(self) -> None:
        """Compile the regexes now instead of when first asked."""
        if self._source is not None:
            _ = self._rx, self._lowered(), self.bare()

    def __bool__(self) -> bool:
        return self._source is not None

    @property
    def folds(self) -> bool:
        """Whether the words are found in the lower-cased text (see :meth:`absent`)."""
        return self._fold and self._source is not None

    @property
    def heads(self) -> frozenset[str]:
        """The words' first pieces (what :meth:`absent` compares)."""
        return self._heads

    def absent(self, heads: frozenset[str]) -> bool:
        """Whether no word can be in a text whose words (:func:`context_heads` of its
        lower-cased form) are ``heads``: none of the words' first pieces is one of them."""
        return heads.isdisjoint(self._heads)

    @property
    def _rx(self) -> re.Pattern[str] | None:
        if self._source is None:
            return None
        if self._compiled is None:
            self._compiled = re.compile(self._source, re.IGNORECASE)
        return self._compiled

    def anywhere(self, text: str, lowered: str | None = None,
                 heads: frozenset[str] | None = None) -> bool:
        """Whether a word is anywhere in ``text``; ``lowered``: :func:`lower_in_place` of it,
        when the caller has it (searched instead, several times faster); ``heads``:
        :func:`context_heads` of ``lowered`` (the words whose first piece is nowhere in it
        need no search: most texts hold no context word of most recognizers)."""
        if self._fold and lowered is not None and self._source is not None:
            if heads is not None and self.absent(heads):
                return False
            return self._lowered().search(lowered) is not None
        rx = self._rx
        return rx is not None and rx.search(text) is not None

    def anywhere_at(self, lowered: str, starts: list[int]) -> bool:
        """:meth:`anywhere` of a lower-cased text, tried only at ``starts``, where
        :meth:`bare` matches it (every word begins at such a place): a search for words a
        long text lacks reads all of it (a megabyte: 10-50 ms for each of thirty recognizers)."""
        rx = self._lowered()
        return next(filter(None, map(rx.match, repeat(lowered), starts)), None) is not None

    def bare(self) -> re.Pattern[str] | None:
        """The words without their boundaries, to search the lower-cased text for where one
        could begin (a superset: whatever :meth:`near` finds begins at such a place); None
        when the words fold inexactly (see :func:`_folds_exactly`)."""
        if not self._fold or self._source is None:
            return None
        if self._bare is None:
            self._bare = re.compile(_context_words(self.words) or "(?!)")
        return self._bare

    def _lowered(self) -> re.Pattern[str]:
        if self._lower is None:
            self._lower = re.compile(_lowered_source(self.words) or "")
        return self._lower

    @property
    def reach(self) -> int:
        """How far before a span a word that :meth:`near` finds may begin: the window, and
        the length of the longest word that cannot start inside it."""
        return self.window + self._longest

    def near(self, text: str, start: int, end: int) -> bool:
        if self._source is None:
            return False
        lo = max(0, start - self.window)
        if self._within(text, lo, start) or self._long and self._runs_into(text, lo, start):
            return True
        return self.after and self._within(text, end, min(len(text), end + self.window))

    def _runs_into(self, text: str, lo: int, hi: int) -> bool:
        """Whether a word as long as the window starts before ``lo`` and ends inside
        ``text[lo:hi]``."""
        if self._long_rx is None:
            self._long_rx = re.compile(_context_source(self._long) or "(?!)", re.IGNORECASE)
        found = self._long_rx.search(text, max(0, lo - self._longest), hi)
        while found is not None and found.end() <= lo:
            found = self._long_rx.search(text, found.start() + 1, hi)
        return found is not None

    def _within(self, text: str, lo: int, hi: int) -> bool:
        """Whether a word lies in ``text[lo:hi]`` (the characters before ``lo`` count for the
        word boundary, as in ``search(text, lo, hi)``)."""
        if self._fold and self._source is not None:
            a = max(lo - 1, 0)  # one character more: the boundary before the first word
            piece = lower_in_place(text[a:hi])
            if piece is not None:
                return self._lowered().search(piece, lo - a) is not None
        rx = self._rx
        return rx is not None and rx.search(text, lo, hi) is not None


class _Heads:
    """The first pieces of every context matcher's words (:attr:`ContextMatcher._heads`) in
    one Aho-Corasick automaton: one pass over a lower-cased text tells which of them occur in
    it, for all recognizers at once, where each searched its own words (11 searches, ~120 us
    per ~1 KB gateway prompt). Pieces are only added: a matcher that goes away leaves its
    words, which find nothing wrong, only a search more."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pieces: frozenset[str] = frozenset()
        self._automaton: AhoCorasick | None = None

    def add(self, pieces: frozenset[str]) -> None:
        if pieces <= self._pieces:
            return
        with self._lock:
            self._pieces = self._pieces | pieces
            self._automaton = None

    def found(self, lowered: str) -> frozenset[str]:
        automaton = self._automaton
        if automaton is None:
            with self._lock:
                if self._automaton is None and self._pieces:
                    self._automaton = AhoCorasick(sorted(self._pieces),
                                                  matchkind=MATCHKIND_STANDARD)
                automaton = self._automaton
            if automaton is None:
                return frozenset()
        return frozenset(automaton.find_matches_as_strings(lowered, overlapping=True))


_HEADS = _Heads()


def context_heads(lowered: str) -> frozenset[str]:
    """Which first pieces of context words occur in ``lowered`` (a :func:`lower_in_place`
    text), for :meth:`ContextMatcher.anywhere`."""
    return _HEADS.found(lowered)


#: every ContextMatcher alive, for :func:`compile_context_matchers` (engines may be built on
#: several threads)
_MATCHERS: weakref.WeakSet[ContextMatcher] = weakref.WeakSet()
_MATCHERS_LOCK = threading.Lock()


def compile_context_matchers() -> list[re.Pattern[str]]:
    """Compile every context matcher's regexes now (a server, before its first request);
    returns their words without boundaries (:meth:`ContextMatcher.bare`), whose strings the
    caller registers as marks."""
    with _MATCHERS_LOCK:
        matchers = list(_MATCHERS)
    for matcher in matchers:
        matcher.compile()
    _HEADS.found("")  # builds the automaton
    return [b for m in matchers if (b := m.bare()) is not None]


class RecognizerRegistry:
    """An ordered set of recognizers, unique by name; the engine asks it per enabled entity."""

    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._by_name: dict[str, Recognizer] = {}
        for r in recognizers:
            self.add(r)

    def add(self, recognizer: Recognizer) -> None:
        self._by_name[recognizer.name] = recognizer

    def remove(self, name: str) -> None:
        self._by_name.pop(name, None)

    def get(self, name: str) -> Recognizer | None:
        return self._by_name.get(name)

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(list(self._by_name.values()))

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def for_entities(self, enabled: set[str] | None) -> list[Recognizer]:
        """Recognizers that can emit at least one enabled type (None: all)."""
        if enabled is None:
            return list(self._by_name.values())
        return [r for r in self._by_name.values() if set(r.entities) & enabled]


#: Builds a default recognizer for a policy, or returns None when the policy turns it off.
RecognizerFactory = Callable[["Policy"], Recognizer | None]
_R = TypeVar("_R", bound=Recognizer)
_DEFAULTS: dict[str, RecognizerFactory] = {}
#: the module that registered each default: a detection worker (a fresh interpreter that
#: imports Veil alone) rebuilds Veil's own, not those an application registers
_ORIGIN: dict[str, str] = {}


def _caller_module(depth: int) -> str:
    return str(sys._getframe(depth + 1).f_globals.get("__name__", ""))


def register(recognizer: _R) -> _R:
    """Add ``recognizer`` to the defaults of every engine created afterwards; returns it.

    A plug-in recognizer is declared once, at import time, like the built-ins::

        from veil.detect import Pattern, PatternRecognizer, register

        TICKET = register(PatternRecognizer(
            name="ticket", entity="TICKET_ID",
            patterns=[Pattern(r"\\bTCK-\\d{6}\\b", 0.6)],
            context=("ticket", "case"),
        ))

    A later registration under the same name replaces the earlier one. Policies can switch it
    off with ``recognizers: [{name: ticket, enabled: false}]``.
    """
    _DEFAULTS[recognizer.name] = lambda _policy: recognizer
    _ORIGIN[recognizer.name] = _caller_module(1)
    return recognizer


def register_factory(name: str, factory: RecognizerFactory) -> None:
    """Like :func:`register`, for a recognizer built per policy (NER needs the model name)."""
    _DEFAULTS[name] = factory
    _ORIGIN[name] = _caller_module(1)


def registered_by(name: str) -> str:
    """The module that registered the default recognizer ``name`` ("" for none)."""
    return _ORIGIN.get(name, "")


def default_names() -> list[str]:
    """Names of the registered default recognizers, in registration order."""
    return list(_DEFAULTS)


def default_recognizers(policy: Policy) -> list[Recognizer]:
    """The registered defaults as built for ``policy`` (those it turns off are left out)."""
    out = []
    for make in _DEFAULTS.values():
        r = make(policy)
        if r is not None:
            out.append(r)
    return out
