"""Presidio-compatible REST routes under ``/presidio`` (see :mod:`.presidio_api`).

Point a Presidio client at ``http://<gateway>/presidio`` for both the analyzer and the
anonymizer (LiteLLM: ``PRESIDIO_ANALYZER_API_BASE`` and ``PRESIDIO_ANONYMIZER_API_BASE``).
Errors are Presidio-shaped (``{"error": "..."}``). Authentication is the gateway's: with tenant
keys configured a Presidio client must send ``Authorization: Bearer <key>``, ``X-Api-Key``, or
the key in the base URL (``http://:<key>@gateway/presidio``: Basic credentials, for clients such
as LiteLLM's guardrail that send no headers); only a gateway without tenant keys (auth off)
serves a client that sends no key, as the anonymous default tenant.
``/presidio/health`` needs no key and says nothing about any tenant.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from veil.errors import AuthenticationError, VeilError

from .errors import status_and_type
from .presidio_api import (
    ANONYMIZERS,
    DEANONYMIZERS,
    PRESIDIO_TOKEN,
    AnalyzeRequest,
    AnonymizeRequest,
    DeanonymizeRequest,
    PresidioError,
    analyze,
    anonymize,
    deanonymize,
    recognizers,
    supported_entities,
)
from .router import _authenticate, _parse, _state, route_path
from .tenants import Principal

log = logging.getLogger("veil.gateway")

#: Where the routes are mounted; :func:`presidio_router` takes another.
PRESIDIO_PREFIX = "/presidio"

_T = TypeVar("_T")


def _error(request: Request, exc: BaseException) -> Response:
    if isinstance(exc, PresidioError):
        status = exc.status
    else:
        status, _ = status_and_type(exc)
    message = str(exc) if isinstance(exc, VeilError) else "internal error"
    rid = request.scope.get("state", {}).get("request_id", "-")
    log.warning("presidio request refused: id=%s path=%s status=%d", rid, route_path(request),
                status)
    return JSONResponse({"error": message}, status_code=status)


def _authenticate_presidio(request: Request) -> Principal:
    """The gateway's authentication; Presidio clients that can set no header may put the key
    in the base URL's user info (``http://:<key>@gateway/presidio``), which HTTP clients send
    as ``Authorization: Basic`` -- the password (or, without one, the user name) is the key."""
    auth = request.headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    if scheme.lower() != "basic":
        return _authenticate(request)
    try:
        user, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        raise AuthenticationError(
            "malformed Basic credentials; send the tenant key as the password"
        ) from None
    principal = _state(request).tenants.authenticate(None, password or user)
    request.state.tenant = principal.tenant.name
    return principal


async def _run(
    request: Request, work: Callable[[Principal, Any], _T], model: type[Any] | None = None
) -> Response:
    """Authenticate, parse the body as ``model`` (if any), run ``work`` off the event loop."""
    seal = getattr(_state(request), "seal", None)
    if seal is not None and (status := seal.status()).sealed:
        # As every /v1/* route: nothing is served while the vault's master key is split.
        from .sealing import sealed_message

        return JSONResponse({"error": sealed_message(status)}, status_code=503)
    try:
        principal = _authenticate_presidio(request)
        body = await _parse(request, model) if model is not None else None
        result = await to_thread.run_sync(work, principal, body)
    except Exception as e:  # noqa: BLE001 - Presidio-shaped error, never a traceback
        return _error(request, e)
    return JSONResponse(result)


def presidio_router(prefix: str = PRESIDIO_PREFIX) -> APIRouter:
    router = APIRouter(prefix=prefix)

    @router.get("/health")
    async def health() -> Response:
        return PlainTextResponse("Presidio Analyzer service is up")

    @router.post("/analyze")
    async def analyze_route(request: Request) -> Response:
        core = _state(request).core
        return await _run(request, lambda p, req: analyze(core, p.tenant.name, req), AnalyzeRequest)

    @router.get("/recognizers")
    async def recognizers_route(request: Request, language: str = "en") -> Response:
        core = _state(request).core
        return await _run(request, lambda p, _: recognizers(core, p.tenant.name, language))

    @router.get("/supportedentities")
    async def entities_route(request: Request, language: str = "en") -> Response:
        core = _state(request).core
        return await _run(request, lambda p, _: supported_entities(core, p.tenant.name, language))

    @router.get("/anonymizers")
    async def anonymizers_route(request: Request) -> Response:
        return await _run(request, lambda p, _: list(ANONYMIZERS))

    @router.get("/deanonymizers")
    async def deanonymizers_route(request: Request) -> Response:
        return await _run(request, lambda p, _: list(DEANONYMIZERS))

    @router.post("/anonymize")
    async def anonymize_route(request: Request) -> Response:
        key = _state(request).sessions.derived_key(PRESIDIO_TOKEN)

        def work(p: Principal, req: AnonymizeRequest) -> Any:
            return anonymize(req, key=key, tenant=p.tenant.name, principal=p.id)

        return await _run(request, work, AnonymizeRequest)

    @router.post("/deanonymize")
    async def deanonymize_route(request: Request) -> Response:
        return await _run(request, lambda p, req: deanonymize(req), DeanonymizeRequest)

    return router


router = presidio_router()

__all__ = ["PRESIDIO_PREFIX", "presidio_router", "router"]
