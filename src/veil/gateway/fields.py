"""Default-deny walk over a request body: every string that goes upstream is masked.

A request body is free-form JSON: OpenAI adds parameters often, clients send extensions, and any
string anywhere may carry personal data (a ``user`` id, ``metadata``, a tool description, an enum
in a JSON schema, an image URL...). So the walker masks *every* string it meets through the
conversation's ``protect``, except the protocol tokens an endpoint declares on its allow-list
(``model``, ``messages[].role``, part ``type``s, tool-call ids, JSON-schema keywords...). An
allow-listed value still has to look like a protocol token (a short identifier with a letter in
it, no spaces, no ``@``); anything else in that place is masked too, so text cannot be smuggled
through an allow-listed field.

Decisions (documented in docs/gateway.md, "Request fields"):

* Object keys. Keys the endpoint declares are protocol and kept. JSON-schema property names and
  ``$defs`` names are protocol too (a tool's argument names; the model must see them to call the
  tool) but, like every allow-listed value, must be identifier-shaped or are masked. Every other
  key -- ``metadata`` keys, keys of unknown objects, keys inside tool arguments and tool results
  -- is free-form data and is scanned (masked like a value). A free-form key's value is read
  after the key (``ssn: 219-09-9999``): the detector decides many values by the words before
  them, and in JSON those words are the key (:func:`_protect_under`).
* Tool-call arguments and tool results are JSON strings: parsed and masked leaf by leaf (keys
  scanned, structure kept), so quotes and escapes never hide a value from the detector and the
  result stays valid JSON.
* Numbers. A card, SSN or phone number can be sent as a JSON number, anywhere. A number of five
  or more integer digits (an integral float read as its integer) is scanned as text and, where
  the detector finds a value, replaced by its masked text; in a declared protocol number
  (``seed``), which must stay a number, by a keyed pseudonym number. Shorter numbers pass.
* Protocol tokens can embed a number too (``call_4111111111111111``, a role ``u078-05-1120``):
  a token with a run of nine or more digits is scanned (:func:`_scan_token`).
* ``user`` (and ``safety_identifier``, ``prompt_cache_key``) go up as a keyed pseudonym: the
  upstream can still tell users apart (abuse tracking, caching) but never learns who they are.
* Content that cannot be scanned (images, audio, files, token-id prompts) is refused with
  :class:`~veil.errors.UnscannableContentError` unless the tenant's policy lists its kind in
  ``allow_unscannable``. When allowed, base64 payloads and ``data:`` URLs of binary bytes pass
  unchanged; one whose bytes are text (``text/plain``, SVG, CSV, a note; UTF-16 or UTF-32 with
  or without a byte-order mark; a gzip, zlib, bzip2 or xz stream of text) has its text masked
  and goes up encoded the same way (:mod:`.payloads`), as do the upstream's own ciphertexts
  (``encrypted_content``, thinking signatures) when they decode to text. A whole string that is
  base64 of a text is masked the same way; one that is base64 of media (its first bytes
  say PNG, JPEG, WAV, PDF...) is refused like a gated part unless the tenant allows its kind
  (:func:`_media_kind`). An http(s) image URL keeps its scheme and host (the
  upstream must fetch it) while its user info, path segments, query and fragment are masked
  piece by piece. A file name is read as text and as an id (``jane_doe_078-05-1120.txt``).
* ``model`` is the one token that cannot be masked (a masked id names no model): it goes up
  as sent or the request is refused (:mod:`.models`). So is a ``logit_bias`` key of eight
  digits or more (no token id; a bare phone number or SSN).
* Nothing is dropped: unknown fields are walked with the default-deny rule (strings masked,
  short numbers and booleans kept, objects and lists walked).

Endpoints declare their rules once, in :data:`ENDPOINTS`; the Responses API and Anthropic
Messages reuse the same building blocks (:class:`Obj`, :class:`ByKey`, :class:`Token`...)
with their own allow-lists via :func:`register_endpoint`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, get_args
from urllib.parse import quote, quote_plus, unquote, unquote_plus, urlsplit, urlunsplit

from veil.errors import MaskingError, RequestValidationError, UnscannableContentError

from . import payloads, regex_text

if TYPE_CHECKING:
    from .models import ModelRule

#: Kinds of content Veil cannot scan; a tenant may allow them in its policy.
UnscannableKind = Literal["image", "audio", "file", "token_ids"]
UNSCANNABLE_KINDS: tuple[str, ...] = get_args(UnscannableKind)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class WalkContext:
    """What one walk needs from the request: how to mask, how to pseudonymize, what may pass."""

    protect: Callable[[str], str]
    pseudonym: Callable[[str], str]
    allow_unscannable: frozenset[str] = frozenset()
    #: How a name's reading is masked (a tool's, a property's, a speaker's: a few words, one
    #: line); None: as text. A request's names are read together, one per line (each read as
    #: a text of its own cost ~0.5 ms: an agent's tools hold dozens).
    protect_name: Callable[[str], str] | None = None
    #: Masked identifier -> the caller's (a tool or property name masked inside it), so that
    #: the answer's tool calls are restored to the caller's names (see :func:`_scan_token`).
    names: dict[str, str] | None = None
    #: Whether a protocol token (an enum, id or model id) was read lately and held nothing
    #: (:class:`CleanTokens`): it then passes unread. None: every such token is read.
    is_clean: Callable[[str], bool] | None = None
    #: Notes a protocol token whose reading held nothing; None in a walk whose ``protect``
    #: only collects (its readings come back unchanged whatever they hold).
    note_clean: Callable[[str], None] | None = None
    #: How the request's ``model`` is checked (:mod:`.models`): the configured list, the
    #: detector's ``find`` and the process's cache of ids that held nothing. None: no list,
    #: readings masked through :meth:`name`, no cache.
    model_rule: ModelRule | None = None

    def name(self, reading: str) -> str:
        """``reading`` (a name read as words) masked."""
        return (self.protect_name or self.protect)(reading)

    def renamed(self, value: str, masked: str) -> str:
        """Record that identifier ``value`` goes up as ``masked``; two names masked alike would
        merge (one tool or argument lost), so that is refused."""
        if self.names is not None and self.names.setdefault(masked, value) != value:
            raise MaskingError(_MERGED_NAMES)
        return masked


class CleanTokens:
    """Protocol tokens (enums, ids, model ids) whose reading found nothing lately, per tenant.
    A request's model id and the ids its history resends would otherwise each be read on every
    request. Bounded (the oldest go first) and expiring, so a term added to a tenant reaches a
    token after ``ttl_s`` at the latest."""

    def __init__(self, size: int = 8192, ttl_s: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._size, self._ttl, self._clock = size, ttl_s, clock
        self._until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # counts only: tokens are request text
        return f"CleanTokens(entries={len(self._until)})"

    def is_clean(self, tenant: str, token: str) -> bool:
        until = self._until.get((tenant, token))
        return until is not None and until > self._clock()

    def clear(self) -> None:
        with self._lock:
            self._until.clear()

    def note(self, tenant: str, token: str) -> None:
        with self._lock:
            self._until.pop((tenant, token), None)
            self._until[(tenant, token)] = self._clock() + self._ttl
            while len(self._until) > self._size:
                del self._until[next(iter(self._until))]


def format_path(path: Path) -> str:
    """``("messages", 0, "content")`` -> ``messages[0].content`` (never contains request text
    beyond declared key names and indices)."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out or "<body>"


# --- protocol tokens -----------------------------------------------------------------------------


def _token(pattern: str) -> re.Pattern[str]:
    # Every protocol token contains a letter: values made of digits and separators only are what
    # SSNs, phone and card numbers and dates look like.
    return re.compile(rf"(?=[^A-Za-z]*[A-Za-z]){pattern}")


