"""The FastAPI application and how it is assembled from configuration."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veil.audit.log import AuditSink
from veil.console import include_console
from veil.wire.server import NO_FRAMEWORK_TELEMETRY, add_health_routes, install_error_handlers

from .config import GatewayConfig
from .health import ReadinessChecker
from .limits import LimitsMiddleware
from .local_only import LocalOnlyMiddleware
from .privacy import PrivacyCore
from .request_id import RequestIdMiddleware
from .router import router
from .routes_attestation import router as attestation_router
from .routes_batches import router as batches_router
from .routes_embeddings import router as embeddings_router
from .routes_messages import AnthropicErrorsMiddleware
from .routes_messages import router as messages_router
from .routes_presidio import router as presidio_router
from .routes_responses import router as responses_router
from .sealing import SealedMiddleware, unsealer_for
from .sealing import router as sealing_router
from .sessions import SessionResolver
from .state import GatewayState, privacy_threads
from .tenants import DEFAULT_TENANT, TenantRegistry
from .upstream import Upstream
from .upstream_kinds import build_upstream_of_kind

_ENDPOINTS = {
    "/v1/chat/completions": "chat",
    "/v1/completions": "completions",
    "/v1/models": "models",
    "/v1/attestation": "attestation",
    "/v1/embeddings": "embeddings",
    "/v1/files": "files",
    "/v1/batches": "batches",
    "/v1/responses": "responses",
    "/v1/messages": "messages",
    "/v1/messages/count_tokens": "messages.count_tokens",
    "/presidio/analyze": "presidio.analyze",
    "/presidio/anonymize": "presidio.anonymize",
    "/presidio/deanonymize": "presidio.deanonymize",
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
        m.active += 1
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            m.active -= 1
            m.in_flight.dec()
            tenant = scope.get("state", {}).get("tenant", "-")
            m.requests.labels(endpoint, str(status), tenant).inc()
            m.latency.labels(endpoint, str(stream).lower()).observe(time.perf_counter() - started)


def create_app(
    state: GatewayState,
    *,
    on_shutdown: list[Callable[[], Awaitable[Any] | Any]] | None = None,
    cors_origins: Sequence[str] = (),
    access_log: bool = False,
    local_only: bool = False,
) -> FastAPI:
    """The gateway app around ready-made parts (tests pass fakes; :func:`build_state` makes the
    real ones). ``cors_origins``: browser origins allowed to call it (none: CORS off).
    ``access_log``: one line per request with the route template (see :mod:`.request_id`).
    ``local_only``: while no tenant key is configured, serve only requests addressed to a
    loopback host (see :mod:`.local_only`; the runner sets it for a loopback bind)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.upstream.aclose()
        # Commit the audit tail and sign a final checkpoint (off the loop: it waits on disk).
        await to_thread.run_sync(state.audit.close)
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
        telemetry=NO_FRAMEWORK_TELEMETRY,
    )
    app.state.veil = state
    install_error_handlers(app)
    probe_tenant = next(iter(state.tenants.tenants), DEFAULT_TENANT)
    app.state.readiness = ReadinessChecker(state.core, state.upstream, tenant=probe_tenant)
    add_health_routes(app, app.state.readiness)
    app.include_router(router)
    app.include_router(sealing_router)
    app.include_router(attestation_router)
    app.include_router(embeddings_router)
    app.include_router(presidio_router)
    app.include_router(batches_router)
    app.include_router(responses_router)
    app.include_router(messages_router)
    include_console(app)  # /console: the operator's web console (veil.console)
    # Starlette runs the last added middleware first.
    app.add_middleware(SealedMiddleware, state=state)  # sealed vault: /v1/* answers 503
    app.add_middleware(LimitsMiddleware, state=state)  # inside metrics: refusals are counted
    app.add_middleware(_MetricsMiddleware, state=state)
    app.add_middleware(AnthropicErrorsMiddleware)  # /v1/messages*: Anthropic's error shape
    if local_only:  # keyless on loopback: no DNS-rebound or cross-site page (see .local_only)
        app.add_middleware(LocalOnlyMiddleware, state=state, cors_origins=cors_origins)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=list(_CORS_ALLOW_HEADERS),
            expose_headers=list(_CORS_EXPOSE_HEADERS),
        )
    # outermost: every response
    app.add_middleware(RequestIdMiddleware, endpoints=_ENDPOINTS, access=access_log)
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
        seal=unsealer_for(getattr(core, "settings", None)),
        audit=_open_audit(cfg, core),
        privacy=privacy_threads(getattr(getattr(core, "settings", None), "vault_backend", None)),
        models=None if cfg.upstream.models is None else frozenset(cfg.upstream.models),
    )


def _open_audit(cfg: GatewayConfig, core: PrivacyCore) -> AuditSink:
    """The audit log of ``cfg.audit``, beside the core's vault (same VEIL_HOME / Redis)."""
    from veil.audit import open_audit
    from veil.config import Settings

    settings = getattr(core, "settings", None)
    return open_audit(cfg.audit, settings if isinstance(settings, Settings) else Settings())


__all__ = ["build_state", "build_upstream", "create_app"]
