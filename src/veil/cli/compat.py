"""``veil eval compat``: each real client x feature against a real ``veil serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.eval import eval_app


@eval_app.command("compat")
def eval_compat(
    upstream: Annotated[Path, typer.Option(
        help="The recording test upstream to run behind the gateway.")] = Path(
        "tests/e2e/api_upstream.py"),
    out: Annotated[Path, typer.Option(help="Where the JSON and markdown go.")] = Path(
        "benchmarks/results/compat"),
    doc: Annotated[Path, typer.Option(
        help="Page whose compat block is replaced by the table.")] = Path("docs/gateway.md"),
    client: Annotated[str, typer.Option(help="Only this client (e.g. openai-python).")] = "",
) -> None:
    """Run every client probe, write the client x feature table (failures are reported)."""
    from veil.errors import InputError
    from veil.evaluation import compat

    if not upstream.exists():
        raise InputError(f"{upstream} not found; run from the repository root or pass --upstream")
    results = compat.run(upstream, only=(lambda p: p.client == client) if client else None)
    typer.echo(compat.write(results, out, doc))
    failed = sum(r.status == "fail" for r in results)
    typer.echo(f"{len(results)} probes: {failed} failed, "
               f"{sum(r.status == 'missing' for r in results)} clients not installed")


def register(app: typer.Typer) -> None:  # the command attaches to eval_app on import
    return None
