"""A fast OpenAI-compatible echo LLM for benchmarks: no model, answers at once, so that what a
benchmark measures in front of it is the gateway's own cost.

``python -m veil.gateway.echo_upstream --fd N``. The answer quotes the first 256 characters of
the last user message (placeholders included, as an LLM would) in 16 streamed chunks.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from veil.wire.openai import ChatCompletionRequest, chat_chunk, chat_completion, model_list
from veil.wire.server import add_health_routes, install_error_handlers
from veil.wire.sse import DONE, encode_event

REPLY_CHARS = 256
CHUNKS = 16


def create_echo_app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None)
    install_error_handlers(app)
    add_health_routes(app)

    @app.post("/v1/chat/completions")
    async def chat(req: ChatCompletionRequest) -> Any:
        last = req.messages[-1].content or ""
        text = "Echo: " + (last if isinstance(last, str) else "")[:REPLY_CHARS]
        cid, model = "chatcmpl-echo", req.model
        if not req.stream:
            return chat_completion(id=cid, model=model, content=text, created=0)
        step = max(1, len(text) // CHUNKS)

        async def events() -> AsyncIterator[bytes]:
            for i in range(0, len(text), step):
                delta = {"content": text[i : i + step]}
                yield encode_event(chat_chunk(id=cid, model=model, created=0, delta=delta))
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
    a = p.parse_args()
    server = uvicorn.Server(
        uvicorn.Config(create_echo_app(), log_level="warning", access_log=False)
    )
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
