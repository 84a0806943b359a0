"""New SQLite files switched to WAL by several processes at once (a gateway's workers on a
fresh home) all open; other errors are not retried."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from veil.sqlite_wal import use_wal

#: a process that never reaches the barrier breaks it instead of hanging the others
BARRIER_S = 60.0


def _open_audit(path: str, barrier: Any, results: Any) -> None:
    from veil.audit.store import SQLiteAuditStore

    try:
        barrier.wait(BARRIER_S)
        SQLiteAuditStore(Path(path))
        results.put("ok")
    except Exception as e:  # reported to the test, which names the class
        results.put(type(e).__name__)


def _open_raw(path: str, barrier: Any, results: Any) -> None:
    try:
        barrier.wait(BARRIER_S)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        use_wal(conn)
        results.put(conn.execute("PRAGMA journal_mode").fetchone()[0])
    except (sqlite3.Error, threading.BrokenBarrierError) as e:
        results.put(type(e).__name__)


@pytest.mark.parametrize("target", [_open_raw, _open_audit], ids=["use_wal", "audit store"])
def test_processes_opening_a_new_file_together_all_open_it(tmp_path: Path, target: Any) -> None:
    # forkserver, not fork: a child forked from pytest's threads can inherit a lock held by
    # one of them (logging, imports) and hang; the workers here start clean like a gateway's
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, "veil.audit.store"])  # each child starts in ms
    got: list[str] = []
    for trial in range(12):  # without the retry, most trials lost a process
        path = str(tmp_path / f"{trial}.db")
        Path(path).touch()  # as the stores make it first, private
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=target, args=(path, barrier, results)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(2 * BARRIER_S)
        got += [results.get(timeout=5) for _ in procs]
    want = "wal" if target is _open_raw else "ok"
    assert got == [want] * 36


class _Conn:
    """A connection whose WAL switch fails ``fails`` times with ``code``."""

    def __init__(self, fails: int, code: int) -> None:
        self.fails, self.code, self.calls = fails, code, 0

    def execute(self, sql: str) -> None:
        self.calls += 1
        if self.calls <= self.fails:
            e = sqlite3.OperationalError("database is locked")
            e.sqlite_errorcode = self.code  # type: ignore[attr-defined]
            raise e


def test_a_busy_switch_is_retried_until_it_succeeds() -> None:
    conn = _Conn(fails=3, code=sqlite3.SQLITE_BUSY)
    use_wal(conn)  # type: ignore[arg-type]
    assert conn.calls == 4


def test_other_errors_and_a_lock_held_too_long_are_raised() -> None:
    io = _Conn(fails=1, code=sqlite3.SQLITE_IOERR)
    with pytest.raises(sqlite3.OperationalError):
        use_wal(io)  # type: ignore[arg-type]
    assert io.calls == 1  # not retried
    held = _Conn(fails=10**6, code=sqlite3.SQLITE_BUSY)
    with pytest.raises(sqlite3.OperationalError):
        use_wal(held, timeout_s=0.05)  # type: ignore[arg-type]
    assert 1 < held.calls < 1000
