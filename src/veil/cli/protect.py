"""``veil protect``: mask sensitive values in text (argument, stdin, or JSON lines)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
        bool, typer.Option("--jsonl", help='stdin: one {"text", "session"} object per line')
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


def _protect_jsonl(veil: Veil, *, default_session: str, tenant: str) -> None:
    """One result line per input line; a bad line yields an error object, the rest go on.
    Lines are read one at a time (a large file is never held whole), and a line that is not
    UTF-8 is one bad line, not the end of the batch."""
    failed = 0
    for lineno, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            line = decode_utf8(raw, f"line {lineno}")
        except InputError as e:
            failed += 1
            sys.stdout.write(json.dumps({"error": str(e)}) + "\n")
            continue
        if not line.strip():
            continue
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
        failed += "error" in out
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failed:
        typer.echo(f"warning: {failed} line(s) failed; their result lines hold the reason",
                   err=True)


def register(app: typer.Typer) -> None:
    app.command("protect")(protect)
