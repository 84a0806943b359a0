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
from veil.wire.errors import parse_error
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
from .answer_scan import scan_rest
from .errors import UpstreamStatusError
from .privacy import Conversation, JoinedParts, _map_strings, _once, output_scan_window
from .response_store import MAX_HISTORY_ITEMS, ResponseRecord, ResponseStore, store_for
from .serving import Endpoint, serve
from .state import GatewayState
from .tenants import Principal
from .typed_sse import HeldEvents, batch, primed, reframe, unbatch
from .upstream import Body, OpenAIUpstream, Upstream
from .upstream_events import event_index, event_type

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


def _restore_item(conv: Conversation, item: Any, *, cut: bool = False,
                  texts: dict[int, str] | None = None) -> Any:
    """One output item restored; ``texts``: its ``output_text`` parts, already restored with
    the rest of the answer's text (see :func:`restore_response`)."""
    if not isinstance(item, dict):
        return item
    typ = item.get("type")
    if typ == "function_call" and isinstance(item.get("arguments"), str):
        item["arguments"] = conv.restore_arguments(item["arguments"], truncated=cut)
        if isinstance(item.get("name"), str):
            item["name"] = conv.restore_name(item["name"])
        return item
    if typ == "message":
        if texts is None:  # the item alone: its own output_text parts are one text
            own = _output_texts([item], {})
            texts = {ci: text for (_, ci, _), text in zip(
                own, conv.restore_parts([t for _, _, t in own], truncated=cut, answer=True),
                strict=True)}
        for ci, part in enumerate(item.get("content") or []):
            if not isinstance(part, dict):
                continue
            if ci in texts:
                part["text"] = texts[ci]
            else:
                for key in ("text", "refusal"):
                    if isinstance(part.get(key), str):
                        part[key] = conv.restore(part[key], truncated=cut)
            if "logprobs" in part:
                part["logprobs"] = []  # their tokens are fragments of placeholders
            _restore_annotations(conv, part)
        return item
    if typ == "reasoning":
        for key in ("summary", "content"):
            parts = [p for p in item.get(key) or [] if isinstance(p, dict)
                     and isinstance(p.get("text"), str)]
            for p, text in zip(parts, conv.restore_parts([p["text"] for p in parts],
                                                         truncated=cut), strict=True):
                p["text"] = text
        return item
    return _map_strings(item, conv.restore_string)


def _restore_annotations(conv: Conversation, part: Body) -> None:
    """A part's annotations (``url_citation``: a link and its title) restored as a stream's
    annotation events are (:meth:`Conversation.restore_string`: a ``url`` is one value, so a
    value never lands in it); they kept every placeholder where the events had originals."""
    if isinstance(part.get("annotations"), list):
        part["annotations"] = _map_strings(part["annotations"], conv.restore_string)


def _output_texts(items: list[Any], skip: dict[int, Body]) -> list[tuple[int, int, str]]:
    """(item, part, text) of every ``output_text`` part of the message items not in ``skip``,
    in the order the OpenAI SDK joins them into ``output_text``."""
    return [(i, ci, part["text"]) for i, item in enumerate(items)
            if i not in skip and isinstance(item, dict) and item.get("type") == "message"
            for ci, part in enumerate(item.get("content") or [])
            if isinstance(part, dict) and part.get("type") == "output_text"
            and isinstance(part.get("text"), str)]


def restore_response(conv: Conversation, data: Body, *, output: dict[int, Body] | None = None
                     ) -> Body:
    """The caller's view of a (masked) response object: output and echoed fields restored.
    ``output``: items already restored while streaming (by output index). The output_text
    parts are restored as the one text the SDK joins them into."""
    out = copy.deepcopy(data)
    cut = out.get("status") == "incomplete"
    items = out.get("output")
    if isinstance(items, list):
        done = output or {}
        parts = _output_texts(items, done)
        texts: dict[int, dict[int, str]] = {}
        for (i, ci, _), text in zip(parts, conv.restore_parts(
                [t for _, _, t in parts], truncated=cut, answer=True), strict=True):
            texts.setdefault(i, {})[ci] = text
        out["output"] = [
            done.get(i) or _restore_item(conv, item, cut=cut, texts=texts.get(i, {}))
            for i, item in enumerate(items)
        ]
    for key in ("instructions", "tools", "metadata", "text", "error", "incomplete_details"):
        if out.get(key) is not None:
            out[key] = _map_strings(out[key], conv.restore_string)
    if isinstance(out.get("output_text"), str):
        out["output_text"] = conv.restore_text(out["output_text"], truncated=cut)
    scan = conv.term_scan()
    if scan is not None:  # its id, status, an item's id, a field of the upstream's own
        scan_rest(out, scan, skip=_RESTORED_FIELDS)
        for item in out.get("output") or []:  # other items were read string by string
            if isinstance(item, dict) and item.get("type") in _READ_ITEMS:
                scan_rest(item, scan, skip=_RESTORED_ITEM_FIELDS)
    return out


