"""Checking a log against its signed checkpoints, and proofs that work without the log.

:func:`verify_log` recomputes every leaf hash from the stored record, the tree root at every
checkpoint and each checkpoint's signature. What it catches, and how:

* modified record   its bytes no longer hash to the stored hash, or the root under a
                    checkpoint changes (when the stored hash was rewritten too)
* deleted record    a gap in the indexes, or the root changes
* reordered records the index inside each leaf no longer matches its position
* truncated log     a checkpoint (or the head / witness checkpoint seen earlier) covers more
                    records than the log holds
* forged checkpoint its signature fails under the trusted public key(s)
* rollback          the newest checkpoint is older than the head / witness checkpoint

Proof documents (:func:`inclusion_proof`, :func:`consistency_proof`) carry the signed
checkpoints they refer to; :func:`check_proof` needs only the document and the public key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from veil.errors import AuditError

from .checkpoint import Checkpoint
from .merkle import (
    Frontier,
    consistency_path,
    inclusion_path,
    leaf_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)
from .store import AuditStore

INCLUSION = "veil-audit-inclusion/v1"
CONSISTENCY = "veil-audit-consistency/v1"
_MAX_PROBLEMS = 20


@dataclass
class VerifyReport:
    records: int = 0
    checkpoints: int = 0
    signed_size: int = 0  # records under the newest valid checkpoint
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, text: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(text)
        elif len(self.problems) == _MAX_PROBLEMS:
            self.problems.append("... more problems not shown")

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "checkpoints": self.checkpoints,
            "signed_size": self.signed_size,
            "unsigned_tail": max(0, self.records - self.signed_size),
            "problems": self.problems,
            "notes": self.notes,
        }


def _signature_ok(cp: Checkpoint, keys: list[bytes]) -> bool:
    return any(cp.verify(k) for k in keys)


def verify_log(
    store: AuditStore,
    public_keys: list[bytes],
    *,
    trusted: list[Checkpoint] | None = None,
) -> VerifyReport:
    """Check ``store`` completely. ``trusted``: checkpoints seen earlier (head file, a
    witness's copy); the log must still contain them."""
    rep = VerifyReport()
    if not public_keys:
        raise AuditError("no public key to verify checkpoints with; pass --public-key")
    rows = store.rows()
    rep.records = len(rows)
    hashes: list[bytes] = []
    misplaced: list[tuple[int, int]] = []
    for pos, (idx, leaf, stored) in enumerate(rows):
        h = leaf_hash(leaf)
        hashes.append(h)
        if idx != pos:
            misplaced.append((pos, idx))
            continue
        try:
            claimed = json.loads(leaf).get("i")
        except (ValueError, AttributeError):
            claimed = None
        if claimed != idx:
            rep.problem(f"record {idx} is not the record written at that position (reordered)")
        if h != stored:
            rep.problem(f"record {idx} was modified: its content does not match its hash")

    if misplaced:
        pos, idx = misplaced[0]
        rep.problem(
            f"record at position {pos} has index {idx}: records were deleted or inserted "
            f"({len(misplaced)} record(s) out of place)"
        )
    cps = store.checkpoints()
    rep.checkpoints = len(cps)
    frontier = Frontier()
    valid: list[Checkpoint] = []
    for cp in cps:
        if cp.log != store.log:
            rep.problem(f"checkpoint at size {cp.size} belongs to log {cp.log!r}")
            continue
        if not _signature_ok(cp, public_keys):
            rep.problem(
                f"checkpoint at size {cp.size}: bad signature (forged, or signed by a key "
                "you did not pass)"
            )
            continue
        if cp.size > len(hashes):
            rep.problem(
                f"log truncated: it holds {len(hashes)} records but a checkpoint was signed "
                f"at {cp.size}"
            )
            continue
        while frontier.size < cp.size:
            frontier.append(hashes[frontier.size])
        if frontier.root() != cp.root:
            rep.problem(
                f"records before {cp.size} do not match the checkpoint signed at that size "
                "(modified, deleted, inserted or reordered)"
            )
            continue
        valid.append(cp)
    rep.signed_size = max((cp.size for cp in valid), default=0)

    for t in trusted or []:
        if not _signature_ok(t, public_keys):
            rep.problem(f"the trusted checkpoint at size {t.size} has a bad signature")
            continue
        if t.size > len(hashes):
            rep.problem(
                f"rolled back or truncated: a checkpoint seen earlier covered {t.size} records, "
                f"the log holds {len(hashes)}"
            )
            continue
        if root_of(hashes[: t.size]) != t.root:
            rep.problem(
                f"the log's first {t.size} records differ from the checkpoint seen earlier "
                "(history rewritten)"
            )
        if rep.signed_size < t.size:
            rep.problem(
                f"rolled back: the newest valid checkpoint covers {rep.signed_size} records, "
                f"one seen earlier covered {t.size}"
            )
    tail = rep.records - rep.signed_size
    if rep.records and not valid:
        rep.notes.append("no valid checkpoint yet: nothing here is signed")
    elif tail > 0:
        rep.notes.append(
            f"{tail} record(s) after the newest checkpoint are not signed yet (the next "
            "checkpoint covers them; a crash before it may lose them)"
        )
    return rep


def _checkpoint_for(store: AuditStore, size: int | None, covering: int = 0) -> Checkpoint:
    cps = store.checkpoints()
    if size is None:
        found = [cp for cp in cps if cp.size > covering]
        if not found:
            raise AuditError(
                f"no checkpoint covers record {covering} yet; run `veil audit checkpoint` "
                "(or wait for the gateway's next one)"
            )
        return found[-1]
    for cp in cps:
        if cp.size == size:
            return cp
    sizes = ", ".join(str(cp.size) for cp in cps[-10:]) or "none"
    raise AuditError(f"no checkpoint at size {size}; latest sizes: {sizes}")


def inclusion_proof(store: AuditStore, index: int, size: int | None = None) -> dict[str, Any]:
    """Record ``index`` with its audit path to a signed checkpoint (the newest by default)."""
    cp = _checkpoint_for(store, size, covering=index)
    if index >= cp.size or index < 0:
        raise AuditError(f"record {index} is not under the checkpoint at size {cp.size}")
    hashes = [leaf_hash(leaf) for _, leaf, _ in store.rows(0, cp.size)]
    if len(hashes) != cp.size:
        raise AuditError("the log is shorter than its checkpoint; run `veil audit verify`")
    ((_, leaf, _),) = store.rows(index, index + 1)
    return {
        "type": INCLUSION,
        "index": index,
        "record": leaf.decode("ascii"),
        "leaf_hash": leaf_hash(leaf).hex(),
        "tree_size": cp.size,
        "path": [h.hex() for h in inclusion_path(hashes, index)],
        "checkpoint": cp.to_json(),
    }


def consistency_proof(store: AuditStore, old: Checkpoint, new: Checkpoint) -> dict[str, Any]:
    """Proof that ``new`` extends ``old`` (both signed checkpoints of this log)."""
    if old.size > new.size:
        old, new = new, old
    hashes = store.leaf_hashes(0, new.size)
    if len(hashes) != new.size:
        raise AuditError("the log is shorter than the newer checkpoint; run `veil audit verify`")
    path = consistency_path(hashes, old.size) if old.size else []
    return {
        "type": CONSISTENCY,
        "old": old.to_json(),
        "new": new.to_json(),
        "path": [h.hex() for h in path],
    }


def checkpoint_at(store: AuditStore, size: int) -> Checkpoint:
    return _checkpoint_for(store, size)


def check_proof(doc: dict[str, Any], public_keys: list[bytes]) -> tuple[bool, str]:
    """(valid, explanation) for an inclusion or consistency proof document, offline."""
    try:
        kind = doc.get("type")
        path = [bytes.fromhex(h) for h in doc["path"]]
        if kind == INCLUSION:
            cp = Checkpoint.from_json(doc["checkpoint"])
            if not _signature_ok(cp, public_keys):
                return False, "the checkpoint's signature does not verify under the public key"
            record = str(doc["record"]).encode("ascii")
            index, size = int(doc["index"]), int(doc["tree_size"])
            if size != cp.size:
                return False, "the proof's tree size is not the checkpoint's"
            if json.loads(record).get("i") != index:
                return False, "the record's own index differs from the proof's index"
            if not verify_inclusion(leaf_hash(record), index, size, path, cp.root):
                return False, f"record {index} is NOT in the log signed at size {size}"
            return True, f"record {index} is in the log {cp.log!r} signed at size {size}"
        if kind == CONSISTENCY:
            old = Checkpoint.from_json(doc["old"])
            new = Checkpoint.from_json(doc["new"])
            for cp in (old, new):
                if not _signature_ok(cp, public_keys):
                    return False, f"the checkpoint at size {cp.size} has a bad signature"
            if old.log != new.log:
                return False, "the checkpoints belong to different logs"
            if old.size == 0:
                return True, "an empty log is a prefix of every log"
            if not verify_consistency(old.size, new.size, path, old.root, new.root):
                return False, (
                    f"the log signed at size {new.size} does NOT extend the one signed at "
                    f"{old.size}: history was rewritten"
                )
            return True, f"the log signed at size {new.size} extends the one at {old.size}"
    except (KeyError, TypeError, ValueError, AuditError):
        return False, "malformed proof document"
    return False, f"unknown proof type {doc.get('type')!r}"


__all__ = [
    "CONSISTENCY",
    "INCLUSION",
    "VerifyReport",
    "check_proof",
    "checkpoint_at",
    "consistency_proof",
    "inclusion_proof",
    "verify_log",
]
