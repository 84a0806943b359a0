"""The vault's SQL for a new three-value session (the statements of SQLiteVault._commit, its
schema, WAL, synchronous=NORMAL) alone in a process, per page size and mmap size: the median
microseconds of each statement over 5,000 sessions.

    for a in "1024 0" "2048 0" "4096 0" "4096 268435456"; do
        python benchmarks/results/hotpath/s50/sqlite_pages_s50.py $a; done
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from typing import Any

from veil.vault.sqlite import _SCHEMA

page, mmap = int(sys.argv[1]), int(sys.argv[2])
path = os.path.join(tempfile.mkdtemp(), "v.db")
c = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
c.execute(f"PRAGMA page_size={page}")
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=NORMAL")
if mmap:
    c.execute(f"PRAGMA mmap_size={mmap}")
c.executescript(_SCHEMA)
times: dict[str, list[int]] = {}


def timed(label: str, sql: str, params: Any = (), many: bool = False) -> None:
    t0 = time.perf_counter_ns()
    (c.executemany if many else c.execute)(sql, params).fetchall()
    times.setdefault(label, []).append(time.perf_counter_ns() - t0)


tid = "t" * 16
for n in range(6000):
    sid = secrets.token_hex(20)
    items = [(tid, sid, secrets.token_hex(32), secrets.token_hex(32), secrets.token_hex(8),
              secrets.token_hex(32), os.urandom(120)) for _ in range(3)]
    timed("begin", "BEGIN IMMEDIATE")
    timed("tally",
          "SELECT (SELECT expires_at FROM sessions WHERE tenant = ? AND session = ?), count(*), "
          "coalesce(max(id), 0), count(CASE WHEN id <= ? THEN 1 END) FROM entries "
          "WHERE tenant = ? AND session = ?", (tid, sid, 0, tid, sid))
    timed("insert", "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)", items, many=True)
    timed("ids", "SELECT id FROM entries WHERE tenant = ? AND session = ? AND id > ? "
          "ORDER BY id", (tid, sid, 0))
    timed("counters", "INSERT INTO counters (tenant, session, type, value) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (tenant, session, type) DO UPDATE SET value = max(value, excluded.value)",
          (tid, sid, "PERSON", 1))
    timed("session", "INSERT INTO sessions (tenant, session, expires_at) VALUES (?, ?, ?) "
          "ON CONFLICT (tenant, session) DO UPDATE SET expires_at = excluded.expires_at",
          (tid, sid, time.time() + 3600))
    timed("commit", "COMMIT")
    if n % 170 == 169:  # the vault's checkpointer, on a connection of its own
        c2 = sqlite3.connect(path, isolation_level=None)
        c2.execute("PRAGMA wal_checkpoint(PASSIVE)")
        c2.close()
medians = {k: statistics.median(v[1000:]) / 1000 for k, v in times.items()}
print(f"page {page} mmap {mmap}:", " ".join(f"{k} {m:.1f}" for k, m in medians.items()),
      f"total {sum(medians.values()):.1f} us")
