"""The SQLite vault's file layout: what a new file holds, how files of the older layouts are
brought to it (rows, ids and the id sequence kept, each session's tally counted; all or
nothing), the tally every write keeps, and what is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from veil.config import Settings
from veil.errors import VaultError, VaultUnavailableError
from veil.vault import SQLiteVault
from veil.vault import sqlite as sqlite_vault
from veil.vault.base import Cursor, Index, Pending


def add(v: SQLiteVault, session: str, value: str) -> str:
    return v.get_or_create(
        "t", session, entity_type="PERSON", original=value, operator="placeholder",
        exact_key=value, norm_key=value.casefold(),
        propose=lambda counter, attempt: f"[PERSON_{counter}]",
    ).replacement


def originals(v: SQLiteVault, session: str) -> list[str]:
    return [e.original for e in v.entries("t", session)]


def layout(path: Path) -> dict[str, object]:
    with sqlite3.connect(path) as c:
        return {
            "version": c.execute("PRAGMA user_version").fetchone()[0],
            "entry indexes": sorted(r[1] for r in c.execute("PRAGMA index_list(entries)")),
            "rowid tables": sorted(r[1] for r in c.execute("PRAGMA table_list")
                                   if r[2] == "table" and not r[4]
                                   and not r[1].startswith("sqlite_")),
            "ids": [r[0] for r in c.execute("SELECT id FROM entries ORDER BY id")],
            "seq": c.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'")
                    .fetchone(),
        }


def tallies(path: Path) -> list[tuple[int, int, int]]:
    """Each session's stored tally (entries, first id, last id), by first id."""
    with sqlite3.connect(path) as c:
        return sorted(c.execute("SELECT n_entries, first_id, last_id FROM sessions"))


def counted(path: Path) -> list[tuple[int, int, int]]:
    """The same tallies counted from the entries themselves."""
    with sqlite3.connect(path) as c:
        return sorted(c.execute("SELECT count(*), min(id), max(id) FROM entries "
                                "GROUP BY tenant, session"))


def to_layout_1(path: Path) -> None:
    """Rewrite a file of this layout as layout 1 held it: sessions without their tally."""
    with sqlite3.connect(path, isolation_level=None) as c:
        c.execute("BEGIN")
        c.execute("DROP TRIGGER sessions_written_with_tally")
        for column in ("n_entries", "first_id", "last_id"):
            c.execute(f"ALTER TABLE sessions DROP COLUMN {column}")
        c.execute("PRAGMA user_version = 1")
        c.execute("COMMIT")


def to_layout_0(path: Path) -> None:
    """Rewrite a file of this layout as the first layout held the same rows."""
    with sqlite3.connect(path, isolation_level=None) as c:
        c.execute("BEGIN")
        seq = c.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()[0]
        c.execute("DROP TRIGGER IF EXISTS sessions_written_with_tally")
        c.execute("DROP INDEX sessions_expiry")
        for table in ("sessions", "counters", "entries"):
            c.execute(f"ALTER TABLE {table} RENAME TO {table}_new")
        for statement in sqlite_vault.LAYOUT_0:
            c.execute(statement)
        c.execute("INSERT INTO sessions SELECT tenant, session, expires_at FROM sessions_new")
        c.execute("INSERT INTO counters SELECT * FROM counters_new")
        c.execute("INSERT INTO entries SELECT * FROM entries_new")
        for table in ("sessions", "counters", "entries"):
            c.execute(f"DROP TABLE {table}_new")
        c.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'entries'", (seq,))
        c.execute("PRAGMA user_version = 0")
        c.execute("COMMIT")


@pytest.fixture
def settings(tmp_path: Path, master_key: str) -> Settings:
    return Settings(home=tmp_path / "home", master_key=master_key)


def test_a_new_file_keeps_one_key_on_entries_and_sessions_and_counters_as_their_keys(
    settings: Settings,
) -> None:
    v = SQLiteVault(settings)
    add(v, "s", "Jane Roe")
    v.close()
    found = layout(v.path)
    assert found["version"] == sqlite_vault.SCHEMA_VERSION == 2
    assert found["entry indexes"] == ["sqlite_autoindex_entries_1"]  # (tenant, session, lk_exact)
    assert found["rowid tables"] == ["entries", "tenant_keys"]
    assert tallies(v.path) == counted(v.path) == [(1, 1, 1)]


