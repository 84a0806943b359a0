"""The FastAPI application and how it is assembled from configuration."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veil.wire.server import add_health_routes, install_error_handlers

from .config import GatewayConfig
from .health import ReadinessChecker
from .limits import LimitsMiddleware
from .privacy import PrivacyCore
from .request_id import RequestIdMiddleware
from .router import router
from .sessions import SessionResolver
from .state import GatewayState
from .tenants import DEFAULT_TENANT, TenantRegistry
from .upstream import Upstream
from .upstream_kinds import build_upstream_of_kind

_ENDPOINTS = {
    "/v1/chat/completions": "chat",
    "/v1/completions": "completions",
    "/v1/models": "models",
    "/healthz": "healthz",
    "/readyz": "readyz",
    "/metrics": "metrics",
}


# What a browser app may send, and read back (Veil's request id, the upstream's rate limits).
_CORS_ALLOW_HEADERS = (
    "authorization",
    "content-type",
    "x-api-key",
    "x-request-id",
    "x-client-request-id",
    "x-veil-session",
)
_CORS_EXPOSE_HEADERS = (
    "x-request-id",
    "x-upstream-request-id",
    "retry-after",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
)


class _MetricsMiddleware:
    """Counts requests by endpoint/status/tenant and times them (pure ASGI: no stream buffering)."""

    def __init__(self, app: ASGIApp, state: GatewayState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        endpoint = _ENDPOINTS.get(scope["path"], "other")
        started, status = time.perf_counter(), 500
        stream = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, stream
            if message["type"] == "http.response.start":
                status = message["status"]
                stream = any(
                    k == b"content-type" and v.startswith(b"text/event-stream")
                    for k, v in message.get("headers", [])
                )
            await send(message)

        m = self.state.metrics
        m.in_flight.inc()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            m.in_flight.dec()
            tenant = scope.get("state", {}).get("tenant", "-")
            m.requests.labels(endpoint, str(status), tenant).inc()
            m.latency.labels(endpoint, str(stream).lower()).observe(time.perf_counter() - started)


def create_app(
    state: GatewayState,
    *,
    on_shutdown: list[Callable[[], Awaitable[Any] | Any]] | None = None,
    cors_origins: Sequence[str] = (),
) -> FastAPI:
    """The gateway app around ready-made parts (tests pass fakes; :func:`build_state` makes the
    real ones). ``cors_origins``: browser origins allowed to call it (none: CORS off)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.upstream.aclose()
        for fn in on_shutdown or []:
            r = fn()
            if hasattr(r, "__await__"):
                await r

    app = FastAPI(
        title="Veil privacy gateway",
        description="OpenAI-compatible proxy that masks prompts and restores answers.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served by the router, behind the admin key
    )
    app.state.veil = state
    install_error_handlers(app)
    probe_tenant = next(iter(state.tenants.tenants), DEFAULT_TENANT)
    app.state.readiness = ReadinessChecker(state.core, state.upstream, tenant=probe_tenant)
    add_health_routes(app, app.state.readiness)
    app.include_router(router)
    # Starlette runs the last added middleware first.
    app.add_middleware(LimitsMiddleware, state=state)  # inside metrics: refusals are counted
    app.add_middleware(_MetricsMiddleware, state=state)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=list(_CORS_ALLOW_HEADERS),
            expose_headers=list(_CORS_EXPOSE_HEADERS),
        )
    app.add_middleware(RequestIdMiddleware, endpoints=_ENDPOINTS)  # outermost: every response
    return app


def build_upstream(cfg: GatewayConfig) -> Upstream:
    """The upstream named by ``upstream.kind`` (see :mod:`.upstream_kinds`)."""
    return build_upstream_of_kind(cfg.upstream)


def build_state(
    cfg: GatewayConfig, *, core: PrivacyCore | None = None, upstream: Upstream | None = None
) -> GatewayState:
    """Real parts from configuration: Veil (settings from VEIL_* env), tenants and policies."""
    tenants = TenantRegistry.from_config(cfg)
    if core is None:
        from veil import Veil

        core = Veil()
    for t in tenants.tenants.values():
        # The core only knows tenants it was given a policy for; tenants without their own get
        # the core's default policy (settings / VEIL_POLICY_FILE).
        policy = t.policy
        if policy is None and t.name != DEFAULT_TENANT:
            policy = core.policy(DEFAULT_TENANT)
        if policy is not None:
            core.set_policy(t.name, policy)
    return GatewayState(
        core=core,
        upstream=upstream or build_upstream(cfg),
        tenants=tenants,
        sessions=SessionResolver(cfg.resolved_session_secret()),
    )


__all__ = ["build_state", "build_upstream", "create_app"]
