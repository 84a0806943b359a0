"""``veil vault``: key rotation of the encrypted mapping store, while gateways keep running.

    VEIL_NEW_MASTER_KEY=... veil vault rotate-master-key     # re-wrap every key under the new one
    veil vault rotate-master-key --generate                 # key-file mode: new random key file
    veil vault finish-master-rotation                       # after every gateway uses the new key
    veil vault rotate-tenant-key acme                       # new data key, entries re-encrypted

The vault is the one the settings name (``VEIL_VAULT_BACKEND``, ``VEIL_VAULT_PATH``,
``VEIL_REDIS_URL``, ``VEIL_MASTER_KEY``). Keys are never taken as arguments (they would show in
the process list and shell history) and never printed.
"""

from __future__ import annotations

import base64
import os
import secrets
from typing import Annotated

import typer

from veil.errors import ConfigError

vault_app = typer.Typer(help="Rotate the vault's keys (online).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(vault_app, name="vault")


@vault_app.command("rotate-master-key")
def rotate_master_key(
    new_key_env: Annotated[
        str, typer.Option(help="Environment variable holding the new key (base64 of 32 bytes)")
    ] = "VEIL_NEW_MASTER_KEY",
    generate: Annotated[
        bool,
        typer.Option(help="Key-file mode only: generate the new key and replace <home>/master.key"),
    ] = False,
) -> None:
    """Re-wrap every tenant key under a new master key; running gateways keep working."""
    from veil.config import Settings
    from veil.vault import open_vault

    settings = Settings()
    if generate:
        if settings.master_key is not None:
            raise ConfigError(
                "--generate replaces the key file, but VEIL_MASTER_KEY is set; put the new key "
                f"in {new_key_env} instead"
            )
        new_key = base64.b64encode(secrets.token_bytes(32)).decode()
    else:
        found = os.environ.get(new_key_env)
        if not found:
            raise ConfigError(
                f"set {new_key_env} to the new master key (base64 of 32 random bytes), or pass "
                "--generate to rotate the key file"
            )
        new_key = found
    with open_vault(settings) as vault:
        count = vault.rotate_master_key(new_key)
    typer.echo(f"re-wrapped {count} key(s) under the new master key.")
    if settings.master_key is not None:
        typer.echo(
            f"next: restart every gateway with VEIL_MASTER_KEY set to the value of {new_key_env}, "
            "then run `veil vault finish-master-rotation`"
        )
    else:
        typer.echo(
            "the key file was replaced; running gateways re-read it on their next new tenant. "
            "Run `veil vault finish-master-rotation` once they all did (or were restarted)"
        )


@vault_app.command("finish-master-rotation")
def finish_master_rotation() -> None:
    """Drop the old-master wrappings kept during a rotation (the old key then opens nothing)."""
    from veil.config import Settings
    from veil.vault import open_vault

    with open_vault(Settings()) as vault:
        count = vault.finish_master_rotation()
    typer.echo(f"dropped {count} old-master wrapping(s).")


@vault_app.command("rotate-tenant-key")
def rotate_tenant_key(
    tenant: Annotated[str, typer.Argument(help="Tenant name as in the gateway config")],
) -> None:
    """Give a tenant a fresh data key and re-encrypt its entries; running gateways keep working."""
    from veil.config import Settings
    from veil.vault import open_vault

    with open_vault(Settings()) as vault:
        r = vault.rotate_tenant_key(tenant)
    typer.echo(f"data key {r.version}: re-encrypted {r.resealed} entr(y/ies).")
    if r.legacy:
        typer.echo(
            f"{r.legacy} entr(y/ies) written before this vault version stay under the previous "
            "key until their session expires (VEIL_VAULT_TTL_SECONDS)."
        )
