"""Text inside an encoded payload: a base64 string or a ``data:`` URL whose bytes are text.

The walker (:mod:`.fields`) lets a tenant pass content Veil cannot scan (images, audio, files,
the upstream's own ciphertext) as base64. But base64 says nothing about what the bytes are: a
``data:text/plain;base64,...`` "image", an SVG, a CSV or a text file as ``file_data``, an
Anthropic ``document`` of ``media_type: text/plain``, or a caller's note base64-encoded into
``encrypted_content`` are all text the upstream reads as easily as a prompt. So a payload is
decoded and, when its bytes are text, the text is masked like any other and encoded again the
way it came (same alphabet, padding, media type and parameters); bytes that are not text
(a PNG, a WAV, a compressed PDF, real ciphertext) pass as before, as the policy allowed.

What counts as text: UTF-8 (a byte-order mark kept), UTF-16 or UTF-32 with a byte-order mark,
UTF-16 or UTF-32 without one (Windows tools write it so; read when every character's high bytes
are mostly NUL, as in Latin text), or bytes without C0 controls read as Latin-1 (a legacy text
file). Binary formats hold NULs and other control bytes within their first bytes (magic
numbers, lengths) in no such pattern, so they are never read as text.

A gzip, zlib, bzip2 or xz stream (a ``.txt.gz``, or a note compressed into the upstream's
ciphertext field) is binary to look at but text to whoever inflates it: it is inflated (up to
:data:`MAX_INFLATED` bytes), and when what it holds is text, that text is masked and compressed
again in the same format.
"""

from __future__ import annotations

import base64
import binascii
import bz2
import gzip
import lzma
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from veil.errors import MaskingError, UnscannableContentError

#: Standard or URL-safe base64, whitespace (MIME line breaks) allowed, padding optional.
_B64 = re.compile(r"[A-Za-z0-9+/\s]*={0,2}\s*|[A-Za-z0-9_\-\s]*={0,2}\s*")
_SPACE = re.compile(r"\s+")
#: C0 controls other than tab, line feed, form feed and carriage return (and DEL).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_STR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: A ``data:`` URL: media type and parameters, then the payload.
_DATA_URL = re.compile(r"data:([^,]*),(.*)", re.S | re.I)
#: Characters a re-encoded (percent-encoded) data URL payload keeps as they are.
_DATA_SAFE = "/:;=@!$&'()*+?~"


@dataclass(frozen=True)
class Decoded:
    """Bytes decoded from a base64 text, and how to encode new bytes the same way."""

    raw: bytes
    encode: Callable[[bytes], str]


def b64_bytes(value: str, *, min_len: int = 4) -> Decoded | None:
    """``value`` as base64 (standard or URL-safe, line breaks and missing padding allowed), or
    None when it is not base64."""
    if len(value) < min_len or not _B64.fullmatch(value):
        return None
    body = _SPACE.sub("", value)
    stripped = body.rstrip("=")
    if not stripped or len(stripped) % 4 == 1:
        return None
    urlsafe = "-" in stripped or "_" in stripped
    padded = body != stripped or len(stripped) % 4 == 0  # unpadded only if visibly so
    try:
        raw = base64.b64decode(
            stripped.replace("-", "+").replace("_", "/") + "=" * (-len(stripped) % 4),
            validate=True,
        )
    except (binascii.Error, ValueError):
        return None

    def encode(data: bytes) -> str:
        out = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(data).decode("ascii")
        return out if padded else out.rstrip("=")

    return Decoded(raw, encode)


@dataclass(frozen=True)
class Text:
    """Bytes read as text, and how to write a (masked) text back to bytes the same way."""

    text: str
    encode: Callable[[str], bytes]


def _encoder(encoding: str, bom: bytes = b"") -> Callable[[str], bytes]:
    def encode(text: str) -> bytes:
        try:
            return bom + text.encode(encoding)
        except UnicodeEncodeError:
            raise MaskingError(
                "a masked text payload could not be encoded as its original character set; "
                "the request was not forwarded. Send the file as UTF-8"
            ) from None

    return encode


