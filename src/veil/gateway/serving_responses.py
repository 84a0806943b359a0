"""The Responses API (``POST /v1/responses``, ``GET``/``DELETE /v1/responses/{id}``).

A request is masked with the closed-world rules of :mod:`.fields_responses`, then either
forwarded to an upstream that has its own ``/responses`` (``responses_api: true``), or
translated to chat completions (:mod:`veil.wire.responses`) for every other upstream. The
answer -- whole, or as typed stream events -- is restored before the caller sees it.

``previous_response_id``: Veil keeps the masked chain, the vault session and the restoration
scope of each response (:mod:`.response_store`), bound to the principal that created it. A
follow-up continues the same vault session, and its answer may restore the values of the whole
chain -- of this principal only. Where the upstream keeps no state of its own, Veil replays the
masked chain; where Veil cannot (an id it does not know, a chain longer than it keeps), the
request is refused with a clear error.
"""

from __future__ import annotations

import copy
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread

from veil.errors import NotFoundError, RequestValidationError
from veil.wire.errors import ErrorDetail
from veil.wire.openai import ChatCompletionRequest
from veil.wire.responses import (
    TERMINAL_EVENTS,
    ChatToResponsesStream,
    ResponsesRequest,
    TranslationError,
    input_items,
    new_response_id,
    output_history,
    request_to_chat,
    response_from_chat,
)

from . import fields_responses as _rules  # noqa: F401 - registers the "responses" field rules
from .errors import UpstreamStatusError
from .privacy import Conversation, TextPipe, _map_strings, output_scan_window
from .response_store import MAX_HISTORY_ITEMS, ResponseRecord, ResponseStore, store_for
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .typed_sse import batch, primed, reframe
from .upstream import Body, OpenAIUpstream, Upstream

_NOT_FOUND = (
    "no response with this id: it is unknown, expired, deleted, was created with store=false, "
    "or belongs to another API key"
)


def _native(upstream: Upstream) -> bool:
    return isinstance(upstream, OpenAIUpstream) and upstream.responses_api


def _refuse_unsupported(body: Body) -> None:
    if body.get("background"):
        raise RequestValidationError(
            "background responses are not supported through Veil (answers are restored as "
            "they arrive); send background=false"
        )
    if body.get("conversation") is not None:
        raise RequestValidationError(
            "conversation objects keep text at the upstream outside Veil's scope; chain turns "
            "with previous_response_id instead"
        )
    if body.get("prompt") is not None:
        raise RequestValidationError(
            "stored prompt templates are not supported through Veil; send instructions and "
            "input instead"
        )


# --- restoring ------------------------------------------------------------------------------------


def _restore_item(conv: Conversation, item: Any, *, cut: bool = False) -> Any:
    if not isinstance(item, dict):
        return item
    typ = item.get("type")
    if typ == "function_call" and isinstance(item.get("arguments"), str):
        item["arguments"] = conv.restore_arguments(item["arguments"], truncated=cut)
        if isinstance(item.get("name"), str):
            item["name"] = conv.restore_name(item["name"])
        return item
    if typ == "message":
        for part in item.get("content") or []:
            if not isinstance(part, dict):
                continue
            for key in ("text", "refusal"):
                if isinstance(part.get(key), str):
                    part[key] = conv.restore(part[key], truncated=cut)
            if "logprobs" in part:
                part["logprobs"] = []  # their tokens are fragments of placeholders
        return item
    return _map_strings(item, conv.restore_string)


def restore_response(conv: Conversation, data: Body, *, output: dict[int, Body] | None = None
                     ) -> Body:
    """The caller's view of a (masked) response object: output and echoed fields restored.
    ``output``: items already restored while streaming (by output index)."""
    out = copy.deepcopy(data)
    cut = out.get("status") == "incomplete"
    items = out.get("output")
    if isinstance(items, list):
        out["output"] = [
            (output or {}).get(i) or _restore_item(conv, item, cut=cut)
            for i, item in enumerate(items)
        ]
    for key in ("instructions", "tools", "metadata", "text", "error", "incomplete_details"):
        if out.get(key) is not None:
            out[key] = _map_strings(out[key], conv.restore)
    if isinstance(out.get("output_text"), str):
        out["output_text"] = conv.restore(out["output_text"], truncated=cut)
    return out


