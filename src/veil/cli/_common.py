"""Helpers shared by CLI commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from veil.errors import ConfigError, InputError, VaultUnavailableError

if TYPE_CHECKING:
    import ssl

    from veil import Settings, Veil
    from veil.vault import Vault


def read_stdin_text(max_chars: int | None = None) -> str:
    """Read stdin as strict UTF-8; invalid bytes give a clear InputError, not a traceback.
    With ``max_chars``, input that cannot fit (over 4 bytes a character) is refused after
    reading just past that, not held whole in memory first."""
    if max_chars is None:
        data = sys.stdin.buffer.read()
    else:
        data = sys.stdin.buffer.read(4 * max_chars + 1)
        if len(data) > 4 * max_chars:
            raise InputError(
                f"stdin holds more than {4 * max_chars} bytes; the limit is {max_chars} "
                "characters: split it into parts"
            )
    return decode_utf8(data, "stdin")


def decode_utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{what} is not valid UTF-8 (bad byte at offset {e.start}); re-encode the input as "
            "UTF-8"
        ) from None


def open_existing_vault(settings: Settings) -> Vault:
    """The vault the settings name, never a new one: on a misspelt VEIL_HOME or
    VEIL_VAULT_PATH, a command that reads or administers mappings would otherwise create an
    empty vault (and a master key) and report success on it."""
    from veil.vault import open_vault

    if settings.vault_backend == "sqlite":
        path = settings.resolved_vault_path()
        if not path.is_file():
            raise VaultUnavailableError(
                f"no vault at {path} (nothing was created); set VEIL_HOME or VEIL_VAULT_PATH "
                "to the vault the gateway uses"
            )
    return open_vault(settings)


def int_list(raw: str, option: str, *, minimum: int | None = None,
             example: str = "1,2,3") -> list[int]:
    """A comma-separated option of whole numbers, checked before any work starts: a typo gives
    a usage error (exit 2), and an empty list never runs (and writes) an empty report."""
    try:
        values = [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"{option} takes whole numbers separated by commas, e.g. {example}") from None
    if not values:
        raise typer.BadParameter(f"{option} needs at least one number, e.g. {example}")
    if minimum is not None and any(v < minimum for v in values):
        raise typer.BadParameter(f"{option} values must be at least {minimum}")
    return values


def name_list(raw: str, option: str, known: list[str], *, upper: bool = False) -> list[str]:
    """A comma-separated option of names from ``known`` (non-empty), checked up front."""
    names = [(x.strip().upper() if upper else x.strip()) for x in raw.split(",") if x.strip()]
    bad = [n for n in names if n not in known]
    if bad or not names:
        raise typer.BadParameter(
            f"{option} takes some of {', '.join(known)} (comma-separated)"
            + (f"; unknown: {', '.join(bad)}" if bad else ""))
    return names


def tls_context(ca_file: Path | None = None, cert_file: Path | None = None,
                key_file: Path | None = None) -> ssl.SSLContext:
    """A verifying client TLS context; a missing or non-PEM CA bundle is a clear error."""
    import ssl

    from veil.gateway.tls import client_context

    try:
        return client_context(ca_file=ca_file, cert_file=cert_file, key_file=key_file)
    except (OSError, ssl.SSLError) as e:
        raise ConfigError(
            f"cannot load the CA bundle {ca_file} ({type(e).__name__}); give a PEM file of CA "
            "certificates"
        ) from None


def add_tenant(veil: Veil, tenant: str) -> None:
    """A CLI ``--tenant``: the command's policy under that name (its terms come from the
    ``veil terms`` store), so ``veil terms add ... --tenant acme`` then ``veil protect --tenant
    acme`` work without a gateway config."""
    if tenant != "default":
        veil.set_policy(tenant, veil.policy())


def write_report(out: Path, name: str, result: dict[str, Any], markdown: str) -> Any | None:
    """Write a benchmark's ``<name>.json`` and ``<name>.md`` under ``out``; return pyplot (Agg)
    for its plot, or None when the eval extra (matplotlib) is not installed."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / f"{name}.md").write_text(markdown)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # JSON and markdown only
        return None
    return plt
