"""The vault's files are private to the user (0600, home 0700) whatever the umask, and the
readiness ping is a cheap read that does not wait for writers."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from veil.config import Settings
from veil.vault import SQLiteVault, open_vault


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_files_are_created_private(tmp_path: Path, loose_umask: None) -> None:
    home = tmp_path / "home"
    v = open_vault(Settings(home=home))  # key file mode: master.key is created too
    v.get_or_create("t", "s", entity_type="PERSON", original="Jane Doe", operator="placeholder",
                    exact_key="Jane Doe", propose=lambda c, a: f"[PERSON_{c}]")
    files = {p.name: mode(p) for p in home.iterdir()}
    assert mode(home) == 0o700
    assert {"master.key", "vault.sqlite3", "vault.sqlite3-wal", "vault.sqlite3-shm",
            "vault.sqlite3-writer"} <= set(files)  # the writers' turns: private too, though empty
    assert all(m == 0o600 for m in files.values()), files
    v.close()


def test_existing_loose_files_are_tightened(tmp_path: Path, loose_umask: None,
                                            master_key: str) -> None:
    home = tmp_path / "home"
    s = Settings(home=home, master_key=master_key)
    SQLiteVault(s).close()
    home.chmod(0o755)
    (home / "vault.sqlite3").chmod(0o644)
    SQLiteVault(s).close()
    assert mode(home) == 0o700 and mode(home / "vault.sqlite3") == 0o600


def test_chosen_vault_directory_is_left_alone(tmp_path: Path, loose_umask: None,
                                              master_key: str) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    SQLiteVault(Settings(home=tmp_path / "home", master_key=master_key,
                         vault_path=shared / "sub" / "v.db")).close()
    assert mode(shared) == 0o755  # the operator's directory
    assert mode(shared / "sub") == 0o700 and mode(shared / "sub" / "v.db") == 0o600


def test_ping_is_a_read_that_does_not_wait_for_a_writer(tmp_path: Path, master_key: str) -> None:
    v = SQLiteVault(Settings(home=tmp_path, master_key=master_key))
    v.ping()
    other = sqlite3.connect(v.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        t0 = time.monotonic()
        v.ping()
        assert time.monotonic() - t0 < 10.0  # a write would wait out the 30 s busy timeout
    finally:
        other.execute("ROLLBACK")
        other.close()
        v.close()


@pytest.mark.redis
def test_redis_ping(tmp_path: Path, master_key: str, redis_url: str) -> None:
    v = open_vault(Settings(home=tmp_path, master_key=master_key, vault_backend="redis",
                            redis_url=redis_url))
    v.ping()
    v.close()


def _load_at_once(settings: Settings, n: int) -> tuple[list[bytes], list[BaseException]]:
    import threading

    from veil.vault.crypto import load_master_key

    keys: list[bytes] = []
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def load() -> None:
        start.wait()
        try:
            keys.append(load_master_key(settings))
        except BaseException as e:  # noqa: BLE001 # reported by the caller's assertion
            errors.append(e)

    threads = [threading.Thread(target=load) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return keys, errors


def test_processes_starting_at_once_agree_on_one_complete_key(tmp_path: Path) -> None:
    # Many cores opening a fresh home at the same moment: none may read the key file while
    # another is still writing it (it used to be created empty, then filled).
    from veil.vault.crypto import KEY_BYTES

    for round_ in range(10):
        home = tmp_path / f"home{round_}"
        keys, errors = _load_at_once(Settings(home=home), 12)
        assert not errors and len(keys) == 12 and len(set(keys)) == 1
        assert len(keys[0]) == KEY_BYTES
        assert stat.S_IMODE((home / "master.key").stat().st_mode) == 0o600
        assert [p.name for p in home.iterdir()] == ["master.key"]  # no temporary file left


def test_audit_signing_keys_created_at_once_are_one_key(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Two writers used to both write a seed: the first then signed with a key no longer on disk.
    import threading

    from veil.audit.checkpoint import KEY_ENV, Signer

    monkeypatch.delenv(KEY_ENV, raising=False)
    for round_ in range(10):
        path = tmp_path / f"home{round_}" / "audit.key"
        ids: list[str] = []
        start = threading.Barrier(8)

        def load(p: Path = path, out: list[str] = ids, go: threading.Barrier = start) -> None:
            go.wait()
            out.append(Signer.load_or_create(p).key_id)

        threads = [threading.Thread(target=load) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(ids) == 8 and set(ids) == {Signer.load(path).key_id}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
