"""Marks that are a finite set of strings, found in one Aho-Corasick pass.

Many scan marks are alternations of words ("hi|hello|dear|...", "rue|via|calle|..."), some
behind ``(?<!\\w)``. The regex engine tries such an alternation at every position of the text
(no literal prefix to jump to): 20-40 ms per MB for each mark. The strings such a regex
matches are listed here once, by reading its parsed form, and an automaton finds them all in
one pass (ahocorasick-rs, in Rust: 4.5 against pyahocorasick's 14 us per KB for a mark of about
40 words, the same positions). A mark that is not such a set (classes wider than a few
characters, unbounded repeats, other look-arounds, case-insensitive flags) is left to the regex
engine.

Within a block of shared matches (:func:`veil.detect.patterns.shared_matches`) a text is read
once for every mark's strings together (:data:`STRINGS`): after the name model's run the
processor has evicted the automata, and each pass over a ~1 KB prompt then costs ~100 us, not
the ~3 us of a warm one; 50 marks read one by one cost a prompt 850 us, together 590 us.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import threading
import weakref
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from veil.alternation import branch_union, class_chars

#: the most strings one mark may expand to (a larger set is left to the regex engine)
_MAX_STRINGS = 4096
#: the most strings a mark's matches may begin with, and the shortest such string, for
#: :class:`Prefixes`: more or shorter ones occur nearly everywhere
_MAX_PREFIXES = 256
_MIN_PREFIX = 2
#: the items that match no character (look-arounds, anchors and word boundaries)
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
#: the widest character class expanded (a range such as ``0-9A-F``)
_MAX_CLASS = 32
#: the largest bounded repeat expanded (``s?``, ``[ \t]{0,2}``)
_MAX_REPEAT = 3


class Literals:
    """The strings of one mark: :meth:`positions` gives where any of them starts, as the
    mark's regex would (every position it matches at, overlapping ones included)."""

    def __init__(self, strings: dict[str, bool], word: re.Pattern[str]) -> None:
        self.strings = list(strings)
        self._guarded = list(strings.values())  # by string index: not after a word character
        self._word = word.match  # \w as the mark's flags read it (Unicode or ASCII)
        self._own: AhoCorasick | None = None
        self.slot = STRINGS.add(self)

    def positions(self, text: str, hits: Hits | None = None) -> list[int]:
        """``hits``: the text's :meth:`StringIndex.hits` (None: the mark reads the text
        itself)."""
        found = hits.get(self.slot) if hits is not None else None
        if found is None:
            found = _own_pass(self, text)
        word, guarded = self._word, self._guarded
        out: set[int] = set()
        for k, starts in found:
            if guarded[k]:
                out.update(p for p in starts if p == 0 or word(text, p - 1) is None)
            else:
                out.update(starts)
        return sorted(out)


class Prefixes:
    """The strings every match of a mark begins with: :meth:`positions` tries the mark's regex
    only where one of them starts (a word alternation followed by ``[ \\t]+\\d``: the regex
    engine tried it at every position)."""

    def __init__(self, strings: set[str]) -> None:
        self.strings = sorted(strings)
        self._own: AhoCorasick | None = None
        self.slot = STRINGS.add(self)

    def positions(self, text: str, mark: re.Pattern[str], hits: Hits | None = None) -> list[int]:
        """Every position where ``mark`` matches (overlapping ones included); ``hits`` as
        :meth:`Literals.positions` takes it."""
        found = hits.get(self.slot) if hits is not None else None
        if found is None:
            found = _own_pass(self, text)
        match = mark.match  # look-behinds read the text before the position too
        return [p for p in sorted(set().union(*(starts for _, starts in found)))
                if match(text, p) is not None]


_Mark = Literals | Prefixes


#: the occurrences of a mark's strings in a text: (index of the string in the mark, where it
#: starts), one entry per string found
Found = list[tuple[int, list[int]]]


class Hits:
    """Where each mark's strings occur in one text (:data:`Found`), for the marks the text
    was read for."""

    __slots__ = ("_covered", "_found")

    def __init__(self, found: dict[int, Found], covered: frozenset[int]) -> None:
        self._found = found
        self._covered = covered

    def get(self, slot: int) -> Found | None:
        """The occurrences of the mark in ``slot``'s strings, or None when the text was not
        read for it (a mark made after the automaton was built)."""
        found = self._found.get(slot)
        if found is None and slot in self._covered:
            return []
        return found

    def present(self) -> frozenset[int]:
        """The slots of the marks some of whose strings occur in the text."""
        return frozenset(self._found)

    @property
    def covered(self) -> frozenset[int]:
        """The slots of the marks the text was read for."""
        return self._covered


def _own_pass(mark: _Mark, text: str) -> Found:
    """The mark's strings in ``text`` by its own automaton (built on first use: most texts are
    read for every mark at once by :data:`STRINGS`)."""
    own = mark._own
    if own is None:
        own = mark._own = AhoCorasick(mark.strings, matchkind=MATCHKIND_STANDARD)
    return list(_starts_by_string(own.find_matches_as_indexes(text, overlapping=True)).items())


