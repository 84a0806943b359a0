"""The Anthropic Messages wire format: the request model, errors, stream events, and the
translation both ways between Messages and chat completions.

- ``POST /v1/messages`` to an OpenAI-compatible upstream: :func:`messages_to_chat`, then
  :func:`message_from_chat` / :class:`ChatToMessagesStream` for the answer.
- ``POST /v1/chat/completions`` (and Responses) to an Anthropic upstream: :func:`chat_to_messages`,
  then :func:`chat_from_message` / :class:`MessagesToChatStream`.

Errors are ``{"type": "error", "error": {"type": ..., "message": ...}}``.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Body = dict[str, Any]

#: ``anthropic-version`` sent to an Anthropic upstream.
ANTHROPIC_VERSION = "2023-06-01"


class MessagesRequest(BaseModel):
    """``POST /v1/messages``: every field the gateway knows how to mask; others are refused."""

    # Unknown fields parse here and are refused by the gateway's field walker, whose message
    # does not repeat the key (a key is request text).
    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[dict[str, Any]] = Field(min_length=1)
    max_tokens: int = Field(ge=1)
    system: str | list[dict[str, Any]] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: dict[str, Any] | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    stop_sequences: list[str] | None = None
    stream: bool = False
    metadata: dict[str, Any] | None = None
    thinking: dict[str, Any] | None = None
    service_tier: str | None = None

    def wire(self) -> Body:
        return self.model_dump(exclude_unset=True, mode="json")


class CountTokensRequest(BaseModel):
    """``POST /v1/messages/count_tokens``."""

    # Unknown fields parse here and are refused by the gateway's field walker, whose message
    # does not repeat the key (a key is request text).
    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[dict[str, Any]] = Field(min_length=1)
    system: str | list[dict[str, Any]] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: dict[str, Any] | None = None
    thinking: dict[str, Any] | None = None

    def wire(self) -> Body:
        return self.model_dump(exclude_unset=True, mode="json")


# --- errors --------------------------------------------------------------------------------------

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    529: "overloaded_error",
}


def error_type_for(status: int) -> str:
    return _ERROR_TYPES.get(status, "invalid_request_error" if status < 500 else "api_error")


def error_body(message: str, type: str) -> Body:
    return {"type": "error", "error": {"type": type, "message": message}}


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def _tool_id() -> str:
    return f"toolu_{uuid.uuid4().hex[:24]}"


# --- Messages -> chat ----------------------------------------------------------------------------


class TranslationError(ValueError):
    """A request the translation cannot express (the message names the place, no text)."""


def _text_of(blocks: Any) -> str:
    if isinstance(blocks, str):
        return blocks
    return "".join(
        b.get("text", "") for b in blocks or [] if isinstance(b, dict) and b.get("type") == "text"
    )


def _image_part(block: Body, where: str) -> Body:
    src = block.get("source") or {}
    if src.get("type") == "base64":
        url = f"data:{src.get('media_type', 'image/png')};base64,{src.get('data', '')}"
    elif src.get("type") == "url":
        url = src.get("url", "")
    else:
        raise TranslationError(f"{where}: image source type not supported by a chat upstream")
    return {"type": "image_url", "image_url": {"url": url}}


def messages_to_chat(body: Body) -> Body:
    """A chat-completions body for a (masked) Messages request."""
    out: list[Body] = []
    system = body.get("system")
    if system:
        out.append({"role": "system", "content": _text_of(system)})
    for i, m in enumerate(body.get("messages") or []):
        role = m.get("role")
        content = m.get("content")
        if isinstance(content, str):
            out.append({"role": role, "content": content})
            continue
        parts: list[Body] = []
        calls: list[Body] = []
        for j, b in enumerate(content or []):
            typ = b.get("type") if isinstance(b, dict) else None
            where = f"messages[{i}].content[{j}]"
            if typ == "text":
                parts.append({"type": "text", "text": b.get("text", "")})
            elif typ == "image":
                parts.append(_image_part(b, where))
            elif typ == "tool_use":
                calls.append({
                    "id": b.get("id", ""),
                    "type": "function",
                    "function": {"name": b.get("name", ""),
                                 "arguments": json.dumps(b.get("input", {}), ensure_ascii=False)},
                })
            elif typ == "tool_result":
                result = b.get("content")
                text = result if isinstance(result, str) else _text_of(result)
                if b.get("is_error"):
                    text = f"[tool error] {text}"
                out.append({"role": "tool", "tool_call_id": b.get("tool_use_id", ""),
                            "content": text})
            elif typ in ("thinking", "redacted_thinking"):
                continue  # a chat upstream cannot take thinking blocks back
            else:
                raise TranslationError(f"{where}: block type not supported by a chat upstream")
        if role == "assistant":
            msg: Body = {"role": "assistant", "content": _text_of(parts) or None}
            if calls:
                msg["tool_calls"] = calls
            out.append(msg)
        elif parts:
            only_text = all(p["type"] == "text" for p in parts)
            out.append({"role": role, "content": _text_of(parts) if only_text else parts})
    chat: Body = {"model": body["model"], "messages": out, "max_tokens": body.get("max_tokens")}
    if chat["max_tokens"] is None:
        del chat["max_tokens"]
    tools = [
        {"type": "function", "function": {
            "name": t.get("name", ""),
            **({"description": t["description"]} if "description" in t else {}),
            "parameters": t.get("input_schema") or {"type": "object"},
        }}
        for t in body.get("tools") or []
    ]
    if tools:
        chat["tools"] = tools
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        kind = choice.get("type")
        if kind == "tool":
            chat["tool_choice"] = {"type": "function", "function": {"name": choice.get("name")}}
        elif kind in ("auto", "none"):
            chat["tool_choice"] = kind
        elif kind == "any":
            chat["tool_choice"] = "required"
        if choice.get("disable_parallel_tool_use"):
            chat["parallel_tool_calls"] = False
    for key in ("temperature", "top_p"):
        if body.get(key) is not None:
            chat[key] = body[key]
    if body.get("stop_sequences"):
        chat["stop"] = body["stop_sequences"]
    user = (body.get("metadata") or {}).get("user_id")
    if isinstance(user, str):
        chat["user"] = user
    if body.get("stream"):
        chat["stream"] = True
        chat["stream_options"] = {"include_usage": True}
    return chat


_STOP_FROM_CHAT = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use",
                   "function_call": "tool_use", "content_filter": "refusal"}


def _loads_object(arguments: str) -> Any:
    try:
        value = json.loads(arguments) if arguments else {}
    except ValueError:
        return {"_raw": arguments}
    return value if isinstance(value, dict) else {"_value": value}


def message_from_chat(model: str, chat: Body, *, id: str | None = None) -> Body:
    """The Messages answer for a chat completion (both masked)."""
    choice = (chat.get("choices") or [{}])[0]
    msg = choice.get("message") or {}
    content: list[Body] = []
    if isinstance(msg.get("content"), str) and msg["content"]:
        content.append({"type": "text", "text": msg["content"]})
    for call in msg.get("tool_calls") or []:
        fn = call.get("function") or {}
        content.append({"type": "tool_use", "id": call.get("id") or _tool_id(),
                        "name": fn.get("name", ""),
                        "input": _loads_object(fn.get("arguments") or "")})
    usage = chat.get("usage") or {}
    return {
        "id": id or new_message_id(),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": _STOP_FROM_CHAT.get(choice.get("finish_reason") or "stop", "end_turn"),
        "stop_sequence": None,
        "usage": {"input_tokens": int(usage.get("prompt_tokens") or 0),
                  "output_tokens": int(usage.get("completion_tokens") or 0)},
    }


class ChatToMessagesStream:
    """Feeds ``chat.completion.chunk`` events, yields Messages stream events."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.id = new_message_id()
        self._index = -1
        self._open: str | None = None  # "text" or "tool:<chat index>"
        self._stop: str | None = None
        self._usage: Body = {}

    def start(self) -> list[Body]:
        message: Body = {"id": self.id, "type": "message", "role": "assistant",
                         "model": self.model,
                   "content": [], "stop_reason": None, "stop_sequence": None,
                   "usage": {"input_tokens": 0, "output_tokens": 0}}
        return [{"type": "message_start", "message": message}, {"type": "ping"}]

    def _close(self) -> list[Body]:
        if self._open is None:
            return []
        self._open = None
        return [{"type": "content_block_stop", "index": self._index}]

    def feed(self, chunk: Body) -> list[Body]:
        events: list[Body] = []
        if isinstance(chunk.get("usage"), dict):
            self._usage = chunk["usage"]
        for choice in chunk.get("choices") or []:
            if choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            text = delta.get("content")
            if isinstance(text, str) and text:
                if self._open != "text":
                    events += self._close()
                    self._index += 1
                    self._open = "text"
                    events.append({"type": "content_block_start", "index": self._index,
                                   "content_block": {"type": "text", "text": ""}})
                events.append({"type": "content_block_delta", "index": self._index,
                               "delta": {"type": "text_delta", "text": text}})
            for call in delta.get("tool_calls") or []:
                key = f"tool:{call.get('index', 0)}"
                fn = call.get("function") or {}
                if self._open != key:
                    events += self._close()
                    self._index += 1
                    self._open = key
                    events.append({"type": "content_block_start", "index": self._index,
                                   "content_block": {"type": "tool_use",
                                                     "id": call.get("id") or _tool_id(),
                                                     "name": fn.get("name") or "", "input": {}}})
                args = fn.get("arguments")
                if isinstance(args, str) and args:
                    events.append({"type": "content_block_delta", "index": self._index,
                                   "delta": {"type": "input_json_delta", "partial_json": args}})
            if choice.get("finish_reason"):
                self._stop = _STOP_FROM_CHAT.get(choice["finish_reason"], "end_turn")
        return events

    def finish(self) -> list[Body]:
        out = int(self._usage.get("completion_tokens") or 0)
        return [
            *self._close(),
            {"type": "message_delta",
             "delta": {"stop_reason": self._stop or "end_turn", "stop_sequence": None},
             "usage": {"output_tokens": out}},
            {"type": "message_stop"},
        ]