#: Closed protocol enums: roles, part and tool types, tool_choice modes, reasoning_effort...
ENUM = _token(r"[a-z][a-z0-9_-]{0,63}")
#: Names and ids: function names, tool-call ids, file ids, schema property names, voices.
IDENT = _token(r"[A-Za-z0-9_$][A-Za-z0-9_.:$-]{0,127}")
#: Model names: ``gpt-4o-mini``, ``meta-llama/Llama-3.1-8B-Instruct``, ``ft:gpt-4o:org::id``.
MODEL = _token(r"[A-Za-z0-9_][A-Za-z0-9_.:/+-]{0,255}")
#: JSON-schema references: ``#/$defs/Address``, ``#``.
REF = re.compile(r"#(/[A-Za-z0-9_.$~%-]*)*")
#: ``$schema``: JSON Schema's own meta-schemas. Any other URI there (and every ``$id``) is text:
#: its host and path are free-form and may name a person or carry a number.
META_SCHEMA = re.compile(
    r"https?://json-schema\.org/(?:draft-0[3-7]|draft/20[0-9]{2}-[0-9]{2})/(?:hyper-)?schema#?"
)
#: ``logit_bias`` keys are token ids.
TOKEN_ID = re.compile(r"[0-9]{1,7}")
#: A key of ``logit_bias`` made of more digits than any vocabulary's ids have: the shape of a
#: phone number, an SSN or an account number, which the detector does not read alone.
_LONG_NUMBER_KEY = re.compile(r"-?[0-9]{8,}")

#: Numbers of the body with at least this many integer digits are scanned as text.
_SCAN_INT_DIGITS = 5


# --- rules ---------------------------------------------------------------------------------------


class Rule(ABC):
    """How one place of a body is treated. ``apply`` returns the value to send upstream."""

    label: str = "masked"

    @abstractmethod
    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any: ...

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        """(field path, treatment) pairs for the evaluation's "fields walked" table."""
        yield prefix, self.label


_MERGED_NAMES = (
    "two tool, argument or speaker names of the request mask to the same name, so one would be "
    "lost; the request was not forwarded. Rename one of them"
)
_MERGED_KEYS = (
    "two object keys of the request mask to the same text, so one would be lost; "
    "the request was not forwarded. Rename the keys or send the data as values"
)


def _scan_key(
    key: str, ctx: WalkContext, out: Mapping[str, Any], reserved: Container[str] = ()
) -> str:
    """Mask a free-form key. Two keys that end up alike (masked alike, or masked into a key that
    is kept) would merge and one value would be lost, so that is refused."""
    masked = ctx.protect(key)
    if masked in out or (masked != key and masked in reserved):
        raise MaskingError(_MERGED_KEYS)
    return masked


def _keyed(
    value: Any, ctx: WalkContext, path: Path, *, keep: re.Pattern[str], values: Rule,
    words: bool = False,
) -> Any:
    """An object whose keys that fully match ``keep`` (identifiers, token ids) pass as protocol
    tokens do (:func:`_scan_token`) and whose other keys are masked; each value goes through
    ``values``. Not an object: masked like free text."""
    if not isinstance(value, dict):
        return FREE.apply(value, ctx, path)
    out: dict[str, Any] = {}
    kept = [k for k in value if keep.fullmatch(k)]
    for k, v in value.items():
        if keep.fullmatch(k):
            key = _scan_token(k, ctx, words=words)
            if key != k and (key in out or key in kept):
                raise MaskingError(_MERGED_KEYS)
        else:
            key = _scan_key(k, ctx, out, kept)
        out[key] = values.apply(v, ctx, (*path, k))
    return out


def _number_parts(value: Any) -> tuple[str, ...]:
    """The digit runs of a JSON number long enough to be a personal value (an SSN, a phone or
    card number sent as a number rather than a string), as the detector should read them: the
    integer part without its sign (``-4111111111111111``) and the fraction's digits
    (``4111111111111111.5``, ``0.4111111111111111``), each read on its own. None for booleans
    and short numbers; an integral float (``4.155552671e9``) is read as its integer."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ()
    if isinstance(value, float):
        if not math.isfinite(value):
            return ()
        text = format(Decimal(repr(abs(value))), "f")  # no exponent: every digit written out
    else:
        text = str(abs(value))
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    return tuple(p for p in (whole, fraction) if len(p) >= _SCAN_INT_DIGITS)


def _scan_number(value: Any, ctx: WalkContext, key: str | None = None) -> str | None:
    """The masked text of a number in which the detector finds a value (its digit runs read
    apart, see :func:`_number_parts`, after ``key`` when it is a free-form key's value: see
    :func:`_protect_under`); None when it finds nothing."""
    parts = _number_parts(value)
    masked = [ctx.protect(p) if key is None else _protect_under(key, p, ctx) for p in parts]
    if masked == list(parts):
        return None
    return " ".join(masked)


#: A whole string that may be base64 of a text: eleven characters or more, letters of both
#: cases and a digit or a symbol (a word, a name or a hex digest is not).
_B64_SHAPE = re.compile(
    r"(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=[^0-9+/_-]*[0-9+/_-])[A-Za-z0-9+/_\-\r\n]{11,}={0,2}"
)


def _data_url_kind(meta: str) -> UnscannableKind:
    """The kind of content a data URL's media type names (``allow_unscannable``)."""
    media = meta.split(";", 1)[0].strip().lower()
    if media.startswith(("image/", "video/")):
        return "image"
    if media.startswith("audio/"):
        return "audio"
    return "file"


def _free_data_url(value: str, ctx: WalkContext) -> str | None:
    """A ``data:`` URL met in a free-form place (``metadata``, an unknown field or part): its
    text masked like a gated part's (:func:`_mask_data_url`); binary bytes (an image, a
    recording, a PDF) cannot be scanned, so they are refused unless the tenant allows their
    kind -- an unknown content part (vLLM's ``video_url``...) or a field the upstream reads
    must not carry what the gates refuse. None: not a data URL."""
    url = payloads.data_url(value)
    if url is None:
        return None
    try:
        raw, _ = payloads.payload_bytes(url)
    except ValueError:  # says base64 but is not: text, masked as such
        return ctx.protect(value)
    kind = _data_url_kind(url.meta)
    if kind not in ctx.allow_unscannable and (
        # the mask is called only for bytes that are text (inflated ones too)
        raw and payloads.masked_payload(raw, lambda _text: b"") is None
    ):
        raise UnscannableContentError(
            f"the request holds a data: URL of binary content ({kind}) in a free-form field, "
            "which Veil cannot scan for personal data, so the request was not forwarded. "
            f"Remove it, or allow this kind of content for the tenant with "
            f"`allow_unscannable: [{kind}]` in its policy"
        )
    return _mask_data_url(value, ctx)


#: Leading bytes of image, video, audio and document formats (offset, magic, kind): base64 of
#: them in a free-form place is media an upstream may decode (llama.cpp's ``image_data``),
#: not a ciphertext or an id, whose bytes are random.
_MEDIA_MAGIC: tuple[tuple[int, bytes, UnscannableKind], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image"), (0, b"\xff\xd8\xff", "image"), (0, b"GIF8", "image"),
    (8, b"WEBP", "image"), (8, b"AVI ", "image"), (0, b"II*\x00", "image"),
    (0, b"MM\x00*", "image"), (0, b"\x1aE\xdf\xa3", "image"), (4, b"ftypM4A", "audio"),
    (4, b"ftyp", "image"), (8, b"WAVE", "audio"), (0, b"ID3", "audio"), (0, b"fLaC", "audio"),
    (0, b"OggS", "audio"), (0, b"%PDF-", "file"), (0, b"PK\x03\x04", "file"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "file"), (0, b"\x93NUMPY", "file"),
)


def _media_kind(raw: bytes) -> UnscannableKind | None:
    """The kind of media ``raw`` begins like (see :data:`_MEDIA_MAGIC`), or None."""
    for offset, magic, kind in _MEDIA_MAGIC:
        if raw.startswith(magic, offset):
            return kind
    return None


