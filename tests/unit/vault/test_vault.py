"""One suite, run against both backends (SQLite file, real redis-server on loopback)."""

from __future__ import annotations

import base64
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

from veil.config import Settings
from veil.errors import ConfigError, VaultKeyError, VaultUnavailableError
from veil.vault import RedisVault, SQLiteVault, Vault, open_vault

BACKENDS = ["sqlite", pytest.param("redis", marks=pytest.mark.redis)]
SECRET = "Jane Q. Secretname"  # never in clear at rest


def placeholder(entity_type: str) -> Callable[[int, int], str]:
    return lambda counter, attempt: f"[{entity_type}_{counter}]"


def _settings(tmp_path: Path, backend: str, key: str, url: str | None, ttl: int) -> Settings:
    return Settings(
        home=tmp_path / "home",
        master_key=key,
        vault_backend=backend,  # type: ignore[arg-type]
        redis_url=url or "redis://127.0.0.1:1/0",
        vault_ttl_seconds=ttl,
    )


@pytest.fixture(params=BACKENDS)
def make_vault(
    request: pytest.FixtureRequest, tmp_path: Path, master_key: str
) -> Iterator[Callable[..., Vault]]:
    backend: str = request.param
    url = request.getfixturevalue("redis_url") if backend == "redis" else None
    opened: list[Vault] = []

    def make(*, key: str = master_key, ttl: int = 3600, own_db: bool = False) -> Vault:
        u = url
        if url and own_db:  # a database of its own: tests that scan every tenant key
            u = url.rsplit("/", 1)[0] + "/7"
        v = open_vault(_settings(tmp_path, backend, key, u, ttl))
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


@pytest.fixture
def tenant() -> str:
    return f"tenant-{uuid.uuid4().hex}"  # keeps tests apart on the shared redis-server


def add(v: Vault, tenant: str, session: str, value: str, etype: str = "PERSON") -> str:
    e = v.get_or_create(
        tenant,
        session,
        entity_type=etype,
        original=value,
        operator="placeholder",
        exact_key=value,
        norm_key=value.casefold(),
        propose=placeholder(etype),
    )
    return e.replacement


def test_same_value_same_replacement_and_counters(make_vault, tenant) -> None:
    v = make_vault()
    assert add(v, tenant, "s", "Jane") == "[PERSON_1]"
    assert add(v, tenant, "s", "Bob") == "[PERSON_2]"
    assert add(v, tenant, "s", "Jane") == "[PERSON_1]"
    assert add(v, tenant, "s", "JANE") == "[PERSON_1]"  # normalised key
    assert add(v, tenant, "s", "a@b.example", "EMAIL") == "[EMAIL_1]"
    # counters are per session: a new session starts again
    assert add(v, tenant, "s2", "Bob") == "[PERSON_1]"
    entries = v.entries(tenant, "s")
    assert [(e.original, e.replacement) for e in entries] == [
        ("Jane", "[PERSON_1]"),
        ("Bob", "[PERSON_2]"),
        ("a@b.example", "[EMAIL_1]"),
    ]
    assert SECRET not in repr(entries) and "Jane" not in repr(entries)


def test_find_prefers_exact_then_normalised(make_vault, tenant) -> None:
    v = make_vault()
    add(v, tenant, "s", "Jane")
    hit = v.find(tenant, "s", entity_type="PERSON", exact_key="JANE", norm_key="jane")
    assert hit is not None and hit.original == "Jane"
    assert v.find(tenant, "s", entity_type="PERSON", exact_key="JANE") is None
    assert v.find(tenant, "s", entity_type="EMAIL", exact_key="Jane", norm_key="jane") is None
    assert v.find(tenant, "other", entity_type="PERSON", exact_key="Jane") is None


