"""WAL checkpoints of the SQLite vault, off the request path.

SQLite copies its write-ahead log back into the database file (a checkpoint) inside whichever
commit crosses ``wal_autocheckpoint`` pages (about 60 commits of a new session each), and syncs
the file there: that commit took 6-12 ms instead of ~0.05, inside the vault's write turn, so
every other writer (threads and worker processes) waited with it.

Here one thread per process checkpoints each vault file written since its previous pass, a few
times a second, in two steps. A PASSIVE checkpoint first copies and syncs the log while
writers go on; it cannot reset the log while they keep appending to it, so a second one then
runs inside the file's write turn and takes the few frames committed meanwhile: the next
commit starts the log from its beginning, and the file stays a few MB. Writers wait only
for that second step (~5 ms, a few times a second, instead of ~8 ms every 60 commits). The
vault's own connections keep a much larger ``wal_autocheckpoint`` (:data:`FALLBACK_PAGES`) as
the bound on the log should this thread fall behind. The thread ends when a pass finds nothing
to do and starts again at the next write, so an idle process holds none.

The thread keeps one connection per file while it runs, and closes it when a pass finds the
file unwritten (or the thread ends): a connection opened per pass read the file's schema twice
and cost ~0.8 million instructions (open, two schema parses, close), a few times a second.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

#: seconds between passes while files are being written
INTERVAL_S = 0.25
#: pages (4 KiB each) after which a commit still checkpoints by itself: the log's bound if the
#: background pass falls behind
FALLBACK_PAGES = 16384


class Checkpointer:
    """Checkpoints the files :meth:`written` names, on a thread of its own."""

    def __init__(self, interval_s: float = INTERVAL_S) -> None:
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._dirty: dict[str, AbstractContextManager[None]] = {}
        self._thread: threading.Thread | None = None
        self.passes = 0  # checkpoints run (for tests and a curious operator)

    def written(self, path: Path, turn: AbstractContextManager[None]) -> None:
        """``path`` got a commit: checkpoint it within one interval; ``turn`` is the file's
        write turn (:class:`veil.vault.sqlite._Writer`)."""
        with self._lock:
            self._dirty[str(path)] = turn
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="veil-vault-checkpoint")
                self._thread.start()

    def _run(self) -> None:
        conns: dict[str, _Open] = {}  # this thread's own: a later thread opens its own
        try:
            while True:
                time.sleep(self.interval_s)
                with self._lock:
                    paths, self._dirty = self._dirty, {}
                    if not paths:
                        self._thread = None  # the next write starts a new one
                        return
                for path in [p for p in conns if p not in paths]:  # written no more
                    conns.pop(path).close()
                for path, turn in paths.items():
                    self._checkpoint(path, turn, conns)
        finally:
            for opened in conns.values():
                opened.close()

    def _checkpoint(
        self, path: str, turn: AbstractContextManager[None], conns: dict[str, _Open]
    ) -> None:
        opened = conns.get(path)
        if opened is not None and not opened.same_file():  # deleted, or another file now
            conns.pop(path).close()
            opened = None
        if opened is None:
            opened = _Open.open(path)
            if opened is None:
                return  # gone: nothing to checkpoint
            conns[path] = opened
        conn = opened.conn
        try:
            # the bulk (copy and sync) while writers go on; then, in the write turn, the few
            # frames committed meanwhile, so that the next commit starts the log afresh
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            with turn:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.passes += 1
        except (sqlite3.Error, TimeoutError) as e:  # TimeoutError: the turn stayed taken
            # the commits' own checkpoint (FALLBACK_PAGES) still bounds the log
            log.warning("vault checkpoint skipped (%s); the pass after the next write tries again",
                        type(e).__name__)
            conns.pop(path).close()  # a fresh connection next time

    def after_fork(self) -> None:
        # the parent's thread does not exist in the child; its pending files are the parent's
        self._lock = threading.Lock()
        self._dirty, self._thread = {}, None


class _Open:
    """The checkpoint thread's connection to one vault file, and which file it opened."""

    __slots__ = ("conn", "inode", "path")

    def __init__(self, path: str, conn: sqlite3.Connection, inode: tuple[int, int]) -> None:
        self.path, self.conn, self.inode = path, conn, inode

    @classmethod
    def open(cls, path: str) -> _Open | None:
        # mode=rw: a vault file deleted meanwhile (destroyed, a test's folder) is not created
        # again as an empty database
        try:
            conn = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=0.0,
                                   isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            st = os.stat(path)
        except OSError:
            conn.close()
            return None
        return cls(path, conn, (st.st_dev, st.st_ino))

    def same_file(self) -> bool:
        """Whether ``path`` is still the file this connection opened."""
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.inode

    def close(self) -> None:
        self.conn.close()


CHECKPOINTER = Checkpointer()
os.register_at_fork(after_in_child=CHECKPOINTER.after_fork)
