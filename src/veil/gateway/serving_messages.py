"""Anthropic Messages (``POST /v1/messages``, ``POST /v1/messages/count_tokens``).

Masked with the closed-world rules of :mod:`.fields_messages`, then sent as it is to an
Anthropic upstream, or translated to chat completions (:mod:`veil.wire.anthropic`) for an
OpenAI-compatible one. Answers -- whole or as typed stream events -- are restored before the
caller sees them; restoration is scoped to this request, as for chat.
"""

from __future__ import annotations

import copy
import math
import re
import time
from collections.abc import AsyncIterator

from veil.errors import RequestValidationError
from veil.wire.anthropic import (
    ChatToMessagesStream,
    CountTokensRequest,
    MessagesRequest,
    TranslationError,
    error_type_for,
    message_from_chat,
    messages_to_chat,
)
from veil.wire.openai import ChatCompletionRequest

from . import fields_messages as _rules  # noqa: F401 - registers the "messages" field rules
from .privacy import Conversation, TextPipe, _map_keys, _map_strings, output_scan_window
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .typed_sse import batch, primed, reframe
from .upstream import Body, Upstream


def _speaks_messages(upstream: Upstream) -> bool:
    return bool(getattr(upstream, "speaks_messages", False))


def _to_chat(body: Body) -> Body:
    try:
        return messages_to_chat(body)
    except TranslationError as e:
        raise RequestValidationError(f"{e}; this upstream takes text, images and tools") from None


def restore_message(conv: Conversation, data: Body) -> Body:
    out = copy.deepcopy(data)
    cut = out.get("stop_reason") == "max_tokens"
    for block in out.get("content") or []:
        if not isinstance(block, dict):
            continue
        typ = block.get("type")
        if typ == "text" and isinstance(block.get("text"), str):
            block["text"] = conv.restore(block["text"], truncated=cut)
        elif typ == "tool_use":
            block["input"] = _map_strings(
                block.get("input"), lambda s: conv.restore_value(s, scan=True))
            if conv.names:
                block["input"] = _map_keys(block["input"], conv.restore_name)
            if isinstance(block.get("name"), str):
                block["name"] = conv.restore_name(block["name"])
        elif typ == "thinking" and isinstance(block.get("thinking"), str):
            block["thinking"] = conv.restore(block["thinking"], truncated=cut)
    return out


class MessagesStreamRestorer:
    """Restores Messages stream events: text and tool-input JSON deltas through one streaming
    pipe per content block; what a pipe still holds goes out before the block's stop event."""

    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._pipes: dict[int, tuple[str, TextPipe]] = {}

    def _tail_event(self, index: int) -> Body | None:
        got = self._pipes.pop(index, None)
        if got is None:
            return None
        kind, pipe = got
        tail = pipe.flush()
        if not tail:
            return None
        delta = ({"type": "text_delta", "text": tail} if kind == "text"
                 else {"type": "input_json_delta", "partial_json": tail})
        return {"type": "content_block_delta", "index": index, "delta": delta}

    def process(self, ev: Body) -> Body | None:
        typ = ev.get("type")
        index = int(ev.get("index", 0)) if isinstance(ev.get("index"), int) else 0
        if typ == "content_block_delta":
            delta = ev.get("delta") or {}
            dtype = delta.get("type")
            field = {"text_delta": "text", "input_json_delta": "partial_json",
                     "thinking_delta": "thinking"}.get(str(dtype))
            if field is None:
                if dtype == "signature_delta":
                    return ev
                other: Body = _map_strings(ev, self._conv.restore_string)
                return other
            kind = "json" if field == "partial_json" else "text"
            if index not in self._pipes:
                window = 0 if kind == "json" else self._window
                self._pipes[index] = (kind, TextPipe(self._conv, window=window,
                                                     json=kind == "json"))
            out = self._pipes[index][1].feed(str(delta.get(field) or ""))
            if not out:
                return None
            delta[field] = out
            return ev
        if typ == "content_block_stop":
            tail = self._tail_event(index)
            return batch([tail, ev] if tail is not None else [ev])
        if typ in ("message_delta", "message_stop", "ping"):
            tails = [t for i in sorted(self._pipes) if (t := self._tail_event(i)) is not None]
            return batch([*tails, ev])
        restored: Body = _map_strings(ev, self._conv.restore_string)
        return restored

    def finish(self) -> Body | None:
        return batch([t for i in sorted(self._pipes) if (t := self._tail_event(i)) is not None])


