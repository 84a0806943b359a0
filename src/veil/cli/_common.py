"""Helpers shared by CLI commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veil.errors import InputError

if TYPE_CHECKING:
    from veil import Veil


def read_stdin_text() -> str:
    """Read stdin as strict UTF-8; invalid bytes give a clear InputError, not a traceback."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"stdin is not valid UTF-8 (bad byte at offset {e.start}); re-encode the input as UTF-8"
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
