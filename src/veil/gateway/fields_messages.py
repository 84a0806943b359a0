"""Request-field rules of ``POST /v1/messages`` and ``/v1/messages/count_tokens`` (Anthropic
Messages), closed-world like the Responses API's (:mod:`.fields_responses`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import payloads
from .fields import (
    DATA,
    ENUM_TOKEN,
    FILENAME,
    FREE,
    IDENT_TOKEN,
    JSON,
    MODEL_TOKEN,
    NAME_TOKEN,
    OPAQUE,
    PSEUDONYM,
    SCALAR,
    SCHEMA,
    URL,
    Endpoint,
    Gate,
    ListOf,
    Path,
    Rule,
    Shapes,
    Token,
    WalkContext,
    register_endpoint,
)
from .fields_strict import Tagged, strict

_TYPE = ENUM_TOKEN
_MEDIA = Token(re.compile(r"[a-z]+/[a-z0-9.+-]+"))
CACHE = strict(type=_TYPE, ttl=ENUM_TOKEN)

_TEXT = strict(type=_TYPE, text=FREE, cache_control=CACHE, citations=ListOf(FREE))
_IMAGE = Gate(
    "image", "an image block",
    strict(
        type=_TYPE,
        cache_control=CACHE,
        source=Tagged("type", {
            "base64": strict(type=_TYPE, media_type=_MEDIA, data=OPAQUE),
            "url": strict(type=_TYPE, url=URL),
        }, what="image source"),
    ),
)


@dataclass(frozen=True, eq=False)
class _TextOrGated(Rule):
    """A base64 document source: one whose bytes are text (``text/plain``) is read like a
    ``text`` source, its text masked, with no policy switch (Veil scans it whole); any other
    (a PDF) is content Veil cannot scan, behind the ``file`` gate."""

    text: Rule
    gated: Rule
    label: str = "text bytes: masked; other bytes: gated (file)"

    def apply(self, value: Any, ctx: WalkContext, path: Path) -> Any:
        data = value.get("data") if isinstance(value, dict) else None
        decoded = payloads.b64_bytes(data, min_len=1) if isinstance(data, str) else None
        if decoded is not None and payloads.as_text(decoded.raw, legacy=False) is not None:
            return self.text.apply(value, ctx, path)
        return self.gated.apply(value, ctx, path)


_BASE64 = strict(type=_TYPE, media_type=_MEDIA, data=OPAQUE)
# A document's source decides whether Veil can read it: text (a ``text`` source, ``content``
# blocks, base64 of text bytes) is masked like a prompt with no switch; a PDF or a URL is not
# readable here and needs the tenant's ``allow_unscannable: [file]``.
_DOCUMENT = strict(
    type=_TYPE, cache_control=CACHE, title=FILENAME, context=FREE,
    citations=strict(enabled=SCALAR),
    source=Tagged("type", {
        "base64": _TextOrGated(_BASE64, Gate("file", "a document block", _BASE64)),
        "text": strict(type=_TYPE, media_type=_MEDIA, data=FREE),
        "content": strict(type=_TYPE, content=Shapes(str_rule=FREE, list_rule=ListOf(
            Tagged("type", {"text": _TEXT, "image": _IMAGE}, what="document content block")))),
        "url": Gate("file", "a document block", strict(type=_TYPE, url=URL)),
    }, what="document source"),
)
#: A tool result is usually JSON: masked leaf by leaf like the input that produced it.
_RESULT_BLOCK = Tagged(
    "type",
    {"text": strict(type=_TYPE, text=JSON, cache_control=CACHE, citations=ListOf(FREE)),
     "image": _IMAGE},
    what="tool_result block",
)
BLOCK = Tagged(
    "type",
    {
        "text": _TEXT,
        "image": _IMAGE,
        "document": _DOCUMENT,
        "tool_use": strict(type=_TYPE, id=IDENT_TOKEN, name=NAME_TOKEN, input=DATA,
                           cache_control=CACHE),
        "tool_result": strict(
            type=_TYPE, tool_use_id=IDENT_TOKEN, is_error=SCALAR, cache_control=CACHE,
            content=Shapes(str_rule=JSON, list_rule=ListOf(_RESULT_BLOCK)),
        ),
        # The upstream's own thinking: text masked, its signature (ciphertext) passes as base64.
        "thinking": strict(type=_TYPE, thinking=FREE, signature=OPAQUE),
        "redacted_thinking": strict(type=_TYPE, data=OPAQUE),
    },
    what="content block",
)
MESSAGE = strict(role=ENUM_TOKEN, content=Shapes(str_rule=FREE, list_rule=ListOf(BLOCK)))
TOOL = strict(type=_TYPE, name=NAME_TOKEN, description=FREE, input_schema=SCHEMA,
              cache_control=CACHE)

_COMMON = dict(
    model=MODEL_TOKEN,
    messages=ListOf(MESSAGE),
    system=Shapes(str_rule=FREE, list_rule=ListOf(_TEXT)),
    tools=ListOf(TOOL),
    tool_choice=strict(type=_TYPE, name=NAME_TOKEN, disable_parallel_tool_use=SCALAR),
    thinking=strict(type=_TYPE, budget_tokens=SCALAR),
)
MESSAGES = strict(
    **_COMMON,
    metadata=strict(user_id=PSEUDONYM),
    stop_sequences=ListOf(FREE),
    service_tier=ENUM_TOKEN,
    **{k: SCALAR for k in ("max_tokens", "stream", "temperature", "top_p", "top_k")},
)
COUNT_TOKENS = strict(**_COMMON)

register_endpoint(Endpoint("messages", MESSAGES))
register_endpoint(Endpoint("messages.count_tokens", COUNT_TOKENS))

__all__ = ["BLOCK", "COUNT_TOKENS", "MESSAGE", "MESSAGES", "TOOL"]
