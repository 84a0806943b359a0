"""An experiment, not part of Veil: which patterns can match a text at all, from one pass of
Hyperscan over it (measured in `gain.py` beside it; see docs/performance.md, thirty-fourth
round, for why it stayed out). With ``PF_BUDGET`` set, Hyperscan is asked about one part of
each regex only (what says most within that many bytes), for a smaller database that builds
sooner.

A prompt's hundred recognizers hold some three hundred regexes; most find nothing in a given
text, yet each is asked, and each answer costs its recognizer's call and its anchors' search
(a ~100-character prompt: ~0.3 ms of the ~1.5 ms of detection). Hyperscan (Intel's
multi-regex engine, the one intrusion detection systems scan packets with) reads the text once
for all of them and says which may match; the others are not run.

Hyperscan does not speak Python's regex dialect, and a pattern it reads differently could hide
a value: a leak. So no pattern goes to it as written. Each is parsed by Python's own parser and
rewritten as an expression over the bytes of a Latin-1 text whose matches include every match
Python would find:

- each character it reads (a literal, a class, ``.``, ``\\d``, under its flags, case folding
  included) becomes the set of the 256 Latin-1 characters that Python's own engine says it
  matches, one test per character;
- what Hyperscan cannot do or need not do is widened, never narrowed: look-arounds, ``\\b``,
  ``^`` and ``$`` are dropped, a back-reference reads anything, an atomic group or possessive
  repeat becomes a plain one, a long repeat an open one;
- Hyperscan's prefilter mode may widen further, never narrow.

Texts with a character beyond Latin-1 (and every text, where the ``hyperscan`` package is
missing: its wheels are x86-64 only) are read as before, every pattern at its anchors.
"""

from __future__ import annotations

import codecs
import logging
import math
import os
import re
import threading
from collections.abc import Iterable
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

log = logging.getLogger(__name__)

#: a repeat bounded above this many reads is left open (``{m,}``): a superset, and Hyperscan's
#: database grows with every bounded repeat's states
_MAX_BOUND = 64
#: at most this many reads are required of a repeat (a superset too)
_MAX_MIN = 32
_LATIN1 = [chr(c) for c in range(256)]
#: the byte every character past Latin-1 is read as (U+0080, a control character that text
#: hardly holds, shares it): an element matches it where it may match any of them
BEYOND = 0x80
_ERRORS = "veil-prefilter-beyond"


def _as_beyond(e: UnicodeError) -> tuple[str, int]:
    assert isinstance(e, UnicodeEncodeError)  # nosec B101 # registered for encoding only
    return "\x80" * (e.end - e.start), e.end


codecs.register_error(_ERRORS, _as_beyond)


def encode(text: str) -> bytes:
    """``text`` as the database reads it: Latin-1, every other character as :data:`BEYOND`."""
    return text.encode("ascii") if text.isascii() else text.encode("latin-1", _ERRORS)


class _Never(Exception):
    """The element matches no Latin-1 text."""


def expression(regex: str, flags: int = 0) -> bytes | None:
    """A Hyperscan expression over the bytes of :func:`encode` that matches wherever
    ``re.compile(regex, flags)`` finds a match (it may match elsewhere too); ``b""`` when the
    regex can match no text; None when it is not worth asking (it is then always run).

    With :data:`_BUDGET`, the expression is the part of the regex's sequence that says most
    within that many bytes: a match of the whole holds a match of every part of its sequence,
    and a short part keeps the database small and quick to build (the whole of each regex:
    16 MB, built in 7 s)."""
    try:
        parsed = sre_parse.parse(regex, flags)
    except re.error:
        return None
    if _BUDGET is None:
        try:
            whole = _seq(parsed.data, parsed.state.flags | flags)
        except _Never:
            return b""
        except (RecursionError, ValueError, TypeError):
            return None
        return whole.encode("latin-1") if whole else None  # empty: it matches everywhere
    items, flags = list(parsed.data), parsed.state.flags | flags
    # a regex wrapped in one group, "(?i:...)", is the group's sequence under its flags
    while len(items) == 1 and items[0][0] in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        op, av = items[0]
        if op is sre.ATOMIC_GROUP:
            items = list(av.data)
        else:
            items, flags = list(av[3].data), (flags | av[1]) & ~av[2]
    try:
        parts = [(_item(op, av, flags), _info(op, av, flags)) for op, av in items]
    except _Never:
        return b""
    except (RecursionError, ValueError, TypeError):
        return None
    best, best_info = "", 0.0
    for i in range(len(parts)):
        size, info = 0, 0.0
        for j in range(i, len(parts)):
            size += len(parts[j][0])
            if size > _BUDGET:
                break
            info += parts[j][1]
            if info > best_info:
                best_info, best = info, "".join(p[0] for p in parts[i:j + 1])
    if not best or best_info < _LEAST_INFO:
        return None  # found in most texts: asking costs more than it saves
    return best.encode("latin-1")


