"""HTTP routes. Handlers authenticate, parse, call the serving layer and shape the response;
every failure becomes OpenAI error JSON here (nothing reaches Starlette's default handler, which
would log a traceback whose message might quote the request)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from veil.errors import VeilError

from .errors import error_body, status_and_type
from .protocol import ChatCompletionRequest, CompletionRequest
from .serving_chat import create_chat_completion
from .serving_completions import create_completion
from .sessions import SESSION_HEADER
from .state import GatewayState
from .tenants import Tenant

log = logging.getLogger("veil.gateway")
router = APIRouter()

_SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _state(request: Request) -> GatewayState:
    state: GatewayState = request.app.state.veil
    return state


def error_response(request: Request, exc: BaseException) -> JSONResponse:
    status, _ = status_and_type(exc)
    code = exc.code if isinstance(exc, VeilError) else "internal_error"
    _state(request).metrics.errors.labels(code).inc()
    if isinstance(exc, VeilError):
        log.warning("request refused: path=%s status=%d code=%s", request.url.path, status, code)
    else:  # class name only: the message or traceback could carry request text
        log.error("internal failure: path=%s error=%s", request.url.path, type(exc).__name__)
    return JSONResponse(error_body(exc), status_code=status)


def _authenticate(request: Request) -> Tenant:
    tenant = _state(request).tenants.authenticate(
        request.headers.get("authorization"), request.headers.get("x-api-key")
    )
    request.state.tenant = tenant.name
    return tenant


async def _respond(
    request: Request, work: Awaitable[dict[str, Any] | AsyncIterator[bytes]]
) -> Response:
    try:
        result = await work
    except Exception as e:  # noqa: BLE001 - fail closed with an OpenAI-shaped error
        return error_response(request, e)
    if isinstance(result, dict):
        return JSONResponse(result)
    return StreamingResponse(result, media_type="text/event-stream", headers=_SSE_HEADERS)


async def _parse(request: Request, model: type[Any]) -> Any:
    from pydantic import ValidationError

    from veil.errors import RequestValidationError

    try:
        raw = await request.body()
        return model.model_validate_json(raw)
    except ValidationError as e:
        # loc and msg only: pydantic's "input" would echo the request's text
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or 'body'}: {err['msg']}"
            for err in e.errors(include_input=False, include_url=False)[:5]
        )
        raise RequestValidationError(f"invalid request body: {problems}") from None


@router.post("/v1/chat/completions")
async def chat_completions(request: Request) -> Response:
    async def work() -> dict[str, Any] | AsyncIterator[bytes]:
        tenant = _authenticate(request)
        req = await _parse(request, ChatCompletionRequest)
        return await create_chat_completion(
            _state(request), req, tenant, request.headers.get(SESSION_HEADER)
        )

    return await _respond(request, work())


@router.post("/v1/completions")
async def completions(request: Request) -> Response:
    async def work() -> dict[str, Any] | AsyncIterator[bytes]:
        tenant = _authenticate(request)
        req = await _parse(request, CompletionRequest)
        return await create_completion(
            _state(request), req, tenant, request.headers.get(SESSION_HEADER)
        )

    return await _respond(request, work())


@router.get("/v1/models")
async def models(request: Request) -> Response:
    async def work() -> dict[str, Any]:
        _authenticate(request)
        return await _state(request).upstream.models()

    return await _respond(request, work())


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    m = _state(request).metrics
    return Response(m.render(), media_type=m.content_type)


__all__ = ["error_response", "router"]
