"""How long the SQLite vault takes to bring older files to layout 2 (each session's tally
counted from its entries), in one transaction as the first opener of an upgraded Veil runs it
(`_layout`): a file of N entries (ten per session, 64-hex keys, 150-byte records) written in
layout 1 (from layout 2's tables without the tally) or in layout 0, then upgraded:

    python benchmarks/results/hotpath/s55/upgrade_s55.py [N] [1|0]
"""
from __future__ import annotations

import importlib.util
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from veil.vault.sqlite import _TABLES, LAYOUT_0, _layout

# the twenty-third round's file writer (the columns every layout shares)
_spec = importlib.util.spec_from_file_location(
    "rebuild_s54", Path(__file__).parents[1] / "s54" / "rebuild_s54.py")
assert _spec is not None and _spec.loader is not None
_rebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_rebuild)

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
_rebuild.write_entries(conn, n)
size = os.path.getsize(path) / 1e6
t0 = time.perf_counter()
conn.execute("BEGIN IMMEDIATE")
_layout(conn, Path(path))
conn.execute("COMMIT")
wrong = conn.execute("SELECT count(*) FROM sessions WHERE n_entries != 10").fetchone()[0]
print(f"layout {version}: {n} entries ({size:.0f} MB file) brought to layout 2 in "
      f"{time.perf_counter() - t0:.2f} s ({wrong} sessions with a wrong tally); "
      f"load1 {os.getloadavg()[0]:.2f}")
