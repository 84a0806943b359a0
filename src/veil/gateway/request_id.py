"""``x-request-id`` on every gateway response, so a client and an operator can name one request.

A client may send its own id (``x-request-id`` or ``x-client-request-id``, as the OpenAI SDKs
do). Ids go into the log and the audit log, so a client's is kept only when it is shaped like an
opaque id (:func:`is_opaque_id`); otherwise Veil makes one and returns it in the header, so the
client still learns which id names its request. The id goes to
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
#: Letters, digits and ``._:/+=-`` (trace paths, base64): no ``@`` (an e-mail address), no
#: spaces.
_OPAQUE = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")
#: Nine or more digits, single separators allowed: what an SSN, a card, phone or account
#: number looks like (the pattern recognizers' values); an opaque id has shorter runs.
_LONG_DIGITS = re.compile(r"\d(?:[-._:/+=]?\d){8,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_opaque_id(value: str) -> bool:
    """True for an id that may be logged: opaque id characters, a digit (an id of words only,
    ``quentin.marlowe``, names something), and no run of digits long enough to be a personal
    number (a UUID's fixed groups pass). A cheap shape check, no detector call: an id that
    fails it is replaced, never scanned."""
    if not _OPAQUE.fullmatch(value) or not any(map(str.isdigit, value)):
        return False
    return bool(_UUID.fullmatch(value)) or _LONG_DIGITS.search(value) is None


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's id if it is opaque (:func:`is_opaque_id`), else a fresh one."""
    for name in _CLIENT_HEADERS:
        for key, value in headers:
            if key.lower() != name:
                continue
            text = value.decode("latin-1")
            if is_opaque_id(text):
                return text
    return f"req_{uuid.uuid4().hex}"


_PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
access_log = logging.getLogger("veil.gateway.access")


def route_template(scope: Scope) -> str:
    """The matched route's template (``/v1/responses/:response_id``) for logs and audit
    records, never the raw path: ids in a path are text the caller chose. ``other`` when no
    route matched."""
    path = getattr(scope.get("route"), "path", None)
    if not isinstance(path, str):
        return "other"
    return _PATH_PARAM.sub(r":\1", path)


class RequestIdMiddleware:
    """Pure ASGI (no buffering of streams): sets the id, adds the header, logs the request.
    ``access_log``: one more line per request in the usual access-log order (method, route
    template, status, time) -- never the raw path or query string, which are caller text."""

    def __init__(
        self, app: ASGIApp, *, endpoints: dict[str, str] | None = None, access: bool = False
    ) -> None:
        self.app = app
        self.endpoints = endpoints or {}
        self.access = access

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
            if self.access:
                access_log.info(
                    "%s %s %d %.1fms",
                    scope.get("method", "-"),
                    route_template(scope),
                    status,
                    (time.perf_counter() - started) * 1000,
                )


__all__ = ["HEADER", "RequestIdMiddleware", "is_opaque_id", "request_id_from", "route_template"]
