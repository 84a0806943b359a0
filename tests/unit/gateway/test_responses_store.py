"""The store behind ``previous_response_id``: sealed with the tenant's vault keys beside the
vault (SQLite file or the vault's Redis), bound to the principal, expiring, holding no
original."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path

import pytest

from veil.config import Settings
from veil.gateway.response_store import ResponseRecord, ResponseStore
from veil.vault import RedisVault, SQLiteVault, Vault


def _record(rid: str = "resp_1", principal: str = "key-a") -> ResponseRecord:
    return ResponseRecord(
        id=rid, tenant="acme", principal=principal, session="c:abc",
        scope=["[PERSON_1]"], history=[{"type": "message", "role": "user",
                                        "content": "I am [PERSON_1]"}],
        response={"id": rid, "object": "response", "output": []},
    )


class _Core:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def vault(request: pytest.FixtureRequest, tmp_path: Path) -> Vault:
    key = base64.b64encode(os.urandom(32)).decode()
    if request.param == "redis":
        import redis

        # A database of its own, emptied: each test's vault has its own master key.
        url = request.getfixturevalue("redis_url").rsplit("/", 1)[0] + "/14"
        redis.Redis.from_url(url).flushdb()
        return RedisVault(Settings(home=tmp_path, master_key=key, vault_backend="redis",
                                   redis_url=url))
    return SQLiteVault(Settings(home=tmp_path, master_key=key))


def test_sealed_bound_to_principal_and_deletable(vault: Vault, tmp_path: Path) -> None:
    store = ResponseStore.for_core(_Core(vault))  # type: ignore[arg-type]
    store.put(_record())
    got = store.get("acme", "key-a", "resp_1")
    assert got is not None and got.scope == ["[PERSON_1]"] and got.session == "c:abc"
    assert store.get("acme", "key-b", "resp_1") is None  # another key of the tenant
    assert store.get("globex", "key-a", "resp_1") is None  # another tenant
    assert not store.delete("acme", "key-b", "resp_1")
    if vault.backend == "sqlite":
        raw = (tmp_path / "responses.sqlite3").read_bytes()
        assert b"[PERSON_1]" not in raw and b"c:abc" not in raw  # sealed, not plain JSON
    assert store.delete("acme", "key-a", "resp_1")
    assert store.get("acme", "key-a", "resp_1") is None


def test_records_expire(vault: Vault) -> None:
    store = ResponseStore.for_core(_Core(vault))  # type: ignore[arg-type]
    store.ttl_seconds = 1
    store.put(_record())
    assert store.get("acme", "key-a", "resp_1") is not None
    time.sleep(1.1)
    assert store.get("acme", "key-a", "resp_1") is None


def test_a_record_cannot_be_moved_to_another_id(vault: Vault) -> None:
    store = ResponseStore.for_core(_Core(vault))  # type: ignore[arg-type]
    store.put(_record("resp_1"))
    blob = store._blobs.get(store._key("acme", "key-a", "resp_1"))
    assert blob is not None
    store._blobs.put(store._key("acme", "key-a", "resp_2"), blob, 60)  # sealed for resp_1's AAD
    assert store.get("acme", "key-a", "resp_2") is None
