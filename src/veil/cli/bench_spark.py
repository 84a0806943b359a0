"""``veil bench spark``: rows/s of PySpark batch anonymization for 1..N workers, on the same
generated tickets, private Redis vault and consistency check as ``veil bench ray``. Writes
``benchmarks/results/spark/spark.{json,md,png}``. Needs ``make spark-env``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.bench import bench_app
from veil.cli.bench_ray import bench_engine

OUT = Path("benchmarks/results/spark")


@bench_app.command("spark")
def bench_spark(
    rows: Annotated[int, typer.Option(help="rows in the generated data set")] = 100_000,
    max_workers: Annotated[int, typer.Option(help="measure 1..N Spark workers (local[N])")] = 2,
    rows_per_block: Annotated[int, typer.Option(help="rows per checkpointed block")] = 1000,
    session: Annotated[
        str, typer.Option(help="'dataset' (one vault session) or 'customer' (one per customer)")
    ] = "dataset",
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """Rows/s of batch anonymization on PySpark for 1..N workers over one shared Redis vault."""
    from veil.integrations.spark import anonymize

    bench_engine("spark", anonymize, rows=rows, max_workers=max_workers,
                 rows_per_block=rows_per_block, session=session, out=out)


def register(app: typer.Typer) -> None:  # the command attaches to bench_app on import
    return None
