"""SQLite files in WAL mode, switched safely by several processes at once.

A gateway's workers open the same new vault, audit log and response store together. Switching
a new file to WAL takes an exclusive lock, and SQLite answers the process that loses that race
"database is locked" at once, without waiting out its busy timeout: the worker then failed to
start (two workers on a fresh home: about half of the starts).
"""

from __future__ import annotations

import sqlite3
import time

#: how long the switch is retried; the connections' busy timeout elsewhere
TIMEOUT_S = 30.0


def use_wal(conn: sqlite3.Connection, timeout_s: float = TIMEOUT_S) -> None:
    """Put ``conn``'s database in WAL mode, retrying while another connection holds the lock
    the switch needs (any other error is raised at once)."""
    deadline = time.monotonic() + timeout_s
    delay = 0.002
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            busy = getattr(e, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY,
                                                            sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
