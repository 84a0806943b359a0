"""Helpers shared by CLI commands."""

from __future__ import annotations

import sys

from veil.errors import InputError


def read_stdin_text() -> str:
    """Read stdin as strict UTF-8; invalid bytes give a clear InputError, not a traceback."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"stdin is not valid UTF-8 (bad byte at offset {e.start}); re-encode the input as UTF-8"
        ) from None
