"""Every kind of change to a stored log is caught by verify (SQLite store)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from veil.audit import AuditLog, Checkpoint, Signer, SQLiteAuditStore, verify_log
from veil.audit.checkpoint import load_checkpoint_file
from veil.audit.merkle import leaf_hash
from veil.audit.verify import check_proof, consistency_proof, inclusion_proof
from veil.errors import AuditError

from .conftest import fill

MakeLog = Callable[..., AuditLog]


def _written(make_log: MakeLog, n: int = 40, every: int = 10) -> AuditLog:
    log = make_log(checkpoint_every=every)
    for _ in range(n // every):
        fill(log, every)
        log.checkpoint()
    return log


def _verify(tmp_path: Path, signer: Signer, trusted: list[Checkpoint] | None = None):  # type: ignore[no-untyped-def]
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    try:
        return verify_log(store, [signer.public_key], trusted=trusted)
    finally:
        store.close()


def _db(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "audit.sqlite3", isolation_level=None)


def test_untouched_log_verifies(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    log = _written(make_log)
    fill(log, 3)  # an unsigned tail is reported, not a failure
    log.flush()
    rep = _verify(tmp_path, signer)
    assert rep.ok, rep.problems
    assert (rep.records, rep.signed_size, rep.checkpoints) == (43, 40, 4)
    assert "3 record(s) after the newest checkpoint" in rep.notes[0]


def _leaf(db: sqlite3.Connection, idx: int) -> dict:  # type: ignore[type-arg]
    (leaf,) = db.execute("SELECT leaf FROM audit_records WHERE idx = ?", (idx,)).fetchone()
    return json.loads(leaf)


def _put(db: sqlite3.Connection, idx: int, doc: dict, *, rehash: bool) -> None:  # type: ignore[type-arg]
    leaf = json.dumps(doc, sort_keys=True, separators=(",", ":"))
    if rehash:
        db.execute(
            "UPDATE audit_records SET leaf = ?, hash = ? WHERE idx = ?",
            (leaf, leaf_hash(leaf.encode()), idx),
        )
    else:
        db.execute("UPDATE audit_records SET leaf = ? WHERE idx = ?", (leaf, idx))


@pytest.mark.parametrize("rehash", [False, True])
def test_modified_record(make_log: MakeLog, tmp_path: Path, signer: Signer, rehash: bool) -> None:
    _written(make_log).close()
    db = _db(tmp_path)
    doc = _leaf(db, 7)
    doc["f"]["entities"]["PERSON"] = 0  # hide that a name was sent
    _put(db, 7, doc, rehash=rehash)
    rep = _verify(tmp_path, signer)
    assert not rep.ok
    text = " ".join(rep.problems)
    assert ("record 7 was modified" in text) if not rehash else ("before 10 do not match" in text)


def test_deleted_record(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    _written(make_log).close()
    _db(tmp_path).execute("DELETE FROM audit_records WHERE idx = 12")
    rep = _verify(tmp_path, signer)
    assert any("position 12 has index 13" in p for p in rep.problems)
    assert any("truncated" in p or "do not match" in p for p in rep.problems)


def test_deleted_and_renumbered(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    """The attacker renumbers the rows after the deleted one: the roots still change."""
    _written(make_log).close()
    db = _db(tmp_path)
    db.execute("DELETE FROM audit_records WHERE idx = 12")
    for i in range(13, 40):
        doc = _leaf(db, i)
        doc["i"] = i - 1
        leaf = json.dumps(doc, sort_keys=True, separators=(",", ":"))
        db.execute(
            "UPDATE audit_records SET idx = ?, leaf = ?, hash = ? WHERE idx = ?",
            (i - 1, leaf, leaf_hash(leaf.encode()), i),
        )
    rep = _verify(tmp_path, signer)
    assert any("before 20 do not match" in p for p in rep.problems)
    assert any("truncated" in p for p in rep.problems)


@pytest.mark.parametrize("fix_index", [False, True])
def test_reordered_records(
    make_log: MakeLog, tmp_path: Path, signer: Signer, fix_index: bool
) -> None:
    _written(make_log).close()
    db = _db(tmp_path)
    a, b = _leaf(db, 3), _leaf(db, 4)
    if fix_index:
        a["i"], b["i"] = 4, 3
    _put(db, 3, b, rehash=True)
    _put(db, 4, a, rehash=True)
    rep = _verify(tmp_path, signer)
    assert not rep.ok
    if fix_index:
        assert any("before 10 do not match" in p for p in rep.problems)
    else:
        assert any("record 3 is not the record written" in p for p in rep.problems)


def test_truncated_log(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    _written(make_log).close()
    _db(tmp_path).execute("DELETE FROM audit_records WHERE idx >= 35")
    rep = _verify(tmp_path, signer)
    assert any("holds 35 records but a checkpoint was signed at 40" in p for p in rep.problems)


def test_truncated_with_checkpoints_removed_is_caught_by_the_head(
    make_log: MakeLog, tmp_path: Path, signer: Signer
) -> None:
    _written(make_log).close()
    db = _db(tmp_path)
    db.execute("DELETE FROM audit_records WHERE idx >= 25")
    db.execute("DELETE FROM audit_checkpoints WHERE size > 20")
    assert _verify(tmp_path, signer).ok  # the store alone looks consistent...
    head = load_checkpoint_file(tmp_path / "head.json")
    rep = _verify(tmp_path, signer, trusted=[head])  # ...but not against the head / a witness
    assert any("rolled back or truncated" in p for p in rep.problems)
    with pytest.raises(AuditError, match="older copy was restored"):
        make_log()  # the writer refuses to continue a rolled-back log


def test_forged_checkpoint(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    _written(make_log).close()
    db = _db(tmp_path)
    (body,) = db.execute("SELECT body FROM audit_checkpoints WHERE size = 20").fetchone()
    cp = json.loads(body)
    cp["root"] = "00" * 32
    db.execute("UPDATE audit_checkpoints SET body = ? WHERE size = 20", (json.dumps(cp),))
    other = Signer.generate().sign("gateway", 30, bytes(32), 0)  # another key
    db.execute(
        "UPDATE audit_checkpoints SET body = ? WHERE size = 30", (json.dumps(other.to_json()),)
    )
    rep = _verify(tmp_path, signer)
    assert sum("bad signature" in p for p in rep.problems) == 2


def test_rollback_to_an_older_copy(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    log = _written(make_log, n=20)
    log.close()
    shutil.copy(tmp_path / "audit.sqlite3", tmp_path / "old.sqlite3")
    witness = load_checkpoint_file(tmp_path / "head.json")
    log = make_log(checkpoint_every=10)
    fill(log, 20)
    log.close()
    seen = load_checkpoint_file(tmp_path / "head.json")
    assert seen.size == 40 and witness.size == 20
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"audit.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "old.sqlite3", tmp_path / "audit.sqlite3")
    assert _verify(tmp_path, signer, trusted=[witness]).ok  # consistent with the older view
    rep = _verify(tmp_path, signer, trusted=[seen])
    assert any("rolled back or truncated" in p for p in rep.problems)


def test_history_rewritten_after_a_witness_saw_it(
    make_log: MakeLog, tmp_path: Path, signer: Signer
) -> None:
    """An operator holding the key re-signs a rewritten log: the witness's checkpoint and a
    consistency proof expose it."""
    log = _written(make_log, n=20)
    log.close()
    witness = load_checkpoint_file(tmp_path / "head.json")
    db = _db(tmp_path)
    doc = _leaf(db, 5)
    doc["f"]["tenant"] = "globex"
    _put(db, 5, doc, rehash=True)
    db.execute("DELETE FROM audit_checkpoints")
    (tmp_path / "head.json").unlink()
    log = make_log(checkpoint_every=10)
    fill(log, 10)
    log.checkpoint()  # signed with the real key over the rewritten history
    log.close()
    assert _verify(tmp_path, signer).ok
    rep = _verify(tmp_path, signer, trusted=[witness])
    assert any("history rewritten" in p for p in rep.problems)
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    new = store.checkpoints()[-1]
    doc_c = consistency_proof(store, witness, new)
    store.close()
    ok, why = check_proof(doc_c, [signer.public_key])
    assert not ok and "does NOT extend" in why


def test_proofs_check_offline(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    log = _written(make_log, n=30)
    log.close()
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    cps = store.checkpoints()
    proof = inclusion_proof(store, 17)
    cons = consistency_proof(store, cps[0], cps[-1])
    store.close()
    key = [signer.public_key]
    assert check_proof(json.loads(json.dumps(proof)), key)[0]
    assert check_proof(json.loads(json.dumps(cons)), key)[0]
    assert not check_proof(proof, [Signer.generate().public_key])[0]
    forged = json.loads(json.dumps(proof))
    forged["record"] = forged["record"].replace('"acme"', '"globex"')
    assert not check_proof(forged, key)[0]


def test_two_writers_share_one_log(make_log: MakeLog, tmp_path: Path, signer: Signer) -> None:
    a, b = make_log(checkpoint_every=7), make_log(checkpoint_every=5)
    for _ in range(5):
        fill(a, 6, tenant="acme")
        fill(b, 4, tenant="globex")
        a.flush()
        b.flush()
    a.close()
    b.close()
    rep = _verify(tmp_path, signer)
    assert rep.ok, rep.problems
    assert rep.records == 50 and rep.signed_size == 50
