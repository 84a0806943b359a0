"""HTTP routes of the Responses API; errors are OpenAI error JSON (see :mod:`.router`)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response

from veil.errors import NotFoundError
from veil.wire.responses import ResponsesRequest

from .router import _serve, _serve_principal
from .serving_responses import (
    create_response,
    delete_response,
    get_response,
    list_input_items,
)

router = APIRouter()

_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def _checked_id(response_id: str) -> str:
    if not _ID.match(response_id):
        raise NotFoundError("no response with this id")  # never echo the path segment
    return response_id


@router.post("/v1/responses")
async def responses(request: Request) -> Response:
    return await _serve(request, ResponsesRequest, create_response)


@router.get("/v1/responses/{response_id}")
async def responses_get(request: Request, response_id: str) -> Response:
    return await _serve_principal(
        request, lambda state, principal: get_response(state, principal, _checked_id(response_id))
    )


@router.get("/v1/responses/{response_id}/input_items")
async def responses_input_items(
    request: Request, response_id: str, limit: int = 20, order: str = "desc",
    after: str | None = None,
) -> Response:
    return await _serve_principal(
        request,
        lambda state, principal: list_input_items(
            state, principal, _checked_id(response_id), limit=limit, order=order, after=after
        ),
    )


@router.delete("/v1/responses/{response_id}")
async def responses_delete(request: Request, response_id: str) -> Response:
    return await _serve_principal(
        request,
        lambda state, principal: delete_response(state, principal, _checked_id(response_id)),
    )


__all__ = ["router"]
