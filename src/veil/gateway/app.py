"""The FastAPI application and how it is assembled from configuration."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .config import GatewayConfig
from .privacy import PrivacyCore
from .router import router
from .sessions import SessionResolver
from .state import GatewayState
from .tenants import DEFAULT_TENANT, TenantRegistry
from .upstream import ChatOnlyUpstream, OpenAIUpstream, Upstream

_ENDPOINTS = {
    "/v1/chat/completions": "chat",
    "/v1/completions": "completions",
    "/v1/models": "models",
    "/healthz": "healthz",
    "/metrics": "metrics",
}


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
    state: GatewayState, *, on_shutdown: list[Callable[[], Awaitable[Any] | Any]] | None = None
) -> FastAPI:
    """The gateway app around ready-made parts (tests pass fakes; :func:`build_state` makes the
    real ones)."""

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
    )
    app.state.veil = state
    app.include_router(router)
    app.add_middleware(_MetricsMiddleware, state=state)
    return app


def build_upstream(cfg: GatewayConfig) -> Upstream:
    up = cfg.upstream
    if up.kind == "obfuscated":
        from veil.errors import ConfigError

        try:
            from veil.obfuscation.client import ObfuscatedChatUpstream  # type: ignore[attr-defined]
        except ImportError:
            raise ConfigError(
                "upstream kind 'obfuscated' needs veil.obfuscation.client, which this install "
                "lacks; use kind 'openai'"
            ) from None
        return ChatOnlyUpstream(ObfuscatedChatUpstream(**up.obfuscated))
    if not up.base_url:
        from veil.errors import ConfigError

        raise ConfigError(
            "no upstream base URL; pass --upstream-base-url or start the embedded model"
        )
    return OpenAIUpstream(
        up.base_url,
        api_key=up.resolved_api_key(),
        connect_timeout=up.connect_timeout_s,
        read_timeout=up.read_timeout_s,
        max_connections=up.max_connections,
    )


def build_state(
    cfg: GatewayConfig, *, core: PrivacyCore | None = None, upstream: Upstream | None = None
) -> GatewayState:
    """Real parts from configuration: Veil (settings from VEIL_* env), tenants and policies."""
    tenants = TenantRegistry.from_config(cfg)
    if core is None:
        from veil import Veil

        core = Veil()
    default_policy = getattr(core, "policy", None)
    for t in tenants.tenants.values():
        # The core only knows tenants it was given a policy for; tenants without their own get
        # the core's default policy (settings / VEIL_POLICY_FILE).
        policy = t.policy
        if policy is None and t.name != DEFAULT_TENANT and default_policy is not None:
            policy = default_policy(DEFAULT_TENANT)
        if policy is not None:
            core.set_policy(t.name, policy)  # type: ignore[attr-defined]
    return GatewayState(
        core=core,
        upstream=upstream or build_upstream(cfg),
        tenants=tenants,
        sessions=SessionResolver(cfg.resolved_session_secret()),
    )


__all__ = ["build_state", "build_upstream", "create_app"]
