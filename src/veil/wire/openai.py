"""Pydantic models of the OpenAI wire protocol, and builders of the bodies servers send.

Every request model accepts and keeps unknown fields (``extra="allow"``): OpenAI adds parameters
often, and a privacy proxy must not silently drop what the client meant for the upstream. Only the
fields Veil reads or rewrites are declared. The builders (:func:`chat_completion`,
:func:`chat_chunk`, :func:`text_completion`, :func:`completion_chunk`) return plain dicts, the
shape every server and fake upstream in the project sends.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")

    def wire(self) -> dict[str, Any]:
        """The JSON body as the client sent it (unset defaults left out, extras kept)."""
        return self.model_dump(exclude_unset=True, mode="json")


# --- chat/completions ----------------------------------------------------------------------------


class FunctionCall(_Open):
    name: str | None = None
    arguments: str | None = None


class ToolCall(_Open):
    id: str | None = None
    type: str | None = "function"
    function: FunctionCall


class ContentPart(_Open):
    """One element of a list-valued ``content`` (``text``, ``image_url``, ``input_audio``...)."""

    type: str
    text: str | None = None


class ChatMessage(_Open):
    role: str
    content: str | list[ContentPart] | None = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None


class ChatCompletionRequest(_Open):
    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    user: str | None = None


class ChatChoice(_Open):
    index: int = 0
    message: ChatMessage
    finish_reason: str | None = None


class ChatCompletionResponse(_Open):
    id: str = Field(default_factory=lambda: f"chatcmpl-{uuid.uuid4().hex}")
    object: Literal["chat.completion"] = "chat.completion"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[ChatChoice]


# --- completions (legacy) ------------------------------------------------------------------------


class CompletionRequest(_Open):
    model: str
    # Token-id prompts parse here so the request walker can refuse them with a clear error (they
    # cannot be scanned) or pass them where a tenant's policy allows it.
    prompt: str | list[str] | list[int] | list[list[int]]
    stream: bool = False
    user: str | None = None


class CompletionChoice(_Open):
    index: int = 0
    text: str
    finish_reason: str | None = None


class CompletionResponse(_Open):
    id: str = Field(default_factory=lambda: f"cmpl-{uuid.uuid4().hex}")
    object: Literal["text_completion"] = "text_completion"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[CompletionChoice]


# --- completions over token ids (the obfuscated host, vLLM's extensions) -------------------------


class TokenCompletionRequest(BaseModel):
    """The subset of the OpenAI/vLLM completions request a token-id host honours.

    Unknown fields are ignored here, unlike the gateway's models: the host is the end of the line
    and answers only what it implements.
    """

    model_config = ConfigDict(extra="ignore")

    model: str | None = None
    prompt: list[int] | list[list[int]] | str | list[str]
    max_tokens: int = Field(default=16, ge=1, le=32768)
    temperature: float = Field(default=1.0, ge=0.0, le=10.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    n: int = 1
    stream: bool = False
    seed: int | None = None
    stop_token_ids: list[int] = Field(default_factory=list)
    ignore_eos: bool = False
    logprobs: int | None = None
    return_tokens_as_token_ids: bool = False
    return_token_ids: bool | None = None


# --- models --------------------------------------------------------------------------------------


class ModelCard(_Open):
    id: str
    object: Literal["model"] = "model"
    created: int = Field(default_factory=lambda: int(time.time()))
    owned_by: str = "veil"


class ModelList(_Open):
    object: Literal["list"] = "list"
    data: list[ModelCard] = Field(default_factory=list)


def model_list(*ids: str, owned_by: str = "veil", **extra: Any) -> dict[str, Any]:
    """``GET /v1/models`` body listing ``ids`` (``extra`` fields go on every card)."""
    cards = [ModelCard(id=i, owned_by=owned_by, created=0, **extra) for i in ids]
    return ModelList(data=cards).model_dump(mode="json")


# --- builders of response bodies and stream chunks ----------------------------------------------


def new_id(prefix: str) -> str:
    """A fresh response id (``chatcmpl-...``, ``cmpl-...``)."""
    return f"{prefix}-{uuid.uuid4().hex}"


def chat_completion(
    *,
    id: str,
    model: str,
    content: str | None,
    created: int | None = None,
    finish_reason: str = "stop",
    tool_calls: list[dict[str, Any]] | None = None,
    usage: dict[str, int] | None = None,
) -> dict[str, Any]:
    """A whole ``chat.completion`` body with one assistant choice."""
    msg: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        msg["tool_calls"] = tool_calls
    body: dict[str, Any] = {
        "id": id,
        "object": "chat.completion",
        "created": int(time.time()) if created is None else created,
        "model": model,
        "choices": [{"index": 0, "message": msg, "finish_reason": finish_reason}],
    }
    if usage is not None:
        body["usage"] = usage
    return body


def chat_chunk(
    *,
    id: str,
    model: str,
    created: int,
    delta: dict[str, Any],
    finish_reason: str | None = None,
    index: int = 0,
) -> dict[str, Any]:
    """One ``chat.completion.chunk`` of a streamed chat answer."""
    return {
        "id": id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": index, "delta": delta, "finish_reason": finish_reason}],
    }


def text_completion(
    *,
    id: str,
    model: str,
    text: str,
    created: int | None = None,
    finish_reason: str | None = "stop",
    usage: dict[str, int] | None = None,
    **choice_extra: Any,
) -> dict[str, Any]:
    """A whole ``text_completion`` body with one choice (``choice_extra``: ``token_ids``...)."""
    body: dict[str, Any] = {
        "id": id,
        "object": "text_completion",
        "created": int(time.time()) if created is None else created,
        "model": model,
        "choices": [{"index": 0, "text": text, "finish_reason": finish_reason, **choice_extra}],
    }
    if usage is not None:
        body["usage"] = usage
    return body


def completion_chunk(
    *,
    id: str,
    model: str,
    created: int,
    text: str,
    finish_reason: str | None = None,
    index: int = 0,
    **choice_extra: Any,
) -> dict[str, Any]:
    """One streamed ``text_completion`` chunk (legacy completions stream the same object type)."""
    return {
        "id": id,
        "object": "text_completion",
        "created": created,
        "model": model,
        "choices": [{"index": index, "text": text, "finish_reason": finish_reason, **choice_extra}],
    }


__all__ = [
    "ChatChoice",
    "ChatCompletionRequest",
    "ChatCompletionResponse",
    "ChatMessage",
    "CompletionChoice",
    "CompletionRequest",
    "CompletionResponse",
    "ContentPart",
    "FunctionCall",
    "ModelCard",
    "ModelList",
    "TokenCompletionRequest",
    "ToolCall",
    "chat_chunk",
    "chat_completion",
    "completion_chunk",
    "model_list",
    "new_id",
    "text_completion",
]
