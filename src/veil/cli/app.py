"""Entry point of the ``veil`` CLI.

Command modules are discovered: every module in ``veil.cli`` that defines ``register(app)`` adds
its commands. Modules import heavy dependencies (torch, spaCy) inside the command functions so
that ``veil --help`` stays fast.

:func:`main` imports only the modules a command line can name (``veil protect`` ->
``protect``; ``veil bench hotpath`` -> ``bench`` and ``bench_hotpath``) and falls back to every
module when those do not provide the command, and for ``--help`` or a bare ``veil``. ``app``
imported from this module has every command registered.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from typing import Any

import typer

import veil.cli
from veil.errors import VeilError

_app = typer.Typer(
    name="veil",
    help="Privacy-preserving LLM inference: mask, obfuscate, perturb, and measure.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold prompt text
    add_completion=False,
)


@_app.callback()
def _root() -> None:
    # A callback keeps ``veil`` a group when only one command module is registered (Typer
    # would otherwise run that command as the program itself).
    pass


_registered: set[str] = set()


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(veil.cli.__path__)
                  if m.name != "app" and not m.name.startswith("_"))


def _register(names: list[str]) -> None:
    for name in names:
        if name in _registered:
            continue
        _registered.add(name)
        module = importlib.import_module(f"veil.cli.{name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(_app)


def _register_all() -> typer.Typer:
    _register(_module_names())
    return _app


def _command_names(t: typer.Typer) -> tuple[set[str], dict[str, typer.Typer]]:
    commands = {c.name or c.callback.__name__.replace("_", "-")
                for c in t.registered_commands if c.callback is not None}
    groups = {g.name: g.typer_instance for g in t.registered_groups
              if g.name and g.typer_instance is not None}
    return commands, groups


def _resolves(words: list[str]) -> bool:
    """Whether the registered commands provide ``words`` (a command or group + subcommand)."""
    t = _app
    for word in words:
        commands, groups = _command_names(t)
        if word in commands:
            return True
        if word not in groups:
            return False
        t = groups[word]
    return False  # a group alone: its help lists subcommands other modules may add


def _register_for(argv: list[str]) -> None:
    """Register what ``argv`` needs: the modules named after its first two words, or all."""
    words: list[str] = []
    for arg in argv:
        if arg.startswith("-") or len(words) == 2:
            break
        words.append(arg)
    if words:
        known = set(_module_names())
        guess = [m for m in (words[0].replace("-", "_"),
                             "_".join(words).replace("-", "_")) if m in known]
        _register(guess)
        if guess and _resolves(words):
            return
    _register_all()


def __getattr__(name: str) -> Any:
    # ``from veil.cli.app import app`` (tests, embedding): the full command tree.
    if name == "app":
        return _register_all()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _settings_error(e: Exception) -> str | None:
    """A bad ``VEIL_*`` value (``Settings`` reads them): which variables and why, never the
    value (it may be a key or a Redis password); None for any other failure."""
    from pydantic import ValidationError

    if not isinstance(e, ValidationError) or e.title != "Settings":
        return None
    bad = "; ".join(
        f"VEIL_{'_'.join(str(x) for x in err['loc']).upper()}: {err['msg']}"
        for err in e.errors(include_url=False, include_input=False)
    )
    return f"invalid environment setting ({bad}); fix or unset the variable"


def _one_line(message: str) -> str:
    """``message`` with its control characters escaped: an error stays one line on stderr
    whatever it quotes (a path or a name with a newline cannot forge a line of its own)."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def main() -> None:
    """Run the CLI; a VeilError becomes a one-line message and exit code 2, never a traceback.

    Exit codes: 0 done; 1 a check failed (``veil audit verify``) or an internal failure; 2 an
    error (bad input, usage, settings, vault), nothing done; 3 ``veil protect --jsonl`` with
    some lines failed (each has an error result line); 130 interrupted; 141 the output was
    closed (its reader ended)."""
    _register_for(sys.argv[1:])
    try:
        # Without standalone mode click returns a command's `typer.Exit(code)` instead of
        # raising it: exit with it, or a failed `veil audit verify` would exit 0.
        rc = _app(standalone_mode=False)
        if isinstance(rc, int) and not isinstance(rc, bool) and rc:
            sys.exit(rc)
    except VeilError as e:
        typer.echo(f"error: {_one_line(str(e))}", err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except BrokenPipeError:
        # `veil audit show | head`: the reader has what it wanted; no traceback, and none
        # from the interpreter's last flush of stdout either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    except Exception as e:  # click usage errors and the like
        import click

        # typer carries its own copy of click: its usage errors are TyperExceptions, not
        # click's (without this, "No such option" read "internal failure (NoSuchOption)")
        show = getattr(e, "show", None)
        if isinstance(e, (click.ClickException, typer.TyperException)) and callable(show):
            show()
            sys.exit(int(getattr(e, "exit_code", 2)))
        bad_env = _settings_error(e)
        if bad_env is not None:
            typer.echo(f"error: {_one_line(bad_env)}", err=True)
            sys.exit(2)
        # Unknown failure: name the class only; its message could carry input text.
        typer.echo(
            f"error: internal failure ({type(e).__name__}); rerun with VEIL_DEBUG=1", err=True
        )
        if os.environ.get("VEIL_DEBUG"):
            raise
        sys.exit(1)


if __name__ == "__main__":
    main()
