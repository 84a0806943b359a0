"""Where the audit log lives: SQLite (beside the embedded vault) or Redis (beside a shared vault).

A store keeps, per log, the records in order (canonical leaf bytes and their leaf hashes) and the
signed checkpoints. Appends are conditional on the log's current size (``expected``): two
writers on one log (gateway replicas, a CLI recording an admin action) can never interleave
half-batches or fork the tree; the loser re-reads what it missed and retries. The store is not
trusted: :mod:`veil.audit.verify` checks everything it returns against signed checkpoints.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Protocol

from veil.errors import AuditError
from veil.sqlite_wal import use_wal
from veil.vault.files import private_dir, private_file, tighten_file

from .checkpoint import Checkpoint

#: (index, canonical leaf bytes, leaf hash)
Row = tuple[int, bytes, bytes]


class AuditStore(Protocol):
    log: str

    def size(self) -> int: ...

    def append(self, expected: int, rows: list[Row]) -> bool:
        """Append ``rows`` (indexes ``expected``, ``expected + 1``, ...) if the log holds exactly
        ``expected`` records; False (nothing written) if another writer got there first."""
        ...

    def rows(self, start: int = 0, end: int | None = None) -> list[Row]: ...

    def leaf_hashes(self, start: int = 0, end: int | None = None) -> list[bytes]: ...

    def add_checkpoint(self, cp: Checkpoint) -> None: ...

    def checkpoints(self) -> list[Checkpoint]:
        """Every stored checkpoint, smallest size first."""
        ...

    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_records (
    log TEXT NOT NULL, idx INTEGER NOT NULL, leaf TEXT NOT NULL, hash BLOB NOT NULL,
    PRIMARY KEY (log, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit_checkpoints (
    log TEXT NOT NULL, size INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (log, size)
) WITHOUT ROWID;
"""


class SQLiteAuditStore:
    """One SQLite file (WAL), 0600 like the vault's; any number of logs by name."""

    def __init__(self, path: Path, log: str = "gateway") -> None:
        self.path, self.log = Path(path), log
        private_dir(self.path.parent, tighten=False)
        private_file(self.path)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                self.path, timeout=30, check_same_thread=False, isolation_level=None
            )
            use_wal(self._db)
            # FULL: a commit is on disk before the writer signs a checkpoint over it, so a
            # crash never leaves a signed checkpoint ahead of the records. The cost (an fsync
            # per batch) is the writer thread's, not a request's.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as e:
            raise AuditError(
                f"cannot open the audit log {self.path} ({type(e).__name__}); check that the "
                "directory is writable"
            ) from None
        for suffix in ("-wal", "-shm"):
            tighten_file(Path(str(self.path) + suffix))

    def size(self) -> int:
        with self._lock:
            (n,) = self._db.execute(
                "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_records WHERE log = ?", (self.log,)
            ).fetchone()
        return int(n)

    def append(self, expected: int, rows: list[Row]) -> bool:
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                (n,) = db.execute(
                    "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_records WHERE log = ?",
                    (self.log,),
                ).fetchone()
                if n != expected:
                    db.execute("ROLLBACK")
                    return False
                db.executemany(
                    "INSERT INTO audit_records (log, idx, leaf, hash) VALUES (?, ?, ?, ?)",
                    [(self.log, i, leaf.decode("ascii"), h) for i, leaf, h in rows],
                )
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        return True

    def rows(self, start: int = 0, end: int | None = None) -> list[Row]:
        with self._lock:
            cur = self._db.execute(
                "SELECT idx, leaf, hash FROM audit_records WHERE log = ? AND idx >= ? AND idx < ?"
                " ORDER BY idx",
                (self.log, start, 2**62 if end is None else end),
            )
            return [(int(i), str(leaf).encode("ascii"), bytes(h)) for i, leaf, h in cur]

    def leaf_hashes(self, start: int = 0, end: int | None = None) -> list[bytes]:
        with self._lock:
            cur = self._db.execute(
                "SELECT hash FROM audit_records WHERE log = ? AND idx >= ? AND idx < ?"
                " ORDER BY idx",
                (self.log, start, 2**62 if end is None else end),
            )
            return [bytes(h) for (h,) in cur]

    def add_checkpoint(self, cp: Checkpoint) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO audit_checkpoints (log, size, body) VALUES (?, ?, ?)",
                (self.log, cp.size, json.dumps(cp.to_json(), sort_keys=True)),
            )

    def checkpoints(self) -> list[Checkpoint]:
        with self._lock:
            cur = self._db.execute(
                "SELECT body FROM audit_checkpoints WHERE log = ? ORDER BY size", (self.log,)
            )
            return [Checkpoint.from_json(json.loads(b)) for (b,) in cur]

    def close(self) -> None:
        with self._lock:
            self._db.close()


