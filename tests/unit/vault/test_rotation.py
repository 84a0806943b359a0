"""Online key rotation: tenant data keys (entries re-encrypted) and the master key, on SQLite
and Redis, while another vault instance (a running gateway) keeps reading and writing."""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veil.config import Settings
from veil.errors import VaultKeyError
from veil.vault import RedisVault, SQLiteVault, Vault, open_vault
from veil.vault.crypto import NONCE_BYTES, _aad

BACKENDS = ["sqlite", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(params=BACKENDS)
def make_vault(
    request: pytest.FixtureRequest, tmp_path: Path, master_key: str
) -> Iterator[Callable[..., Vault]]:
    backend: str = request.param
    url = request.getfixturevalue("redis_url") if backend == "redis" else None
    opened: list[Vault] = []

    def make(*, key: str = master_key, own_db: bool = False) -> Vault:
        u = url
        if url and own_db:  # a database of its own: master rotation scans every tenant key
            u = url.rsplit("/", 1)[0] + "/8"
        v = open_vault(
            Settings(
                home=tmp_path / "home",
                master_key=key,
                vault_backend=backend,  # type: ignore[arg-type]
                redis_url=u or "redis://127.0.0.1:1/0",
            )
        )
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


@pytest.fixture
def tenant() -> str:
    return f"tenant-{uuid.uuid4().hex}"


def add(v: Vault, tenant: str, session: str, value: str) -> str:
    return v.get_or_create(
        tenant,
        session,
        entity_type="PERSON",
        original=value,
        operator="placeholder",
        exact_key=value,
        propose=lambda counter, attempt: f"[PERSON_{counter}]",
    ).replacement


def originals(v: Vault, tenant: str, session: str) -> list[str]:
    return [e.original for e in v.entries(tenant, session)]


def test_tenant_key_rotation_reencrypts_and_stays_online(make_vault, tenant) -> None:
    admin, gateway = make_vault(), make_vault()  # two processes on one store
    for i in range(3):
        add(gateway, tenant, "s1", f"Person {i}")
    add(gateway, tenant, "s2", "Other Person")
    add(gateway, tenant + "-b", "s1", "Not Rotated")
    before = gateway.keys(tenant)  # the running gateway's cached ring

    r = admin.rotate_tenant_key(tenant)
    assert (r.version, r.resealed, r.legacy) == (1, 4, 0)

    # the running gateway (old ring cached) still reads every mapping and keeps writing
    assert originals(gateway, tenant, "s1") == ["Person 0", "Person 1", "Person 2"]
    assert add(gateway, tenant, "s1", "Person 3") == "[PERSON_4]"
    assert add(gateway, tenant, "s1", "Person 1") == "[PERSON_2]"  # lookups unchanged
    # a fresh process reads everything
    fresh = make_vault()
    assert originals(fresh, tenant, "s1") == ["Person 0", "Person 1", "Person 2", "Person 3"]
    assert originals(fresh, tenant, "s2") == ["Other Person"]
    assert originals(fresh, tenant + "-b", "s1") == ["Not Rotated"]
    # the entries really are under the new key: the pre-rotation ring cannot open them
    blobs = _raw_blobs(admin, tenant, "s2")
    with pytest.raises(VaultKeyError):
        before.open_many(tenant, "s2", blobs)
    # a second rotation moves on to key 2 and picks up what was written meanwhile
    r2 = admin.rotate_tenant_key(tenant)
    assert (r2.version, r2.resealed, r2.legacy) == (2, 5, 0)
    assert originals(make_vault(), tenant, "s1")[-1] == "Person 3"


def _raw_blobs(v: Vault, tenant: str, session: str) -> list[bytes]:
    if isinstance(v, SQLiteVault):
        tid, sid = v._ids(tenant, session)
        with sqlite3.connect(v.path) as c:
            rows = c.execute(
                "SELECT blob FROM entries WHERE tenant = ? AND session = ?", (tid, sid)
            ).fetchall()
        return [bytes(r[0]) for r in rows]
    assert isinstance(v, RedisVault)
    raw = v._client.hgetall(v._keys_of(tenant, session)["e"])
    return [bytes(b) for b in raw.values()]  # type: ignore[union-attr]


def test_rotation_while_a_gateway_writes_loses_nothing(make_vault, tenant) -> None:
    admin, gateway = make_vault(), make_vault()
    for i in range(20):
        add(gateway, tenant, f"s{i % 4}", f"Before {i}")
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(40):
                add(gateway, tenant, f"s{i % 4}", f"During {i}")
                assert originals(gateway, tenant, f"s{i % 4}")
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    t = threading.Thread(target=write)
    t.start()
    admin.rotate_tenant_key(tenant)
    t.join()
    assert not errors
    fresh = make_vault()
    seen = sorted(o for s in range(4) for o in originals(fresh, tenant, f"s{s}"))
    assert seen == sorted([f"Before {i}" for i in range(20)] + [f"During {i}" for i in range(40)])
    # anything a gateway sealed with its older cached key is swept by the next run
    assert admin.rotate_tenant_key(tenant).legacy == 0


def test_entries_from_before_id_bound_sealing_stay_readable(tmp_path: Path, tenant) -> None:
    v = SQLiteVault(Settings(home=tmp_path, master_key=_key()))
    add(v, tenant, "s", "Legacy Person")
    add(v, tenant, "s", "New Person")
    keys, (tid, sid) = v.keys(tenant), v._ids(tenant, "s")
    # re-seal the first entry the way earlier versions did (session name in associated data)
    record = json.dumps(v.entries(tenant, "s")[0].to_record(), separators=(",", ":")).encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    legacy = nonce + keys.enc.encrypt(nonce, record, _aad("entry", tenant, "s"))
    with sqlite3.connect(v.path) as c:
        c.execute(
            "UPDATE entries SET blob = ? WHERE id = (SELECT min(id) FROM entries WHERE "
            "tenant = ? AND session = ?)",
            (legacy, tid, sid),
        )
    r = v.rotate_tenant_key(tenant)
    assert (r.resealed, r.legacy) == (1, 1)
    fresh = SQLiteVault(Settings(home=tmp_path, master_key=v.settings.master_key))
    assert originals(fresh, tenant, "s") == ["Legacy Person", "New Person"]


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_master_rotation_keeps_old_gateways_working_for_new_tenants(make_vault, tenant) -> None:
    old_gateway = make_vault(own_db=True)
    if isinstance(old_gateway, RedisVault):
        old_gateway._client.flushdb()
    add(old_gateway, tenant, "s", "Jane Doe")
    make_vault(own_db=True).rotate_tenant_key(tenant)  # data keys are re-wrapped too
    new_key = _key()
    assert make_vault(own_db=True).rotate_master_key(new_key) == 2
    # an old-key process that never loaded this tenant still can (previous wrapping)
    assert originals(make_vault(own_db=True), tenant, "s") == ["Jane Doe"]
    new_gateway = make_vault(key=new_key, own_db=True)
    assert originals(new_gateway, tenant, "s") == ["Jane Doe"]
    assert new_gateway.finish_master_rotation() == 2
    with pytest.raises(VaultKeyError):
        make_vault(own_db=True).entries(tenant, "s")
    assert originals(make_vault(key=new_key, own_db=True), tenant, "s") == ["Jane Doe"]


def test_running_gateway_rereads_a_rotated_key_file(tmp_path: Path, tenant) -> None:
    s = Settings(home=tmp_path / "home")
    gateway = open_vault(s)
    add(gateway, tenant, "s", "Jane Doe")
    admin = open_vault(s)
    admin.rotate_master_key(_key())
    admin.finish_master_rotation()
    # a tenant the gateway has not loaded yet: its key is only under the new master now
    add(admin, tenant + "-new", "s", "John Smith")
    assert originals(gateway, tenant + "-new", "s") == ["John Smith"]


def test_cli_rotations(tmp_path: Path, tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.cli.app import app

    key = _key()
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VEIL_MASTER_KEY", key)
    v = open_vault(Settings())
    add(v, tenant, "s", "Jane Doe")
    runner = CliRunner()
    r = runner.invoke(app, ["vault", "rotate-tenant-key", tenant])
    assert r.exit_code == 0, r.output
    assert "data key 1: re-encrypted 1" in r.output
    r = runner.invoke(app, ["vault", "rotate-master-key"])
    assert r.exit_code != 0 and "VEIL_NEW_MASTER_KEY" in str(r.exception)
    new_key = _key()
    monkeypatch.setenv("VEIL_NEW_MASTER_KEY", new_key)
    r = runner.invoke(app, ["vault", "rotate-master-key"])
    assert r.exit_code == 0, r.output
    assert new_key not in r.output and key not in r.output
    r = runner.invoke(app, ["vault", "finish-master-rotation"])
    assert r.exit_code == 0 and "dropped" in r.output
    monkeypatch.setenv("VEIL_MASTER_KEY", new_key)
    assert originals(open_vault(Settings()), tenant, "s") == ["Jane Doe"]
