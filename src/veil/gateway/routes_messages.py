"""HTTP routes of Anthropic Messages. Every failure here answers in Anthropic's error shape
(``{"type": "error", "error": {"type", "message"}}``), so the Anthropic SDKs raise their own
typed errors; the key is accepted as ``x-api-key`` (Anthropic's SDKs) or Bearer."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veil.wire.anthropic import CountTokensRequest, MessagesRequest

from .router import _serve
from .serving_messages import anthropic_error_body, count_tokens, create_message

router = APIRouter()


class AnthropicErrorsMiddleware:
    """Rewrites OpenAI error JSON into Anthropic's shape on ``/v1/messages*`` -- whoever
    produced it: these routes, the limits (413, 429), the sealed gateway (503), a 404/405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/messages"):
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        body = b""

        async def wrapped(message: Message) -> None:
            nonlocal held, body
            if message["type"] == "http.response.start" and message["status"] >= 400:
                held = message
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            body += message.get("body", b"")
            if message.get("more_body"):
                return
            out = _anthropic_shape(held["status"], body)
            headers = [(k, v) for k, v in held.get("headers", [])
                       if k.lower() not in (b"content-length", b"content-type")]
            headers += [(b"content-type", b"application/json"),
                        (b"content-length", str(len(out)).encode())]
            await send({**held, "headers": headers})
            await send({"type": "http.response.body", "body": out})

        await self.app(scope, receive, wrapped)


def _anthropic_shape(status: int, body: bytes) -> bytes:
    try:
        data = json.loads(body)
    except ValueError:
        data = {}
    if isinstance(data, dict) and data.get("type") == "error":
        return body
    err = data.get("error") if isinstance(data, dict) else None
    if not isinstance(err, dict):
        err = {"message": "request failed"}
    return json.dumps(anthropic_error_body(status, err)).encode()


@router.post("/v1/messages")
async def messages(request: Request) -> Response:
    return await _serve(request, MessagesRequest, create_message)


@router.post("/v1/messages/count_tokens")
async def messages_count_tokens(request: Request) -> Response:
    return await _serve(request, CountTokensRequest, count_tokens)


__all__ = ["AnthropicErrorsMiddleware", "router"]
