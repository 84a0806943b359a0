"""The strings of a chat or completions answer that Veil does not restore, scanned for the
tenant's redacted terms.

Restoration reads the fields a client shows as the answer's text (content, refusal,
reasoning, tool calls). An upstream may write anywhere else too -- a ``thinking`` or
``reasoning_details`` field, an audio transcript, annotations, a legacy ``function_call``,
a field of its own -- and clients show some of those: a term the tenant redacts went out
there as the LLM wrote it. Placeholders there stay as they are (nothing is restored where
Veil does not know what the client does with it); only the terms are redacted.

The same holds for what the upstream writes beside an answer -- protocol tokens (ids, roles,
finish reasons), its errors, its pass-through headers -- and for the items of a list a client
shows joined: two consecutive items are read together too.

A whole answer's strings are scanned one by one. A stream's are too, but a delta's field is
a fragment of a text the client joins: the last characters of each field (as many as a
stream holds back for its texts) are kept, and a term found only across two chunks of one
field stops the stream -- its first part went out already and cannot be taken back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from veil.mask.operators import redaction

from .errors import UpstreamProtocolError, UpstreamStatusError

Scan = Callable[[str], str]

_MARKER = redaction("")[:-1]  # "[REDACTED_"
#: Keys whose values are protocol tokens of every answer: never text of the LLM's.
_PROTOCOL = frozenset({"id", "object", "role", "type", "finish_reason", "index",
                       "system_fingerprint", "service_tier", "created"})


def straddles(scan: Scan, before: str, after: str) -> bool:
    """Whether a term lies across ``before`` and ``after`` (two pieces a client joins), found
    in neither alone."""
    joined = before + after
    found = scan(joined).count(_MARKER) - joined.count(_MARKER)
    if found <= 0:  # no term at all (the common case: one scan)
        return False
    alone = (scan(before).count(_MARKER) - before.count(_MARKER)
             + scan(after).count(_MARKER) - after.count(_MARKER))
    return found > alone


def scan_strings(data: Any, scan: Scan, *, skip: Collection[str] = ()) -> Any:
    """``data`` with every string scanned, the keys in ``skip`` (at its top level) and
    protocol tokens left out."""
    if isinstance(data, str):
        return scan(data)
    if isinstance(data, list):
        if len(data) > 1:
            _check_items(data, scan)
        return [scan_strings(x, scan) for x in data]
    if isinstance(data, dict):
        return {k: v if k in skip else _token(v, scan) if k in _PROTOCOL
                else scan_strings(v, scan) for k, v in data.items()}
    return data


#: The values protocol tokens take in every answer: never scanned (a tenant whose term is
#: ``Assistant`` or ``stop`` keeps valid answers, and most answers scan none of them).
_KNOWN = frozenset({
    "assistant", "user", "system", "developer", "tool", "function", "chat.completion",
    "chat.completion.chunk", "text_completion", "stop", "length", "tool_calls",
    "content_filter", "function_call", "default", "auto", "flex", "priority", "scale",
    "message", "response", "text", "completed", "in_progress", "incomplete"})


def _token(value: Any, scan: Scan) -> Any:
    """A protocol token (an id, a role, a finish reason) scanned as one value: a hostile
    upstream writes what it likes there, and the client shows or logs some of them."""
    return scan(value) if isinstance(value, str) and value not in _KNOWN else value


def _text_of(data: Any) -> str:
    """The strings of a list item, in order (protocol tokens left out)."""
    if isinstance(data, str):
        return data
    if isinstance(data, list):
        return "".join(_text_of(x) for x in data)
    if isinstance(data, dict):
        return "".join(_text_of(v) for k, v in data.items() if k not in _PROTOCOL)
    return ""


def _check_items(items: list[Any], scan: Scan) -> None:
    """A term split between two items of a list: a client shows the items of a list it does
    not know (``reasoning_details``, a summary's pieces) joined, or one per line, and each
    item scanned alone read only a half."""
    before = _text_of(items[0])
    for item in items[1:]:
        after = _text_of(item)
        if before and after and (straddles(scan, before, after)
                                 or straddles(scan, before + "\n", after)):
            raise UpstreamProtocolError(
                "the upstream LLM wrote a term the tenant redacts across two items of a list "
                "Veil does not restore; the answer was withheld")
        before = after


def scan_fields(data: dict[str, Any], scan: Scan, *, skip: Collection[str] = ()) -> None:
    """:func:`scan_strings` of ``data``'s values, in place (a stream's chunk: most of its keys
    are protocol tokens or numbers, and rebuilding it cost more than scanning them)."""
    for key, value in data.items():
        if key in skip or value is None or isinstance(value, int | float):
            continue
        data[key] = _token(value, scan) if key in _PROTOCOL else scan_strings(value, scan)


class FragmentScanner:
    """A stream's unrestored delta fields, scanned chunk by chunk (see the module doc).
    Fields are named by their path of keys (list positions left out: each chunk numbers its
    list items afresh)."""

    def __init__(self, scan: Scan, window: int, tail_start: Callable[[str, int], int]) -> None:
        self._scan = scan
        self._window = window
        self._tail_start = tail_start
        self._tails: dict[tuple[Any, ...], str] = {}

    def delta(self, key: tuple[Any, ...], data: Any) -> Any:
        """``data`` (a delta's field, any JSON) with its strings scanned."""
        if isinstance(data, str):
            return self._fragment(key, data)
        if isinstance(data, list):
            return [self.delta(key, x) for x in data]
        if isinstance(data, dict):
            return {k: _token(v, self._scan) if k in _PROTOCOL else self.delta((*key, k), v)
                    for k, v in data.items()}
        return data

    def _fragment(self, key: tuple[Any, ...], text: str) -> str:
        out = self._scan(text)
        tail = self._tails.get(key, "")
        if tail and straddles(self._scan, tail, text):
            raise UpstreamProtocolError(
                "the upstream LLM wrote a term the tenant redacts across the chunks of a "
                "field Veil does not restore; the stream was stopped")
        buf = tail + text
        self._tails[key] = buf[self._tail_start(buf, self._window):]
        return out


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for x in data for s in _strings(x)]
    if isinstance(data, dict):
        return [s for x in data.values() for s in _strings(x)]
    return []