def _first_layout_file(settings: Settings) -> tuple[Path, list[int], int]:
    """A file of the first layout with two sessions, a counter past one, and the highest
    entry id deleted (so its sequence is above every id left)."""
    v = SQLiteVault(settings)
    add(v, "a", "Jane Roe")
    add(v, "a", "John Doe")
    add(v, "b", "Ann Lee")
    add(v, "gone", "Max Mustermann")
    v.delete_session("t", "gone")
    v.close()
    before = layout(v.path)
    to_layout_0(v.path)
    old = layout(v.path)
    assert old["version"] == 0 and len(old["entry indexes"]) == 4  # type: ignore[arg-type]
    assert old["rowid tables"] == ["counters", "entries", "sessions", "tenant_keys"]
    return v.path, before["ids"], before["seq"][0]  # type: ignore[index,return-value]


def test_a_first_layout_file_is_rebuilt_with_its_rows_ids_and_sequence(
    settings: Settings,
) -> None:
    path, ids, seq = _first_layout_file(settings)
    assert seq > max(ids)
    v = SQLiteVault(settings)
    found = layout(path)
    assert found["version"] == 2
    assert found["entry indexes"] == ["sqlite_autoindex_entries_1"]
    assert found["rowid tables"] == ["entries", "tenant_keys"]
    assert found["ids"] == ids and found["seq"] == (seq,)
    assert tallies(path) == counted(path) == [(1, 3, 3), (2, 1, 2)]
    assert originals(v, "a") == ["Jane Roe", "John Doe"] and originals(v, "b") == ["Ann Lee"]
    # the counters came along: the session's next value is its third, the known ones resolve
    assert add(v, "a", "Jane Roe") == "[PERSON_1]"
    assert add(v, "a", "Eve Poe") == "[PERSON_3]"
    # an id is never given twice: the new entry's is above the deleted one's
    assert layout(path)["ids"][-1] == seq + 1  # type: ignore[index]
    v.close()
    # the next opening finds the layout done and leaves the file alone
    SQLiteVault(settings).close()
    assert layout(path)["ids"] == [*ids, seq + 1]


def test_a_rebuild_that_fails_leaves_the_first_layout_whole(settings: Settings) -> None:
    path, ids, seq = _first_layout_file(settings)
    with sqlite3.connect(path) as c:  # a name the rebuild needs is taken: its third step fails
        c.execute("CREATE TABLE counters_v0 (x)")
    with pytest.raises(VaultUnavailableError, match="unusable .OperationalError"):
        SQLiteVault(settings)
    old = layout(path)
    assert old["version"] == 0 and len(old["entry indexes"]) == 4  # type: ignore[arg-type]
    assert old["ids"] == ids and old["seq"] == (seq,)
    with sqlite3.connect(path) as c:
        c.execute("DROP TABLE counters_v0")
    v = SQLiteVault(settings)  # once the obstacle is gone, the rebuild goes through
    assert originals(v, "a") == ["Jane Roe", "John Doe"]
    assert layout(path)["version"] == 2
    v.close()


def test_a_second_layout_file_gains_each_sessions_tally(settings: Settings) -> None:
    path, ids, seq = _first_layout_file(settings)
    SQLiteVault(settings).close()
    to_layout_1(path)
    assert layout(path)["version"] == 1
    v = SQLiteVault(settings)
    assert layout(path)["version"] == 2 and layout(path)["ids"] == ids
    assert tallies(path) == counted(path) == [(1, 3, 3), (2, 1, 2)]
    # the tally carries on from the counted one: a view of "a" is current without a full read
    view = v.view("t", "a")
    assert (view.cursor.count, view.cursor.last) == (2, 2)
    assert add(v, "a", "Eve Poe") == "[PERSON_3]"
    assert tallies(path) == counted(path) == [(1, 3, 3), (3, 1, seq + 1)]
    v.close()


