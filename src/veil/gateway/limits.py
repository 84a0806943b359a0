"""Per-tenant request limits: body size, message count, concurrency, requests per minute.

Enforced by :class:`LimitsMiddleware` (pure ASGI) before a handler runs, so an oversized or
abusive request never holds a worker: the body is counted while it arrives (``Content-Length``
is checked first, a streamed body is cut off at the limit) and refused with an OpenAI-shaped 413;
rate and concurrency refusals are 429 with a ``retry-after`` header.

Counters live in this process. With several replicas behind a load balancer each replica
enforces the limits on its own (a tenant then gets up to N times the configured rate); put a
shared limiter in front for a global cap.
"""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veil.errors import AuthenticationError
from veil.wire.errors import error_body

if TYPE_CHECKING:
    from .state import GatewayState

MiB = 1024 * 1024
#: An oversized body is read and discarded up to this many bytes before the 413 goes out: a
#: client (the OpenAI SDKs, httpx) writes its whole body before reading the answer, and would
#: see a reset connection instead of the 413 if the server closed while it was still writing.
#: Nothing is kept or parsed; past this the connection is simply closed after the 413.
DRAIN_LIMIT = 32 * MiB


class Limits(BaseModel):
    """Limits of one tenant (the gateway-wide ``limits:`` section gives the defaults)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_body_bytes: int = Field(default=MiB, ge=1)
    max_messages: int = Field(default=256, ge=1)  # also prompts per completions request
    max_concurrent_requests: int = Field(default=64, ge=1)
    # Token bucket: refills at this rate and holds one minute's worth (bursts up to it).
    requests_per_minute: int = Field(default=3000, ge=1)

    def merged(self, override: LimitsOverride | None) -> Limits:
        """These limits with the fields ``override`` sets replaced."""
        if override is None:
            return self
        return self.model_copy(update=override.model_dump(exclude_none=True))


class LimitsOverride(BaseModel):
    """A tenant's ``limits:``: only the fields given replace the gateway-wide defaults."""

    model_config = ConfigDict(extra="forbid")

    max_body_bytes: int | None = Field(default=None, ge=1)
    max_messages: int | None = Field(default=None, ge=1)
    max_concurrent_requests: int | None = Field(default=None, ge=1)
    requests_per_minute: int | None = Field(default=None, ge=1)


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused, as the client sees it."""

    status: int
    code: str
    message: str
    retry_after: int | None = None

    def body(self) -> dict[str, Any]:
        kind = "rate_limit_error" if self.status == 429 else "invalid_request_error"
        return error_body(self.message, kind, code=self.code)


class _Bucket:
    __slots__ = ("stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens, self.stamp = tokens, stamp


class Limiter:
    """Token buckets and in-flight counts per tenant (thread-safe; one per app)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}
        self._in_flight: dict[str, int] = {}

    def take(self, tenant: str, limits: Limits) -> float:
        """Spend one request token: 0.0 if allowed, else seconds until one is available."""
        rate = limits.requests_per_minute / 60.0
        capacity = float(limits.requests_per_minute)
        now = self._clock()
        with self._lock:
            b = self._buckets.get(tenant)
            if b is None:
                b = self._buckets[tenant] = _Bucket(capacity, now)
            b.tokens = min(capacity, b.tokens + (now - b.stamp) * rate)
            b.stamp = now
            if b.tokens >= 1.0:
                b.tokens -= 1.0
                return 0.0
            return (1.0 - b.tokens) / rate

    def acquire(self, tenant: str, limits: Limits) -> bool:
        with self._lock:
            n = self._in_flight.get(tenant, 0)
            if n >= limits.max_concurrent_requests:
                return False
            self._in_flight[tenant] = n + 1
            return True

    def release(self, tenant: str) -> None:
        with self._lock:
            self._in_flight[tenant] = max(0, self._in_flight.get(tenant, 0) - 1)


def _too_large(limits: Limits) -> Refusal:
    return Refusal(
        413,
        "request_too_large",
        f"request body exceeds this tenant's limit of {limits.max_body_bytes} bytes; send less "
        "text per request or ask the gateway operator to raise limits.max_body_bytes",
    )