def _protect_text(value: str, ctx: WalkContext, key: str | None = None) -> str:
    """A free-form string as it goes up. A string that is wholly base64 of a text (a note, a
    file pasted into ``metadata``; UTF-16, or compressed, see :mod:`.payloads`) has that text
    masked by the whole detector (NER included) and goes up encoded again; a ``data:`` URL
    has its text masked, and one of binary bytes is refused unless the tenant allows its kind
    (:func:`_free_data_url`); anything else is masked as text, after ``key`` when it is a
    free-form key's value (:func:`_protect_under`)."""
    if value[:5].lower() == "data:":
        masked_url = _free_data_url(value, ctx)
        if masked_url is not None:
            return masked_url
    if _B64_SHAPE.fullmatch(value):
        decoded = payloads.b64_bytes(value)
        if decoded is not None:
            masked = payloads.masked_payload(
                decoded.raw, lambda text: _masked_bytes(text, ctx), legacy=False)
            if masked is not None:
                return decoded.encode(masked)
            kind = _media_kind(decoded.raw)
            if kind is not None and kind not in ctx.allow_unscannable:
                raise UnscannableContentError(
                    f"the request holds base64 of binary content ({kind}) in a free-form "
                    "field, which Veil cannot scan for personal data, so the request was not "
                    "forwarded. Remove it, or allow this kind of content for the tenant with "
                    f"`allow_unscannable: [{kind}]` in its policy"
                )
    return ctx.protect(value) if key is None else _protect_under(key, value, ctx)


#: The longest key read as a value's context; a longer key is text of its own, not a label.
_LABEL_CHARS = 64


def _protect_under(key: str, value: str, ctx: WalkContext) -> str:
    """``value`` of the free-form key ``key`` (``metadata``, tool arguments and results, unknown
    objects), masked as ``"<key as words>: <value>"``. The detector decides many values by
    the words before them: ``ssn: 219-09-9999``, ``phone: 5558675309``, ``passport:
    C03005988`` are values, the bare strings are not, and in JSON those words are the key.
    Where the key's own reading changes (it holds a value, or a value spans both), the value
    is read alone, as before."""
    label = id_words(key).strip()
    if not label or len(label) > _LABEL_CHARS or "\n" in label or not value.strip():
        return ctx.protect(value)
    prefix = f"{label}: "
    masked = ctx.protect(prefix + value)
    return masked[len(prefix):] if masked.startswith(prefix) else ctx.protect(value)


