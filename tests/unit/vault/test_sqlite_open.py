"""Opening one new SQLite vault file from several cores at once."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from veil.config import Settings
from veil.vault import SQLiteVault
from veil.vault import sqlite as sqlite_vault


class _LosesTheFirstRace:
    """A connection whose first write transaction (the schema's) fails the way a lost race
    does in SQLite."""

    lost = 0

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "BEGIN IMMEDIATE":
            self.begin()
        return self._conn.execute(sql, *args)

    def begin(self) -> None:
        if _LosesTheFirstRace.lost == 0:
            _LosesTheFirstRace.lost += 1
            raise sqlite3.OperationalError("database is locked")

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_lost_race_while_creating_the_schema_is_tried_again(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _LosesTheFirstRace.lost = 0
    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite_vault.sqlite3, "connect",
        lambda *a, **k: _LosesTheFirstRace(real_connect(*a, **k)),
    )
    vault = SQLiteVault(settings)
    assert _LosesTheFirstRace.lost == 1
    tables = {r[0] for r in vault._conn().execute("SELECT name FROM sqlite_master")}
    assert {"entries", "sessions", "counters", "tenant_keys"} <= tables
    vault.close()


def test_other_errors_while_creating_the_schema_still_fail_closed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class Broken(_LosesTheFirstRace):
        def begin(self) -> None:
            raise sqlite3.OperationalError("disk I/O error")

    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite_vault.sqlite3, "connect", lambda *a, **k: Broken(real_connect(*a, **k))
    )
    with pytest.raises(Exception, match="unusable .OperationalError: disk I/O error"):
        SQLiteVault(settings)


def test_eight_cores_open_one_new_file_at_once(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "shared" / "vault.sqlite3"
    start = threading.Barrier(8)
    opened: list[SQLiteVault] = []
    errors: list[str] = []

    def open_one() -> None:
        start.wait()
        try:
            opened.append(SQLiteVault(settings, path=path))
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(type(e).__name__)

    threads = [threading.Thread(target=open_one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == [] and len(opened) == 8
    for v in opened:
        v.close()
