"""Typed event streams (the Responses API, Anthropic Messages): ``event: <type>`` + ``data:``
frames, no ``[DONE]``, and the API's own error event.

The serving layer (:func:`.serving.serve` through :func:`.streaming.restored_sse`) frames every
stream the OpenAI chat way: one ``data:`` event per restored event, an OpenAI error event when
the stream fails, then ``data: [DONE]``. :func:`reframe` turns that into the typed framing. A
restorer that must send several events for one upstream event (a held-back tail before a
``done`` event) returns them as one :func:`batch`, which is unpacked here.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

from veil.wire.sse import DONE

Body = dict[str, Any]

_BATCH = "veil.batch"
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")


def batch(events: list[Body]) -> Body | None:
    """What a restorer returns for ``events`` (None: nothing to send)."""
    if not events:
        return None
    if len(events) == 1:
        return events[0]
    return {"type": _BATCH, "events": events}


def unbatch(event: Body) -> list[Body]:
    """The events a restorer's answer stands for."""
    return list(event["events"]) if event.get("type") == _BATCH else [event]


def frame(event: Body) -> bytes:
    data = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    # the restorers refuse an upstream event whose type is no name; a line break here would
    # frame events of the upstream's choosing all the same
    typ = event.get("type")
    name = typ if isinstance(typ, str) and _NAME.fullmatch(typ) else "message"
    return f"event: {name}\ndata: {data}\n\n".encode()


async def reframe(
    chunks: AsyncIterator[bytes],
    *,
    error_event: Callable[[Body], Body],
    number: bool = False,
) -> AsyncIterator[bytes]:
    """Typed frames for the ``data:`` events of ``chunks``. ``error_event`` builds the API's
    error event from an OpenAI error body; ``number``: add ``sequence_number`` (Responses)."""
    seq = 0
    async for raw in chunks:
        if raw == DONE:
            continue
        text = raw.decode()
        payload = json.loads(text[text.index(":") + 1 :].strip())
        if isinstance(payload.get("error"), dict) and "type" not in payload:
            events = [error_event(payload["error"])]
        else:
            events = unbatch(payload)
        for ev in events:
            if number:
                ev["sequence_number"] = seq
                seq += 1
            yield frame(ev)


async def primed(
    upstream_events: AsyncIterator[Body],
    translate: Callable[[Body], list[Body]],
    start: Callable[[], list[Body]],
    finish: Callable[[], list[Body]],
) -> AsyncIterator[Body]:
    """Translated events: the first upstream event is awaited before the opening events are
    produced, so a failure to start stays an HTTP error instead of an error inside a stream."""
    it = upstream_events.__aiter__()
    try:
        try:
            first: Body | None = await it.__anext__()
        except StopAsyncIteration:
            first = None
        for ev in start():
            yield ev
        if first is not None:
            for ev in translate(first):
                yield ev
            async for chunk in it:
                for ev in translate(chunk):
                    yield ev
        for ev in finish():
            yield ev
    finally:
        close = getattr(it, "aclose", None)
        if close is not None:
            await close()  # release the upstream connection now, not at garbage collection


class HeldEvents:
    """Events a typed stream holds back while a closed part's end may begin a redacted term
    that the next part ends (Anthropic text blocks, Responses ``output_text`` parts: the client
    joins them). A part's held-back tail must go out before its closing event, so the tail,
    that event and everything after it wait until the next part has shown enough text to
    decide (:attr:`.privacy.JoinedParts.holding` turns false) or the stream ends; a term
    found across the parts stops the stream with none of its pieces sent."""

    def __init__(self) -> None:
        self._held: list[Body] = []

    def send(self, out: Body | None, holding: bool) -> Body | None:
        """What to send now of the restorer's answer ``out``."""
        if holding:
            if out is not None:
                self._held.extend(unbatch(out))
            return None
        if not self._held:
            return out
        events = self._held + (unbatch(out) if out is not None else [])
        self._held = []
        return batch(events)


__all__ = ["HeldEvents", "batch", "frame", "primed", "reframe"]
