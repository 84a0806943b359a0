"""POST /v1/completions (legacy text completions): mask the prompt(s), forward, restore."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from veil.wire.openai import CompletionRequest

from .privacy import CompletionStreamRestorer, Conversation
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .upstream import Body

COMPLETIONS = Endpoint(
    name="completions",
    protect=Conversation.protect_completion,
    forward=lambda upstream, body: upstream.completions(body),
    forward_stream=lambda upstream, body: upstream.stream_completions(body),
    restore=Conversation.restore_completion,
    stream_restorer=CompletionStreamRestorer,
    restores_inline=True,
)


async def create_completion(
    state: GatewayState,
    req: CompletionRequest,
    principal: Principal,
    session_header: str | None,
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream: true``) an iterator of SSE bytes."""
    started = time.perf_counter()
    session = state.sessions.for_completion(principal, session_header)
    return await serve(
        state, COMPLETIONS, principal, session, req.wire(), stream=req.stream, started=started
    )


__all__ = ["COMPLETIONS", "create_completion"]
