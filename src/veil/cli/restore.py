"""``veil restore``: put the originals back into text masked in a session."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from veil.cli._common import add_tenant, read_stdin_text


def restore(
    text: Annotated[str | None, typer.Argument(help="Masked text; omitted: read stdin")] = None,
    session: Annotated[str, typer.Option("--session", "-s", help="Conversation id")] = "default",
    tenant: Annotated[str, typer.Option(help="Tenant id")] = "default",
) -> None:
    """Print TEXT with the replacements of SESSION restored to their original values."""
    from veil import Veil

    if text is None:
        text = read_stdin_text()
    veil = Veil()
    add_tenant(veil, tenant)
    restored = veil.restore(text, session=session, tenant=tenant)
    sys.stdout.write(restored)
    if not restored.endswith("\n"):
        sys.stdout.write("\n")


def register(app: typer.Typer) -> None:
    app.command("restore")(restore)