#: A response's fields restored above (or numbers), and an output item's.
_RESTORED_FIELDS = ("output", "instructions", "tools", "metadata", "text", "error",
                    "incomplete_details", "output_text", "usage", "object")
_RESTORED_ITEM_FIELDS = ("content", "summary", "arguments", "name", "type")
_READ_ITEMS = ("message", "function_call", "reasoning")


#: Delta events of the parts whose text is restored through a pipe, by kind; any other
#: ``*.delta`` event with a text ``delta`` (``response.reasoning_summary_text.delta``...) is
#: its own kind, named after it.
_DELTA_KINDS = {"response.output_text.delta": "text", "response.refusal.delta": "refusal",
                "response.function_call_arguments.delta": "arguments"}
_DELTA_NAMES = {kind: typ for typ, kind in _DELTA_KINDS.items()}
#: The fields of a ``*.done`` event that spell its part's whole text.
_DONE_FIELDS = ("text", "refusal", "arguments", "input", "code", "transcript")
#: Events that close a part or an item, not a text: handled by name.
_CLOSING = frozenset({"response.output_item.done", "response.content_part.done",
                      "response.reasoning_summary_part.done"})
#: Deltas of bytes (base64), passed as they come.
_BINARY_DELTAS = frozenset({"response.audio.delta"})
_Key = tuple[str, int, int]


def _part_kind(part: Body, summary: bool) -> tuple[str, str] | None:
    """(kind, text field) of a content or summary part."""
    if summary:
        return "response.reasoning_summary_text", "text"
    return {"output_text": ("text", "text"), "refusal": ("refusal", "refusal"),
            "reasoning_text": ("response.reasoning_text", "text")}.get(str(part.get("type")))


