"""POST /v1/completions (legacy text completions): mask the prompt(s), forward, restore."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

from anyio import to_thread

from veil.wire.openai import CompletionRequest

from .privacy import CompletionStreamRestorer, Conversation
from .serving_chat import protect_timed
from .sessions import USER_PSEUDONYM
from .state import GatewayState
from .streaming import prime, restored_sse
from .tenants import Principal
from .upstream import Body

log = logging.getLogger("veil.gateway")
ENDPOINT = "completions"


async def create_completion(
    state: GatewayState,
    req: CompletionRequest,
    principal: Principal,
    session_header: str | None,
) -> Body | AsyncIterator[bytes]:
    started = time.perf_counter()
    tenant = principal.tenant
    conv = Conversation(
        state.core,
        tenant.name,
        state.sessions.for_completion(principal, session_header),
        principal=principal.id,
        pseudonym_key=state.sessions.derived_key(USER_PSEUDONYM),
    )
    body = await protect_timed(state, ENDPOINT, conv, conv.protect_completion, req.wire())
    log.info(
        "completion request: tenant=%s stream=%s entities=%d",
        tenant.name,
        req.stream,
        sum(conv.entity_counts.values()),
    )
    if not req.stream:
        data = await state.upstream.completions(body)
        return await to_thread.run_sync(conv.restore_completion, data)
    first, events = await prime(state.upstream.stream_completions(body))
    return restored_sse(
        first,
        events,
        CompletionStreamRestorer(conv),
        metrics=state.metrics,
        endpoint=ENDPOINT,
        started=started,
    )


__all__ = ["create_completion"]