class ResponsesStreamRestorer:
    """Restores typed Responses events: text and argument deltas through one streaming pipe
    per part / call (placeholders split across deltas are held back, never sent in halves);
    ``done`` events and the final response carry exactly the text the deltas spelled."""

    def __init__(self, conv: Conversation, on_complete: Callable[[Body], None]) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._on_complete = on_complete
        self._pipes: dict[tuple[str, int, int], TextPipe] = {}
        self._text: dict[tuple[str, int, int], str] = {}
        self._items: dict[int, Body] = {}
        self._last: Body | None = None

    def _pipe(self, key: tuple[str, int, int]) -> TextPipe:
        if key not in self._pipes:
            window = 0 if key[0] == "arguments" else self._window
            self._pipes[key] = TextPipe(self._conv, window=window, json=key[0] == "arguments")
            self._text.setdefault(key, "")
        return self._pipes[key]

    def _feed(self, key: tuple[str, int, int], text: str) -> str:
        out = self._pipe(key).feed(text)
        self._text[key] += out
        return out

    def _flush(self, key: tuple[str, int, int]) -> str:
        pipe = self._pipes.pop(key, None)
        if pipe is None:
            return ""
        out = pipe.flush()
        self._text[key] += out
        return out

    @staticmethod
    def _key(kind: str, ev: Body) -> tuple[str, int, int]:
        return kind, int(ev.get("output_index", 0)), int(ev.get("content_index", 0))

    def process(self, ev: Body) -> Body | None:
        typ = ev.get("type")
        out: list[Body] = []
        delta_kinds = {
            "response.output_text.delta": "text",
            "response.refusal.delta": "refusal",
            "response.function_call_arguments.delta": "arguments",
        }
        done_kinds = {
            "response.output_text.done": ("text", "text"),
            "response.refusal.done": ("refusal", "refusal"),
            "response.function_call_arguments.done": ("arguments", "arguments"),
        }
        if typ in delta_kinds:
            d = self._feed(self._key(delta_kinds[typ], ev), str(ev.get("delta") or ""))
            if d:
                ev["delta"] = d
                if "logprobs" in ev:
                    ev["logprobs"] = []
                out.append(ev)
        elif typ in done_kinds:
            kind, field_name = done_kinds[typ]
            key = self._key(kind, ev)
            if key in self._text or key in self._pipes:
                tail = self._flush(key)
                if tail:
                    extra: Body = {k: ev[k] for k in ("item_id", "output_index",
                                                      "content_index") if k in ev}
                    delta_type = typ.replace(".done", ".delta")
                    out.append({"type": delta_type, **extra, "delta": tail,
                                **({"logprobs": []} if kind == "text" else {})})
                ev[field_name] = self._text[key]
            elif isinstance(ev.get(field_name), str):
                restore = (self._conv.restore_arguments if kind == "arguments"
                           else self._conv.restore)
                ev[field_name] = restore(ev[field_name])
            if "logprobs" in ev:
                ev["logprobs"] = []
            out.append(ev)
        elif typ == "response.content_part.done":
            part = ev.get("part")
            if isinstance(part, dict):
                name = "refusal" if part.get("type") == "refusal" else "text"
                key = self._key(name, ev)
                if key in self._text:
                    part[name] = self._text[key]
                elif isinstance(part.get(name), str):
                    part[name] = self._conv.restore(part[name])
                if "logprobs" in part:
                    part["logprobs"] = []
            out.append(ev)
        elif typ == "response.output_item.done":
            i = int(ev.get("output_index", 0))
            item = ev.get("item")
            if isinstance(item, dict):
                item = self._restored_item(i, item)
                self._items[i] = item
                ev["item"] = item
            out.append(ev)
        elif typ in TERMINAL_EVENTS:
            response = ev.get("response")
            if isinstance(response, dict):
                self._on_complete(copy.deepcopy(response))
                ev["response"] = restore_response(self._conv, response, output=self._items)
            out.append(ev)
        elif typ in ("response.created", "response.in_progress"):
            if isinstance(ev.get("response"), dict):
                ev["response"] = restore_response(self._conv, ev["response"])
            out.append(ev)
        else:
            out.append(_map_strings(ev, self._conv.restore_string))
        self._last = ev
        return batch(out)

    def _restored_item(self, i: int, item: Body) -> Body:
        item = copy.deepcopy(item)
        if item.get("type") == "function_call":
            key = ("arguments", i, 0)
            if key in self._text:
                self._flush(key)
                item["arguments"] = self._text[key]
                if isinstance(item.get("name"), str):
                    item["name"] = self._conv.restore_name(item["name"])
                return item
        elif item.get("type") == "message":
            for ci, part in enumerate(item.get("content") or []):
                if not isinstance(part, dict):
                    continue
                name = "refusal" if part.get("type") == "refusal" else "text"
                key = (name, i, ci)
                if key in self._text:
                    self._flush(key)
                    part[name] = self._text[key]
                elif isinstance(part.get(name), str):
                    part[name] = self._conv.restore(part[name])
                if "logprobs" in part:
                    part["logprobs"] = []
            return item
        return dict(_restore_item(self._conv, item))

    def finish(self) -> Body | None:
        """Text still held back when the upstream stopped without closing its parts."""
        out: list[Body] = []
        for key in sorted(self._pipes):
            tail = self._flush(key)
            if tail:
                kind, oi, ci = key
                name = {"text": "response.output_text.delta",
                        "refusal": "response.refusal.delta",
                        "arguments": "response.function_call_arguments.delta"}[kind]
                out.append({"type": name, "output_index": oi, "content_index": ci,
                            "delta": tail})
        return batch(out)


