"""``veil protect``: mask sensitive values in text (argument, stdin, or JSON lines)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from veil.cli._common import add_tenant, read_stdin_text
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
    veil = _make_veil(policy, one_text=not jsonl)
    add_tenant(veil, tenant)
    if jsonl:
        _protect_jsonl(veil, default_session=session, tenant=tenant)
        return
    if text is None:
        text = read_stdin_text()
    result = veil.protect(text, session=session, tenant=tenant)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(result.masked)
        if not result.masked.endswith("\n"):
            sys.stdout.write("\n")


def _protect_jsonl(veil: Veil, *, default_session: str, tenant: str) -> None:
    """One result line per input line; a bad line yields an error object, the rest go on."""
    raw = read_stdin_text()
    for lineno, line in enumerate(raw.splitlines(), start=1):
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
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command("protect")(protect)
