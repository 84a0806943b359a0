"""The SQLite vault's commit of a batch to a session that already holds many entries: N
entries written, then a batch of M new values, its session either unchanged since the batch's
view or written meanwhile by another writer (one entry: the commit must compare). The best of
three commits each, a new session each time:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s54/big_session_s54.py
"""
from __future__ import annotations

import base64
import os
import tempfile
import time
from pathlib import Path

from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault.base import SessionBatch


def fill(b: SessionBatch, values: range, tag: str, kind: str = "EMAIL_ADDRESS") -> None:
    for i in values:
        v = f"{tag}{i}@example.org"
        b.get_or_create(b.tenant, b.session, entity_type=kind, original=v,
                        operator="placeholder", exact_key=v, norm_key=v,
                        propose=lambda counter, attempt: f"[{kind}_{counter + attempt}]")


def two_clients() -> tuple[SQLiteVault, SQLiteVault]:
    """Two clients of one new vault file (as two processes' would be)."""
    home = Path(tempfile.mkdtemp())
    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    return SQLiteVault(settings), SQLiteVault(settings)


def written(vault: SQLiteVault, session: str, n: int) -> None:
    """A session of ``n`` entries, in one commit."""
    first = vault.batch("t", session)
    fill(first, range(n), "a")
    assert first.commit()


def main() -> None:
    vault, other = two_clients()
    for n, m in ((200, 5), (20_000, 5), (20_000, 20_000)):
        for meanwhile in (False, True):
            best = float("inf")
            for r in range(3):
                session = f"s-{n}-{m}-{meanwhile}-{r}"
                written(vault, session, n)
                batch = vault.batch("t", session, vault.view("t", session))
                fill(batch, range(m), "b")
                if meanwhile:
                    them = other.batch("t", session, other.view("t", session))
                    fill(them, range(1), "c", "URL")  # no value or replacement in common
                    assert them.commit()
                t0 = time.perf_counter()
                assert batch.commit()
                best = min(best, time.perf_counter() - t0)
            state = "written meanwhile" if meanwhile else "unchanged"
            print(f"session of {n:6d}, batch of {m:6d}, {state:17s}: commit {best * 1e3:9.2f} ms")


if __name__ == "__main__":
    main()
