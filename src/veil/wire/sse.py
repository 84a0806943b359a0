"""Server-sent events as OpenAI streams them: ``data: <json>`` events, ended by ``data: [DONE]``.

:func:`encode_event` and :data:`DONE` frame what a server sends; :class:`SSEDecoder` and
:func:`aiter_sse_data` turn a received byte or line stream back into event payloads following the
SSE rules (fields per line, ``data`` lines of one event joined by newlines, a blank line ends an
event, comments and other fields ignored), so a payload split across TCP reads is still one event.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any

DONE = b"data: [DONE]\n\n"
DONE_DATA = "[DONE]"


def encode_event(obj: Any) -> bytes:
    """One ``data:`` event carrying ``obj`` as compact JSON (non-ASCII kept as UTF-8)."""
    return b"data: " + json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"


class SSEDecoder:
    """Incremental SSE parser: feed lines (without their line ending), get completed payloads."""

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed_line(self, line: str) -> str | None:
        """The payload of the event this line completes, if it is the blank line ending one."""
        if line == "":
            if not self._data:
                return None
            data, self._data = "\n".join(self._data), []
            return data
        if line.startswith(":"):
            return None  # comment / keep-alive
        name, _, value = line.partition(":")
        if name == "data":
            self._data.append(value[1:] if value.startswith(" ") else value)
        return None  # event:, id:, retry: carry nothing OpenAI streams use

    def flush(self) -> str | None:
        """A last event the stream did not end with a blank line (tolerated, as browsers do not:
        servers in the wild omit it before closing)."""
        if not self._data:
            return None
        data, self._data = "\n".join(self._data), []
        return data

    def feed_lines(self, lines: Iterable[str]) -> list[str]:
        out = [d for line in lines if (d := self.feed_line(line)) is not None]
        return out


async def aiter_sse_data(lines: AsyncIterable[str]) -> AsyncIterator[str]:
    """Event payloads from a line stream (e.g. ``httpx.Response.aiter_lines()``), ``[DONE]``
    included: the caller decides what the end marker means."""
    decoder = SSEDecoder()
    async for line in lines:
        data = decoder.feed_line(line.rstrip("\r\n"))
        if data is not None:
            yield data
    tail = decoder.flush()
    if tail is not None:
        yield tail


def parse_sse(raw: str | bytes) -> tuple[list[Any], bool]:
    """A whole SSE body as (JSON payloads in order, whether ``[DONE]`` came) -- for tests and
    clients that read the full body."""
    text = raw.decode() if isinstance(raw, bytes) else raw
    decoder = SSEDecoder()
    payloads = decoder.feed_lines(text.splitlines())
    if (tail := decoder.flush()) is not None:
        payloads.append(tail)
    done = DONE_DATA in payloads
    return [json.loads(p) for p in payloads if p != DONE_DATA], done


__all__ = ["DONE", "DONE_DATA", "SSEDecoder", "aiter_sse_data", "encode_event", "parse_sse"]
