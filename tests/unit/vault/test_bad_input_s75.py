"""The vault under faults and contention: a writer that another holds up gives up after a bounded
wait with an error that says what to do; a master-key rotation killed at any step is finished or
rolled back when the vault next opens, never leaving it unopenable; a full disk writes nothing
half; a key file is written only as a private regular file, never through a leftover or a link."""

from __future__ import annotations

import base64
import errno
import fcntl
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.vault.shared import EMAIL, key_ids, new_key
from veil.config import Settings
from veil.errors import VaultError, VaultUnavailableError
from veil.vault import SQLiteVault, Vault, open_vault
from veil.vault.crypto import PREVIOUS

OTHER = "bob.smith@example.org"


def _add(v: Vault, tenant: str, session: str, value: str) -> str:
    return v.get_or_create(
        tenant, session, entity_type="EMAIL", original=value, operator="placeholder",
        exact_key=value, propose=lambda counter, attempt: f"[EMAIL_{counter}]",
    ).replacement


def _originals(v: Vault, tenant: str, session: str) -> list[str]:
    return [e.original for e in v.entries(tenant, session)]


def _in_thread(call: Callable[[], object]) -> BaseException | None:
    """Run ``call`` on a thread; what it raised (None: it returned). The join only keeps a
    regression from hanging the suite: the wait under test is the vault's own, much shorter."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            raised.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout=120)
    assert not t.is_alive(), "the vault call still waits: its wait is unbounded"
    return raised[0] if raised else None


# ------------------------------------------------------------------ 1. bounded writer waits
def _file_turn_held_elsewhere(vault: SQLiteVault) -> int:
    """Take the file's write turn as another process would (its own open file description)."""
    fd = os.open(vault._writer.path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_write_held_up_by_another_process_turn_gives_up_and_writes_nothing(
        home: Path) -> None:
    with SQLiteVault(Settings(vault_lock_timeout_s=0.2)) as v:
        _add(v, "acme", "s1", EMAIL)
        fd = _file_turn_held_elsewhere(v)
        try:
            err = _in_thread(lambda: _add(v, "acme", "s1", OTHER))
        finally:
            os.close(fd)  # the stuck process ends
        assert isinstance(err, VaultUnavailableError), err
        msg = str(err)
        assert "write lock" in msg and "VEIL_VAULT_LOCK_TIMEOUT_S" in msg
        assert "nothing was written" in msg and str(v.path) in msg
        assert OTHER not in msg and EMAIL not in msg
        assert _originals(v, "acme", "s1") == [EMAIL]
        assert _add(v, "acme", "s1", OTHER) == "[EMAIL_2]"  # the turn is free again


def test_a_write_held_up_by_an_open_sqlite_shell_gives_up_after_the_setting(home: Path) -> None:
    with SQLiteVault(Settings(vault_lock_timeout_s=0.2)) as v:
        _add(v, "acme", "s1", EMAIL)
        shell = sqlite3.connect(v.path, isolation_level=None)
        shell.execute("BEGIN IMMEDIATE")  # `sqlite3 vault.sqlite3` mid-transaction
        try:
            err = _in_thread(lambda: _add(v, "acme", "s1", OTHER))
        finally:
            shell.execute("ROLLBACK")
            shell.close()
        assert isinstance(err, VaultUnavailableError), err
        assert "VEIL_VAULT_LOCK_TIMEOUT_S" in str(err) and OTHER not in str(err)
        assert _add(v, "acme", "s1", OTHER) == "[EMAIL_2]"


def test_a_thread_stuck_in_a_write_holds_up_the_others_only_for_the_setting(home: Path) -> None:
    with SQLiteVault(Settings(vault_lock_timeout_s=0.2)) as v:
        _add(v, "acme", "s1", EMAIL)
        inside, leave = threading.Event(), threading.Event()

        def stuck() -> None:
            with v._write():
                inside.set()
                leave.wait(120)

        t = threading.Thread(target=stuck, daemon=True)
        t.start()
        assert inside.wait(60)
        try:
            err = _in_thread(lambda: _add(v, "acme", "s2", OTHER))
        finally:
            leave.set()
            t.join(60)
        assert isinstance(err, VaultUnavailableError) and "VEIL_VAULT_LOCK_TIMEOUT_S" in str(err)
        assert _add(v, "acme", "s2", OTHER) == "[EMAIL_1]"


def test_the_lock_timeout_setting_is_checked() -> None:
    with pytest.raises(ValueError, match="vault_lock_timeout_s"):
        Settings(vault_lock_timeout_s=0)


@pytest.mark.redis
def test_a_redis_server_that_holds_writes_is_an_error_within_the_setting(
        tmp_path: Path, redis_server: Callable[[], tuple[int, Callable[[], None]]]) -> None:
    import redis

    port, _ = redis_server()
    url = f"redis://127.0.0.1:{port}/0"
    settings = Settings(home=tmp_path / "home", master_key=new_key(), vault_backend="redis",
                        redis_url=url, vault_lock_timeout_s=0.3)
    admin = redis.Redis.from_url(url)
    with open_vault(settings) as v:
        _add(v, "acme", "s1", EMAIL)
        admin.client_pause(60_000, all=False)  # writes wait: a failover, a paused primary
        try:
            err = _in_thread(lambda: _add(v, "acme", "s1", OTHER))
        finally:
            admin.client_unpause()
        assert isinstance(err, VaultUnavailableError), err
        msg = str(err)
        assert "did not answer within 0.3 s" in msg and "VEIL_VAULT_LOCK_TIMEOUT_S" in msg
        assert OTHER not in msg and "127.0.0.1" in msg
        assert _originals(v, "acme", "s1") == [EMAIL]
    admin.close()


@pytest.mark.redis
def test_a_redis_rotation_that_keeps_losing_its_race_gives_up(
        tmp_path: Path, redis_server: Callable[[], tuple[int, Callable[[], None]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from redis.client import Pipeline
    from redis.exceptions import WatchError

    port, _ = redis_server()
    settings = Settings(home=tmp_path / "home", master_key=new_key(), vault_backend="redis",
                        redis_url=f"redis://127.0.0.1:{port}/0")
    with open_vault(settings) as v:
        _add(v, "acme", "s1", EMAIL)

        def lost(self: Pipeline, *a: Any, **k: Any) -> Any:
            self.reset()  # as redis-py does when EXEC finds a watched key changed
            raise WatchError("watched key changed")  # a session written on every try

        with monkeypatch.context() as m:
            m.setattr(Pipeline, "execute", lost)
            for call in (lambda: v.rotate_master_key(new_key()),
                         lambda: v.rotate_tenant_key("acme")):
                err = _in_thread(call)
                assert isinstance(err, VaultUnavailableError), err
                assert "kept changing" in str(err) and "run it again" in str(err)
        assert _originals(v, "acme", "s1") == [EMAIL]


# ------------------------------------------- 3. a master-key rotation killed at each step
_KILLED_ROTATION = """
import os, sys
import veil.vault.base as base
from veil.config import Settings
from veil.vault import open_vault

step, new = sys.argv[1:3]
vault = open_vault(Settings())
def killed(*a, **k):
    os._exit(17)
if step == "staged":          # the new key is on disk, nothing re-wrapped yet
    vault._rewrap_tenant_keys = killed
elif step == "rewrapping":    # killed after the first key (Redis: committed; SQLite: not)
    calls, real = [], base.wrap_tenant_secret
    def wrap(*a):
        calls.append(1)
        if len(calls) == 2:
            os._exit(17)
        return real(*a)
    base.wrap_tenant_secret = wrap
elif step == "rewrapped":     # every key re-wrapped and committed, the file not moved yet
    base.commit_key_file = killed
vault.rotate_master_key(new)
os._exit(0)
"""


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def backend(request: pytest.FixtureRequest, home: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Key-file mode (no VEIL_MASTER_KEY) on each backend, settings in the environment."""
    if request.param == "redis":
        start = request.getfixturevalue("redis_server")
        port, _ = start()
        monkeypatch.setenv("VEIL_VAULT_BACKEND", "redis")
        monkeypatch.setenv("VEIL_REDIS_URL", f"redis://127.0.0.1:{port}/0")
    yield request.param


def _two_tenants() -> Path:
    with open_vault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        _add(v, "globex", "s1", OTHER)
    return Path(Settings().home)


def _kill_rotation(step: str, new: str) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_ROTATION, step, new],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 17, done.stderr[-2000:]


def _reopen() -> tuple[Vault, list[str]]:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        v = open_vault(Settings())
    return v, [str(w.message) for w in seen]


@pytest.mark.parametrize("step,finished", [
    ("staged", False), ("rewrapping", None), ("rewrapped", True), ("half-written", False)])
def test_a_master_rotation_killed_at_any_step_is_settled_when_the_vault_opens(
        backend: str, step: str, finished: bool | None) -> None:
    home = _two_tenants()
    key_file, staged = home / "master.key", home / "master.tmp"
    old, new = key_file.read_bytes(), new_key()
    if step == "half-written":  # killed while the new key was being written
        staged.write_bytes(new.encode()[:10])
    else:
        _kill_rotation(step, new)
    assert staged.exists()  # what the kill left behind
    if finished is None:  # Redis commits key by key: one key is under the new master already
        finished = backend == "redis"
    v, said = _reopen()
    with v:
        assert not staged.exists()
        assert any("interrupted master-key rotation" in m for m in said), said
        assert all(new not in m and base64.b64encode(base64.b64decode(old)).decode() not in m
                   for m in said)
        assert key_file.read_bytes() == (new.encode() + b"\n" if finished else old)
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        if finished:
            assert any("finish-master-rotation" in m for m in said)
        assert _originals(v, "acme", "s1") == [EMAIL]
        assert _originals(v, "globex", "s1") == [OTHER]
    # settled for good: the next open says nothing, and a whole rotation still works
    v, said = _reopen()
    with v:
        assert not any("rotation" in m for m in said), said
        assert v.rotate_master_key(new_key()) == 2
        assert v.finish_master_rotation() == 2
    with open_vault(Settings()) as v:
        assert _originals(v, "acme", "s1") == [EMAIL]
        assert _originals(v, "globex", "s1") == [OTHER]


def test_a_master_rotation_that_fails_midway_keeps_its_new_key_while_it_wraps_any(
        backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Redis re-wraps key by key: a rotation that failed after the first (the server went
    away, Ctrl-C) must not delete the only copy of the key that one is now wrapped under."""
    import veil.vault.base as base

    home = _two_tenants()
    calls, real = [], base.wrap_tenant_secret

    def wrap(*a: Any) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C after the first key
        return real(*a)

    with open_vault(Settings()) as v, monkeypatch.context() as m:
        m.setattr(base, "wrap_tenant_secret", wrap)
        with pytest.raises(KeyboardInterrupt):
            v.rotate_master_key(new_key())
    # SQLite rolled the one transaction back: nothing to keep; Redis kept the first key's
    assert (home / "master.tmp").exists() == (backend == "redis")
    v, _ = _reopen()
    with v:
        assert not (home / "master.tmp").exists()
        assert v.rotate_master_key(new_key()) == 2  # not stuck on a key wrapped under a lost one
        assert v.finish_master_rotation() == 2
    with open_vault(Settings()) as v:
        assert _originals(v, "acme", "s1") == [EMAIL]
        assert _originals(v, "globex", "s1") == [OTHER]


def _hold_rotation_lock(home: Path) -> int:
    """What a running rotation in another process holds."""
    fd = os.open(home / "master.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_vault_opened_during_another_process_rotation_leaves_its_new_key_alone(
        home: Path) -> None:
    home = _two_tenants()
    staged = home / "master.tmp"
    staged.write_bytes(new_key().encode() + b"\n")  # the running rotation's new key
    fd = _hold_rotation_lock(home)
    try:
        v, said = _reopen()
        with v:
            assert staged.exists() and not said
            assert _originals(v, "acme", "s1") == [EMAIL]
    finally:
        os.close(fd)


def test_a_second_master_rotation_waits_for_the_first_then_gives_up(home: Path) -> None:
    home = _two_tenants()
    before = (home / "master.key").read_bytes()
    fd = _hold_rotation_lock(home)
    try:
        with SQLiteVault(Settings(vault_lock_timeout_s=0.2)) as v:
            err = _in_thread(lambda: v.rotate_master_key(new_key()))
            ids = key_ids(v.path)
    finally:
        os.close(fd)
    assert isinstance(err, VaultError) and "another master-key rotation" in str(err), err
    assert "nothing was rotated" in str(err)
    assert not any(i.endswith(PREVIOUS) for i in ids)
    assert (home / "master.key").read_bytes() == before


# ------------------------------------------------ key files: private, regular, never through
def test_a_leftover_loose_staging_file_never_makes_a_loose_key_file(home: Path) -> None:
    home = _two_tenants()
    staged = home / "master.tmp"
    staged.write_bytes(b"garbage")
    staged.chmod(0o644)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with open_vault(Settings()) as v:
            v.rotate_master_key(new_key())
    assert stat.S_IMODE((home / "master.key").stat().st_mode) == 0o600


def test_a_staging_name_that_is_a_link_never_writes_the_key_elsewhere(
        home: Path, tmp_path: Path) -> None:
    home = _two_tenants()
    outside = tmp_path / "outside" / "stolen.key"
    outside.parent.mkdir()
    with open_vault(Settings()) as v:
        (home / "master.tmp").symlink_to(outside)  # planted after the vault opened
        with pytest.warns(UserWarning, match="a vault key file is never a link"):
            v.rotate_master_key(new_key())
    assert not outside.exists()
    key_file = home / "master.key"
    assert not key_file.is_symlink() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with open_vault(Settings()) as v:
        assert _originals(v, "acme", "s1") == [EMAIL]


def test_a_key_file_is_0600_whatever_the_umask(home: Path) -> None:
    old = os.umask(0)
    try:
        home = _two_tenants()
        with open_vault(Settings()) as v:
            v.rotate_master_key(new_key())
    finally:
        os.umask(old)
    assert stat.S_IMODE((home / "master.key").stat().st_mode) == 0o600
    assert sorted(p.name for p in home.iterdir() if p.name.startswith("master")) == [
        "master.key", "master.lock"]


# ------------------------------------------------------------------------------ a full disk
def _no_space(*a: object, **k: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_when_the_key_file_is_created_leaves_nothing_half(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import veil.vault.files as files

    with monkeypatch.context() as m:
        m.setattr(files.os, "fsync", _no_space)
        with pytest.raises(VaultUnavailableError, match="No space left on device"):
            SQLiteVault(Settings())
    assert not home.exists() or [p.name for p in home.iterdir()
                                 if "master" in p.name] == []
    with SQLiteVault(Settings()) as v:  # space again: a vault as if nothing happened
        _add(v, "acme", "s1", EMAIL)
        assert _originals(v, "acme", "s1") == [EMAIL]


def test_a_full_disk_while_staging_a_new_key_rotates_nothing(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import veil.vault.crypto as crypto

    home = _two_tenants()
    before = (home / "master.key").read_bytes()
    with SQLiteVault(Settings()) as v:
        with monkeypatch.context() as m:
            m.setattr(crypto.os, "fsync", _no_space)
            with pytest.raises(VaultUnavailableError, match="nothing was rotated"):
                v.rotate_master_key(new_key())
        assert not any(i.endswith(PREVIOUS) for i in key_ids(v.path))
    assert (home / "master.key").read_bytes() == before and not (home / "master.tmp").exists()


def test_a_full_database_disk_writes_nothing_and_says_so(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        conn = v._conn()
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL, as on a full disk
        batch = v.batch("acme", "s2")
        for i in range(400):
            value = f"user{i}@example.net"
            batch.get_or_create("acme", "s2", entity_type="EMAIL", original=value,
                                operator="placeholder", exact_key=value,
                                propose=lambda counter, attempt: f"[EMAIL_{counter}]")
        with pytest.raises(VaultUnavailableError) as e:
            batch.commit()
        assert "disk is full" in str(e.value) and "user1@" not in str(e.value)
        conn.execute("PRAGMA max_page_count = 1073741823")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert v.entries("acme", "s2") == []  # all or nothing
        assert _originals(v, "acme", "s1") == [EMAIL]
        assert _add(v, "acme", "s2", OTHER) == "[EMAIL_1]"
