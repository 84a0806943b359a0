"""The OpenAI Responses API wire format: the request model, response objects, typed stream events,
and the translation to and from chat completions (for upstreams that have no Responses endpoint:
vLLM, the embedded model, Anthropic through its chat adapter).

Unlike the chat models in :mod:`veil.wire.openai`, :class:`ResponsesRequest` forbids unknown
top-level fields: the gateway masks only what it knows how to walk. The translators are pure
functions over plain dicts; :class:`ChatToResponsesStream` turns ``chat.completion.chunk`` events
into the typed events a Responses stream carries (``response.created`` ...
``response.completed``).
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Body = dict[str, Any]

#: Events that end a Responses stream.
TERMINAL_EVENTS = frozenset({"response.completed", "response.incomplete", "response.failed"})


class ResponsesRequest(BaseModel):
    """``POST /v1/responses``: every field the gateway knows how to mask; others are refused."""

    # Unknown fields parse here and are refused by the gateway's field walker, whose message
    # does not repeat the key (a key is request text).
    model_config = ConfigDict(extra="allow")

    model: str
    input: str | list[dict[str, Any]] | None = None
    instructions: str | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    text: dict[str, Any] | None = None
    temperature: float | None = None
    top_p: float | None = None
    max_output_tokens: int | None = Field(default=None, ge=1)
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    previous_response_id: str | None = None
    store: bool | None = None
    metadata: dict[str, Any] | None = None
    user: str | None = None
    safety_identifier: str | None = None
    prompt_cache_key: str | None = None
    parallel_tool_calls: bool | None = None
    reasoning: dict[str, Any] | None = None
    truncation: str | None = None
    include: list[str] | None = None
    service_tier: str | None = None
    top_logprobs: int | None = None
    max_tool_calls: int | None = None
    background: bool | None = None
    conversation: str | dict[str, Any] | None = None
    prompt: dict[str, Any] | None = None

    def wire(self) -> Body:
        return self.model_dump(exclude_unset=True, mode="json")


def new_response_id() -> str:
    return f"resp_{uuid.uuid4().hex}"


def _item_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


# --- request: Responses -> chat completions ------------------------------------------------------


class TranslationError(ValueError):
    """A request the chat translation cannot express (the message names the field, no text)."""


def _parts_to_chat(content: Any, role: str) -> Any:
    if isinstance(content, str) or content is None:
        return content or ""
    parts: list[Body] = []
    for i, p in enumerate(content):
        typ = p.get("type") if isinstance(p, dict) else None
        if typ in ("input_text", "output_text", "text"):
            parts.append({"type": "text", "text": p.get("text", "")})
        elif typ == "refusal":
            parts.append({"type": "text", "text": p.get("refusal", "")})
        elif typ == "input_image":
            url = p.get("image_url")
            if not isinstance(url, str):
                raise TranslationError(
                    f"content[{i}]: input_image needs image_url for a chat-completions upstream"
                )
            image: Body = {"url": url}
            if p.get("detail"):
                image["detail"] = p["detail"]
            parts.append({"type": "image_url", "image_url": image})
        elif typ == "input_file":
            file: Body = {k: p[k] for k in ("file_data", "file_id", "filename") if k in p}
            parts.append({"type": "file", "file": file})
        else:
            raise TranslationError(f"content[{i}]: part type not supported by a chat upstream")
    if role == "assistant" or all(p["type"] == "text" for p in parts):
        return "".join(p["text"] for p in parts) if role == "assistant" else parts
    return parts


def request_to_chat(body: Body, history: list[Body] | None = None) -> Body:
    """A chat-completions body for a (masked) Responses request; ``history``: the items of the
    previous responses of the chain, oldest first (inputs and outputs)."""
    messages: list[Body] = []
    if body.get("instructions"):
        messages.append({"role": "system", "content": body["instructions"]})
    items: list[Any] = list(history or [])
    inp = body.get("input")
    if isinstance(inp, str):
        items.append({"type": "message", "role": "user", "content": inp})
    elif isinstance(inp, list):
        items.extend(inp)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise TranslationError(f"input[{i}] is not an object")
        typ = item.get("type", "message")
        if typ == "message":
            role = item.get("role", "user")
            role = "system" if role == "developer" else role
            messages.append({"role": role, "content": _parts_to_chat(item.get("content"), role)})
        elif typ == "function_call":
            call = {
                "id": item.get("call_id", ""),
                "type": "function",
                "function": {"name": item.get("name", ""), "arguments": item.get("arguments", "")},
            }
            last = messages[-1] if messages else None
            if last is not None and last["role"] == "assistant" and "tool_calls" in last:
                last["tool_calls"].append(call)
            elif last is not None and last["role"] == "assistant":
                last["tool_calls"] = [call]
            else:
                messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        elif typ == "function_call_output":
            out = item.get("output", "")
            if isinstance(out, list):
                out = "".join(
                    p.get("text", "") for p in out if isinstance(p, dict) and "text" in p
                )
            messages.append({"role": "tool", "tool_call_id": item.get("call_id", ""),
                             "content": out})
        elif typ == "reasoning":
            continue  # a chat upstream cannot take reasoning items back
        else:
            raise TranslationError(
                f"input[{i}]: item type {typ!r} needs an upstream with a Responses endpoint"
            )
    chat: Body = {"model": body["model"], "messages": messages}
    tools = []
    for i, t in enumerate(body.get("tools") or []):
        if t.get("type") != "function":
            raise TranslationError(
                f"tools[{i}]: only function tools work with a chat-completions upstream"
            )
        fn = {k: t[k] for k in ("name", "description", "parameters", "strict") if k in t}
        tools.append({"type": "function", "function": fn})
    if tools:
        chat["tools"] = tools
    choice = body.get("tool_choice")
    if isinstance(choice, str):
        chat["tool_choice"] = choice
    elif isinstance(choice, dict) and choice.get("type") == "function":
        chat["tool_choice"] = {"type": "function", "function": {"name": choice.get("name")}}
    fmt = (body.get("text") or {}).get("format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        schema = {k: fmt[k] for k in ("name", "description", "schema", "strict") if k in fmt}
        chat["response_format"] = {"type": "json_schema", "json_schema": schema}
    elif isinstance(fmt, dict) and fmt.get("type") == "json_object":
        chat["response_format"] = {"type": "json_object"}
    for src, dst in (
        ("temperature", "temperature"),
        ("top_p", "top_p"),
        ("max_output_tokens", "max_tokens"),
        ("parallel_tool_calls", "parallel_tool_calls"),
        ("user", "user"),
        ("safety_identifier", "safety_identifier"),
        ("prompt_cache_key", "prompt_cache_key"),
        ("service_tier", "service_tier"),
    ):
        if body.get(src) is not None:
            chat[dst] = body[src]
    effort = (body.get("reasoning") or {}).get("effort")
    if effort:
        chat["reasoning_effort"] = effort
    if body.get("stream"):
        chat["stream"] = True
        chat["stream_options"] = {"include_usage": True}
    return chat


# --- response objects ----------------------------------------------------------------------------


def response_object(
    request: Body,
    *,
    id: str,
    output: list[Body],
    status: str = "completed",
    usage: Body | None = None,
    created_at: int | None = None,
    incomplete_reason: str | None = None,
) -> Body:
    """A ``response`` object echoing the (masked) request's parameters."""
    text = request.get("text") or {"format": {"type": "text"}}
    return {
        "id": id,
        "object": "response",
        "created_at": int(time.time()) if created_at is None else created_at,
        "status": status,
        "error": None,
        "incomplete_details": {"reason": incomplete_reason} if incomplete_reason else None,
        "instructions": request.get("instructions"),
        "max_output_tokens": request.get("max_output_tokens"),
        "model": request.get("model", ""),
        "output": output,
        "parallel_tool_calls": request.get("parallel_tool_calls", True),
        "previous_response_id": request.get("previous_response_id"),
        "reasoning": request.get("reasoning") or {"effort": None, "summary": None},
        "store": request.get("store", True),
        "temperature": request.get("temperature", 1.0),
        "text": text,
        "tool_choice": request.get("tool_choice", "auto"),
        "tools": request.get("tools") or [],
        "top_p": request.get("top_p", 1.0),
        "truncation": request.get("truncation", "disabled"),
        "usage": usage,
        "user": request.get("user"),
        "metadata": request.get("metadata") or {},
    }


