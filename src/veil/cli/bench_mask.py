"""``veil bench mask``: tolerant restoration success and masking/restoration latency."""

from __future__ import annotations

from pathlib import Path

import typer

from veil.cli.bench import bench_app


@bench_app.command("mask")
def bench_mask(
    n: int = typer.Option(40, help="values per entity type and operator"),
    out: Path = typer.Option(Path("benchmarks/results"), help="directory for JSON/markdown/PNG"),
) -> None:
    """Restoration of LLM-altered replacements (vs exact replacement) and latency."""
    from rich.console import Console

    from veil.mask.benchmark import run

    console = Console(stderr=True)
    with console.status("masking and restoring synthetic values..."):
        result = run(out, n=n)
    for op, r in result["operators"].items():
        console.print(
            f"{op:12s} tolerant {r['tolerant_success']:.4f}  exact-only "
            f"{r['exact_only_success']:.4f}  round-trip {r['round_trip']:.4f}  "
            f"mask p50 {r['mask_ms_p50']:.2f} ms  restore 1KB p50 {r['restore_1kb_ms_p50']:.2f} ms"
        )
    console.print(f"wrote {out}/mask_restore.json, .md, .png")


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the command attaches itself to ``veil bench``."""
