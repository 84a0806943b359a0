"""``veil eval ...``: privacy/utility evaluations. Subcommands live in ``eval_<name>.py`` modules,
which attach themselves to :data:`eval_app`."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Evaluations (attacks, quality, utility) that write reports under "
                       "benchmarks/results/.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
