"""``/v1/files`` and ``/v1/batches`` (see :mod:`.batches`)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from veil.errors import RequestValidationError
from veil.wire.errors import error_body as wire_error_body

from .batches import BatchStore, NotFoundError
from .router import _authenticate, _state, error_response
from .tenants import Principal

router = APIRouter()


def _store(request: Request) -> BatchStore:
    store = getattr(request.app.state, "veil_batches", None)
    if store is None:
        store = request.app.state.veil_batches = BatchStore()
    return store


async def _handle(
    request: Request, work: Callable[[Principal], Awaitable[Any]]
) -> Response:
    try:
        result = await work(_authenticate(request))
    except NotFoundError as e:
        return JSONResponse(
            wire_error_body(str(e), "invalid_request_error", code="not_found"), status_code=404
        )
    except Exception as e:  # noqa: BLE001 - OpenAI-shaped error, never a traceback
        return error_response(request, e)
    if isinstance(result, Response):
        return result
    return JSONResponse(result)


@router.post("/v1/files")
async def upload_file(request: Request) -> Response:
    async def work(p: Principal) -> Any:
        try:
            form = await request.form()
        except Exception:  # noqa: BLE001 - a body that is not multipart
            raise RequestValidationError(
                "send the file as multipart/form-data with fields 'file' and 'purpose'"
            ) from None
        upload, purpose = form.get("file"), form.get("purpose")
        if upload is None or isinstance(upload, str) or not isinstance(purpose, str):
            raise RequestValidationError("multipart fields 'file' (a file) and 'purpose' needed")
        data = await upload.read()
        state = _state(request)
        f = await to_thread.run_sync(
            _store(request).upload, state, p, upload.filename or "batch.jsonl", purpose, data
        )
        return f.json()

    return await _handle(request, work)


@router.get("/v1/files/{file_id}")
async def get_file(request: Request, file_id: str) -> Response:
    async def work(p: Principal) -> Any:
        return _store(request).file(p, file_id).json()

    return await _handle(request, work)


@router.get("/v1/files/{file_id}/content")
async def file_content(request: Request, file_id: str) -> Response:
    async def work(p: Principal) -> Any:
        data = await to_thread.run_sync(_store(request).content, _state(request), p, file_id)
        return Response(data, media_type="application/jsonl")

    return await _handle(request, work)


@router.delete("/v1/files/{file_id}")
async def delete_file(request: Request, file_id: str) -> Response:
    async def work(p: Principal) -> Any:
        return _store(request).delete(p, file_id)

    return await _handle(request, work)


@router.post("/v1/batches")
async def create_batch(request: Request) -> Response:
    async def work(p: Principal) -> Any:
        try:
            body = json.loads(await request.body())
        except ValueError:
            raise RequestValidationError("the body must be a JSON object") from None
        if not isinstance(body, dict):
            raise RequestValidationError("the body must be a JSON object")
        return _store(request).create(_state(request), p, body).json()

    return await _handle(request, work)


@router.get("/v1/batches")
async def list_batches(request: Request, limit: int = 20) -> Response:
    async def work(p: Principal) -> Any:
        return _store(request).list(p, max(1, min(limit, 100)))

    return await _handle(request, work)


@router.get("/v1/batches/{batch_id}")
async def get_batch(request: Request, batch_id: str) -> Response:
    async def work(p: Principal) -> Any:
        return _store(request).batch(p, batch_id).json()

    return await _handle(request, work)


@router.post("/v1/batches/{batch_id}/cancel")
async def cancel_batch(request: Request, batch_id: str) -> Response:
    async def work(p: Principal) -> Any:
        return (await _store(request).cancel(p, batch_id)).json()

    return await _handle(request, work)


__all__ = ["router"]
