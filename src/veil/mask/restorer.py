"""Restoration of originals in LLM output: exact, tolerant, and streaming.

LLMs rewrite placeholders. One compiled pattern per session accepts the variants seen in
practice -- case (``[person_1]``), other or missing brackets (``(PERSON_1)``, ``PERSON_1``),
markdown inside (``[**PERSON_1**]``), extra spaces (``[ PERSON _1 ]``), possessives
(``[PERSON_1's]``), hyphen/space separators (``PERSON-1``), numbering (``[PERSON_01]``,
``[Person #1]``), markdown escapes (``\\[PERSON\\_1\\]``), type synonyms (``[NAME_1]``) -- and
pseudonyms or synthetic values with changed case or spacing, or a pseudonym's name part used
alone. Only replacements of THIS tenant and session are in the pattern, so nothing else can be
restored; redacted values are never stored, so they never come back.

Bare lower-case words ("person 1") are not restored: without brackets, markdown, an
underscore or the upper-case type, such text is more likely prose than a placeholder.

Streaming uses the ``regex`` module's partial matching: a suffix of the buffer is held back
only while it is a match or the prefix of one, so held-back text is bounded by the longest
possible match and the streamed output equals the restoration of the whole text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import regex

from veil.errors import MaskingError
from veil.mask.names import parse_name
from veil.vault.base import Vault, VaultEntry

#: "[PERSON_1]", and the linked variant placeholders "[PERSON_1_FIRST]" the masker gives to
#: other spellings of the same value ("Jane" of "Jane Doe").
_PLACEHOLDER = regex.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)(?:_((?:FIRST|LAST|ALT)\d*))?\]")
_PARTS = ("FIRST", "LAST", "ALT")
_SP = r"[ \t]{0,3}"
_MD = r"[*_`~]{0,3}"
# "\\[" is a markdown-escaped bracket: LLMs writing markdown emit "\\[PERSON\\_1\\]".
_OPEN = {
    "[": "]", "(": ")", "<": ">", "{": "}", "[[": "]]", "{{": "}}", "<<": ">>", "\\[": "\\]",
}
_CACHE_SIZE = 256
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


def _lit_key(s: str) -> str:
    return "".join(c for c in s.casefold() if c.isalnum())


def _spelling(s: str) -> str:
    return " ".join(s.casefold().split())


def _type_pattern(etype: str) -> str:
    parts = [regex.escape(p) for p in etype.split("_") if p]
    return r"[ \t_\-\\]{0,3}".join(parts)


def _literal_atoms(rep: str) -> list[str]:
    """A replacement as regex atoms: flexible whitespace and digit-group separators."""
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(rep):
        nxt = rep[i + 1] if i + 1 < len(rep) else ""
        if ch in "-. /" and prev.isdigit() and nxt.isdigit():
            out.append(r"[\s\-./]{0,2}")
        elif ch.isspace():
            if not prev.isspace():
                out.append(r"\s{1,3}")
        else:
            out.append(regex.escape(ch.casefold() if len(ch.casefold()) == 1 else ch))
        prev = ch
    return out


def _trie_pattern(sequences: list[list[str]]) -> str:
    """One alternation of many literals as a prefix tree of regex atoms.

    A flat ``a|b|c...`` over thousands of replacements makes the engine try every branch at
    every position; a tree shares prefixes. Optional tails are greedy, so the longest
    replacement wins, as with a longest-first alternation.
    """
    root: dict[str, Any] = {}
    for seq in sequences:
        node = root
        for atom in seq:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else (branches[0] if len(branches) == 1 else group)

    return emit(root)


def _name_tokens(
    entries: list[VaultEntry], spelled: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """Pseudonym name parts -> original name parts ("Kathy" -> "Jane", "Mclaughlin" -> "Doe").

    LLMs shorten names ("Dear Kathy,", "Ms. Mclaughlin"). Only parts that map to exactly one
    original part in the session are kept. Values: (token as generated, original token).
    """
    out: dict[str, tuple[str, str]] = {}
    conflicts: set[str] = set()
    for e in entries:
        if e.entity_type != "PERSON" or e.shared or e.operator not in ("pseudonym", "synthetic"):
            continue
        op, rp = parse_name(e.original), parse_name(e.replacement)
        if len(op.order) != len(rp.order) or len(op.order) < 2:
            continue
        for i, j in zip(op.order, rp.order, strict=True):
            o = e.original[op.spans[i][0] : op.spans[i][1]]
            r = e.replacement[rp.spans[j][0] : rp.spans[j][1]]
            if len(r) < 2 or len(o) < 2:
                continue  # initials are too ambiguous to restore
            key = r.casefold()
            if key in out and out[key][1] != o:
                conflicts.add(key)
            out.setdefault(key, (r, o))
    for key in conflicts | set(spelled):  # whole replacements restore through the literal path
        out.pop(key, None)
    return out


@dataclass(frozen=True)
class SessionMatcher:
    """The compiled pattern and lookup tables of one session's replacements."""

    pattern: regex.Pattern[str] | None
    placeholders: dict[tuple[str, int, str], str]  # (type key, number, part or "") -> original
    type_keys: dict[str, str]  # squashed type text -> canonical type
    literals: dict[str, str]  # letters and digits only -> original
    spelled: dict[str, str]  # exact spelling -> original (preferred)
    names: dict[str, str]  # pseudonym name token (casefolded) -> original name token
    max_len: int  # upper bound of a match's length: bounds what a stream holds back
    first_chars: frozenset[str]

    @classmethod
    def build(cls, entries: list[VaultEntry]) -> SessionMatcher:
        placeholders: dict[tuple[str, int, str], str] = {}
        spelled: dict[str, str] = {}  # exact spelling (casefolded, spaces collapsed) -> original
        literals: dict[str, str] = {}  # letters and digits only -> original
        lit_reps: dict[str, str] = {}
        ambiguous: set[str] = set()
        for e in entries:
            if e.shared or e.operator == "redact":
                continue  # aliases restore through their canonical entry; redact never
            m = _PLACEHOLDER.fullmatch(e.replacement)
            if m and e.operator == "placeholder":
                placeholders[(m.group(1), int(m.group(2)), m.group(3) or "")] = e.original
                continue
            k = _lit_key(e.replacement)
            if not k:
                continue
            spelled.setdefault(_spelling(e.replacement), e.original)
            lit_reps.setdefault(_spelling(e.replacement), e.replacement)
            # Two layouts of one value ("4111 1111.." / "4111-1111..") may share a key; two
            # different values may not: restoring either could be wrong, so neither is.
            if k in literals and _lit_key(literals[k]) != _lit_key(e.original):
                ambiguous.add(k)
            literals.setdefault(k, e.original)
        for k in ambiguous:
            literals.pop(k, None)
        names = _name_tokens(entries, spelled)
        types = sorted({t for t, _, _ in placeholders}, key=len, reverse=True)
        # Names an LLM may use instead of ours ("[NAME_1]" for "[PERSON_1]"), unless the
        # session has a type of that name itself.
        type_keys = {_lit_key(t): t for t in types}
        for t in types:
            for alias in TYPE_ALIASES.get(t, ()):
                type_keys.setdefault(_lit_key(alias), t)
        spellings = sorted(
            {t for t in types} | {a for t in types for a in TYPE_ALIASES.get(t, ())
                                  if type_keys[_lit_key(a)] == t},
            key=len,
            reverse=True,
        )
        alts: list[str] = []
        max_len = 0
        first: set[str] = set()  # characters a match can start with
        if types:
            type_alt = "|".join(_type_pattern(t) for t in spellings)
            opens = "|".join(regex.escape(o) for o in sorted(_OPEN, key=len, reverse=True))
            closes = "|".join(
                regex.escape(c) for c in sorted(set(_OPEN.values()), key=len, reverse=True)
            )
            alts.append(
                # after a bracket, spaces and markdown may precede the type; a bare token
                # starts at markdown or the type itself (so a plain space is never held back)
                rf"(?P<ph>(?:(?P<open>{opens})(?P<lmd>{_SP}{_MD}{_SP})"
                rf"|(?<![\p{{L}}\p{{N}}*_`~])(?P<bmd>{_MD}))"
                rf"(?P<type>{type_alt})"
                rf"(?P<sep>[ \t_\-\\]{{0,3}}(?:\#|no\.?)?[ \t_\-]{{0,2}})"
                rf"(?P<num>\d{{1,4}})(?!\d)"
                rf"(?:[ \t_\-]{{1,2}}(?P<part>(?:{'|'.join(_PARTS)})\d{{0,2}})"
                rf"(?![\p{{L}}\p{{N}}]))?"
                rf"(?P<rmd>{_SP}{_MD}{_SP})"
                rf"(?P<poss>['’]s)?"
                rf"(?P<close>{_SP}(?:{closes}))?)"
            )
            # brackets, spaces, markdown, separators, number, possessive: at most 50 more
            max_len = max(len(t) + 3 * t.count("_") for t in spellings) + 50
            first |= {o[0] for o in _OPEN} | set("*_`~")
            first |= {c for t in spellings for c in (t[0].upper(), t[0].lower())}
        if lit_reps:
            reps = sorted(lit_reps.values(), key=len, reverse=True)
            alts.append(
                r"(?P<lit>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt]))(?:"
                + _trie_pattern([_literal_atoms(r) for r in reps])
                # a plural "s" may follow ("two Kathy Mclaughlins"); it stays outside the match
                + r")(?=s?(?![\p{L}\p{N}])))"
            )
            max_len = max(max_len, 3 * max(len(r) for r in reps))
            first |= {c for r in reps for c in (r[0].upper(), r[0].lower())}
        if names:
            # case-sensitive: a lone "Grace" or "Will" in prose must not be taken for a name
            words = sorted(names, key=len, reverse=True)
            forms = [w for t in words for w in (names[t][0], t.upper())]
            alts.append(
                r"(?P<tok>(?:(?<![\p{L}\p{N}])|(?<=\\[nrt]))(?-i:"
                + _trie_pattern([[regex.escape(c) for c in f] for f in forms])
                + r")(?![\p{L}\p{N}]))"
            )
            max_len = max(max_len, max(len(w) for w in words) + 1)
            first |= {f[0] for f in forms}
        pattern = regex.compile("|".join(alts), regex.IGNORECASE | regex.V0) if alts else None
        return cls(
            pattern=pattern,
            placeholders=placeholders,
            type_keys=type_keys,
            literals=literals,
            spelled=spelled,
            names={k: v[1] for k, v in names.items()},
            max_len=max_len,
            first_chars=frozenset(first),
        )

    # ------------------------------------------------------------------ matching
    def _replace(self, m: regex.Match[str]) -> str:
        lit = m.groupdict().get("lit")
        if lit is not None:
            hit = self.spelled.get(_spelling(lit)) or self.literals.get(_lit_key(lit))
            return hit if hit is not None else m.group(0)
        tok = m.groupdict().get("tok")
        if tok is not None:
            original = self.names[tok.casefold()]
            return original.upper() if tok.isupper() and len(tok) > 1 else original
        etype = self.type_keys.get(_lit_key(m.group("type")))
        part = (m.group("part") or "").upper()
        placeholder = (
            self.placeholders.get((etype, int(m.group("num")), part)) if etype else None
        )
        if etype is None or placeholder is None:
            return m.group(0)  # a placeholder of no entry in this session: leave it
        open_, close = m.group("open"), m.group("close")
        lmd = m.group("lmd") or m.group("bmd") or ""
        rmd = m.group("rmd") or ""
        poss = m.group("poss") or ""
        bracketed = open_ is not None or close is not None
        upper_type = m.group("type") == m.group("type").upper()
        sep = m.group("sep")
        if not (bracketed or lmd.strip() or rmd.strip() or upper_type or "_" in sep or "#" in sep):
            return m.group(0)  # "person 1" in prose
        if _lit_key(m.group("type")) != _lit_key(etype) and not (bracketed or "_" in sep):
            return m.group(0)  # a synonym ("IP 1", "ORG 2") only counts as a clear token
        if open_ is not None and close is not None:
            if open_.startswith("\\") and not close.startswith("\\"):
                # "\\[PERSON_1]": the backslash was the text's (e.g. a literal "\\n" before
                # the placeholder), not markdown escaping the bracket.
                return open_[:-1] + placeholder + poss
            return placeholder + poss  # brackets and markdown inside them were the token's
        # An unpaired bracket and markdown outside brackets belong to the surrounding text.
        return (open_ or "") + lmd + placeholder + rmd + poss + (close or "")

    def restore(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(self._replace, text)

    def process(self, buf: str, *, final: bool, start: int = 0) -> tuple[str, int]:
        """Restore ``buf`` up to the first place where a match might still be in progress.

        Returns (restored text, index of the first held-back character). A position p is held
        when ``buf[p:]`` is a match or the prefix of one (``fullmatch(partial=True)``): text
        arriving later could change what matches there. Every match starting before the first
        such position is final (it cannot grow past the buffer, whose tail is no prefix), so
        the concatenated output equals :meth:`restore` on the whole text. ``buf[:start]`` is
        context only (already emitted): lookbehinds need the character before the buffer.
        """
        if self.pattern is None:
            return buf[start:], len(buf)
        n = len(buf)
        starts: list[int] = []
        if not final:
            for p in range(max(start, n - self.max_len), n):
                if buf[p] in self.first_chars and (
                    self.pattern.fullmatch(buf, p, partial=True) is not None
                ):
                    starts.append(p)
        k = 0  # index of the first possible start at or after ``pos``
        out: list[str] = []
        pos = start
        for m in self.pattern.finditer(buf, start):
            while k < len(starts) and starts[k] < pos:
                k += 1
            if k < len(starts) and m.start() >= starts[k]:
                break
            out.append(buf[pos : m.start()])
            out.append(self._replace(m))
            pos = m.end()
        while k < len(starts) and starts[k] < pos:
            k += 1
        hold = starts[k] if k < len(starts) else n
        out.append(buf[pos:hold])
        return "".join(out), hold


class StreamRestorer:
    """Restores a streamed answer chunk by chunk (see :meth:`Restorer.stream`)."""

    def __init__(self, matcher: SessionMatcher) -> None:
        self._m = matcher
        self._buf = ""
        self._prev = ""  # the input character before the buffer (context for lookbehinds)

    def __repr__(self) -> str:
        return f"StreamRestorer(held={len(self._buf)})"

    @property
    def held(self) -> int:
        """Characters currently held back (bounded by the longest possible match)."""
        return len(self._buf)

    def feed(self, chunk: str) -> str:
        self._buf += chunk
        ctx = self._prev
        out, keep = self._m.process(ctx + self._buf, final=False, start=len(ctx))
        keep -= len(ctx)
        if keep > 0:
            self._prev = self._buf[keep - 1]
        self._buf = self._buf[keep:]
        return out

    def flush(self) -> str:
        ctx = self._prev
        out, _ = self._m.process(ctx + self._buf, final=True, start=len(ctx))
        self._buf = ""
        self._prev = ""
        return out


class Restorer:
    """``Restorer(vault).restore(text, tenant=..., session=...)``; compiled once per session."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._cache: OrderedDict[tuple[str, str], tuple[str, SessionMatcher]] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Restorer(vault={self.vault!r})"

    def matcher(self, *, tenant: str, session: str) -> SessionMatcher:
        """The session's compiled matcher; rebuilt only when the session's entries changed."""
        version = self.vault.version(tenant, session)
        key = (tenant, session)
        with self._lock:
            cached = self._cache.get(key)
            if cached and cached[0] == version:
                self._cache.move_to_end(key)
                return cached[1]
        built = SessionMatcher.build(self.vault.entries(tenant, session))
        with self._lock:
            self._cache[key] = (version, built)
            self._cache.move_to_end(key)
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return built

    def restore(self, text: str, *, tenant: str, session: str) -> str:
        matcher = self.matcher(tenant=tenant, session=session)
        try:
            return matcher.restore(text)
        except Exception as e:  # never a message that could carry text
            raise MaskingError(f"restoration failed ({type(e).__name__})") from None

    def stream(self, *, tenant: str, session: str) -> StreamRestorer:
        return StreamRestorer(self.matcher(tenant=tenant, session=session))
