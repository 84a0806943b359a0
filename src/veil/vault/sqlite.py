"""Embedded vault: one SQLite file in WAL mode (many readers, one writer, several processes).

Each thread uses its own connection; writers take their turn on a lock of the process and an
``flock`` beside the file before SQLite's (:class:`_Writer`). ``get_or_create`` and a batch's
commit run in a ``BEGIN IMMEDIATE`` transaction, so the read-check-insert of two writers
(threads or processes) never interleaves: the check inside it refuses a lost race, and the
exact lookup key is also a unique constraint. Expired sessions are purged on access
(``expires_at``), since SQLite has no key expiry of its own.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from veil.config import Settings
from veil.errors import VaultError, VaultKeyError, VaultUnavailableError
from veil.sqlite_wal import use_wal
from veil.vault.base import (
    Committed,
    Cursor,
    Delta,
    Index,
    NewEntry,
    Pending,
    Vault,
    VaultEntry,
)
from veil.vault.checkpoint import CHECKPOINTER, FALLBACK_PAGES
from veil.vault.crypto import PREVIOUS, custody_mode, key_file_path, tenant_id
from veil.vault.files import lock_exclusive, private_dir, private_file, tighten_file, unlock

#: the file layout this build writes (``PRAGMA user_version``); older files are brought to it
#: on first open (:func:`_layout`)
SCHEMA_VERSION = 2

# A commit of a new session's values writes every B-tree page it touches to the log, and a
# random key lands on a random page: the first layout's three unique keys and fingerprint
# index on entries, plus rowid tables behind the session and counter keys, made a one-value
# commit append ~15 pages (~95 us of SQLite). Here entries keep one key, (tenant, session,
# lk_exact): it holds a session's rows together and keeps the exact key unique; the other
# keys (normalised form, replacement, fingerprint) are checked by the writer, which alone
# holds the file's write lock (``BEGIN IMMEDIATE``) from check to insert. Sessions and
# counters are their keys (WITHOUT ROWID). A one-value commit: ~8 pages, ~62 us.
# Layout 2: a session's row also keeps its tally (how many entries, its first and last entry
# id), written by every commit. A commit's checks and a view's "unchanged?" read that row
# instead of counting the session's entries, which grew with the session (6 ms a commit at
# 20,000 entries). Entries leave only with their whole session, so the first id tells one life
# of a session from the next.

#: what layout 2 added to layout 1's sessions (each session's tally)
_TALLY_COLUMNS = ("n_entries INTEGER NOT NULL DEFAULT 0", "first_id INTEGER NOT NULL DEFAULT 0",
                  "last_id INTEGER NOT NULL DEFAULT 0")
_TABLES = (
    """CREATE TABLE IF NOT EXISTS tenant_keys (
    tenant TEXT PRIMARY KEY,
    wrapped BLOB NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS sessions (
    tenant TEXT NOT NULL,
    session TEXT NOT NULL,
    expires_at REAL NOT NULL,
    """ + ",\n    ".join(_TALLY_COLUMNS) + """,
    PRIMARY KEY (tenant, session)
) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at)",
    """CREATE TABLE IF NOT EXISTS counters (
    tenant TEXT NOT NULL,
    session TEXT NOT NULL,
    type TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (tenant, session, type)
) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: ids version the restorer cache
    tenant TEXT NOT NULL,
    session TEXT NOT NULL,
    lk_exact TEXT NOT NULL,
    lk_norm TEXT,
    rep TEXT,
    fp TEXT NOT NULL,
    blob BLOB NOT NULL,
    UNIQUE (tenant, session, lk_exact)
)""",
)

#: the first layout (0), as files written before :data:`SCHEMA_VERSION` 1 hold it: what
#: :func:`_migrate` reads (three unique keys and a fingerprint index on entries, rowid tables)
LAYOUT_0 = (
    "CREATE TABLE sessions (tenant TEXT NOT NULL, session TEXT NOT NULL, "
    "expires_at REAL NOT NULL, PRIMARY KEY (tenant, session))",
    "CREATE INDEX sessions_expiry ON sessions (expires_at)",
    "CREATE TABLE counters (tenant TEXT NOT NULL, session TEXT NOT NULL, type TEXT NOT NULL, "
    "value INTEGER NOT NULL, PRIMARY KEY (tenant, session, type))",
    "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, "
    "session TEXT NOT NULL, lk_exact TEXT NOT NULL, lk_norm TEXT, rep TEXT, fp TEXT NOT NULL, "
    "blob BLOB NOT NULL, UNIQUE (tenant, session, lk_exact), UNIQUE (tenant, session, lk_norm), "
    "UNIQUE (tenant, session, rep))",
    "CREATE INDEX entries_fp ON entries (tenant, session, fp)",
)


