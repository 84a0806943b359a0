"""OpenAI-shaped errors: ``{"error": {"message", "type", "param", "code"}}``.

Builders for the JSON body and for the stream event a server sends when a stream that already
started fails, and :func:`parse_error` to read one back from an upstream (tolerating the shapes
OpenAI-compatible servers actually send: ``code`` as an int, a bare string ``error``...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .sse import encode_event

#: Longest upstream error message relayed to a client.
MAX_MESSAGE_CHARS = 1000

_IDENT = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_PARAM = re.compile(r"^[A-Za-z0-9_.\-\[\]]{1,128}$")  # e.g. messages[0].content


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_body(
    message: str, type: str, *, code: str | None = None, param: str | None = None
) -> dict[str, Any]:
    """The JSON body of an error response."""
    detail = ErrorDetail(message=message, type=type, param=param, code=code)
    return ErrorResponse(error=detail).model_dump()


def error_event(
    message: str, type: str, *, code: str | None = None, param: str | None = None
) -> bytes:
    """An SSE error event (send ``data: [DONE]`` after it)."""
    return encode_event(error_body(message, type, code=code, param=param))


def _ident(value: object) -> str | None:
    """A short identifier (``rate_limit_exceeded``, ``429``) or None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and _IDENT.match(value):
        return value
    return None


#: What an upstream's message shows where it quoted a credential (see :func:`parse_error`).
WITHHELD = "<upstream key withheld>"


def parse_error(body: object, *, withhold: Sequence[str] = ()) -> ErrorDetail | None:
    """The error an upstream sent in ``body`` (a decoded JSON value), if it is one.

    ``type``, ``code`` and ``param`` are kept only when they look like identifiers; the message is
    cut to :data:`MAX_MESSAGE_CHARS`. Every string of ``withhold`` (the credential the request
    was sent with) is replaced first: some servers quote the key they refused in full, and the
    message goes to every tenant's callers.
    """
    if not isinstance(body, dict):
        return None
    err = body.get("error")
    if isinstance(err, str):
        err = {"message": err}
    if not isinstance(err, dict):
        return None
    message = err.get("message")
    message = message if isinstance(message, str) else ""
    for secret in withhold:
        message = message.replace(secret, WITHHELD)
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    return ErrorDetail(
        message=message,
        type=_ident(err.get("type")) or "upstream_error",
        param=p if isinstance(p := err.get("param"), str) and _PARAM.match(p) else None,
        code=_ident(err.get("code")),
    )


__all__ = [
    "MAX_MESSAGE_CHARS",
    "WITHHELD",
    "ErrorDetail",
    "ErrorResponse",
    "error_body",
    "error_event",
    "parse_error",
]
