"""Values hidden in an encoding: base64 (``SmFuZSBEb2UsIFNTTiAwNzgtMDUtMTEyMA==``), hex
(``6a616e65406578616d706c652e636f6d``) and percent-encoding outside a URL
(``Jane%20Doe%2C%20SSN%20078-05-1120``).

A model decodes these as easily as it reads plain text, so a caller who wants a value past the
mask encodes it, and logs and pasted requests carry such strings anyway. A token is decoded
when its shape allows (base64: letters of both cases and a digit or a symbol, eleven
characters or more, not a JWT's segment; hex: an even number of hex digits; percent: an
escape between letters or digits, or an "@", outside a URL), and kept only when it decodes to
printable text, which random keys, hashes and images do not. That text is read by the pattern
recognizers, the name lists and the name heuristics, every token of a text in one read. A
base64 or hex token whose text holds a value is masked whole, typed as the strongest value in
it; a percent-encoded value is masked where it stands ("Jane%20Doe"), unless the encoding left
it readable.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import re

from veil.detect.entity import Detection
from veil.detect.patterns import runs_at_hints
from veil.detect.recognizer import Recognizer

#: a base64 (or base64url) or hex token, whole; not a segment of a JWT (dots between
#: base64url segments: the whole is a SECRET, and reading its JSON cost more than the rest of
#: a ~1 KB prompt's patterns)
_TOKEN = re.compile(r"(?<![\w+/=%-])(?<![\w-]\.)[A-Za-z0-9+/_-]{11,}={0,2}"
                    r"(?![\w+/=%-]|\.[\w-])")
#: the runs of those characters (no look-around: the engine skips ahead to each run instead of
#: trying the look-behinds at every position); :func:`_tokens` keeps those ``_TOKEN`` matches
_RUN = re.compile(r"[A-Za-z0-9+/_-]{11,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
#: what an encoding of text holds: hex digits alone, or both cases and a digit or a symbol
_SHAPE = re.compile(r"[0-9a-fA-F]+={0,2}$|(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=[^0-9+/_-]*[0-9+/_-])")
#: a percent escape; the token around it is read when an escape in it can hide a value:
#: between two letters or digits ("Jane%20Doe", "4111%201111") or an "@" (not in a URL,
#: which is masked whole: a query string is full of escapes)
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_HIDES = re.compile(r"[A-Za-z0-9](?:%[0-9A-Fa-f]{2})+[A-Za-z0-9]|%40")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://|www\.", re.IGNORECASE)
#: characters spaced out one by one ("G B 8 2 W E S T 1 2 3 4 ...", "j a n e @ g m a i l . c o m"):
#: eight or more, one space apart, read with the spaces taken out; found from a hint that
#: the regex engine finds by its leading space (the run's regex, tried at every position,
#: cost 16 us a ~1 KB prompt)
_SPACED = re.compile(r"(?<!\S)(?:\S ){7,}\S(?!\S)")
_SPACED_HINT = re.compile(r" \S \S \S ")
_SPACE = re.compile(r"\s")


def _tokens(text: str) -> list[tuple[int, int]]:
    """The spans of ``_TOKEN.finditer(text)`` with an encoding's ``_SHAPE``."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        if _SHAPE.match(m.group()) is None:
            continue  # a long word, not an encoding (most runs)
        token = _TOKEN.match(text, m.start())  # the boundaries: a run is a token or none
        if token is not None and token.end() == m.end():
            out.append(token.span())
    return out


def _spaced(text: str) -> list[tuple[int, int]]:
    """The spans of ``_SPACED.finditer(text)``."""
    return runs_at_hints(_SPACED, _SPACED_HINT, text)


def _percent_tokens(text: str) -> list[tuple[int, int]]:
    """The whitespace-delimited tokens of ``text`` that hold an escape which can hide a value."""
    out: list[tuple[int, int]] = []
    end = -1
    for m in _ESCAPE.finditer(text):
        if m.start() < end:
            continue  # in the token just read
        s = m.start()
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        space = _SPACE.search(text, m.end())
        end = len(text) if space is None else space.start()
        token = text[s:end]
        if _HIDES.search(token) is not None and _URL.match(token) is None:
            out.append((s, end))
    return out


#: what a decoded text may not hold: controls other than whitespace, and the replacement mark
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_WORDISH = re.compile(r"[\w@.,:;'\"()/+ -]")