def anthropic_error_event(err: Body) -> Body:
    """The Messages stream ``error`` event for an OpenAI error body."""
    typ = str(err.get("type") or "")
    known = {"invalid_request_error", "authentication_error", "permission_error",
             "not_found_error", "request_too_large", "rate_limit_error", "overloaded_error"}
    return {"type": "error", "error": {"type": typ if typ in known else "api_error",
                                       "message": err.get("message", "")}}


def anthropic_error_body(status: int, err: Body) -> Body:
    """The Anthropic error JSON for an HTTP status and an OpenAI error body."""
    return {"type": "error",
            "error": {"type": error_type_for(status), "message": err.get("message", "")}}


def _session(state: GatewayState, principal: Principal, body: Body, header: str | None) -> str:
    """Turns of one conversation share a vault session, as chat turns do."""
    try:
        chat = ChatCompletionRequest.model_validate(messages_to_chat(body))
    except (TranslationError, ValueError):
        return state.sessions.for_completion(principal, header)
    return state.sessions.for_chat(principal, chat, header)


async def _forward(upstream: Upstream, body: Body) -> Body:
    if _speaks_messages(upstream):
        data: Body = await upstream.messages(body)  # type: ignore[attr-defined]
        return data
    return message_from_chat(str(body.get("model", "")), await upstream.chat(_to_chat(body)))


def _forward_stream(upstream: Upstream, body: Body) -> AsyncIterator[Body]:
    if _speaks_messages(upstream):
        events: AsyncIterator[Body] = upstream.stream_messages(body)  # type: ignore[attr-defined]
        return events
    translator = ChatToMessagesStream(str(body.get("model", "")))
    return primed(upstream.stream_chat(_to_chat(body)), translator.feed, translator.start,
                  translator.finish)


MESSAGES = Endpoint(
    name="messages",
    protect=lambda conv, body: conv.protect_request("messages", body),
    forward=_forward,
    forward_stream=_forward_stream,
    restore=restore_message,
    stream_restorer=MessagesStreamRestorer,
)


async def create_message(
    state: GatewayState, req: MessagesRequest, principal: Principal, session_header: str | None
) -> Body | AsyncIterator[bytes]:
    """A restored Messages answer, or (``stream: true``) an iterator of typed SSE bytes."""
    started = time.perf_counter()
    body = req.wire()
    session = _session(state, principal, body, session_header)
    result = await serve(
        state, MESSAGES, principal, session, body, stream=req.stream, started=started,
        log_detail=f"messages={len(req.messages)} ",
    )
    if isinstance(result, dict):
        return result
    return reframe(result, error_event=anthropic_error_event)


_WORDS = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def estimate_tokens(body: Body) -> int:
    """An estimate for upstreams without a token counter: words and punctuation of every
    string in the (masked) request, plus a few tokens per message for the chat template."""
    n = 0

    def count(s: str) -> str:
        nonlocal n
        n += sum(max(1, math.ceil(len(w) / 4)) for w in _WORDS.findall(s))
        return s

    _map_strings({k: v for k, v in body.items() if k != "model"}, count)
    return n + 4 * len(body.get("messages") or []) + 3


async def _count(upstream: Upstream, body: Body) -> Body:
    if _speaks_messages(upstream):
        data: Body = await upstream.count_tokens(body)  # type: ignore[attr-defined]
        return data
    return {"input_tokens": estimate_tokens(body)}


COUNT_TOKENS = Endpoint(
    name="messages.count_tokens",
    protect=lambda conv, body: conv.protect_request("messages.count_tokens", body),
    forward=_count,
    forward_stream=lambda upstream, body: _no_stream(),
    restore=lambda conv, data: data,
    stream_restorer=MessagesStreamRestorer,
)


async def _no_stream() -> AsyncIterator[Body]:  # pragma: no cover - count_tokens never streams
    raise RequestValidationError("count_tokens does not stream")
    yield {}


async def count_tokens(
    state: GatewayState, req: CountTokensRequest, principal: Principal, session_header: str | None
) -> Body:
    """``{"input_tokens": N}`` for the masked request (the upstream's count, or an estimate)."""
    started = time.perf_counter()
    body = req.wire()
    session = state.sessions.for_completion(principal, session_header)
    result = await serve(state, COUNT_TOKENS, principal, session, body, stream=False,
                         started=started)
    assert isinstance(result, dict)  # nosec B101 # an internal invariant, not a security check
    return {"input_tokens": int(result.get("input_tokens") or 0)}


__all__ = [
    "MessagesStreamRestorer",
    "anthropic_error_body",
    "anthropic_error_event",
    "count_tokens",
    "create_message",
    "estimate_tokens",
    "restore_message",
]
