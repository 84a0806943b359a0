"""The rig's upstream LLM: echoes the last user message (as ``veil.gateway.echo_upstream``)
and appends what it received -- the masked text -- to a JSONL file, so that the load generator
can check that no original reached it and that every replica used the same replacements.

``python -m veil.deploy.rig_upstream --fd N --record FILE``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

from veil.wire.openai import ChatCompletionRequest, chat_chunk, chat_completion, model_list
from veil.wire.server import add_health_routes, install_error_handlers
from veil.wire.sse import DONE, encode_event

CHUNKS = 8


def create_app(record: str) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None)
    install_error_handlers(app)
    add_health_routes(app)
    # O_APPEND: one write per line, so concurrent requests never interleave inside a line.
    fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    @app.post("/v1/chat/completions")
    async def chat(req: ChatCompletionRequest) -> Any:
        last = req.messages[-1].content or ""
        last = last if isinstance(last, str) else ""
        os.write(fd, (json.dumps({"text": last}) + "\n").encode())
        text = "Echo: " + last
        cid, model = "chatcmpl-rig", req.model
        if not req.stream:
            return chat_completion(id=cid, model=model, content=text, created=0)
        step = max(1, len(text) // CHUNKS)

        async def events() -> AsyncIterator[bytes]:
            for i in range(0, len(text), step):
                delta = {"content": text[i : i + step]}
                yield encode_event(chat_chunk(id=cid, model=model, created=0, delta=delta))
                await asyncio.sleep(0.005)  # a stream that lasts long enough to be cut
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
    p.add_argument("--record", required=True)
    a = p.parse_args()
    server = uvicorn.Server(
        uvicorn.Config(create_app(a.record), log_level="warning", access_log=False)
    )
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