class Free(Rule):
    """The default-deny rule: strings masked, objects and lists walked (keys scanned),
    booleans, null and short numbers kept. A number of five or more integer digits is scanned
    as text and, if the detector finds a value in it, replaced by its masked text (a string)."""

    label = "masked"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, str):
            return _protect_text(value, ctx)
        if isinstance(value, list):
            return [self.apply(v, ctx, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for k, v in value.items():
                out[_scan_key(str(k), ctx, out)] = self.under(str(k), v, ctx, (*path, str(k)))
            return out
        masked = _scan_number(value, ctx)
        return value if masked is None else masked

    def under(self, key: str, value: Any, ctx: WalkContext, path: Path) -> Any:
        """``value`` of the free-form key ``key``: its strings and numbers (a list's too) read
        after the key (:func:`_protect_under`); objects walked with their own keys."""
        if isinstance(value, str):
            return _protect_text(value, ctx, key)
        if isinstance(value, list):
            return [self.under(key, v, ctx, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, dict):
            return self.apply(value, ctx, path)
        masked = _scan_number(value, ctx, key)
        return value if masked is None else masked


FREE = Free()


class ProtocolNumberError(RequestValidationError, MaskingError):
    """A declared protocol number (a count, a limit, a sampling setting) of eight integer
    digits or more: no such setting has that many, and it has the shape of a phone, card or
    ID number the detector does not read alone (a request error, and a privacy refusal)."""

    code = "invalid_number"

    def __init__(self, message: str, param: str) -> None:
        super().__init__(message)
        self.param = param  # a declared field's path (format_path), never request text


#: Protocol numbers with at least this many integer digits are no setting (see
#: :class:`Scalar`): 10**7 tokens, choices or dimensions is more than any API takes.
_LONG_SETTING_DIGITS = 8
_LONG_DIGIT_RUN = re.compile(rf"\d{{{_LONG_SETTING_DIGITS},}}")


def _long_setting(value: Any) -> bool:
    """A number whose integer part has eight digits or more, or a string holding such a run."""
    if isinstance(value, str):
        return _LONG_DIGIT_RUN.search(value) is not None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return bool(abs(int(value)) >= 10 ** (_LONG_SETTING_DIGITS - 1))


@dataclass(frozen=True, eq=False)
class Scalar(Free):
    """A protocol number or boolean (``temperature``, ``max_tokens``, ``seed``): declared so
    its key is kept; a string in its place is masked like any other. A number must stay a
    number, so one in which the detector finds a personal value is replaced by a keyed
    pseudonym number below 2**48: the same number each time, so a seed stays a seed.

    A number of eight integer digits or more (or a string with such a run) is no count, limit
    or sampling setting, and reads as nothing to the detector alone (``"max_tokens":
    5558675309``, a phone number): it refuses the request, except in ``seed`` (``pseudonym``),
    which takes any number and where it goes up as its pseudonym number, unread."""

    label: str = "value (numbers, booleans pass)"
    #: A long number goes up as its keyed pseudonym (``seed``) instead of refusing.
    pseudonym: bool = False

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if _long_setting(value):
            if self.pseudonym and not isinstance(value, str):
                return _pseudonym_number(value, ctx)
            raise ProtocolNumberError(
                f"{format_path(path)} takes a protocol number (a count, a limit, a sampling "
                "setting, a seed); one of eight digits or more is none and has the shape of a "
                "phone, card or ID number, so the request was not forwarded",
                format_path(path),
            )
        if isinstance(value, str | list | dict) or _scan_number(value, ctx) is None:
            return super().apply(value, ctx, path)
        return _pseudonym_number(value, ctx)


def _pseudonym_number(value: int | float, ctx: WalkContext) -> int | float:
    """A keyed pseudonym of ``value`` below 2**48, of its type (the same for the same number
    within the tenant)."""
    text = " ".join(_number_parts(value)) or str(abs(int(value)))
    digest = hashlib.sha256(ctx.pseudonym(text).encode("utf-8", "surrogatepass")).digest()
    number = int.from_bytes(digest[:6], "big")
    return float(number) if isinstance(value, float) else number


SCALAR = Scalar()
#: ``seed``: any number; a long one goes up as its pseudonym (see :class:`Scalar`).
SEED = Scalar(label="value (long numbers pseudonymized)", pseudonym=True)


class Data(Free):
    """JSON data (tool arguments and results): walked like :class:`Free` (long numbers are
    scanned as text there too: a phone number or SSN sent as a number)."""

    label = "json-leaves"


DATA = Data()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")  # json.loads would keep only the last one
    return out


class Json(Rule):
    """A string holding JSON (tool-call arguments, tool results): parsed and masked leaf by leaf,
    then serialized again; a string that is not a JSON object or array is masked as text."""

    label = "json-leaves"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str):
            return DATA.apply(value, ctx, path)
        try:
            parsed = json.loads(value, object_pairs_hook=_no_duplicates)
        except (ValueError, RecursionError):
            return ctx.protect(value)
        if not isinstance(parsed, dict | list):
            return ctx.protect(value)
        masked = DATA.apply(parsed, ctx, path)
        if masked == parsed:
            return value  # nothing found: keep the caller's exact formatting
        return json.dumps(masked, ensure_ascii=False)


JSON = Json()


#: Nine or more digits, single separators of an identifier allowed: an SSN, a card, phone or
#: account number (dates and version numbers have fewer).
_LONG_DIGITS = re.compile(r"\d(?:[-._:/+$ ]?\d){8,}")
#: A version and a date (``4-1-20250805`` of ``claude-opus-4-1-20250805``): not a value.
_VERSION_DATE = re.compile(r"(?:\d{1,2}[-._])*(?:19|20)\d{6}")
_ID_SEPARATORS = re.compile(r"[_.:$/+#-]")
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


#: A separator between two letters, and a lower-case letter before an upper-case one: where
#: the words of an identifier meet (``get_nightjar_status``, ``quentin-marlowe``,
#: ``QuentinMarlowe``). Separators next to digits stay, so a version or date keeps its shape.
_WORD_JOINT = re.compile(r"(?<=[A-Za-z])[_.:/+$#-]+(?=[A-Za-z])|(?<=[a-z])(?=[A-Z])")
#: Separators between two letters only: an opaque id's words (``Quentin_Marlowe``) without
#: splitting its random part at case changes (``BK7bzQj3Ff``), which reads as made-up names.
_SEPARATED = re.compile(r"(?<=[A-Za-z])[_.:/+$#-]+(?=[A-Za-z])")
#: A placeholder in masked text, brackets included.
_BRACKETED = re.compile(r"\[([A-Z][A-Z0-9_]*)\]")
#: Anything an identifier cannot hold (OpenAI names take ``[A-Za-z0-9_-]`` only).
_NOT_IDENT = re.compile(r"[^A-Za-z0-9_-]+")


def id_words(value: str) -> str:
    """An identifier read as words: its word joints as spaces. A person's name glued for a
    field that takes no spaces (``Quentin_Marlowe``) is a name again to the detector."""
    return _WORD_JOINT.sub(" ", value)


def _as_identifier(masked: str) -> str:
    """A masked reading of an identifier as an identifier again: placeholders without their
    brackets (``get [PROJECT_1] status`` -> ``get_PROJECT_1_status``)."""
    return _NOT_IDENT.sub("_", _BRACKETED.sub(r"\1", masked)).strip("_") or "_"


def _scan_token(
    value: str, ctx: WalkContext, *, words: bool = False, record: bool = True,
    titled: bool = False, camel: bool = True,
) -> str:
    """A protocol token as it goes up. A name (``words``: a tool, property, speaker or model
    name) is read as words (:func:`id_words`), so a tenant term or a person's name glued into
    it is found. Any token can embed a number (``call_4111111111111111``, an IBAN
    ``toolu_DE89370400440532013000``, a role ``x078-05-1120``): one with a long digit run is
    also read whole and with its letters split from its digits. A token in which a reading
    finds something goes up as that masked reading turned into an identifier, recorded
    (``record``) so the answer's tool calls get the caller's name back. Other tokens pass
    unscanned."""
    readings: list[str] = [
        _words_reading(value) if camel else _SEPARATED.sub(" ", value)] if words else []
    if titled and readings and not any(c.isupper() for c in value):
        # the NER model takes ``quentin marlowe`` for words, not a name
        readings.append(readings[0].title())
    if not all(_VERSION_DATE.fullmatch(m.group()) for m in _LONG_DIGITS.finditer(value)):
        spaced = _ID_SEPARATORS.sub(" ", value)
        readings += [id_words(value), spaced, _LETTER_DIGIT.sub(" ", spaced)]
    found = [m for r in dict.fromkeys(readings) if (m := ctx.name(r)) != r]
    if not found:
        return value
    ident = _as_identifier(found[0])
    # a value another reading found and the first did not (a term, then a card glued to it):
    # the placeholders of every reading alone, never a value one reading left whole
    first = _BRACKETED.findall(found[0])
    missed = [p for m in found[1:] for p in _BRACKETED.findall(m) if p not in first]
    if missed:
        ident = "_".join(dict.fromkeys([*first, *missed]))
    return ctx.renamed(value, ident) if record else ident


def _words_reading(value: str) -> str:
    # a model's version and date (``claude-opus-4-1-20250805``) would read as a phone number
    return id_words(_LONG_DIGITS.sub(
        lambda m: " " if _VERSION_DATE.fullmatch(m.group()) else m.group(), value))


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


class Filename(Rule):
    """A file's name or a document's title (``resume_jane_doe.pdf``, ``078-05-1120.txt``):
    masked as text, and when that finds nothing, read again with its separators as spaces and
    its letters split from its digits (how :func:`_scan_token` reads an id), the extension kept.
    A name where that finds a value goes up as the masked, spaced reading."""

    label = "masked (as text and as a file name)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str):
            return FREE.apply(value, ctx, path)
        masked = _protect_text(value, ctx)
        if masked != value:
            return masked
        ext = _EXTENSION.search(value)
        stem = value[: ext.start()] if ext else value
        spaced = _LETTER_DIGIT.sub(" ", _ID_SEPARATORS.sub(" ", stem))
        if spaced == stem:
            return value
        found = ctx.protect(spaced)
        return value if found == spaced else found + (ext.group() if ext else "")


FILENAME = Filename()


#: Values of the APIs' closed enums and well-known ids (roles, part and item types, modes,
#: efforts, tiers, voices, formats, ``include`` paths): they pass unread. Any other enum or id
#: value is read as words (:func:`_scan_protocol`): a caller can put anything identifier-shaped
#: there, ``Quentin_Marlowe`` as a role, a voice or a tool-call id included.
_PROTOCOL_WORDS = (
    # roles
    "system user assistant developer tool function model "
    # content parts, items, blocks, tools, formats, statuses, include paths
    """text image_url input_audio file refusal image document tool_use tool_result thinking
    redacted_thinking input_text output_text input_image input_file message function_call
    function_call_output reasoning item_reference summary_text reasoning_text json_schema
    json_object content custom grammar allowed_tools approximate base64 url ephemeral
    enabled disabled auto any none required low medium high minimal xhigh default flex scale
    priority standard_only audio wav mp3 flac opus pcm16 aac alloy ash ballad coral echo fable
    nova onyx sage shimmer verse marin cedar lark regex completed in_progress incomplete
    string number integer object array boolean null date-time date time email idn-email uri
    uri-reference iri uuid duration hostname ipv4 ipv6 binary byte password
    concise detailed searching generating interpreting failed cancelled queued file_search
    web_search web_search_preview computer_use_preview code_interpreter image_generation
    local_shell mcp persistent stop length tool_calls content_filter end_turn max_tokens
    stop_sequence pause_turn url_citation file_citation container_file_citation
    char_location page_location content_block_location search_result_location
    web_search_result_location jsonl json-pointer relative-json-pointer uri-template
    idn-hostname iri-reference float double int32 int64 base32 quoted-printable 7bit 8bit
    text/plain text/csv text/markdown text/html application/pdf application/json image/png
    image/jpeg image/webp image/gif audio/wav audio/mpeg
    message.output_text.logprobs reasoning.encrypted_content file_search_call.results
    web_search_call.results web_search_call.action.sources code_interpreter_call.outputs
    computer_call_output.output.image_url message.input_image.image_url"""
)
PROTOCOL_WORDS: frozenset[str] = frozenset(_PROTOCOL_WORDS.split())


def _scan_protocol(value: str, ctx: WalkContext, *, titled: bool) -> str:
    """An enum or id as it goes up: a well-known value passes; any other is read as words
    split at its separators (an enum, always lower case, capitalized too when ``titled``) and
    masked into an identifier where a reading finds a value. One that held nothing is noted,
    so the next request that sends it (ids its history resends) does not read it again."""
    if value in PROTOCOL_WORDS or (ctx.is_clean is not None and ctx.is_clean(value)):
        return value
    out = _scan_token(value, ctx, words=True, titled=titled, camel=False)
    if out == value and ctx.note_clean is not None:
        ctx.note_clean(value)
    return out


@dataclass(frozen=True, eq=False)
class Token(Rule):
    """An allow-listed protocol token: passes when it matches ``pattern`` and reading it finds
    nothing (:func:`_scan_protocol`; a name's reading: :func:`_scan_token`), else is masked."""

    pattern: re.Pattern[str] = IDENT
    label: str = "token"
    #: A name (read as words on every request, see :func:`_scan_token`), not an enum or id.
    words: bool = False
    #: A lower-case value is also read capitalized (enums; a random id would read as names).
    titled: bool = False
    #: False: ``pattern`` admits only fixed values (JSON Schema's meta-schema URIs).
    read: bool = True

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, str) and self.pattern.fullmatch(value):
            if not self.read:
                return value
            if self.words:
                return _scan_token(value, ctx, words=True)
            return _scan_protocol(value, ctx, titled=self.titled)
        return FREE.apply(value, ctx, path)


ENUM_TOKEN = Token(ENUM, titled=True)
IDENT_TOKEN = Token(IDENT)
#: Tool and function names: identifiers that may name a project or a person.
NAME_TOKEN = Token(IDENT, label="token (name)", words=True)


class ModelToken(Token):
    """A model's id: the one caller string that goes upstream exactly as sent (masked, it
    would name no model). It passes when it is on the configured list, or -- without one --
    when it is shaped like a model id and the detector finds nothing in it; otherwise the
    request is refused (:func:`.models.check_model`)."""

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        from .models import check_model

        return check_model(value, ctx)


MODEL_TOKEN = ModelToken(MODEL, label="token (model id: passes as sent or is refused)")


class SpeakerName(Rule):
    """A participant's ``name`` (chat ``messages[].name``): OpenAI takes ``[A-Za-z0-9_-]``
    only, so a person's name arrives glued (``Quentin_Marlowe``, ``QuentinMarlowe``). Read as
    words like a tool name; where that finds a value it goes up as an identifier of its
    placeholders (``PERSON_1``), still valid for the field and linked to the same person in
    the text. A name with other characters is read the same way; one in lower case is read
    capitalized too (the NER model takes ``quentin marlowe`` for words, not a name)."""

    label = "masked (as words; stays a valid name)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str):
            return FREE.apply(value, ctx, path)
        as_text = ctx.name(value)
        if as_text != value:
            return _as_identifier(as_text)
        # not recorded: an answer names no speaker, and two spellings of one person may meet
        masked = _scan_token(value, ctx, words=True, record=False)
        if masked != value:
            return masked
        # a name written in lower case (``quentin-marlowe``) is read capitalized as well
        titled = id_words(value).title()
        found = ctx.name(titled)
        return value if found == titled else _as_identifier(found)


SPEAKER_NAME = SpeakerName()


class Pseudonym(Rule):
    """An end-user identifier: replaced by a keyed pseudonym (see :func:`user_pseudonym`)."""

    label = "pseudonym"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, str):
            return ctx.pseudonym(value)
        return FREE.apply(value, ctx, path)


