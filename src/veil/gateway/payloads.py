"""Text inside an encoded payload: a base64 string or a ``data:`` URL whose bytes are text.

The walker (:mod:`.fields`) lets a tenant pass content Veil cannot scan (images, audio, files,
the upstream's own ciphertext) as base64. But base64 says nothing about what the bytes are: a
``data:text/plain;base64,...`` "image", an SVG, a CSV or a text file as ``file_data``, an
Anthropic ``document`` of ``media_type: text/plain``, or a caller's note base64-encoded into
``encrypted_content`` are all text the upstream reads as easily as a prompt. So a payload is
decoded and, when its bytes are text, the text is masked like any other and encoded again the
way it came (same alphabet, padding, media type and parameters); bytes that are not text
(a PNG, a WAV, a compressed PDF, real ciphertext) pass as before, as the policy allowed.

What counts as text: UTF-8 (a byte-order mark kept), UTF-16 with a byte-order mark, or bytes
without C0 controls read as Latin-1 (a legacy text file). Binary formats hold NULs and other
control bytes within their first bytes (magic numbers, lengths), so they are never read as text.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote_to_bytes

from veil.errors import MaskingError

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
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
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
        return None
    try:
        return Text(raw.decode("utf-8"), _encoder("utf-8"))
    except UnicodeDecodeError:
        return Text(raw.decode("latin-1"), _encoder("latin-1")) if legacy else None


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


def payload_text(url: DataUrl) -> tuple[Text, Callable[[bytes], str]] | None:
    """The text a data URL carries and how to encode masked bytes back into its payload; None
    when the payload is binary. Raises ValueError when a base64 payload is not base64."""
    if url.is_base64:
        decoded = b64_bytes(url.payload, min_len=0)
        if decoded is None and "%" in url.payload:
            decoded = b64_bytes(unquote_to_bytes(url.payload).decode("latin-1"), min_len=0)
        if decoded is None:
            raise ValueError("not base64")
        raw, encode = decoded.raw, decoded.encode
    else:
        raw = unquote_to_bytes(url.payload)

        def encode(data: bytes) -> str:
            return quote(data, safe=_DATA_SAFE)

    text = as_text(raw)
    return None if text is None else (text, encode)


__all__ = ["DataUrl", "Decoded", "Text", "as_text", "b64_bytes", "data_url", "payload_text"]
