"""Writers of one SQLite vault file in one process wait for each other in the process, not in
SQLite's busy handler (which sleeps 1, 2, 5 ms... however soon the lock frees)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault import sqlite as sqlite_vault


class _NoBusyWait:
    """A connection that fails at once on a held write lock ("database is locked"), as SQLite
    does with a busy timeout of 0: any wait inside SQLite becomes an error the test sees."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith("PRAGMA busy_timeout"):
            sql = "PRAGMA busy_timeout = 0"
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_threads_of_two_vaults_on_one_file_never_meet_in_sqlite(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "one.sqlite3"
    first = SQLiteVault(settings, path=path)  # schema created with the usual timeout
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite_vault.sqlite3, "connect",
                        lambda *a, **k: _NoBusyWait(real_connect(*a, **k)))
    second = SQLiteVault(settings, path=path)  # e.g. the gateway's state and its admin API
    threads, per_thread = 8, 40
    start = threading.Barrier(threads)
    errors: list[str] = []

    def write(k: int) -> None:
        vault = (first, second)[k % 2]
        start.wait()
        try:
            for i in range(per_thread):
                vault.get_or_create(
                    "t", f"s{k % 3}", entity_type="PERSON", original=f"Name {k}-{i}",
                    operator="placeholder", exact_key=f"name {k}-{i}",
                    propose=lambda counter, attempt: f"[PERSON_{counter}]",
                )
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(type(e).__name__)

    workers = [threading.Thread(target=write, args=(k,)) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=120)
    assert errors == []
    stored = first._conn().execute("SELECT count(*) FROM entries").fetchone()[0]
    assert stored == threads * per_thread
    first.close()
    second.close()


_WRITER_PROCESS = """
import sqlite3, sys, threading
from pathlib import Path
from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault import sqlite as sqlite_vault

real = sqlite3.connect
class NoWait:
    def __init__(self, c): self._c = c
    def execute(self, sql, *a):
        no_wait = sql.startswith("PRAGMA busy")
        return self._c.execute("PRAGMA busy_timeout = 0" if no_wait else sql, *a)
    def __getattr__(self, n): return getattr(self._c, n)
home, path, key, tag = sys.argv[1:5]
vault = SQLiteVault(Settings(home=Path(home), master_key=key), path=Path(path))
sqlite_vault.sqlite3.connect = lambda *a, **k: NoWait(real(*a, **k))
vault._drop_conn()
sys.stdout.write("ready\\n"); sys.stdout.flush(); sys.stdin.readline()
def write(t):
    for i in range(60):
        vault.get_or_create("t", f"s{tag}{t}", entity_type="PERSON", original=f"N {tag}{t}-{i}",
                            operator="placeholder", exact_key=f"n {tag}{t}-{i}",
                            propose=lambda c, a: f"[PERSON_{c}]")
threads = [threading.Thread(target=write, args=(t,)) for t in range(2)]
[t.start() for t in threads]; [t.join() for t in threads]
"""


def test_processes_on_one_file_take_turns_before_sqlite(
    settings: Settings, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = tmp_path / "shared.sqlite3"
    SQLiteVault(settings, path=path).close()
    procs = [subprocess.Popen(
        [sys.executable, "-c", _WRITER_PROCESS, str(settings.home), str(path),
         str(settings.master_key), tag], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for tag in "ab"]
    for p in procs:  # both loaded: they start writing together
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-300:] for _, err in results]
    vault = SQLiteVault(settings, path=path)
    assert vault._conn().execute("SELECT count(*) FROM entries").fetchone()[0] == 2 * 2 * 60
    vault.close()


def test_a_write_inside_a_write_fails_instead_of_waiting_for_itself(settings: Settings) -> None:
    from veil.errors import VaultUnavailableError

    vault = SQLiteVault(settings)
    done = threading.Event()
    failures: list[str] = []

    def nested() -> None:
        try:
            with vault._write(), vault._write():
                pass
        except VaultUnavailableError as e:  # SQLite: a transaction inside a transaction
            failures.append(str(e))
        done.set()

    threading.Thread(target=nested, daemon=True).start()
    assert done.wait(timeout=30)
    assert failures and "transaction" in failures[0]
    vault.close()


def test_the_file_turn_is_held_until_the_outermost_turn_ends(settings: Settings) -> None:
    import fcntl
    import os

    vault = SQLiteVault(settings)
    vault.get_or_create("t", "s", entity_type="PERSON", original="Ann Lee", operator="placeholder",
                        exact_key="ann lee", propose=lambda c, a: f"[PERSON_{c}]")
    other = os.open(vault._writer.path, os.O_RDWR)  # another process's view of the turn

    def free() -> bool:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other, fcntl.LOCK_UN)
        return True

    try:
        with vault._writer:
            with vault._writer:
                assert not free()
            assert not free()  # the inner turn's end does not hand the file to others
        assert free()
    finally:
        os.close(other)
        vault.close()