# --- forwarding ----------------------------------------------------------------------------------


def _raise_event_error(ev: Body) -> Body:
    """A native stream's ``error`` / ``response.failed`` event as an upstream error."""
    typ = ev.get("type")
    if typ == "error":
        detail = ErrorDetail(message=str(ev.get("message") or "upstream stream error"),
                             type="upstream_error",
                             code=ev.get("code") if isinstance(ev.get("code"), str) else None)
        raise UpstreamStatusError(502, detail)
    if typ == "response.failed":
        err = (ev.get("response") or {}).get("error") or {}
        detail = ErrorDetail(message=str(err.get("message") or "the upstream response failed"),
                             type="upstream_error",
                             code=err.get("code") if isinstance(err.get("code"), str) else None)
        raise UpstreamStatusError(502, detail)
    return ev


@dataclass
class _Flow:
    """One request's journey: what the walker produced and what must be stored after."""

    state: GatewayState
    principal: Principal
    store: ResponseStore
    prev: ResponseRecord | None
    response_id: str = field(default_factory=new_response_id)
    conv: Conversation | None = None
    masked: Body = field(default_factory=dict)

    @property
    def native(self) -> bool:
        return _native(self.state.upstream)

    def protect(self, conv: Conversation, body: Body) -> Body:
        self.conv = conv
        if self.prev is not None:
            conv.scope.update(self.prev.scope)  # the chain's values may come back
        self.masked = conv.protect_request("responses", body)
        return self.masked

    def _history(self) -> list[Body]:
        return list(self.prev.history) if self.prev is not None else []

    def upstream_body(self) -> Body:
        """The masked request as the native upstream gets it: its own previous_response_id
        where it kept that response, else the chain replayed as input."""
        body = dict(self.masked)
        if self.prev is not None and not self.prev.upstream_stored:
            body.pop("previous_response_id", None)
            body["input"] = self._history() + input_items(self.masked)
        return body

    def chat_body(self) -> Body:
        try:
            return request_to_chat(self.masked, self._history())
        except TranslationError as e:
            raise RequestValidationError(str(e)) from None

    def save(self, masked_response: Body) -> None:
        """Keep the masked chain (runs in a worker thread after the answer is complete)."""
        if self.masked.get("store") is False or self.conv is None:
            return
        rid = str(masked_response.get("id") or self.response_id)
        history = output_history(self._history() + input_items(self.masked), masked_response)
        truncated = len(history) > MAX_HISTORY_ITEMS or bool(
            self.prev is not None and self.prev.truncated
        )
        self.store.put(ResponseRecord(
            id=rid,
            tenant=self.principal.tenant.name,
            principal=self.principal.id,
            session=self.conv.session,
            scope=sorted(self.conv.scope),
            history=history,
            response=masked_response,
            upstream_stored=self.native and self.masked.get("store") is not False,
            truncated=truncated,
        ))

    async def forward(self, upstream: Upstream, body: Body) -> Body:
        if self.native:
            assert isinstance(upstream, OpenAIUpstream)  # nosec B101 # an internal invariant, not a security check
            data = await upstream.post("/responses", self.upstream_body())
        else:
            chat = await upstream.chat(self.chat_body())
            data = response_from_chat(self.masked, chat, id=self.response_id)
        return data

    def restore(self, conv: Conversation, data: Body) -> Body:
        self.save(copy.deepcopy(data))
        return restore_response(conv, data)

    def forward_stream(self, upstream: Upstream, body: Body) -> AsyncIterator[Body]:
        if self.native:
            assert isinstance(upstream, OpenAIUpstream)  # nosec B101 # an internal invariant, not a security check
            return _checked(upstream.stream_events(
                "/responses", self.upstream_body(),
                until=lambda ev: ev.get("type") in TERMINAL_EVENTS,
            ))
        translator = ChatToResponsesStream(self.masked, id=self.response_id)
        return primed(upstream.stream_chat(self.chat_body()), translator.feed,
                      translator.start, translator.finish)

    def stream_restorer(self, conv: Conversation) -> ResponsesStreamRestorer:
        return ResponsesStreamRestorer(conv, self.save)


