"""Entry point of the ``veil`` CLI.

Command modules are discovered: every module in ``veil.cli`` that defines ``register(app)`` adds
its commands. Modules import heavy dependencies (torch, spaCy) inside the command functions so
that ``veil --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

import veil.cli
from veil.errors import VeilError

app = typer.Typer(
    name="veil",
    help="Privacy-preserving LLM inference: mask, obfuscate, perturb, and measure.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold prompt text
    add_completion=False,
)


def _register_all() -> None:
    for mod in sorted(pkgutil.iter_modules(veil.cli.__path__), key=lambda m: m.name):
        if mod.name in {"app"} or mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"veil.cli.{mod.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)


_register_all()


def main() -> None:
    """Run the CLI; a VeilError becomes a one-line message and exit code 2, never a traceback."""
    try:
        app(standalone_mode=False)
    except VeilError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except Exception as e:  # click usage errors and the like
        import click

        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        # Unknown failure: name the class only; its message could carry input text.
        typer.echo(
            f"error: internal failure ({type(e).__name__}); rerun with VEIL_DEBUG=1", err=True
        )
        if os.environ.get("VEIL_DEBUG"):
            raise
        sys.exit(1)


if __name__ == "__main__":
    main()
