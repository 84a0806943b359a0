"""``veil`` run in the test's process as a user runs it from the shell."""

from __future__ import annotations

import io
import sys
from typing import IO

import pytest

from veil.cli.app import main


def run_veil(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
             stdin: bytes | IO[bytes] | None = None) -> tuple[int, str, str]:
    """``veil ARGV`` through :func:`main`: (exit code, stdout, stderr); never a traceback nor
    an "internal failure" (the bad-input tests' first check)."""
    monkeypatch.setattr(sys, "argv", ["veil", *argv])
    if stdin is not None:
        raw = io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))  # type: ignore[arg-type]
    code: object = 0
    try:
        main()
    except SystemExit as e:
        code = e.code
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal failure" not in out.err, out.err
    return (code if isinstance(code, int) else 1), out.out, out.err