PSEUDONYM = Pseudonym()


@dataclass(frozen=True, eq=False)
class Obj(Rule):
    """An object with declared keys (kept, values by their rule); other keys are scanned and
    their values walked with ``rest``. A value that is not an object is walked with ``rest``."""

    fields: Mapping[str, Rule]
    rest: Rule = FREE

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, dict):
            return self.rest.apply(value, ctx, path)
        out: dict[str, Any] = {}
        declared = [k for k in value if k in self.fields]
        for k, v in value.items():
            if k in self.fields:
                out[k] = self.fields[k].apply(v, ctx, (*path, k))
            elif isinstance(self.rest, Free):  # a free-form key: its value read after it
                out[_scan_key(str(k), ctx, out, declared)] = self.rest.under(
                    str(k), v, ctx, (*path, k))
            else:
                out[_scan_key(str(k), ctx, out, declared)] = self.rest.apply(v, ctx, (*path, k))
        return out

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        for k, rule in self.fields.items():
            yield from rule.describe(f"{prefix}.{k}" if prefix else k)
        rest = f"{prefix}.*" if prefix else "*"
        if self.rest is FREE:
            yield rest, "other keys scanned, values masked"
        else:
            yield rest, "other keys scanned"
            yield from self.rest.describe(rest)


@dataclass(frozen=True, eq=False)
class ListOf(Rule):
    """A list whose items follow ``item``; anything else is walked with the default rule."""

    item: Rule

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, list):
            return FREE.apply(value, ctx, path)
        return [self.item.apply(v, ctx, (*path, i)) for i, v in enumerate(value)]

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        yield from self.item.describe(f"{prefix}[]")


@dataclass(frozen=True, eq=False)
class Shapes(Rule):
    """A field whose JSON type decides its rule (``content``: a string or a list of parts)."""

    # None: that shape is walked with the default rule (and not listed in the field table).
    str_rule: Rule | None = None
    list_rule: Rule | None = None
    dict_rule: Rule | None = None
    int_rule: Rule | None = None

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        rule: Rule | None = None
        if isinstance(value, str):
            rule = self.str_rule
        elif isinstance(value, list):
            rule = self.list_rule
        elif isinstance(value, dict):
            rule = self.dict_rule
        elif isinstance(value, int) and not isinstance(value, bool):
            rule = self.int_rule
        return (rule or FREE).apply(value, ctx, path)

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        for shape, rule in (
            ("string", self.str_rule),
            ("list", self.list_rule),
            ("object", self.dict_rule),
            ("int", self.int_rule),
        ):
            if rule is None:
                continue
            yield from rule.describe(
                prefix if isinstance(rule, Obj | ListOf) else f"{prefix} ({shape})"
            )


@dataclass(frozen=True, eq=False)
class ByKey(Rule):
    """Objects told apart by one key (``type`` of a content part, ``role`` of a message)."""

    key: str
    cases: Mapping[str, Rule]
    default: Rule

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, dict):
            return FREE.apply(value, ctx, path)
        tag = value.get(self.key)
        rule = self.cases.get(tag, self.default) if isinstance(tag, str) else self.default
        return rule.apply(value, ctx, path)

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        common = list(self.default.describe(prefix))
        yield from common
        same = {(p[len(prefix) :], t) for p, t in common}
        for tag, rule in self.cases.items():
            case = f"{prefix}<{self.key}={tag}>"
            for p, t in rule.describe(case):
                if (p[len(case) :], t) not in same:  # list only what differs from the default
                    yield p, t


@dataclass(frozen=True, eq=False)
class Gate(Rule):
    """Content Veil cannot scan: refused unless the tenant allows ``kind``, then ``inner``."""

    kind: UnscannableKind
    what: str  # "an image_url content part": a constant, never request text
    inner: Rule

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if self.kind not in ctx.allow_unscannable:
            raise UnscannableContentError(
                f"{format_path(path)} is {self.what}, which Veil cannot scan for personal data, "
                f"so the request was not forwarded. Remove it, or allow this kind of content for "
                f"the tenant with `allow_unscannable: [{self.kind}]` in its policy"
            )
        return self.inner.apply(value, ctx, path)

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        yield prefix, f"refused unless policy allow_unscannable has {self.kind}"
        if self.inner is not FREE:
            yield from self.inner.describe(prefix)


# --- opaque payloads and URLs --------------------------------------------------------------------

#: A data URL's media type (protocol), before its parameters.
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+")
#: Parameters of a data URL that are protocol tokens; any other parameter's value (a
#: ``name=jane_doe.txt``) is masked as a file name.
_DATA_PARAM = re.compile(r"(?:charset=[\w.:-]+|base64)", re.I)


def _mask_data_meta(meta: str, ctx: WalkContext) -> str:
    """A data URL's media type and parameters as they go up."""
    out: list[str] = []
    for i, piece in enumerate(meta.split(";")):
        if (i == 0 and (not piece or _MEDIA_TYPE.fullmatch(piece))) or (
            i > 0 and _DATA_PARAM.fullmatch(piece)
        ):
            out.append(piece)
            continue
        key, eq, val = piece.partition("=")
        if not eq or not _IDENT_KEY.fullmatch(key):
            out.append(_mask_piece(piece, ctx, plus=False))
            continue
        plain = unquote(val)
        masked = FILENAME.apply(plain, ctx, ())
        out.append(piece if masked == plain else f"{key}={quote(masked, safe='')}")
    return ";".join(out)


