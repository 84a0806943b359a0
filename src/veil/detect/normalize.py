"""Text normalisation, in one place: the detection view, case folding, and lookup keys.

Obfuscated PII (``4111\u200b1111...``, fullwidth ``４１１１``, Arabic-Indic digits, Cyrillic or
Armenian look-alike letters in an email) must not slip past the recognizers, yet every detection
must index the ORIGINAL text so the masker replaces (and the vault stores) exactly what the caller
sent. :func:`normalize` therefore builds a normalised *view* character by character and
remembers, for each view character, which original character produced it.

Look-alike letters are folded to their ASCII prototype from Unicode's confusables data (UTS #39,
through ``confusable-homoglyphs``), but only where that is an attack rather than a language: in a
token that also holds Latin letters or an ``@`` (``jаne@exаmple.com``, ``Јоhn``), or in a token
made only of look-alikes inside mostly-Latin text. Russian or Greek prose keeps its letters, so it
is not turned into Latin-looking words that a recognizer could mistake for names.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.entities import html5

# Dashes and the fullwidth at-sign: folded everywhere (they are script-neutral punctuation).
_PUNCTUATION: dict[str, str] = {
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "＠": "@",
}

# Look-alikes UTS #39 does not list because they only match a small capital (Cyrillic ``к``,
# ``т``, Greek ``κ``, ``τ``), yet they read as Latin letters in an e-mail address or a name.
_SMALL_CAPITALS: dict[str, str] = {
    "в": "B", "к": "k", "м": "M", "н": "H", "т": "T", "κ": "k", "τ": "t",
}

_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPECIAL = re.compile(r"[^\x20-\x7e\t\n\r]")  # characters that may need mapping


@dataclass(frozen=True, slots=True)
class Origin:
    """Which original character each view character came from, piece by piece: the view
    piece starting at ``starts[k]`` was copied from ``sources[k]`` on (``copied[k]``), or is
    what the one character at ``sources[k]`` became. A megabyte with a few thousand changed
    characters is a few thousand pieces, not a million offsets."""

    starts: tuple[int, ...]
    sources: tuple[int, ...]
    copied: tuple[bool, ...]

    def __getitem__(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.sources[k] + (i - self.starts[k] if self.copied[k] else 0)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of ``original``; ``origin[i]`` is the original index of view char i."""

    original: str
    text: str
    origin: Origin | None  # None: identity (the view is the original)
    #: [start, end) of each run that a right-to-left override wrote backwards (the view reads
    #: it forwards): a span that touches one covers all of it
    reversed_runs: tuple[tuple[int, int], ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the smallest original span covering it."""
        if self.origin is None:
            return start, end
        last = self.origin[end - 1]
        # the whole reference a last character was decoded from ("Jos&eacute;", "Jos\\u00e9")
        end = reference_end(self.original, last) if self.original[last] in _REFERENCE_LEADS \
            else last + 1
        # with the marks the view dropped right after it ("J̲a̲n̲e̲": the last line under "e")
        dropped = _DROPPED.match(self.original, end)  # (a "*": it matches, maybe empty)
        start, end = self.origin[start], end if dropped is None else dropped.end()
        for a, b in self.reversed_runs:
            if start < b and a < end:  # the view's letters of the run are not in its order
                start, end = min(start, a), max(end, b)
        return start, end


#: a character written as a reference: HTML's (numeric, hexadecimal, or named with its ";"),
#: or a string escape of JSON, Python or JavaScript ("\\u00e9", a surrogate pair, "\\x4a")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|"
                        r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|"
                        r"u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2})|"
                        r"%[2-7][0-9A-Fa-f]")
#: an inline HTML tag without attributes (formatting, a span, a link's end), which the view
#: reads as nothing: a value split by one ("<b>Jane</b> <i>Doe</i>", "4111<span>1111</span>...")
#: reads whole. A tag with attributes stays (they may hold a value themselves:
#: ``<a href="tel:...">``), and so do block tags (a paragraph, a cell, a line break), which
#: separate what is on either side.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|big|code|del|em|font|i|ins|mark|s|small|span|strike|"
                         r"strong|sub|sup|tt|u)[ \t]*>", re.IGNORECASE)
#: a block tag without attributes (a cell, a row, a paragraph, an item, a line break), which
#: the view reads as a line break: "<td>Tóth Gyula</td>" is a name on a line of its own, not
#: a name glued to the letters "td" (spaCy read names in cells as persons with a recall of
#: 0.03 between tabs, 0.33 between spaces, 1.00 on lines of their own; the learned model 1.00)
_BLOCK_TAG = re.compile(r"</?(?:td|th|tr|li|p|div|br|h[1-6]|dt|dd|table|thead|tbody|tfoot|ul|ol|"
                        r"dl|blockquote|pre|section|article|header|footer|caption)[ \t]*/?>",
                        re.IGNORECASE)
#: the characters a percent-encoding stands for in the view: those of values ("%34%31%31%31",
#: "jane%40example.com"); a space, a quote or a bracket decoded would cut a URL in two
_PERCENT_DECODED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.-_+"
                             # a query's "=" and "&", which a URL holds anyway: encoded, the
                             # "3D" of "%3D078-05-1120" was glued to the number after it
                             "=&")


#: UTF-8 read as Latin-1 or Windows-1252, as a mis-decoded export writes it ("JosÃ© GarcÃ\xada",
#: "â€™"): read as its letters ("TomÃ¡s Herrera" was cut in two by the "¡" of "Ã¡", and
#: "Herrera" went upstream). A lead byte's character, then one or two continuation bytes'
_BYTE_OF = {chr(b): b for b in range(256)} | {
    c: b for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", errors="ignore"))}
_CONTINUATION = "".join(c for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF)
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}")
#: what starts a span of the original that the view read as one character
_REFERENCE_LEADS = "&\\%" + "".join(chr(c) for c in range(0xC2, 0xF0))


def _unmangled(seq: str) -> str | None:
    """The one character a mis-decoded UTF-8 sequence stands for, else None: a letter or a
    sign of the scripts and symbols such text holds (Latin, Greek, Cyrillic, Hebrew, Arabic,
    punctuation, currency, CJK), not a mark or a rare script that a word's own letters would
    spell by chance ("ß²" is no N'Ko mark)."""
    try:
        char = bytes(_BYTE_OF[c] for c in seq).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    if len(char) != 1 or not char.isprintable() or unicodedata.category(char)[0] == "M":
        return None
    code = ord(char)
    plausible = (0xA0 <= code <= 0x6FF or 0x2000 <= code <= 0x214F or 0x3000 <= code <= 0x30FF
                 or 0x4E00 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF)
    return char if plausible else None


def _decoded(reference: str) -> str | None:
    """The one character a reference stands for; None for an unknown name, a number past
    Unicode, a lone surrogate, NUL, or a name that stands for two characters."""
    if reference[0] == "%":
        decoded = chr(int(reference[1:], 16))
        return decoded if decoded in _PERCENT_DECODED else None
    if reference[0] == "\\":
        if len(reference) == 12:  # a surrogate pair: one character beyond the first plane
            high, low = int(reference[2:6], 16), int(reference[8:12], 16)
            return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        code = int(reference[2:], 16)
    elif reference[1] == "#":
        code = int(reference[3:-1], 16) if reference[2] in "xX" else int(reference[2:-1])
    else:
        char = html5.get(reference[1:])
        return char if char is not None and len(char) == 1 else None
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
        return None
    return chr(code)


def _references(text: str) -> dict[int, tuple[int, str]]:
    """Start -> (end, character) of each reference in ``text``: text pasted from a web page
    ("O&#39;Brien", "Jos&eacute;"), a JSON dump ("Jos\\u00e9 Garc\\u00eda") or a URL's query
    ("jane%40example.com"), or written so on purpose ("&#74;ane", "%34%31%31%31"), reads as its
    characters."""
    out: dict[int, tuple[int, str]] = {}
    if "&" in text or "\\" in text or "%" in text:
        for m in _REFERENCE.finditer(text):
            char = _decoded(m.group()) or _word_space(text, m.start(), m.end())
            if char is not None:
                out[m.start()] = (m.end(), char)
    if not text.isascii():
        for m in _MOJIBAKE.finditer(text):
            char = _unmangled(m.group())
            if char is not None and m.start() not in out:
                out[m.start()] = (m.end(), char)
    if "\n" in text and _LINE_JOIN_MARK.search(text) is not None:
        out.update((k, v) for k, v in _line_joins(text).items() if k not in out)
    if "<" in text:
        for m in _INLINE_TAG.finditer(text):
            if m.start() not in out:
                out[m.start()] = (m.end(), "")
        for m in _BLOCK_TAG.finditer(text):
            if m.start() not in out:
                out[m.start()] = (m.end(), "\n")
    return out


#: a word hyphenated at a line's end, as a PDF or a narrow column wraps it ("Mül-⏎ler",
#: "Wester-⏎mann", an address's "ashdown-⏎fellowes@..."): the view reads one word; before a
#: capital or a digit the hyphen is the word's own ("Ashcroft-⏎Lindqvist", "078-05-⏎1120")
#: and only the break goes. A quoted reply's "> " marks on the next line go with it.
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n(?:[ \t]*>)*[ \t]*(?=[^\W_])")
#: a PDF's page number inserted where the page broke a paragraph: "Page 3 of 12", "- 4 -",
#: or a number alone between blank lines, after a line that ends inside its sentence (no
#: stop, colon or semicolon) and before the rest of it; the view reads a space there (none
#: after a hyphen), so "Bertrand⏎⏎- 2 -⏎⏎Okonjo" is a name and "07700⏎- 4 -⏎900461" a phone
_PAGE_BREAK = re.compile(
    r"\n(?:[ \t]*\r?\n){0,2}[ \t]*"
    r"(?:(?i:page)[ \t]+\d{1,4}(?:[ \t]+(?i:of)[ \t]+\d{1,4})?|-[ \t]?\d{1,4}[ \t]?-"
    r"|(?<=\n\n)\d{1,3}(?=[ \t]*\r?\n[ \t]*\r?\n))"
    r"[ \t]*\r?\n(?:[ \t]*\r?\n){0,2}[ \t]*(?=[^\W_])")


def _line_joins(text: str) -> dict[int, tuple[int, str]]:
    """Start -> (end, what the view reads) of each line break inside a word or a sentence
    that a PDF's or a mail client's wrapping put there (see :data:`_HYPHEN_BREAK`,
    :data:`_PAGE_BREAK`)."""
    out: dict[int, tuple[int, str]] = {}
    # (each regex opens with its literal, which the engine skips to; what stands before it
    # is checked here)
    for m in _HYPHEN_BREAK.finditer(text):
        s = m.start()
        if not s or not (text[s - 1].isalnum()):
            continue
        if text[m.end()].islower() and text[s - 1].isalpha():
            out[s] = (m.end(), "")  # "Mül-⏎ler": one word
        else:
            out[s + 1] = (m.end(), "")  # "Ashcroft-⏎Lindqvist": its hyphen kept
    for m in _PAGE_BREAK.finditer(text):
        s = m.start()
        while s and text[s - 1] in " \t\r":
            s -= 1
        if s and text[s - 1] not in ".:;!?\n" and s not in out:
            out[s] = (m.end(), "" if text[s - 1] == "-" else " ")
    return out


#: a token that opens as a URL does: a scheme, "www." or a host name and its path
_URL_HEAD = re.compile(r"[A-Za-z][\w+.-]*://|(?i:www\.)|[\w-]+(?:\.[\w-]+)+/")


def _word_space(text: str, start: int, end: int) -> str | None:
    """" " for a "%20" between a word and a capitalised one, a query's name ("name=Fenella%20
    Marchbanks": the surname went upstream glued to the code); elsewhere a space decoded would
    cut a URL in two, and its rest would go upstream ("?q=hello%20world")."""
    if text[start:end] != "%20" or not start or not text[start - 1].islower() \
            or end >= len(text) or not text[end].isupper():
        return None
    # a query's value: the nearest delimiter before it is its "=" (not a path's "/My%20Report")
    lo = max(0, start - 64)
    before = max(text.rfind(c, lo, start) for c in "=&?/ \t\n")
    if before < 0 or text[before] != "=":
        return None
    # not in a whole URL's query: the URL is masked whole, and a space would end it there
    # ("https://.../chart?name=Jane%20Okafor" went up as "[URL_1]%20Okafor")
    lo = max(0, start - 4096)
    token = max(text.rfind(c, lo, start) for c in " \t\n\r\"'<>") + 1
    return None if _URL_HEAD.match(text, max(token, lo), start) else " "


#: two string literals joined by "+" between a value's characters ("leopoldine" + "." +
#: "vanderhoeven" + "@" + "example.com", "Jane" + " Doe"): read as one string, as the program
#: builds it
_LITERAL_JOIN = re.compile(r"""(?<=[\w.@ -])(["'])[ \t]*\+[ \t]*\1(?=[\w.@ -])""")


def _literal_joins(text: str) -> dict[int, tuple[int, str]]:
    """Start -> (end, "") of each join of two string literals (see :data:`_LITERAL_JOIN`)."""
    return {m.start(): (m.end(), "") for m in _LITERAL_JOIN.finditer(text)}


def reference_end(text: str, i: int) -> int:
    """The end of the reference that the view decoded at ``i``; ``i + 1`` where none was."""
    m = _REFERENCE.match(text, i)
    if m is not None and (_decoded(m.group()) or _word_space(text, m.start(), m.end())):
        return m.end()
    m = _MOJIBAKE.match(text, i)
    return m.end() if m is not None and _unmangled(m.group()) is not None else i + 1


#: combining diacritical marks (the base block, its extended and supplement blocks, the marks
#: for symbols and the half marks); the marks of other scripts' own blocks are kept
_DIACRITICS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_DIACRITIC = re.compile(f"[{_DIACRITICS}]")


#: letters and marks that show nothing and are no format character: variation selectors (of
#: emoji, CJK and Mongolian), Hangul's fillers, Khmer's inherent vowels. Written inside a value
#: ("078-0\ufe0f5-1120") they broke its digits or letters apart for every recognizer
_UNSEEN = ("\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f"
           "\u115f\u1160\u3164\uffa0\u17b4\u17b5")
_UNSEEN_CHAR = re.compile(f"[{_UNSEEN}]")
#: Unicode's tag characters for ASCII's printable ones: they show nothing, and models read them
#: as the letters they stand for ("ASCII smuggling": a surname written in them went upstream)
_TAGS = range(0xE0020, 0xE007F)

#: characters the view drops (see :func:`_map_char`), which belong to the value before them
_DROPPED = re.compile(f"[{_DIACRITICS}{_UNSEEN}\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*")


def _map_char(ch: str) -> str:
    """Context-free mapping of one non-ASCII or control character (look-alikes: see below)."""
    if ord(ch) in _TAGS:
        return chr(ord(ch) - 0xE0000)  # the letter it stands for, read as the model reads it
    if _UNSEEN_CHAR.match(ch):
        return ""
    if 0x1F1E6 <= ord(ch) <= 0x1F1FF:
        # a regional indicator: a flag's letter, which models read ("🇯🇦🇳🇪@example.org");
        # in small letters, so that a flag ("🇬🇧") reads as no capitalised word
        return chr(ord(ch) - 0x1F1E6 + 0x61)
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width space/joiner, BOM, soft hyphen, bidi marks: invisible
        return ""
    if cat == "Cc" and ch not in "\t\n\r":
        return " "  # control characters become a separator (keeps tokens apart, never crashes)
    if cat == "Mn" and _DIACRITIC.match(ch):
        # a combining mark of the Latin, Greek and Cyrillic blocks: written between a name's
        # letters ("J̲a̲n̲e̲", decomposed "José") it broke every word the recognizers look for
        return ""
    if cat == "Cs":
        # a lone surrogate (JSON may escape one: "\ud800") encodes to no UTF-8, which the
        # Rust automata read: a separator here, as the text goes on unchanged
        return " "
    dec = unicodedata.decimal(ch, None)
    if dec is not None:  # any script's decimal digit (Arabic-Indic, Devanagari, fullwidth...)
        return str(dec)
    punct = _PUNCTUATION.get(ch)
    if punct is not None:
        return punct
    n = unicodedata.normalize("NFKC", ch)
    if n.isascii():
        return n
    return ch  # keep other letters as they are (length 1: offsets stay simple)


@functools.cache
def _confusables() -> dict[str, list[dict[str, str]]]:
    # Loaded on first non-ASCII letter (about 0.2 s): ASCII-only traffic never pays for it.
    from confusable_homoglyphs import confusables

    data: dict[str, list[dict[str, str]]] = confusables.confusables_data
    return data


@functools.cache
def ascii_prototype(ch: str) -> str | None:
    """The ASCII letters/digits a non-ASCII letter is confusable with, or None.

    Uses the UTS #39 prototype, except that an upper-case letter whose prototype is ``l`` (UTS #39
    folds ``I`` and ``l`` together) becomes ``I``, so a spoofed capital keeps its case for NER.
    """
    if ch.isascii() or not ch.isalpha() or _map_char(ch) != ch:
        return None
    extra = _SMALL_CAPITALS.get(ch)
    if extra is not None:
        return extra
    protos = [g["c"] for g in _confusables().get(ch, ()) if g["c"].isascii() and g["c"].isalnum()]
    if len(protos) != 1:
        return None
    proto = protos[0]
    return "I" if proto == "l" and ch.isupper() else proto


@functools.cache
def _kind(ch: str) -> str:
    """One-letter class of a character for :func:`_folds`: S look-alike (T: a Latin-script one,
    such as ``ɡ``), L Latin letter or ``@``, O letter of another script, space, or ``.``."""
    if ascii_prototype(ch) is not None:
        return "T" if unicodedata.name(ch, "").startswith("LATIN ") else "S"
    if ch == "@" or (ch.isalpha() and (ch.isascii()
                                       or unicodedata.name(ch, "").startswith("LATIN "))):
        return "L"
    if ch.isalpha():
        return "O"
    return " " if ch.isspace() or ch in _TOKEN_BREAKS else "."


#: what ends a token for the look-alike rules besides white space: the punctuation of markup,
#: code and records around a word ("<td>Αλεξάνδρα": the tag's "td" is no Latin letter of the
#: Greek name), and an apostrophe ("Мишин's": the "s" of English's possessive), not what joins
#: an address or a name ("@", ".", "-", "_", "+")
_TOKEN_BREAKS = '<>"=(){}[]|;,/\\`*:\'’'
_TOKEN_REST = re.compile(f"[^\\s{re.escape(_TOKEN_BREAKS)}]*")


def _any_of(chars: Iterable[str]) -> re.Pattern[str]:
    """One of these characters: a search for them skips the rest of the text in C."""
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


def _folds(text: str, chars: set[str]) -> dict[int, str]:
    """Original index -> ASCII prototype, for the look-alike letters that are to be folded.

    ``chars``: the set of characters of ``text``. Only the tokens (runs of non-space) that
    hold a look-alike are classified letter by letter, so a megabyte of prose with a few
    look-alikes costs no Python loop per letter; the whole text's letters are counted only
    when a token is made of look-alikes alone (below).
    """
    kind = {c: _kind(c) for c in chars}
    spoof = sorted(c for c, k in kind.items() if k in "ST")
    if not spoof or not any(k in "LT" for k in kind.values()):
        return {}  # no look-alike, or no Latin letter to be mistaken for (Russian prose)
    spoofed = _any_of(spoof)
    spans: list[tuple[int, int]] = []
    whole: list[tuple[int, int]] = []
    done = 0
    for m in spoofed.finditer(text):
        i = m.start()
        if i < done:
            continue  # in the token just classified
        s = i
        while s > done and kind[text[s - 1]] != " ":
            s -= 1
        rest = _TOKEN_REST.match(text, i)
        e = rest.end() if rest is not None else i + 1
        kinds = {kind[c] for c in text[s:e]}
        if "L" in kinds or "T" in kinds:  # an e-mail or a name with a look-alike letter
            spans.append((s, e))
        elif "O" not in kinds:  # only look-alikes
            whole.append((s, e))
        done = e
    if whole:
        counts = collections.Counter(text.translate({ord(c): k for c, k in kind.items()}))
        if counts["L"] + counts["T"] > counts["O"]:
            spans += [(s, e) for s, e in whole if _cased_like_a_word(text[s:e])]
    out: dict[int, str] = {}
    for s, e in spans:
        for m in spoofed.finditer(text, s, e):
            p = ascii_prototype(m.group())
            assert p is not None  # nosec B101 # an internal invariant, not a security check
            out[m.start()] = p
    return out


#: a digit written for a letter inside a word ("j0hn sm1th", "M4ry"): found where a digit
#: stands between two letters (a search for the digit first: 0.5 us a short prompt)
_LEET_AT = re.compile(r"[013457](?<=[A-Za-z][013457])(?=[A-Za-z])")
_LEET_WORD = re.compile(r"[A-Za-z013457]+")
#: the letters each such digit stands for
_LEET = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t"}


#: a query's value of up to six words of letters joined by "+", the form's spaces
#: ("?name=Jonathan+Reyes": "+Reyes" went upstream, glued to the "+"); a value with a digit or
#: a "/" (base64's "+", a signature's) keeps its "+"
_QUERY_WORDS = re.compile(r"(?<==)[^\W\d_]['’.\w-]{0,19}(?:\+[^\W\d_]['’.\w-]{0,19}){1,5}"
                          r"(?=$|[&#\s\"'<>;,)])")


def _query_spaces(text: str) -> dict[int, str]:
    """Index -> " ", for the "+" of a query's value of words (see :data:`_QUERY_WORDS`)."""
    out: dict[int, str] = {}
    for m in _QUERY_WORDS.finditer(text):
        value = m.group()
        if any(c.isdigit() or c == "_" for c in value):
            continue
        i = m.start()
        out.update((i + k, " ") for k, c in enumerate(value) if c == "+")
    return out


#: a letter that looks like a digit beside a digit ("O77OO 9OO 5l2": a number written so that a
#: filter would not read it), and the tokens of digits and such letters around one
_LOOKALIKE_BESIDE_DIGIT = re.compile(r"[0-9](?:(?<=[OoIl][0-9])|(?=[OoIl]|S[0-9]))")
_LOOKALIKE_TOKEN = re.compile(r"(?<![^\W_])(?=[OoIl]*[0-9])[0-9OoIl]{3,}(?![^\W_])")
_AS_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1", "S": "5"}
#: a date's or a code's groups of digits and such letters, as OCR reads a scanned form
#: ("l4/O8/l962", "O78-O5-ll2O", "3O.l2.l985"): each group too short to be a token above
_LOOKALIKE_GROUPS = re.compile(r"[0-9OoIl]{1,4}(?:[./-][0-9OoIl]{1,4}){1,3}")
#: such a letter between two digits inside a longer token ("JT4829l5B", "4S39"): OCR's misread
_LOOKALIKE_INSIDE = re.compile(r"(?<=[0-9])[OoIlS](?=[0-9])")


#: an IBAN's country and check digits and its groups so far, right before a token: its groups
#: hold letters ("IT63 O075 ..." of an Italian account), which stay letters
_IBAN_BEFORE = re.compile(r"(?<![^\W_])[A-Z]{2}[0-9]{2}(?:[ \t][0-9A-Z]{4}){0,8}[ \t]$")


def _digit_lookalikes(text: str) -> dict[int, str]:
    """Index -> digit, for the letters of tokens of digits and look-alike letters (see
    :data:`_LOOKALIKE_BESIDE_DIGIT`): one character for one, offsets kept."""
    out: dict[int, str] = {}
    for m in _LOOKALIKE_TOKEN.finditer(text):
        if _IBAN_BEFORE.search(text, max(0, m.start() - 48), m.start()) is not None:
            continue
        out.update((m.start() + k, _AS_DIGIT[c]) for k, c in enumerate(m.group())
                   if c in _AS_DIGIT)
    done = 0
    for hit in _LOOKALIKE_BESIDE_DIGIT.finditer(text):  # (the few places where one is)
        if hit.start() < done:
            continue
        s = hit.start()
        while s > 0 and text[s - 1] in _GROUPED and hit.start() - s < 24:
            s -= 1
        run = _GROUPED_RUN.match(text, hit.start())
        e = done = run.end() if run is not None else hit.end()
        if e - s > 24 or (s and text[s - 1] in _GROUPED):
            continue  # a long token: a key's, a hash's, a wallet's, a path's
        groups = _LOOKALIKE_GROUPS.fullmatch(text, s, e)
        if groups is not None and sum(c.isdigit() for c in groups.group()) >= 3:  # ("I/O")
            out.update((s + k, _AS_DIGIT[c]) for k, c in enumerate(groups.group())
                       if c in _AS_DIGIT)
            continue
        for m in _LOOKALIKE_INSIDE.finditer(text, s, e):
            a = b = m.start()
            while a > 0 and text[a - 1] in _ALNUM:
                a -= 1
            while b < len(text) and text[b] in _ALNUM:
                b += 1
            # a short code of digits (an ID's, a card's group); a long token is a key's, a
            # hash's or a wallet's, whose letters are its own ("...xfkvy5l643...")
            if b - a <= 12 and sum(not c.isdigit() for c in text[a:b]) <= 4 \
                    and (a == 0 or text[a - 1] not in _TOKEN_JOINS) \
                    and (b == len(text) or text[b] not in _TOKEN_JOINS):
                out[m.start()] = _AS_DIGIT[m.group()]
    return out


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_GROUPED = _ALNUM | frozenset("./-")
_GROUPED_RUN = re.compile(r"[0-9A-Za-z./-]+")
#: what joins a token's parts into a longer one (a path, base64, an identifier)
_TOKEN_JOINS = frozenset("/+=_\\")


#: a form's dot leaders between a label and its value ("Name.........Jane Doe", "Policyholder
#: . . . . . Reginald"): the view reads a colon and spaces, a form's line (same length)
_LEADER = re.compile(r"(?<=[^\W_)])(?:[ \t]?\.){4,}[ \t]*(?=[^\s.])")


def _leaders(text: str) -> dict[int, str]:
    """Index -> ":" or " " for the dots of each leader (see :data:`_LEADER`)."""
    out: dict[int, str] = {}
    for m in _LEADER.finditer(text):
        out.update((i, " ") for i in range(m.start(), m.end()))
        out[m.start()] = ":"
    return out


def _leet_folds(text: str) -> dict[int, str]:
    """Index -> letter, for the digits of a word that reads as a known given name or surname
    with them read as letters ("j0hn" -> "john", "Sm1th" -> "Smith"); a code, a model number
    or an identifier ("B2B", "mp3", "XJH4829") reads as no name and keeps its digits."""
    from veil.detect.names import first_names, last_names  # a name list loads on first use

    out: dict[int, str] = {}
    done = 0
    for m in _LEET_AT.finditer(text):
        if m.start() < done:
            continue
        s = m.start() - 1
        while s > 0 and text[s - 1] in _LEET_CHARS:
            s -= 1
        word = _LEET_WORD.match(text, s)
        assert word is not None  # nosec B101 # an internal invariant, not a security check
        e = done = word.end()
        if s and text[s - 1] not in _LEET_BEFORE or e < len(text) and (
                text[e] not in _LEET_AFTER
                or text[e] in ".:" and e + 1 < len(text) and not text[e + 1].isspace()):
            continue  # part of a longer token ("XJH4829", an address's "a1da:", a host's)
        w = word.group()
        digits = [i for i, c in enumerate(w) if c in _LEET]
        if len(digits) > 2 or len(w) - len(digits) < 3 or w[0] in _LEET:
            continue  # (three letters at least: a postcode's "K1A" reads "Kia")
        for reading in itertools.product(*(_LEET[w[i]] for i in digits)):
            letters = list(w.lower())
            for i, ch in zip(digits, reading, strict=True):
                letters[i] = ch
            plain = "".join(letters)
            if plain in first_names() or plain in last_names():
                upper = w.isupper()  # "SM1TH": its letters all capitals
                for i, ch in zip(digits, reading, strict=True):
                    out[s + i] = ch.upper() if upper else ch
                break
    return out


_LEET_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz013457")
#: what may stand before and after such a word: prose's spaces and punctuation, not an
#: address's, a path's or an identifier's (":", ".", "-", "_", "/", "@")
_LEET_BEFORE = frozenset(" \t\n\r\"'([<")
_LEET_AFTER = frozenset(" \t\n\r,;:!?.\"')]>")


def _cased_like_a_word(token: str) -> bool:
    """Whether a token of look-alikes alone, folded, is cased as a Latin word is ("Јоhn",
    "ЈОНN", "јоhn"): a word of another script whose small letters look like capitals ("Антон"
    reads "AHToH") is that script's own word (a name), kept for its recognizers."""
    if any(c.isalpha() and (ascii_prototype(c) or "").isdigit() for c in token):
        return False  # a letter that looks like a digit: "Захар" would read "3axap"
    folded = "".join(ascii_prototype(c) or c for c in token)
    return folded.islower() or folded.isupper() or folded.istitle()


# JSON/log-escaped line breaks ("...\\nJane Doe\\n..."): seen as a space plus a real break, so
# "line start" and word-boundary rules hold. Two characters in, two out: offsets do not move.
# Not inside a Windows path, whose folders may begin with those letters
# ("C:\\Users\\tnakamura", "\\\\fs01\\new", JSON's "C:\\\\Users\\\\nsmith"): read as a break,
# the user's folder had lost its first letter; and "\\r" only before an escaped "\\n", as
# Windows' line ends are escaped (a domain's account, "CONTOSO\\rachebe", had lost its "r").
_ESCAPE = re.compile(r"\\([nt]|r(?=\\n))")
_ESC_CHAR = {"n": "\n", "r": "\r", "t": "\t"}
#: a Windows path up to a backslash: a drive, a share or a variable, then its folders
_PATH_BEFORE = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]:|\\\\[\w.$-]+|%\w+%)(?:\\[\w .$()~-]*)*\Z")


