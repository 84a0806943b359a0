"""``veil host``: serve a (obfuscated) checkpoint as an OpenAI-compatible completions API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def host_command(
    model: Annotated[Path, typer.Option(help="checkpoint directory (e.g. from veil obfuscate)")],
    host: Annotated[str, typer.Option(help="bind address (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8001,
    name: Annotated[str | None, typer.Option(help="model id reported by /v1/models")] = None,
) -> None:
    """Serve /v1/completions over token ids (prompt = list of ids; ids come back in token_ids)."""
    from veil.errors import ConfigError
    from veil.obfuscation.host import serve

    if not (model / "config.json").is_file():
        raise ConfigError(f"{model} is not a checkpoint directory (no config.json)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: the API has no authentication; put it "
                   "behind a TLS proxy with access control", err=True)
    typer.echo(f"serving {model} on http://{host}:{port}/v1", err=True)
    serve(model, host=host, port=port, model_name=name)


def register(app: typer.Typer) -> None:
    app.command("host")(host_command)
