"""What the chat and completion endpoints share: open the request's conversation, mask it off
the event loop, forward it, restore the answer (whole or streamed). Each endpoint module only
describes itself with an :class:`Endpoint`."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from anyio import to_thread

from .privacy import Conversation
from .sessions import USER_PSEUDONYM
from .state import GatewayState
from .streaming import EventRestorer, prime, restored_sse
from .tenants import Principal
from .upstream import Body, Upstream

log = logging.getLogger("veil.gateway")


@dataclass(frozen=True)
class Endpoint:
    """One OpenAI endpoint: how its body is masked, forwarded and restored."""

    name: str  # the metrics label
    protect: Callable[[Conversation, Body], Body]
    forward: Callable[[Upstream, Body], Awaitable[Body]]
    forward_stream: Callable[[Upstream, Body], AsyncIterator[Body]]
    restore: Callable[[Conversation, Body], Body]
    stream_restorer: Callable[[Conversation], EventRestorer]


async def serve(
    state: GatewayState,
    endpoint: Endpoint,
    principal: Principal,
    session: str,
    body: Body,
    *,
    stream: bool,
    started: float,
    log_detail: str = "",
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream``) an iterator of restored SSE bytes.
    ``log_detail``: extra ``key=value `` text for the request's log line (counts only)."""
    tenant = principal.tenant
    conv = Conversation(
        state.core,
        tenant.name,
        session,
        principal=principal.id,
        pseudonym_key=state.sessions.derived_key(USER_PSEUDONYM),
    )
    # Masking runs off the event loop: spaCy is CPU-bound.
    t0 = time.perf_counter()
    masked = await to_thread.run_sync(endpoint.protect, conv, body)
    state.metrics.protect_seconds.labels(endpoint.name).observe(time.perf_counter() - t0)
    for typ, n in conv.entity_counts.items():
        state.metrics.entities.labels(typ).inc(n)
    log.info(
        "%s request: tenant=%s %sstream=%s entities=%d",
        endpoint.name,
        tenant.name,
        log_detail,
        stream,
        sum(conv.entity_counts.values()),
    )
    upstream = state.upstream
    if not stream:
        data = await endpoint.forward(upstream, masked)
        return await to_thread.run_sync(endpoint.restore, conv, data)
    first, events = await prime(endpoint.forward_stream(upstream, masked))
    return restored_sse(
        first,
        events,
        endpoint.stream_restorer(conv),
        metrics=state.metrics,
        endpoint=endpoint.name,
        started=started,
    )


__all__ = ["Endpoint", "serve"]