# --- chat -> Messages (an Anthropic upstream behind the OpenAI endpoints) -------------------------


def _chat_parts_to_blocks(content: Any) -> list[Body]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    blocks: list[Body] = []
    for p in content or []:
        if not isinstance(p, dict):
            continue
        if p.get("type") == "text":
            blocks.append({"type": "text", "text": p.get("text", "")})
        elif p.get("type") == "image_url":
            url = (p.get("image_url") or {}).get("url", "")
            if url.startswith("data:") and ";base64," in url:
                media, _, data = url[5:].partition(";base64,")
                blocks.append({"type": "image", "source": {"type": "base64",
                                                           "media_type": media, "data": data}})
            else:
                blocks.append({"type": "image", "source": {"type": "url", "url": url}})
        else:
            raise TranslationError("a content part type the Anthropic upstream does not take")
    return blocks


def chat_to_messages(chat: Body, *, default_max_tokens: int = 4096) -> Body:
    """A Messages body for a (masked) chat-completions request."""
    system: list[str] = []
    msgs: list[Body] = []

    def add(role: str, blocks: list[Body]) -> None:
        if msgs and msgs[-1]["role"] == role:
            msgs[-1]["content"].extend(blocks)  # Anthropic wants roles to alternate
        else:
            msgs.append({"role": role, "content": blocks})

    for m in chat.get("messages") or []:
        role = m.get("role")
        if role in ("system", "developer"):
            system.append(_text_of(m.get("content")) if not isinstance(m.get("content"), str)
                          else m["content"])
        elif role == "user":
            add("user", _chat_parts_to_blocks(m.get("content")))
        elif role == "assistant":
            blocks = _chat_parts_to_blocks(m.get("content") or "")
            for call in m.get("tool_calls") or []:
                fn = call.get("function") or {}
                blocks.append({"type": "tool_use", "id": call.get("id", ""),
                               "name": fn.get("name", ""),
                               "input": _loads_object(fn.get("arguments") or "")})
            add("assistant", blocks)
        elif role in ("tool", "function"):
            content = m.get("content")
            text = content if isinstance(content, str) else _text_of(content)
            add("user", [{"type": "tool_result", "tool_use_id": m.get("tool_call_id", ""),
                          "content": text}])
    body: Body = {
        "model": chat["model"],
        "messages": msgs,
        "max_tokens": chat.get("max_completion_tokens") or chat.get("max_tokens")
        or default_max_tokens,
    }
    if system:
        body["system"] = "\n\n".join(system)
    tools = [
        {"name": t["function"].get("name", ""),
         **({"description": t["function"]["description"]}
            if "description" in t["function"] else {}),
         "input_schema": t["function"].get("parameters") or {"type": "object"}}
        for t in chat.get("tools") or [] if isinstance(t.get("function"), dict)
    ]
    if tools:
        body["tools"] = tools
    choice = chat.get("tool_choice")
    if choice in ("auto", "none"):
        body["tool_choice"] = {"type": choice}
    elif choice == "required":
        body["tool_choice"] = {"type": "any"}
    elif isinstance(choice, dict):
        body["tool_choice"] = {"type": "tool", "name": (choice.get("function") or {}).get("name")}
    for key in ("temperature", "top_p"):
        if chat.get(key) is not None:
            body[key] = chat[key]
    stop = chat.get("stop")
    if stop:
        body["stop_sequences"] = [stop] if isinstance(stop, str) else list(stop)
    if isinstance(chat.get("user"), str):
        body["metadata"] = {"user_id": chat["user"]}
    if chat.get("stream"):
        body["stream"] = True
    return body


