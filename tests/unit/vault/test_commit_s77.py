"""A batch's commit in the SQLite vault: each type's counter written once, the tally and the
id check in one statement, and all or nothing whatever fails inside it. The checkpoint thread
keeps its connection to a file while the file is written, and opens the file anew when it was
replaced."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from veil.config import Settings
from veil.errors import VaultError, VaultUnavailableError
from veil.vault import SQLiteVault
from veil.vault import checkpoint as ckpt
from veil.vault import sqlite as sqlite_vault
from veil.vault.base import Index, Pending, SessionBatch


def _queue(batch: SessionBatch, etype: str, value: str) -> str:
    return batch.get_or_create(
        batch.tenant, batch.session, entity_type=etype, original=value,
        operator="placeholder", exact_key=value,
        propose=lambda counter, attempt: f"[{etype}_{counter}]",
    ).replacement


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as c:
        return list(c.execute(sql))


def test_a_batch_writes_each_type_counter_once_at_its_highest(settings: Settings) -> None:
    v = SQLiteVault(settings)
    batch = v.batch("t", "s")
    got = [_queue(batch, "PERSON", "Ann Lee"), _queue(batch, "EMAIL", "a@b.io"),
           _queue(batch, "PERSON", "Bo Li"), _queue(batch, "PERSON", "Cy Oh")]
    # a variant shares its canonical entry's number: it leaves the counter where it is
    alias = batch.get_or_create("t", "s", entity_type="PERSON", original="Ann",
                                operator="placeholder", exact_key="Ann", counted=False,
                                shared_replacement="[PERSON_1]")
    assert batch.commit()
    assert got == ["[PERSON_1]", "[EMAIL_1]", "[PERSON_2]", "[PERSON_3]"] and alias.shared
    assert sorted(_rows(v.path, "SELECT type, value FROM counters")) == [
        ("EMAIL", 1), ("PERSON", 3)]
    ids = [r[0] for r in _rows(v.path, "SELECT id FROM entries ORDER BY id")]
    assert _rows(v.path, "SELECT n_entries, first_id, last_id FROM sessions") == [
        (5, ids[0], ids[-1])]
    assert ids == list(range(ids[0], ids[0] + 5))
    # a later batch, from a fresh view or from a vault that never saw this one, numbers on
    other = SQLiteVault(settings)
    for vault in (v, other):
        nxt = vault.batch("t", "s")
        assert nxt.view.counters == {"PERSON": 3, "EMAIL": 1}
    nxt = v.batch("t", "s")
    assert _queue(nxt, "PERSON", "Di Ng") == "[PERSON_4]" and nxt.commit()
    assert [e.replacement for e in other.entries("t", "s")] == [
        "[PERSON_1]", "[EMAIL_1]", "[PERSON_2]", "[PERSON_3]", "[PERSON_1]", "[PERSON_4]"]
    v.close()
    other.close()


def test_entry_ids_that_did_not_grow_as_expected_write_nothing(settings: Settings) -> None:
    """The tally's statement checks that the batch's rows hold the last ids given: a row of
    another session slipped between them (here by a trigger on the connection) fails the
    batch, and the whole transaction goes, that row included."""
    v = SQLiteVault(settings)
    batch = v.batch("t", "s")
    _queue(batch, "PERSON", "Ann Lee")
    _queue(batch, "PERSON", "Bo Li")
    conn = v._conn()
    conn.execute(
        "CREATE TEMP TRIGGER squeeze AFTER INSERT ON entries WHEN NEW.session != 'other' "
        "BEGIN INSERT INTO entries (tenant, session, lk_exact, fp, blob) "
        "VALUES (NEW.tenant, 'other', NEW.lk_exact, 'f', x'00'); END")
    with pytest.raises(VaultError, match="entry ids did not grow as expected; retry"):
        batch.commit()
    assert _rows(v.path, "SELECT count(*) FROM entries") == [(0,)]
    assert _rows(v.path, "SELECT count(*) FROM sessions") == [(0,)]
    assert _rows(v.path, "SELECT count(*) FROM counters") == [(0,)]
    conn.execute("DROP TRIGGER squeeze")
    assert batch.commit()  # nothing of the failed try is left in the way
    assert [e.original for e in v.entries("t", "s")] == ["Ann Lee", "Bo Li"]
    v.close()


def test_a_batch_that_fails_midway_loses_nothing_and_leaves_no_partial_session(
    settings: Settings,
) -> None:
    """The second row of a batch breaks the file's unique key after the first was inserted:
    the error says the vault is unusable, and neither row, nor the session's tally or
    counters, is left; the session written before is whole."""
    v = SQLiteVault(settings)
    first = v.batch("t", "s")
    _queue(first, "PERSON", "Ann Lee")
    assert first.commit()
    before = (_rows(v.path, "SELECT * FROM entries"), _rows(v.path, "SELECT * FROM sessions"),
              _rows(v.path, "SELECT * FROM counters"))
    ((taken,),) = _rows(v.path, "SELECT lk_exact FROM entries")
    cursor = v.view("t", "s").cursor

    def item(exact: str, counter: int) -> Pending:
        return Pending(index=Index(exact=exact, norm=None, fp=f"f{counter}"), rep=f"r{counter}",
                       cand_fp=f"c{counter}", sealed=b"x", entity_type="PERSON", counter=counter)

    # into the session (its second row's key is the first entry's), and into a new session
    # (its two rows share a key)
    for session, since, items in (("s", cursor, [item("fresh", 2), item(str(taken), 3)]),
                                  ("new", v.view("t", "new").cursor,
                                   [item("dup", 1), item("dup", 2)])):
        with pytest.raises(VaultUnavailableError, match="UNIQUE constraint failed"):
            v._commit("t", session, since, items, "epoch")
    assert (_rows(v.path, "SELECT * FROM entries"), _rows(v.path, "SELECT * FROM sessions"),
            _rows(v.path, "SELECT * FROM counters")) == before
    v.close()


def test_the_checkpoint_thread_keeps_one_connection_per_file_while_it_is_written(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Passes over a file written between them share one connection (a new one read the
    file's schema twice each time); a file replaced under the same name is opened anew, so
    its log is the one checkpointed."""
    monkeypatch.setattr(ckpt.CHECKPOINTER, "interval_s", 0.05)
    opened: list[str] = []
    real = ckpt.sqlite3.connect

    def counting(database: str | Path, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(str(database))
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ckpt.sqlite3, "connect", counting)
    path = tmp_path / "kept" / "v.sqlite3"
    vault = SQLiteVault(settings, path=path)
    before = ckpt.CHECKPOINTER.passes
    deadline = time.monotonic() + 30
    k = 0
    while ckpt.CHECKPOINTER.passes < before + 9 and time.monotonic() < deadline:
        batch = vault.batch("t", f"s{k}")
        _queue(batch, "PERSON", f"Name {k}")
        assert batch.commit()
        k += 1
        time.sleep(0.005)
    assert ckpt.CHECKPOINTER.passes >= before + 9
    mine = [u for u in opened if "kept" in u and u.endswith("?mode=rw")]
    # one connection for every pass (another only if a slow host let the thread go idle
    # between two writes); a connection per pass opened nine
    assert 1 <= len(mine) <= 3, mine
    vault.close()


