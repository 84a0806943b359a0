"""``veil audit`` commands on a real log, and admin actions recorded by other commands."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veil.audit import AuditConfig, open_audit
from veil.cli.audit import audit_app
from veil.cli.terms import terms_app
from veil.cli.vault import vault_app
from veil.config import Settings
from veil.errors import AuditError

from .conftest import fill


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VEIL_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    monkeypatch.delenv("VEIL_AUDIT_SIGNING_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    log = open_audit(AuditConfig(checkpoint_every=10), Settings())
    for _ in range(3):
        fill(log, 10)  # type: ignore[arg-type]
        fill(log, 2, tenant="globex")  # type: ignore[arg-type]
        log.flush()
    log.close()
    return tmp_path / "home"


_APPS = {"audit": audit_app, "vault": vault_app, "terms": terms_app}


def run(*args: str) -> tuple[int, str]:
    """One sub-app only: building the whole ``veil`` app costs a second per call."""
    r = CliRunner().invoke(_APPS[args[0]], list(args[1:]))
    if isinstance(r.exception, AuditError):
        return 2, str(r.exception)  # what `veil` (main) prints and exits with
    return r.exit_code, r.output


def test_verify_prove_consistency_and_offline_check(home: Path, tmp_path: Path) -> None:
    code, out = run("audit", "verify")
    assert code == 0 and "OK" in out and "records: 36" in out
    code, pub = run("audit", "public-key")
    (tmp_path / "audit.pub").write_text(pub)
    assert run("audit", "prove", "5", "-o", "p.json")[0] == 0
    code, out = run("audit", "check", "p.json", "--public-key", "audit.pub")
    assert code == 0 and "record 5 is in the log" in out
    sizes = [cp["size"] for cp in map(json.loads, _checkpoint_bodies(home))]
    assert run("audit", "consistency", str(sizes[0]), str(sizes[-1]), "-o", "c.json")[0] == 0
    code, out = run("audit", "check", "c.json", "--public-key", "audit.pub")
    assert code == 0 and "extends" in out
    # A witness holding only the proof and the key catches a forged checkpoint.
    doc = json.loads((tmp_path / "c.json").read_text())
    doc["new"]["root"] = "11" * 32
    (tmp_path / "c.json").write_text(json.dumps(doc))
    code, out = run("audit", "check", "c.json", "--public-key", "audit.pub")
    assert code == 1 and "bad signature" in out


def _checkpoint_bodies(home: Path) -> list[str]:
    db = sqlite3.connect(home / "audit.sqlite3")
    try:
        return [b for (b,) in db.execute("SELECT body FROM audit_checkpoints ORDER BY size")]
    finally:
        db.close()


def test_verify_fails_with_exit_1_and_the_witness_catches_rollback(
    home: Path, tmp_path: Path
) -> None:
    assert run("audit", "verify", "--witness", "w.json")[0] == 0
    assert json.loads((tmp_path / "w.json").read_text())["size"] == 36
    db = sqlite3.connect(home / "audit.sqlite3", isolation_level=None)
    db.execute("DELETE FROM audit_records WHERE idx >= 20")
    db.execute("DELETE FROM audit_checkpoints WHERE size > 20")
    db.close()
    (home / "audit-head.gateway.json").unlink()  # the attacker removes the local head too
    code, out = run("audit", "verify", "--witness", "w.json", "--json")
    assert code == 1
    rep = json.loads(out)
    assert not rep["ok"] and any("rolled back" in p for p in rep["problems"])


def test_show_and_tail_filter(home: Path) -> None:
    code, out = run("audit", "show", "--tenant", "globex", "--json")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(docs) == 6 and {d["f"]["tenant"] for d in docs} == {"globex"}
    code, out = run("audit", "show", "--kind", "request", "--limit", "3", "--since", "1h")
    assert len(out.splitlines()) == 3 and "entities=" in out
    code, out = run("audit", "tail", "-n", "2", "--json")
    assert [json.loads(line)["i"] for line in out.splitlines()] == [34, 35]
    assert run("audit", "show", "--since", "yesterday")[0] == 2  # a clear usage error


def test_admin_actions_are_recorded(home: Path) -> None:
    from veil.vault import open_vault

    with open_vault(Settings()) as vault:  # the tenant exists: something was protected for it
        vault.keys("acme")
    code, out = run("vault", "rotate-tenant-key", "acme")
    assert code == 0, out
    code, out = run("terms", "add", "Project Falcon", "--type", "PROJECT", "--tenant", "acme",
                    "--db", str(home / "terms.sqlite3"))
    assert code == 0, out
    code, out = run("audit", "show", "--kind", "admin", "--json")
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["kind"] for d in docs] == ["admin.rotate_tenant_key", "admin.terms_add"]
    assert docs[0]["f"]["tenant"] == "acme" and docs[0]["f"]["actor"] == "cli"
    assert docs[1]["f"] == {"actor": "cli", "count": 1, "entity_type": "PROJECT", "tenant": "acme"}
    assert b"Falcon" not in (home / "audit.sqlite3").read_bytes()
    assert run("audit", "verify")[0] == 0
