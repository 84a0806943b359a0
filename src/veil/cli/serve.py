"""``veil serve``: the OpenAI-compatible privacy gateway."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from veil.gateway.config import GatewayConfig


#: what both ``logging`` and uvicorn accept
_LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


def load_gateway_config(
    config: Path | None,
    host: str | None,
    port: int | None,
    upstream_base_url: str | None,
    upstream_api_key: str | None,
    upstream_kind: str | None,
) -> GatewayConfig:
    """Config file, overlaid by flags/env (typer resolves VEIL_* env into the flags)."""
    from veil.errors import ConfigError
    from veil.gateway.config import GatewayConfig

    cfg: GatewayConfig = GatewayConfig.load(config)
    if host is not None:
        cfg.host = host
    if port is not None:
        cfg.port = port
    if upstream_base_url:
        cfg.upstream.base_url = upstream_base_url
    if upstream_api_key:
        cfg.upstream.api_key = upstream_api_key
    if upstream_kind is not None:
        from veil.gateway.upstream_kinds import upstream_kinds

        if upstream_kind not in upstream_kinds():
            raise ConfigError(f"--upstream-kind must be one of: {', '.join(upstream_kinds())}")
        cfg.upstream.kind = upstream_kind
    _check_upstream_url(cfg.upstream.base_url, cfg.upstream.kind)
    return cfg


#: upstream kinds whose base_url is an HTTP API root (litellm routes by model name; obfuscated
#: and mpc take their own settings)
_HTTP_KINDS = ("openai", "anthropic", "azure")


def _check_upstream_url(url: str | None, kind: str) -> None:
    """Refuse an upstream URL no request could reach before the gateway starts (it would
    start, then fail every request)."""
    from urllib.parse import urlsplit

    from veil.errors import ConfigError

    if url is None or kind not in _HTTP_KINDS:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # the URL itself is not echoed: an operator may have pasted a key into it
        raise ConfigError(
            "the upstream base URL must be http(s)://host[:port]/... (e.g. "
            "https://api.openai.com/v1); check --upstream-base-url or upstream.base_url"
        )


def apply_tls_options(
    cfg: GatewayConfig,
    cert: Path | None,
    key: Path | None,
    client_ca: Path | None,
    upstream_ca: Path | None,
) -> None:
    """Overlay the TLS flags on the config (flags win over the file's ``tls:`` section)."""
    from veil.errors import ConfigError
    from veil.gateway.config import TlsConfig

    if (cert is None) != (key is None):
        raise ConfigError("--tls-cert and --tls-key go together")
    if cert is not None and key is not None:
        cfg.tls = TlsConfig(cert_file=cert, key_file=key, client_ca_file=client_ca)
    elif client_ca is not None:
        if cfg.tls is None:
            raise ConfigError("--tls-client-ca (mTLS) needs --tls-cert and --tls-key")
        cfg.tls.client_ca_file = client_ca
    if upstream_ca is not None:
        cfg.upstream.ca_bundle = upstream_ca
    try:  # a missing or non-PEM CA bundle is named now, not as a failed start-up
        cfg.upstream.tls_verify()
    except (OSError, ssl.SSLError) as e:
        raise ConfigError(
            f"cannot load the upstream CA bundle {cfg.upstream.ca_bundle} ({type(e).__name__}); "
            "give a PEM file of CA certificates (--upstream-ca-bundle or upstream.ca_bundle)"
        ) from None


def serve(
    host: Annotated[
        str | None, typer.Option(envvar="VEIL_HOST", help="Bind address [127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None, typer.Option(envvar="VEIL_PORT", min=0, max=65535, help="Port [8000]")
    ] = None,
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
        str | None,
        typer.Option(
            envvar="VEIL_UPSTREAM_KIND",
            help="openai | anthropic | azure | litellm | obfuscated | mpc (docs/gateway.md)",
        ),
    ] = None,
    upstream_models: Annotated[
        str | None,
        typer.Option(
            envvar="VEIL_UPSTREAM_MODELS",
            help="Comma-separated model ids the upstream serves (upstream.models): the only "
            "ids a request may name",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            envvar="VEIL_GATEWAY_CONFIG", help="Gateway YAML (upstream, tenants, policies)"
        ),
    ] = None,
    log_level: Annotated[
        str, typer.Option(envvar="VEIL_LOG_LEVEL", help="debug | info | warning | error | critical")
    ] = "info",
    access_log: Annotated[
        bool,
        typer.Option(
            envvar="VEIL_ACCESS_LOG",
            help="Log one line per request: method, route template, status, time (no bodies)",
        ),
    ] = False,
    fd: Annotated[int | None, typer.Option(hidden=True, help="Serve on this bound socket")] = None,
    workers: Annotated[
        int,
        typer.Option(
            envvar="VEIL_WORKERS",
            min=1,
            help="Gateway processes on one port (one core each); >1 needs a shared vault "
            "(SQLite file or Redis)",
        ),
    ] = 1,
    tls_cert: Annotated[
        Path | None,
        typer.Option(envvar="VEIL_TLS_CERT", help="Serve HTTPS (TLS 1.2+) with this certificate"),
    ] = None,
    tls_key: Annotated[
        Path | None, typer.Option(envvar="VEIL_TLS_KEY", help="PEM private key of --tls-cert")
    ] = None,
    tls_client_ca: Annotated[
        Path | None,
        typer.Option(
            envvar="VEIL_TLS_CLIENT_CA",
            help="Require client certificates signed by this CA (mTLS); needs --tls-cert",
        ),
    ] = None,
    upstream_ca_bundle: Annotated[
        Path | None,
        typer.Option(
            envvar="VEIL_UPSTREAM_CA_BUNDLE",
            help="Verify the upstream's TLS certificate against these CAs (private CA); "
            "verification cannot be disabled",
        ),
    ] = None,
    insecure_no_auth: Annotated[
        bool,
        typer.Option(
            "--insecure-no-auth",
            envvar="VEIL_INSECURE_NO_AUTH",
            help="Allow a non-loopback address without tenant keys: every caller is then one "
            "anonymous principal that can restore any session (only behind an authenticating "
            "proxy or on a trusted network)",
        ),
    ] = False,
) -> None:
    """Start the privacy gateway: mask prompts, forward them, restore the answers."""
    from veil.config import Settings
    from veil.errors import ConfigError
    from veil.gateway.exposure import check_exposure
    from veil.gateway.runner import serve as run_server

    if log_level.lower() not in _LOG_LEVELS:
        raise ConfigError(f"--log-level must be one of: {', '.join(_LOG_LEVELS)}")
    Settings()  # a bad VEIL_* value is named here, not as the embedded model's failed start
    cfg = load_gateway_config(
        config, host, port, upstream_base_url, upstream_api_key, upstream_kind
    )
    if upstream_models is not None:  # overrides upstream.models; validated as the file's are
        from pydantic import ValidationError

        from veil.gateway.config import UpstreamConfig

        ids = [m.strip() for m in upstream_models.split(",") if m.strip()]
        try:
            listed = UpstreamConfig(models=ids).models if ids else None
        except ValidationError:
            listed = None
        if not listed:
            raise ConfigError("--upstream-models: comma-separated model ids, each at most "
                              "256 printable characters")
        cfg.upstream.models = listed
    apply_tls_options(cfg, tls_cert, tls_key, tls_client_ca, upstream_ca_bundle)
    try:
        sock = socket.socket(fileno=fd) if fd is not None else None
    except OSError:
        raise ConfigError(f"--fd {fd} is not an open socket") from None
    bound = str(sock.getsockname()[0]) if sock is not None else cfg.host
    check_exposure(cfg, bound, insecure_no_auth=insecure_no_auth)
    if workers > 1:  # refused before anything starts (embedded model, socket)
        from veil.gateway.runner import check_workers

        check_workers(Settings(), workers)
    run_server(cfg, sock=sock, log_level=log_level, access_log=access_log, workers=workers)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
