"""POST /v1/embeddings (see :mod:`.serving_embeddings`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from .router import _serve
from .serving_embeddings import EmbeddingRequest, create_embeddings

router = APIRouter()


@router.post("/v1/embeddings")
async def embeddings(request: Request) -> Response:
    return await _serve(request, EmbeddingRequest, create_embeddings)


__all__ = ["router"]