def scan_rest(data: dict[str, Any], scan: Scan, *, skip: Collection[str] = ()) -> None:
    """:func:`scan_fields` of a whole answer's fields that no restorer read (its id, status,
    stop reason, a field of the upstream's own), in place; read first as one text, so an
    answer without a term costs one scan."""
    rest = [s for k, v in data.items() if k not in skip for s in _strings(v)]
    joined = "\n".join(rest)
    if rest and scan(joined) != joined:
        scan_fields(data, scan, skip=skip)


def scan_error(exc: BaseException, scan: Scan) -> None:
    """An upstream's error, relayed to the client (its message, param, code and type), with
    the tenant's redacted terms redacted: the upstream writes it as freely as an answer."""
    if not isinstance(exc, UpstreamStatusError) or exc.detail is None:
        return
    detail = exc.detail
    fields = {k: v for k in ("message", "type", "param", "code")
              if isinstance(v := getattr(detail, k), str)}
    scanned = {k: scan(v) for k, v in fields.items()}
    if scanned != fields:
        exc.detail = detail.model_copy(update=scanned)


def scan_headers(headers: dict[str, str], scan: Scan) -> None:
    """The upstream's pass-through headers (rate limits, retry hints, its request id) without
    one that holds a redacted term: they are numbers and ids, so such a header is dropped."""
    for name, value in list(headers.items()):
        if scan(value) != value:
            del headers[name]


__all__ = ["FragmentScanner", "scan_error", "scan_fields", "scan_headers", "scan_rest",
           "scan_strings", "straddles"]
