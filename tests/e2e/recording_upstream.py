"""A test upstream LLM: OpenAI-compatible, records every request body, answers like an LLM that
quotes (and sometimes mangles) the placeholders it was given.

Run: ``python tests/e2e/recording_upstream.py --fd N --record FILE`` (serves on a bound socket).
Behaviour is chosen by the request's ``model``:

- ``echo``     "Echo: <last user message>" (placeholders quoted verbatim)
- ``alter``    quotes each placeholder of the last user message the way LLMs rewrite them
               (lower case, markdown bold around, bold inside, spaces, possessive)
- ``history``  quotes every placeholder of every message (restoration across turns)
- ``tool``     calls the tool ``send_email`` with the first e-mail/person placeholders
- ``error500`` answers HTTP 500; ``drop`` breaks the stream off after a few chunks
- ``ratelimit`` answers HTTP 429 ``rate_limit_exceeded`` with ``retry-after``, ``x-ratelimit-*``
  and ``x-request-id`` headers, as OpenAI does
- ``nodone``   streams the answer, then closes the stream without ``data: [DONE]``

Every answer carries ``x-request-id`` and ``openai-processing-ms``. The wire format comes from
:mod:`veil.wire`, like every server in the project.

Streams go out in 3-character pieces so that placeholders are split across chunks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import StreamingResponse

from veil.wire.openai import (
    chat_chunk,
    chat_completion,
    completion_chunk,
    model_list,
    text_completion,
)
from veil.wire.server import add_health_routes, install_error_handlers, openai_error_response
from veil.wire.sse import DONE, encode_event

UPSTREAM_HEADERS = {"x-request-id": "req_upstream_e2e", "openai-processing-ms": "7"}
RATE_LIMIT_HEADERS = {
    **UPSTREAM_HEADERS,
    "retry-after": "2",
    "x-ratelimit-limit-requests": "60",
    "x-ratelimit-remaining-requests": "0",
}

PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")


def _text(content: Any) -> str:
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content or ""


def _alter(ph: str, i: int) -> str:
    inner = ph[1:-1]
    variants = [
        ph.lower(),
        f"**{ph}**",
        f"[**{inner}**]",
        f"[ {inner} ]",
        f"{ph}'s",
    ]
    return variants[i % len(variants)]


def _reply(body: dict[str, Any]) -> tuple[str, list[dict[str, Any]] | None]:
    model = body.get("model", "echo")
    msgs = body.get("messages") or [{"role": "user", "content": body.get("prompt", "")}]
    users = [m for m in msgs if m.get("role") == "user"]
    last = _text(users[-1]["content"] if users else msgs[-1].get("content"))
    if model == "alter":
        found = PLACEHOLDER.findall(last)
        return "Noted: " + ", ".join(_alter(p, i) for i, p in enumerate(found)) + ".", None
    if model == "history":
        found: list[str] = []
        for m in msgs:
            for p in PLACEHOLDER.findall(_text(m.get("content"))):
                if p not in found:
                    found.append(p)
        return "I remember " + " and ".join(found) + ".", None
    if model == "tool":
        every = " ".join(_text(m.get("content")) for m in msgs)
        email = next((p for p in PLACEHOLDER.findall(every) if p.startswith("[EMAIL")), "[EMAIL_?]")
        person = next((p for p in PLACEHOLDER.findall(every) if p.startswith("[PERSON")), "you")
        args = json.dumps({"to": email, "body": f"Hello {person}, see you soon."})
        return "", [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "send_email", "arguments": args},
            }
        ]
    return "Echo: " + last, None


def create_app(record: str) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    add_health_routes(app)

    def save(body: dict[str, Any]) -> None:
        with open(record, "a", encoding="utf-8") as f:
            f.write(json.dumps(body) + "\n")

    async def handle(request: Request, response: Response, chat: bool) -> Any:
        body = await request.json()
        save(body)
        if body.get("model") == "error500":
            return openai_error_response(
                500, "boom", "server_error", code="server_error", headers=UPSTREAM_HEADERS
            )
        if body.get("model") == "ratelimit":
            return openai_error_response(
                429,
                "Rate limit reached for requests",
                "requests",
                code="rate_limit_exceeded",
                headers=RATE_LIMIT_HEADERS,
            )
        response.headers.update(UPSTREAM_HEADERS)
        text, calls = _reply(body)
        cid, created, model = "chatcmpl-rec", int(time.time()), body.get("model", "echo")
        if not body.get("stream"):
            if not chat:
                return text_completion(id=cid, model=model, text=text, created=created)
            return chat_completion(
                id=cid,
                model=model,
                content=text or None,
                created=created,
                finish_reason="tool_calls" if calls else "stop",
                tool_calls=calls,
                usage={"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            )

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            if chat:
                obj = chat_chunk(
                    id=cid, model=model, created=created, delta=delta, finish_reason=finish
                )
            else:
                obj = completion_chunk(
                    id=cid,
                    model=model,
                    created=created,
                    text=delta.get("content", ""),
                    finish_reason=finish,
                )
            return encode_event(obj)

        async def events() -> AsyncIterator[bytes]:
            yield chunk({"role": "assistant", "content": ""})
            if calls:
                call = calls[0]
                yield chunk(
                    {
                        "tool_calls": [
                            {
                                "index": 0,
                                "id": call["id"],
                                "type": "function",
                                "function": {"name": "send_email", "arguments": ""},
                            }
                        ]
                    }
                )
                args = call["function"]["arguments"]
                for i in range(0, len(args), 3):
                    yield chunk(
                        {"tool_calls": [{"index": 0, "function": {"arguments": args[i : i + 3]}}]}
                    )
                    await asyncio.sleep(0.001)
                yield chunk({}, "tool_calls")
            else:
                for n, i in enumerate(range(0, len(text), 3)):
                    if model == "drop" and n == 4:
                        raise ConnectionError("upstream dropped the stream")
                    yield chunk({"content": text[i : i + 3]})
                    await asyncio.sleep(0.001)
                if model == "nodone":
                    return  # a clean close without finish_reason or [DONE]
                yield chunk({}, "stop")
            yield DONE

        return StreamingResponse(events(), media_type="text/event-stream", headers=UPSTREAM_HEADERS)

    @app.post("/v1/chat/completions")
    async def chat(request: Request, response: Response) -> Any:
        return await handle(request, response, True)

    @app.post("/v1/completions")
    async def completions(request: Request, response: Response) -> Any:
        return await handle(request, response, False)

    @app.post("/v1/embeddings")
    async def embeddings(request: Request) -> Any:
        # Bag-of-words hash vectors: deterministic, and texts sharing words come out similar.
        import base64
        import hashlib
        import struct

        body = await request.json()
        save(body)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = []
        for i, text in enumerate(inputs):
            vec = [0.0] * 64
            for word in str(text).lower().split():
                vec[hashlib.sha256(word.encode()).digest()[0] % 64] += 1.0
            emb: Any = vec
            if body.get("encoding_format") == "base64":
                emb = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
            data.append({"object": "embedding", "index": i, "embedding": emb})
        return {
            "object": "list",
            "data": data,
            "model": body.get("model", "embed"),
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        }

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return model_list("echo", owned_by="test")

    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--record", required=True)
    a = parser.parse_args()
    server = uvicorn.Server(uvicorn.Config(create_app(a.record), log_level="warning"))
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
