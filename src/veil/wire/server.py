"""What every FastAPI server in the project installs: OpenAI-shaped errors and health routes.

Starlette's defaults answer a 404 with ``{"detail": "Not Found"}`` and a bad body with FastAPI's
validation list, which echoes the offending input (possibly prompt text).
:func:`install_error_handlers` makes every such failure ``{"error": {...}}`` with field
locations only.
:func:`add_health_routes` adds ``GET /healthz`` (the process is alive) and ``GET /readyz`` (it can
serve: 200 with per-component status, or 503 with an error naming the parts that are down).
:data:`NO_FRAMEWORK_TELEMETRY` turns FastAPI's own OpenTelemetry off.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import error_body

#: ``FastAPI(telemetry=...)`` of every server here. Once an operator configures an
#: OpenTelemetry SDK in the process, FastAPI's native telemetry would export each request's
#: query string (a few parameter names redacted) and unhandled exceptions with their messages,
#: past the rule that telemetry never carries request text. Veil's own metrics and audit log
#: are its telemetry. Off, it also skips a provider lookup per request (~0.5% of a busy
#: gateway's time).
NO_FRAMEWORK_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


class FastJSONResponse(JSONResponse):
    """The same compact UTF-8 JSON as :class:`JSONResponse`, serialized by orjson (several times
    faster on answer bodies); what orjson refuses (integers beyond 64 bits, non-string keys)
    goes through the standard encoder as before."""

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content)
        except TypeError:  # orjson.JSONEncodeError
            return super().render(content)


#: ``GET /readyz`` body: component name -> status ("ok" or a short reason it is not).
Readiness = dict[str, str]

_CODES = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}


def openai_error_response(
    status: int,
    message: str,
    type: str,
    *,
    code: str | None = None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        error_body(message, type, code=code, param=param), status_code=status, headers=headers
    )


#: HTTP's own methods. h11 takes any token as a method, so any other is text the caller
#: chose: messages and log lines name it as something else.
HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
                          "CONNECT"})


def _http_error_type(status: int) -> str:
    if status in (401, 403):
        return "authentication_error"
    return "invalid_request_error" if status < 500 else "server_error"


def install_error_handlers(app: FastAPI) -> None:
    """Answer routing errors, HTTPExceptions and request validation errors as OpenAI error JSON."""

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)  # nosec B101 # an internal invariant, not a security check
        status = exc.status_code
        # Neither the path nor a method outside HTTP's own is repeated: both are text the
        # caller chose (an id, a name in a path), and an error goes on into clients' logs.
        method = request.method if request.method in HTTP_METHODS else "this method"
        if status == 404:
            message = f"no route for {method} on this path; check the URL and base path"
        elif status == 405:
            message = f"{method} is not allowed on this path"
        else:
            detail = exc.detail if isinstance(exc.detail, str) else None
            message = detail or HTTPStatus(status).phrase
        code = _CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))
        return openai_error_response(
            status, message, _http_error_type(status), code=code, headers=exc.headers
        )

    async def validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)  # nosec B101 # an internal invariant, not a security check
        # Locations and messages only: pydantic's "input" would echo the request's text.
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err.get('loc', ())) or 'body'}: {err.get('msg', '')}"
            for err in exc.errors()[:5]
        )
        first = exc.errors()[0].get("loc", ()) if exc.errors() else ()
        param = ".".join(str(x) for x in first[1:]) or None if first else None
        return openai_error_response(
            400,
            f"invalid request body: {problems}",
            "invalid_request_error",
            code="invalid_request_error",
            param=param,
        )

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def add_health_routes(
    app: FastAPI, ready: Callable[[], Awaitable[Readiness]] | None = None
) -> None:
    """``/healthz`` always answers 200 while the process serves; ``/readyz`` runs ``ready`` (no
    check: ready as soon as it serves) and answers 503 unless every component is ``"ok"``."""

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False, response_model=None)
    async def readyz() -> Any:
        components: Readiness = await ready() if ready is not None else {}
        down = sorted(name for name, status in components.items() if status != "ok")
        if down:
            body = error_body(
                "not ready: " + "; ".join(f"{name}: {components[name]}" for name in down),
                "server_error",
                code="not_ready",
            )
            body["components"] = components
            return JSONResponse(body, status_code=503)
        return {"status": "ok", "components": components}


__all__ = [
    "HTTP_METHODS",
    "Readiness",
    "add_health_routes",
    "install_error_handlers",
    "openai_error_response",
]
