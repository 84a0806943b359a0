"""The strings of a chat or completions answer that Veil does not restore, scanned for the
tenant's redacted terms.

Restoration reads the fields a client shows as the answer's text (content, refusal,
reasoning, tool calls). An upstream may write anywhere else too -- a ``thinking`` or
``reasoning_details`` field, an audio transcript, annotations, a legacy ``function_call``,
a field of its own -- and clients show some of those: a term the tenant redacts went out
there as the LLM wrote it. Placeholders there stay as they are (nothing is restored where
Veil does not know what the client does with it); only the terms are redacted.

A whole answer's strings are scanned one by one. A stream's are too, but a delta's field is
a fragment of a text the client joins: the last characters of each field (as many as a
stream holds back for its texts) are kept, and a term found only across two chunks of one
field stops the stream -- its first part went out already and cannot be taken back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from veil.mask.operators import redaction

from .errors import UpstreamProtocolError

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
        return [scan_strings(x, scan) for x in data]
    if isinstance(data, dict):
        return {k: v if k in skip or k in _PROTOCOL else scan_strings(v, scan)
                for k, v in data.items()}
    return data


def scan_fields(data: dict[str, Any], scan: Scan, *, skip: Collection[str] = ()) -> None:
    """:func:`scan_strings` of ``data``'s values, in place (a stream's chunk: most of its keys
    are protocol tokens or numbers, and rebuilding it cost more than scanning them)."""
    for key, value in data.items():
        if key in skip or key in _PROTOCOL or value is None or isinstance(value, int | float):
            continue
        data[key] = scan_strings(value, scan)


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
            return {k: v if k in _PROTOCOL else self.delta((*key, k), v)
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


__all__ = ["FragmentScanner", "scan_fields", "scan_strings", "straddles"]