def _starts_by_string(matches: list[tuple[int, int, int]]) -> dict[int, list[int]]:
    """The automaton's matches (string, start, end) as each string's starts."""
    out: dict[int, list[int]] = {}
    for u, p, _ in matches:
        at = out.get(u)
        if at is None:
            out[u] = [p]
        else:
            at.append(p)
    return out


_Built = tuple[AhoCorasick, list[list[tuple[int, int]]], frozenset[int], int]


class StringIndex:
    """Every mark's strings in one automaton: a text is read once for all of them, not once
    per mark (50 marks read a ~1 KB prompt in 155 us one by one, in 10-15 us together, and the
    one automaton stays in the processor's cache). Marks are added as they are made; one made
    after the automaton was built is read on its own until the next text rebuilds it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._marks: weakref.WeakValueDictionary[int, _Mark] = weakref.WeakValueDictionary()
        self._slots = itertools.count()
        self._added = 0  # marks added so far: the automaton is rebuilt when it is behind
        # the automaton, each of its strings' (slot, index in that mark), the slots it covers,
        # and how many marks had been added when it was built
        self._built: _Built | None = None

    def add(self, mark: _Mark) -> int:
        with self._lock:
            slot = next(self._slots)
            self._marks[slot] = mark
            self._added += 1
            return slot

    @property
    def pending(self) -> int:
        """How many marks were added since the automaton was built (the next text builds it
        again)."""
        built = self._built
        return self._added - (built[3] if built is not None else 0)

    def build(self) -> None:
        """Build the automaton now if a mark was added since (a server, before its first
        request: a build of every mark's strings takes ~0.3 s, which the first text after a
        new mark waited for)."""
        built = self._built
        if built is None or built[3] != self._added:
            self._build()

    def hits(self, text: str) -> Hits:
        """Where every mark's strings occur in ``text``."""
        built = self._built
        if built is None or built[3] != self._added:
            built = self._build()
        automaton, owners, covered, _ = built
        # each string's starts first, then handed to its marks: a string shared by marks is
        # handed on once, not once per occurrence (a megabyte holds ~190,000 occurrences
        # of ~3,000 strings)
        found: dict[int, Found] = {}
        for u, starts in _starts_by_string(
                automaton.find_matches_as_indexes(text, overlapping=True)).items():
            for slot, k in owners[u]:
                at = found.get(slot)
                if at is None:
                    found[slot] = [(k, starts)]
                else:
                    at.append((k, starts))
        return Hits(found, covered)

    def _build(self) -> _Built:
        with self._lock:  # dropped marks leave the automaton at its next build
            marks, added = dict(self._marks), self._added
        index: dict[str, list[tuple[int, int]]] = {}
        for slot, mark in marks.items():
            for k, s in enumerate(mark.strings):
                index.setdefault(s, []).append((slot, k))
        strings = list(index)
        # (no mark yet: one string that no text holds keeps the automaton valid)
        automaton = AhoCorasick(strings or ["\uffff\uffff"], matchkind=MATCHKIND_STANDARD)
        built = (automaton, [index[s] for s in strings] or [[]], frozenset(marks), added)
        self._built = built  # one assignment: a thread reading the old one finishes with it
        return built


#: the marks of every pattern in this process
STRINGS = StringIndex()


@functools.lru_cache(maxsize=512)
def literals_of(pattern: str, flags: int) -> Literals | None:
    """The mark ``pattern`` (with ``flags``) as :class:`Literals`, or None when it is not a
    small set of strings."""
    # (one word is a set too: a mark read on its own found one or two words faster by the
    # regex engine's literal prefix search, but every mark's strings are found in the text's
    # one pass, where a word costs only its occurrences; and a mark whose strings the pass did
    # not find is known absent without a search: the idle plan's set arithmetic)
    strings = _analysis("strings", pattern, flags)
    if not strings or "" in strings:
        return None
    return Literals(strings, re.compile(r"\w", flags & re.ASCII))


@functools.lru_cache(maxsize=512)
def prefixes_of(pattern: str, flags: int) -> Prefixes | None:
    """The mark ``pattern`` (with ``flags``) as :class:`Prefixes`, or None when its matches do
    not begin with a few strings of two characters or more (a class of letters repeated
    begins with every pair of letters: the regex engine is faster there)."""
    found = _analysis("prefixes", pattern, flags)
    if found is None:
        return None
    strings = set(found)
    # even one string is worth finding in the one pass, as for literals_of
    if not strings or len(strings) > _MAX_PREFIXES or min(map(len, strings)) < _MIN_PREFIX:
        return None
    return Prefixes(strings)


def _analysis(kind: str, pattern: str, flags: int) -> Any:
    """What the parsed mark holds: ``"strings"``, every string it matches (string ->
    guarded, :func:`_branches`); ``"prefixes"``, the strings its matches begin with. Kept
    from one process to the next for Veil's own marks (:func:`kept_analyses`): parsing them
    was ~0.1 s of a ``veil protect``."""
    key = (kind, pattern, flags)
    kept = _kept()
    if key in kept:
        return kept[key]
    parsed = _parsed(pattern, flags)
    found: Any = None
    if parsed is not None and kind == "strings":
        found = _branches(parsed)
    elif parsed is not None:
        found = sorted(_prefixes(parsed))
    if _made is not None:
        _made[key] = found
    return found