def _unescape(text: str) -> str:
    def escape(m: re.Match[str]) -> str:
        if text[m.start() - 1:m.start()] not in ("", " ", "\n", "\"", "'") and \
                _PATH_BEFORE.search(text, max(0, m.start() - 160), m.start()):
            return m.group()
        return " " + _ESC_CHAR[m.group(1)]

    return _ESCAPE.sub(escape, text)


def _replace_at(text: str, at: dict[int, str]) -> str:
    """``text`` with the character at each index of ``at`` replaced by its value."""
    if not at:
        return text
    out: list[str] = []
    done = 0
    for i in sorted(at):
        out += (text[done:i], at[i])
        done = i + 1
    out.append(text[done:])
    return "".join(out)


#: what a line join (:func:`_line_joins`) needs: a hyphen or a page's number at a line's end
_LINE_JOIN_MARK = re.compile(r"-[ \t]*\r?\n|\n[ \t]*\r?\n?[ \t]*(?:[Pp][Aa][Gg][Ee][ \t]|-[ \t]?\d|"
                             r"\d{1,3}[ \t]*\r?\n)")


#: a right-to-left override's run: what it writes backwards, up to its pop, an isolate's end,
#: another override or embedding, or the line's end
_OVERRIDDEN = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]+)")


def _overridden(text: str) -> tuple[tuple[int, int], ...]:
    """The runs a right-to-left override shows in the reverse of their order: a name written
    backwards inside one reads forwards on screen, and to a model asked to read it."""
    return tuple(m.span(1) for m in _OVERRIDDEN.finditer(text))


