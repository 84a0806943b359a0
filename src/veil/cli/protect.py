"""``veil protect``: mask sensitive values in text (argument, stdin, or JSON lines)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from veil.cli._common import add_tenant, decode_utf8, read_stdin_text
from veil.errors import InputError, VeilError

if TYPE_CHECKING:
    from veil import Veil


def _make_veil(policy: Path | None, *, one_text: bool = False) -> Veil:
    from veil import Policy, Settings, Veil

    # one text: detection workers could not be ready before it is read, only cost CPU
    settings = Settings(detect_workers=0) if one_text else None
    return Veil(settings, policy=Policy.from_yaml(policy) if policy else None)


def protect(
    text: Annotated[str | None, typer.Argument(help="Text to protect; omitted: read stdin")] = None,
    session: Annotated[str, typer.Option("--session", "-s", help="Conversation id")] = "default",
    tenant: Annotated[str, typer.Option(help="Tenant id")] = "default",
    policy: Annotated[Path | None, typer.Option(help="YAML policy file")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print masked text and entities")] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='stdin: one {"text", "session"} object per line; '
                                          "exit status 3 if some lines failed")
    ] = False,
) -> None:
    """Print TEXT with every sensitive value replaced (the mapping goes to the vault)."""
    if jsonl and text is not None:  # it would be ignored while the command waits on stdin
        raise typer.BadParameter("--jsonl reads JSON lines from stdin; drop the TEXT argument")
    veil = _make_veil(policy, one_text=not jsonl)
    add_tenant(veil, tenant)
    if jsonl:
        _protect_jsonl(veil, default_session=session, tenant=tenant)
        return
    if text is None:
        from veil.core import MAX_TEXT_CHARS

        text = read_stdin_text(MAX_TEXT_CHARS)
    result = veil.protect(text, session=session, tenant=tenant)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(result.masked)
        if not result.masked.endswith("\n"):
            sys.stdout.write("\n")


#: exit status of ``--jsonl`` when some lines failed (each has an error result line)
SOME_LINES_FAILED = 3
#: exit status when the reader of stdout went away (128 + SIGPIPE, as a shell reports it)
OUTPUT_CLOSED = 141


def _line_limit() -> int:
    """Bytes one JSON line may hold: the longest text :func:`veil.core.check_text` takes, every
    character escaped (``\\uXXXX\\uXXXX`` at worst), and room for the other fields."""
    from veil import core

    return 12 * core.MAX_TEXT_CHARS + 4096


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, each read in pieces of at most ``limit`` bytes: a line longer
    than that (one without an end, a binary file) comes as None, its rest skipped unread into
    memory, so the batch goes on with the next line."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(min(limit + 1, 1 << 20))
        yield None


def _protect_jsonl(veil: Veil, *, default_session: str, tenant: str) -> None:
    """One result line per input line; a bad line yields an error object, the rest go on, and
    the exit status is :data:`SOME_LINES_FAILED` if any did. Lines are read one at a time (a
    large file is never held whole; a line is read in bounded pieces), and a line that is not
    UTF-8 is one bad line, not the end of the batch. Interrupted (Ctrl-C) or cut off (the
    reader of stdout went away), it says from which line to run the rest again: the vault
    already holds what earlier lines stored, and a rerun of a line maps it the same way."""
    from veil import core

    failed = handled = 0
    try:
        for lineno, raw in enumerate(_lines(sys.stdin.buffer, _line_limit()), start=1):
            out = _protect_line(veil, lineno, raw, default_session=default_session,
                                tenant=tenant, limit=core.MAX_TEXT_CHARS)
            if out is None:
                handled = lineno
                continue
            failed += "error" in out
            with _deferred_sigint():  # a result line is out whole and counted, or not at all
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
                sys.stdout.flush()
                handled = lineno
    except KeyboardInterrupt:
        typer.echo(
            f"interrupted: lines 1-{handled} were handled (their result lines are out); line "
            f"{handled + 1} and the lines after it were not: run them again with "
            f"`tail -n +{handled + 1}`",
            err=True,
        )
        raise
    except BrokenPipeError:
        # nothing more can be written: point stdout at nothing, so that the interpreter's
        # last flush does not fail again with a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        typer.echo(
            f"error: the output was closed after line {handled} (its reader ended); line "
            f"{handled + 1} and the lines after it were not protected: run them again with "
            f"`tail -n +{handled + 1}`",
            err=True,
        )
        raise typer.Exit(OUTPUT_CLOSED) from None
    if failed:
        typer.echo(f"warning: {failed} line(s) failed; their result lines hold the reason "
                   f"(exit status {SOME_LINES_FAILED})", err=True)
        raise typer.Exit(SOME_LINES_FAILED)


@contextlib.contextmanager
def _deferred_sigint() -> Iterator[None]:
    """Hold Ctrl-C back while a result line is written and counted: interrupted inside a
    write that blocks (a slow reader), Python would leave half a JSON line on stdout, and
    interrupted between the write and the count, it would name a line already answered as
    the one to run again. The signal is acted on as soon as the line is out. (Python's own
    handler, swapped here, not the thread's signal mask: the kernel may deliver the signal to
    another thread, the vault's checkpointer, and Python then runs the handler in this one.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt


def _protect_line(veil: Veil, lineno: int, raw: bytes | None, *, default_session: str,
                  tenant: str, limit: int) -> dict[str, Any] | None:
    """The result object of one input line (None for a blank line)."""
    if raw is None:
        return {"error": f"line {lineno} is longer than a text of {limit} characters can be; "
                         "split it into parts"}
    try:
        line = decode_utf8(raw, f"line {lineno}")
    except InputError as e:
        return {"error": str(e)}
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError('each line must be a JSON object with a string "text"')
        sess = obj.get("session", default_session)
        if not isinstance(sess, str):
            raise InputError('"session" must be a string')
        out = veil.protect(obj["text"], session=sess, tenant=tenant).to_dict()
        out["session"] = sess
    except json.JSONDecodeError as e:
        out = {"error": f"line {lineno}: invalid JSON at column {e.colno}"}
    except VeilError as e:
        out = {"error": f"line {lineno}: {e}"}
    return out


def register(app: typer.Typer) -> None:
    app.command("protect")(protect)
