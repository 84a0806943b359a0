"""Server-sent events: upstream events in, restored events out, errors as a final event.

Every stream the gateway sends ends in one of two ways: the complete answer then ``data: [DONE]``,
or an error event then ``data: [DONE]``. The upstream iterator raises on every ending other than
the upstream's own ``[DONE]`` (see :meth:`OpenAIUpstream._stream`); here every failure while
restoring, flushing or closing becomes the error event. Only a cancelled task (the client went
away) ends a stream without them, since nobody is left to read it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, Protocol

import orjson
from anyio import CancelScope, to_thread

from veil.errors import VeilError
from veil.wire.errors import error_event
from veil.wire.sse import DONE, encode_event

from .answer_scan import scan_error
from .errors import error_code, sse_error
from .metrics import GatewayMetrics
from .upstream import Body

log = logging.getLogger("veil.gateway")

# Sent if building the real error event fails too: the client must still learn the stream broke.
_FALLBACK_ERROR = error_event(
    "the stream failed and its answer is incomplete; retry the request",
    "server_error",
    code="internal_error",
)


def _encode(event: Body) -> bytes:
    """:func:`encode_event` (compact UTF-8 JSON) by orjson: this runs once per streamed chunk."""
    try:
        return b"data: " + orjson.dumps(event) + b"\n\n"
    except TypeError:  # orjson.JSONEncodeError: what it refuses, the standard encoder decides
        return encode_event(event)


class EventRestorer(Protocol):
    """What turns masked upstream events back into the caller's text (None: hold back).

    A restorer may also have ``inline_ready() -> bool``: True once ``process`` and ``finish``
    do no I/O (no vault or store access; CPU work and queueing an audit record only), so small
    events, and the end, may be restored on the event loop instead of a worker thread
    (:func:`restored_sse`). Without it, every event goes to a thread.
    """

    def process(self, chunk: Body) -> Body | None: ...

    def finish(self) -> Body | None: ...


async def prime(events: AsyncIterator[Body]) -> tuple[Body | None, AsyncIterator[Body]]:
    """Wait for the first upstream event, so that a failure to start (HTTP 401, 404, timeout,
    unreachable) becomes a normal HTTP error response instead of an error inside a 200 stream."""
    try:
        first = await events.__anext__()
    except StopAsyncIteration:
        return None, events
    return first, events


async def _close(events: AsyncIterator[Body], endpoint: str) -> bool:
    """Close the upstream iterator; False (logged) if closing failed."""
    aclose = getattr(events, "aclose", None)
    if aclose is None:
        return True
    try:
        await aclose()
    except Exception as e:  # noqa: BLE001 - reported by the caller as an error event
        log.warning(
            "closing the upstream stream failed: endpoint=%s error=%s", endpoint, type(e).__name__
        )
        return False
    return True


def metric_code(e: BaseException) -> str:
    """The ``veil_errors`` label: Veil's own code (a small fixed set; an upstream's codes are not
    ours to bound)."""
    return e.code if isinstance(e, VeilError) else "internal_error"


def _error_event(e: BaseException, metrics: GatewayMetrics, endpoint: str) -> bytes:
    try:
        metrics.errors.labels(metric_code(e)).inc()
        log.warning(
            "stream aborted: endpoint=%s error=%s code=%s",
            endpoint,
            type(e).__name__,
            error_code(e),
        )
        return sse_error(e)
    except Exception:  # noqa: BLE001 - never let the error path end the stream silently
        return _FALLBACK_ERROR


#: Most text an event may carry to be restored on the event loop (tokens are a few characters;
#: an upstream that sends a whole answer in one event goes to a thread).
INLINE_CHARS = 2048


def small(event: Any, budget: int = INLINE_CHARS) -> bool:
    """Whether the strings in ``event`` add up to at most ``budget`` characters."""
    stack = [event]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            budget -= len(x)
            if budget < 0:
                return False
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return True


async def restored_sse(
    first: Body | None,
    events: AsyncIterator[Body],
    restorer: EventRestorer,
    *,
    metrics: GatewayMetrics,
    endpoint: str,
    started: float,
    scan: Callable[[str], str] | None = None,
) -> AsyncIterator[bytes]:
    """Restore each event as it arrives (no buffering beyond the restorer's own hold-back).

    An event is restored on a worker thread, since restoring may read the vault, unless the
    restorer's ``inline_ready()`` says it no longer does I/O and the event is small: then it
    is restored on the event loop. A thread hand-off per chunk cost more than restoring the
    chunk, and with 200 concurrent streams the hand-offs halved the streams' throughput.
    """
    ready = getattr(restorer, "inline_ready", None)
    first_sent = False
    failed: BaseException | None = None
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
            if ready is not None and ready() and small(event):
                out = restorer.process(event)
            else:
                out = await to_thread.run_sync(restorer.process, event)
            if out is not None:
                if not first_sent:
                    metrics.first_token.labels(endpoint).observe(time.perf_counter() - started)
                    first_sent = True
                yield _encode(out)
        # what is left is what the restorer held back (bounded by the longest replacement):
        # on the loop too when it does no I/O, not a thread hand-off per stream
        if ready is not None and ready():
            tail = restorer.finish()
        else:
            tail = await to_thread.run_sync(restorer.finish)
        if tail is not None:
            yield _encode(tail)
    except Exception as e:  # noqa: BLE001 - every failure ends the stream with an error event
        failed = e
    except BaseException:
        # GeneratorExit / cancellation (client gone): nobody is left to read an event, and an
        # async generator must not yield after GeneratorExit. Still release the upstream
        # connection, shielded so that a pending cancellation does not skip it.
        with CancelScope(shield=True):
            await _close(events, endpoint)
        raise
    closed = await _close(events, endpoint)
    if failed is not None:
        if scan is not None:  # an upstream's error event: the tenant's terms redacted
            scan_error(failed, scan)
        yield _error_event(failed, metrics, endpoint)
    elif not closed:
        yield _FALLBACK_ERROR
    yield DONE


__all__ = ["DONE", "EventRestorer", "metric_code", "prime", "restored_sse"]
