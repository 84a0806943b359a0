"""Ids that are text in disguise: base64, base32 or hex of a readable string.

Two caller strings leave the gateway as sent, unmasked: a client's ``x-request-id`` (into the
log, the audit log and the response header) and, without ``upstream.models``, a request's
``model`` (to the upstream and into the audit log). Both are checked for values by their
shape and by the detector, but an id's alphabet is base64's and hex's:
``amFuZS5kb2VAZXhhbXBsZS5jb20`` is ``jane.doe@example.com``, ``3037382d30352d31313230`` is
``078-05-1120``, and each passed as an opaque id. A real id's pieces are random bytes or
words, never base64 or hex of text (the walker decodes such a string in every free-form
field for the same reason), so an id of which a piece decodes to text is no id.

What counts: a piece (the whole id, or the run after any separator up to the next ``.`` or
``:``) that is base64 (standard or URL-safe, padding optional), base32 or hex of at least
:data:`MIN_BYTES` bytes of UTF-8 made of letters, digits, spaces and the punctuation of
addresses and names. Random ids pass for text rarely (at most 6 in 20,000 base64, base32 or
hex ids of 6 to 16 random bytes), and the ids of the SDKs and vendors never: a
request id taken for text is replaced by a fresh one (returned in the header), a model id
refused with the advice to list it in ``upstream.models``.
"""

from __future__ import annotations

import base64
import binascii
import re

from .payloads import b64_bytes

#: Fewer bytes of text than this are not read: "Jane Doe" is eight; shorter runs of random
#: base64 decode to printable bytes too often.
MIN_BYTES = 8
#: Where an id's pieces meet (request ids: ``._:/+=-``; model ids: ``_.:/+-``).
_SEPARATOR = re.compile(r"[._:/+=@-]")
#: Pieces never run across these (neither base64 alphabet holds them).
_HARD = re.compile(r"[.:=@]+")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
#: Base32's alphabet, either case (RFC 4648; padding stripped before).
_BASE32 = re.compile(r"[A-Za-z2-7]+")
#: What a value's text holds beside letters and digits (an address, a name, a number).
_PROSE = frozenset(" .,;:@-_+'/()#&!?")


def _is_text(raw: bytes) -> bool:
    if len(raw) < MIN_BYTES:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(c.isalnum() for c in text) and all(c.isalnum() or c in _PROSE for c in text)


def _base32(piece: str) -> bytes | None:
    body = piece.rstrip("=")
    if len(body) * 5 < 8 * MIN_BYTES or not _BASE32.fullmatch(body):
        return None
    try:
        return base64.b32decode(body + "=" * (-len(body) % 8), casefold=True)
    except (binascii.Error, ValueError):
        return None


def _decodes_to_text(piece: str) -> bool:
    if len(piece) >= 2 * MIN_BYTES and _HEX.fullmatch(piece):
        return _is_text(binascii.unhexlify(piece))
    decoded = b64_bytes(piece, min_len=MIN_BYTES + MIN_BYTES // 3)
    if decoded is not None and _is_text(decoded.raw):
        return True
    raw = _base32(piece)
    return raw is not None and _is_text(raw)


def _pieces(value: str) -> set[str]:
    """The whole id, and every run that starts at its start or after a separator and ends at
    the next hard separator (or the end): base64 may hold ``+ / - _`` itself, and a prefix
    (``req-``, ``ft:gpt-4o:acme:``) must not shift it out of alignment."""
    out = {value}
    for part in _HARD.split(value):
        starts = [0] + [m.end() for m in _SEPARATOR.finditer(part)]
        for s in starts:
            tail = part[s:]
            out.add(tail)
            # and each run between two separators (a piece followed by more pieces)
            end = _SEPARATOR.search(tail)
            if end is not None:
                out.add(tail[: end.start()])
    return {p for p in out if len(p) >= MIN_BYTES + MIN_BYTES // 3}


def encodes_text(value: str) -> bool:
    """Whether ``value`` or a piece of it is base64, base32 or hex of a readable text (see
    the module docstring)."""
    return any(_decodes_to_text(p) for p in _pieces(value))


__all__ = ["MIN_BYTES", "encodes_text"]