def test_shared_alias_and_collision_avoidance(make_vault, tenant) -> None:
    v = make_vault()
    add(v, tenant, "s", "Jane Doe")
    alias = v.get_or_create(
        tenant, "s", entity_type="PERSON", original="Jane", operator="placeholder",
        exact_key="Jane", shared_replacement="[PERSON_1]",
    )
    assert alias.shared and alias.replacement == "[PERSON_1]"
    # a proposer that first offers a taken replacement, then an original of the session
    offers = iter(["[person_1]", "jane doe", "Fresh Value"])
    e = v.get_or_create(
        tenant, "s", entity_type="PERSON", original="Other", operator="pseudonym",
        exact_key="Other", propose=lambda c, a: next(offers),
    )
    assert e.replacement == "Fresh Value"


def test_encrypted_at_rest(make_vault, tenant, tmp_path: Path, request) -> None:
    v = make_vault()
    add(v, tenant, "sess-visible-id", SECRET)
    add(v, tenant, "sess-visible-id", "4111111111111111", "CREDIT_CARD")
    needles = [SECRET.encode(), SECRET.casefold().encode(), b"4111111111111111",
               tenant.encode(), b"sess-visible-id"]
    if isinstance(v, SQLiteVault):
        v.close()
        raw = b"".join(p.read_bytes() for p in v.path.parent.glob(v.path.name + "*"))
    else:
        client = redis.Redis.from_url(request.getfixturevalue("redis_url"))
        raw = b""
        for key in client.scan_iter("veil:*"):
            raw += key
            kind = client.type(key)
            if kind == b"hash":
                raw += b"".join(a + b for a, b in client.hgetall(key).items())
            elif kind == b"set":
                raw += b"".join(client.smembers(key))
            else:
                raw += client.get(key) or b""
    assert raw
    for needle in needles:
        assert needle not in raw


def test_wrong_master_key_is_refused(make_vault, tenant) -> None:
    v = make_vault()
    add(v, tenant, "s", SECRET)
    other = make_vault(key=base64.b64encode(os.urandom(32)).decode())
    with pytest.raises(VaultKeyError) as err:
        other.entries(tenant, "s")
    assert "master key" in str(err.value) and SECRET not in str(err.value)


@pytest.mark.parametrize("bad", ["", "not base64!", base64.b64encode(b"short").decode()])
def test_malformed_master_key(tmp_path: Path, bad: str) -> None:
    with pytest.raises(VaultKeyError, match="VEIL_MASTER_KEY"):
        open_vault(Settings(home=tmp_path, master_key=bad))


def test_key_file_created_0600_and_reused(tmp_path: Path) -> None:
    s = Settings(home=tmp_path / "h")
    v = open_vault(s)
    add(v, "t", "s", SECRET)
    key_file = tmp_path / "h" / "master.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    v.close()
    v2 = open_vault(s)
    assert v2.entries("t", "s")[0].original == SECRET
    v2.close()


def test_tenant_isolation(make_vault, tenant) -> None:
    v = make_vault()
    add(v, tenant, "s", SECRET)
    other = tenant + "-b"
    assert v.entries(other, "s") == []
    assert v.find(other, "s", entity_type="PERSON", exact_key=SECRET) is None
    assert add(v, other, "s", "Someone") == "[PERSON_1]"
    assert [e.original for e in v.entries(tenant, "s")] == [SECRET]


def test_entries_cannot_move_between_sessions(tmp_path: Path, master_key: str) -> None:
    """A sealed record copied into another session fails authentication (associated data)."""
    v = SQLiteVault(Settings(home=tmp_path, master_key=master_key))
    add(v, "t", "a", SECRET)
    add(v, "t", "b", "Other")
    v.close()
    con = sqlite3.connect(v.path)
    sid_a, sid_b = (v.keys("t").session_id(s) for s in ("a", "b"))
    blob = con.execute("SELECT blob FROM entries WHERE session = ?", (sid_a,)).fetchone()[0]
    con.execute("UPDATE entries SET blob = ? WHERE session = ?", (blob, sid_b))
    con.commit()
    con.close()
    with pytest.raises(VaultKeyError, match="tampered"):
        SQLiteVault(Settings(home=tmp_path, master_key=master_key)).entries("t", "b")


