"""A fast OpenAI-compatible echo LLM for benchmarks: no model, answers at once, so that what a
benchmark measures in front of it is the gateway's own cost.

``python -m veil.gateway.echo_upstream --fd N``. The answer quotes the first 256 characters of
the last user message (placeholders included, as an LLM would) in 16 streamed chunks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

REPLY_CHARS = 256
CHUNKS = 16


def create_echo_app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None)

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        last = body["messages"][-1].get("content") or ""
        text = "Echo: " + (last if isinstance(last, str) else "")[:REPLY_CHARS]
        base = {"id": "chatcmpl-echo", "created": 0, "model": body.get("model", "echo")}
        if not body.get("stream"):
            return {
                **base,
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
            }
        step = max(1, len(text) // CHUNKS)

        async def events() -> AsyncIterator[bytes]:
            for i in range(0, len(text), step):
                obj = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"content": text[i : i + step]},
                            "finish_reason": None,
                        }
                    ],
                }
                yield f"data: {json.dumps(obj)}\n\n".encode()
            obj = {
                **base,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            }
            yield f"data: {json.dumps(obj)}\n\ndata: [DONE]\n\n".encode()

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": "echo", "object": "model", "owned_by": "veil"}]}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

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
