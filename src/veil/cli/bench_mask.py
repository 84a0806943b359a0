"""``veil bench mask``: tolerant restoration success and masking/restoration latency."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.bench import bench_app


@bench_app.command("mask")
def bench_mask(
    n: Annotated[int, typer.Option(help="values per entity type and operator")] = 40,
    out: Annotated[Path, typer.Option(help="directory for JSON/markdown/PNG")] = Path(
        "benchmarks/results"
    ),
    backend: Annotated[
        str, typer.Option(help="sqlite (temporary file) or redis (VEIL_REDIS_URL)")
    ] = "sqlite",
) -> None:
    """Restoration of LLM-altered replacements (vs exact replacement) and latency."""
    from rich.console import Console

    from veil.mask.benchmark import run

    console = Console(stderr=True)
    vault = None
    if backend == "redis":
        from veil.config import Settings
        from veil.vault.redis import RedisVault

        vault = RedisVault(Settings())
        vault.ping()
    with console.status("masking and restoring synthetic values..."):
        result = run(out, n=n, vault=vault)
    for op, r in result["operators"].items():
        console.print(
            f"{op:12s} tolerant {r['tolerant_success']:.4f}  exact-only "
            f"{r['exact_only_success']:.4f}  round-trip {r['round_trip']:.4f}  "
            f"mask p50 {r['mask_ms_p50']:.2f} ms  restore 1KB p50 {r['restore_1kb_ms_p50']:.2f} ms"
        )
    name = "mask_restore" if backend == "sqlite" else f"mask_restore_{backend}"
    console.print(f"wrote {out}/{name}.json, .md, .png")


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the command attaches itself to ``veil bench``."""
