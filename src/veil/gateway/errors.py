"""Exceptions -> OpenAI-shaped error JSON.

Messages come from :class:`~veil.errors.VeilError` subclasses, which by contract never carry
prompt text or detected values. Anything else is reported by class name only: its message could
quote the request.

Gateway-specific upstream errors (subclasses of :class:`~veil.errors.UpstreamError`)::

    UpstreamError
    ├── UpstreamStatusError      upstream answered 4xx/5xx (its status, type, code, param and
    │                            message go to the client, never into logs or the exception text)
    ├── UpstreamTimeoutError     connect/read timeout
    ├── UpstreamConnectError     upstream unreachable
    └── UpstreamProtocolError    malformed body or a stream that ended without [DONE]
"""

from __future__ import annotations

from typing import Any

from veil import errors as E
from veil.wire.errors import ErrorDetail, error_event
from veil.wire.errors import error_body as wire_error_body


class UpstreamStatusError(E.UpstreamError):
    """The upstream refused or failed a request.

    ``detail`` is the upstream's own error (it only ever saw masked text); it is relayed to the
    client as is, but kept out of ``str(exc)`` so that logging the exception stays safe.
    """

    code = "upstream_status"

    def __init__(
        self,
        status: int,
        detail: ErrorDetail | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        kind = f" ({detail.code or detail.type})" if detail is not None else ""
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
    E.NotFoundError: (404, "invalid_request_error"),
    E.InputError: (400, "invalid_request_error"),
    UpstreamTimeoutError: (504, "upstream_error"),
    UpstreamConnectError: (502, "upstream_error"),
    UpstreamProtocolError: (502, "upstream_error"),
    E.UpstreamError: (502, "upstream_error"),
    E.DetectionError: (503, "privacy_error"),
    E.MaskingError: (503, "privacy_error"),
    E.VaultError: (503, "privacy_error"),
    E.AttestationError: (503, "server_error"),
    E.BudgetExhaustedError: (429, "privacy_budget_exhausted"),
    E.ConfigError: (500, "server_error"),
    E.VeilError: (500, "server_error"),
}


def status_and_type(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, UpstreamStatusError):
        # Client mistakes upstream (bad model, 429) keep their status; upstream failures are 502.
        status = exc.status if 400 <= exc.status < 500 else 502
        return status, exc.detail.type if exc.detail is not None else "upstream_error"
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 500, "server_error"


def error_code(exc: BaseException) -> str:
    """The ``code`` of the error JSON (also the metrics label: a short identifier)."""
    if isinstance(exc, UpstreamStatusError) and exc.detail is not None and exc.detail.code:
        return exc.detail.code
    return exc.code if isinstance(exc, E.VeilError) else "internal_error"


def error_body(exc: BaseException) -> dict[str, Any]:
    """OpenAI error JSON for ``exc``; never includes the text of a non-Veil exception."""
    _, typ = status_and_type(exc)
    code, param = error_code(exc), None
    if isinstance(exc, UpstreamStatusError) and exc.detail is not None:
        message, param = exc.detail.message or str(exc), exc.detail.param
    elif isinstance(exc, E.VeilError):
        message = str(exc)
        # a field name the error class declares (``model``), never request text
        # (an instance's: a declared field's path the error names, see ProtocolNumberError)
        declared = getattr(exc, "param", None)
        param = declared if isinstance(declared, str) else None
    else:
        message = (
            f"internal gateway failure ({type(exc).__name__}); the request was not forwarded "
            "or its answer was withheld. Check the gateway logs"
        )
    return wire_error_body(message, typ, code=code, param=param)


def sse_error(exc: BaseException) -> bytes:
    """An error event for a stream that already started (followed by ``data: [DONE]``)."""
    err = error_body(exc)["error"]
    return error_event(err["message"], err["type"], code=err["code"], param=err["param"])


__all__ = [
    "UpstreamConnectError",
    "UpstreamProtocolError",
    "UpstreamStatusError",
    "UpstreamTimeoutError",
    "error_body",
    "error_code",
    "sse_error",
    "status_and_type",
]
