"""POST /v1/chat/completions: mask the conversation, forward, restore (whole or streamed)."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable

from anyio import to_thread

from veil.wire.openai import ChatCompletionRequest

from .privacy import ChatStreamRestorer, Conversation
from .sessions import USER_PSEUDONYM
from .state import GatewayState
from .streaming import prime, restored_sse
from .tenants import Principal
from .upstream import Body

log = logging.getLogger("veil.gateway")
ENDPOINT = "chat"


async def protect_timed(
    state: GatewayState,
    endpoint: str,
    conv: Conversation,
    protect: Callable[[Body], Body],
    body: Body,
) -> Body:
    """Mask ``body`` with ``protect`` (a method of ``conv``) off the event loop (spaCy is
    CPU-bound), recording the time and the conversation's entity counts."""
    t0 = time.perf_counter()
    masked = await to_thread.run_sync(protect, body)
    state.metrics.protect_seconds.labels(endpoint).observe(time.perf_counter() - t0)
    for typ, n in conv.entity_counts.items():
        state.metrics.entities.labels(typ).inc(n)
    return masked


async def create_chat_completion(
    state: GatewayState,
    req: ChatCompletionRequest,
    principal: Principal,
    session_header: str | None,
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream: true``) an iterator of SSE bytes."""
    started = time.perf_counter()
    tenant = principal.tenant
    session = state.sessions.for_chat(principal, req, session_header)
    conv = Conversation(
        state.core,
        tenant.name,
        session,
        principal=principal.id,
        pseudonym_key=state.sessions.derived_key(USER_PSEUDONYM),
    )
    body = await protect_timed(state, ENDPOINT, conv, conv.protect_chat, req.wire())
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
