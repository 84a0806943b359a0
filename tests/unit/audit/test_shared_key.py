"""A log shared in Redis is signed with ONE key: without a shared key the gateway's audit log
refuses to open (each replica would otherwise create its own key under its own VEIL_HOME), and
replicas given the key verify one another's checkpoints."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from veil.audit import AuditConfig, AuditLog, RedisAuditStore, Signer, open_audit, verify_log
from veil.config import Settings
from veil.errors import ConfigError

from .conftest import fill

pytestmark = pytest.mark.redis


def _settings(home: Path, redis_url: str) -> Settings:
    return Settings(home=home, vault_backend="redis", redis_url=redis_url,
                    master_key=base64.b64encode(bytes(32)).decode())


def test_a_redis_log_without_a_shared_key_is_refused(
    tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VEIL_AUDIT_SIGNING_KEY", raising=False)
    s = _settings(tmp_path / "home", redis_url)
    with pytest.raises(ConfigError) as e:
        open_audit(AuditConfig(log_name="t" + os.urandom(4).hex()), s)
    assert "VEIL_AUDIT_SIGNING_KEY" in str(e.value) and "every replica" in str(e.value)
    assert not (tmp_path / "home" / "audit-signing.key").exists()  # no per-replica key made
    # A key_path that does not exist is not created either (it would be this replica's alone).
    missing = tmp_path / "mounted" / "audit.key"
    with pytest.raises(ConfigError, match="VEIL_AUDIT_SIGNING_KEY"):
        open_audit(AuditConfig(key_path=missing), s)
    assert not missing.exists()
    # The SQLite log beside an embedded vault keeps its own key file, as before.
    local = Settings(home=tmp_path / "local", master_key=s.master_key)
    open_audit(AuditConfig(), local).close()
    assert (tmp_path / "local" / "audit-signing.key").stat().st_size == 32


def test_replicas_with_the_shared_key_verify_each_others_entries(
    tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = os.urandom(32)
    monkeypatch.setenv("VEIL_AUDIT_SIGNING_KEY", base64.b64encode(seed).decode())
    cfg = AuditConfig(log_name="t" + os.urandom(4).hex(), checkpoint_every=4)
    # Two replicas: each its own VEIL_HOME, one Redis, one log.
    a = open_audit(cfg, _settings(tmp_path / "a", redis_url))
    b = open_audit(cfg, _settings(tmp_path / "b", redis_url))
    assert isinstance(a, AuditLog) and isinstance(b, AuditLog)
    try:
        assert a.signing_public_key() == b.signing_public_key()
        for _ in range(3):
            fill(a, 5)
            a.flush()
            fill(b, 3, tenant="globex")
            b.flush()
        cp_a, cp_b = a.checkpoint(), b.checkpoint()
    finally:
        a.close()
        b.close()
    assert cp_a is not None and cp_b is not None
    store = RedisAuditStore(redis_url, cfg.log_name)
    try:
        key = a.signing_public_key()
        rep = verify_log(store, [key])
        assert rep.ok, rep.problems
        assert rep.records == 24 and rep.signed_size == 24 and rep.checkpoints >= 2
        # each replica's checkpoints verify under the one public key
        assert cp_a.verify(key) and cp_b.verify(key)
        # `veil audit public-key` prints that key (from the variable, not a per-home file)
        from typer.testing import CliRunner

        from veil.cli.app import app

        monkeypatch.setenv("VEIL_HOME", str(tmp_path / "elsewhere"))
        r = CliRunner().invoke(app, ["audit", "public-key"])
        assert r.exit_code == 0 and r.output.strip() == key.hex(), r.output
        # A replica with a key of its own (what a per-VEIL_HOME key did) is caught.
        rogue = AuditLog(RedisAuditStore(redis_url, cfg.log_name), Signer.generate(),
                         checkpoint_every=1)
        fill(rogue, 1)
        rogue.checkpoint()
        rogue.close()
        assert any("signature" in p for p in verify_log(store, [key]).problems)
    finally:
        store._r.delete(*(f"veil:audit:{cfg.log_name}:{k}"
                          for k in ("leaves", "hashes", "checkpoints")))
        store.close()