class ResponsesStreamRestorer:
    """Restores typed Responses events: each part's text through a pipe (placeholders split
    across deltas are held back, never sent in halves); ``done`` events and the final response
    carry exactly the text the deltas spelled.

    The ``output_text`` parts share one pipe, as the SDK joins them into ``output_text``: one
    URL guard reads them all. Text an opening event carries (``response.content_part.added``,
    ``response.output_item.added``) goes through the pipe its deltas follow, since the SDK
    appends the deltas to it. Every other text delta (``response.reasoning_summary_text
    .delta``...) is piped too, by its kind and part: restored event by event, a URL begun in
    one delta kept no value out of the next. An event not shaped as OpenAI sends it (a type
    that is no event name, an index that is no integer, parts interleaved) stops the
    stream; the output of ``response.created`` is dropped (OpenAI sends none there; the
    items follow in their own events)."""

    def __init__(self, conv: Conversation, on_complete: Callable[[Body], None]) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._on_complete = on_complete
        self._channels: dict[tuple[Any, ...], JoinedParts] = {}
        self._text: dict[_Key, str] = {}
        self._where: dict[_Key, Body] = {}  # the index fields of the part's events
        self._items: dict[int, Body] = {}
        self._held = HeldEvents()
        scan = conv.term_scan()
        self._scan_id = _once(scan) if scan is not None else str
        #: the channel fed last: only its parts hold the stream back (a message's end does
        #: not hold the function call after it; an item's arguments are one part)
        self._last: tuple[Any, ...] | None = None
        if not self._window:  # nothing is held back or scanned: each event as restored
            self.process = self._process  # type: ignore[method-assign]

    def _channel(self, key: _Key) -> JoinedParts:
        kind, oi, _ = key
        cid: tuple[Any, ...] = ("text",) if kind == "text" else key if kind == "arguments" \
            else (kind, oi)
        self._last = None if kind == "arguments" else cid
        ch = self._channels.get(cid)
        if ch is None:
            args = kind == "arguments"
            ch = self._channels[cid] = JoinedParts(  # arguments scanned for terms too
                self._conv, window=self._window,
                json=args or (kind == "text" and self._conv.json_output))
        return ch

    @staticmethod
    def _key(kind: str, ev: Body) -> _Key:
        sub = "summary_index" if "summary_index" in ev else "content_index"
        return kind, event_index(ev, "output_index"), event_index(ev, sub)

    def _feed(self, key: _Key, text: str, ev: Body | None = None) -> str:
        if ev is not None and key not in self._where:
            self._where[key] = {k: ev[k] for k in ("item_id", "output_index", "content_index",
                                                   "summary_index") if k in ev}
        out = self._channel(key).feed(key, text)
        self._text[key] = self._text.get(key, "") + out
        return out

    def _flush(self, key: _Key) -> str:
        if key not in self._text:
            return ""
        out = self._channel(key).close(key)
        self._text[key] += out
        return out

    def _tail(self, key: _Key, tail: str) -> Body:
        kind = key[0]
        return {"type": _DELTA_NAMES.get(kind, f"{kind}.delta"), **self._where.get(key, {}),
                "delta": tail, **({"logprobs": []} if kind == "text" else {})}

    def _other(self, ev: Body) -> Body:
        out: Body = _map_strings(ev, self._conv.restore_string)
        out["type"] = ev["type"]  # a name, never restored
        return out

    def _opened_item(self, oi: int, item: Body) -> Body:
        """An item as ``response.output_item.added`` opens it: its texts go through the pipes
        their deltas will follow (all but its last part are closed again)."""
        typ = item.get("type")
        groups: list[tuple[str, list[Any], bool]] = []
        if typ == "message":
            groups = [("content", item.get("content") or [], False)]
        elif typ == "reasoning":
            groups = [("summary", item.get("summary") or [], True),
                      ("content", item.get("content") or [], False)]
        elif typ == "function_call" and isinstance(item.get("arguments"), str):
            out = {**self._other({k: v for k, v in item.items() if k != "arguments"}),
                   "arguments": self._feed(("arguments", oi, 0), item["arguments"],
                                           {"item_id": item.get("id"), "output_index": oi})}
            if isinstance(item.get("name"), str):
                out["name"] = self._conv.restore_name(item["name"])
            return out
        else:
            return dict(_restore_item(self._conv, copy.deepcopy(item)))
        out = self._other({k: v for k, v in item.items() if k not in ("content", "summary")})
        for name, parts, summary in groups:
            restored: list[Any] = []
            for ci, part in enumerate(parts):
                found = _part_kind(part, summary) if isinstance(part, dict) else None
                if found is None or not isinstance(part.get(found[1]), str):
                    restored.append(_map_strings(part, self._conv.restore_string))
                    continue
                kind, field_name = found
                key = (kind, oi, ci)
                where = {"item_id": item.get("id"), "output_index": oi,
                         "summary_index" if summary else "content_index": ci}
                text = self._feed(key, part[field_name], where)
                if ci < len(parts) - 1:
                    text += self._flush(key)
                restored.append({**self._other({k: v for k, v in part.items()
                                                if k != field_name}), field_name: text})
            if name in item:
                out[name] = restored
        return out

    def process(self, ev: Body) -> Body | None:
        out = self._process(ev)
        for sent in unbatch(out) if out is not None else []:
            # the ids every delta repeats, and a finished item's own fields (as whole)
            if isinstance(sent.get("item_id"), str):
                sent["item_id"] = self._scan_id(sent["item_id"])
            item = sent.get("item")
            if isinstance(item, dict) and item.get("type") in _READ_ITEMS:
                scan_rest(item, self._scan_id, skip=_RESTORED_ITEM_FIELDS)
        # a part's end that may begin a term the next part ends waits, with its closing events
        # and what follows, until that part shows more (or the response ends); an item's
        # arguments are one part, nothing is joined to them
        last = self._channels.get(self._last) if self._last is not None else None
        holding = last is not None and last.holding and event_type(ev) not in TERMINAL_EVENTS
        return self._held.send(out, holding)

    def _process(self, ev: Body) -> Body | None:
        typ = event_type(ev)
        out: list[Body] = []
        if typ in ("response.created", "response.in_progress"):
            response = ev.get("response")
            if isinstance(response, dict):
                # The SDK appends the deltas to this output, where no guard would read it:
                # OpenAI sends none here, and the items follow in their own events.
                ev["response"] = restore_response(self._conv, {**response, "output": []})
            out.append(ev)
        elif typ == "response.output_item.added":
            item = ev.get("item")
            if isinstance(item, dict):
                ev["item"] = self._opened_item(event_index(ev, "output_index"), item)
            out.append(ev)
        elif typ in ("response.content_part.added", "response.reasoning_summary_part.added"):
            part = ev.get("part")
            summary = typ == "response.reasoning_summary_part.added"
            found = _part_kind(part, summary) if isinstance(part, dict) else None
            if isinstance(part, dict) and found is not None \
                    and isinstance(part.get(found[1]), str):
                kind, field_name = found
                text = self._feed(self._key(kind, ev), part[field_name], ev)
                ev["part"] = {**self._other({k: v for k, v in part.items() if k != field_name}),
                              field_name: text}
                out.append(ev)
            else:
                out.append(self._other(ev))
        elif typ in _BINARY_DELTAS:
            out.append(ev)  # base64 bytes: no text to restore (nor a pseudonym to find in it)
        elif typ.endswith(".delta") and isinstance(ev.get("delta"), str):
            kind = _DELTA_KINDS.get(typ, typ[: -len(".delta")])
            d = self._feed(self._key(kind, ev), ev["delta"], ev)
            if d:
                ev["delta"] = d
                if "logprobs" in ev:
                    ev["logprobs"] = []
                out.append(ev)
        elif typ.endswith(".done") and typ not in _CLOSING:
            kind = _DELTA_KINDS.get(typ.replace(".done", ".delta"), typ[: -len(".done")])
            key = self._key(kind, ev)
            fields = [f for f in _DONE_FIELDS if isinstance(ev.get(f), str)]
            if key in self._text:
                tail = self._flush(key)
                if tail:
                    out.append(self._tail(key, tail))
                whole = {f: self._text[key] for f in fields}
            elif kind == "arguments":
                whole = {f: self._conv.restore_arguments(ev[f]) for f in fields}
            else:
                whole = {f: self._conv.restore(ev[f]) for f in fields}
            done = {**self._other({k: v for k, v in ev.items() if k not in fields}), **whole}
            if "logprobs" in done:
                done["logprobs"] = []
            out.append(done)
        elif typ == "response.content_part.done":
            part = ev.get("part")
            found = _part_kind(part, False) if isinstance(part, dict) else None
            if isinstance(part, dict) and found is not None:
                key = self._key(found[0], ev)
                tail = self._flush(key)
                if tail:
                    out.append(self._tail(key, tail))
                if key in self._text:
                    part[found[1]] = self._text[key]
                elif isinstance(part.get(found[1]), str):
                    part[found[1]] = self._conv.restore(part[found[1]])
                if "logprobs" in part:
                    part["logprobs"] = []
                _restore_annotations(self._conv, part)
            out.append(ev)
        elif typ == "response.output_item.done":
            i = event_index(ev, "output_index")
            item = ev.get("item")
            if isinstance(item, dict):
                item = self._restored_item(i, item)
                self._items[i] = item
                ev["item"] = item
            for cid, ch in self._channels.items():  # the item's own parts (a summary's) end
                if len(cid) == 2 and cid[1] == i:
                    ch.end()
            out.append(ev)
        elif typ in TERMINAL_EVENTS:
            response = ev.get("response")
            if isinstance(response, dict):
                self._on_complete(copy.deepcopy(response))
                ev["response"] = restore_response(self._conv, response, output=self._items)
            out.append(ev)
        else:
            out.append(self._other(ev))
        return batch(out)

    def _restored_item(self, i: int, item: Body) -> Body:
        item = copy.deepcopy(item)
        typ = item.get("type")
        if typ == "function_call":
            key = ("arguments", i, 0)
            if key in self._text:
                self._flush(key)
                item["arguments"] = self._text[key]
                if isinstance(item.get("name"), str):
                    item["name"] = self._conv.restore_name(item["name"])
                return item
        elif typ in ("message", "reasoning"):
            groups = [("content", False)] if typ == "message" else [("summary", True),
                                                                     ("content", False)]
            for name, summary in groups:
                for ci, part in enumerate(item.get(name) or []):
                    found = _part_kind(part, summary) if isinstance(part, dict) else None
                    if found is None:
                        continue
                    key = (found[0], i, ci)
                    if key in self._text:
                        self._flush(key)
                        part[found[1]] = self._text[key]
                    elif isinstance(part.get(found[1]), str):
                        part[found[1]] = self._conv.restore(part[found[1]])
                    if "logprobs" in part:
                        part["logprobs"] = []
                    _restore_annotations(self._conv, part)
            return item
        return dict(_restore_item(self._conv, item))

    def finish(self) -> Body | None:
        """Text still held back when the upstream stopped without closing its parts."""
        out: list[Body] = []
        for key in sorted(self._text):
            tail = self._flush(key)
            if tail:
                out.append(self._tail(key, tail))
        return self._held.send(batch(out), holding=False)


