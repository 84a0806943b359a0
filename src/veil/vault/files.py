"""Private files of the vault: directories 0700, files 0600, whatever the process umask.

The SQLite database, its ``-wal``/``-shm`` companions and the master key file hold (sealed)
mappings and key material; other local users have no business reading them, even encrypted.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX: no file locks (one process per vault)
    fcntl = None  # type: ignore[assignment]

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path, *, tighten: bool = True) -> None:
    """Create ``path`` (and missing parents) with mode 0700. With ``tighten``, an existing
    directory this user owns loses its group/other permissions (Veil's own home; not a
    directory the operator chose for the database file)."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if tighten:
        _tighten(path, DIR_MODE)


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if missing, else tighten it to 0600 if we own it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        _tighten(path, FILE_MODE)
    else:
        os.close(fd)


def create_once(path: Path, content: bytes) -> bool:
    """Create ``path`` (mode 0600) holding ``content`` unless it exists; True if this call
    created it. Never visible half-written: the content goes to a private temporary file that
    is hard-linked into place, which is atomic and fails when the name exists, so processes
    starting at once agree on the first writer's content (a key, a signing seed)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            # a file system without hard links: O_EXCL (a reader may briefly see it empty)
            try:
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except FileExistsError:
                return False
            with os.fdopen(out, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            return True
    finally:
        os.unlink(tmp)


def lock_exclusive(fd: int, deadline: float) -> bool:
    """Take the ``flock`` of ``fd`` before ``time.monotonic()`` reaches ``deadline``; False if
    another holder kept it that long. Linux has no timed ``flock``: a free lock is taken at
    once, a held one is tried again after 0.1 ms, doubling to 1 ms (a commit holds it for
    well under that), so a waiter is late by at most ~1 ms and a stuck holder cannot keep
    it waiting for ever."""
    if fcntl is None:
        return True
    pause = 0.0001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.001)


def unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def write_new(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Create ``path`` (``mode``, less the umask) holding ``data``, synced; never through a
    link, never over an existing file, and never left half-written: if the write fails (a
    full disk), the file is removed and the OSError raised."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def replace_file(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Replace ``path`` by a file holding ``data`` in one step: written and synced under a
    private temporary name beside it, then renamed over it. A failure (a full disk) leaves
    ``path`` as it was and no temporary file; the OSError is raised."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: never follow a link where a file is created (0 where the platform has no such flag)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def tighten_file(path: Path) -> None:
    """Mode 0600 for an existing file this user owns (SQLite's -wal/-shm); missing: nothing."""
    _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # missing, or not ours: leave it as it is
        st = path.stat()
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
            path.chmod(mode)


__all__ = ["DIR_MODE", "FILE_MODE", "create_once", "lock_exclusive", "private_dir", "private_file",
           "replace_file", "tighten_file", "unlock", "write_new"]
