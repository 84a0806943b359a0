"""HTTP routes of the Responses API; errors are OpenAI error JSON (see :mod:`.router`)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request, Response

from veil.errors import NotFoundError
from veil.wire.responses import ResponsesRequest

from .router import _authenticate, _parse, _respond, _state
from .serving_responses import (
    create_response,
    delete_response,
    get_response,
    list_input_items,
)
from .sessions import SESSION_HEADER

router = APIRouter()

_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def _checked_id(response_id: str) -> str:
    if not _ID.match(response_id):
        raise NotFoundError("no response with this id")  # never echo the path segment
    return response_id


@router.post("/v1/responses")
async def responses(request: Request) -> Response:
    async def work() -> Any:
        principal = _authenticate(request)
        req = await _parse(request, ResponsesRequest)
        return await create_response(
            _state(request), req, principal, request.headers.get(SESSION_HEADER)
        )

    return await _respond(request, work())


@router.get("/v1/responses/{response_id}")
async def responses_get(request: Request, response_id: str) -> Response:
    async def work() -> Any:
        principal = _authenticate(request)
        return await get_response(_state(request), principal, _checked_id(response_id))

    return await _respond(request, work())


@router.get("/v1/responses/{response_id}/input_items")
async def responses_input_items(
    request: Request, response_id: str, limit: int = 20, order: str = "desc",
    after: str | None = None,
) -> Response:
    async def work() -> Any:
        principal = _authenticate(request)
        return await list_input_items(
            _state(request), principal, _checked_id(response_id), limit=limit, order=order,
            after=after,
        )

    return await _respond(request, work())


@router.delete("/v1/responses/{response_id}")
async def responses_delete(request: Request, response_id: str) -> Response:
    async def work() -> Any:
        principal = _authenticate(request)
        return await delete_response(_state(request), principal, _checked_id(response_id))

    return await _respond(request, work())


__all__ = ["router"]