def _text(raw: bytes) -> str | None:
    """``raw`` as text, when it is UTF-8 that reads as text (most of it letters, digits,
    spaces and punctuation)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) < 4 or _UNPRINTABLE.search(text) is not None:
        return None
    return text if len(_WORDISH.findall(text)) >= 0.9 * len(text) else None


def decoded(token: str) -> str | None:
    """The text ``token`` encodes in base64, base64url or hex, or None."""
    if _HEX.fullmatch(token) and not token.isdigit():
        return _text(bytes.fromhex(token))
    body = token.rstrip("=")
    if not (any(c.isupper() for c in body) and any(c.islower() for c in body)
            and any(c.isdigit() or c in "+/_-" for c in body)):
        return None  # a word or a name, not an encoding
    padded = body + "=" * (-len(body) % 4)
    if len(body) % 4 == 1:
        return None
    try:
        raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return None
    return _text(raw)


class _NameHeuristics(Recognizer):
    """The name heuristics the NER backends run beside their model (a known given name before a
    capitalised word, a title, a greeting, a field's label), for a decoded text: no model reads
    it, and the name lists alone want both names known ("write to Zbigniew Brzezinski")."""

    name = "name_heuristic"
    entities = ("PERSON",)

    def analyze(self, text: str) -> list[Detection]:
        from veil.detect.ner import heuristic_names

        return heuristic_names(text)


@functools.cache
def _reader() -> tuple[Recognizer, ...]:
    """What reads a decoded text: every pattern recognizer but this one, the name lists and
    the name heuristics."""
    from veil.detect.builtin import builtin_recognizers
    from veil.detect.gazetteer import GazetteerRecognizer

    return (*[r for r in builtin_recognizers() if r.name != EncodedRecognizer.name],
            GazetteerRecognizer(), _NameHeuristics())


#: between two decoded texts read together: no recognizer's match crosses four line breaks
_APART = "\n\n\n\n"


def _found(texts: list[str]) -> list[list[Detection]]:
    """The values in each of ``texts``, at its own offsets. The texts are read together, once
    by each recognizer: a megabyte of small tokens is one read, not one per token."""
    joined = _APART.join(texts)
    starts: list[int] = []
    at = 0
    for t in texts:
        starts.append(at)
        at += len(t) + len(_APART)
    found: list[list[Detection]] = [[] for _ in texts]
    seen: set[tuple[int, str, int, int]] = set()  # the name lists and heuristics agree often
    for r in _reader():
        for d in r.analyze(joined):
            k = bisect.bisect_right(starts, d.start) - 1
            s, e = d.start - starts[k], min(d.end - starts[k], len(texts[k]))
            # (a value across a separator is cut at its text's end; the next text's read of
            # it would have found it whole)
            if e > s and (k, d.type, s, e) not in seen:
                seen.add((k, d.type, s, e))
                found[k].append(Detection(d.type, s, e, d.score, d.recognizer, texts[k][s:e]))
    return found


class EncodedRecognizer(Recognizer):
    """A base64, hex or percent-encoded token whose decoded text holds a value."""

    name = "encoded"
    entities = ("PERSON", "EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "SECRET",
                "LOCATION", "ACCOUNT_NUMBER")
    validated = True  # the value found in the decoded text is the validation

    def analyze(self, text: str) -> list[Detection]:
        # a token, its decoded text, and (percent-encoding) where each character of that text
        # starts in the token: its values are masked where they are, not the whole token
        tokens: list[tuple[int, int]] = []
        plain: list[str] = []
        where: list[list[int] | None] = []
        for s, e in _tokens(text):
            d = decoded(text[s:e])
            if d is not None:
                tokens.append((s, e))
                plain.append(d)
                where.append(None)
        for s, e in _spaced(text):
            tokens.append((s, e))
            plain.append(text[s:e].replace(" ", ""))
            where.append(None)
        if "%" in text:
            for s, e in _percent_tokens(text):
                u = _unquoted(text[s:e])
                if u is not None:
                    tokens.append((s, e))
                    plain.append(u[0])
                    where.append(u[1])
        if not tokens:
            return []
        out: list[Detection] = []
        for (s, e), at, values in zip(tokens, where, _found(plain), strict=True):
            if at is None:  # base64 or hex: no character stands for one of the text's
                best = max(values, key=lambda d: d.score, default=None)
                if best is not None:
                    out.append(Detection(best.type, s, e, 0.9, self.name, text[s:e]))
                continue
            for v in values:
                vs, ve = s + at[v.start], s + at[v.end]
                # a value the encoding left readable ("?%20|10.0.0.1|%20") is the others'
                if text[vs:ve] != v.text:
                    out.append(Detection(v.type, vs, ve, 0.9, self.name, text[vs:ve]))
        return out


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _unquoted(token: str) -> tuple[str, list[int]] | None:
    """The text a percent-encoded token encodes, and where each of its characters starts in
    the token (one more entry: the token's end); None when an escape run is no UTF-8."""
    out: list[str] = []
    at: list[int] = []
    done = 0
    for m in _ESCAPES.finditer(token):
        for i in range(done, m.start()):
            out.append(" " if token[i] == "+" else token[i])
            at.append(i)
        try:
            chars = bytes.fromhex(m.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return None
        pos = m.start()
        for c in chars:
            out.append(c)
            at.append(pos)
            pos += 3 * len(c.encode("utf-8"))
        done = m.end()
    for i in range(done, len(token)):
        out.append(" " if token[i] == "+" else token[i])
        at.append(i)
    at.append(len(token))
    return "".join(out), at


ENCODED = EncodedRecognizer()