class _Turn:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class _NoBackground:
    """Stands in for the process's checkpoint thread: commits hand it their file, and nothing
    checkpoints it but the test's own :class:`Checkpointer`."""

    def written(self, path: Path, turn: object) -> None:
        return None


def test_a_replaced_file_is_opened_anew_and_a_deleted_one_is_not_made_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the process's own checkpoint thread, checkpointing the same file at the same moment
    # (a loaded host), left the database file without the table when it was read below
    monkeypatch.setattr(sqlite_vault, "CHECKPOINTER", _NoBackground())
    path = tmp_path / "kept" / "v.sqlite3"
    checkpointer = ckpt.Checkpointer()
    conns: dict[str, ckpt._Open] = {}
    vault = SQLiteVault(settings, path=path)
    checkpointer._checkpoint(str(path), _Turn(), conns)
    first = conns[str(path)]
    checkpointer._checkpoint(str(path), _Turn(), conns)
    assert conns[str(path)] is first and checkpointer.passes == 2
    vault.close()
    for p in path.parent.iterdir():
        p.unlink()
    vault = SQLiteVault(settings, path=path)  # the same name, another file
    batch = vault.batch("t", "again")
    _queue(batch, "PERSON", "Replaced Name")
    assert batch.commit()
    checkpointer._checkpoint(str(path), _Turn(), conns)
    assert conns[str(path)] is not first and checkpointer.passes == 3
    alone = tmp_path / "alone.sqlite3"
    alone.write_bytes(path.read_bytes())  # the database file without its log
    with sqlite3.connect(alone) as c:
        assert c.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    vault.close()
    for p in path.parent.iterdir():
        p.unlink()
    checkpointer._checkpoint(str(path), _Turn(), conns)
    assert conns == {} and checkpointer.passes == 3 and not path.exists()
