"""``veil bench ...``: performance benchmarks. Subcommands live in ``bench_<name>.py`` modules,
which attach themselves to :data:`bench_app`."""

from __future__ import annotations

import typer

bench_app = typer.Typer(help="Benchmarks that write results under benchmarks/results/.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")