# --- forwarding ----------------------------------------------------------------------------------


def _raise_event_error(ev: Body, withhold: tuple[str, ...] = ()) -> Body:
    """A native stream's ``error`` / ``response.failed`` event as an upstream error (``withhold``:
    the upstream key, never quoted to the caller)."""
    typ = ev.get("type")
    if typ in ("error", "response.failed"):
        err = ev if typ == "error" else (ev.get("response") or {}).get("error") or {}
        message = err.get("message") if isinstance(err, dict) else None
        # through parse_error, as an HTTP error body is: its code reaches the log and the
        # metrics, so only an identifier is kept (an upstream's text may quote the prompt)
        detail = parse_error({"error": {
            "message": message if isinstance(message, str) and message
            else ("upstream stream error" if typ == "error" else "the upstream response failed"),
            "type": "upstream_error",
            "code": err.get("code") if isinstance(err, dict) else None}}, withhold=withhold)
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
        sent = self._history() + input_items(self.masked)
        history = output_history(sent, masked_response)
        json_items = list(self.prev.json_items) if self.prev is not None else []
        if self.conv.json_output:
            json_items += range(len(sent), len(history))
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
            json_output=self.conv.json_output,
            json_items=json_items,
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
            return _checked(upstream.credentials(), upstream.stream_events(
                "/responses", self.upstream_body(),
                until=lambda ev: ev.get("type") in TERMINAL_EVENTS,
            ))
        translator = ChatToResponsesStream(self.masked, id=self.response_id)
        return primed(upstream.stream_chat(self.chat_body()), translator.feed,
                      translator.start, translator.finish)

    def stream_restorer(self, conv: Conversation) -> ResponsesStreamRestorer:
        return ResponsesStreamRestorer(conv, self.save)


async def _checked(withhold: tuple[str, ...], events: AsyncIterator[Body]) -> AsyncIterator[Body]:
    async for ev in events:
        yield _raise_event_error(ev, withhold)


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


def _stored_conversation(state: GatewayState, rec: ResponseRecord) -> Conversation:
    """The record's conversation: its session and restoration scope. The caller's names of
    tools the masking renamed are not kept (they are originals), so a read-back names such a
    tool as the upstream saw it."""
    conv = Conversation(state.core, rec.tenant, rec.session, principal=rec.principal)
    conv.scope.update(rec.scope)
    return conv


async def get_response(state: GatewayState, principal: Principal, response_id: str) -> Body:
    """The stored response, restored for the principal that created it."""
    rec = await _owned(state, principal, response_id)

    def restore() -> Body:
        conv = _stored_conversation(state, rec)
        conv.json_output = rec.json_output  # the answer's text, as the live answer restored it
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
        conv = _stored_conversation(state, rec)  # the caller's text: never JSON
        as_json = _stored_conversation(state, rec)  # answers of turns that asked for JSON
        as_json.json_output = True
        json_items = set(rec.json_items)
        return [_restore_input_item(as_json if i in json_items else conv, item,
                                    f"{response_id}_in_{i}")
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
