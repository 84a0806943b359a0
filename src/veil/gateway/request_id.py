"""``x-request-id`` on every gateway response, so a client and an operator can name one request.

A client may send its own id (``x-request-id`` or ``x-client-request-id``, as the OpenAI SDKs
do); it is kept when it is at most 128 safe characters, otherwise Veil makes one. The id goes to
``scope["state"]["request_id"]`` for log lines and into one log line per request (method,
endpoint, status, duration: nothing of the request's content).
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("veil.gateway")

HEADER = "x-request-id"
_CLIENT_HEADERS = (b"x-request-id", b"x-client-request-id")
_SAFE = re.compile(rb"^[A-Za-z0-9._:/+=@-]{1,128}$")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's id if it is safe to echo and log, else a fresh one."""
    for name in _CLIENT_HEADERS:
        for key, value in headers:
            if key.lower() == name and _SAFE.match(value):
                return value.decode("ascii")
    return f"req_{uuid.uuid4().hex}"


class RequestIdMiddleware:
    """Pure ASGI (no buffering of streams): sets the id, adds the header, logs the request."""

    def __init__(self, app: ASGIApp, *, endpoints: dict[str, str] | None = None) -> None:
        self.app = app
        self.endpoints = endpoints or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id_from(list(scope.get("headers", [])))
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != HEADER.encode()
                ]
                headers.append((HEADER.encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            # The endpoint label, not the raw path: a path is client-chosen text.
            log.info(
                "request: id=%s method=%s endpoint=%s status=%d ms=%.1f",
                rid,
                scope.get("method", "-"),
                self.endpoints.get(scope.get("path", ""), "other"),
                status,
                (time.perf_counter() - started) * 1000,
            )


__all__ = ["HEADER", "RequestIdMiddleware", "request_id_from"]