def message_item(text: str, *, id: str | None = None, status: str = "completed") -> Body:
    return {
        "id": id or _item_id("msg"),
        "type": "message",
        "status": status,
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }


def function_call_item(
    call_id: str, name: str, arguments: str, *, id: str | None = None, status: str = "completed"
) -> Body:
    return {
        "id": id or _item_id("fc"),
        "type": "function_call",
        "status": status,
        "call_id": call_id,
        "name": name,
        "arguments": arguments,
    }


def usage_from_chat(usage: Any) -> Body | None:
    if not isinstance(usage, dict):
        return None
    inp, out = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
    return {
        "input_tokens": inp,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": out,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": int(usage.get("total_tokens") or inp + out),
    }


def response_from_chat(request: Body, chat: Body, *, id: str | None = None) -> Body:
    """The ``response`` object for a chat completion answering ``request`` (both masked)."""
    choice = (chat.get("choices") or [{}])[0]
    msg = choice.get("message") or {}
    output: list[Body] = []
    if isinstance(msg.get("content"), str) and msg["content"]:
        output.append(message_item(msg["content"]))
    elif isinstance(msg.get("refusal"), str) and msg["refusal"]:
        item = message_item("")
        item["content"] = [{"type": "refusal", "refusal": msg["refusal"]}]
        output.append(item)
    for call in msg.get("tool_calls") or []:
        fn = call.get("function") or {}
        output.append(
            function_call_item(call.get("id") or _item_id("call"), fn.get("name", ""),
                               fn.get("arguments") or "")
        )
    cut = choice.get("finish_reason") == "length"
    return response_object(
        request,
        id=id or new_response_id(),
        output=output,
        status="incomplete" if cut else "completed",
        incomplete_reason="max_output_tokens" if cut else None,
        usage=usage_from_chat(chat.get("usage")),
    )