async def _checked(events: AsyncIterator[Body]) -> AsyncIterator[Body]:
    async for ev in events:
        yield _raise_event_error(ev)


def responses_error_event(err: Body) -> Body:
    """The Responses stream ``error`` event for an OpenAI error body."""
    return {"type": "error", "code": err.get("code"), "message": err.get("message", ""),
            "param": err.get("param")}


def _session(state: GatewayState, principal: Principal, body: Body, header: str | None) -> str:
    """Turns of one client-side history share a vault session, as chat turns do."""
    try:
        chat = ChatCompletionRequest.model_validate(request_to_chat(body))
    except (TranslationError, ValueError):
        return state.sessions.for_completion(principal, header)
    return state.sessions.for_chat(principal, chat, header)


def _check_item_references(body: Body, prev: ResponseRecord | None) -> None:
    """An ``item_reference`` names an item the upstream keeps, under the one account every key
    shares: forwarded unchecked, a key could pull another key's item into its conversation.
    So only items of the chain named by ``previous_response_id`` -- this key's own stored
    responses -- may be referenced; any other id is answered like an unknown response."""
    items = body.get("input")
    if not isinstance(items, list):
        return
    known = {str(i.get("id")) for i in (prev.history if prev is not None else [])
             if isinstance(i, dict) and i.get("id") is not None}
    for n, item in enumerate(items):
        if isinstance(item, dict) and item.get("type") == "item_reference" and (
            str(item.get("id")) not in known
        ):
            raise NotFoundError(
                f"input[{n}] is an item_reference to an item of no response of this API key's "
                "chain; send the item itself, or continue the response that produced it with "
                "previous_response_id"
            )


async def create_response(
    state: GatewayState,
    req: ResponsesRequest,
    principal: Principal,
    session_header: str | None,
) -> Body | AsyncIterator[bytes]:
    """A restored ``response`` object, or (``stream: true``) an iterator of typed SSE bytes."""
    started = time.perf_counter()
    body = req.wire()
    _refuse_unsupported(body)
    store = store_for(state.core)
    prev: ResponseRecord | None = None
    prev_id = body.get("previous_response_id")
    if prev_id is not None:
        prev = await to_thread.run_sync(store.get, principal.tenant.name, principal.id,
                                        str(prev_id))
        if prev is None:
            raise NotFoundError(f"previous_response_id: {_NOT_FOUND}")
        if prev.truncated and not (_native(state.upstream) and prev.upstream_stored):
            raise RequestValidationError(
                "previous_response_id: this chain is longer than Veil keeps and the upstream "
                "keeps no state; send the conversation as input instead"
            )
        session = prev.session
    else:
        session = _session(state, principal, body, session_header)
    _check_item_references(body, prev)
    flow = _Flow(state, principal, store, prev)
    endpoint = Endpoint(
        name="responses",
        protect=flow.protect,
        forward=flow.forward,
        forward_stream=flow.forward_stream,
        restore=flow.restore,
        stream_restorer=flow.stream_restorer,
    )
    items = body.get("input")
    result = await serve(
        state, endpoint, principal, session, body, stream=req.stream, started=started,
        log_detail=f"items={len(items) if isinstance(items, list) else 1} ",
    )
    if isinstance(result, dict):
        return result
    return reframe(result, error_event=responses_error_event, number=True)


