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
from .answer_scan import scan_rest
from .errors import UpstreamProtocolError
from .privacy import (
    Conversation,
    JoinedParts,
    TextPipe,
    _map_strings,
    output_scan_window,
)
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .typed_sse import HeldEvents, batch, primed, reframe
from .upstream import Body, Upstream
from .upstream_events import event_index, event_type


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
    blocks = [b for b in out.get("content") or [] if isinstance(b, dict)]
    # a client shows the text blocks as one text (and the thinking blocks as another)
    for kind in ("text", "thinking"):
        joined = [b for b in blocks if b.get("type") == kind and isinstance(b.get(kind), str)]
        for b, text in zip(joined, conv.restore_parts([b[kind] for b in joined], truncated=cut),
                           strict=True):
            b[kind] = text
    for block in blocks:
        typ = block.get("type")
        if typ == "tool_use":
            block["input"] = conv.restore_json(block.get("input"))
            if isinstance(block.get("name"), str):
                block["name"] = conv.restore_name(block["name"])
        # Everything else a block carries (a text block's citations, a server tool's result)
        # restored as a stream restores its events (MessagesStreamRestorer._other): whole
        # answers kept the placeholders where the same answer streamed got the originals.
        done = _RESTORED_KEYS.get(typ, ()) if isinstance(typ, str) else ()
        for key, value in block.items():
            if key != "type" and key not in done:
                block[key] = _map_strings(value, conv.restore_string)
    if isinstance(out.get("stop_sequence"), str):
        out["stop_sequence"] = conv.restore_string(out["stop_sequence"])
    scan = conv.term_scan()
    if scan is not None:  # its id, stop reason, a field of the upstream's own
        scan_rest(out, scan, skip=("content", "stop_sequence", "usage", "type"))
    return out


#: The keys of a block that :func:`restore_message` restores by their own rule.
_RESTORED_KEYS = {"text": ("text",), "thinking": ("thinking",), "tool_use": ("input", "name")}


class MessagesStreamRestorer:
    """Restores Messages stream events: the text blocks through one pipe (a client shows them
    as one text, so one URL guard reads them all), the thinking blocks through another, each
    tool input's JSON deltas through its own; what a pipe still holds goes out before the
    block's stop event. An event that is not shaped as Anthropic sends it -- a type that is
    no event name, an index that is no integer, a ``message_start`` that already holds
    content, blocks interleaved -- stops the stream (:mod:`.upstream_events`)."""

    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        window = self._window = output_scan_window(conv.core, conv.tenant)
        self._joined = {"text": JoinedParts(conv, window=window),
                        "thinking": JoinedParts(conv, window=window)}
        self._json: dict[int, TextPipe] = {}
        self._kinds: dict[int, str] = {}  # open block -> "text" | "thinking" | "json"
        self._held = HeldEvents()
        #: the kind of the block that began last: only its parts hold the stream back (a
        #: thinking block's end does not hold the text blocks after it)
        self._last: str | None = None
        if not window:  # nothing is held back: each event goes through as restored
            self.process = self._process  # type: ignore[method-assign]

    def _kind(self, index: int, kind: str) -> None:
        if self._kinds.setdefault(index, kind) != kind:
            raise UpstreamProtocolError(
                "the upstream LLM sent a delta of another kind than its content block; the "
                "stream was stopped")

    def _tail_event(self, index: int) -> Body | None:
        kind = self._kinds.pop(index, None)
        if kind is None:
            return None
        if kind == "json":
            tail = self._json.pop(index).flush()
            delta: Body = {"type": "input_json_delta", "partial_json": tail}
        else:
            tail = self._joined[kind].close(index)
            delta = {"type": f"{kind}_delta", kind: tail}
        if not tail:
            return None
        return {"type": "content_block_delta", "index": index, "delta": delta}

    def _other(self, ev: Body) -> Body:
        out: Body = _map_strings(ev, self._conv.restore_string)
        out["type"] = ev["type"]  # a name, never restored
        return out

    def process(self, ev: Body) -> Body | None:
        out = self._process(ev)
        # a block's end that may begin a term the next block ends waits, with its stop event
        # and what follows, until that block shows more (or the message stops)
        last = self._joined.get(self._last) if self._last is not None else None
        holding = last is not None and last.holding and event_type(ev) != "message_stop"
        return self._held.send(out, holding)

    def _process(self, ev: Body) -> Body | None:
        typ = event_type(ev)
        if typ == "message_start":
            msg = ev.get("message")
            if isinstance(msg, dict) and msg.get("content"):
                # the SDKs append the blocks after it to this content, which no guard read
                raise UpstreamProtocolError(
                    "the upstream LLM's message_start already held content; the stream was "
                    "stopped")
            return self._other(ev)
        if typ == "content_block_start":
            index = event_index(ev, "index")
            block = ev.get("content_block")
            kind = block.get("type") if isinstance(block, dict) else None
            self._last = kind if isinstance(kind, str) else None
            if isinstance(block, dict) and isinstance(kind, str) and kind in self._joined:
                self._kind(index, kind)
                opening = block.get(kind)
                text = self._joined[kind].feed(index, opening if isinstance(opening, str) else "")
                return {**self._other({k: v for k, v in ev.items() if k != "content_block"}),
                        "content_block": {**self._other(
                            {k: v for k, v in block.items() if k != kind}), kind: text}}
            return self._other(ev)
        if typ == "content_block_delta":
            index = event_index(ev, "index")
            delta = ev.get("delta") or {}
            dtype = delta.get("type")
            if dtype in ("text_delta", "thinking_delta"):
                kind = str(dtype)[: -len("_delta")]
                self._kind(index, kind)
                out = self._joined[kind].feed(index, str(delta.get(kind) or ""))
                if not out:
                    return None
                delta[kind] = out
                return ev
            if dtype == "input_json_delta":
                self._kind(index, "json")
                if index not in self._json:
                    # scanned for redacted terms as a whole tool_use input is
                    self._json[index] = TextPipe(self._conv, window=self._window, json=True)
                out = self._json[index].feed(str(delta.get("partial_json") or ""))
                if not out:
                    return None
                delta["partial_json"] = out
                return ev
            if dtype == "signature_delta":
                return ev
            return self._other(ev)
        if typ == "content_block_stop":
            tail = self._tail_event(event_index(ev, "index"))
            return batch([tail, ev] if tail is not None else [ev])
        if typ in ("message_delta", "message_stop", "ping"):
            tails = [t for i in sorted(self._kinds) if (t := self._tail_event(i)) is not None]
            # message_delta's stop_sequence is one the request sent, masked: the caller's again
            return batch([*tails, self._other(ev) if typ == "message_delta" else ev])
        return self._other(ev)

    def finish(self) -> Body | None:
        return self._held.send(
            batch([t for i in sorted(self._kinds) if (t := self._tail_event(i)) is not None]),
            holding=False)


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
