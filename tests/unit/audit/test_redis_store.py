"""The Redis store against a real redis-server: appends, concurrent writers, tampering."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from veil.audit import AuditLog, RedisAuditStore, Signer, verify_log

from .conftest import fill

pytestmark = pytest.mark.redis


@pytest.fixture
def store_factory(redis_url: str) -> Iterator:  # type: ignore[type-arg]
    name = "t" + os.urandom(6).hex()
    stores: list[RedisAuditStore] = []

    def make() -> RedisAuditStore:
        s = RedisAuditStore(redis_url, name)
        stores.append(s)
        return s

    yield make
    import redis

    r = redis.Redis.from_url(redis_url)
    r.delete(*(f"veil:audit:{name}:{k}" for k in ("leaves", "hashes", "checkpoints")))
    r.close()


def test_redis_log_verifies_and_detects_tampering(store_factory, signer: Signer) -> None:  # type: ignore[no-untyped-def]
    a = AuditLog(store_factory(), signer, checkpoint_every=8)
    b = AuditLog(store_factory(), signer, checkpoint_every=5)  # a second replica, same log
    for _ in range(4):
        fill(a, 5)
        fill(b, 3, tenant="globex")
        a.flush()
        b.flush()
    a.close()
    b.close()
    check = store_factory()
    rep = verify_log(check, [signer.public_key])
    assert rep.ok, rep.problems
    assert rep.records == 32 and rep.signed_size == 32

    r = check._r  # tamper through the server itself
    leaves = f"veil:audit:{check.log}:leaves"
    original = r.lindex(leaves, 3)
    r.lset(leaves, 3, original.replace(b'"acme"', b'"other"'))
    problems = verify_log(check, [signer.public_key]).problems
    assert any("record 3 was modified" in p for p in problems)
    r.lset(leaves, 3, original)
    assert verify_log(check, [signer.public_key]).ok
    r.ltrim(leaves, 0, 29)
    r.ltrim(f"veil:audit:{check.log}:hashes", 0, 29)
    rep = verify_log(check, [signer.public_key])
    assert any("holds 30 records but a checkpoint was signed at 32" in p for p in rep.problems)
    forged = Signer.generate().sign(check.log, 30, bytes(32), 0)
    check.add_checkpoint(forged)
    assert any("bad signature" in p for p in verify_log(check, [signer.public_key]).problems)
