"""A fast OpenAI-compatible echo LLM for benchmarks: no model, answers at once, so that what a
benchmark measures in front of it is the gateway's own cost.

``python -m veil.gateway.echo_upstream --fd N``. The answer quotes the first 256 characters of
the last user message (placeholders included, as an LLM would) in 16 streamed chunks.

The replicas rig runs it with ``--record FILE --reply-chars 0 --chunks 8 --chunk-delay 0.005``:
it then appends every text it receives -- the masked text -- to a JSONL file (so the load
generator can check that no original reached it and that every replica used the same
replacements) and streams slowly enough for a stream to be cut mid-way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from veil.wire.openai import ChatCompletionRequest, chat_chunk, chat_completion, model_list
from veil.wire.server import (
    NO_FRAMEWORK_TELEMETRY,
    FastJSONResponse,
    add_health_routes,
    install_error_handlers,
)
from veil.wire.sse import DONE, encode_event

REPLY_CHARS = 256
CHUNKS = 16


def create_echo_app(
    *,
    reply_chars: int = REPLY_CHARS,
    chunks: int = CHUNKS,
    chunk_delay_s: float = 0.0,
    record: str | None = None,
) -> FastAPI:
    """``reply_chars`` 0 quotes the whole message; ``record`` names the JSONL file that receives
    every text sent here."""
    app = FastAPI(docs_url=None, redoc_url=None, telemetry=NO_FRAMEWORK_TELEMETRY)
    install_error_handlers(app)
    add_health_routes(app)
    # O_APPEND: one write per line, so concurrent requests never interleave inside a line.
    fd = None if record is None else os.open(record, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        # the body parsed and checked in one pydantic call and the answer written by orjson,
        # as the gateway does: a benchmark's echo shares the cores with the gateways it
        # measures (FastAPI's own body handling and encoder took 0.33 ms of CPU a request)
        try:
            req = ChatCompletionRequest.model_validate_json(await request.body())
        except ValidationError as e:
            raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in
                                          e.errors(include_input=False, include_url=False)]) \
                from None
        last = req.messages[-1].content or ""
        last = last if isinstance(last, str) else ""
        if fd is not None:
            os.write(fd, (json.dumps({"text": last}) + "\n").encode())
        text = "Echo: " + (last[:reply_chars] if reply_chars else last)
        cid, model = "chatcmpl-echo", req.model
        if not req.stream:
            return FastJSONResponse(chat_completion(id=cid, model=model, content=text, created=0))
        step = max(1, len(text) // chunks)

        async def events() -> AsyncIterator[bytes]:
            for i in range(0, len(text), step):
                delta = {"content": text[i : i + step]}
                yield encode_event(chat_chunk(id=cid, model=model, created=0, delta=delta))
                if chunk_delay_s:
                    await asyncio.sleep(chunk_delay_s)
            end = chat_chunk(id=cid, model=model, created=0, delta={}, finish_reason="stop")
            yield encode_event(end) + DONE

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return model_list("echo")

    return app


if __name__ == "__main__":
    import uvicorn

    p = argparse.ArgumentParser()
    p.add_argument("--fd", type=int, required=True)
    p.add_argument("--reply-chars", type=int, default=REPLY_CHARS)
    p.add_argument("--chunks", type=int, default=CHUNKS)
    p.add_argument("--chunk-delay", type=float, default=0.0)
    p.add_argument("--record")
    a = p.parse_args()
    app = create_echo_app(reply_chars=a.reply_chars, chunks=a.chunks,
                          chunk_delay_s=a.chunk_delay, record=a.record)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
