"""``veil bench roundtrip``: restore(protect(x)) == x on labelled data, per operator."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.bench import bench_app


@bench_app.command("roundtrip")
def bench_roundtrip(
    n: Annotated[int, typer.Option(min=1, help="samples per dataset and seed")] = 150,
    seeds: Annotated[str, typer.Option(help="comma-separated seeds")] = "101",
    ner: Annotated[bool, typer.Option(help="spaCy NER on")] = True,
    out: Annotated[Path, typer.Option(help="report directory")] = Path(
        "benchmarks/results/roundtrip"
    ),
) -> None:
    """Share of samples restored exactly, for each operator and dataset."""
    from rich.progress import Progress

    from veil.cli._common import int_list
    from veil.evaluation.roundtrip import OPERATORS, run_roundtrip, write_report

    seed_list = int_list(seeds, "--seeds", example="101,102")
    total = n * len(seed_list) * 2 * len(OPERATORS)
    with Progress(transient=True) as bar:
        task = bar.add_task("protect + restore", total=total)
        result = run_roundtrip(n=n, seeds=seed_list, ner=ner,
                               progress=lambda: bar.advance(task))
    for r in result["rows"].values():
        typer.echo(f"{r['operator']:12s} {r['dataset']:15s} exact {r['exact']:.4f}")
    for p in write_report(result, out):
        typer.echo(f"wrote {p}")


def register(app: typer.Typer) -> None:  # attaches itself to `veil bench`
    return None
