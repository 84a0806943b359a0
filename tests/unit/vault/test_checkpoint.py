"""The SQLite vault's write-ahead log is copied into the database file by a thread of its own,
not inside a request's commit, and stays small under a steady stream of writes."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault import checkpoint as ckpt


def _write(vault: SQLiteVault, session: str, n: int) -> None:
    for i in range(n):
        vault.get_or_create(
            "t", session, entity_type="PERSON", original=f"Name {session} {i}",
            operator="placeholder", exact_key=f"name {session} {i}",
            propose=lambda counter, attempt: f"[PERSON_{counter}]",
        )


def _rows_in_main_file(path: Path, tmp: Path) -> int:
    """Entries the database file holds by itself (its log left behind)."""
    alone = tmp / "alone.sqlite3"
    shutil.copyfile(path, alone)
    with sqlite3.connect(alone) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        except sqlite3.OperationalError:  # not even the schema has left the log yet
            return 0


def _settle(timeout_s: float = 10.0) -> None:
    """Wait until the checkpoint thread has nothing left (other tests' files included)."""
    deadline = time.monotonic() + timeout_s
    while ckpt.CHECKPOINTER._thread is not None:
        assert time.monotonic() < deadline, "the checkpoint thread never went idle"
        time.sleep(0.02)


def _rows_once_checkpointed(path: Path, tmp: Path, want: int, timeout_s: float = 10.0) -> int:
    """:func:`_rows_in_main_file` once it holds ``want`` rows, or at the timeout (a pass for
    another test's file must not count as this one's)."""
    deadline = time.monotonic() + timeout_s
    rows = _rows_in_main_file(path, tmp)
    while rows != want and time.monotonic() < deadline:
        time.sleep(0.02)
        rows = _rows_in_main_file(path, tmp)
    return rows


def test_commits_reach_the_database_file_without_another_commit(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "v.sqlite3"
    vault = SQLiteVault(settings, path=path)
    _write(vault, "s", 5)  # far below any commit's own checkpoint threshold
    assert _rows_once_checkpointed(path, tmp_path, 5) == 5
    vault.close()


def test_the_log_restarts_under_steady_writes(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PASSIVE checkpoint alone never lets the log restart while writers keep appending: it
    would grow to the fallback bound (64 MB) and the commits would checkpoint themselves again.
    The pass in the write turn lets the next commit restart it. A restart gives the log a new
    salt in its header (bytes 16-24 of the -wal file)."""
    monkeypatch.setattr(ckpt.CHECKPOINTER, "interval_s", 0.05)
    path = tmp_path / "v.sqlite3"
    vault = SQLiteVault(settings, path=path)
    wal = path.with_name(path.name + "-wal")
    before = ckpt.CHECKPOINTER.passes
    salts: set[bytes] = set()
    deadline = time.monotonic() + 60
    k = 0
    # a new session per write, as the gateway's new conversations do, at a busy gateway's
    # rate (~1,000 a second) rather than a tight loop's
    while ckpt.CHECKPOINTER.passes < before + 8 and time.monotonic() < deadline:
        _write(vault, f"s{k}", 1)
        k += 1
        with wal.open("rb") as f:
            salts.add(f.read(24)[16:24])
        time.sleep(0.001)
    assert ckpt.CHECKPOINTER.passes >= before + 8
    assert len(salts) >= 4, (len(salts), k)
    vault.close()


def test_a_deleted_vault_file_is_not_made_again(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "gone" / "v.sqlite3"
    vault = SQLiteVault(settings, path=path)
    _write(vault, "s", 1)
    vault.close()
    _settle()
    for p in path.parent.iterdir():
        p.unlink()
    before = ckpt.CHECKPOINTER.passes
    ckpt.CHECKPOINTER.written(path, _Turn())
    time.sleep(ckpt.CHECKPOINTER.interval_s * 3)
    assert not path.exists()
    assert ckpt.CHECKPOINTER.passes == before


class _Turn:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