_STOP_TO_CHAT = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length",
                 "tool_use": "tool_calls", "refusal": "content_filter", "pause_turn": "stop"}


def chat_from_message(msg: Body) -> Body:
    """The chat completion for a Messages answer."""
    text = "".join(b.get("text", "") for b in msg.get("content") or [] if b.get("type") == "text")
    calls = [
        {"id": b.get("id", ""), "type": "function",
         "function": {"name": b.get("name", ""),
                      "arguments": json.dumps(b.get("input", {}), ensure_ascii=False)}}
        for b in msg.get("content") or [] if b.get("type") == "tool_use"
    ]
    message: Body = {"role": "assistant", "content": text or None}
    if calls:
        message["tool_calls"] = calls
    usage = msg.get("usage") or {}
    inp, out = int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)
    return {
        "id": msg.get("id") or f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": msg.get("model", ""),
        "choices": [{"index": 0, "message": message,
                     "finish_reason": _STOP_TO_CHAT.get(msg.get("stop_reason") or "", "stop")}],
        "usage": {"prompt_tokens": inp, "completion_tokens": out, "total_tokens": inp + out},
    }


class MessagesToChatStream:
    """Feeds Messages stream events, yields ``chat.completion.chunk`` events."""

    def __init__(self) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.model = ""
        self.created = int(time.time())
        self._tools: dict[int, int] = {}  # block index -> chat tool-call index
        self._input = 0

    def _chunk(self, delta: Body, finish: str | None = None) -> Body:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created,
                "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    def feed(self, event: Body) -> list[Body]:
        typ = event.get("type")
        if typ == "message_start":
            msg = event.get("message") or {}
            self.model = msg.get("model", "")
            self._input = int((msg.get("usage") or {}).get("input_tokens") or 0)
            return [self._chunk({"role": "assistant", "content": ""})]
        if typ == "content_block_start":
            block = event.get("content_block") or {}
            if block.get("type") == "tool_use":
                j = len(self._tools)
                self._tools[int(event.get("index", 0))] = j
                return [self._chunk({"tool_calls": [{
                    "index": j, "id": block.get("id", ""), "type": "function",
                    "function": {"name": block.get("name", ""), "arguments": ""}}]})]
            text = block.get("text")
            return [self._chunk({"content": text})] if isinstance(text, str) and text else []
        if typ == "content_block_delta":
            delta = event.get("delta") or {}
            if delta.get("type") == "text_delta":
                return [self._chunk({"content": delta.get("text", "")})]
            if delta.get("type") == "input_json_delta":
                j = self._tools.get(int(event.get("index", 0)), 0)
                return [self._chunk({"tool_calls": [{
                    "index": j, "function": {"arguments": delta.get("partial_json", "")}}]})]
            return []
        if typ == "message_delta":
            stop = (event.get("delta") or {}).get("stop_reason")
            out = int((event.get("usage") or {}).get("output_tokens") or 0)
            chunk = self._chunk({}, _STOP_TO_CHAT.get(stop or "", "stop"))
            chunk["usage"] = {"prompt_tokens": self._input, "completion_tokens": out,
                              "total_tokens": self._input + out}
            return [chunk]
        return []  # ping, content_block_stop, message_stop


__all__ = [
    "ANTHROPIC_VERSION",
    "ChatToMessagesStream",
    "CountTokensRequest",
    "MessagesRequest",
    "MessagesToChatStream",
    "TranslationError",
    "chat_from_message",
    "chat_to_messages",
    "error_body",
    "error_type_for",
    "message_from_chat",
    "messages_to_chat",
    "new_message_id",
]
