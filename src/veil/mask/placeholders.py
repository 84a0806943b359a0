"""Placeholder syntax in one place: the ``[TYPE_N]`` form, the variants LLMs write, look-alikes.

The restorer's tolerant pattern and the masker's look-alike finder are built from the same
pieces here, so they cannot drift apart: whatever the restorer would take for a placeholder of
any known type, the finder finds in a caller's input first, and the masker escapes it (as a
``LITERAL`` entity) so that it comes back exactly as typed and never as someone's value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

import regex

from veil.alternation import trie_pattern
from veil.casefold import lower_in_place
from veil.config import ENTITY_TYPES

#: The reserved type of placeholder-like text a caller typed. Always masked with a placeholder,
#: whatever the policy says, so the upstream sees ``[LITERAL_1]`` and restoration gives the text
#: back as typed.
LITERAL = "LITERAL"

#: The type a sensitive-term rule gets when it names none (see :class:`veil.config.TermRule`).
DEFAULT_TERM_TYPE = "SENSITIVE_TERM"

#: "[PERSON_1]", and the linked variant placeholders "[PERSON_1_FIRST]" the masker gives to
#: other spellings of the same value ("Jane" of "Jane Doe").
CANONICAL = regex.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)(?:_((?:FIRST|LAST|ALT)\d*))?\]")
PARTS = ("FIRST", "LAST", "ALT")

#: Type names LLMs substitute for ours when they rewrite a placeholder.
TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "PERSON": ("NAME", "PER"),
    "ORGANIZATION": ("ORG", "COMPANY"),
    "LOCATION": ("LOC", "PLACE"),
    "EMAIL": ("EMAIL_ADDRESS",),
    "PHONE": ("PHONE_NUMBER",),
    "CREDIT_CARD": ("CARD", "CARD_NUMBER"),
    "IP_ADDRESS": ("IP",),
    "US_SSN": ("SSN",),
    "DATE_OF_BIRTH": ("DOB",),
    "IBAN": ("IBAN_CODE",),
}

#: Types every pattern knows, whatever the session holds.
BASE_TYPES: frozenset[str] = frozenset(ENTITY_TYPES) | {LITERAL, DEFAULT_TERM_TYPE}

#: How a placeholder the model invented (one this request never sent) is shown.
InventedMode = Literal["neutral", "marker", "keep"]

_NEUTRAL: dict[str, str] = {
    "PERSON": "someone",
    "ORGANIZATION": "an organization",
    "LOCATION": "a place",
    "EMAIL": "an email address",
    "PHONE": "a phone number",
    "CREDIT_CARD": "a card number",
    "CRYPTO_WALLET": "a wallet address",
    "DATE_OF_BIRTH": "a date of birth",
    "DRIVER_LICENSE": "a driver's license number",
    "IBAN": "a bank account number",
    "IP_ADDRESS": "an IP address",
    "MAC_ADDRESS": "a device address",
    "PASSPORT": "a passport number",
    "SECRET": "a secret",  # nosec B105 # not a password (a label or test constant)
    "URL": "a link",
    "US_SSN": "a social security number",
    LITERAL: "some text",
}

_SP_MAX = 3  # spaces between a bracket, markdown and the type
_MD_MAX = 3  # markdown characters ("**", "`")
_SP = rf"[ \t]{{0,{_SP_MAX}}}"
_MD = rf"[*_`~]{{0,{_MD_MAX}}}"
#: Between a type and its number: "_", " #", "-no. ".
_SEP = r"[ \t_\-\\]{0,3}(?:\#|no\.?)?[ \t_\-]{0,2}"
# The same read from right to left, for the search of a reversed text.
_SEP_REVERSED = r"[ \t_\-]{0,2}(?:\#|\.?on)?[ \t_\-\\]{0,3}"
# "\\[" is a markdown-escaped bracket: LLMs writing markdown emit "\\[PERSON\\_1\\]".
OPEN = {
    "[": "]", "(": ")", "<": ">", "{": "}", "[[": "]]", "{{": "}}", "<<": ">>", "\\[": "\\]",
}
#: Characters a placeholder match can start with, besides the first letters of type names.
OPEN_CHARS = frozenset({o[0] for o in OPEN} | set("*_`~"))
#: The most characters a placeholder match holds before its type: a bracket, then spaces,
#: markdown and spaces again (``_token_pattern``).
TYPE_LEAD = max(len(o) for o in OPEN) + 2 * _SP_MAX + _MD_MAX
#: Characters that ``regex``'s case-insensitive matching takes for an ASCII letter although
#: ``str.lower`` keeps them apart from it (the long s), besides those whose lower case is
#: longer (the dotted capital I). ``tests/unit/mask/test_token_starts.py`` checks every code
#: point.
_LOWER_MISSES = "\u017f"


def squash(s: str) -> str:
    """Letters and digits only, casefolded: "Email-Address" and "EMAIL_ADDRESS" are one key."""
    return "".join(c for c in s.casefold() if c.isalnum())


@functools.lru_cache(maxsize=1024)
def _squash_type(spelled: str) -> str:
    """:func:`squash` of an entity type as a placeholder spells it: a few spellings recur in
    every answer (squashing them again was 6% of restoring a ~1 KB answer). Type names only,
    never a value."""
    return squash(spelled)


#: Between the words of a type: "EMAIL_ADDRESS", "Email Address".
_TYPE_JOIN = r"[ \t_\-\\]{0,3}"


def _type_pattern(etype: str) -> str:
    parts = [regex.escape(p) for p in etype.split("_") if p]
    return _TYPE_JOIN.join(parts)


def _type_pattern_reversed(etype: str) -> str:
    """:func:`_type_pattern` of ``etype`` in lower case, read from right to left."""
    parts = [re.escape(p.lower()[::-1]) for p in reversed(etype.split("_")) if p]
    return _TYPE_JOIN.join(parts)


@dataclass(frozen=True)
class TypeNames:
    """The spellings a pattern accepts and the canonical type each one means."""

    keys: dict[str, str]  # squashed spelling -> canonical type
    spellings: tuple[str, ...]  # longest first (the regex alternation prefers the longest)

    @classmethod
    def of(cls, types: Iterable[str]) -> TypeNames:
        # every restorer of a request builds one: the same few type sets come back each time
        return _type_names(frozenset(types))

    @classmethod
    def _build(cls, types: frozenset[str]) -> TypeNames:
        ts = sorted(types, key=len, reverse=True)
        # A type of that name wins over an alias ("[NAME_1]" is a NAME if the session has one).
        keys = {squash(t): t for t in ts}
        for t in ts:
            for alias in TYPE_ALIASES.get(t, ()):
                keys.setdefault(squash(alias), t)
        spellings = set(ts) | {
            a for t in ts for a in TYPE_ALIASES.get(t, ()) if keys[squash(a)] == t
        }
        return cls(keys=keys, spellings=tuple(sorted(spellings, key=lambda s: (-len(s), s))))

    @functools.cached_property
    def max_len(self) -> int:
        """Upper bound of a placeholder match: brackets, spaces, markdown, separators, number,
        possessive add at most 50 characters to the longest spelling."""
        return max((len(t) + 3 * t.count("_") for t in self.spellings), default=0) + 50

    @functools.cached_property
    def first_chars(self) -> frozenset[str]:
        return OPEN_CHARS | {c for t in self.spellings for c in (t[0].upper(), t[0].lower())}

    @functools.cached_property
    def _heads(self) -> tuple[re.Pattern[str], frozenset[str]] | None:
        """A type followed by its number, in a lower-cased text (the standard library's
        engine, several times faster than the token pattern's search, which tries every
        position); and the lower-cased characters a placeholder can start with. None when a
        spelling is not ASCII (lower-casing it may not read as case-insensitive matching)."""
        if not all(t.isascii() for t in self.spellings):
            return None
        sequences = []  # a spelling's characters, in lower case, and its separators
        for t in self.spellings:
            atoms: list[str] = []
            for part in (p.lower() for p in t.split("_") if p):
                atoms += [_TYPE_JOIN] if atoms else []
                atoms += [re.escape(c) for c in part]
            sequences.append(atoms)
        first = {c.lower() for c in OPEN_CHARS} | {t[0].lower() for t in self.spellings}
        # a prefix tree (a flat alternation of ~50 spellings was 3x slower: 80 against 28 us
        # over ~1 KB); the number: an ASCII digit, or any other character (regex may know
        # digits that this Python's tables do not)
        return (re.compile(rf"(?:{trie_pattern(sequences)}){_SEP}[0-9\x80-\U0010ffff]"),
                frozenset(first))

    def token_starts(self, text: str, start: int = 0) -> list[int] | None:
        """The positions of ``text`` from ``start`` on where a placeholder of these types may
        begin (a superset: the token pattern matches nowhere else), ascending; None when that
        cannot be told cheaply (a text whose lower case does not line up with it)."""
        heads = self._heads
        if heads is None:
            return None
        low = text.lower()
        if not text.isascii() and (len(low) != len(text)
                                   or any(c in text for c in _LOWER_MISSES)):
            return None
        typed, first = heads
        out: list[int] = []
        done = start  # positions below it were listed already
        m = typed.search(low, start)
        while m is not None:
            o = m.start()  # where a type begins; its placeholder starts at most TYPE_LEAD before
            for s in range(max(done, o - TYPE_LEAD), o + 1):
                if low[s] in first:
                    out.append(s)
            done = o + 1
            # the next type may begin inside this one's match ("PER" in "PERSON_1"): go on
            # one character after its start, not after its end
            m = typed.search(low, o + 1)
        return out

    @functools.cached_property
    def _stems(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """Every spelling's letters and digits in lower case (:func:`squash`), whole and every
        prefix of them; None when a spelling is not ASCII."""
        if not all(t.isascii() for t in self.spellings):
            return None
        whole = frozenset(squash(t) for t in self.spellings)
        return frozenset(w[:i] for w in whole for i in range(1, len(w) + 1)), whole

    def may_open(self, text: str, p: int) -> bool:
        """False when ``text[p:]`` is surely no placeholder match nor the prefix of one: a
        stream tries the token pattern's partial match (~27 thousand instructions) at every
        word start of its last ``max_len`` characters, and a word of prose is no prefix of a
        type. True when it may be, or cannot be told cheaply.

        A match opens with brackets, markdown and spaces, then the type's letters and digits,
        which run on only into the separator's "no" and the number: so the first run of
        letters and digits is a prefix of a spelling's, or a whole one and then those. A
        non-ASCII character where the opening or the run stops is left to the pattern
        (``regex`` takes the long s for an "s", and knows digits of other scripts)."""
        stems = self._stems
        if stems is None:
            return True
        m = _OPENING.match(text, p)
        if m is None:  # it matches everywhere (every part may be empty)
            return True
        end = m.end()
        if end < len(text) and not text[end].isascii():
            return True
        run = m.group(1).lower()
        if not run:
            return end == len(text)
        prefixes, whole = stems
        if run in prefixes:
            return True
        if not (run[-1].isdigit() or run.endswith(("n", "no"))):  # "shipment", "the"
            return False
        return any(run[:i] in whole and _RUN_ON.fullmatch(run, i) is not None
                   for i in range(max(1, len(run) - _RUN_ON_MAX), len(run)))


#: What may open a placeholder match before its type (``_token_pattern``: a bracket, spaces and
#: markdown, in any order here), then the run of ASCII letters and digits that follows.
_OPENING = re.compile(r"[\[(<{\\*_`~ \t]*([A-Za-z0-9]*)")
#: The letters and digits that may follow a type without a break: the separator's "no" (or
#: its first letter, at the text's end) and up to four digits of the number.
_RUN_ON = re.compile(r"(?:no?)?[0-9]{0,4}")
_RUN_ON_MAX = 6


@functools.lru_cache(maxsize=64)
def _token_groups(pattern: regex.Pattern[str]) -> tuple[int, ...]:
    """Where the groups :meth:`Token.read` takes stand in ``pattern``'s ``groups()``."""
    index = pattern.groupindex
    return tuple(index[name] - 1 for name in (
        "type", "num", "part", "open", "close", "lmd", "bmd", "rmd", "poss", "sep"))


