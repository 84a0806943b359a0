"""Verifiable audit log: typed records in an RFC 9162 Merkle tree with signed checkpoints.

>>> audit = open_audit(AuditConfig(), Settings())      # doctest: +SKIP
>>> audit.record("admin.key_rotation", target="master-key", count=3)   # doctest: +SKIP
"""

from __future__ import annotations

from .checkpoint import Checkpoint, Signer
from .config import AuditConfig, open_audit, open_store
from .log import AuditLog, AuditSink, NullAudit
from .records import SCHEMAS, check_record
from .store import AuditStore, RedisAuditStore, SQLiteAuditStore
from .verify import VerifyReport, check_proof, consistency_proof, inclusion_proof, verify_log

__all__ = [
    "SCHEMAS",
    "AuditConfig",
    "AuditLog",
    "AuditSink",
    "AuditStore",
    "Checkpoint",
    "NullAudit",
    "RedisAuditStore",
    "SQLiteAuditStore",
    "Signer",
    "VerifyReport",
    "check_proof",
    "check_record",
    "consistency_proof",
    "inclusion_proof",
    "open_audit",
    "open_store",
    "verify_log",
]
