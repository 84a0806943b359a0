"""``veil run``: what ``make run`` runs -- the gateway on embedded defaults, with examples."""

from __future__ import annotations

from typing import Annotated

import typer

_EXAMPLES = """\
[bold]Veil privacy gateway[/bold] is running at [cyan]{url}/v1[/cyan] (upstream: {upstream}).
Point any OpenAI client at it; prompts are masked before they leave, answers restored.

[bold]Python[/bold] (pip install openai):
  from openai import OpenAI
  client = OpenAI(base_url="{url}/v1", api_key="{key}")
  r = client.chat.completions.create(
      model="{model}",
      messages=[{{"role": "user",
                 "content": "Write a short note to Jane Doe, jane.doe@example.com."}}],
  )
  print(r.choices[0].message.content)

[bold]curl[/bold] (streaming):
  curl -N {url}/v1/chat/completions -H 'Content-Type: application/json' \\
    -H 'Authorization: Bearer {key}' \\
    -d '{{"model": "{model}", "stream": true, "messages": [{{"role": "user",
         "content": "Greet Jane Doe, her phone is +1 415 555 0100."}}]}}'

Health: {url}/healthz   Stop: Ctrl-C   (/metrics needs an admin key: see docs/gateway.md)
"""


def run(
    host: Annotated[str, typer.Option(envvar="VEIL_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="VEIL_PORT", min=0, max=65535)] = 8000,
    upstream_base_url: Annotated[
        str | None,
        typer.Option(envvar="VEIL_UPSTREAM_BASE_URL", help="Omitted: the embedded SmolLM2 model"),
    ] = None,
    insecure_no_auth: Annotated[
        bool,
        typer.Option(
            "--insecure-no-auth",
            envvar="VEIL_INSECURE_NO_AUTH",
            help="Allow a non-loopback --host (no API keys: every caller can restore any session)",
        ),
    ] = False,
) -> None:
    """Start the gateway on embedded defaults and print copy-paste examples."""
    from rich.console import Console

    from veil.config import Settings
    from veil.gateway.config import GatewayConfig
    from veil.gateway.exposure import check_exposure
    from veil.gateway.runner import serve

    Settings()  # a bad VEIL_* value is named here, not as the embedded model's failed start
    cfg = GatewayConfig(host=host, port=port)
    check_exposure(cfg, host, insecure_no_auth=insecure_no_auth)
    cfg.upstream.base_url = upstream_base_url
    console = Console(stderr=True)
    if not upstream_base_url:
        console.print(
            "Starting the embedded SmolLM2-135M-Instruct model "
            "(first start converts the weights, ~30 s)..."
        )

    def banner(url: str) -> None:
        console.print(
            _EXAMPLES.format(
                url=url,
                key="any-key",
                upstream=upstream_base_url or "embedded SmolLM2",
                model="gpt-4o-mini" if upstream_base_url else "smollm2-135m-instruct",
            ),
            highlight=False,
        )

    serve(cfg, on_ready=banner)


def register(app: typer.Typer) -> None:
    app.command("run")(run)