async def _owned(state: GatewayState, principal: Principal, response_id: str) -> ResponseRecord:
    rec = await to_thread.run_sync(
        store_for(state.core).get, principal.tenant.name, principal.id, response_id
    )
    if rec is None:
        raise NotFoundError(_NOT_FOUND)
    return rec


async def get_response(state: GatewayState, principal: Principal, response_id: str) -> Body:
    """The stored response, restored for the principal that created it."""
    rec = await _owned(state, principal, response_id)

    def restore() -> Body:
        conv = Conversation(state.core, rec.tenant, rec.session, principal=rec.principal)
        conv.scope.update(rec.scope)
        return restore_response(conv, rec.response)

    return await to_thread.run_sync(restore)


#: What ``GET /v1/responses/{id}/input_items`` returns at most per page (OpenAI's bounds).
INPUT_ITEMS_LIMIT = (1, 100)


def _restore_input_item(conv: Conversation, item: Body, item_id: str) -> Body:
    """One input item in the shape the Responses API lists it: an id, and a message's text as
    ``input_text`` parts (a string content is how the caller may have sent it)."""
    out = copy.deepcopy(item)
    out.setdefault("id", item_id)
    if out.get("type", "message") == "message" and isinstance(out.get("content"), str):
        out["type"] = "message"
        role = out.get("role")
        kind = "output_text" if role == "assistant" else "input_text"
        out["content"] = [{"type": kind, "text": out["content"]}]
    restored: Body = _restore_item(conv, out)
    return restored


async def list_input_items(
    state: GatewayState,
    principal: Principal,
    response_id: str,
    *,
    limit: int = 20,
    order: str = "desc",
    after: str | None = None,
) -> Body:
    """The input items of a stored response (the chain it continued included), restored for
    the principal that created it, one page at a time."""
    lo, hi = INPUT_ITEMS_LIMIT
    if not lo <= limit <= hi:
        raise RequestValidationError(f"limit must be between {lo} and {hi}")
    if order not in ("asc", "desc"):
        raise RequestValidationError("order must be 'asc' or 'desc'")
    rec = await _owned(state, principal, response_id)
    # The record's history ends with this turn's replayable output items; the rest was input.
    n_out = len(output_history([], rec.response))
    inputs = rec.history[: max(0, len(rec.history) - n_out)]

    def restore() -> list[Body]:
        conv = Conversation(state.core, rec.tenant, rec.session, principal=rec.principal)
        conv.scope.update(rec.scope)
        return [_restore_input_item(conv, item, f"{response_id}_in_{i}")
                for i, item in enumerate(inputs)]

    items = await to_thread.run_sync(restore)
    if order == "desc":
        items.reverse()
    if after is not None:
        ids = [i.get("id") for i in items]
        if after not in ids:
            raise RequestValidationError("after names no item of this response")
        items = items[ids.index(after) + 1 :]
    page = items[:limit]
    return {
        "object": "list",
        "data": page,
        "first_id": page[0]["id"] if page else None,
        "last_id": page[-1]["id"] if page else None,
        "has_more": len(items) > limit,
    }


async def delete_response(state: GatewayState, principal: Principal, response_id: str) -> Body:
    rec = await _owned(state, principal, response_id)
    upstream = state.upstream
    if rec.upstream_stored and _native(upstream):
        assert isinstance(upstream, OpenAIUpstream)  # nosec B101 # an internal invariant, not a security check
        try:
            await upstream.delete(f"/responses/{response_id}")
        except UpstreamStatusError as e:
            if e.status != 404:
                raise
    await to_thread.run_sync(
        store_for(state.core).delete, principal.tenant.name, principal.id, response_id
    )
    return {"id": response_id, "object": "response", "deleted": True}

__all__ = [
    "ResponsesStreamRestorer",
    "create_response",
    "delete_response",
    "get_response",
    "list_input_items",
    "responses_error_event",
    "restore_response",
]