def _layout(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to :data:`SCHEMA_VERSION` inside the caller's write transaction: create
    a new file's tables, rebuild a layout-0 file's, refuse a newer layout."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise VaultError(
            f"the SQLite vault {path} was written by a newer Veil (file layout {version}; "
            f"this build reads layout {SCHEMA_VERSION}); upgrade Veil to open it"
        )
    old = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entries'")
    if version == 1:
        for column in _TALLY_COLUMNS:
            conn.execute(f"ALTER TABLE sessions ADD COLUMN {column}")
        _count_sessions(conn)
    elif old.fetchone() is not None:
        _migrate(conn)
    else:
        for statement in _TABLES:
            conn.execute(statement)
    conn.execute(_OLDER_WRITERS_REFUSED)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# An older Veil checks the layout only when it opens the file: one still running after the
# upgrade would write entries its session's tally does not count, and a commit trusting the
# tally could then skip a conflict. Its session write (no first id) aborts instead, and with
# it that writer's whole transaction. Made after any rebuild, whose copies have no first id.
_OLDER_WRITERS_REFUSED = (
    "CREATE TRIGGER IF NOT EXISTS sessions_written_with_tally BEFORE INSERT ON sessions "
    "WHEN NEW.first_id = 0 BEGIN SELECT RAISE(ABORT, 'this vault file has a newer layout; "
    "stop the older Veil processes writing it and start them on the version that upgraded "
    "it'); END"
)


def _count_sessions(conn: sqlite3.Connection) -> None:
    """Every session's tally from its entries (an older file's sessions have none)."""
    conn.execute(
        "UPDATE sessions SET (n_entries, first_id, last_id) = (SELECT count(*), "
        "coalesce(min(id), 0), coalesce(max(id), 0) FROM entries e "
        "WHERE e.tenant = sessions.tenant AND e.session = sessions.session)"
    )


