"""Restoration of originals in LLM output: exact, tolerant, scoped, and streaming.

LLMs rewrite placeholders. One compiled pattern per session accepts the variants seen in
practice -- case (``[person_1]``), other or missing brackets (``(PERSON_1)``, ``PERSON_1``),
markdown inside (``[**PERSON_1**]``), extra spaces (``[ PERSON _1 ]``), possessives
(``[PERSON_1's]``), hyphen/space separators (``PERSON-1``), numbering (``[PERSON_01]``,
``[Person #1]``), markdown escapes (``\\[PERSON\\_1\\]``), type synonyms (``[NAME_1]``) -- and
pseudonyms or synthetic values with changed case or spacing, or a pseudonym's name part used
alone. The placeholder syntax itself lives in :mod:`veil.mask.placeholders`, shared with the
masker's look-alike finder.

Only replacements of THIS tenant and session are in the pattern -- and, given a ``scope`` (the
replacements produced while protecting the caller's request), only those: an answer gets back
the originals of what its request sent, nothing else of the session. Redacted values are never
stored, so they never come back. A placeholder with no value in scope (one the model invented)
is rendered per policy (``invented``): a neutral phrase, a visible marker, or left as written.

A value is never written inside a URL (a markdown image or link target, a bare URL, an HTML
or CSS URL) unless the URL's host is allowed (``url_hosts``, the policy's ``restore_in_urls``):
a client would send it to that host (:mod:`veil.mask.urls`). There the replacement stays,
rendered like an invented placeholder.

Bare lower-case words ("person 1") are not restored: without brackets, markdown, an
underscore or the upper-case type, such text is more likely prose than a placeholder.

Streaming uses the ``regex`` module's partial matching: a suffix of the buffer is held back
only while it is a match or the prefix of one, so held-back text is bounded by the longest
possible match and the streamed output equals the restoration of the whole text. An answer cut
off by a token limit (``truncated``) drops a trailing prefix of a replacement ("[CREDIT") in
both modes alike.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from veil.alternation import trie_pattern
from veil.caches import LRU
from veil.errors import MaskingError
from veil.mask.names import parse_name
from veil.mask.placeholders import (
    BASE_TYPES,
    CANONICAL,
    InventedMode,
    Token,
    TypeNames,
    canonical,
    squash,
    token_regex,
)
from veil.mask.placeholders import invented as render_invented
from veil.mask.spellings import REGROUPED, alternates, ascii_forms
from veil.mask.urls import UrlGuard, UrlPolicy
from veil.vault.base import SessionView, Vault, VaultEntry

_CACHE_SIZE = 256
_Key = tuple[str, str, frozenset[str] | None]  # (tenant, session, scope)


# Matching passes ``concurrent=False``: see veil.mask.placeholders (the GIL kept, not waited for).


# Where a match may start: anything but an ASCII letter or digit right after another (that is
# surely [\p{L}\p{N}] after [\p{L}\p{N}]), but a digit after a letter (a value that starts
# with a digit, glued to the word before it: "SSN536-22-8726"). Every branch starts with a
# bracket, markdown, or a lookbehind refusing a letter or digit before it (except after an
# escaped "\n", "\r", "\t"), so the partial matches a stream tries position by position skip
# most of a word.
_MAY_START = re.compile(r"(?:(?<![A-Za-z0-9])|(?<=\\[nrt]))[A-Za-z0-9]|(?<=[A-Za-z])[0-9]"
                        r"|[^A-Za-z0-9]")


def _may_start(buf: str, lo: int, hi: int, first: frozenset[str]) -> Iterator[int]:
    """The positions in ``[lo, hi)`` of ``buf`` where a match could start (a superset), of
    those whose character is in ``first`` (a matcher's first characters)."""
    return (m.start() for m in _start_pattern(first).finditer(buf, lo, hi))


@functools.lru_cache(maxsize=64)
def _start_pattern(first: frozenset[str]) -> re.Pattern[str]:
    """:data:`_MAY_START` at the characters of ``first`` only, written to begin with that
    character: the engine then passes over every other character without trying the
    lookbehinds or making a match object (a streamed ~1 KB answer: 6.9 -> 6.3 million
    instructions)."""
    if not first:
        return re.compile(r"(?!)")
    chars = "".join(re.escape(c) for c in sorted(first))
    # the character, then what stood before it: itself no letter or digit; no letter or
    # digit before it (or an escaped break); a digit after a letter
    return re.compile(rf"[{chars}](?:(?<=[^A-Za-z0-9])|(?<![A-Za-z0-9].)|(?<=\\[nrt].)"
                      r"|(?<=[A-Za-z][0-9]))")


def _spelling(s: str) -> str:
    return " ".join(s.casefold().split())


#: Digits a replacement needs for its digits to be regrouped freely (a phone number, a card):
#: fewer could be any number in prose. Only types whose grouping means nothing are regrouped
#: (veil.mask.spellings.REGROUPED): "10.20.30.40" and "10.203.0.40" are two addresses.
_REGROUP_DIGITS = 7
#: What may stand between two digits of such a replacement ("(410) 209-1580", "+14102091580").
_DIGIT_GAP = r"[\s\-./()]{0,3}"
_GAP_CHARS = frozenset(" -./()")


def _literal_atoms(rep: str) -> list[str]:
    """A replacement as regex atoms: flexible whitespace and digit-group separators; a
    replacement with many digits may have them regrouped (any separators between any two)
    when its type allows it (a :class:`_Rep` that says so)."""
    regroup = getattr(rep, "regroup", False) and \
        sum(c.isdigit() for c in rep) >= _REGROUP_DIGITS
    out: list[str] = []
    prev = ""
    i = 0
    while i < len(rep):
        ch = rep[i]
        nxt = rep[i + 1] if i + 1 < len(rep) else ""
        if regroup and ch.isdigit():
            out.append(regex.escape(ch))
            j = i + 1
            while j < len(rep) and j - i <= 3 and (rep[j] in _GAP_CHARS or rep[j].isspace()):
                j += 1
            if j < len(rep) and rep[j].isdigit() and j - i <= 4:
                out.append(_DIGIT_GAP)
                prev, i = rep[j - 1], j
                continue
        elif ch in "-. /" and prev.isdigit() and nxt.isdigit():
            out.append(r"[\s\-./]{0,2}")
        elif ch.isspace():
            if not prev.isspace():
                out.append(r"\s{1,3}")
        else:
            out.append(regex.escape(ch.casefold() if len(ch.casefold()) == 1 else ch))
        prev = ch
        i += 1
    return out


def _groups(s: str) -> list[int]:
    return [len(g) for g in regex.findall(r"\d+", s)]


def _in_layout(written: str, original: str, *, keep: bool = True) -> str:
    """``original`` for a replacement the answer wrote as ``written`` with its digits
    regrouped: as the caller wrote it when only the separators between the same digit groups
    changed ("4721-9541-..." for "4721 9541 ..."; ``keep``: the original is the caller's own
    spelling), else ``written`` with the original's digits ("(415) 555-0142" for
    "(410) 209-1580", "+14155550142"), which needs the same number of digits and the same
    letters."""
    wd = [c for c in written if c.isdigit()]
    od = [c for c in original if c.isdigit()]
    if not wd or len(wd) != len(od):
        return original
    if [c.casefold() for c in written if c.isalpha()] != \
            [c.casefold() for c in original if c.isalpha()]:
        return original
    if keep and _groups(written) == _groups(original) and all(
            c.isalnum() or c.isspace() or c in "+-./" for c in written) \
            and written[0].isdigit() == original[0].isdigit():
        return original
    digits = iter(od)
    return "".join(next(digits) if c.isdigit() else c for c in written)


class _Tables:
    """A matcher's lookup tables (see :class:`SessionMatcher`), built entry by entry in the
    entries' order, so that a whole session's tables grow with it (kept per session view by
    the :class:`Restorer`) instead of being rebuilt from every entry: squashing, spelling and
    parsing each replacement again was most of rebuilding a pseudonymised session's matcher
    (11.9 ms at 3,000 values, once its patterns were compiled in runs)."""

    def __init__(self) -> None:
        self.placeholders: dict[tuple[str, int, str], str] = {}  # the last entry wins
        self.placeholder_types: set[str] = set()
        self.spelled: dict[str, str] = {}  # exact spelling (casefolded, spaces collapsed)
        self.lit_reps: dict[str, str] = {}  # spelling -> the replacement as written
        self.lit_first: set[str] = set()  # their first characters, in both cases
        self.lit_max = 0  # their longest
        # Two layouts of one value ("4111 1111.." / "4111-1111..") may share a key; two
        # different values may not: restoring either could be wrong, so neither is.
        self.literals: dict[str, str] = {}  # letters and digits only -> original
        self._first_original: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        # LLMs shorten names ("Dear Kathy,", "Ms. Mclaughlin"): a pseudonym's name part
        # (casefolded) -> the original part, kept only while it maps to exactly one original
        # part in the session and is no whole replacement (those restore as literals)
        self.names: dict[str, str] = {}
        self.generated: dict[str, str] = {}  # name part as generated, for every part seen
        self._name_original: dict[str, str] = {}
        self._conflicts: set[str] = set()
        self._name_firsts: dict[str, int] = {}  # first characters of ``names``: how many
        # Other spellings of pseudonyms and synthetic values ("K. Bernard", "July 22, 2025",
        # "ending in 8399": veil.mask.spellings) -> the original spelled alike; consulted after
        # the replacements themselves, and kept only while one original claims them.
        self.alt_spelled: dict[str, str] = {}
        self.alt_literals: dict[str, str] = {}
        self._alt_ambiguous: set[tuple[int, str]] = set()
        self.alt_first: set[str] = set()
        self.alt_max = 0

    def copy(self) -> _Tables:
        """A copy that one matcher owns (this one goes on growing)."""
        out = _Tables()
        for k, v in vars(self).items():
            setattr(out, k, v.copy() if isinstance(v, dict | set) else v)
        return out

    def add(self, entries: Iterable[VaultEntry]) -> None:
        for e in entries:
            if e.shared or e.operator == "redact":
                continue  # aliases restore through their canonical entry; redact never
            m = CANONICAL.fullmatch(e.replacement, concurrent=False)
            if m and e.operator == "placeholder":
                self.placeholders[(m.group(1), int(m.group(2)), m.group(3) or "")] = e.original
                self.placeholder_types.add(m.group(1))
                continue
            if e.entity_type == "PERSON" and e.operator in ("pseudonym", "synthetic"):
                self._add_name_parts(e)
            k = squash(e.replacement)
            if not k:
                continue
            spelling = _spelling(e.replacement)
            if spelling not in self.spelled:
                self.spelled[spelling] = e.original
                regroup = e.entity_type in REGROUPED
                self._add_rep(spelling, _Rep(e.replacement, regroup,
                                             tuple(_Rep(a, regroup) for a in self._alts(e))))
                self._drop_name(spelling)
            first = self._first_original.setdefault(k, e.original)
            if k not in self._ambiguous:
                if squash(first) != squash(e.original):
                    self._ambiguous.add(k)
                    self.literals.pop(k, None)
                else:
                    self.literals.setdefault(k, e.original)

    def _alts(self, e: VaultEntry) -> tuple[str, ...]:
        """The other spellings of ``e``'s replacement, entered in the tables; those its
        literal run's pattern finds too."""
        if e.operator not in ("pseudonym", "synthetic"):
            return ()
        found = []
        for alt, original in alternates(e.entity_type, e.replacement, e.original):
            self._add_alt(alt, original)
            found.append(alt)
        return tuple(found)

    def _add_rep(self, spelling: str, rep: str) -> None:
        """A replacement the literal patterns find."""
        self.lit_reps[spelling] = rep
        self.lit_first.update((rep[0].upper(), rep[0].lower()))
        self.lit_max = max(self.lit_max, len(rep))

    def _add_alt(self, alt: str, original: str) -> None:
        """Another spelling of a replacement: restored while it names one original (two
        values spelled alike, "ending in 1111" of two cards, restore neither)."""
        spelling, k = _spelling(alt), squash(alt)
        for i, (table, key) in enumerate(((self.alt_spelled, spelling), (self.alt_literals, k))):
            if (i, key) in self._alt_ambiguous:
                continue
            # one value in two layouts ("05/03/2024", "05.03.2024") shares a key of letters
            # and digits; two values do not
            if squash(table.setdefault(key, original)) != squash(original):
                self._alt_ambiguous.add((i, key))
                del table[key]
        self.alt_first.update((alt[0].upper(), alt[0].lower()))
        self.alt_max = max(self.alt_max, len(alt))

    def _add_name_parts(self, e: VaultEntry) -> None:
        op, rp = parse_name(e.original), parse_name(e.replacement)
        if len(op.order) != len(rp.order) or len(op.order) < 2:
            return
        for i, j in zip(op.order, rp.order, strict=True):
            o = e.original[op.spans[i][0] : op.spans[i][1]]
            r = e.replacement[rp.spans[j][0] : rp.spans[j][1]]
            if len(r) < 2 or len(o) < 2:
                continue  # initials are too ambiguous to restore
            # the part as generated, and without its accents ("Noël" written "Noel")
            for written in dict.fromkeys((r, *ascii_forms(r))):
                self._add_name_part(written, o)

    def _add_name_part(self, r: str, o: str) -> None:
        key = r.casefold()
        first = self._name_original.setdefault(key, o)
        self.generated.setdefault(key, r)
        if first != o:
            self._conflicts.add(key)
            self._drop_name(key)
        elif key not in self._conflicts and key not in self.spelled and key not in self.names:
            self.names[key] = o
            for c in {self.generated[key][0], key.upper()[0]}:
                self._name_firsts[c] = self._name_firsts.get(c, 0) + 1

    def _drop_name(self, key: str) -> None:
        if self.names.pop(key, None) is not None:
            for c in {self.generated[key][0], key.upper()[0]}:
                self._name_firsts[c] -= 1

    def first_chars(self) -> set[str]:
        return self.lit_first | self.alt_first | {c for c, n in self._name_firsts.items() if n}


class _ViewTables:
    """A session view's :class:`_Tables`, extended with what the view gained since."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tables = _Tables()
        self.read = 0  # entries of the view's added_since(0) read so far
        self.last_id = 0  # the highest id among them

    def current(self, view: SessionView) -> _Tables:
        """A copy of the tables of all of ``view``'s entries. Entries are added in id order
        (the order a build from the view's entries reads them, which decides which of two
        entries a table keeps); when another process's entries arrived after later ones of
        this process, the tables are built again from the view's entries."""
        with self.lock:
            with view.lock:
                new = view.added_since(self.read)
                ids = view.ids_added_since(self.read)
                in_order = all(a < b for a, b in itertools.pairwise([self.last_id, *ids]))
                if not in_order:
                    new = view.entries
            if not in_order:
                self.tables = _Tables()
            self.tables.add(new)
            self.read += len(ids)
            self.last_id = max(self.last_id, *ids) if ids else self.last_id
            return self.tables.copy()


_TOKEN, _LITERAL, _NAME = 0, 1, 2  # SessionMatcher.kinds, in the order they win a tie
#: replacements per pattern of the smallest run (see :func:`_runs`)
_RUN_UNIT = 16
#: a run's compiled pattern, by its kind and its items (see :meth:`SessionMatcher.build`)
_Runs = dict[tuple[int, tuple[Any, ...]], regex.Pattern[str]]


def _runs(items: list[str]) -> list[tuple[str, ...]]:
    """``items`` cut into runs whose sizes follow the binary digits of their number (in units
    of ``_RUN_UNIT``, the rest last): appending items changes only the last runs until a
    carry, so a session that grows keeps its earlier runs (and their compiled patterns), and
    a text is searched by at most ~log2(n / _RUN_UNIT) + 2 patterns of each kind."""
    runs: list[tuple[str, ...]] = []
    units, start = len(items) // _RUN_UNIT, 0
    for bit in reversed(range(units.bit_length())):
        if units >> bit & 1:
            size = _RUN_UNIT << bit
            runs.append(tuple(items[start : start + size]))
            start += size
    if start < len(items):
        runs.append(tuple(items[start:]))
    return runs


class _Rep(str):
    """A literal replacement, carrying whether its digits may be regrouped and the other
    spellings of it (veil.mask.spellings) that its run's pattern finds as well ("K. Bernard",
    "July 22, 2025"). It equals the replacement: a run is known by its replacements, whose
    spellings never change within a session (one replacement, one original)."""

    regroup: bool
    alts: tuple[str, ...]

    def __new__(cls, rep: str, regroup: bool = False, alts: tuple[str, ...] = ()) -> _Rep:
        out = super().__new__(cls, rep)
        out.regroup = regroup
        out.alts = alts
        return out


def _literal_pattern(reps: tuple[str, ...]) -> regex.Pattern[str]:
    """One run of literal replacements, and their other spellings, as a prefix tree, the
    longest first (at one start the longest wins)."""
    forms = {f for r in reps for f in (r, *getattr(r, "alts", ()))}
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return regex.compile(
        # (a value that starts with a digit may follow a letter: "SSN536-22-8726", as a caller
        # glued it; one that starts with a letter there would be inside a word)
        r"(?P<lit>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt])|(?<=\p{L})(?=\p{N}))(?:"
        + trie_pattern([_literal_atoms(r) for r in ordered])
        # a plural "s" may follow ("two Kathy Mclaughlins"); it stays outside the match
        + r")(?=s?(?![\p{L}\p{N}])))",
        regex.IGNORECASE | regex.V0,
    )


def _name_pattern(tokens: tuple[tuple[str, str], ...]) -> regex.Pattern[str]:
    """One run of pseudonym name parts ((casefolded, as generated)), each as generated and in
    capitals, the longest first."""
    # case-sensitive: a lone "Grace" or "Will" in prose must not be taken for a name
    ordered = sorted(tokens, key=lambda t: len(t[0]), reverse=True)
    # (and without accents: "Giessmann" for "Gießmann", whose casefolded key is the same)
    forms = list(dict.fromkeys(w for t, generated in ordered
                               for w in (generated, t.upper(), *ascii_forms(generated))))
    return regex.compile(
        r"(?P<tok>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt]))(?-i:"
        + trie_pattern([[regex.escape(c) for c in f] for f in forms])
        + r")(?![\p{L}\p{N}]))",
        regex.IGNORECASE | regex.V0,
    )


@dataclass(frozen=True)
class SessionMatcher:
    """The compiled pattern and lookup tables of one session's (or one scope's) replacements."""

    #: the placeholder pattern (compiled once per set of types), then, if the session has
    #: any, the patterns of its literal replacements and of its pseudonyms' name parts, each
    #: over a run of them (:func:`_runs`; the next matcher of a grown session reuses those
    #: of its runs that did not change: one pattern of every replacement took 0.37 s to build
    #: for 3,000 pseudonymised values, and was rebuilt whenever the session changed)
    patterns: tuple[regex.Pattern[str], ...]
    #: what each pattern finds: at one start a placeholder wins over a literal, a literal
    #: over a name part, and among the runs of one kind the longest match wins, as in one
    #: alternation of all of them
    kinds: tuple[int, ...]
    placeholders: dict[tuple[str, int, str], str]  # (type, number, part or "") -> original
    types: TypeNames  # every type a placeholder may name (known, and the session's own)
    literals: dict[str, str]  # letters and digits only -> original
    spelled: dict[str, str]  # exact spelling -> original (preferred)
    names: dict[str, str]  # pseudonym name token (casefolded) -> original name token
    alt_spelled: dict[str, str]  # another spelling of a replacement -> the original alike
    alt_literals: dict[str, str]  # the same by letters and digits only
    max_len: int  # upper bound of a match's length: bounds what a stream holds back
    first_chars: frozenset[str]
    runs: _Runs  # the compiled runs in ``patterns``, for the session's next matcher

    @property
    def size(self) -> int:
        """How many values it restores (what its memory grows with)."""
        return 1 + len(self.placeholders) + len(self.spelled) + len(self.names)

    @classmethod
    def build(cls, entries: list[VaultEntry], types: Iterable[str] = (), *,
              runs: _Runs | None = None) -> SessionMatcher:
        """A matcher restoring ``entries``; placeholders of ``types`` (and every known type)
        without an entry are recognised as invented. ``runs``: compiled runs of an earlier
        matcher of the same session (its ``runs``), reused where a run is unchanged."""
        tables = _Tables()
        tables.add(entries)
        return cls.of(tables, types, runs=runs)

    @classmethod
    def of(cls, tables: _Tables, types: Iterable[str] = (), *,
           runs: _Runs | None = None) -> SessionMatcher:
        """:meth:`build` from tables built already; the matcher takes their dictionaries, so
        pass tables that nothing extends afterwards (a :meth:`_Tables.copy`)."""
        type_names = TypeNames.of(BASE_TYPES | set(types) | tables.placeholder_types)
        max_len = type_names.max_len
        known = runs or {}
        used: _Runs = {}  # this matcher's runs, in order: literals, then name parts
        if tables.lit_reps:
            # in the entries' order: a grown session keeps its earlier runs
            reps = list(tables.lit_reps.values())
            for run in _runs(reps):
                used[(_LITERAL, run)] = known.get((_LITERAL, run)) or _literal_pattern(run)
            max_len = max(max_len, 3 * tables.lit_max, 3 * tables.alt_max)
        if tables.names:
            words = list(tables.names)
            for run in _runs(words):
                tokens = tuple((t, tables.generated[t]) for t in run)
                used[(_NAME, tokens)] = known.get((_NAME, tokens)) or _name_pattern(tokens)
            max_len = max(max_len, max(map(len, words)) + 1)
        return cls(
            patterns=(token_regex(type_names), *used.values()),
            kinds=(_TOKEN, *(kind for kind, _ in used)),
            runs=used,
            placeholders=tables.placeholders,
            types=type_names,
            literals=tables.literals,
            spelled=tables.spelled,
            names=tables.names,
            alt_spelled=tables.alt_spelled,
            alt_literals=tables.alt_literals,
            max_len=max_len,
            first_chars=frozenset(type_names.first_chars | tables.first_chars()),
        )

    # ------------------------------------------------------------------ matching
    def _rejected(self, m: regex.Match[str]) -> bool:
        """A token-shaped match that is no token ("Phone 0864" in prose). It must not consume
        its text: a replacement may start inside it ("0864 051638", a pseudonymized phone)."""
        if m.re is not self.patterns[0]:  # a literal's or a name part's: never rejected
            return False
        tok = Token.read(m, self.types)
        return tok is None or not tok.accepted

    def _matches(self, buf: str, start: int) -> Iterator[regex.Match[str]]:
        """Matches in ``buf`` from ``start`` on, leftmost first, skipping rejected ones (the
        search resumes one character after a rejected match's start). At one start the
        patterns are tried in order, as the branches of one alternation would be."""
        pos = start
        # each pattern's leftmost match from an earlier position: still its leftmost from
        # ``pos`` while it starts at or after it (lookbehinds see the text before ``pos``)
        ahead: list[regex.Match[str] | None] = [None] * len(self.patterns)
        searched = [False] * len(self.patterns)
        # where a placeholder may start: the token pattern is tried there only, instead of
        # searched (the search tries every position: ~60% of restoring a ~1 KB answer)
        starts = self.types.token_starts(buf, start)
        k = 0
        while pos <= len(buf):
            m = None
            kind = _TOKEN
            for i, pattern in enumerate(self.patterns):
                hit = ahead[i]
                if not searched[i] or (hit is not None and hit.start() < pos):
                    if i == 0 and starts is not None:
                        k = bisect.bisect_left(starts, pos, k)
                        hit, k = _first_match(pattern, buf, starts, k)
                        ahead[0] = hit
                    else:
                        hit = ahead[i] = pattern.search(buf, pos, concurrent=False)
                    searched[i] = True
                if hit is not None and (
                        m is None or hit.start() < m.start()
                        or hit.start() == m.start() and (
                            self.kinds[i] < kind
                            or self.kinds[i] == kind and hit.end() > m.end())):
                    m, kind = hit, self.kinds[i]
            if m is None:
                return
            if self._rejected(m):
                pos = m.start() + 1
                continue
            yield m
            pos = max(m.end(), m.start() + 1)

    def _prefix_at(self, buf: str, p: int) -> bool:
        """Whether ``buf[p:]`` is a match or the prefix of one (more text could complete it).
        The placeholder pattern (the first) is tried only where a cheap test leaves it a
        chance: at the words of prose it took a third of a streamed answer's restoring."""
        patterns = self.patterns
        if self.types.may_open(buf, p) and patterns[0].fullmatch(
                buf, p, partial=True, concurrent=False) is not None:
            return True
        # (a session of placeholders only has no other pattern: no list, no generator, at
        # each of the ~8 word starts of a streamed chunk)
        return len(patterns) > 1 and any(
            pt.fullmatch(buf, p, partial=True, concurrent=False) is not None
            for pt in patterns[1:])

    def guard(self, url_hosts: Iterable[str] = (), *, value: bool = False,
              in_json: bool = False) -> UrlGuard | None:
        """A URL guard for one text restored with this matcher (None: it restores nothing,
        so there is nothing to guard); ``value``: the text is one quoted value, ``in_json``: raw
        JSON (UrlGuard)."""
        if not (self.placeholders or self.literals or self.names):
            return None
        return UrlGuard(UrlPolicy.of(url_hosts), value=value, in_json=in_json)

    def _replace(
        self, m: regex.Match[str], mode: InventedMode, guard: UrlGuard | None = None
    ) -> str:
        """The text for match ``m``: its original, unless ``guard`` (fed the text before it)
        says it would land in a URL, which keeps the replacement."""
        lit = m.group("lit") if "lit" in m.re.groupindex else None
        if lit is not None:
            spelling = _spelling(lit)
            hit = self.spelled.get(spelling)
            if hit is None and (hit := self.alt_spelled.get(spelling)) is not None:
                hit = _in_layout(lit, hit, keep=False)  # "Ending in 8399": the case as written
            if hit is None:
                # separators changed or digits regrouped: the original in the answer's layout
                hit = self.literals.get(squash(lit))
                if hit is not None:
                    hit = _in_layout(lit, hit)
                elif (hit := self.alt_literals.get(squash(lit))) is not None:
                    hit = _in_layout(lit, hit, keep=False)
            if hit is None or (guard is not None and not guard.allows(hit)):
                return str(m.group(0))
            return hit
        tok_text = m.group("tok") if "tok" in m.re.groupindex else None
        if tok_text is not None:
            original = self.names[tok_text.casefold()]
            if guard is not None and not guard.allows(original):
                return str(tok_text)
            return original.upper() if tok_text.isupper() and len(tok_text) > 1 else original
        raw: str = m.group(0)
        tok = Token.read(m, self.types)
        if tok is None or not tok.accepted:
            return raw  # "person 1" in prose, or a synonym that is no clear token
        value = self.placeholders.get((tok.etype, tok.num, tok.part))
        if value is not None and guard is not None and not guard.allows(value):
            value = None  # inside a URL: shown as a placeholder nobody sent is
        if value is None:
            # No value of this request: the model invented it (or it belongs elsewhere).
            shown = render_invented(tok.etype, mode) if tok.clear else None
            return raw if shown is None else tok.render(shown)
        return tok.render(value)

    def restore(
        self,
        text: str,
        *,
        invented: InventedMode = "keep",
        truncated: bool = False,
        url_hosts: Iterable[str] = (),
        value: bool = False,
    ) -> str:
        """Restore ``text``; ``truncated``: it was cut off (drop a trailing partial token);
        ``url_hosts``: hosts whose URLs may get originals (default: none); ``value``: ``text``
        is one string of a tool call's arguments, which a tool may take whole as a URL."""
        guard = self.guard(url_hosts, value=value)
        if truncated:
            return self.process(text, final=True, truncated=True, invented=invented,
                                guard=guard)[0]
        out: list[str] = []
        pos = 0
        for m in self._matches(text, 0):
            self._emit(out, text[pos : m.start()], m, invented, guard)
            pos = m.end()
        out.append(text[pos:])  # nothing is decided after it: the guard need not read it
        return "".join(out)

    def _emit(self, out: list[str], gap: str, m: regex.Match[str], invented: InventedMode,
              guard: UrlGuard | None, json_string: bool = False) -> None:
        """Append the text before match ``m`` and its replacement; the guard reads both, the
        gap first (it decides on the text before the value). ``json_string``: the text is the
        inside of a JSON string (raw tool-call arguments), so what replaces the match is
        escaped: an original with a quote, backslash or line break stays valid JSON."""
        out.append(gap)
        if guard is not None:
            guard.feed(gap)
        rep = self._replace(m, invented, guard)
        if json_string and rep != m.group(0):
            rep = json.dumps(rep, ensure_ascii=False)[1:-1]
        out.append(rep)
        if guard is not None:
            guard.feed(rep)

    def _cut(self, buf: str, start: int) -> int:
        """Where a cut-off text ends: before a trailing prefix of a replacement that is not a
        whole match itself ("[CREDIT", "Kathy Mcl"); ``len(buf)`` when there is none."""
        n = len(buf)
        lo = max(start, n - self.max_len)
        inside: set[int] = set()
        for m in self._matches(buf, start):
            if m.end() > lo:
                inside.update(range(max(lo, m.start() + 1), m.end()))
        for p in _may_start(buf, lo, n, self.first_chars):
            if p in inside:
                continue
            if self._prefix_at(buf, p) and all(pt.match(buf, p, concurrent=False) is None
                                               for pt in self.patterns):
                return p
        return n

    def process(
        self,
        buf: str,
        *,
        final: bool,
        start: int = 0,
        invented: InventedMode = "keep",
        truncated: bool = False,
        guard: UrlGuard | None = None,
        json_string: bool = False,
    ) -> tuple[str, int]:
        """Restore ``buf`` up to the first place where a match might still be in progress.

        Returns (restored text, index of the first held-back character). A position p is held
        when ``buf[p:]`` is a match or the prefix of one (``fullmatch(partial=True)``): text
        arriving later could change what matches there. Every match starting before the first
        such position is final (it cannot grow past the buffer, whose tail is no prefix), so
        the concatenated output equals :meth:`restore` on the whole text. ``buf[:start]`` is
        context only (already emitted): lookbehinds need the character before the buffer.
        ``truncated`` (with ``final``): the text was cut off; a trailing partial token is
        dropped. ``guard``: the URL guard of the text, fed what is emitted.
        """
        out, hold, _ = self.advance(buf, final=final, start=start, invented=invented,
                                    truncated=truncated, guard=guard, json_string=json_string)
        return out, hold

    def advance(
        self,
        buf: str,
        *,
        final: bool,
        start: int = 0,
        invented: InventedMode = "keep",
        truncated: bool = False,
        fresh: int | None = None,
        alive: Iterable[int] = (),
        guard: UrlGuard | None = None,
        json_string: bool = False,
    ) -> tuple[str, int, list[int]]:
        """:meth:`process`, plus the positions that may still start a match (the held ones).

        A stream passes what it learnt at its previous chunk: ``buf[:fresh]`` was already
        scanned, and only the positions in ``alive`` there could start a match. Only those and
        the new text are tried again: a text that is no prefix of a match stays none when
        characters are added, so the result is the same as scanning every position, without
        the partial matches at up to ``max_len`` positions per chunk that dominated streaming.
        """
        if truncated:
            buf = buf[: self._cut(buf, start)]
            final = True
        n = len(buf)
        starts: list[int] = []
        if not final:
            lo = max(start, n - self.max_len)
            new = lo if fresh is None else max(lo, fresh)
            tries = [p for p in alive if lo <= p < new] + list(
                _may_start(buf, new, n, self.first_chars))
            for p in tries:
                if self._prefix_at(buf, p):
                    starts.append(p)
        k = 0  # index of the first possible start at or after ``pos``
        out: list[str] = []
        pos = start
        for m in self._matches(buf, start):
            while k < len(starts) and starts[k] < pos:
                k += 1
            if k < len(starts) and m.start() >= starts[k]:
                break
            self._emit(out, buf[pos : m.start()], m, invented, guard, json_string)
            pos = m.end()
        while k < len(starts) and starts[k] < pos:
            k += 1
        hold = starts[k] if k < len(starts) else n
        out.append(buf[pos:hold])
        if guard is not None:
            guard.feed(out[-1])
        return "".join(out), hold, starts[k:]


def _first_match(
    pattern: regex.Pattern[str], buf: str, starts: list[int], k: int
) -> tuple[regex.Match[str] | None, int]:
    """The match of ``pattern`` at the first of ``starts[k:]`` where it matches (what a search
    from ``starts[k]`` finds when it can match nowhere else), and that start's index."""
    for j in range(k, len(starts)):
        m = pattern.match(buf, starts[j], concurrent=False)
        if m is not None:
            return m, j
    return None, len(starts)


def _restore(
    matcher: SessionMatcher, text: str, *, invented: InventedMode, truncated: bool,
    url_hosts: Iterable[str], value: bool,
) -> str:
    """:meth:`SessionMatcher.restore`, its failures as a :class:`MaskingError` that carries no
    text."""
    try:
        return matcher.restore(text, invented=invented, truncated=truncated,
                               url_hosts=url_hosts, value=value)
    except Exception as e:  # never a message that could carry text
        raise MaskingError(f"restoration failed ({type(e).__name__})") from None


#: characters of emitted text a stream keeps as lookbehind context
_CONTEXT = 2

# A JSON escape of one character: "\\u00eb" (after an even run of backslashes, which escape
# each other); and a text's end that may still become one (an odd run, then "u" and hex).
_JSON_ESCAPE = regex.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")
_JSON_OPEN = regex.compile(r"(?<!\\)(?:\\\\)*(\\(?:u[0-9a-fA-F]{0,3})?)$")


def _json_letter(m: regex.Match[str]) -> str:
    c = chr(int(m.group(2), 16))
    # only letters, digits and marks: a quote, a control or a line separator stays escaped
    if ord(c) > 0x7F and (c.isalnum() or unicodedata.combining(c)):
        return str(m.group(1)) + c
    return str(m.group(0))


class _JsonLetters:
    """Decodes the escapes of non-ASCII letters in streamed raw JSON ("No\\u00ebl" -> "Noël",
    as a serialiser with ``ensure_ascii`` writes it), so that a pseudonym is found; the JSON
    stays valid (it may hold any such character as it is). Holds back at most a backslash
    and "uXXX" whose escape a later chunk completes."""

    def __init__(self) -> None:
        self._tail = ""

    def feed(self, chunk: str, *, final: bool = False) -> str:
        text = self._tail + chunk
        cut = len(text)
        if not final and (m := _JSON_OPEN.search(text, max(0, len(text) - 6),
                                                 concurrent=False)) is not None:
            cut = m.start(1)
        self._tail = text[cut:]
        if "\\u" not in text:
            return text[:cut]
        return str(_JSON_ESCAPE.sub(_json_letter, text[:cut], concurrent=False))


class StreamRestorer:
    """Restores a streamed answer chunk by chunk (see :meth:`Restorer.stream`)."""

    def __init__(
        self,
        matcher: SessionMatcher,
        *,
        invented: InventedMode = "keep",
        url_hosts: Iterable[str] = (),
        json_string: bool = False,
    ) -> None:
        self._m = matcher
        self._invented: InventedMode = invented
        self._url_hosts = tuple(url_hosts)
        self._json = json_string
        self._letters = _JsonLetters() if json_string else None
        # Reads what is emitted: whether a value would land in a URL begun in an earlier chunk.
        self._guard = matcher.guard(self._url_hosts, in_json=json_string)
        self._buf = ""
        # the input characters before the buffer: context for lookbehinds, the longest of
        # which reads two (an escaped line break, "\\n", before a value)
        self._prev = ""
        self._alive: list[int] = []  # positions of the buffer that may still start a match

    def __repr__(self) -> str:
        return f"StreamRestorer(held={len(self._buf)})"

    @property
    def held(self) -> int:
        """Characters currently held back (bounded by the longest possible match)."""
        return len(self._buf)

    def fresh(self) -> StreamRestorer:
        """A new, empty restorer on the same matcher: another text of the same answer (a second
        choice, a tool call's arguments) restored without reading the vault again."""
        return StreamRestorer(self._m, invented=self._invented, url_hosts=self._url_hosts)

    def for_json(self) -> StreamRestorer:
        """:meth:`fresh`, for the raw text of streamed tool-call arguments (JSON fragments):
        an original goes in JSON-escaped, so "8 rue des Lilas\\nApt 3" or a value with a
        quote keeps the arguments valid JSON (whole arguments are parsed and restored string
        by string instead). The URL guard reads the raw JSON, where a URL runs to the closing
        quote of its string (a string is one value a tool may take whole as its URL)."""
        return StreamRestorer(self._m, invented=self._invented, url_hosts=self._url_hosts,
                              json_string=True)

    def restore_whole(self, text: str, *, truncated: bool = False, value: bool = False) -> str:
        """A whole text restored on this restorer's matcher, as :meth:`Restorer.restore` would
        with the matcher read at this restorer's making (no vault read now)."""
        return _restore(self._m, text, invented=self._invented, truncated=truncated,
                        url_hosts=self._url_hosts, value=value)

    def feed(self, chunk: str) -> str:
        if self._letters is not None:
            chunk = self._letters.feed(chunk)
        scanned = len(self._buf)  # every position of the held text was tried at the last chunk
        self._buf += chunk
        ctx = self._prev
        c = len(ctx)
        out, keep, starts = self._m.advance(
            ctx + self._buf, final=False, start=c, invented=self._invented,
            fresh=c + scanned, alive=[c + p for p in self._alive], guard=self._guard,
            json_string=self._json,
        )
        keep -= c
        if keep > 0:
            self._prev = (self._prev + self._buf[max(0, keep - _CONTEXT) : keep])[-_CONTEXT:]
        self._buf = self._buf[keep:]
        self._alive = [p - c - keep for p in starts]
        return out

    def flush(self, *, truncated: bool = False, part: bool = False) -> str:
        """The rest; ``truncated``: the answer was cut off by a token limit. ``part``: the end
        of one part of a text the client shows joined to the next (consecutive text blocks or
        content parts): the rest goes out, and the URL guard reads on into the next part, so
        a URL begun in one part still holds a value that opens the next."""
        if self._letters is not None:
            self._buf += self._letters.feed("", final=True)
        ctx = self._prev
        out, _ = self._m.process(
            ctx + self._buf, final=True, start=len(ctx), invented=self._invented,
            truncated=truncated, guard=self._guard, json_string=self._json,
        )
        self._buf = ""
        self._prev = ""
        self._alive = []
        if not part:
            self._guard = self._m.guard(self._url_hosts, in_json=self._json)
        return out


class _ScopeIndex:
    """A session view's entries by replacement and by placeholder family, extended as the view
    grows, so that a request's scope picks its entries in time of the scope's size. Reading
    every entry of the session for each answer made restoring a short answer take 3.9 ms in a
    session of 3,000 values, against 0.2 in a new one."""

    def __init__(self) -> None:
        self.indexed = 0  # entries of the view's added_since(0) read so far
        self.by_replacement: dict[str, list[tuple[int, VaultEntry]]] = {}
        self.by_family: dict[str, list[tuple[int, VaultEntry]]] = {}

    def extend(self, view: SessionView) -> None:
        with view.lock:  # the entries and their ids, read together
            new = view.added_since(self.indexed)
            ids = view.ids_added_since(self.indexed)
        for eid, e in zip(ids, new, strict=True):
            self.by_replacement.setdefault(e.replacement, []).append((eid, e))
            if e.operator == "placeholder":
                self.by_family.setdefault(canonical(e.replacement), []).append((eid, e))
        self.indexed += len(new)

    def select(self, scope: frozenset[str]) -> list[VaultEntry]:
        """The entries a request may get back, in the view's order (by id): those whose
        replacement it was sent, plus the canonical entry of a linked variant it was sent
        ("[PERSON_1]" for "[PERSON_1_FIRST]") and the variants of a canonical one (one person,
        however the answer spells them)."""
        picked: dict[int, VaultEntry] = {}
        for r in scope:
            picked.update(self.by_replacement.get(r, ()))
        for family in {canonical(r) for r in scope}:
            picked.update(self.by_family.get(family, ()))
        return [picked[eid] for eid in sorted(picked)]


class _ViewState:
    """What a :class:`Restorer` keeps per session view: the scope index, the whole session's
    lookup tables, and the compiled runs of the last matcher built from the view (the whole
    session's and a scope's apart), which the next one reuses where a run is unchanged (only
    those: runs a grown session no longer has are not kept)."""

    def __init__(self) -> None:
        self.scopes = _ScopeIndex()
        self.tables = _ViewTables()
        self.runs: dict[bool, _Runs] = {}


class Restorer:
    """``Restorer(vault).restore(text, tenant=..., session=..., scope=...)``.

    Compiled once per (tenant, session, scope) and rebuilt when the session's entries change.
    ``invented`` defaults to ``"keep"`` here (a library primitive);
    :class:`veil.Veil` passes the tenant policy's ``invented_placeholders``.
    """

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        # (tenant, session, scope) -> (vault version it was built at, matcher)
        # bounded by the entries its matchers restore as well: a whole pseudonymised session's
        # matcher of 10,000 values holds ~10 MB of compiled patterns
        self._cache: LRU[_Key, tuple[str, SessionMatcher]] = LRU(
            _CACHE_SIZE, budget=vault.settings.view_cache_entries)
        # what is kept per session view (it goes with the view: an erased or recreated
        # session gets a new one)
        self._views: weakref.WeakKeyDictionary[SessionView, _ViewState] = \
            weakref.WeakKeyDictionary()
        self._views_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Restorer(vault={self.vault!r})"

    def matcher(
        self, *, tenant: str, session: str, scope: frozenset[str] | None = None
    ) -> SessionMatcher:
        """The matcher of the session's entries (only those in ``scope`` when given)."""
        view = self.vault.view(tenant, session)  # one read: the version and new entries
        version = view.version
        key = (tenant, session, scope)
        cached = self._cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
        with self._views_lock:
            kept = self._views.get(view)
            if kept is None:
                kept = self._views[view] = _ViewState()
            if scope is not None:
                kept.scopes.extend(view)
                chosen = kept.scopes.select(scope)
            earlier = kept.runs.get(scope is None)
        if scope is None:
            tables = kept.tables.current(view)
        else:
            tables = _Tables()
            tables.add(chosen)
        with view.lock:
            types = set(view.types)
        built = SessionMatcher.of(tables, types=types, runs=earlier)
        kept.runs[scope is None] = built.runs
        self._cache.put(key, (version, built), weight=built.size)
        return built

    def restore(
        self,
        text: str,
        *,
        tenant: str,
        session: str,
        scope: frozenset[str] | None = None,
        invented: InventedMode = "keep",
        truncated: bool = False,
        url_hosts: Iterable[str] = (),
        value: bool = False,
    ) -> str:
        """Originals back into ``text``. ``scope``: the replacements of the caller's request
        (None: the whole session). ``truncated``: the answer was cut off by a token limit.
        ``url_hosts``: hosts whose URLs may get originals (policy ``restore_in_urls``; default
        none: a value is never written into a URL). ``value``: ``text`` is one string of a tool
        call's arguments (a URL in it runs to its end)."""
        matcher = self.matcher(tenant=tenant, session=session, scope=scope)
        return _restore(matcher, text, invented=invented, truncated=truncated,
                        url_hosts=url_hosts, value=value)

    def stream(
        self,
        *,
        tenant: str,
        session: str,
        scope: frozenset[str] | None = None,
        invented: InventedMode = "keep",
        url_hosts: Iterable[str] = (),
    ) -> StreamRestorer:
        return StreamRestorer(
            self.matcher(tenant=tenant, session=session, scope=scope), invented=invented,
            url_hosts=url_hosts,
        )
