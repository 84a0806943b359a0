"""WAL checkpoints inside commits (before) against the checkpoint thread (after), in one process,
alternating rounds: `protect()` of short prompts with NER off and a new session per text (every
text's values are written), wall time per call and per vault COMMIT. "Before" is the same code
with the thread switched off and SQLite's default autocheckpoint (1,000 pages).

    .venv/bin/python benchmarks/results/hotpath/checkpoint_s41.py [rounds] [texts]

Output: the .txt next to it (pass ``> benchmarks/results/hotpath/checkpoint_s41.txt``).
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.vault import checkpoint, sqlite as sqlite_vault

COMMITS: list[float] = []


class _Timed:
    """A connection whose COMMITs are timed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql != "COMMIT":
            return self._conn.execute(sql, *args)
        t = time.perf_counter()
        try:
            return self._conn.execute(sql, *args)
        finally:
            COMMITS.append(time.perf_counter() - t)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def _round(texts: list[str], before: bool) -> dict[str, float]:
    real_written = checkpoint.CHECKPOINTER.written
    real_conn = sqlite_vault.SQLiteVault._conn

    def conn(self: sqlite_vault.SQLiteVault) -> Any:
        c = real_conn(self)
        if before:
            c.execute("PRAGMA wal_autocheckpoint = 1000")
        return _Timed(c)

    sqlite_vault.SQLiteVault._conn = conn  # type: ignore[method-assign]
    if before:
        checkpoint.CHECKPOINTER.written = lambda *a: None  # type: ignore[method-assign]
    try:
        _, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, use_ner=False)
        for t in texts[:50]:
            run(t, 0)
        COMMITS.clear()
        calls = []
        for t in texts:
            c = time.perf_counter()
            run(t, 0)
            calls.append(time.perf_counter() - c)
    finally:
        sqlite_vault.SQLiteVault._conn = real_conn  # type: ignore[method-assign]
        checkpoint.CHECKPOINTER.written = real_written  # type: ignore[method-assign]
    calls.sort()
    commits = sorted(COMMITS)
    return {
        "protect_mean_ms": statistics.mean(calls) * 1e3,
        "protect_p50_ms": calls[len(calls) // 2] * 1e3,
        "protect_p99_ms": calls[int(len(calls) * 0.99)] * 1e3,
        "commit_mean_us": statistics.mean(commits) * 1e6,
        "commit_p50_us": commits[len(commits) // 2] * 1e6,
        "commit_p99_us": commits[int(len(commits) * 0.99)] * 1e6,
        "commit_max_us": commits[-1] * 1e6,
    }


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    short, _, _ = corpus(600, 1)
    texts = (short * (n // len(short) + 1))[:n]
    rows: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for r in range(rounds):
        for label in ("before", "after") if r % 2 == 0 else ("after", "before"):
            rows[label].append(_round(texts, label == "before"))
            time.sleep(1.0)  # let the last pass end
    print(f"# protect() of {n} short prompts per round, NER off, a new session per text; "
          f"{rounds} alternating rounds, median over rounds; load1 {os.getloadavg()[0]:.1f}")
    keys = list(rows["before"][0])
    print(f"{'':8s} " + " ".join(f"{k:>16s}" for k in keys))
    for label, rs in rows.items():
        print(f"{label:8s} " + " ".join(f"{statistics.median(x[k] for x in rs):16.3f}"
                                        for k in keys))


if __name__ == "__main__":
    main()
