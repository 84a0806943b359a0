"""POST /v1/chat/completions: mask the conversation, forward, restore (whole or streamed)."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

from anyio import to_thread

from .privacy import ChatStreamRestorer, Conversation
from .protocol import ChatCompletionRequest
from .state import GatewayState
from .streaming import prime, restored_sse
from .tenants import Tenant
from .upstream import Body

log = logging.getLogger("veil.gateway")
ENDPOINT = "chat"


async def _protect(state: GatewayState, conv: Conversation, body: Body) -> Body:
    t0 = time.perf_counter()
    masked = await to_thread.run_sync(conv.protect_chat, body)
    state.metrics.protect_seconds.labels(ENDPOINT).observe(time.perf_counter() - t0)
    for typ, n in conv.entity_counts.items():
        state.metrics.entities.labels(typ).inc(n)
    return masked


async def create_chat_completion(
    state: GatewayState, req: ChatCompletionRequest, tenant: Tenant, session_header: str | None
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream: true``) an iterator of SSE bytes."""
    started = time.perf_counter()
    session = state.sessions.for_chat(tenant.name, req, session_header)
    conv = Conversation(state.core, tenant.name, session)
    body = await _protect(state, conv, req.wire())
    log.info(
        "chat request: tenant=%s messages=%d stream=%s entities=%d",
        tenant.name,
        len(req.messages),
        req.stream,
        sum(conv.entity_counts.values()),
    )
    if not req.stream:
        data = await state.upstream.chat(body)
        return await to_thread.run_sync(conv.restore_chat, data)
    first, events = await prime(state.upstream.stream_chat(body))
    return restored_sse(
        first,
        events,
        ChatStreamRestorer(conv),
        metrics=state.metrics,
        endpoint=ENDPOINT,
        started=started,
    )


__all__ = ["create_chat_completion"]
