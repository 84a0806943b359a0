"""How long the SQLite vault's rebuild of a first-layout file takes (`_migrate`, in one
transaction, as the first opener of an upgraded Veil runs it): a file of N entries (ten per
session, 64-hex keys, 150-byte records) written in the first layout, then rebuilt:

    python benchmarks/results/hotpath/s54/rebuild_s54.py [N]
"""
from __future__ import annotations

import os
import secrets
import sqlite3
import sys
import tempfile
import time

from veil.vault.sqlite import LAYOUT_0, _migrate


def write_entries(conn: sqlite3.Connection, n: int) -> None:
    """N entries in one tenant, ten per session, with a session row and a counter each (the
    columns every layout shares)."""
    tenant = secrets.token_hex(16)
    conn.execute("BEGIN")
    for _ in range(n // 10):
        session = secrets.token_hex(20)
        conn.execute("INSERT INTO sessions (tenant, session, expires_at) VALUES (?, ?, ?)",
                     (tenant, session, time.time() + 3600))
        conn.execute("INSERT INTO counters VALUES (?, ?, 'PERSON', 10)", (tenant, session))
        conn.executemany(
            "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(tenant, session, *(secrets.token_hex(32) for _ in range(4)), os.urandom(150))
             for _ in range(10)])
    conn.execute("COMMIT")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    path = os.path.join(tempfile.mkdtemp(), "vault.sqlite3")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in LAYOUT_0:
        conn.execute(statement)
    write_entries(conn, n)
    size = os.path.getsize(path) / 1e6
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    _migrate(conn)
    conn.execute("COMMIT")
    print(f"{n} entries ({size:.0f} MB file) rebuilt in {time.perf_counter() - t0:.2f} s; "
          f"load1 {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
