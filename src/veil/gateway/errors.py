"""Exceptions -> OpenAI-shaped error JSON.

Messages come from :class:`~veil.errors.VeilError` subclasses, which by contract never carry
prompt text or detected values. Anything else is reported by class name only: its message could
quote the request.

Gateway-specific upstream errors (subclasses of :class:`~veil.errors.UpstreamError`)::

    UpstreamError
    ├── UpstreamStatusError      upstream answered 4xx/5xx (status kept, body never logged)
    ├── UpstreamTimeoutError     connect/read timeout
    ├── UpstreamConnectError     upstream unreachable
    └── UpstreamProtocolError    malformed body or a stream that ended without [DONE]
"""

from __future__ import annotations

import json
from typing import Any

from veil import errors as E

from .protocol import ErrorDetail, ErrorResponse


class UpstreamStatusError(E.UpstreamError):
    code = "upstream_status"

    def __init__(self, status: int, upstream_type: str | None = None) -> None:
        self.status = status
        self.upstream_type = upstream_type
        kind = f" ({upstream_type})" if upstream_type else ""
        super().__init__(
            f"upstream LLM answered HTTP {status}{kind}; check the model name, parameters and "
            "the upstream API key"
        )


class UpstreamTimeoutError(E.UpstreamError):
    code = "upstream_timeout"


class UpstreamConnectError(E.UpstreamError):
    code = "upstream_unreachable"


class UpstreamProtocolError(E.UpstreamError):
    code = "upstream_protocol_error"


# (HTTP status, OpenAI error type) per VeilError class; the most specific class wins (MRO order).
_STATUS: dict[type[E.VeilError], tuple[int, str]] = {
    E.AuthenticationError: (401, "authentication_error"),
    E.RequestValidationError: (400, "invalid_request_error"),
    E.InputError: (400, "invalid_request_error"),
    UpstreamTimeoutError: (504, "upstream_error"),
    UpstreamConnectError: (502, "upstream_error"),
    UpstreamProtocolError: (502, "upstream_error"),
    E.UpstreamError: (502, "upstream_error"),
    E.DetectionError: (503, "privacy_error"),
    E.MaskingError: (503, "privacy_error"),
    E.VaultError: (503, "privacy_error"),
    E.BudgetExhaustedError: (429, "privacy_budget_exhausted"),
    E.ConfigError: (500, "server_error"),
    E.VeilError: (500, "server_error"),
}


def status_and_type(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, UpstreamStatusError):
        # Client mistakes upstream (bad model, 429) keep their status; upstream failures are 502.
        return (exc.status if 400 <= exc.status < 500 else 502), "upstream_error"
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 500, "server_error"


def error_body(exc: BaseException) -> dict[str, Any]:
    """OpenAI error JSON for ``exc``; never includes the text of a non-Veil exception."""
    _, typ = status_and_type(exc)
    if isinstance(exc, E.VeilError):
        message, code = str(exc), exc.code
    else:
        message = (
            f"internal gateway failure ({type(exc).__name__}); the request was not forwarded "
            "or its answer was withheld. Check the gateway logs"
        )
        code = "internal_error"
    return ErrorResponse(error=ErrorDetail(message=message, type=typ, code=code)).model_dump()


def sse_error(exc: BaseException) -> bytes:
    """An error event for a stream that already started (followed by ``data: [DONE]``)."""
    return f"data: {json.dumps(error_body(exc))}\n\n".encode()


__all__ = [
    "UpstreamConnectError",
    "UpstreamProtocolError",
    "UpstreamStatusError",
    "UpstreamTimeoutError",
    "error_body",
    "sse_error",
    "status_and_type",
]