def test_ttl_expiry(make_vault, tenant) -> None:
    v = make_vault(ttl=1)
    add(v, tenant, "s", SECRET)
    assert len(v.entries(tenant, "s")) == 1
    time.sleep(2.1)
    assert v.entries(tenant, "s") == []
    assert v.find(tenant, "s", entity_type="PERSON", exact_key=SECRET) is None
    assert add(v, tenant, "s", "Bob") == "[PERSON_1]"  # counters expired too


def test_sqlite_expired_rows_are_purged(tmp_path: Path, master_key: str) -> None:
    s = Settings(home=tmp_path, master_key=master_key, vault_ttl_seconds=1)
    v = SQLiteVault(s)
    add(v, "t", "old", SECRET)
    time.sleep(1.2)
    add(v, "t", "new", "Bob")  # any write purges expired sessions
    con = sqlite3.connect(v.path)
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    con.close()


def test_delete_session(make_vault, tenant) -> None:
    v = make_vault()
    add(v, tenant, "s", SECRET)
    v.delete_session(tenant, "s")
    assert v.entries(tenant, "s") == []


def test_concurrent_get_or_create(make_vault, tenant) -> None:
    """Threads racing on one session never split a value nor share a placeholder."""
    v = make_vault()
    values = [f"person-{i}" for i in range(12)]
    barrier = threading.Barrier(6)

    def worker(seed: int) -> dict[str, str]:
        barrier.wait()
        order = values[seed:] + values[:seed]
        return {val: add(v, tenant, "s", val) for val in order}

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(worker, range(6)))
    for r in results[1:]:
        assert r == results[0]
    assert sorted(results[0].values()) == sorted(f"[PERSON_{i}]" for i in range(1, 13))
    assert len(v.entries(tenant, "s")) == 12


def test_sqlite_several_processes_share_the_file(tmp_path: Path, master_key: str) -> None:
    import multiprocessing as mp

    s = Settings(home=tmp_path, master_key=master_key)
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        out = pool.starmap(_proc_add, [(s.model_dump(), i) for i in range(4)])
    assert all(r == out[0] for r in out)
    assert sorted(out[0]) == [f"[PERSON_{i}]" for i in range(1, 6)]
    # the session's stored tally is the one its entries give, whoever wrote them
    import sqlite3

    with sqlite3.connect(s.resolved_vault_path()) as c:
        assert c.execute("SELECT n_entries, first_id, last_id FROM sessions").fetchall() == \
            c.execute("SELECT count(*), min(id), max(id) FROM entries").fetchall() == [(5, 1, 5)]


def _proc_add(dumped: dict, seed: int) -> list[str]:
    v = SQLiteVault(Settings(**dumped))
    vals = [f"v{i}" for i in range(5)]
    vals = vals[seed:] + vals[:seed]
    got = {val: add(v, "t", "s", val) for val in vals}
    v.close()
    return [got[f"v{i}"] for i in range(5)]


def test_redis_refused_is_unavailable(tmp_path: Path, master_key: str) -> None:
    with socket_closed_port() as port:
        s = Settings(home=tmp_path, master_key=master_key, vault_backend="redis",
                     redis_url=f"redis://:hunter2@127.0.0.1:{port}/0")
        with pytest.raises(VaultUnavailableError) as err:
            open_vault(s)
    msg = str(err.value)
    assert "redis-server" in msg and "hunter2" not in msg


def test_redis_bad_url_is_config_error(tmp_path: Path, master_key: str) -> None:
    with pytest.raises(ConfigError):
        RedisVault(Settings(home=tmp_path, master_key=master_key, redis_url="nonsense://x"))


def test_sqlite_unwritable_is_unavailable(tmp_path: Path, master_key: str) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(VaultUnavailableError, match="writable"):
            v = SQLiteVault(Settings(home=ro, master_key=master_key))
            add(v, "t", "s", SECRET)
    finally:
        ro.chmod(0o700)


