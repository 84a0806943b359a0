"""``veil console``: the operator's web console on its own (``veil serve`` also serves it under
``/console``), and ``veil console screenshots`` for the docs.

    veil console --config gateway.yaml --port 8001     # open http://127.0.0.1:8001/console
    veil console screenshots --out docs/img/console     # needs Debian's chromium + playwright

The console alone reads the same gateway config and ``VEIL_HOME`` as ``veil serve``; the changes
it makes are persisted there and a running gateway picks them up at its next start (the console
served by the gateway itself applies them at once).
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer

console_app = typer.Typer(
    help="The web console: playground, policy, sensitive terms, tenants and keys, audit, "
    "budgets and metrics.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(console_app, name="console")


@console_app.callback()
def console(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option(
        envvar="VEIL_GATEWAY_CONFIG", help="Gateway YAML (tenants, admin keys, upstream)")] = None,
    host: Annotated[str, typer.Option(help="Bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8001,
    fd: Annotated[int | None, typer.Option(hidden=True, help="Serve on this bound socket")] = None,
    log_level: Annotated[str, typer.Option(envvar="VEIL_LOG_LEVEL")] = "info",
) -> None:
    """Serve the console alone (without the /v1 gateway routes)."""
    if ctx.invoked_subcommand is not None:
        return
    import asyncio
    from collections.abc import AsyncIterator
    from contextlib import asynccontextmanager

    import uvicorn
    from fastapi import FastAPI

    from veil.console import include_console
    from veil.errors import ConfigError
    from veil.gateway.app import build_state
    from veil.gateway.config import GatewayConfig
    from veil.gateway.runner import configure_logging
    from veil.wire.server import NO_FRAMEWORK_TELEMETRY, add_health_routes, install_error_handlers

    configure_logging(log_level)
    cfg = GatewayConfig.load(config)
    if not cfg.admin_api_key_sha256:
        raise ConfigError("the console needs admin_api_key_sha256 in the gateway config: the "
                          "SHA-256 of the key operators log in with")
    if cfg.upstream.base_url is None:  # no embedded model here: the playground only masks
        cfg.upstream.base_url = "http://127.0.0.1:9/v1"
    state = build_state(cfg)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.upstream.aclose()
        state.audit.close()  # commit the tail of the admin records and sign it

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan,
                  telemetry=NO_FRAMEWORK_TELEMETRY)
    app.state.veil = state
    install_error_handlers(app)
    add_health_routes(app)
    include_console(app)
    sock = socket.socket(fileno=fd) if fd is not None else None
    if sock is None:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    h, p = sock.getsockname()[:2]
    typer.echo(f"veil console on http://{h}:{p}/console", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, access_log=False))
    asyncio.run(server.serve(sockets=[sock]))


@console_app.command("screenshots")
def screenshots(
    out: Annotated[Path, typer.Option(help="Folder for the PNG files")] = Path(
        "docs/img/console"),
    chromium: Annotated[str, typer.Option(envvar="VEIL_CHROMIUM",
                                          help="Chromium binary")] = "/usr/bin/chromium",
) -> None:
    """Start a demo gateway (echo LLM, two tenants) and screenshot every console page."""
    import tempfile

    from veil.console.screenshots import take_screenshots

    with tempfile.TemporaryDirectory(prefix="veil-console-") as tmp:
        for path in take_screenshots(Path(tmp), out, chromium=chromium):
            typer.echo(str(path))