def output_history(request_items: list[Body], response: Body) -> list[Body]:
    """The items a follow-up turn replays: what was sent, then what came back."""
    out = [dict(i) for i in request_items]
    for item in response.get("output") or []:
        if isinstance(item, dict) and item.get("type") in ("message", "function_call"):
            out.append({k: v for k, v in item.items() if k != "status"})
    return out


def input_items(body: Body) -> list[Body]:
    """A request's ``input`` as a list of items."""
    inp = body.get("input")
    if isinstance(inp, str):
        return [{"type": "message", "role": "user", "content": inp}]
    return [dict(i) for i in inp or [] if isinstance(i, dict)]


# --- streaming: chat chunks -> typed events ------------------------------------------------------


class ChatToResponsesStream:
    """Feeds ``chat.completion.chunk`` events, yields Responses stream events (without
    ``sequence_number``: whoever sends them numbers them)."""

    def __init__(self, request: Body, *, id: str | None = None) -> None:
        self.request = request
        self.id = id or new_response_id()
        self.created = int(time.time())
        self.output: list[Body] = []
        self._text: Body | None = None  # the open message item
        self._calls: dict[int, Body] = {}  # chat tool-call index -> open function_call item
        self._usage: Body | None = None
        self._finish: str | None = None

    def _response(self, status: str) -> Body:
        cut = self._finish == "length"
        return response_object(
            self.request,
            id=self.id,
            output=self.output,
            status="incomplete" if (cut and status == "completed") else status,
            incomplete_reason="max_output_tokens" if cut and status == "completed" else None,
            usage=self._usage,
            created_at=self.created,
        )

    def start(self) -> list[Body]:
        return [
            {"type": "response.created", "response": self._response("in_progress")},
            {"type": "response.in_progress", "response": self._response("in_progress")},
        ]

    def _close_text(self) -> list[Body]:
        item, self._text = self._text, None
        if item is None:
            return []
        i = self.output.index(item)
        part = item["content"][0]
        item["status"] = "completed"
        return [
            {"type": "response.output_text.done", "item_id": item["id"], "output_index": i,
             "content_index": 0, "text": part["text"], "logprobs": []},
            {"type": "response.content_part.done", "item_id": item["id"], "output_index": i,
             "content_index": 0, "part": dict(part)},
            {"type": "response.output_item.done", "output_index": i, "item": _copy(item)},
        ]

    def _close_calls(self) -> list[Body]:
        events: list[Body] = []
        for _, item in sorted(self._calls.items()):
            i = self.output.index(item)
            item["status"] = "completed"
            events.append(
                {"type": "response.function_call_arguments.done", "item_id": item["id"],
                 "output_index": i, "name": item["name"], "arguments": item["arguments"]}
            )
            events.append({"type": "response.output_item.done", "output_index": i,
                           "item": _copy(item)})
        self._calls.clear()
        return events

    def feed(self, chunk: Body) -> list[Body]:
        events: list[Body] = []
        if isinstance(chunk.get("usage"), dict):
            self._usage = usage_from_chat(chunk["usage"])
        for choice in chunk.get("choices") or []:
            if choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            content = delta.get("content")
            if isinstance(content, str) and content:
                if self._text is None:
                    events += self._close_calls()
                    self._text = message_item("", status="in_progress")
                    self.output.append(self._text)
                    i = len(self.output) - 1
                    empty = {"type": "output_text", "text": "", "annotations": []}
                    events.append({"type": "response.output_item.added", "output_index": i,
                                   "item": {**_copy(self._text), "content": []}})
                    events.append({"type": "response.content_part.added",
                                   "item_id": self._text["id"], "output_index": i,
                                   "content_index": 0, "part": empty})
                self._text["content"][0]["text"] += content
                events.append({"type": "response.output_text.delta", "item_id": self._text["id"],
                               "output_index": self.output.index(self._text),
                               "content_index": 0, "delta": content, "logprobs": []})
            for call in delta.get("tool_calls") or []:
                j = call.get("index", 0)
                fn = call.get("function") or {}
                if j not in self._calls:
                    events += self._close_text()
                    item = function_call_item(call.get("id") or _item_id("call"),
                                              fn.get("name") or "", "", status="in_progress")
                    self._calls[j] = item
                    self.output.append(item)
                    events.append({"type": "response.output_item.added",
                                   "output_index": len(self.output) - 1, "item": _copy(item)})
                item = self._calls[j]
                args = fn.get("arguments")
                if isinstance(args, str) and args:
                    item["arguments"] += args
                    events.append({"type": "response.function_call_arguments.delta",
                                   "item_id": item["id"],
                                   "output_index": self.output.index(item), "delta": args})
            if choice.get("finish_reason"):
                self._finish = choice["finish_reason"]
        return events

    def finish(self) -> list[Body]:
        events = self._close_text() + self._close_calls()
        response = self._response("completed")
        kind = "response.incomplete" if response["status"] == "incomplete" else "response.completed"
        return [*events, {"type": kind, "response": response}]


def _copy(item: Body) -> Body:
    out: Body = json.loads(json.dumps(item))
    return out


__all__ = [
    "TERMINAL_EVENTS",
    "ChatToResponsesStream",
    "ResponsesRequest",
    "TranslationError",
    "function_call_item",
    "input_items",
    "message_item",
    "new_response_id",
    "output_history",
    "request_to_chat",
    "response_from_chat",
    "response_object",
    "usage_from_chat",
]