@functools.lru_cache(maxsize=64)
def _type_names(types: frozenset[str]) -> TypeNames:
    return TypeNames._build(types)


def token_pattern(names: TypeNames, *, context: bool = True) -> str:
    """The named group ``ph``: a placeholder of one of ``names`` as LLMs write it.

    ``context=False`` drops every lookaround: the look-alike finder must also find a token
    whose neighbours will change when masking replaces them (``PERSON_1`` typed right before
    a phone number, or after a word that becomes ``[LITERAL_1]``).
    """
    return _token_pattern(names.spellings, context)


def token_regex(names: TypeNames) -> regex.Pattern[str]:
    """:func:`token_pattern` compiled (case-insensitive), once per set of spellings."""
    return _token_regex(names.spellings)


@functools.lru_cache(maxsize=64)
def _token_regex(spellings: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(_token_pattern(spellings, True), regex.IGNORECASE | regex.V0)


@functools.lru_cache(maxsize=64)
def _token_pattern(spellings: tuple[str, ...], context: bool) -> str:
    type_alt = "|".join(_type_pattern(t) for t in spellings)
    opens = "|".join(regex.escape(o) for o in sorted(OPEN, key=len, reverse=True))
    closes = "|".join(regex.escape(c) for c in sorted(set(OPEN.values()), key=len, reverse=True))
    before = r"(?<![\p{L}\p{N}*_`~])" if context else ""
    no_digit = r"(?!\d)" if context else ""
    no_word = r"(?![\p{L}\p{N}])" if context else ""
    return (
        # after a bracket, spaces and markdown may precede the type; a bare token starts at
        # markdown or the type itself (so a plain space is never held back)
        rf"(?P<ph>(?:(?P<open>{opens})(?P<lmd>{_SP}{_MD}{_SP})"
        rf"|{before}(?P<bmd>{_MD}))"
        rf"(?P<type>{type_alt})"
        rf"(?P<sep>{_SEP})"
        rf"(?P<num>\d{{1,4}}){no_digit}"
        rf"(?:[ \t_\-]{{1,2}}(?P<part>(?:{'|'.join(PARTS)})\d{{0,2}}){no_word})?"
        rf"(?P<rmd>{_SP}{_MD}{_SP})"
        rf"(?P<poss>['’]s)?"
        rf"(?P<close>{_SP}(?:{closes}))?)"
    )


@dataclass(frozen=True)
class Token:
    """A placeholder match taken apart."""

    etype: str
    num: int
    part: str
    open: str | None
    close: str | None
    lmd: str
    rmd: str
    poss: str
    spelled: str  # the type as written
    sep: str

    @classmethod
    def read(cls, m: regex.Match[str], names: TypeNames) -> Token | None:
        # the groups by their numbers, in one call: ``regex`` looks a group up by its name
        # after failing to read the name as a number, an exception each time (ten per token)
        groups = m.groups()
        spelled, num, part, open_, close, lmd, bmd, rmd, poss, sep = (
            groups[i] for i in _token_groups(m.re))
        etype = names.keys.get(_squash_type(spelled))
        if etype is None:
            return None
        return cls(
            etype=etype,
            num=int(num),
            part=(part or "").upper(),
            open=open_,
            close=close,
            lmd=lmd or bmd or "",
            rmd=rmd or "",
            poss=poss or "",
            spelled=spelled,
            sep=sep,
        )

    @property
    def bracketed(self) -> bool:
        return self.open is not None or self.close is not None

    @property
    def accepted(self) -> bool:
        """Whether restoration takes this for a placeholder (not prose such as "person 1")."""
        upper_type = self.spelled == self.spelled.upper()
        if not (self.bracketed or self.lmd.strip() or self.rmd.strip() or upper_type
                or "_" in self.sep or "#" in self.sep):
            return False
        # a synonym ("IP 1", "ORG 2") only counts as a clear token
        return (_squash_type(self.spelled) == _squash_type(self.etype) or self.bracketed
                or "_" in self.sep)

    @property
    def clear(self) -> bool:
        """Unmistakably placeholder syntax: rendered even when no value belongs to it."""
        return self.accepted and (self.bracketed or "_" in self.sep)

    def render(self, value: str) -> str:
        """``value`` in place of the token; brackets and markdown that were not the token's
        stay with the surrounding text.

        The token owns one bracket level: an extra level ("[[PERSON_1]]") is text around it
        (a value written in brackets, "[Jane Doe]", is masked to exactly that).
        """
        open_, close = self.open, self.close
        pre = post = ""
        if open_ == "[[":
            pre, open_ = "[", "["
        if close is not None and close.lstrip(" \t") == "]]":
            post, close = "]", close[:-1]
        if open_ is not None and close is not None:
            if open_.startswith("\\") and not close.lstrip(" \t").startswith("\\"):
                # "\\[PERSON_1]": the backslash was the text's (e.g. a literal "\\n" before
                # the placeholder), not markdown escaping the bracket.
                return pre + open_[:-1] + value + self.poss + post
            return pre + value + self.poss + post  # brackets and markdown inside were the token's
        # An unpaired bracket and markdown outside brackets belong to the surrounding text.
        return pre + (open_ or "") + self.lmd + value + self.rmd + self.poss + (close or "") + post


def invented(etype: str, mode: InventedMode) -> str | None:
    """What an invented placeholder of ``etype`` becomes; None: leave it as written."""
    if mode == "keep":
        return None
    if mode == "marker":
        return f"[unknown {etype.lower().replace('_', ' ')}]"
    return _NEUTRAL.get(etype, "something")


def canonical(replacement: str) -> str:
    """The canonical placeholder of a linked variant ("[PERSON_1_FIRST]" -> "[PERSON_1]");
    any other replacement is its own."""
    m = CANONICAL.fullmatch(replacement, concurrent=False)
    if m is None or not m.group(3):
        return replacement
    return f"[{m.group(1)}_{m.group(2)}]"


# The regex module lets go of the GIL for every match call unless told ``concurrent=False``:
# in the gateway's worker threads each short search then waited for the GIL to come back
# (up to the 5 ms switch interval), so every call on the request path keeps it.
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """Whether ``text`` has a digit (the number of a placeholder); a C-level scan."""
    return _DIGIT.search(text) is not None


#: Characters of a placeholder match before its number, besides the type: an opening bracket
#: and markdown (``"[[ ** "``, at most 11) and the separator (``" _#"``, ``"-no. "``, at most 8).
_BEFORE_TYPE = 11
_AFTER_TYPE = 8
#: Characters from the first digit of the number to the end of a match: number 4, part 9,
#: markdown 9, possessive 2, closing bracket 5.
_FROM_NUMBER = 29


@dataclass(frozen=True)
class _Finder:
    """The look-alike pattern, and where its matches can start.

    Every match holds ``type sep number``; the number starts a run of digits (no spelling ends
    in a digit, see ``anchored``), and the match starts at most ``lead`` characters before it
    and is at most ``lead + _FROM_NUMBER`` long. ``head`` is ``type sep`` matched backwards
    from a digit run, so only the runs it matches right before open a window to search.
    Both are compiled at first need (~50 ms): most texts hold no number after a type's name,
    and one ``veil protect`` needs neither.
    """

    names: TypeNames
    #: ``number type`` in the lower-cased text reversed (a digit first: the regex engine
    #: skips to the digits, where ``head`` is tried at each digit run from Python); None when
    #: a spelling is not ASCII, whose case the two engines might fold differently.
    tail: re.Pattern[str] | None
    lead: int
    #: False when a spelling holds a digit: a number could then start inside a run, and the
    #: finder scans every position instead.
    anchored: bool

    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        return regex.compile(token_pattern(self.names, context=False), _FINDER_FLAGS)

    @functools.cached_property
    def head(self) -> regex.Pattern[str]:
        type_alt = "|".join(_type_pattern(t) for t in self.names.spellings)
        return regex.compile(rf"(?:{type_alt}){_SEP}", _FINDER_FLAGS | regex.REVERSE)


_FINDER_FLAGS = regex.IGNORECASE | regex.V0


def _type_width(spelling: str) -> int:
    """Longest text :func:`_type_pattern` matches for ``spelling`` (each ``_`` may become up to
    three separator characters; case-insensitive matching is one character for one)."""
    parts = [p for p in spelling.split("_") if p]
    return sum(len(p) for p in parts) + 3 * max(len(parts) - 1, 0)


@functools.lru_cache(maxsize=64)
def _finder(types: frozenset[str]) -> _Finder:
    names = TypeNames.of(types)
    return _Finder(
        names=names,
        tail=re.compile(rf"\d{_SEP_REVERSED}(?:"
                        + "|".join(map(_type_pattern_reversed, names.spellings)) + ")")
        if all(t.isascii() for t in names.spellings) else None,
        lead=_BEFORE_TYPE + max((_type_width(t) for t in names.spellings), default=0)
        + _AFTER_TYPE,
        anchored=not any(c.isnumeric() for t in names.spellings for c in t),
    )


_RUN = regex.compile(r"(?<!\d)\d")


class Lookalike(NamedTuple):
    """A look-alike's span, and its number's (the digits a restorer reads as the count)."""

    start: int
    end: int
    number_start: int
    number_end: int


def find_lookalikes(text: str, types: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of ``text`` a restorer could take for a placeholder of a known type.

    Known: :data:`BASE_TYPES`, their aliases, and ``types`` (the session's and the policy's own
    types). Patterns are context-free, so this finds a superset of what restoration accepts
    in any surroundings.
    """
    return [(k.start, k.end) for k in lookalikes(text, types)]


def lookalikes(text: str, types: Iterable[str] = ()) -> list[Lookalike]:
    """:func:`find_lookalikes` with each one's number: a masker that replaces the number
    (inside a longer value, "(SSN 123-45-6789)") leaves no look-alike upstream."""
    if not has_digit(text):
        return []  # every placeholder has a number
    finder = _finder(BASE_TYPES | frozenset(types))
    if not finder.anchored:
        return _accepted(finder.pattern, finder.names, text, [(0, len(text))], len(text))
    # Only the text just before a number that a type and separator precede can start a
    # match: search those windows (a large text is mostly prose and other numbers).
    lead = finder.lead
    windows: list[tuple[int, int]] = []
    for d in _numbers_after_types(text, finder):
        a = max(d - lead, 0)
        if windows and a <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], d)
        else:
            windows.append((a, d))
    if not windows:
        return []
    return _accepted(finder.pattern, finder.names, text, windows, lead + _FROM_NUMBER + 1)


def compile_lookalikes(types: Iterable[str] = ()) -> None:
    """Compile now what :func:`lookalikes` compiles at first need (a server, before it
    serves)."""
    finder = _finder(BASE_TYPES | frozenset(types))
    finder.pattern, finder.head  # noqa: B018  (cached properties: compiled when read)


def _numbers_after_types(text: str, finder: _Finder) -> list[int]:
    """The first digit of each digit run that a type and separator precede, in order."""
    low = lower_in_place(text) if finder.tail is not None else None
    if finder.tail is None or low is None:
        head = finder.head
        return [d for run in _RUN.finditer(text, concurrent=False)
                if head.match(text, 0, d := run.start(), concurrent=False)]
    last = len(text) - 1
    return [last - m.start() for m in finder.tail.finditer(low[::-1])][::-1]


def _accepted(
    pattern: regex.Pattern[str], names: TypeNames, text: str, windows: list[tuple[int, int]],
    reach: int,
) -> list[Lookalike]:
    """The look-alikes starting inside ``windows`` (sorted, disjoint [first, last] start
    positions; no match starts elsewhere), as one search over the whole text would find them.

    A match starting at ``s`` ends before ``s + reach`` and the pattern has no lookaround, so
    cutting the text there changes no match starting at ``s`` or before.
    """
    out: list[Lookalike] = []
    pos = 0
    for first, last in windows:
        p = max(first, pos)
        end = min(len(text), last + reach)
        while p <= last and (m := pattern.search(text, p, end, concurrent=False)) is not None \
                and m.start() <= last:
            tok = Token.read(m, names)
            if tok is not None and tok.accepted:
                out.append(Lookalike(*m.span(), *m.span("num")))
                p = pos = m.end()
            else:
                p = m.start() + 1  # prose ("person 1"): a token may still start inside it
    return out


def is_fragment(text: str, types: Iterable[str] = ()) -> bool:
    """Whether ``text`` (a token, e.g. a logprobs alternative) could be part of a placeholder:
    it holds a bracket or a look-alike, or it ends in the beginning of one ("PERSON", "[EM")."""
    if any(c in text for c in "[]") or find_lookalikes(text, types):
        return True
    pattern = _finder(BASE_TYPES | frozenset(types)).pattern
    return any(
        (m := pattern.fullmatch(text, p, partial=True, concurrent=False)) is not None
        and m.partial
        for p in range(len(text))
    )


__all__ = [
    "BASE_TYPES",
    "CANONICAL",
    "LITERAL",
    "TYPE_ALIASES",
    "InventedMode",
    "Lookalike",
    "Token",
    "TypeNames",
    "canonical",
    "compile_lookalikes",
    "find_lookalikes",
    "invented",
    "is_fragment",
    "lookalikes",
    "squash",
    "token_pattern",
    "token_regex",
]
