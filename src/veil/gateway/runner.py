"""Running the gateway process: embedded upstream if needed, warm-up, uvicorn."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from collections.abc import Callable

from .app import build_state, create_app
from .config import GatewayConfig
from .embedded_process import EmbeddedModelProcess
from .tls import certificate_sha256, server_context

log = logging.getLogger("veil.gateway")


def configure_logging(level: str = "info") -> None:
    logging.basicConfig(
        level=level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per upstream call


def _warm_up(core: object, tenants: list[str]) -> None:
    """Load detectors (spaCy) before the first request instead of during it."""
    detect = getattr(core, "detect", None)
    if detect is None:
        return
    for t in tenants:
        detect("Warm-up sentence for the detector.", session="veil-warmup", tenant=t)


def serve(
    cfg: GatewayConfig,
    *,
    sock: socket.socket | None = None,
    on_ready: Callable[[str], None] | None = None,
    log_level: str = "info",
    access_log: bool = False,
) -> None:
    """Serve until interrupted. With no upstream URL (kind openai), the embedded SmolLM2 server
    is started first and stopped with the gateway."""
    import uvicorn

    configure_logging(log_level)
    embedded: EmbeddedModelProcess | None = None
    try:
        if cfg.upstream.kind == "openai" and not cfg.upstream.base_url:
            log.info("no upstream configured: starting the embedded SmolLM2-135M-Instruct model")
            embedded = EmbeddedModelProcess()
            cfg.upstream.base_url = embedded.start()
            # a CPU model on a busy machine can take minutes for one answer
            cfg.upstream.read_timeout_s = max(cfg.upstream.read_timeout_s, 900.0)
            log.info("embedded model ready at %s", cfg.upstream.base_url)
        state = build_state(cfg)
        if state.seal is None:  # sealed: the vault cannot be opened until custodians unseal it
            _warm_up(state.core, list(state.tenants.tenants))
        else:
            log.warning("the vault is sealed: /v1/* answers 503 until `veil vault unseal`")
        # Stop the model inside the lifespan: after serve() uvicorn re-raises SIGTERM/SIGINT,
        # which would end this process before a `finally` could run.
        app = create_app(
            state,
            on_shutdown=[embedded.stop] if embedded is not None else None,
            cors_origins=cfg.cors_origins,
        )
        if cfg.tls is not None:  # bound into the attestation evidence (veil.attest.binding)
            app.state.tls_certificate_sha256 = certificate_sha256(cfg.tls.cert_file)
        if sock is None:
            sock = socket.socket(socket.AF_INET6 if ":" in cfg.host else socket.AF_INET)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((cfg.host, cfg.port))
        host, port = sock.getsockname()[:2]
        scheme = "https" if cfg.tls is not None else "http"
        url = f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"
        config = uvicorn.Config(
            app,
            log_level=log_level,
            access_log=access_log,
            timeout_graceful_shutdown=5,
        )
        if cfg.tls is not None:
            config.load()
            # uvicorn builds its own context without a minimum version; use ours (TLS 1.2+,
            # optional client certificates) for the listening socket instead.
            config.ssl = server_context(
                cfg.tls.cert_file, cfg.tls.key_file, client_ca_file=cfg.tls.client_ca_file
            )
        server = uvicorn.Server(config)
        if on_ready is not None:
            on_ready(url)
        log.info(
            "veil gateway listening on %s/v1 (tenants: %d, upstream: %s)",
            url,
            len(state.tenants.tenants),
            cfg.upstream.kind,
        )
        asyncio.run(server.serve(sockets=[sock]))
    finally:
        if embedded is not None:
            embedded.stop()


__all__ = ["configure_logging", "serve"]