_IDENT_KEY = re.compile(r"[A-Za-z][\w.-]{0,63}")


def _masked_bytes(text: payloads.Text, ctx: WalkContext) -> bytes | None:
    """The bytes of ``text`` masked, or None when masking changed nothing."""
    masked = ctx.protect(text.text)
    return None if masked == text.text else text.encode(masked)


def _mask_data_url(value: str, ctx: WalkContext) -> str | None:
    """A ``data:`` URL as it goes up: its payload masked when its bytes are text (see
    :mod:`.payloads`), kept when they are binary; parameters that are not protocol tokens (a
    ``name=``) masked. None when ``value`` is not a data URL."""
    url = payloads.data_url(value)
    if url is None:
        return None
    meta = _mask_data_meta(url.meta, ctx)
    try:
        raw, encode = payloads.payload_bytes(url)
    except ValueError:  # says base64 but is not: text, masked as such
        return ctx.protect(value)
    masked = payloads.masked_payload(raw, lambda text: _masked_bytes(text, ctx))
    payload = url.payload if masked is None else encode(masked)
    return value if (meta, payload) == (url.meta, url.payload) else url.with_parts(meta, payload)


class Opaque(Rule):
    """A binary payload (the tenant allowed it behind a :class:`Gate`, or the upstream's own
    ciphertext): base64 or a ``data:`` URL. Bytes that are not text pass; bytes that are text
    (``text/plain``, SVG, CSV, a caller's note; UTF-16 without a byte-order mark; a gzip'd
    text: :func:`.payloads.masked_payload`) are masked and encoded again the same way; a value
    that is not base64 is text and masked."""

    label = "opaque (binary base64 passes; text inside masked)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, str):
            if value[:5].lower() == "data:":
                masked_url = _mask_data_url(value, ctx)
                if masked_url is not None:
                    return masked_url
            decoded = payloads.b64_bytes(value, min_len=1)
            if decoded is not None:
                masked = payloads.masked_payload(decoded.raw, lambda t: _masked_bytes(t, ctx))
                return value if masked is None else decoded.encode(masked)
        return FREE.apply(value, ctx, path)


OPAQUE = Opaque()