def _count_messages(body: bytes) -> tuple[str, int]:
    """The longest list the request asks the gateway to mask item by item: ``messages`` (chat,
    Anthropic Messages), ``prompt`` (completions) or ``input`` (Responses), with its length."""
    try:
        data = orjson.loads(body)  # 0.5% of a busy gateway's time with the standard parser
    except orjson.JSONDecodeError:
        try:  # what orjson refuses (NaN, a lone surrogate) json accepts
            data = json.loads(body)
        except (ValueError, RecursionError):
            # not JSON, or nested deeper than a parser goes: the handler answers with a
            # validation error
            return "messages", 0
    if not isinstance(data, dict):
        return "messages", 0
    for name in ("messages", "prompt", "input"):
        items = data.get(name)
        if isinstance(items, list):
            return name, len(items)
    return "messages", 0


async def _read_body(receive: Receive, limit: int) -> tuple[bytes | None, list[Message]]:
    """The whole body, or None once it grows past ``limit`` bytes (the rest is then drained,
    not kept); plus the messages read after it (a disconnect is replayed to the app as is)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), [message]
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            if message.get("more_body", False):
                await _drain(receive, size)
            return None, []
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), []


async def _drain(receive: Receive, seen: int = 0) -> None:
    """Read and drop the rest of a refused body, up to :data:`DRAIN_LIMIT` bytes in all."""
    while seen <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class LimitsMiddleware:
    """Applies the authenticated tenant's :class:`Limits` to every ``/v1/`` request.

    Authentication runs here too (one hash) so limits are the tenant's; a request whose key is
    refused passes on untouched and the route answers 401.
    """

    def __init__(self, app: ASGIApp, state: GatewayState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            principal = self.state.tenants.authenticate(
                headers.get("authorization"), headers.get("x-api-key")
            )
        except AuthenticationError:
            await self.app(scope, receive, send)
            return
        tenant, limits = principal.tenant.name, principal.tenant.limits
        scope.setdefault("state", {})["tenant"] = tenant  # metrics label of a refusal
        limiter = self.state.limiter

        wait = limiter.take(tenant, limits)
        if wait > 0:
            await _refuse(
                send,
                Refusal(
                    429,
                    "rate_limit_exceeded",
                    f"this tenant's limit of {limits.requests_per_minute} requests per minute is "
                    "reached; retry after the time in the retry-after header",
                    retry_after=max(1, math.ceil(wait)),
                ),
            )
            return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limits.max_body_bytes:
            if int(length) <= DRAIN_LIMIT:
                await _drain(receive)
            await _refuse(send, _too_large(limits))
            return
        if not limiter.acquire(tenant, limits):
            await _refuse(
                send,
                Refusal(
                    429,
                    "concurrency_limit_exceeded",
                    f"this tenant already has {limits.max_concurrent_requests} requests in "
                    "progress; retry when one finishes",
                    retry_after=1,
                ),
            )
            return
        try:
            if scope["method"] in ("POST", "PUT", "PATCH"):
                body, extra = await _read_body(receive, limits.max_body_bytes)
                if body is None:
                    await _refuse(send, _too_large(limits))
                    return
                field, n = _count_messages(body)
                if n > limits.max_messages:
                    await _refuse(
                        send,
                        Refusal(
                            413,
                            "too_many_messages",
                            f"request has {n} {field} items; this tenant's limit is "
                            f"{limits.max_messages}. Shorten the conversation history or send "
                            "fewer prompts per request",
                        ),
                    )
                    return
                receive = _replay(body, extra, receive)
            await self.app(scope, receive, send)
        finally:
            limiter.release(tenant)


def _replay(body: bytes, extra: list[Message], receive: Receive) -> Receive:
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}, *extra]

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _refuse(send: Send, refusal: Refusal) -> None:
    payload = json.dumps(refusal.body()).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    if refusal.retry_after is not None:
        headers.append((b"retry-after", str(refusal.retry_after).encode()))
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


__all__ = ["Limiter", "Limits", "LimitsMiddleware", "LimitsOverride", "Refusal"]
