"""The Audit page's view of the gateway's audit log (``state.audit``, :mod:`veil.audit`).

Everything is read through the log's public parts: its store (records, leaf hashes, signed
checkpoints), its signing key, and the Merkle functions of :mod:`veil.audit.merkle`. The page
shows records, whether the newest signed checkpoint covers the stored log (signature and root),
and an RFC 9162 inclusion proof for a chosen record, checked against that checkpoint. Records
hold ids and counts only (the log's schema refuses text), so nothing here can show a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from veil.gateway.state import GatewayState

MAX_SHOWN = 500


@dataclass
class AuditRecordView:
    index: int
    time: str
    kind: str
    tenant: str
    fields: dict[str, Any]


@dataclass
class Verification:
    ok: bool | None  # None: nothing to verify yet
    message: str
    size: int = 0
    checkpoint_size: int = 0
    root: str = ""


@dataclass
class ProofView:
    index: int
    tree_size: int
    leaf_hash: str
    path: list[str] = field(default_factory=list)
    root: str = ""
    ok: bool = False
    message: str = ""


def _store(state: GatewayState) -> Any:
    audit = getattr(state, "audit", None)
    if audit is None or not getattr(audit, "enabled", False):
        return None
    return getattr(audit, "store", None)


def available(state: GatewayState) -> str | None:
    """None when the page can show a log, else the reason it cannot (shown on the page)."""
    if not hasattr(state, "audit"):
        return "this gateway build has no audit log"
    if _store(state) is None:
        return ("no audit store is configured: the gateway records nothing (see docs/audit.md "
                "to turn the log on)")
    return None


def records(
    state: GatewayState, *, kind: str = "", tenant: str = "", limit: int = 100
) -> tuple[list[AuditRecordView], int]:
    """The newest records matching the filters (newest first) and the log size."""
    from veil.audit.records import decode_leaf

    store = _store(state)
    if store is None:
        return [], 0
    flush = getattr(state.audit, "flush", None)
    if flush is not None:
        flush(2.0)
    size = int(store.size())
    start = max(0, size - 5000)
    out: list[AuditRecordView] = []
    for index, leaf, _hash in reversed(store.rows(start, size)):
        doc = decode_leaf(leaf if isinstance(leaf, bytes) else str(leaf).encode())
        k, f = str(doc.get("kind", "")), dict(doc.get("f", {}))
        if kind and not (k == kind or (kind.endswith(".") and k.startswith(kind))):
            continue
        if tenant and f.get("tenant") != tenant:
            continue
        ts = datetime.fromtimestamp(float(doc.get("ts", 0)), UTC).strftime("%Y-%m-%d %H:%M:%S")
        out.append(AuditRecordView(int(index), ts, k, str(f.get("tenant", "")), f))
        if len(out) >= min(limit, MAX_SHOWN):
            break
    return out, size


def verify(state: GatewayState) -> Verification:
    """The whole log checked against its signed checkpoints (:func:`veil.audit.verify.
    verify_log`: every leaf hash, every root, every signature)."""
    from veil.audit.verify import verify_log

    store = _store(state)
    if store is None:
        return Verification(None, available(state) or "")
    audit: Any = state.audit
    rep = verify_log(store, [audit.signing_public_key()])
    cps = store.checkpoints()
    root = cps[-1].root.hex() if cps else ""
    if not rep.ok:
        return Verification(False, "; ".join(rep.problems), rep.records, rep.signed_size, root)
    if rep.checkpoints == 0:
        return Verification(None, f"{rep.records} records, no signed checkpoint yet",
                            rep.records)
    tail = rep.records - rep.signed_size
    msg = f"intact: {rep.signed_size} records under {rep.checkpoints} valid signed checkpoints"
    if tail:
        msg += f"; {tail} newer record{'s' if tail != 1 else ''} not yet signed"
    return Verification(True, msg, rep.records, rep.signed_size, root)


def prove(state: GatewayState, index: int) -> ProofView:
    """Record ``index``'s inclusion proof to the newest signed checkpoint, checked as a
    verifier would (:func:`veil.audit.verify.check_proof`: the document and the public key)."""
    from veil.audit.verify import check_proof, inclusion_proof
    from veil.errors import AuditError

    store = _store(state)
    if store is None:
        return ProofView(index, 0, "", message=available(state) or "")
    audit: Any = state.audit
    try:
        doc = inclusion_proof(store, index)
    except AuditError as e:
        return ProofView(index, 0, "", message=str(e))
    ok, why = check_proof(doc, [audit.signing_public_key()])
    return ProofView(index, int(doc["tree_size"]), str(doc["leaf_hash"]), list(doc["path"]),
                     str(doc["checkpoint"]["root"]), ok, why)


__all__ = ["AuditRecordView", "ProofView", "Verification", "available", "prove", "records",
           "verify"]