def test_a_writer_of_the_layout_before_is_refused_once_the_file_is_upgraded(
    settings: Settings,
) -> None:
    """A process of the previous version opened the file before the upgrade and writes on:
    its session write (no tally) aborts its transaction, so no entry goes uncounted."""
    v = SQLiteVault(settings)
    add(v, "a", "Jane Roe")
    tid, sid = v._ids("t", "a")
    v.close()
    layout_1_write = (  # the previous version's commit, as it ran
        "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        "INSERT INTO sessions (tenant, session, expires_at) VALUES (?, ?, ?) "
        "ON CONFLICT (tenant, session) DO UPDATE SET expires_at = excluded.expires_at",
    )
    for session in (sid, "another session"):  # a live session, and a new one
        with sqlite3.connect(v.path, isolation_level=None) as c:
            c.execute("BEGIN IMMEDIATE")
            c.execute(layout_1_write[0], (tid, session, "x", "n", "r", "f", b"blob"))
            with pytest.raises(sqlite3.IntegrityError, match="stop the older Veil processes"):
                c.execute(layout_1_write[1], (tid, session, 9e9))
            c.execute("ROLLBACK")
    assert tallies(v.path) == counted(v.path) == [(1, 1, 1)]
    # the upgrade paths leave the same guard
    for to_older in (to_layout_1, to_layout_0):
        to_older(v.path)
        SQLiteVault(settings).close()
        with sqlite3.connect(v.path) as c, pytest.raises(sqlite3.IntegrityError):
            c.execute(layout_1_write[1], (tid, sid, 9e9))
    assert originals(SQLiteVault(settings), "a") == ["Jane Roe"]


def test_a_views_read_of_what_is_new_skips_other_sessions_either_way(
    settings: Settings,
) -> None:
    """A view's refresh reads the entries after its cursor through their ids (few new ones in
    a larger session) or through the session's rows: the same entries, in order, either way."""
    v = SQLiteVault(settings)
    add(v, "s", "Jane Roe")
    add(v, "s", "John Doe")
    after_two = v.view("t", "s").cursor
    add(v, "elsewhere", "Ann Lee")  # another session's id inside the span
    add(v, "s", "Eve Poe")
    fresh = v._delta("t", "s", after_two)  # 2 ids in the span, 3 entries: through the ids
    assert not fresh.reset and len(fresh.rows) == 1 and fresh.cursor.count == 3
    whole = v._delta("t", "s", Cursor())  # from nothing: through the session's rows
    assert [i for i, _ in whole.rows] == [1, 2, 4] and whole.cursor.last == 4
    assert fresh.rows == whole.rows[2:]
    v.close()


def test_every_write_keeps_its_sessions_tally(settings: Settings) -> None:
    """One value at a time, batches, a session deleted and started again: the stored tally
    is always the one counted from the entries."""
    v = SQLiteVault(settings)
    add(v, "a", "Jane Roe")
    add(v, "a", "Jane Roe")  # known: nothing written
    assert tallies(v.path) == counted(v.path) == [(1, 1, 1)]
    for k in (1, 3):
        batch = v.batch("t", "a")
        for i in range(k):
            value = f"Name {k} {i}"
            batch.get_or_create(
                "t", "a", entity_type="PERSON", original=value, operator="placeholder",
                exact_key=value, norm_key=value.casefold(),
                propose=lambda counter, attempt: f"[PERSON_{counter}]")
        assert batch.commit()
        assert tallies(v.path) == counted(v.path)
    assert tallies(v.path) == [(5, 1, 5)]
    v.delete_session("t", "a")
    assert tallies(v.path) == counted(v.path) == []
    add(v, "a", "Ann Lee")  # the session's next life starts its own tally
    add(v, "b", "Bo Li")
    assert tallies(v.path) == counted(v.path) == [(1, 6, 6), (1, 7, 7)]
    v.close()


def test_a_file_of_a_newer_layout_is_refused_and_left_alone(settings: Settings) -> None:
    v = SQLiteVault(settings)
    add(v, "s", "Jane Roe")
    v.close()
    with sqlite3.connect(v.path) as c:
        c.execute("PRAGMA user_version = 7")
    with pytest.raises(VaultError, match="newer Veil .file layout 7; this build reads layout 2"):
        SQLiteVault(settings)
    assert layout(v.path)["version"] == 7


