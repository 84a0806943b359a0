"""``veil restore``: put the originals back into text masked in a session."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from veil.cli._common import add_tenant, open_existing_vault, read_stdin_text


def restore(
    text: Annotated[str | None, typer.Argument(help="Masked text; omitted: read stdin")] = None,
    session: Annotated[str, typer.Option("--session", "-s", help="Conversation id")] = "default",
    tenant: Annotated[str, typer.Option(help="Tenant id")] = "default",
) -> None:
    """Print TEXT with the replacements of SESSION restored to their original values."""
    from veil import Settings, Veil
    from veil.core import MAX_TEXT_CHARS, check_text
    from veil.errors import VaultError

    text = check_text(read_stdin_text(MAX_TEXT_CHARS) if text is None else text)
    # Restoring only reads the vault: no vault, tenant or key is created for a misspelt name.
    settings = Settings()
    with open_existing_vault(settings) as vault:
        if not vault.has_tenant(tenant):
            raise VaultError(
                f"no tenant {tenant!r} in the vault (nothing was ever protected for it); check "
                "--tenant, and VEIL_HOME / VEIL_VAULT_PATH"
            )
        if not vault.has_session(tenant, session):
            # Nothing to restore from: the text comes back exactly as given (the restorer
            # would turn its placeholders into descriptions such as "an email address").
            typer.echo(
                f"warning: session {session!r} of tenant {tenant!r} holds no values in the "
                "vault (nothing was masked in it, it expired, or --session is misspelt); the "
                "text is unchanged",
                err=True,
            )
            restored = text
        else:
            veil = Veil(settings, vault=vault)
            add_tenant(veil, tenant)
            restored = veil.restore(text, session=session, tenant=tenant)
    sys.stdout.write(restored)
    if not restored.endswith("\n"):
        sys.stdout.write("\n")


def register(app: typer.Typer) -> None:
    app.command("restore")(restore)