def as_text(raw: bytes, *, legacy: bool = True) -> Text | None:
    """``raw`` as text (see the module docstring), or None for binary bytes. ``legacy``: bytes
    that are not UTF-8 are read as Latin-1 (a file's payload may be a legacy text file)."""
    # UTF-32's byte-order marks first: UTF-32-LE's begins with UTF-16-LE's
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                          (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                return None
            if _CONTROL_STR.search(text):
                return None
            return Text(text, _encoder(encoding, bom))
    if _CONTROL.search(raw):
        return _wide_text(raw)
    try:
        return Text(raw.decode("utf-8"), _encoder("utf-8"))
    except UnicodeDecodeError:
        return Text(raw.decode("latin-1"), _encoder("latin-1")) if legacy else None


#: Wide encodings without a byte-order mark: (encoding, code unit size, offsets of the bytes
#: that are NUL for Latin text within each unit).
_WIDE = (("utf-32-le", 4, (2, 3)), ("utf-32-be", 4, (0, 1)), ("utf-16-le", 2, (1,)),
         ("utf-16-be", 2, (0,)))


def _wide_text(raw: bytes) -> Text | None:
    """UTF-16 or UTF-32 text without a byte-order mark, or None. Read only when at least half
    the code units hold NUL high bytes (Latin text does; binary formats do not) and the text
    has no control characters."""
    for encoding, unit, nul_at in _WIDE:
        units = len(raw) // unit
        if units < 2 or len(raw) % unit:
            continue
        nul = min(raw[i::unit].count(0) for i in nul_at)
        if nul * 2 < units:
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL_STR.search(text):
            return Text(text, _encoder(encoding))
    return None


#: The most bytes a compressed payload is inflated to; a larger one is refused.
MAX_INFLATED = 16 * 1024 * 1024


@dataclass(frozen=True)
class Inflated:
    """A compressed stream's bytes, and how to compress new bytes the same way."""

    raw: bytes
    compress: Callable[[bytes], bytes]


def _zlib_header(raw: bytes) -> bool:
    return len(raw) > 2 and raw[0] & 0x0F == 8 and raw[0] >> 4 <= 7 and (
        (raw[0] << 8) | raw[1]) % 31 == 0


def inflated(raw: bytes) -> Inflated | None:
    """``raw`` inflated when it is a gzip, zlib, bzip2 or xz stream (members one after another
    included); None otherwise: a first member that does not inflate is no stream (ciphertext
    may begin like one). Raises :class:`UnscannableContentError` when it inflates past
    :data:`MAX_INFLATED`, or holds bytes after its streams that are not one."""
    # (gzip's, bzip2's and xz's magic numbers are long enough that a stream which says it is
    # one and does not inflate is refused: a damaged checksum at its end would otherwise pass
    # its whole text as binary; zlib's two-byte header begins 1 in ~1,000 ciphertexts)
    if raw[:2] == b"\x1f\x8b":
        # (deflate and no reserved flag: a header one ciphertext in ~10^8 begins with)
        whole = len(raw) > 3 and raw[2] == 8 and not raw[3] & 0xE0
        return _inflate(lambda: zlib.decompressobj(wbits=31), raw, gzip.compress, strict=whole)
    if raw[:3] == b"BZh":
        return _inflate(bz2.BZ2Decompressor, raw, bz2.compress, strict=True)
    if raw[:6] == b"\xfd7zXZ\x00":
        return _inflate(lzma.LZMADecompressor, raw, lzma.compress, strict=True)
    if _zlib_header(raw):
        return _inflate(zlib.decompressobj, raw, zlib.compress, strict=False)
    return None


def _inflate(
    new: Callable[[], Any], raw: bytes, compress: Callable[[bytes], bytes], *, strict: bool
) -> Inflated | None:
    out, rest, first = b"", raw, True
    while rest:
        d = new()
        try:
            out += d.decompress(rest, MAX_INFLATED + 1 - len(out))
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
            if first and not strict:
                return None
            raise UnscannableContentError(_TRAILING if not first else _DAMAGED) from None
        if len(out) > MAX_INFLATED:
            raise UnscannableContentError(_TOO_LARGE)
        if not d.eof:  # cut short: what it held is still read
            break
        rest, first = d.unused_data, False
    return Inflated(out, compress) if out else None


_TOO_LARGE = (
    "a compressed payload inflates to more than 16 MiB, more than Veil reads to scan it for "
    "personal data, so the request was not forwarded. Send it uncompressed or smaller"
)
_DAMAGED = (
    "a compressed payload does not inflate (a damaged stream or checksum), so Veil cannot scan "
    "it for personal data and the request was not forwarded. Send the file intact or "
    "uncompressed"
)
_NESTED = (
    "a compressed payload holds more than three compressions one inside another, more than "
    "Veil inflates to scan it for personal data, so the request was not forwarded. Send it "
    "uncompressed"
)
_TRAILING = (
    "a compressed payload holds bytes after its compressed data that Veil cannot read, so "
    "the request was not forwarded. Send the file without them, or uncompressed"
)


#: How many compressions one inside another are inflated; a deeper one is refused.
MAX_NESTING = 3


def masked_payload(raw: bytes, mask: Callable[[Text], bytes | None], *,
                   legacy: bool = True) -> bytes | None:
    """The bytes of a decoded payload with its text masked (``mask``: the masked bytes of a
    text, None when nothing was found), inflated and compressed again when it is a
    compressed stream, or a stream inside one (a gzip of a gzip: the outer one alone held no
    text, and went up as binary); None when nothing changed (binary bytes, or text with no
    value)."""
    return _masked_payload(raw, mask, legacy, MAX_NESTING)


def _masked_payload(raw: bytes, mask: Callable[[Text], bytes | None], legacy: bool,
                    depth: int) -> bytes | None:
    text = as_text(raw, legacy=legacy)
    if text is not None:
        return mask(text)
    stream = inflated(raw)
    if stream is None:
        return None
    if depth == 0:
        raise UnscannableContentError(_NESTED)
    masked = _masked_payload(stream.raw, mask, legacy, depth - 1)
    return None if masked is None else stream.compress(masked)


@dataclass(frozen=True)
class DataUrl:
    """A parsed ``data:`` URL."""

    meta: str  # media type and parameters, ``;base64`` included
    payload: str

    @property
    def is_base64(self) -> bool:
        return self.meta.lower().endswith(";base64")

    def with_parts(self, meta: str, payload: str) -> str:
        return f"data:{meta},{payload}"


def data_url(value: str) -> DataUrl | None:
    m = _DATA_URL.fullmatch(value)
    return DataUrl(m.group(1), m.group(2)) if m else None


def payload_bytes(url: DataUrl) -> tuple[bytes, Callable[[bytes], str]]:
    """The bytes a data URL carries and how to encode new bytes back into its payload. Raises
    ValueError when a base64 payload is not base64."""
    if url.is_base64:
        decoded = b64_bytes(url.payload, min_len=0)
        if decoded is None and "%" in url.payload:
            decoded = b64_bytes(unquote_to_bytes(url.payload).decode("latin-1"), min_len=0)
        if decoded is None:
            raise ValueError("not base64")
        return decoded.raw, decoded.encode

    def encode(data: bytes) -> str:
        return quote(data, safe=_DATA_SAFE)

    return unquote_to_bytes(url.payload), encode


__all__ = ["MAX_INFLATED", "MAX_NESTING", "DataUrl", "Decoded", "Inflated", "Text", "as_text",
           "b64_bytes", "data_url", "inflated", "masked_payload", "payload_bytes"]