def _migrate(conn: sqlite3.Connection) -> None:
    """Rebuild a layout-0 file's sessions, counters and entries in this layout: every row and
    entry id kept, and the id sequence, so an id is never given twice. In the caller's
    transaction: the file is rebuilt whole or not at all."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()
    # index names stay with a renamed table: drop them so the new tables can take them
    conn.execute("DROP INDEX IF EXISTS sessions_expiry")
    conn.execute("DROP INDEX IF EXISTS entries_fp")
    for table in ("sessions", "counters", "entries"):
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_v0")
    for statement in _TABLES:
        conn.execute(statement)
    conn.execute("INSERT INTO sessions (tenant, session, expires_at) "
                 "SELECT tenant, session, expires_at FROM sessions_v0")
    conn.execute("INSERT INTO counters (tenant, session, type, value) "
                 "SELECT tenant, session, type, value FROM counters_v0")
    conn.execute("INSERT INTO entries (id, tenant, session, lk_exact, lk_norm, rep, fp, blob) "
                 "SELECT id, tenant, session, lk_exact, lk_norm, rep, fp, blob FROM entries_v0 "
                 "ORDER BY id")
    for table in ("sessions", "counters", "entries"):
        conn.execute(f"DROP TABLE {table}_v0")
    _count_sessions(conn)
    if seq is not None:  # ids of deleted entries above the highest left stay given
        conn.execute("DELETE FROM sqlite_sequence WHERE name = 'entries'")
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', "
                     "max(?, (SELECT coalesce(max(id), 0) FROM entries)))", (int(seq[0]),))


_OPENING: dict[str, threading.Lock] = {}
_REGISTRY_GUARD = threading.Lock()


def _opening_lock(path: Path) -> threading.Lock:
    with _REGISTRY_GUARD:
        return _OPENING.setdefault(str(path.resolve()), threading.Lock())


class _Writer:
    """The turn to write one vault file. SQLite makes a second writer wait in its busy
    handler, which sleeps 1, 2, 5, 10 ms... however soon the lock frees: on a busy gateway
    (several masking threads committing at once) that was 4-5 sleeps of 3.5 ms on average per
    request. Writers wait here instead, and wake as soon as the writer before them commits:
    the threads of this process on a lock, the processes on an ``flock`` of a file beside the
    vault (``<vault>-writer``). SQLite's own lock still decides; this only orders the turns.

    Every wait is bounded (``Settings.vault_lock_timeout_s``): a writer stuck inside its turn
    (a stopped worker, a hung thread) makes the others fail with :class:`_Held`, which the
    vault turns into a clear error, instead of waiting for ever."""

    #: the bound of ``with writer:`` (the checkpointer's turn), seconds
    timeout_s = 30.0

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + "-writer")
        # re-entrant: a write opened inside another on the same thread fails in SQLite, at
        # once or after its busy timeout, as it did before these turns, instead of waiting
        # here for itself
        self._threads = threading.RLock()
        self._depth = 0  # turns the owning thread holds: the file lock goes with the outermost
        self._fd: int | None = None

    def acquire(self, timeout_s: float) -> None:
        """Take the turn within ``timeout_s`` seconds, else raise :class:`_Held`."""
        deadline = time.monotonic() + timeout_s
        if not self._threads.acquire(timeout=timeout_s):
            raise _Held("a thread of this process")
        try:
            if self._depth == 0:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                if not lock_exclusive(self._fd, deadline):
                    raise _Held("another process")
        except BaseException:
            self._threads.release()
            raise
        self._depth += 1

    def release(self) -> None:
        self._depth -= 1
        try:
            if self._fd is not None and self._depth == 0:
                unlock(self._fd)
        finally:
            self._threads.release()

    def __enter__(self) -> None:
        self.acquire(self.timeout_s)

    def __exit__(self, *exc: object) -> None:
        self.release()

    def after_fork(self) -> None:
        # the child's copy of the descriptor shares the parent's lock: it takes its own
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self._threads, self._depth = None, threading.RLock(), 0


class _Held(TimeoutError):
    """The write turn stayed taken for the whole wait (by ``who``)."""

    def __init__(self, who: str) -> None:
        super().__init__(who)
        self.who = who


_WRITERS: dict[str, _Writer] = {}


def _writer(path: Path) -> _Writer:
    with _REGISTRY_GUARD:
        key = str(path.resolve())
        if key not in _WRITERS:
            _WRITERS[key] = _Writer(Path(key))
        return _WRITERS[key]


def _writers_after_fork() -> None:
    for w in _WRITERS.values():
        w.after_fork()


os.register_at_fork(after_in_child=_writers_after_fork)


def _is_busy(e: sqlite3.OperationalError) -> bool:
    return _is_busy_text(str(e))


def _is_busy_text(why: str) -> bool:
    return "locked" in why or "busy" in why


_EXPIRED = "SELECT tenant, session FROM sessions WHERE expires_at <= ?"
# A write's new entries counted into their session's row (a new session starts its tally).
# Sliding TTL: a session lives ttl seconds after its last new mapping.
_COUNT_IN = (
    "INSERT INTO sessions (tenant, session, expires_at, n_entries, first_id, last_id) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, session) DO UPDATE SET "
    "expires_at = excluded.expires_at, n_entries = n_entries + excluded.n_entries, "
    "first_id = CASE WHEN n_entries = 0 THEN excluded.first_id ELSE first_id END, "
    "last_id = excluded.last_id"
)
# A batch's tally and its check in one statement (one fewer per commit): the batch's k new
# rows hold the last ids given, in order (ids only grow, AUTOINCREMENT: the highest given
# plus one, and the batch's transaction is the only writer), and all are this session's,
# counted through the table's own key (a few rows, whatever the session's size). Arguments:
# ?1 tenant, ?2 session, ?3 expiry, ?4 k. Run after the batch's inserts: counters and
# sessions are WITHOUT ROWID tables, whose inserts leave last_insert_rowid() as it was.
_COUNT_BATCH_IN = (
    "INSERT INTO sessions (tenant, session, expires_at, n_entries, first_id, last_id) "
    "VALUES (?1, ?2, ?3, ?4, last_insert_rowid() - ?4 + 1, last_insert_rowid()) "
    "ON CONFLICT (tenant, session) DO UPDATE SET "
    "expires_at = excluded.expires_at, n_entries = n_entries + excluded.n_entries, "
    "first_id = CASE WHEN n_entries = 0 THEN excluded.first_id ELSE first_id END, "
    "last_id = excluded.last_id "
    "RETURNING last_id, (SELECT count(*) FROM entries WHERE id BETWEEN last_id - ?4 + 1 "
    "AND last_id AND +tenant = ?1 AND +session = ?2)"
)
_RESEAL_BATCH = 500


def _newer(
    conn: sqlite3.Connection, columns: str, tid: str, sid: str, span: tuple[int, int, int]
) -> list[Any]:
    """``columns`` of the session's entries with ids in (``after``, ``last``], in id order;
    ``span`` is (``after``, ``last``, the session's number of entries). Read through whichever
    is shorter: the ids in the span (every session's), or the session's own rows, so a few
    new entries of a large session cost a few rows."""
    after, last, count = span
    by_id = "+" if last - after < count else ""  # "+": SQLite leaves the session's key aside
    return conn.execute(
        f"SELECT {columns} FROM entries WHERE {by_id}tenant = ? "  # nosec B608 # constants
        f"AND {by_id}session = ? AND id > ? AND id <= ? ORDER BY id", (tid, sid, after, last),
    ).fetchall()


def _distinct(items: list[Pending]) -> None:
    """Refuse a batch that holds one key twice. A batch gives each value its own keys, and the
    file's only unique constraint is the exact key: this keeps the normalised keys and the
    replacements unique against a bug too, before anything is written."""
    norm = [it.index.norm for it in items if it.index.norm is not None]
    reps = [it.rep for it in items if it.rep]
    if len(set(norm)) != len(norm) or len(set(reps)) != len(reps):
        raise VaultError("a vault batch held one value's key twice; nothing was written, retry "
                         "the request")


def _refuse_a_new_key_for(path: Path, settings: Settings) -> None:
    """Refuse to open a vault file that holds data when its key file is missing: loading the
    key would create a fresh one, which opens none of the file's keys and wraps every new
    tenant's under a key unrelated to the others'."""
    if settings.master_key is not None or custody_mode(settings):
        return
    key_file = key_file_path(settings)
    with contextlib.suppress(OSError):  # unreadable: opening the vault says why
        if not key_file.exists() and path.stat().st_size > 0:
            raise VaultKeyError(
                f"the vault {path} exists but its key file {key_file} is missing; restore "
                "master.key from backup, or set VEIL_MASTER_KEY to the key the vault was "
                "created with (a new key would open none of its mappings)"
            )


class SQLiteVault(Vault):
    backend = "sqlite"

    def __init__(self, settings: Settings, *, path: Path | None = None) -> None:
        self.path = Path(path or settings.resolved_vault_path())
        _refuse_a_new_key_for(self.path, settings)
        super().__init__(settings)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._last_purge = 0.0
        self._writer = _writer(self.path)
        self._lock_timeout_s = float(settings.vault_lock_timeout_s)
        # absolute: the checkpoint thread opens the file later, whatever the working directory
        self._absolute = self.path.resolve()
        with self._guard():
            # Only Veil's own home is tightened; a directory chosen for VEIL_VAULT_PATH is
            # created private but otherwise left alone.
            home = Path(settings.home).resolve()
            private_dir(self.path.parent, tighten=self.path.parent.resolve() == home)
            private_file(self.path)  # SQLite gives -wal/-shm the mode of the database file
            self._create_schema()
            for suffix in ("-wal", "-shm", "-journal"):
                tighten_file(self.path.with_name(self.path.name + suffix))
        self._recover_master_rotation()

    def _create_schema(self) -> None:
        # Several cores (threads or processes) may open a new file at once. Switching it to WAL
        # and upgrading a read snapshot to a write can fail with "locked" at once, without the
        # busy handler; the schema is therefore written in an IMMEDIATE transaction (which does
        # wait), one opener per file in this process, and a lost race is tried again.
        with _opening_lock(self.path):
            deadline = time.monotonic() + 30.0
            while True:
                try:
                    conn = self._conn()
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        _layout(conn, self.path)
                    except BaseException:
                        if conn.in_transaction:  # an error may have ended it already
                            conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
                    return
                except VaultError:
                    self._drop_conn()
                    raise
                except sqlite3.OperationalError as e:
                    self._drop_conn()
                    if not _is_busy(e) or time.monotonic() > deadline:
                        raise
                    time.sleep(random.uniform(0.01, 0.05))  # nosec B311 # back-off jitter

    def _drop_conn(self) -> None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            self._local.conn = None
            with self._conns_lock:
                self._conns.remove(conn)
            conn.close()

    # ------------------------------------------------------------ plumbing
    def _unavailable(self, why: str) -> VaultUnavailableError:
        # what to do depends on the failure: "check it is writable" misleads for a damaged
        # file or a held lock
        if "not a database" in why or "malformed" in why:
            todo = ("the file is damaged or not a Veil vault: restore it from backup, or point "
                    "VEIL_VAULT_PATH / VEIL_HOME at the right file")
        elif _is_busy_text(why):
            todo = (f"another process held its write lock for more than "
                    f"{self._lock_timeout_s:g} s (a busy or stuck gateway, or an open sqlite3 "
                    "shell); nothing was written. Retry, stop that process, or raise "
                    "VEIL_VAULT_LOCK_TIMEOUT_S")
        elif "disk is full" in why:
            todo = ("the disk (or the file's size limit) is full; nothing was written: free "
                    "space and retry")
        else:
            todo = ("check that the file and its directory exist and are writable, that the "
                    "disk is not full, or set VEIL_VAULT_PATH / VEIL_HOME")
        return VaultUnavailableError(f"SQLite vault {self.path} is unusable ({why}); {todo}")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        # sqlite3 messages never carry bound parameters, but we still keep them short.
        try:
            yield
        except sqlite3.Error as e:
            raise self._unavailable(type(e).__name__ + ": " + str(e).split("\n")[0]) from None
        except OSError as e:
            raise self._unavailable(e.strerror or type(e).__name__) from None

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            wait = self._lock_timeout_s
            conn = sqlite3.connect(
                self.path, timeout=wait, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {max(1, round(wait * 1000))}")
            use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            # checkpoints run on a thread of their own (veil.vault.checkpoint); a commit
            # checkpoints by itself only if that falls this far behind
            conn.execute(f"PRAGMA wal_autocheckpoint = {FALLBACK_PAGES}")
            self._local.conn = conn
            with self._conns_lock:
                self._conns.append(conn)
        return conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """An IMMEDIATE transaction: holds the write lock from the first statement on. All or
        nothing: whatever fails (the body, an interrupt, the commit itself), the transaction
        is rolled back and the connection left without one."""
        with self._guard():
            try:
                self._writer.acquire(self._lock_timeout_s)
            except _Held as e:
                raise self._held(e.who) from None
            try:
                conn = self._conn()
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled it back itself (a full disk, SQLITE_FULL): a
                    # second ROLLBACK would fail and hide the reason
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
            finally:
                self._writer.release()
        CHECKPOINTER.written(self._absolute, self._writer)

    def _held(self, who: str) -> VaultUnavailableError:
        return VaultUnavailableError(
            f"SQLite vault {self.path}: {who} held its write lock for more than "
            f"{self._lock_timeout_s:g} s (a stuck or stopped gateway worker, or a `veil` command "
            "mid-write); nothing was written. Retry; if it persists, find the holder with "
            f"`fuser {self._writer.path}` and stop it, or raise VEIL_VAULT_LOCK_TIMEOUT_S"
        )

    def _purge(self, conn: sqlite3.Connection, now: float) -> None:
        for table in ("entries", "counters"):
            conn.execute(f"DELETE FROM {table} WHERE (tenant, session) IN ({_EXPIRED})", (now,))  # nosec B608 # constant table names
        conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
        self._last_purge = now

    def _live(
        self, conn: sqlite3.Connection, tid: str, sid: str, *, in_transaction: bool = False
    ) -> bool:
        """Whether the session exists and has not expired; purges expired sessions if not."""
        row = conn.execute(
            "SELECT expires_at FROM sessions WHERE tenant = ? AND session = ?", (tid, sid)
        ).fetchone()
        if row is None:
            return False
        now = self._now()
        if row[0] > now:
            return True
        if in_transaction:
            self._purge(conn, now)
        else:
            with self._write() as wconn:
                self._purge(wconn, now)
        return False

    def _ids(self, tenant: str, session: str) -> tuple[str, str]:
        return tenant_id(tenant), self.keys(tenant).session_id(session)

    # ----------------------------------------------------------- interface
    def _tenant_key(self, tid: str, fresh_wrapped: bytes) -> bytes:
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO tenant_keys (tenant, wrapped) VALUES (?, ?)",
                (tid, fresh_wrapped),
            )
            row = conn.execute(
                "SELECT wrapped FROM tenant_keys WHERE tenant = ?", (tid,)
            ).fetchone()
        return bytes(row[0])

    def _stored_keys(self, tid: str) -> dict[str, bytes]:
        with self._guard():
            rows = self._conn().execute(
                "SELECT tenant, wrapped FROM tenant_keys WHERE tenant = ? OR tenant LIKE ?",
                (tid, tid + "%"),  # tid is hex: no LIKE wildcards in it
            ).fetchall()
        return {str(k): bytes(w) for k, w in rows}

    def _rewrap_tenant_keys(self, rewrap: Callable[[str, bytes], bytes | None]) -> int:
        count = 0
        with self._write() as conn:  # one transaction: all keys rotate, or none
            rows = conn.execute(
                "SELECT tenant, wrapped FROM tenant_keys WHERE tenant NOT LIKE ?",
                ("%" + PREVIOUS,),
            ).fetchall()
            for kid, wrapped in rows:
                new = rewrap(kid, bytes(wrapped))
                if new is not None:
                    conn.execute(
                        "INSERT INTO tenant_keys (tenant, wrapped) VALUES (?, ?) ON CONFLICT "
                        "(tenant) DO UPDATE SET wrapped = excluded.wrapped",
                        (kid + PREVIOUS, bytes(wrapped)),
                    )
                    conn.execute(
                        "UPDATE tenant_keys SET wrapped = ? WHERE tenant = ?", (new, kid)
                    )
                    count += 1
        return count

    def _drop_previous_wrappings(self) -> int:
        with self._write() as conn:
            cur = conn.execute("DELETE FROM tenant_keys WHERE tenant LIKE ?", ("%" + PREVIOUS,))
            return int(cur.rowcount)

    def _reseal_entries(
        self, tid: str, reseal: Callable[[str, bytes], bytes | None]
    ) -> tuple[int, int]:
        done = kept = 0
        last = 0
        while True:
            # Short transactions: writers of other requests wait one batch at most.
            with self._write() as conn:
                rows = conn.execute(
                    "SELECT id, session, blob FROM entries WHERE tenant = ? AND id > ? "
                    "ORDER BY id LIMIT ?",
                    (tid, last, _RESEAL_BATCH),
                ).fetchall()
                for eid, sid, blob in rows:
                    new = reseal(str(sid), bytes(blob))
                    if new is None:
                        kept += 1
                    else:
                        conn.execute("UPDATE entries SET blob = ? WHERE id = ?", (new, eid))
                        done += 1
            if len(rows) < _RESEAL_BATCH:
                return done, kept
            last = rows[-1][0]

    def _select(
        self, conn: sqlite3.Connection, tid: str, sid: str, exact: str, norm: str | None
    ) -> bytes | None:
        row = conn.execute(
            "SELECT blob FROM entries WHERE tenant = ? AND session = ? "
            "AND (lk_exact = ? OR lk_norm = ?) ORDER BY lk_exact = ? DESC LIMIT 1",
            (tid, sid, exact, norm, exact),
        ).fetchone()
        return bytes(row[0]) if row else None

    def _find_indexed(self, tenant: str, session: str, idx: Index) -> VaultEntry | None:
        tid, sid = self._ids(tenant, session)
        with self._guard():
            conn = self._conn()
            if not self._live(conn, tid, sid):
                return None
            blob = self._select(conn, tid, sid, idx.exact, idx.norm)
        if blob is None:
            return None
        return VaultEntry.from_record(self._open_many(tenant, session, [blob])[0])

    def _get_or_create(self, tenant: str, session: str, request: NewEntry) -> VaultEntry:
        tid, sid = self._ids(tenant, session)
        idx, entity_type = request.index, request.entity_type
        with self._write() as conn:
            now = self._now()
            if now - self._last_purge > 1.0:
                self._purge(conn, now)
            else:
                self._live(conn, tid, sid, in_transaction=True)
            blob = self._select(conn, tid, sid, idx.exact, idx.norm)
            if blob is not None:
                return VaultEntry.from_record(self._open_many(tenant, session, [blob])[0])

            def counter() -> int:
                row = conn.execute(
                    "SELECT value FROM counters WHERE tenant = ? AND session = ? AND type = ?",
                    (tid, sid, entity_type),
                ).fetchone()
                return int(row[0]) if row else 0

            def taken(rep_h: str, fp_h: str) -> bool:
                return (
                    conn.execute(
                        "SELECT 1 FROM entries WHERE tenant = ? AND session = ? "
                        "AND (rep = ? OR fp = ?) LIMIT 1",
                        (tid, sid, rep_h, fp_h),
                    ).fetchone()
                    is not None
                )

            replacement, rep, new_counter, _ = request.choose(counter, taken)
            if new_counter is not None:
                conn.execute(
                    "INSERT INTO counters (tenant, session, type, value) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (tenant, session, type) DO UPDATE SET value = excluded.value",
                    (tid, sid, entity_type, new_counter),
                )
            entry = request.entry(replacement, rep, now)
            inserted = conn.execute(
                "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    tid,
                    sid,
                    idx.exact,
                    idx.norm,
                    rep,
                    idx.fp,
                    request.keys.seal(tenant, session, entry.to_record()),
                ),
            )
            eid = int(inserted.lastrowid or 0)
            conn.execute(_COUNT_IN, (tid, sid, now + self.ttl_seconds, 1, eid, eid))
            return entry

    def _delta(self, tenant: str, session: str, since: Cursor) -> Delta:
        tid, sid = self._ids(tenant, session)
        empty = Delta(cursor=Cursor(), reset=since != Cursor(), rows=[], counters={}, version="0")
        with self._guard():
            conn = self._conn()
            if since.last and self._unchanged(conn, tid, sid, since):
                return Delta(cursor=since, reset=False, rows=[], counters={},
                             version=f"{since.count}:{since.last}", unchanged=True)
            if not self._live(conn, tid, sid):
                return empty
            conn.execute("BEGIN")  # one snapshot for the three reads
            try:
                count, last = conn.execute(
                    "SELECT n_entries, last_id FROM sessions WHERE tenant = ? AND session = ?",
                    (tid, sid),
                ).fetchone() or (0, 0)  # deleted since it was found live
                rows = _newer(conn, "id, blob", tid, sid, (since.last, last, count))
                # Entries the cursor counted are gone (the session was deleted or expired and
                # started again): read it whole.
                reset = since.count + len(rows) != count
                if reset and since.last:
                    rows = conn.execute(
                        "SELECT id, blob FROM entries WHERE tenant = ? AND session = ? "
                        "ORDER BY id", (tid, sid)
                    ).fetchall()
                counters = conn.execute(
                    "SELECT type, value FROM counters WHERE tenant = ? AND session = ?",
                    (tid, sid),
                ).fetchall()
            finally:
                conn.execute("COMMIT")
        return Delta(
            cursor=Cursor("", int(last), int(count)),
            reset=reset,
            rows=[(int(i), bytes(b)) for i, b in rows],
            counters={str(t): int(v) for t, v in counters},
            version=f"{count}:{last if count else None}",
        )

    def _unchanged(self, conn: sqlite3.Connection, tid: str, sid: str, since: Cursor) -> bool:
        """Whether the live session still has exactly the entries ``since`` counted: one row's
        read, the common read (a restorer right after its request's own write, the next turn
        of a chat) instead of the five statements of a full read. Entries and counters are
        only written together, and a deleted session's next life has later ids, so the
        counters are unchanged too."""
        row = conn.execute(
            "SELECT expires_at, n_entries, last_id FROM sessions WHERE tenant = ? AND session = ?",
            (tid, sid),
        ).fetchone()
        return row is not None and row[0] > self._now() and (row[1], row[2]) == (
            since.count, since.last)

    def _commit(
        self, tenant: str, session: str, since: Cursor, items: list[Pending], epoch: str
    ) -> Committed:
        tid, sid = self._ids(tenant, session)
        with self._write() as conn:
            now = self._now()
            if now - self._last_purge > 1.0:
                self._purge(conn, now)
            expires, count, first, last = self._tally(conn, tid, sid)
            if expires is not None and expires <= now:  # expired: purged, then read again
                self._purge(conn, now)
                expires, count, first, last = self._tally(conn, tid, sid)
            # entries leave only with their whole session: the view's are all still here
            # while the session is the life it read (its first entry at most the view's last)
            if since.count and (not count or first > since.last):
                return Committed(ok=False)  # entries the batch saw are gone
            _distinct(items)
            # Only entries written after the batch's view can conflict with it: the view held
            # every entry up to its cursor, and the batch chose against them. A session
            # unchanged since (a conversation's first request, a chat's next turn) asks no
            # question; otherwise the newer entries' keys are read once and compared here
            # (one search of the session per slice of 256 values took 3.3 s for a batch of
            # 20,000 against a session of 20,000).
            unchanged = (count, last) == (since.count, since.last)
            if not unchanged and self._conflict(conn, tid, sid, (since.last, last, count), items):
                return Committed(ok=False)
            conn.executemany(
                "INSERT INTO entries (tenant, session, lk_exact, lk_norm, rep, fp, blob) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(tid, sid, it.index.exact, it.index.norm, it.rep, it.index.fp, it.sealed)
                 for it in items],
            )
            k = len(items)
            counters: dict[str, int] = {}  # each type's highest: one row per type
            for it in items:
                if it.counter is not None:
                    counters[it.entity_type] = max(it.counter,
                                                   counters.get(it.entity_type, it.counter))
            if counters:
                conn.executemany(
                    "INSERT INTO counters (tenant, session, type, value) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (tenant, session, type) DO UPDATE SET "
                    "value = max(value, excluded.value)",
                    [(tid, sid, etype, c) for etype, c in counters.items()],
                )
            new_last, mine = conn.execute(
                _COUNT_BATCH_IN, (tid, sid, now + self.ttl_seconds, k)
            ).fetchone()
            if mine != k:
                raise VaultError("the vault's entry ids did not grow as expected; retry")
            ids = list(range(new_last - k + 1, new_last + 1))
        if not unchanged:
            return Committed(ok=True, ids=ids)
        n = count + k
        return Committed(
            ok=True, ids=ids, cursor=Cursor("", new_last, n), version=f"{n}:{new_last}"
        )

    @staticmethod
    def _tally(conn: sqlite3.Connection, tid: str, sid: str) -> tuple[float | None, int, int, int]:
        """The session's expiry (None: no such session), entry count, first and last entry
        id: one row's read."""
        row = conn.execute(
            "SELECT expires_at, n_entries, first_id, last_id FROM sessions "
            "WHERE tenant = ? AND session = ?", (tid, sid),
        ).fetchone()
        if row is None:
            return None, 0, 0, 0
        return float(row[0]), int(row[1]), int(row[2]), int(row[3])

    @staticmethod
    def _conflict(
        conn: sqlite3.Connection, tid: str, sid: str, span: tuple[int, int, int],
        items: list[Pending],
    ) -> bool:
        """Whether an entry of the session with an id above ``after`` (another writer's) holds
        a lookup key or replacement of ``items``, or (for a claimed replacement) its
        fingerprint as an original's. ``span``: (``after``, the session's last id, its number
        of entries)."""
        rows = _newer(conn, "lk_exact, lk_norm, rep, fp", tid, sid, span)
        if not rows:
            return False
        exact, norm, reps, fps = (set(column) for column in zip(*rows, strict=True))
        return any(
            it.index.exact in exact
            or it.index.norm is not None and it.index.norm in norm
            or bool(it.rep) and (it.rep in reps or it.cand_fp in fps)
            for it in items
        )

    def delete_session(self, tenant: str, session: str) -> None:
        tid, sid = self._ids(tenant, session)
        with self._write() as conn:
            for table in ("entries", "counters", "sessions"):
                conn.execute(f"DELETE FROM {table} WHERE tenant = ? AND session = ?", (tid, sid))  # nosec B608 # constant table names
        self._forget_view(tenant, session)

    def ping(self) -> None:
        # A read, not a write transaction: a probe must not queue behind (or block) writers.
        with self._guard():
            self._conn().execute("SELECT 1 FROM tenant_keys LIMIT 1").fetchone()

    def close(self) -> None:
        with self._conns_lock:
            for c in self._conns:
                with contextlib.suppress(sqlite3.Error):
                    c.close()
            self._conns.clear()
        self._local = threading.local()