class OpaqueTree(Opaque):
    """Payloads behind a gate the tenant opened (vLLM's tensors: one, a list, an object of
    them): base64 at any depth passes as in :class:`Opaque`, whatever its bytes begin like;
    keys are scanned, other strings masked."""

    label = "opaque (base64 at any depth passes; text inside masked)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, list):
            return [self.apply(v, ctx, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for k, v in value.items():
                out[_scan_key(str(k), ctx, out)] = self.apply(v, ctx, (*path, str(k)))
            return out
        return super().apply(value, ctx, path)


OPAQUE_TREE = OpaqueTree()


def _mask_piece(piece: str, ctx: WalkContext, *, plus: bool) -> str:
    """One URL component: decoded, masked, and re-encoded only if masking changed it. Both
    decodings are scanned (``+`` is a space in a query, and often in paths and fragments too)."""
    for decoded in dict.fromkeys((unquote(piece), unquote_plus(piece))):
        masked = ctx.protect(decoded)
        if masked != decoded:
            return quote_plus(masked) if plus else quote(masked, safe="")
    return piece


def mask_url(url: str, ctx: WalkContext) -> str:
    """An http(s) URL: scheme, host and port kept (the upstream must reach them); user info, each
    path segment, each query key and value and the fragment masked."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = f"{_mask_piece(userinfo, ctx, plus=False)}@{hostport}"
    path = "/".join(_mask_piece(seg, ctx, plus=False) for seg in parts.path.split("/"))
    query = "&".join(
        "=".join(_mask_piece(x, ctx, plus=True) for x in pair.split("=", 1))
        for pair in parts.query.split("&")
    )
    fragment = _mask_piece(parts.fragment, ctx, plus=False)
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


class Url(Rule):
    """An image URL the tenant allowed: a ``data:`` URL of binary bytes passes (one of text
    bytes has its text masked, see :func:`_mask_data_url`); an http(s) URL is masked piece by
    piece (:func:`mask_url`); anything else is masked as text."""

    label = "url (binary data: passes; text data: and http(s) path/query masked)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str):
            return FREE.apply(value, ctx, path)
        if value[:5].lower() == "data:":
            masked_url = _mask_data_url(value, ctx)
            if masked_url is not None:
                return masked_url
        try:
            parts = urlsplit(value)
        except ValueError:
            return ctx.protect(value)
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return mask_url(value, ctx)
        return ctx.protect(value)


URL = Url()


# --- JSON schema ---------------------------------------------------------------------------------

#: Keywords whose value is one schema (or a boolean).
_SUBSCHEMA = frozenset(
    {
        "items",
        "additionalItems",
        "additionalProperties",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contains",
        "propertyNames",
        "not",
        "if",
        "then",
        "else",
    }
)
#: Keywords whose value is a list of schemas.
_SCHEMA_LIST = frozenset({"anyOf", "oneOf", "allOf", "prefixItems"})
#: Keywords mapping protocol names (property / definition names) to schemas.
_SCHEMA_NAMED = frozenset({"properties", "$defs", "definitions", "dependentSchemas"})
_STRUCTURAL = _SUBSCHEMA | _SCHEMA_LIST | _SCHEMA_NAMED | {"patternProperties"}


#: Segments of a ``$ref`` that are JSON Schema's own words or indices, not a caller's names.
_REF_KEYWORDS = _SCHEMA_NAMED | _SUBSCHEMA | _SCHEMA_LIST | {"patternProperties", ""}


class _Ref(Rule):
    """``$ref`` (``#/$defs/Address``): each name in it read as the ``$defs`` or property name
    it points at is (:func:`_scan_token`), so a name masked there is masked alike here and the
    reference still resolves; a value that is no such pointer is masked as text."""

    label = "token (schema reference)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str) or not REF.fullmatch(value):
            return FREE.apply(value, ctx, path)
        out = [value[:1]]
        for part in value.split("/")[1:]:
            if part in _REF_KEYWORDS or part.isdigit() and len(part) <= 4:
                out.append(part)  # (an index: "#/prefixItems/0"; a longer number is read)
            elif IDENT.fullmatch(part):
                out.append(_scan_token(part, ctx, words=True))
            else:  # an escaped name (``Jane%20Doe``): no name a $defs key masks to
                reading = unquote(part).replace("~1", "/").replace("~0", "~")
                if ctx.protect(reading) != reading:
                    return ctx.protect(unquote(value))  # read unescaped: masked as text
                out.append(part)
        return "/".join(out)


class _Pattern(Rule):
    """A regex (a schema's ``pattern``): masked as text, and read as the text it matches
    (:mod:`.regex_text`), where escapes hid a value from the detector (``jane\\.doe@...``);
    a value found goes up as its placeholder written as a literal, the rest as written."""

    label = "masked (as text, and as the text the regex matches)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, str):
            return FREE.apply(value, ctx, path)
        read, sources = regex_text.reading(value)
        masked = ctx.protect(read) if read != value else FREE.apply(value, ctx, path)
        if masked == read:
            return value if read == value else FREE.apply(value, ctx, path)
        return regex_text.rebuilt(value, read, sources, str(masked))


PATTERN = _Pattern()


class Schema(Rule):
    """A JSON schema (tool parameters, ``response_format``): keywords, property names, ``type``,
    ``required``, ``$ref``, ``format`` are protocol (validated as tokens); ``description``,
    ``title``, ``enum``, ``const``, ``default``, ``examples`` and unknown keywords are masked,
    ``pattern`` too as the text it matches (:class:`_Pattern`); ``patternProperties`` keys
    (regexes) are masked."""

    label = "json-schema"

    #: Keyword -> rule for the keywords whose value is not a schema.
    KEYWORDS: Mapping[str, Rule] = {
        "type": Shapes(str_rule=ENUM_TOKEN, list_rule=ListOf(ENUM_TOKEN)),
        "format": ENUM_TOKEN,
        "required": ListOf(NAME_TOKEN),  # property names: masked as the properties are
        "$ref": _Ref(),
        "$schema": Token(META_SCHEMA, read=False),
        "$anchor": IDENT_TOKEN,
        "contentEncoding": ENUM_TOKEN,
        "contentMediaType": Token(re.compile(r"[a-z]+/[a-z0-9.+-]+")),
        "dependentRequired": Obj({}, rest=ListOf(NAME_TOKEN)),
        "pattern": PATTERN,
    }

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, dict):
            return FREE.apply(value, ctx, path)  # booleans pass; anything else is not a schema
        out: dict[str, Any] = {}
        keywords = [k for k in value if k in self.KEYWORDS or k in _STRUCTURAL]
        for k, v in value.items():
            p = (*path, k)
            if k in self.KEYWORDS:
                out[k] = self.KEYWORDS[k].apply(v, ctx, p)
            elif k in _SUBSCHEMA:
                out[k] = self._list(v, ctx, p) if isinstance(v, list) else self.apply(v, ctx, p)
            elif k in _SCHEMA_LIST:
                out[k] = self._list(v, ctx, p)
            elif k in _SCHEMA_NAMED:
                out[k] = self._named(v, ctx, p)
            elif k == "patternProperties":
                out[k] = Obj({}, rest=self).apply(v, ctx, p)
            else:
                out[_scan_key(k, ctx, out, keywords)] = FREE.under(k, v, ctx, p)
        return out

    def _list(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if not isinstance(value, list):
            return FREE.apply(value, ctx, path)
        return [self.apply(v, ctx, (*path, i)) for i, v in enumerate(value)]

    def _named(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        return _keyed(value, ctx, path, keep=IDENT, values=self, words=True)

    def describe(self, prefix: str) -> Iterator[tuple[str, str]]:
        yield prefix, self.label
        for k, rule in self.KEYWORDS.items():
            yield from rule.describe(f"{prefix}.**.{k}")
        for k in sorted(_SCHEMA_NAMED):
            yield f"{prefix}.**.{k}{{name}}", "token (schema name)"
        yield f"{prefix}.**.<other keywords>", "masked"


SCHEMA = Schema()


# --- endpoints -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """One API's request rule and where its end-user id lives (first present wins)."""

    name: str
    rule: Rule
    user_fields: tuple[str, ...] = ()


def _obj(**fields: Rule) -> Obj:
    return Obj(fields)


_TYPE = ENUM_TOKEN
_NAME_ONLY = _obj(name=NAME_TOKEN)

#: A vLLM part of tensors the tenant allowed: its ``type`` a token, its payloads opaque.
_TENSORS = Obj({"type": _TYPE}, rest=OPAQUE_TREE)

CONTENT_PART = ByKey(
    "type",
    {
        "text": _obj(type=_TYPE, text=FREE),
        "refusal": _obj(type=_TYPE, refusal=FREE),
        "image_url": Gate(
            "image",
            "an image_url content part",
            _obj(
                type=_TYPE,
                image_url=Shapes(str_rule=URL, dict_rule=_obj(url=URL, detail=ENUM_TOKEN)),
            ),
        ),
        "input_audio": Gate(
            "audio",
            "an input_audio content part",
            _obj(type=_TYPE, input_audio=_obj(data=OPAQUE, format=ENUM_TOKEN)),
        ),
        "file": Gate(
            "file",
            "a file content part",
            _obj(type=_TYPE, file=_obj(file_data=OPAQUE, file_id=IDENT_TOKEN, filename=FILENAME)),
        ),
        # vLLM's media parts: the upstream fetches or decodes them, so they are gated too
        "video_url": Gate(
            "image",
            "a video_url content part",
            _obj(type=_TYPE, video_url=Shapes(str_rule=URL, dict_rule=_obj(url=URL))),
        ),
        "audio_url": Gate(
            "audio",
            "an audio_url content part",
            _obj(type=_TYPE, audio_url=Shapes(str_rule=URL, dict_rule=_obj(url=URL))),
        ),
        "image_embeds": Gate("image", "an image_embeds content part", _TENSORS),
        # vLLM reads these too: a Responses-style image it fetches, tensors it decodes (the
        # prompt's own embeddings carry its text as token ids do)
        "input_image": Gate(
            "image",
            "an input_image content part",
            _obj(
                type=_TYPE,
                image_url=Shapes(str_rule=URL, dict_rule=_obj(url=URL, detail=ENUM_TOKEN)),
                detail=ENUM_TOKEN,
                file_id=IDENT_TOKEN,
            ),
        ),
        "image_pil": Gate("image", "an image_pil content part", _TENSORS),
        "video_embeds": Gate("image", "a video_embeds content part", _TENSORS),
        "audio_embeds": Gate("audio", "an audio_embeds content part", _TENSORS),
        "prompt_embeds": Gate("token_ids", "a prompt_embeds content part", _TENSORS),
    },
    default=_obj(type=_TYPE),
)

_FUNCTION_CALL = _obj(name=NAME_TOKEN, arguments=JSON)
_TOOL_CALL = ByKey(
    "type",
    {"custom": _obj(id=IDENT_TOKEN, type=_TYPE, custom=_obj(name=NAME_TOKEN, input=FREE))},
    default=_obj(id=IDENT_TOKEN, type=_TYPE, index=SCALAR, function=_FUNCTION_CALL),
)
_MESSAGE_FIELDS: dict[str, Rule] = {
    "role": _TYPE,
    "content": Shapes(str_rule=FREE, list_rule=ListOf(CONTENT_PART)),
    "name": SPEAKER_NAME,
    "refusal": FREE,
    "reasoning_content": FREE,
    "tool_calls": ListOf(_TOOL_CALL),
    "function_call": _FUNCTION_CALL,
    "tool_call_id": IDENT_TOKEN,
    "audio": _obj(id=IDENT_TOKEN),
}
#: A tool result is usually JSON: masked leaf by leaf like the arguments that produced it.
_TOOL_RESULT_PART = ByKey("type", {"text": _obj(type=_TYPE, text=JSON)}, default=CONTENT_PART)
_TOOL_MESSAGE = Obj(
    {
        **_MESSAGE_FIELDS,
        "content": Shapes(str_rule=JSON, list_rule=ListOf(_TOOL_RESULT_PART)),
    }
)
MESSAGE = ByKey(
    "role", {"tool": _TOOL_MESSAGE, "function": _TOOL_MESSAGE}, default=Obj(_MESSAGE_FIELDS)
)

_FUNCTION_DEF = _obj(name=NAME_TOKEN, description=FREE, parameters=SCHEMA, strict=SCALAR)
_TOOL = ByKey(
    "type",
    {
        "custom": _obj(
            type=_TYPE,
            custom=_obj(
                name=NAME_TOKEN,
                description=FREE,
                # a regex or a Lark grammar, whose regex terminals escape as a pattern does
                format=_obj(type=_TYPE, grammar=_obj(syntax=ENUM_TOKEN, definition=PATTERN)),
            ),
        )
    },
    default=_obj(type=_TYPE, function=_FUNCTION_DEF),
)
_TOOL_REF = _obj(type=_TYPE, function=_NAME_ONLY, custom=_NAME_ONLY)
_TOOL_CHOICE = Shapes(
    str_rule=ENUM_TOKEN,
    dict_rule=_obj(
        type=_TYPE,
        function=_NAME_ONLY,
        custom=_NAME_ONLY,
        allowed_tools=_obj(mode=ENUM_TOKEN, tools=ListOf(_TOOL_REF)),
    ),
)
_RESPONSE_FORMAT = _obj(
    type=_TYPE,
    json_schema=_obj(name=NAME_TOKEN, description=FREE, schema=SCHEMA, strict=SCALAR),
)


class LogitBiasKeyError(RequestValidationError, MaskingError):
    """A ``logit_bias`` key of eight digits or more (no token id), or a value of eight digits or
    more (no bias): the shape of a number the detector does not read alone (a request error,
    and a privacy refusal)."""

    code = "invalid_logit_bias"
    param = "logit_bias"


class _LogitBias(Rule):
    """``logit_bias``: token-id keys (up to seven digits: vocabularies hold < 10**7 ids) kept,
    values (numbers) kept; a key of more digits, or a value of eight digits or more, refuses
    the request (a bare phone number or SSN reads as nothing to the detector, and no
    upstream takes it); other keys scanned."""

    label = "token-id keys"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        if isinstance(value, dict) and any(_LONG_NUMBER_KEY.fullmatch(str(k)) for k in value):
            raise LogitBiasKeyError(
                f"{format_path(path)} keys are token ids (at most 7 digits); a longer number "
                "there is none, so the request was not forwarded"
            )
        if isinstance(value, dict) and any(_long_setting(v) for v in value.values()):
            # biases run from -100 to 100; named by the field alone (a key is caller text)
            raise LogitBiasKeyError(
                f"{format_path(path)} values are biases (-100 to 100); one of eight digits or "
                "more is none, so the request was not forwarded"
            )
        return _keyed(value, ctx, path, keep=TOKEN_ID, values=FREE)


#: Scalars (numbers, booleans) of the protocol: declared so their keys are kept; a string there
#: is masked like any other.
_SCALARS = (
    "stream",
    "n",
    "temperature",
    "top_p",
    "max_tokens",
    "max_completion_tokens",
    "presence_penalty",
    "frequency_penalty",
    "logprobs",
    "top_logprobs",
    "parallel_tool_calls",
    "store",
    "echo",
    "best_of",
)
_COMMON: dict[str, Rule] = {
    **{k: SCALAR for k in _SCALARS},
    "seed": SEED,
    "model": MODEL_TOKEN,
    "user": PSEUDONYM,
    "safety_identifier": PSEUDONYM,
    "prompt_cache_key": PSEUDONYM,
    "metadata": FREE,
    "stop": FREE,
    "guided_regex": PATTERN,  # vLLM's: a regex, read as the text it matches too
    "guided_grammar": PATTERN,  # an EBNF or Lark grammar: its regex terminals the same
    "structured_outputs": _obj(regex=PATTERN, grammar=PATTERN),  # newer vLLM's
    "logit_bias": _LogitBias(),
    "stream_options": _obj(include_usage=SCALAR, include_obfuscation=SCALAR),
    "service_tier": ENUM_TOKEN,
}

CHAT_COMPLETIONS = Obj(
    {
        **_COMMON,
        "messages": ListOf(MESSAGE),
        "tools": ListOf(_TOOL),
        "functions": ListOf(_FUNCTION_DEF),
        "tool_choice": _TOOL_CHOICE,
        "function_call": Shapes(str_rule=ENUM_TOKEN, dict_rule=_NAME_ONLY),
        "response_format": _RESPONSE_FORMAT,
        "prediction": _obj(
            type=_TYPE, content=Shapes(str_rule=FREE, list_rule=ListOf(CONTENT_PART))
        ),
        "reasoning_effort": ENUM_TOKEN,
        "verbosity": ENUM_TOKEN,
        "modalities": ListOf(ENUM_TOKEN),
        "audio": _obj(voice=IDENT_TOKEN, format=ENUM_TOKEN),
        "web_search_options": _obj(
            search_context_size=ENUM_TOKEN,
            user_location=_obj(type=_TYPE, approximate=FREE),
        ),
    }
)

_TOKEN_IDS = Gate("token_ids", "a token-id prompt", FREE)
COMPLETIONS = Obj(
    {
        **_COMMON,
        "prompt": Shapes(
            str_rule=FREE,
            int_rule=_TOKEN_IDS,
            list_rule=ListOf(Shapes(str_rule=FREE, int_rule=_TOKEN_IDS, list_rule=_TOKEN_IDS)),
        ),
        "suffix": FREE,
        # vLLM: the prompt as embeddings (base64 tensors), unreadable like token ids
        "prompt_embeds": Gate("token_ids", "a prompt_embeds input", OPAQUE_TREE),
    }
)

#: Every endpoint's rule, declared once. Keys are the names serving code passes to :func:`walk`.
ENDPOINTS: dict[str, Endpoint] = {}


def register_endpoint(endpoint: Endpoint) -> None:
    """Declare an endpoint's rule (the Responses API and Anthropic Messages add theirs here)."""
    ENDPOINTS[endpoint.name] = endpoint


register_endpoint(
    Endpoint("chat.completions", CHAT_COMPLETIONS, user_fields=("user", "safety_identifier"))
)
register_endpoint(Endpoint("completions", COMPLETIONS, user_fields=("user", "safety_identifier")))


def _endpoint(name: str) -> Endpoint:
    try:
        return ENDPOINTS[name]
    except KeyError:
        raise KeyError(f"no request-field rules for endpoint {name!r}") from None


def end_user(endpoint: str, body: Mapping[str, Any]) -> str | None:
    """The raw end-user id a request carries (before pseudonymization), if any."""
    for key in _endpoint(endpoint).user_fields:
        value = body.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def user_pseudonym(key: bytes, tenant: str, user: str) -> str:
    """A stable keyed pseudonym of ``user`` within ``tenant``: HMAC-SHA256, so it reveals nothing
    without the key and the same user of two tenants gets unlinkable pseudonyms."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in ("veil-user", tenant, user):
        data = part.encode("utf-8", "surrogatepass")
        mac.update(len(data).to_bytes(8, "big") + data)
    return "u-" + mac.hexdigest()[:32]


def walk(endpoint: str, body: Mapping[str, Any], ctx: WalkContext) -> dict[str, Any]:
    """The body to send upstream: a new object, every string masked unless allow-listed.

    Raises :class:`~veil.errors.UnscannableContentError` for content the tenant does not allow
    and lets any masking failure propagate (the caller refuses the request).
    """
    out = _endpoint(endpoint).rule.apply(dict(body), ctx, ())
    if not isinstance(out, dict):  # pragma: no cover - Obj always returns a dict for a dict
        raise MaskingError("the request body could not be masked; it was not forwarded")
    return out


@dataclass(frozen=True)
class FieldEntry:
    path: str
    treatment: str


def walked_fields(endpoint: str) -> list[FieldEntry]:
    """Every declared place of an endpoint's body and how it is treated (for reports)."""
    return [FieldEntry(p, t) for p, t in _endpoint(endpoint).rule.describe("")]


def allowed_fields(endpoint: str) -> list[str]:
    """The endpoint's allow-list: places whose (validated) protocol tokens pass unmasked."""
    return [e.path for e in walked_fields(endpoint) if e.treatment.startswith("token")]


__all__ = [
    "CleanTokens",
    "CHAT_COMPLETIONS",
    "COMPLETIONS",
    "CONTENT_PART",
    "DATA",
    "ENDPOINTS",
    "FILENAME",
    "FREE",
    "JSON",
    "MESSAGE",
    "NAME_TOKEN",
    "OPAQUE",
    "OPAQUE_TREE",
    "PSEUDONYM",
    "SCALAR",
    "SCHEMA",
    "SEED",
    "UNSCANNABLE_KINDS",
    "URL",
    "ByKey",
    "Data",
    "Endpoint",
    "FieldEntry",
    "Filename",
    "Free",
    "Gate",
    "Json",
    "ListOf",
    "Obj",
    "Opaque",
    "OpaqueTree",
    "ProtocolNumberError",
    "Pseudonym",
    "Rule",
    "Scalar",
    "Schema",
    "Shapes",
    "Token",
    "UnscannableKind",
    "Url",
    "WalkContext",
    "allowed_fields",
    "end_user",
    "format_path",
    "mask_url",
    "register_endpoint",
    "user_pseudonym",
    "walk",
    "walked_fields",
    "id_words",
]