def test_a_batch_holding_one_key_twice_is_refused_before_anything_is_written(
    settings: Settings,
) -> None:
    v = SQLiteVault(settings)
    add(v, "s", "Jane Roe")

    def item(exact: str, norm: str | None, rep: str | None) -> Pending:
        return Pending(index=Index(exact=exact, norm=norm, fp="fp-" + exact), rep=rep,
                       cand_fp="c-" + exact, sealed=b"x", entity_type="PERSON", counter=None)

    since = v.view("t", "s").cursor
    for items in ([item("e1", "n", "r1"), item("e2", "n", "r2")],  # one normalised key twice
                  [item("e1", "n1", "r"), item("e2", "n2", "r")]):  # one replacement twice
        with pytest.raises(VaultError, match="one value's key twice; nothing was written"):
            v._commit("t", "s", since, items, "epoch")
    assert originals(v, "s") == ["Jane Roe"]
    assert len(layout(v.path)["ids"]) == 1  # type: ignore[arg-type]
    v.close()


def test_only_entries_newer_than_the_view_are_compared_and_every_key_kind_counts(
    settings: Settings,
) -> None:
    """A batch chose against every entry its view held: only later entries (another
    writer's) can conflict, through a lookup key, a normalised key, a replacement, or an
    original equal to a replacement the batch claims."""
    v = SQLiteVault(settings)
    add(v, "s", "Jane Roe")  # seen by the view
    since = v.view("t", "s").cursor
    add(v, "elsewhere", "Ann Lee")  # another session's, between the two
    add(v, "s", "John Doe")  # written after it
    tid, sid = v._ids("t", "s")
    with v._write() as conn:
        elsewhere = conn.execute("SELECT lk_exact, lk_norm, rep, fp FROM entries "
                                 "WHERE session = ?", (v._ids("t", "elsewhere")[1],)).fetchone()
        newer = conn.execute("SELECT lk_exact, lk_norm, rep, fp FROM entries "
                             "WHERE tenant = ? AND session = ? AND id > ?",
                             (tid, sid, since.last)).fetchone()
        older = conn.execute("SELECT lk_exact, lk_norm, rep, fp FROM entries "
                             "WHERE tenant = ? AND session = ? AND id <= ?",
                             (tid, sid, since.last)).fetchone()

    def item(exact: str = "e", norm: str | None = "n", rep: str | None = "r",
             cand_fp: str = "c") -> Pending:
        return Pending(index=Index(exact=exact, norm=norm, fp="f"), rep=rep, cand_fp=cand_fp,
                       sealed=b"x", entity_type="PERSON", counter=None)

    lk_exact, lk_norm, rep, fp = newer
    with v._write() as conn:
        def conflicts(*items: Pending, after: int = since.last) -> bool:
            # both ways of finding the newer entries: through their ids (a session far
            # larger than the span) and through the session's rows (a small session)
            by_id = v._conflict(conn, tid, sid, (after, 3, 10**9), list(items))
            by_session = v._conflict(conn, tid, sid, (after, 3, 0), list(items))
            assert by_id == by_session
            return by_id

        assert not conflicts(item(), item(exact="e2", norm=None, rep=None))
        assert conflicts(item(), item(exact=lk_exact))
        assert conflicts(item(norm=lk_norm))
        assert conflicts(item(rep=rep))
        assert conflicts(item(cand_fp=fp))  # its replacement is an original stored meanwhile
        assert not conflicts(item(rep=None, cand_fp=fp))  # a shared replacement claims nothing
        # the view's own entries are not asked about: the batch already chose against them
        assert not conflicts(item(exact=older[0]), item(norm=older[1]), item(rep=older[2]))
        # a view older than every entry compares against all of them
        assert conflicts(item(exact=older[0]), after=0)
        # another session's entries never conflict, though their ids are in the span
        assert not conflicts(item(exact=elsewhere[0], norm=elsewhere[1],
                                  cand_fp=elsewhere[3]), after=0)
    v.close()