#: the analyses this process made, while one records them (:func:`record_analyses`)
_made: dict[tuple[str, str, int], Any] | None = None


def record_analyses() -> dict[tuple[str, str, int], Any]:
    """From now on, keep each analysis this process makes in the dict returned (the
    recording of :mod:`veil.regex_code`, in a process of its own with Veil's defaults: a
    policy's own patterns never reach it)."""
    global _made
    _made = {}
    return _made


@functools.cache
def analyses_version() -> str | None:
    """A digest of the code that makes the analyses: kept ones made by other code are not
    read. None when the sources cannot be read (nothing is then kept)."""
    from veil import alternation

    digest = hashlib.sha256()
    try:
        for module in (__file__, alternation.__file__):
            digest.update(Path(module).read_bytes())
    except (OSError, TypeError):
        return None
    return digest.hexdigest()


@functools.cache
def _kept() -> dict[tuple[str, str, int], Any]:
    """The analyses the recording kept for this code (:func:`analyses_version`), or none."""
    from veil.regex_code import read_kept

    version = analyses_version()
    return read_kept("marks", version) if version is not None else {}


def _parsed(pattern: str, flags: int) -> list[tuple[Any, Any]] | None:
    """The mark's parsed items, or None when case, lines or layout flags (inline ones too)
    change what its characters match."""
    if flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE):
        return None
    parsed = _parse(pattern, flags)
    if parsed is None or parsed.state.flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE):
        return None  # inline flags: (?i) and the like
    return list(parsed)


@functools.lru_cache(maxsize=512)
def _parse(pattern: str, flags: int) -> Any:
    """The mark parsed once for :func:`literals_of` and :func:`prefixes_of` both (the parse
    is most of their time: ~290 marks when a process reads its first text)."""
    try:
        return sre_parse.parse(pattern, flags)
    except re.error:
        return None


def _prefixes(items: list[tuple[Any, Any]]) -> set[str]:
    """Strings one of which begins every match of the sequence: its longest run of leading
    items that expand to a small set ("" when there is none). Zero-width assertions first are
    skipped: the regex checks them where a string is found."""
    k = 0
    while k < len(items) and items[k][0] in _ZERO_WIDTH:
        k += 1
    out = {""}
    for op, av in items[k:]:
        options = _options(op, av)
        if options is None:  # the item's own beginnings, then no further
            options = _leading(op, av)
            if options is not None and len(out) * len(options) <= _MAX_PREFIXES:
                out = {a + b for a in out for b in options}
            break
        longer = {a + b for a in out for b in options}
        if len(longer) > _MAX_PREFIXES:
            break
        out = longer
    return out


def _leading(op: Any, av: Any) -> set[str] | None:
    """The strings an alternation's or a group's matches begin with (branches with a
    look-behind of their own, a repeat after a word)."""
    if op is sre.BRANCH:
        return {p for branch in av[1] for p in _prefixes(list(branch))}
    if op is sre.SUBPATTERN:
        return _prefixes(list(av[-1]))
    return None


def _branches(items: list[tuple[Any, Any]]) -> dict[str, bool] | None:
    """The strings of a sequence that may start with ``(?<!\\w)`` (string -> guarded), or of
    a top-level alternation of such sequences."""
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        out: dict[str, bool] = {}
        for branch in items[0][1][1]:
            found = _branches(list(branch))
            if found is None:
                return None
            for s, guarded in found.items():
                out[s] = out.get(s, True) and guarded  # unguarded wins: it matches more
            if len(out) > _MAX_STRINGS:
                return None
        return out
    guarded = bool(items) and _not_after_word(items[0])
    strings = _expand(items[1:] if guarded else items)
    return None if strings is None else dict.fromkeys(strings, guarded)


def _not_after_word(item: tuple[Any, Any]) -> bool:
    """Whether ``item`` is ``(?<!\\w)``."""
    op, av = item
    if op is not sre.ASSERT_NOT or av[0] != -1:
        return False
    body = list(av[1])
    return len(body) == 1 and body[0][0] is sre.IN and \
        list(body[0][1]) == [(sre.CATEGORY, sre.CATEGORY_WORD)]


def _expand(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Every string the sequence matches, or None when that is not a small finite set."""
    out = {""}
    for op, av in items:
        options = _options(op, av)
        if options is None:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _options(op: Any, av: Any) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return class_chars(av, _MAX_CLASS)
    if op is sre.BRANCH:
        return branch_union(av[1], _expand)
    if op is sre.SUBPATTERN:
        return _expand(list(av[-1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lo, hi, sub = av
        if hi > _MAX_REPEAT:
            return None
        body = _expand(list(sub))
        if body is None:
            return None
        return {"".join(p) for n in range(lo, hi + 1) for p in itertools.product(body, repeat=n)}
    return None  # anchors, look-arounds, categories, back-references
