"""Server-sent events: upstream events in, restored events out, errors as a final event."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Protocol

from anyio import to_thread

from .errors import sse_error
from .metrics import GatewayMetrics
from .upstream import Body

log = logging.getLogger("veil.gateway")

DONE = b"data: [DONE]\n\n"


class _Restorer(Protocol):
    def process(self, chunk: Body) -> Body | None: ...

    def finish(self) -> Body | None: ...


def _event(obj: Body) -> bytes:
    return b"data: " + json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"


async def prime(events: AsyncIterator[Body]) -> tuple[Body | None, AsyncIterator[Body]]:
    """Wait for the first upstream event, so that a failure to start (HTTP 401, 404, timeout)
    becomes a normal HTTP error response instead of an error inside a 200 stream."""
    try:
        first = await events.__anext__()
    except StopAsyncIteration:
        return None, events
    return first, events


async def restored_sse(
    first: Body | None,
    events: AsyncIterator[Body],
    restorer: _Restorer,
    *,
    metrics: GatewayMetrics,
    endpoint: str,
    started: float,
) -> AsyncIterator[bytes]:
    """Restore each event as it arrives (no buffering beyond the restorer's own hold-back)."""
    first_sent = False
    try:
        pending = [first] if first is not None else []
        while True:
            if pending:
                event = pending.pop()
            else:
                try:
                    event = await events.__anext__()
                except StopAsyncIteration:
                    break
            out = await to_thread.run_sync(restorer.process, event)
            if out is not None:
                if not first_sent:
                    metrics.first_token.labels(endpoint).observe(time.perf_counter() - started)
                    first_sent = True
                yield _event(out)
        tail = await to_thread.run_sync(restorer.finish)
        if tail is not None:
            yield _event(tail)
    except Exception as e:  # noqa: BLE001 - every failure ends the stream with an error event
        code = getattr(e, "code", "internal_error")
        metrics.errors.labels(code).inc()
        log.warning("stream aborted: endpoint=%s error=%s", endpoint, type(e).__name__)
        yield sse_error(e)
    finally:
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()
    yield DONE


__all__ = ["DONE", "prime", "restored_sse"]
