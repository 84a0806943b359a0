"""POST /v1/chat/completions: mask the conversation, forward, restore (whole or streamed)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from veil.wire.openai import ChatCompletionRequest

from .privacy import ChatStreamRestorer, Conversation
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .upstream import Body

CHAT = Endpoint(
    name="chat",
    protect=Conversation.protect_chat,
    forward=lambda upstream, body: upstream.chat(body),
    forward_stream=lambda upstream, body: upstream.stream_chat(body),
    restore=Conversation.restore_chat,
    stream_restorer=ChatStreamRestorer,
    restores_inline=True,
)


async def create_chat_completion(
    state: GatewayState,
    req: ChatCompletionRequest,
    principal: Principal,
    session_header: str | None,
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream: true``) an iterator of SSE bytes."""
    started = time.perf_counter()
    session = state.sessions.for_chat(principal, req, session_header)
    return await serve(
        state,
        CHAT,
        principal,
        session,
        req.wire(),
        stream=req.stream,
        started=started,
        log_detail=f"messages={len(req.messages)} ",
    )


__all__ = ["CHAT", "create_chat_completion"]
