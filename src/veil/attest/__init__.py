"""TEE attestation: TD quotes through configfs-tsm, and their verification.

The gateway answers ``GET /v1/attestation?nonce=...`` with evidence whose REPORTDATA binds the
nonce, the audit checkpoint key, the TLS certificate, the policy digest and the code digest
(:mod:`.binding`). A verifier (``veil attest verify``, or :func:`attested_http_client`, which
refuses to send a prompt otherwise) checks it with dcap-qvl (:mod:`.verify`).
"""

from __future__ import annotations

from .binding import Binding, code_digest_of, installed_code_digest, parse_nonce
from .client import AttestingTransport, attested_http_client
from .evidence import collect_evidence
from .tsm import TsmReport
from .verify import (
    Expected,
    VerificationReport,
    fetch_collateral,
    load_collateral,
    verify_evidence,
)

__all__ = [
    "AttestingTransport",
    "Binding",
    "Expected",
    "TsmReport",
    "VerificationReport",
    "attested_http_client",
    "code_digest_of",
    "collect_evidence",
    "fetch_collateral",
    "installed_code_digest",
    "load_collateral",
    "parse_nonce",
    "verify_evidence",
]