def normalize(text: str) -> NormalizedText:
    """Return the normalised view of ``text``; pure ASCII without control chars is a no-op."""
    refs = _references(text) if "&" in text or "\\" in text or "%" in text or "<" in text \
        or not text.isascii() or "\n" in text and _LINE_JOIN_MARK.search(text) else {}
    if "+" in text and ('"' in text or "'" in text):
        joins = _literal_joins(text)
        if joins:
            refs = joins | refs
    leet = _leet_folds(text) if _LEET_AT.search(text) else {}
    if _LOOKALIKE_BESIDE_DIGIT.search(text):
        leet.update(_digit_lookalikes(text))
    if "+" in text and "=" in text:
        leet.update(_query_spaces(text))
    if "...." in text or ". . . ." in text:
        leet.update(_leaders(text))
    runs = _overridden(text) if "\u202e" in text else ()
    for a, b in runs:  # read forwards, as the reader sees it ("\u202eewolraM nitneuQ")
        leet.update((i, text[a + b - 1 - i]) for i in range(a, b))
    if not refs and text.isascii() and not _ASCII_CONTROL.search(text):
        view = _replace_at(text, leet)  # one letter for one digit: offsets do not move
        if "\\" in view and _ESCAPE.search(view):
            return NormalizedText(text, _unescape(view), None)  # same length: identity offsets
        return NormalizedText(text, view, None)
    chars = set(text)
    table = {ord(c): _map_char(c) for c in chars if _SPECIAL.match(c)}
    folds = _folds(text, chars)
    folds.update(leet)
    if not refs and all(len(v) == 1 for v in table.values()) and \
            all(len(v) == 1 for v in folds.values()):
        # Most non-ASCII text (accented names) maps one character to one: no offset map. Only
        # the characters that change are replaced, where they are (translating the whole text
        # walks every character in Python's slow path).
        swap = {chr(k): v for k, v in table.items() if v != chr(k)}
        where = {m.start(): swap[m.group()] for m in _any_of(swap).finditer(text)} if swap else {}
        where.update(folds)
        view = _replace_at(text, where)
        if "\\" in view:
            view = _unescape(view)
        return NormalizedText(text, view, None)
    # Only the characters that change are visited; the runs between are copied whole.
    changed = [c for c in chars if not (c.isascii() and (c.isprintable() or c in "\t\n\r"))]
    at = {m.start() for m in _any_of(changed).finditer(text)} if changed else set()
    out: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    copied: list[bool] = []
    done = at_view = 0

    def piece(source: int, length: int, copy: bool) -> None:
        nonlocal at_view
        if length:
            starts.append(at_view)
            sources.append(source)
            copied.append(copy)
            at_view += length

    for i in sorted(at | folds.keys() | refs.keys()):
        if i < done:
            continue  # inside a reference read already (a mis-decoded sequence's last bytes)
        out.append(text[done:i])
        piece(done, i - done, True)
        ref = refs.get(i)  # a mis-decoded sequence's lead ("æ" of "æ\x9d\x8e") is no letter
        m = folds.get(i) if ref is None else None
        if ref is not None:  # a reference: its character from its first one on
            char = ref[1]
            m = _map_char(char) if _SPECIAL.match(char) else char
        elif m is None:
            m = table[ord(text[i])]
        out.append(m)
        piece(i, len(m), False)
        done = i + 1 if ref is None else ref[0]
    out.append(text[done:])
    piece(done, len(text) - done, True)
    view = "".join(out)
    if "\\" in view:
        view = _unescape(view)
    if view == text:
        return NormalizedText(text, text, None)
    return NormalizedText(text, view, Origin(tuple(starts), tuple(sources), tuple(copied)),
                          runs)


# Zero-width and BOM characters: an LLM or a user can slip them into a value; they never make
# two values different for lookup purposes.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalize_text(value: str) -> str:
    """Case- and width-insensitive form used for vault fingerprints and replacement uniqueness.

    Its output is hashed into stored lookup keys: changing it orphans existing vault entries.
    """
    v = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    return " ".join(v.casefold().split())
