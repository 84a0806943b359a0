"""The OpenAI wire format, shared by every server and fake upstream in the project.

- :mod:`veil.wire.openai`  pydantic models of requests, responses and stream chunks, and chunk
  builders (``chat.completion.chunk``, streamed ``text_completion``)
- :mod:`veil.wire.sse`     server-sent events: encode an event, ``data: [DONE]``, parse a stream
- :mod:`veil.wire.errors`  OpenAI-shaped error JSON bodies and stream error events
- :mod:`veil.wire.server`  what every FastAPI server here installs: error handlers that answer
  every failure (404, 405, bad JSON) as OpenAI error JSON, and ``/healthz`` + ``/readyz``

Keeping one home for the format means the gateway, the embedded model, the obfuscated host and
the test upstreams cannot drift apart in how they frame a stream or shape an error.
"""

from __future__ import annotations

from .errors import ErrorDetail, ErrorResponse, error_body, error_event, parse_error
from .openai import (
    ChatCompletionRequest,
    CompletionRequest,
    chat_chunk,
    chat_completion,
    completion_chunk,
    text_completion,
)
from .sse import DONE, SSEDecoder, aiter_sse_data, encode_event

__all__ = [
    "DONE",
    "ChatCompletionRequest",
    "CompletionRequest",
    "ErrorDetail",
    "ErrorResponse",
    "SSEDecoder",
    "aiter_sse_data",
    "chat_chunk",
    "chat_completion",
    "completion_chunk",
    "encode_event",
    "error_body",
    "error_event",
    "parse_error",
    "text_completion",
]
