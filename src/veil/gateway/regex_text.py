"""A regular expression read as the text it matches, and a value in it replaced by its
placeholder, escaped.

A JSON schema's ``pattern`` (tool parameters, structured outputs) is a regex, and a regex
writes a value with escapes the detector does not read through: an address with its dots
escaped (``^jane\\.doe@example\\.com$``), a name with ``\\s`` between its words, a card with
``\\s?`` between its groups -- each went up as sent. So a pattern is also read as the text it
matches (:func:`reading`: escapes undone; ``\\s``, ``\\d`` and their quantifiers a space; a
one-character class its character; a quantifier after a character dropped), and where the
detector finds a value there, the pattern goes up with that value's characters replaced by
the placeholder written as a literal (``^\\[EMAIL_1\\]$``, :func:`rebuilt`): the rest of the
pattern is kept as it was written, and an upstream that constrains its output to the pattern
writes the placeholder, which the answer's restoration turns back into the value.
"""

from __future__ import annotations

import re

#: A pattern longer than this is not aligned with its masked reading (it goes up as the
#: masked reading, as any masked text: nothing of a value is left in it).
MAX_ALIGNED = 4096

_HEX2 = re.compile(r"x([0-9a-fA-F]{2})")
_HEX4 = re.compile(r"u([0-9a-fA-F]{4})")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d+(?:,\d*)?\})\??")
#: A class of one character (``[.]``, ``[@]``, ``[\\.]``): that character.
_ONE_CLASS = re.compile(r"\[(\\?[^\]\\^])\]")
_BOUNDARIES = frozenset("bBAZzG")
#: Classes of characters (``\d{6}``): a reader sees no text in them (the detector read the
#: ``d`` of ``\d`` as a user name).
_CLASSES = frozenset("dDwWS")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_]*\]")


def reading(pattern: str) -> tuple[str, list[str]]:
    """The text ``pattern`` matches, as far as a reader can tell, and for each of its
    characters the piece of the pattern it came from (joined, they are ``pattern``)."""
    text: list[str] = []
    sources: list[str] = []
    i, n = 0, len(pattern)

    def add(char: str, source: str) -> None:
        text.append(char)
        sources.append(source)

    while i < n:
        c = pattern[i]
        start = i
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            i += 2
            if d == "s":
                q = _QUANTIFIER.match(pattern, i)
                i = q.end() if q else i
                add(" ", pattern[start:i])
                continue
            if d in _BOUNDARIES or d in _CLASSES:
                q = _QUANTIFIER.match(pattern, i) if d in _CLASSES else None
                i = q.end() if q else i
                add(" ", pattern[start:i])  # no text of its own: words are not glued across
                continue
            hx = (_HEX2 if d == "x" else _HEX4 if d == "u" else None)
            m = hx.match(pattern, i - 1) if hx is not None else None
            if m is not None:
                i = m.end()
                add(chr(int(m.group(1), 16)), pattern[start:i])
            elif d.isalnum():  # \d, \w, \n, \1: a class or a reference, kept as written
                add("\\", pattern[start:i])
                add(d, "")
                continue
            else:
                add(d, pattern[start:i])
        elif c == "[" and (m := _ONE_CLASS.match(pattern, i)) is not None:
            i = m.end()
            add(m.group(1)[-1], pattern[start:i])
        else:
            i += 1
            add(c, c)
        # a quantifier after a character: the character stays, the quantifier is its source's
        q = _QUANTIFIER.match(pattern, i)
        if q is not None and text and text[-1] not in "()|":
            sources[-1] += q.group()
            i = q.end()
    return "".join(text), sources


def rebuilt(pattern: str, read: str, sources: list[str], masked: str) -> str:
    """``pattern`` with each value that masking replaced in its reading ``read`` (giving
    ``masked``) written as its placeholder, escaped; the rest as it was. Where ``masked`` is
    not ``read`` with placeholders in place of spans (or the pattern is too long to align),
    the masked reading itself: no value of the reading is left in it either."""
    pieces = _PLACEHOLDER.split(masked)
    holders = _PLACEHOLDER.findall(masked)
    if len(pattern) > MAX_ALIGNED or not holders:
        return masked
    shape = "(.+?)".join(re.escape(p) for p in pieces)
    m = re.fullmatch(shape, read, re.DOTALL)
    if m is None:
        return masked
    out: list[str] = []
    pos = 0
    for k, holder in enumerate(holders, 1):
        out.extend(sources[pos : m.start(k)])
        out.append(re.escape(holder))
        pos = m.end(k)
    out.extend(sources[pos:])
    return "".join(out)


__all__ = ["MAX_ALIGNED", "reading", "rebuilt"]