_APPEND = """
local n = redis.call('LLEN', KEYS[1])
if n ~= tonumber(ARGV[1]) then return -1 end
for i = 2, #ARGV, 2 do
  redis.call('RPUSH', KEYS[1], ARGV[i])
  redis.call('RPUSH', KEYS[2], ARGV[i + 1])
end
return n
"""


class RedisAuditStore:
    """Lists ``veil:audit:<log>:leaves`` / ``:hashes`` and a sorted set of checkpoints by size.
    Durability is Redis's (configure AOF with ``appendfsync everysec`` or stricter)."""

    def __init__(self, url: str, log: str = "gateway", *, client: Any = None) -> None:
        import redis

        self.log = log
        self._r: Any = client or redis.Redis.from_url(url)
        prefix = f"veil:audit:{log}"
        self._leaves, self._hashes, self._cps = (
            f"{prefix}:leaves",
            f"{prefix}:hashes",
            f"{prefix}:checkpoints",
        )
        try:
            self._append = self._r.register_script(_APPEND)
            self._r.ping()
        except redis.RedisError as e:
            raise AuditError(
                f"cannot reach Redis for the audit log ({type(e).__name__}); check the audit "
                "redis_url and that the server is up"
            ) from None

    def size(self) -> int:
        return int(self._r.llen(self._leaves))

    def append(self, expected: int, rows: list[Row]) -> bool:
        args: list[Any] = [expected]
        for _, leaf, h in rows:
            args += [leaf, h]
        return int(self._append(keys=[self._leaves, self._hashes], args=args)) >= 0

    def rows(self, start: int = 0, end: int | None = None) -> list[Row]:
        stop = -1 if end is None else end - 1
        if end is not None and end <= start:
            return []
        leaves = self._r.lrange(self._leaves, start, stop)
        hashes = self._r.lrange(self._hashes, start, stop)
        # Lists of unequal length (one tampered with) leave hash b"": verify reports the row.
        hashes += [b""] * (len(leaves) - len(hashes))
        pairs = zip(leaves, hashes, strict=False)
        return [(start + k, bytes(leaf), bytes(h)) for k, (leaf, h) in enumerate(pairs)]

    def leaf_hashes(self, start: int = 0, end: int | None = None) -> list[bytes]:
        if end is not None and end <= start:
            return []
        stop = -1 if end is None else end - 1
        return [bytes(h) for h in self._r.lrange(self._hashes, start, stop)]

    def add_checkpoint(self, cp: Checkpoint) -> None:
        body = json.dumps(cp.to_json(), sort_keys=True)
        self._r.zadd(self._cps, {body: cp.size}, nx=True)

    def checkpoints(self) -> list[Checkpoint]:
        # Every member, duplicates of a size included: verify must see a forged one too.
        cps = [Checkpoint.from_json(json.loads(b)) for b in self._r.zrange(self._cps, 0, -1)]
        return sorted(cps, key=lambda cp: cp.size)

    def close(self) -> None:
        self._r.close()


__all__ = ["AuditStore", "RedisAuditStore", "Row", "SQLiteAuditStore"]
