"""Declarative pattern recognizers: regexes, a validator, context words (Presidio-style)."""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, TypeVar

from veil.casefold import lower_in_place
from veil.detect.entity import Detection
from veil.detect.literals import STRINGS, Hits, Literals, Prefixes, literals_of, prefixes_of
from veil.detect.recognizer import (
    DEFAULT_CONTEXT_WINDOW,
    ContextMatcher,
    Recognizer,
    compile_context_matchers,
    context_heads,
)
from veil.detect.validators import VALIDATORS, Validator

if TYPE_CHECKING:
    from veil.config import RecognizerRule


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regex and the score of a match before validation and context.

    If the regex has a group named ``v``, only that group is the detected value (the rest is
    anchoring context such as ``password=``). ``check=False`` skips the recognizer's validator
    (a deny-list word is sensitive because it was declared, not because of its checksum).
    """

    regex: str
    score: float
    flags: int = 0
    check: bool = True
    #: For a pattern that cannot match without a digit: at most this many non-space
    #: characters come before the first digit of a match (0: a match starts at its digit), and
    #: that digit starts a digit run (no digit right before it). The regex is then tried only
    #: there instead of at every position of the text. A declaration the tests check against
    #: the full scan: a match starting elsewhere would be missed.
    lead: int | None = None
    #: With ``lead``: a regex that matches at the first digit of every match (the pattern's own
    #: continuation from there); digit runs where it does not match are skipped. With ``at``:
    #: one that matches at the first occurrence of ``at`` in every match, likewise.
    anchor: str | None = None
    #: With ``lead``, instead of digits: a string every match contains, with at most ``lead``
    #: non-space characters before its first occurrence in the match.
    at: str | None = None
    #: Like ``at``, a regex (with the pattern's flags): every match contains a position where
    #: it matches, with at most ``lead`` non-space characters before the first such position
    #: (``":[0-9A-Fa-f]{0,4}:"``: the first colon of an IPv6 address). Searched from each
    #: position it was found at on, so overlapping marks are found too.
    mark: str | None = None
    #: False: a match holds no whitespace before its anchor (digit, ``at`` or ``mark``), so
    #: only the non-space characters right before an anchor (at most ``lead``) are tried.
    spaced: bool = True
    #: With ``mark`` or ``at``, instead of ``lead``: at most this many runs of whitespace come
    #: before the anchor in a match, the words between them of any length (a street name of
    #: up to three words before ``Strasse 5``).
    words: int | None = None
    #: With ``mark`` or ``anchor``: written in lower case and matched against the text
    #: lower-cased, so that it finds every case of a case-insensitive word. The regex engine
    #: tries a case-insensitive alternation several times slower than the same words against a
    #: lower-cased copy of the text.
    fold: bool = False
    #: With ``mark`` or ``at``, instead of ``lead``: no match crosses a newline, and the line
    #: of every match holds the mark, anywhere in it (a name before the verb that makes it
    #: one). The regex then runs over those lines only. It must not read the end of the text
    #: (``$`` without ``re.MULTILINE``, ``\Z``): a line's end would stand in for it.
    lines: bool = False
    #: Instead of an anchor: every match starts at a line start (the text's start, after a
    #: newline, or after a "\\n" escaped as JSON and logs write it); only those are tried.
    line_start: bool = False
    #: With ``at`` or ``mark``: a regex (with the pattern's flags) whose match every match of
    #: the pattern ends with, as a lazy scan to a closing line ends a PEM block. Anchors from
    #: the start of its last match in the text on cannot begin a match and are not tried:
    #: without this, a text of opening lines and no closing one was read to its end from
    #: every opening line (quadratic).
    until: str | None = None
    #: With ``until``: a regex of what a match never holds between its anchor and its ``until``
    #: match (a connection string holds no whitespace). An anchor whose next ``until`` match
    #: comes after the next such break is not tried either.
    breaks: str | None = None
    #: With ``at`` or ``mark``: the inside of a character class (``"A-Za-z0-9_-"``). Only the
    #: first anchor of each run of these characters is tried, for a pattern whose match from a
    #: later anchor of a run is also a match from the first one (which reads the run up to
    #: it): finditer would never start at a later one, and each later one that fails reads the
    #: rest of the run again (a JWT's segment scanned for its dot from every "eyJ" of
    #: "eyJ-eyJ-...": quadratic).
    runs: str | None = None


#: False: every pattern scans every position (the reference the anchored scan must equal).
ANCHORED = True
_RUNS = re.compile(r"\d+")
_RUNS_ASCII = re.compile(r"[0-9]+")
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")

_shared = threading.local()
_T = TypeVar("_T")


@contextlib.contextmanager
def shared_matches() -> Iterator[None]:
    """Within this block, a regex is run once per text on this thread: recognizers sharing
    patterns (date of birth and date, both over every date pattern) reuse the spans. The texts
    are released when the block ends."""
    outer = getattr(_shared, "memo", None)
    _shared.memo = {} if outer is None else outer
    try:
        yield
    finally:
        _shared.memo = outer
        _shared.last = None  # (the last texts' entries: released with the block)


class Scan:
    """A :class:`Pattern`, and where in a text its matches can start.

    The regexes compile on first use: most patterns need a digit or a literal to start, so a
    short text without one never compiles them (compiling all of them at import was a tenth of
    ``veil protect``'s start-up)."""

    __slots__ = ("__weakref__", "_anchor", "_ascii", "_rx", "at", "breaks", "by_mark",
                 "digit_runs", "fold", "key", "lead", "line_start", "lines", "mark", "pattern",
                 "runs", "spaced", "_strings", "until", "words")

    def __init__(self, pattern: Pattern) -> None:
        with _SCANS_LOCK:
            _SCANS.add(self)
        self.pattern = pattern
        #: What the regex is: recognizers that share one share its matches in a batch.
        self.key = (pattern.regex, pattern.flags)
        self._rx: re.Pattern[str] | None = None
        self._anchor: re.Pattern[str] | None = None
        self._ascii: bool | None = None
        #: the mark's strings (:func:`literals_of`, else :func:`prefixes_of`), False where it
        #: is neither; None until first asked
        self._strings: Literals | Prefixes | bool | None = None
        self.lead = pattern.lead
        self.at = pattern.at
        flags = pattern.flags & ~re.IGNORECASE if pattern.fold else pattern.flags
        self.mark = re.compile(pattern.mark, flags) if pattern.mark else None
        self.fold = pattern.fold
        self.spaced = pattern.spaced
        self.words = pattern.words
        self.lines = pattern.lines
        self.line_start = pattern.line_start
        self.until = re.compile(pattern.until, pattern.flags) if pattern.until else None
        self.breaks = re.compile(pattern.breaks, pattern.flags) if pattern.breaks else None
        # what ends a run: any character outside the class
        self.runs = re.compile(f"[^{pattern.runs}]") if pattern.runs else None
        if self.line_start and self.lead is None:
            self.lead = 0
        if self.words is not None and self.lead is None:
            self.lead = 0  # anchored: ``words`` bounds the start instead
        #: whether :meth:`_anchors` gives the text's digit runs (no line start, mark or string
        #: to look for instead): one place for :meth:`_anchors` and :attr:`on_digits` to read
        self.digit_runs = not self.line_start and self.mark is None and self.at is None
        #: whether :meth:`matches` (anchored) tries the mark's matches only: no mark, no match
        self.by_mark = self.mark is not None and not self.line_start and (
            self.lead is not None or self.lines)

    @property
    def rx(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:  # two threads may both compile: the same pattern either way
            rx = self._rx = re.compile(self.pattern.regex, self.pattern.flags)
        return rx

    @property
    def anchor(self) -> re.Pattern[str] | None:
        if self.pattern.anchor is None:
            return None
        if self._anchor is None:
            flags = self.pattern.flags & ~re.IGNORECASE if self.fold else self.pattern.flags
            self._anchor = re.compile(self.pattern.anchor, flags)
        return self._anchor

    def compile(self) -> None:
        """Compile the regexes now instead of at first use (see :func:`compile_all`), and
        the mark's automaton when it is a set of strings."""
        _ = self.rx, self.anchor
        if self.mark is not None:
            literals_of(self.mark.pattern, self.mark.flags)
            prefixes_of(self.mark.pattern, self.mark.flags)

    @property
    def on_digits(self) -> bool:
        """Whether :meth:`matches` (anchored) tries digit runs only: no digit, no match."""
        return self.lead is not None and not self.lines and self.digit_runs

    @property
    def ascii(self) -> bool:
        """Whether the pattern's own digits are ASCII only (``re.ASCII``, inline flags too)."""
        known = self._ascii
        if known is None:  # RegexFlag's "&" runs in Python: once per pattern, not per text
            known = self._ascii = bool(self.rx.flags & re.ASCII)
        return known

    def matches(self, text: str, memo: dict[object, Any] | None = None
                ) -> Iterator[re.Match[str]]:
        """Exactly ``rx.finditer(text)``, trying fewer positions when the pattern allows
        (``memo``: the text's own, :func:`_text_memo`, where the caller holds it)."""
        if not ANCHORED or self.lead is None and not self.lines:
            return self.rx.finditer(text)
        return self._in_lines(text, memo) if self.lines else self._anchored(text, memo)

    def _in_lines(self, text: str, memo: dict[object, Any] | None) -> Iterator[re.Match[str]]:
        # no match crosses a line break, so the lines' matches are the text's, in order
        end = -1
        anchors = self._anchors(text, memo)
        if self.runs is not None or self.until is not None:
            anchors = self._narrowed(text, anchors)
        for p in anchors:
            if p <= end:
                continue  # a line already read
            start = text.rfind("\n", 0, p) + 1
            end = text.find("\n", p)
            if end < 0:
                end = len(text)
            yield from self.rx.finditer(text, start, end)

    def _narrowed(self, text: str, found: list[int]) -> list[int]:
        """``found`` less the anchors that ``runs`` and ``until`` rule out."""
        if self.runs is not None and len(found) > 1:
            ends = self.runs.search  # a break between two anchors: the later starts a run
            found = [found[0], *(p for q, p in zip(found, found[1:], strict=False)
                                 if ends(text, q, p) is not None)]
        if self.until is None or not found:
            return found
        closers = [m.start() for m in self.until.finditer(text, found[0])]
        if not closers:
            return []
        if self.breaks is None:
            return [p for p in found if p < closers[-1]]
        # brk: the first break at or after the anchor; anchors only grow, so each part of the
        # text is searched for a break once
        keep: list[int] = []
        brk = -1
        for p in found:
            i = bisect.bisect_left(closers, p)
            if i == len(closers):
                break
            if brk < p:
                m = self.breaks.search(text, p)
                brk = len(text) if m is None else m.start()
            if closers[i] < brk:
                keep.append(p)
        return keep

    def starts(self, text: str) -> list[int]:
        """Where a match can start, ascending (the anchors :meth:`matches` tries), for a caller
        that sifts them before any regex runs."""
        return self._anchors(text)

    def any_anchor(self, text: str) -> bool:
        """Whether :meth:`_anchors` may find any (a recognizer's idle test): for a mark that is
        a set of strings, known from where the text's one pass found none of them, without
        listing the anchors (most marks of most prompts). Digit runs: any digit, as the
        recognizers alike in their anchors share the verdict and one may read every digit."""
        if self.mark is not None:
            if self.no_mark(text):
                return False
        elif self.digit_runs:
            return bool(_digit_runs(text, False))
        return bool(self._anchors(text))

    def no_mark(self, text: str, memo: dict[object, Any] | None = None) -> bool:
        """Whether the text's one pass found none of the mark's strings, for a mark that is a
        set of strings: no anchor, known without listing them (False: there may be some).
        ``memo``: the text's own (:func:`_text_memo`), where the caller holds it."""
        strings = self._strings
        if strings is None:
            mark = self.mark
            if mark is None:
                return False
            strings = self._strings = literals_of(mark.pattern, mark.flags) \
                or prefixes_of(mark.pattern, mark.flags) or False
        if not isinstance(strings, Literals | Prefixes):
            return False
        if memo is not None and not self.fold:
            hits = memo.get("strings")
            if hits is None:
                hits = _string_hits(text)
        else:  # (a busy scan's case, a street's marks: ~45 a short prompt)
            hay = _folded(text, memo) if self.fold else text
            hits = None if hay is None else _string_hits(hay)
        found = None if hits is None else hits.get(strings.slot)
        return found is not None and not found  # (None: the pass did not read for it)

    def _anchors(self, text: str, memo: dict[object, Any] | None = None) -> list[int]:
        if self.digit_runs:
            runs = _digit_runs(text, False, memo)
            # no digit at all: no ASCII digit either, and the pattern need not be compiled
            return _digit_runs(text, True, memo) if runs and self.ascii else runs
        if self.line_start:
            return _line_starts(text)
        if self.mark is not None:
            if self.fold:
                low = _folded(text, memo)
                if low is None:  # lower case changes the length: search every case instead
                    return _marks(re.compile(self.mark.pattern, self.mark.flags | re.IGNORECASE),
                                  text)
                return _marks(self.mark, low)
            return _marks(self.mark, text)
        assert self.at is not None  # nosec B101 # digit_runs covers every other case
        return _occurrences(text, self.at)

    def _anchored(self, text: str, memo: dict[object, Any] | None
                  ) -> Iterator[re.Match[str]]:
        # finditer tries each position from the end of the last match and takes the first that
        # matches; positions where no match can start are skipped, the order is kept.
        anchors = self._anchors(text, memo)
        if self.runs is not None or self.until is not None:
            anchors = self._narrowed(text, anchors)
        if not anchors:
            return
        lead, anchor, match, words = self.lead or 0, self.anchor, self.rx.match, self.words
        if lead == 0 and anchor is None and words is None:
            # one position per anchor: try them all (in C: most anchors match nothing), then
            # keep those finditer would reach
            pos = 0
            todo: Any = iter(anchors)  # a list iterator: its position can be set
            for hit in filter(None, map(match, repeat(text), todo)):
                r = hit.start()  # the anchor: match() starts where it is told
                if r < pos:
                    continue
                if hit.end() == r:  # an empty match: finditer's own rules apply from here
                    yield from self.rx.finditer(text, r)
                    return
                yield hit
                pos = hit.end()
                # finditer goes on from the match's end: the anchors inside it are not tried
                # (each would read the match again: "token=token=..." was quadratic)
                todo.__setstate__(bisect.bisect_left(anchors, pos))
            return
        if anchor is not None:  # only the anchors where the continuation matches (in C)
            hay = _folded(text, memo) if self.fold else text
            if hay is None:  # lower case changes the length: match every case instead
                hay, anchor = text, re.compile(anchor.pattern, anchor.flags | re.IGNORECASE)
            anchors = [m.start() for m in filter(None, map(anchor.match, repeat(hay), anchors))]
        back = _back if self.spaced else _solid_back
        pos = tried = 0  # end of the last match; first position not yet tried
        for r in anchors:
            if r < pos:
                continue
            if words is not None:
                p = _words_back(text, r, words, max(pos, tried))
            else:
                p = max(r if lead == 0 else back(text, r, lead), pos, tried)
            while p <= r:
                m = match(text, p)
                if m is None:
                    p += 1
                elif m.end() == p:  # an empty match: finditer's own rules apply from here
                    yield from self.rx.finditer(text, p)
                    return
                else:
                    yield m
                    p = pos = m.end()
            tried = max(tried, r + 1)


#: every Scan alive, for :func:`compile_all` (engines may be built on several threads)
_SCANS: weakref.WeakSet[Scan] = weakref.WeakSet()
_SCANS_LOCK = threading.Lock()


def compile_all() -> None:
    """Compile every pattern's and context matcher's regexes now. A server calls this before
    its first request: compiling on first use, which keeps ``veil protect`` quick to start,
    cost a gateway's first messages 70 ms."""
    with _SCANS_LOCK:
        scans = list(_SCANS)
    for scan in scans:
        scan.compile()
    for bare in compile_context_matchers():
        # a required word's mark is made at its recognizer's first candidate: made now, it is
        # in the automaton built before the first request
        if literals_of(bare.pattern, bare.flags) is None and not _one_wide(bare.pattern,
                                                                           bare.flags):
            prefixes_of(bare.pattern, bare.flags)


def _back(text: str, r: int, n: int) -> int:
    """The first position from which at most ``n`` non-space characters precede ``r``."""
    i = r
    while i > 0:
        if not text[i - 1].isspace():
            if n == 0:
                break
            n -= 1
        i -= 1
    return i


def _words_back(text: str, r: int, n: int, floor: int) -> int:
    """The first position from which at most ``n`` runs of whitespace precede ``r`` (not below
    ``floor``: positions before it were tried already)."""
    i = r
    while True:
        while i > floor and not text[i - 1].isspace():
            i -= 1
        if n == 0 or i <= floor:
            return max(i, floor)
        while i > floor and text[i - 1].isspace():
            i -= 1
        n -= 1


_LAST_SPACE = re.compile(r"\s\S*\Z")


def _solid_back(text: str, r: int, n: int) -> int:
    """The first position from which at most ``n`` characters, none of them whitespace,
    precede ``r``."""
    lo = max(r - n, 0)
    m = _LAST_SPACE.search(text, lo, r)  # \Z: at r, the end of the searched slice
    return lo if m is None else m.start() + 1


def runs_at_hints(run: re.Pattern[str], hint: re.Pattern[str],
                  text: str) -> list[tuple[int, int]]:
    """The spans of ``run.finditer(text)``, for a ``run`` whose every match holds a match of
    ``hint`` one character after its start (a run of spaced letters: "a b c" holds " b c"):
    the run is tried only there, not at every position, which its look-behind made the
    regex engine do (a cheap ``hint`` is searched by its leading literal)."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (h := hint.search(text, pos)) is not None:
        start = h.start() - 1
        m = run.match(text, start) if start >= pos else None
        if m is not None:
            out.append(m.span())
            pos = m.end()
        else:
            pos = h.start() + 1
    return out


def _marks(mark: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``mark`` matches, overlapping ones included (a search from each
    found position on: a mark that starts with a literal is found by the C prefix scan, which
    a zero-width ``(?=...)`` finditer would not use); shared by the patterns within one block
    (the name heuristics' scans share the mark of a capitalised word)."""
    return _memoized(text, ("marks", mark.pattern, mark.flags), _find_marks, mark, text)


def mark_positions(mark: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``mark`` matches in ``text`` (overlapping ones included), once per
    text within a :func:`shared_matches` block; a mark that is a set of strings is found in
    the text's one pass for every such mark (a recognizer's own cue words: 48 ``in`` tests of
    a ~1 KB prompt cost ~20 us)."""
    return _marks(mark, text)


def _find_marks(mark: re.Pattern[str], text: str) -> list[int]:
    literals = literals_of(mark.pattern, mark.flags)
    if literals is not None:  # a set of strings: found with every other mark's
        return literals.positions(text, _string_hits(text))
    if _one_wide(mark.pattern, mark.flags):
        # each match is one character: finditer's next search starts where the loop's would
        # (one call instead of one per mark; a capital in a ~1 KB prompt: 9 against 15 us)
        return [m.start() for m in mark.finditer(text)]
    prefixes = prefixes_of(mark.pattern, mark.flags)
    if prefixes is not None:  # tried only where a string its matches begin with is
        return prefixes.positions(text, mark, _string_hits(text))
    out: list[int] = []
    search = mark.search
    m = search(text)
    while m is not None:
        out.append(m.start())
        if m.start() == len(text):  # an empty mark at the end: a search from past it finds it
            break
        m = search(text, m.start() + 1)
    return out


def _string_hits(text: str) -> Hits | None:
    """Where every mark's strings occur in ``text``, found in one pass once per text within a
    :func:`shared_matches` block (None outside one: each mark reads the text itself)."""
    per = _text_memo(text)
    if per is None:
        return None
    hits: Hits | None = per.get("strings")
    if hits is None:
        hits = per["strings"] = _find_strings(text)
    return hits


def _find_strings(text: str) -> Hits:
    _index_marks()
    return STRINGS.hits(text)


@functools.cache
def _index_marks() -> None:
    """Every live pattern's mark in :data:`STRINGS` before its first pass (not one by one as
    the first texts ask for them, each asking for a rebuild). Patterns made later are added
    when first asked."""
    with _SCANS_LOCK:
        marks = {scan.mark for scan in _SCANS if scan.mark is not None}
    for mark in marks:
        literals_of(mark.pattern, mark.flags)
        prefixes_of(mark.pattern, mark.flags)


@functools.lru_cache(maxsize=256)
def _one_wide(pattern: str, flags: int) -> bool:
    """Whether every match of the mark is exactly one character long."""
    try:
        return bool(sre_parse.parse(pattern, flags).getwidth() == (1, 1))
    except re.error:
        return False


def _line_starts(text: str) -> list[int]:
    """Where a line starts in ``text``: 0, after each newline and after each escaped "\\n"
    (shared by the patterns within one block)."""
    return _memoized(text, "line starts", _find_line_starts, text)


def _find_line_starts(text: str) -> list[int]:
    starts = [0, *(i + 1 for i in _occurrences(text, "\n"))]
    escaped = [i + 2 for i in _occurrences(text, "\\n")]
    if escaped:
        starts = sorted({*starts, *escaped})
    return starts


def context_heads_of(lowered: str) -> frozenset[str]:
    """:func:`context_heads` of a lower-cased text, shared by the recognizers within one
    block."""
    return _memoized(lowered, "context heads", context_heads, lowered)


def folded(text: str) -> str | None:
    """:func:`lower_in_place` of ``text``, shared by the patterns within one block."""
    return _memoized(text, "folded", lower_in_place, text)


def _folded(text: str, memo: dict[object, Any] | None) -> str | None:
    """:func:`folded`, read from ``memo``, the text's own, where the caller holds it."""
    if memo is not None:
        low = memo.get("folded", _MISSING)
        if low is not _MISSING:
            return low  # type: ignore[no-any-return]
    return folded(text)


#: a text and what was found in it within a block
_MemoEntry = tuple[str, dict[object, Any]]


def _text_memo(text: str) -> dict[object, Any] | None:
    """What was found in ``text`` within a :func:`shared_matches` block, by kind (None outside
    one). One dictionary per text: the hundred recognizers of a prompt ask a few hundred times
    (~400 asks of a short prompt; a key of the text's id and the kind cost a tuple each)."""
    # the last two texts asked for (a text and its lower-cased copy, asked in turns) are
    # answered without the block's dictionary: ~460 asks of a short prompt
    last: tuple[_MemoEntry, _MemoEntry] | None = getattr(_shared, "last", None)
    if last is not None:
        if last[0][0] is text:
            return last[0][1]
        if last[1][0] is text:
            return last[1][1]
    memo: dict[int, _MemoEntry] | None = getattr(_shared, "memo", None)
    if memo is None:
        return None
    entry = memo.get(id(text))
    if entry is None or entry[0] is not text:  # the text is held, so its id is not reused
        entry = memo[id(text)] = (text, {})
    _shared.last = (entry, entry if last is None else last[0])
    return entry[1]


_MISSING = object()


def _memoized(text: str, kind: object, compute: Callable[..., _T], *args: Any) -> _T:
    """``compute(*args)``, what ``kind`` of thing it finds in ``text``, once per text within a
    :func:`shared_matches` block (outside one, every call computes it)."""
    per = _text_memo(text)
    if per is None:
        return compute(*args)
    found = per.get(kind, _MISSING)
    if found is _MISSING:
        found = per[kind] = compute(*args)
    return found  # type: ignore[no-any-return]


def _occurrences(text: str, s: str) -> list[int]:
    """Every start of ``s`` in ``text``, overlapping ones included."""
    out: list[int] = []
    i = text.find(s)
    while i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def _digit_runs(text: str, ascii_only: bool,
                memo: dict[object, Any] | None = None) -> list[int]:
    """Start of every run of digits in ``text`` (shared by the patterns within one block;
    ``memo``: the text's own, where the caller holds it: a busy digit scan asks twice)."""
    kind = "ascii-runs" if ascii_only else "runs"
    if memo is not None:
        runs: list[int] | None = memo.get(kind)
        if runs is not None:
            return runs
    return _memoized(text, kind, _find_digit_runs, text, ascii_only)


def _find_digit_runs(text: str, ascii_only: bool) -> list[int]:
    # an ASCII text (known without reading it) holds no other digit
    if ascii_only and (text.isascii() or _NON_ASCII_DIGIT.search(text) is None):
        return _digit_runs(text, False)  # every digit is ASCII: the same runs
    rx = _RUNS_ASCII if ascii_only else _RUNS
    return [m.start() for m in rx.finditer(text)]


def _spans(scan: Scan, text: str, per: dict[object, Any] | None) -> list[tuple[int, int]]:
    """[start, end) of each match of ``scan`` (of its group ``v`` when it has one); ``per``:
    the text's memo (:func:`_text_memo`), looked up once for all of a recognizer's scans."""
    hit = per.get(scan.key) if per is not None else None
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    if scan.by_mark and ANCHORED and scan.no_mark(text, per):
        # tried at its mark only, and none of the mark's strings is in the text: a busy
        # recognizer's other scans (a street's thirty marks) skip listing their anchors
        spans: list[tuple[int, int]] = []
    else:
        spans = [m.span("v") if "v" in m.re.groupindex else m.span()
                 for m in scan.matches(text, per)]
    if per is not None:
        per[scan.key] = spans
    return spans


#: an object per distinct idle test (:attr:`PatternRecognizer._idle_key`)
_IDLE_KEYS: dict[tuple[object, ...], object] = {}


class PatternRecognizer(Recognizer):
    """Regex candidates -> validator -> context boost.

    ``context_required``: matches without a context word nearby are dropped (passport numbers,
    dates of birth, generic tokens), because the pattern alone is too common to mean PII.
    """

    def __init__(
        self,
        *,
        name: str,
        entity: str,
        patterns: Sequence[Pattern],
        validate: Validator | None = None,
        context: Sequence[str] = (),
        context_required: bool = False,
        context_window: int = DEFAULT_CONTEXT_WINDOW,
        context_boost: float = 0.3,
        context_after: bool = True,
        validated: bool | None = None,
        prefilter: Callable[[str], bool] | None = None,
        refine: Callable[[str], tuple[int, int] | None] | None = None,
        languages: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.languages = tuple(languages)
        self.entity = entity
        self.entities = (entity,)
        self.patterns = tuple(patterns)
        self._compiled = [(Scan(p), p.score, p.check) for p in self.patterns]
        self.validate = validate
        self.context = ContextMatcher(context, context_window, after=context_after)
        self.context_required = context_required
        self.context_boost = context_boost
        self.validated = bool(validate) if validated is None else validated
        self._prefilter = prefilter
        # refine(value) -> (start, end) of the valid part, or None: trims a greedy match
        # (an IPv6 address followed by ":8080", an IBAN followed by an upper-case word)
        self._refine = refine
        # every pattern is tried at digit runs only: a text without a digit is not read
        # scan by scan (a third of short prompts hold none)
        self._on_digits = all(scan.on_digits for scan, _, _ in self._compiled)
        # every pattern is tried at its anchors only (digit runs, marks, a string): a text
        # without any of them finds nothing, known from one scan of each kind of anchor
        # (a login's ten patterns share one mark)
        self._anchor_kinds: list[Scan] | None = None
        if not self._on_digits and all(scan.lead is not None or scan.lines
                                       for scan, _, _ in self._compiled):
            kinds: dict[object, Scan] = {}
            for scan, _, _ in self._compiled:
                kind = (scan.digit_runs, scan.line_start, scan.fold, scan.at,
                        None if scan.mark is None else (scan.mark.pattern, scan.mark.flags))
                kinds.setdefault(kind, scan)
            self._anchor_kinds = list(kinds.values())
        #: what :meth:`_idle` reads: recognizers with the same key are idle on the same texts
        #: (one object per key: a tuple's hash is computed at every lookup)
        self._idle_key = _IDLE_KEYS.setdefault(
            (self._prefilter, self._on_digits,
             None if self._anchor_kinds is None else tuple(
                 (s.digit_runs, s.line_start, s.fold, s.at,
                  None if s.mark is None else (s.mark.pattern, s.mark.flags))
                 for s in self._anchor_kinds),
             self.context_required and self.context.folds and self.context.heads),
            object())

    @classmethod
    def from_rule(cls, rule: RecognizerRule) -> PatternRecognizer:
        """Build the recognizer a policy declares (``policy.recognizers``, already validated).

        Declared recognizers count as validated, like declared terms: the tenant said these
        spans are sensitive, so they win overlaps against statistical NER.
        """
        assert rule.entity is not None  # checked when the policy was loaded  # nosec B101 # an internal invariant, not a security check
        patterns = [Pattern(p.regex, p.score) for p in rule.patterns]
        words = sorted({w.strip() for w in rule.deny_list if w.strip()}, key=len, reverse=True)
        if words:
            alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            patterns.append(Pattern(rf"(?<!\w)(?:{alts})(?!\w)", rule.score, re.IGNORECASE,
                                    check=False))
        return cls(name=rule.name, entity=rule.entity, patterns=patterns,
                   validate=VALIDATORS[rule.validator] if rule.validator else None,
                   context=rule.context, context_required=rule.context_required,
                   context_window=rule.context_window, context_boost=rule.context_boost,
                   validated=True, languages=rule.languages)

    def idle(self, text: str) -> bool:
        # asked twice per text (by the engine, then by analyze), and recognizers alike in
        # their anchors and words share the answer (~110 asks of a short prompt)
        per = _text_memo(text)
        if per is None:
            return self._idle(text)
        verdict: bool | None = per.get(self._idle_key)
        if verdict is None:
            verdict = per[self._idle_key] = self._idle(text)
        return verdict

    def _idle(self, text: str) -> bool:
        if self._prefilter is not None and not self._prefilter(text):
            return True
        if self._on_digits and ANCHORED and not _digit_runs(text, False):
            return True
        if self._anchor_kinds is not None and ANCHORED and not any(
                scan.any_anchor(text) for scan in self._anchor_kinds):
            # (a digit-run scan by every digit: its kind does not say whether its pattern
            # reads ASCII digits only, and another scan of the kind may read any)
            return True
        if self.context_required and self.context.folds:
            # none of the required words' first pieces is a word of the text (most texts)
            lowered = folded(text)
            return lowered is not None and self.context.absent(context_heads_of(lowered))
        return False

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        per = _text_memo(text)
        # A required word before the value: where no word can begin in the window before a
        # candidate, it is dropped without the window's search (most of a long text).
        starts = None
        if self.context_required:  # one check for the text instead of one per candidate
            lowered = _folded(text, per)
            bare = self.context.bare()
            if bare is not None and lowered is not None:
                # tried only where a word can begin, which the text's one pass listed: a
                # search reads all of the text (~1 KB: ~55 us a recognizer, its ~18 busy
                # ones 330 us a text, against 33)
                begins = _marks(bare, lowered)
                if not self.context.anywhere_at(lowered, begins):
                    return []
                if not self.context.after:
                    starts = begins
            elif not self.context.anywhere(text, lowered):
                return []
        out: list[Detection] = []
        seen: set[tuple[int, int]] = set()
        # a validator is a function of the value alone: a long text repeats its values
        verdicts: dict[str, bool | float] = {}
        for scan, base, check in self._compiled:
            for start, end in _spans(scan, text, per):
                if end <= start or (start, end) in seen:
                    continue
                if self._refine is not None:
                    sub = self._refine(text[start:end])
                    if sub is None:
                        continue
                    start, end = start + sub[0], start + sub[1]
                    if (start, end) in seen:
                        continue
                if starts is not None:
                    i = bisect.bisect_left(starts, start - self.context.reach - 1)
                    if i == len(starts) or starts[i] >= start:
                        continue  # required, and no word can begin before it in reach
                value = text[start:end]
                score = base
                if check and self.validate is not None:
                    verdict = verdicts.get(value)
                    if verdict is None:
                        verdict = verdicts[value] = self.validate(value)
                    if verdict is False:
                        continue
                    if not isinstance(verdict, bool):
                        score = float(verdict)
                if self.context:
                    if self.context.near(text, start, end):
                        score = min(1.0, score + self.context_boost)
                    elif self.context_required:
                        continue
                seen.add((start, end))
                out.append(Detection(self.entity, start, end, round(score, 4), self.name, value))
        return out
