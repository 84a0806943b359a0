"""``veil serve``: the OpenAI-compatible privacy gateway."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer


def load_gateway_config(
    config: Path | None,
    host: str | None,
    port: int | None,
    upstream_base_url: str | None,
    upstream_api_key: str | None,
    upstream_kind: str | None,
):  # type: ignore[no-untyped-def]
    """Config file, overlaid by flags/env (typer resolves VEIL_* env into the flags)."""
    from veil.errors import ConfigError
    from veil.gateway.config import GatewayConfig

    cfg = GatewayConfig.load(config)
    if host is not None:
        cfg.host = host
    if port is not None:
        cfg.port = port
    if upstream_base_url:
        cfg.upstream.base_url = upstream_base_url
    if upstream_api_key:
        cfg.upstream.api_key = upstream_api_key
    if upstream_kind is not None:
        if upstream_kind not in ("openai", "obfuscated"):
            raise ConfigError("--upstream-kind must be 'openai' or 'obfuscated'")
        cfg.upstream.kind = upstream_kind  # type: ignore[assignment]
    return cfg


def serve(
    host: Annotated[
        str | None, typer.Option(envvar="VEIL_HOST", help="Bind address [127.0.0.1]")
    ] = None,
    port: Annotated[int | None, typer.Option(envvar="VEIL_PORT", help="Port [8000]")] = None,
    upstream_base_url: Annotated[
        str | None,
        typer.Option(
            envvar="VEIL_UPSTREAM_BASE_URL",
            help="OpenAI-compatible base URL (…/v1); omitted: the embedded SmolLM2 model",
        ),
    ] = None,
    upstream_api_key: Annotated[
        str | None,
        typer.Option(
            envvar="VEIL_UPSTREAM_API_KEY", help="API key for the upstream", show_default=False
        ),
    ] = None,
    upstream_kind: Annotated[
        str | None, typer.Option(envvar="VEIL_UPSTREAM_KIND", help="openai | obfuscated")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            envvar="VEIL_GATEWAY_CONFIG", help="Gateway YAML (upstream, tenants, policies)"
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(envvar="VEIL_LOG_LEVEL")] = "info",
    access_log: Annotated[bool, typer.Option(help="Log one line per request (no bodies)")] = False,
    fd: Annotated[int | None, typer.Option(hidden=True, help="Serve on this bound socket")] = None,
) -> None:
    """Start the privacy gateway: mask prompts, forward them, restore the answers."""
    from veil.gateway.server import serve as run_server

    cfg = load_gateway_config(
        config, host, port, upstream_base_url, upstream_api_key, upstream_kind
    )
    sock = socket.socket(fileno=fd) if fd is not None else None
    run_server(cfg, sock=sock, log_level=log_level, access_log=access_log)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
