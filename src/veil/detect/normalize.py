"""Unicode normalisation with an offset map back to the original text.

Obfuscated PII (``4111\u200b1111...``, fullwidth ``４１１１``, Arabic-Indic digits, Cyrillic
look-alike letters in an email) must not slip past the recognizers, yet every detection must
index the ORIGINAL text so the masker replaces exactly what the caller sent. We therefore build a
normalised *view* character by character and remember, for each view character, which original
character produced it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters that look like ASCII letters (the usual homoglyph attack set). Applied only to a
# character that NFKC leaves non-ASCII, so ordinary Latin-1 text (é, ü) is untouched.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # dashes and at-sign look-alikes
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "＠": "@",
}


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPECIAL = re.compile(r"[^\x20-\x7e\t\n\r]")  # characters that may need mapping


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of ``original``; ``origin[i]`` is the original index of view char i."""

    original: str
    text: str
    origin: tuple[int, ...] | None  # None: identity (the view is the original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the smallest original span covering it."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _map_char(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width space/joiner, BOM, soft hyphen, bidi marks: invisible
        return ""
    if cat == "Cc" and ch not in "\t\n\r":
        return " "  # control characters become a separator (keeps tokens apart, never crashes)
    dec = unicodedata.decimal(ch, None)
    if dec is not None:  # any script's decimal digit (Arabic-Indic, Devanagari, fullwidth...)
        return str(dec)
    conf = _CONFUSABLES.get(ch)
    if conf is not None:
        return conf
    n = unicodedata.normalize("NFKC", ch)
    if n.isascii():
        return n
    return ch  # keep other letters as they are (length 1: offsets stay simple)


# JSON/log-escaped line breaks ("...\\nJane Doe\\n..."): seen as a space plus a real break, so
# "line start" and word-boundary rules hold. Two characters in, two out: offsets do not move.
_ESCAPE = re.compile(r"\\([nrt])")
_ESC_CHAR = {"n": "\n", "r": "\r", "t": "\t"}


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: " " + _ESC_CHAR[m.group(1)], text)


def normalize(text: str) -> NormalizedText:
    """Return the normalised view of ``text``; pure ASCII without control chars is a no-op."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        if "\\" in text and _ESCAPE.search(text):
            return NormalizedText(text, _unescape(text), None)  # same length: identity offsets
        return NormalizedText(text, text, None)
    # Most non-ASCII text (accented names) maps one character to one: translate, no offset map.
    table = {ord(c): _map_char(c) for c in set(_SPECIAL.findall(text))}
    if all(len(v) == 1 for v in table.values()):
        view = text.translate(table)
        if "\\" in view:
            view = _unescape(view)
        return NormalizedText(text, view, None)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and (ch.isprintable() or ch in "\t\n\r"):
            out.append(ch)
            origin.append(i)
            continue
        m = _map_char(ch)
        for c in m:
            out.append(c)
            origin.append(i)
    view = "".join(out)
    if "\\" in view:
        view = _unescape(view)
    if view == text:
        return NormalizedText(text, text, None)
    return NormalizedText(text, view, tuple(origin))
