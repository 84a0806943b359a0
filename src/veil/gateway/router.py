"""HTTP routes. Handlers authenticate, parse, call the serving layer and shape the response;
every failure becomes OpenAI error JSON here (nothing reaches Starlette's default handler, which
would log a traceback whose message might quote the request)."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from veil.errors import VeilError
from veil.wire.openai import ChatCompletionRequest, CompletionRequest
from veil.wire.server import FastJSONResponse

from . import audit_events
from .errors import UpstreamStatusError, error_body, error_code, status_and_type
from .request_id import route_template
from .serving_chat import create_chat_completion
from .serving_completions import create_completion
from .sessions import SESSION_HEADER
from .state import GatewayState
from .streaming import metric_code
from .tenants import Principal
from .upstream import capture_response_headers

log = logging.getLogger("veil.gateway")
router = APIRouter()

_SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _state(request: Request) -> GatewayState:
    state: GatewayState = request.app.state.veil
    return state


def _request_id(request: Request) -> str:
    rid = request.scope.get("state", {}).get("request_id")
    return rid if isinstance(rid, str) else "-"


def route_path(request: Request) -> str:
    """The route's template (``/v1/responses/:response_id``) for logs and audit records, never
    the raw path: ids in a path are text the caller chose."""
    return route_template(request.scope)


def error_response(
    request: Request, exc: BaseException, headers: dict[str, str] | None = None
) -> JSONResponse:
    """OpenAI error JSON for ``exc``, with the upstream's pass-through headers (retry-after,
    rate limits) when the upstream caused it."""
    status, _ = status_and_type(exc)
    _state(request).metrics.errors.labels(metric_code(exc)).inc()
    rid = _request_id(request)
    if isinstance(exc, VeilError):
        log.warning(
            "request refused: id=%s path=%s status=%d code=%s",
            rid,
            route_path(request),
            status,
            error_code(exc),
        )
    else:  # class name only: the message or traceback could carry request text
        log.error(
            "internal failure: id=%s path=%s error=%s", rid, route_path(request),
            type(exc).__name__,
        )
    tenant = request.scope.get("state", {}).get("tenant")
    audit_events.refused(_state(request), route_path(request), exc, status, tenant=tenant,
                         request_id=rid)
    out = dict(headers or {})
    if isinstance(exc, UpstreamStatusError):
        out.update(exc.headers)
    return JSONResponse(error_body(exc), status_code=status, headers=out)


def _authenticate(request: Request) -> Principal:
    principal = _state(request).tenants.authenticate(
        request.headers.get("authorization"), request.headers.get("x-api-key")
    )
    request.state.tenant = principal.tenant.name
    audit_events.bind_request_id(_request_id(request))
    return principal


def _admin_refusal(request: Request) -> Response | None:
    """None when the request carries an admin key; else a 404 (no admin key configured: the
    route does not exist here) or 401. Tenant keys never open admin routes."""
    from veil.wire.errors import error_body as wire_error_body

    tenants = _state(request).tenants
    if not tenants.has_admin:
        return JSONResponse(
            wire_error_body(
                "not found; admin routes need admin_api_key_sha256 in the gateway config",
                "invalid_request_error",
                code="not_found",
            ),
            status_code=404,
        )
    if tenants.is_admin(request.headers.get("authorization"), request.headers.get("x-api-key")):
        return None
    return JSONResponse(
        wire_error_body(
            "admin route: send 'Authorization: Bearer <admin key>' (tenant keys are not accepted)",
            "authentication_error",
            code="invalid_api_key",
        ),
        status_code=401,
    )


async def _respond(
    request: Request, work: Awaitable[dict[str, Any] | AsyncIterator[bytes]]
) -> Response:
    with capture_response_headers() as upstream_headers:
        try:
            result = await work
        except Exception as e:  # noqa: BLE001 - fail closed with an OpenAI-shaped error
            return error_response(request, e, upstream_headers)
    if isinstance(result, dict):
        return FastJSONResponse(result, headers=upstream_headers)
    return StreamingResponse(
        result, media_type="text/event-stream", headers={**_SSE_HEADERS, **upstream_headers}
    )


async def _parse(request: Request, model: type[Any]) -> Any:
    from pydantic import ValidationError

    from veil.errors import RequestValidationError

    try:
        raw = await request.body()
        return model.model_validate_json(raw)
    except ValidationError as e:
        # loc and msg only: pydantic's "input" would echo the request's text, and so would a
        # loc's caller-chosen keys (an unknown field's name, a dict key): those are <key>
        names = _field_names(model)
        problems = "; ".join(
            f"{_loc(err['loc'], names, extra=err['type'] == 'extra_forbidden')}: {err['msg']}"
            for err in e.errors(include_input=False, include_url=False)[:5]
        )
        raise RequestValidationError(f"invalid request body: {problems}") from None


#: A union member's tag in a pydantic error location (``str``, ``list[ContentPart]``).
_UNION_TAG = re.compile(r"(?:str|int|float|bool|none|[a-z-]+\[[A-Za-z0-9_\[\],.]+\])")


_FIELD_NAMES: dict[type[Any], frozenset[str]] = {}


def _field_names(model: type[Any]) -> frozenset[str]:
    """Every field name (and alias) of ``model`` and the models nested in it (cached)."""
    known = _FIELD_NAMES.get(model)
    if known is not None:
        return known
    names: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                names.update(k for k in props if isinstance(k, str))
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    with contextlib.suppress(Exception):  # no schema: every key is shown as <key>
        collect(model.model_json_schema())
    known = _FIELD_NAMES[model] = frozenset(names)
    return known


def _loc(loc: tuple[Any, ...], names: frozenset[str], *, extra: bool) -> str:
    """A pydantic error location with the caller's keys (not a declared field name, an index
    or a union tag; the last part of an ``extra_forbidden`` error) shown as ``<key>``."""
    parts: list[str] = []
    for i, x in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(x, int) or (
            isinstance(x, str) and not (extra and last)
            and (x in names or _UNION_TAG.fullmatch(x))
        ):
            parts.append(str(x))
        else:
            parts.append("<key>")
    return ".".join(parts) or "body"


_Req = TypeVar("_Req")
_Result = dict[str, Any] | AsyncIterator[bytes]


async def _serve(
    request: Request,
    model: type[_Req],
    create: Callable[[GatewayState, _Req, Principal, str | None], Awaitable[_Result]],
) -> Response:
    """Authenticate, parse the body as ``model``, then let the serving layer answer it."""

    async def work() -> _Result:
        principal = _authenticate(request)
        req = await _parse(request, model)
        return await create(_state(request), req, principal, request.headers.get(SESSION_HEADER))

    return await _respond(request, work())


async def _serve_principal(
    request: Request, answer: Callable[[GatewayState, Principal], Awaitable[_Result]]
) -> Response:
    """Authenticate, then let the serving layer answer (routes without a request body; what
    ``answer`` checks of the path runs after authentication, so a stranger learns nothing)."""

    async def work() -> _Result:
        principal = _authenticate(request)
        return await answer(_state(request), principal)

    return await _respond(request, work())


@router.post("/v1/chat/completions")
async def chat_completions(request: Request) -> Response:
    return await _serve(request, ChatCompletionRequest, create_chat_completion)


@router.post("/v1/completions")
async def completions(request: Request) -> Response:
    return await _serve(request, CompletionRequest, create_completion)


@router.get("/v1/models")
async def models(request: Request) -> Response:
    async def work() -> dict[str, Any]:
        _authenticate(request)
        state = _state(request)
        if state.models is None:
            return await state.upstream.models()
        return listed_models(await state.upstream.models(), state.models)

    return await _respond(request, work())


def listed_models(upstream: dict[str, Any], models: frozenset[str]) -> dict[str, Any]:
    """The upstream's model list cut to the configured ``upstream.models`` (the only ids a
    request may name), in the upstream's order; a listed id the upstream does not list is
    added as Veil's card."""
    from veil.wire.openai import model_list

    data = upstream.get("data")
    cards = [c for c in data if isinstance(c, dict) and c.get("id") in models] if isinstance(
        data, list) else []
    known = {c["id"] for c in cards}
    cards += model_list(*sorted(models - known))["data"]
    return {**upstream, "object": "list", "data": cards}


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    if (refused := _admin_refusal(request)) is not None:
        return refused
    m = _state(request).metrics
    return Response(m.render(), media_type=m.content_type)


@router.get("/openapi.json", include_in_schema=False)
async def openapi(request: Request) -> Response:
    if (refused := _admin_refusal(request)) is not None:
        return refused
    return JSONResponse(request.app.openapi())


__all__ = ["error_response", "route_path", "router"]