#: bytes of expression per regex at most (None: the whole regex)
_BUDGET = int(os.environ["PF_BUDGET"]) if os.environ.get("PF_BUDGET") else None
#: bits a part must say (about three letters' worth) for the regex to be asked about
_LEAST_INFO = float(os.environ.get("PF_INFO", "12"))


def _info(op: Any, av: Any, flags: int) -> float:
    """About how many bits a match of the element says: rarer characters and longer required
    runs say more (an estimate, only to choose which part of a regex to ask about)."""
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return math.log2(257 / len(_members_of(op, av, flags)))
    if op is sre.SUBPATTERN:
        return sum(_info(o, a, (flags | av[1]) & ~av[2]) for o, a in av[3].data)
    if op is sre.ATOMIC_GROUP:
        return sum(_info(o, a, flags) for o, a in av.data)
    if op is sre.BRANCH:
        return min(sum(_info(o, a, flags) for o, a in p.data) for p in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, _hi, p = av
        return min(lo, 4) * sum(_info(o, a, flags) for o, a in p.data)
    return 0.0


def _seq(items: Iterable[tuple[Any, Any]], flags: int) -> str:
    return "".join(_item(op, av, flags) for op, av in items)


def _item(op: Any, av: Any, flags: int) -> str:
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return _chars(op, av, flags)
    if op is sre.SUBPATTERN:
        _group, add, remove, p = av
        inner = _seq(p.data, (flags | add) & ~remove)
        return f"(?:{inner})" if inner else ""
    if op is sre.BRANCH:
        alts = []
        for p in av[1]:
            try:
                alts.append(_seq(p.data, flags))
            except _Never:
                continue
        if not alts:
            raise _Never
        return "(?:" + "|".join(alts) + ")"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, hi, p = av
        try:
            inner = _seq(p.data, flags)
        except _Never:
            if lo == 0:
                return ""
            raise
        if not inner:
            return ""
        lo = min(lo, _MAX_MIN)
        top = "" if hi is sre.MAXREPEAT or hi > _MAX_BOUND else str(hi)
        bounds = f"{{{lo}}}" if top == str(lo) else f"{{{lo},{top}}}"
        one = len(p.data) == 1 and p.data[0][0] in (sre.LITERAL, sre.NOT_LITERAL, sre.IN,
                                                    sre.ANY)
        return f"{inner}{bounds}" if one else f"(?:{inner}){bounds}"
    if op is sre.ATOMIC_GROUP:
        inner = _seq(av.data, flags)
        return f"(?:{inner})" if inner else ""
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return ""  # a condition on the text around: dropped, the match set only grows
    if op is sre.GROUPREF:
        return "[\\x00-\\xff]*"  # the group's text again: anything, of any length
    if op is sre.GROUPREF_EXISTS:
        _group, yes, no = av
        alts = []
        for p in (yes, no):
            try:
                alts.append("" if p is None else _seq(p.data, flags))
            except _Never:
                continue
        if not alts:
            raise _Never
        return "(?:" + "|".join(alts) + ")"
    raise ValueError(f"no rewriting for {op}")


def _chars(op: Any, av: Any, flags: int) -> str:
    members = _members_of(op, av, flags)
    if not members:
        raise _Never
    return _class(members)


def _members_of(op: Any, av: Any, flags: int) -> tuple[int, ...]:
    key = (op, repr(av), flags)
    members = _MEMBERS.get(key)
    if members is None:
        members = _MEMBERS[key] = _members(op, av, flags)
    return members


#: (op, its argument's repr, flags) -> the Latin-1 characters it matches: classes repeat
_MEMBERS: dict[tuple[Any, str, int], tuple[int, ...]] = {}


def _members(op: Any, av: Any, flags: int) -> tuple[int, ...]:
    """The bytes one character element matches: the Latin-1 characters it matches, by
    Python's engine itself, and :data:`BEYOND` where it may match a character past Latin-1."""
    state = sre_parse.State()
    state.flags = flags
    sub = sre_parse.SubPattern(state, [(op, av)])
    rx = sre_compile.compile(sub, flags)
    found = {c for c, ch in enumerate(_LATIN1) if rx.fullmatch(ch) is not None}
    if _beyond(op, av, flags):
        found.add(BEYOND)
    return tuple(sorted(found))


def _beyond(op: Any, av: Any, flags: int) -> bool:
    """Whether the element may match a character past Latin-1 (True when unsure). Under
    ``re.IGNORECASE`` a letter may match one ("k" the Kelvin sign, "s" the long s)."""
    folds = bool(flags & re.IGNORECASE)
    ascii_only = bool(flags & re.ASCII)
    if op is sre.LITERAL:
        return av > 0xFF or folds and chr(av).isalpha()
    if op is not sre.IN:
        return True  # "." and a negated literal
    for kind, arg in av:
        if kind is sre.LITERAL:
            if arg > 0xFF or folds and chr(arg).isalpha():
                return True
        elif kind is sre.RANGE:
            lo, hi = arg
            if hi > 0xFF or folds and any(chr(c).isalpha() for c in range(lo, hi + 1)):
                return True
        elif kind is sre.CATEGORY:
            if not ascii_only or arg in _NEGATED:
                return True
        else:  # a negated class, or what the parser gives that is not listed here
            return True
    return False


_NEGATED = (sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_NOT_WORD, sre.CATEGORY_NOT_SPACE)


def _class(members: tuple[int, ...]) -> str:
    if len(members) == 1:
        return _char(members[0])
    parts: list[str] = []
    start = prev = members[0]
    for c in (*members[1:], None):
        if c is not None and c == prev + 1:
            prev = c
            continue
        if prev - start >= 2:
            parts.append(f"{_char(start)}-{_char(prev)}")
        else:
            parts += [_char(x) for x in range(start, prev + 1)]
        if c is not None:
            start = prev = c
    return "[" + "".join(parts) + "]"


def _char(c: int) -> str:
    """One byte as an expression writes it: a letter or digit as itself, else escaped."""
    ch = chr(c)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{c:02x}"


class Prefilter:
    """One Hyperscan database over many regexes; :meth:`present` says which may match."""

    def __init__(self, regexes: Iterable[tuple[str, int]]) -> None:
        import hyperscan

        self._hs = hyperscan
        #: regex -> its id in the database; NEVER: it matches no Latin-1 text
        self.ids: dict[tuple[str, int], int] = {}
        exprs: list[bytes] = []
        for key in dict.fromkeys(regexes):
            e = expression(*key)
            if e is None:
                continue  # always run
            if e == b"":
                self.ids[key] = NEVER
                continue
            self.ids[key] = len(exprs)
            exprs.append(e)
        flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY | \
            hyperscan.HS_FLAG_PREFILTER
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs),
                   flags=[flags] * len(exprs))
        self._db = db
        self._scratch = hyperscan.Scratch(db)
        self._local = threading.local()

    def present(self, text: str) -> set[int] | None:
        """The ids of the regexes that may match ``text``; None: not known (a character beyond
        Latin-1), every regex may."""
        data = encode(text)
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._scratch.clone()
        found: set[int] = set()
        self._db.scan(data, match_event_handler=_found, context=found, scratch=scratch)
        return found


NEVER = -1


def _found(id_: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(id_)
