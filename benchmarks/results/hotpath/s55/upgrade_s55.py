"""How long the SQLite vault takes to bring older files to layout 2 (each session's tally
counted from its entries), in one transaction as the first opener of an upgraded Veil runs it
(`_layout`): a file of N entries (ten per session, 64-hex keys, 150-byte records) written in
layout 1 (from layout 2's tables without the tally) or in layout 0, then upgraded:

    python benchmarks/results/hotpath/s55/upgrade_s55.py [N] [1|0]
"""
from __future__ import annotations

import os
import secrets
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from veil.vault.sqlite import _TABLES, LAYOUT_0, _layout

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
version = int(sys.argv[2]) if len(sys.argv) > 2 else 1
path = os.path.join(tempfile.mkdtemp(), "vault.sqlite3")
conn = sqlite3.connect(path, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
for statement in _TABLES if version == 1 else LAYOUT_0:
    conn.execute(statement)
if version == 1:
    for column in ("n_entries", "first_id", "last_id"):
        conn.execute(f"ALTER TABLE sessions DROP COLUMN {column}")
conn.execute(f"PRAGMA user_version = {version}")
tenant = secrets.token_hex(16)
conn.execute("BEGIN")
for _ in range(n // 10):
    session = secrets.token_hex(20)
    conn.execute("INSERT INTO sessions VALUES (?, ?, ?)", (tenant, session, time.time() + 3600))
    conn.execute("INSERT INTO counters VALUES (?, ?, 'PERSON', 10)", (tenant, session))
    conn.executemany(
        "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(tenant, session, *(secrets.token_hex(32) for _ in range(4)), os.urandom(150))
         for _ in range(10)])
conn.execute("COMMIT")
size = os.path.getsize(path) / 1e6
t0 = time.perf_counter()
conn.execute("BEGIN IMMEDIATE")
_layout(conn, Path(path))
conn.execute("COMMIT")
wrong = conn.execute("SELECT count(*) FROM sessions WHERE n_entries != 10").fetchone()[0]
print(f"layout {version}: {n} entries ({size:.0f} MB file) brought to layout 2 in "
      f"{time.perf_counter() - t0:.2f} s ({wrong} sessions with a wrong tally); "
      f"load1 {os.getloadavg()[0]:.2f}")
