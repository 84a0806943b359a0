"""SQLite alone: the vault commit's statements on four file layouts, a new session per commit
with 1, 2, 4 and 23 values (random HMAC-like keys, 120-byte sealed records), in a file that
grows to 3,000 sessions: median commit time over the last two thirds, and the WAL frames each
commit appends. Layouts: the first (three unique keys and a fingerprint index on entries,
rowid tables), the adopted one (one key on entries, sessions and counters WITHOUT ROWID), the
adopted one with the counters folded into the session row, and one row per commit:

    python benchmarks/results/hotpath/s54/layouts_s54.py
"""
from __future__ import annotations

import os
import secrets
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable

from veil.vault.sqlite import LAYOUT_0

FIRST = ";\n".join(LAYOUT_0) + ";"
ADOPTED = """
CREATE TABLE sessions (tenant TEXT NOT NULL, session TEXT NOT NULL, expires_at REAL NOT NULL,
    PRIMARY KEY (tenant, session)) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE counters (tenant TEXT NOT NULL, session TEXT NOT NULL, type TEXT NOT NULL,
    value INTEGER NOT NULL, PRIMARY KEY (tenant, session, type)) WITHOUT ROWID;
CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL,
    session TEXT NOT NULL, lk_exact TEXT NOT NULL, lk_norm TEXT, rep TEXT, fp TEXT NOT NULL,
    blob BLOB NOT NULL, UNIQUE (tenant, session, lk_exact));
"""
FOLDED = ADOPTED.replace(
    "expires_at REAL NOT NULL,\n    PRIMARY KEY (tenant, session)) WITHOUT ROWID;",
    "expires_at REAL NOT NULL,\n    counters TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (tenant, session))"
    " WITHOUT ROWID;")
PER_COMMIT = """
CREATE TABLE sessions (tenant TEXT NOT NULL, session TEXT NOT NULL, expires_at REAL NOT NULL,
    PRIMARY KEY (tenant, session)) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE commits (id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, session TEXT NOT NULL,
    keys TEXT NOT NULL, blob BLOB NOT NULL);
CREATE INDEX commits_session ON commits (tenant, session);
"""
TALLY = ("SELECT (SELECT expires_at FROM sessions WHERE tenant = ? AND session = ?), count(*), "
         "coalesce(max(id), 0), count(CASE WHEN id <= ? THEN 1 END) FROM entries "
         "WHERE tenant = ? AND session = ?")
INSERT = ("INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)")
IDS = "SELECT id FROM entries WHERE tenant = ? AND session = ? AND id > ? ORDER BY id"
SESSION = ("INSERT INTO sessions (tenant, session, expires_at) VALUES (?, ?, ?) "
           "ON CONFLICT (tenant, session) DO UPDATE SET expires_at = excluded.expires_at")
Row = tuple[str, str, str, str, str, str, bytes]


def per_entry(c: sqlite3.Connection, tid: str, sid: str, rows: list[Row], now: float) -> None:
    """The vault's statements (``SQLiteVault._commit``), either row-per-entry layout."""
    c.execute("BEGIN IMMEDIATE")
    c.execute(TALLY, (tid, sid, 0, tid, sid)).fetchone()
    c.executemany(INSERT, rows)
    c.execute(IDS, (tid, sid, 0)).fetchall()
    c.executemany("INSERT INTO counters (tenant, session, type, value) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (tenant, session, type) DO UPDATE SET "
                  "value = max(value, excluded.value)", [(tid, sid, "PERSON", len(rows))])
    c.execute(SESSION, (tid, sid, now + 3600))
    c.execute("COMMIT")


def folded(c: sqlite3.Connection, tid: str, sid: str, rows: list[Row], now: float) -> None:
    c.execute("BEGIN IMMEDIATE")
    c.execute(TALLY.replace("SELECT (SELECT expires_at", "SELECT (SELECT counters FROM sessions "
                            "WHERE tenant = ? AND session = ?), (SELECT expires_at"),
              (tid, sid, tid, sid, 0, tid, sid)).fetchone()
    c.executemany(INSERT, rows)
    c.execute(IDS, (tid, sid, 0)).fetchall()
    c.execute("INSERT INTO sessions (tenant, session, expires_at, counters) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (tenant, session) DO UPDATE SET expires_at = excluded.expires_at, "
              "counters = excluded.counters", (tid, sid, now + 3600, f'{{"PERSON": {len(rows)}}}'))
    c.execute("COMMIT")


def one_row(c: sqlite3.Connection, tid: str, sid: str, rows: list[Row], now: float) -> None:
    c.execute("BEGIN IMMEDIATE")
    c.execute("SELECT (SELECT expires_at FROM sessions WHERE tenant = ? AND session = ?), "
              "count(*), coalesce(max(id), 0) FROM commits WHERE tenant = ? AND session = ?",
              (tid, sid, tid, sid)).fetchone()
    c.execute("INSERT INTO commits (tenant, session, keys, blob) VALUES (?, ?, ?, ?)",
              (tid, sid, " ".join(k for r in rows for k in r[2:6]), b"".join(r[6] for r in rows)))
    c.execute(SESSION, (tid, sid, now + 3600))
    c.execute("COMMIT")


def measure(schema: str, commit: Callable[..., None], values: int,
            commits: int = 3000) -> tuple[float, float]:
    path = os.path.join(tempfile.mkdtemp(), "v.db")
    c = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "wal_autocheckpoint = 100000"):
        c.execute(f"PRAGMA {pragma}")
    c.executescript(schema)
    tid = secrets.token_hex(16)
    times, frames = [], []
    for n in range(commits):
        sid = secrets.token_hex(16)
        rows = [(tid, sid, *(secrets.token_hex(16) for _ in range(4)), os.urandom(120))
                for _ in range(values)]
        before = os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0
        t0 = time.perf_counter_ns()
        commit(c, tid, sid, rows, time.time())
        times.append(time.perf_counter_ns() - t0)
        frames.append((os.path.getsize(path + "-wal") - before) / (4096 + 24))
        if n % 500 == 499:  # as the vault's checkpoint thread keeps the log short
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    k = commits // 3
    return statistics.median(times[k:]) / 1e3, statistics.mean(frames[k:])


for name, schema, commit in (("first layout", FIRST, per_entry),
                             ("adopted layout", ADOPTED, per_entry),
                             ("adopted, counters in the session row", FOLDED, folded),
                             ("one row per commit", PER_COMMIT, one_row)):
    cells = [measure(schema, commit, v) for v in (1, 2, 4, 23)]
    print(f"{name:38s} " + "  ".join(f"{v:2d} values: {t:6.1f} us {f:4.1f} frames"
                                     for v, (t, f) in zip((1, 2, 4, 23), cells, strict=True)))