def test_sqlite_path_is_a_directory_is_unavailable(tmp_path: Path, master_key: str) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(VaultUnavailableError, match="writable") as err:
        SQLiteVault(Settings(home=tmp_path, master_key=master_key,
                             vault_path=tmp_path / "dir.sqlite3"))
    assert err.value.__cause__ is None and err.value.__suppress_context__


class socket_closed_port:
    """A loopback port with nothing listening (bound then released)."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        return None


def test_sqlite_parent_is_a_file_is_unavailable(tmp_path: Path, master_key: str) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(VaultUnavailableError, match="writable"):
        SQLiteVault(Settings(home=tmp_path, master_key=master_key,
                             vault_path=tmp_path / "file" / "vault.sqlite3"))


def test_sqlite_garbage_file_is_unavailable(tmp_path: Path, master_key: str) -> None:
    bad = tmp_path / "vault.sqlite3"
    bad.write_bytes(os.urandom(8192))
    with pytest.raises(VaultUnavailableError):
        SQLiteVault(Settings(home=tmp_path, master_key=master_key, vault_path=bad))


@pytest.mark.redis
def test_redis_dying_mid_session_fails_closed(tmp_path: Path, master_key: str,
                                              redis_server) -> None:
    port, stop = redis_server()
    try:
        v = open_vault(Settings(home=tmp_path, master_key=master_key, vault_backend="redis",
                                redis_url=f"redis://127.0.0.1:{port}/0"))
        add(v, "t", "s", SECRET)
    finally:
        stop()
    for call in (lambda: add(v, "t", "s", "Other"), lambda: v.entries("t", "s"),
                 lambda: v.find("t", "s", entity_type="PERSON", exact_key=SECRET)):
        with pytest.raises(VaultUnavailableError) as err:
            call()
        assert SECRET not in str(err.value) and err.value.__cause__ is None


def test_key_file_readable_by_others_warns(tmp_path: Path) -> None:
    s = Settings(home=tmp_path)
    open_vault(s).close()
    (tmp_path / "master.key").chmod(0o644)
    with pytest.warns(UserWarning, match="chmod 600"):
        open_vault(s).close()


def test_master_key_rotation(make_vault, tenant) -> None:
    v = make_vault(own_db=True)
    if isinstance(v, RedisVault):
        v._client.flushdb()
    add(v, tenant, "s", SECRET)
    add(v, tenant + "-2", "s", "Other")
    new_key = base64.b64encode(os.urandom(32)).decode()
    with pytest.raises(VaultKeyError, match="new master key"):
        v.rotate_master_key("short")
    old_key_vault = make_vault(own_db=True)  # opened before the rotation, like a 2nd process
    assert v.rotate_master_key(new_key) >= 2
    # resuming an interrupted rotation with the old key skips keys already rotated
    assert old_key_vault.rotate_master_key(new_key) == 0
    assert add(v, tenant, "s", "Bob") == "[PERSON_2]"  # the open vault keeps working
    rotated = make_vault(key=new_key, own_db=True)
    assert [e.original for e in rotated.entries(tenant, "s")] == [SECRET, "Bob"]
    # online: a gateway still on the old key keeps working until the rotation is finished
    assert len(make_vault(own_db=True).entries(tenant, "s")) == 2
    assert rotated.finish_master_rotation() >= 2
    with pytest.raises(VaultKeyError):
        make_vault(own_db=True).entries(tenant, "s")  # the old key no longer opens it


def test_rotation_replaces_the_key_file(tmp_path: Path) -> None:
    s = Settings(home=tmp_path)
    v = open_vault(s)
    add(v, "t", "s", SECRET)
    new_key = base64.b64encode(os.urandom(32)).decode()
    v.rotate_master_key(new_key)
    v.close()
    assert (tmp_path / "master.key").read_text().strip() == new_key
    assert (tmp_path / "master.key").stat().st_mode & 0o777 == 0o600
    assert open_vault(s).entries("t", "s")[0].original == SECRET
