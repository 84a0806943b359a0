"""Pydantic models of the OpenAI wire protocol the gateway speaks.

Every model accepts and keeps unknown fields (``extra="allow"``): OpenAI adds parameters often,
and a privacy proxy must not silently drop what the client meant for the upstream. Only the fields
Veil reads or rewrites are declared.
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
    prompt: str | list[str]
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


# --- models and errors ---------------------------------------------------------------------------


class ModelCard(_Open):
    id: str
    object: Literal["model"] = "model"
    created: int = Field(default_factory=lambda: int(time.time()))
    owned_by: str = "veil"


class ModelList(_Open):
    object: Literal["list"] = "list"
    data: list[ModelCard] = Field(default_factory=list)


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


__all__ = [
    "ChatChoice",
    "ChatCompletionRequest",
    "ChatCompletionResponse",
    "ChatMessage",
    "CompletionChoice",
    "CompletionRequest",
    "CompletionResponse",
    "ContentPart",
    "ErrorDetail",
    "ErrorResponse",
    "FunctionCall",
    "ModelCard",
    "ModelList",
    "ToolCall",
]
