"""What a TD quote's REPORTDATA binds: the verifier's nonce and the gateway's identity.

REPORTDATA (64 bytes, signed inside the quote) is SHA-512 over a canonical, length-prefixed
encoding of:

- the verifier's nonce (freshness: a replayed quote carries someone else's nonce);
- the audit log's Ed25519 checkpoint-signing public key (checkpoints come from this TD);
- SHA-256 of the TLS certificate the gateway serves (the channel ends inside this TD);
- the tenant's policy digest (which masking rules apply);
- the code digest: SHA-256 over the installed ``veil`` package files (what runs).

Each part is prefixed by its 4-byte length so no two different bindings encode alike.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from veil.errors import AttestationError

DOMAIN = b"veil-attestation-v1"
NONCE_MIN_BYTES, NONCE_MAX_BYTES = 16, 64
_HEX = re.compile(r"^(?:[0-9a-f]{2})*$")


def _lp(b: bytes) -> bytes:
    return len(b).to_bytes(4, "big") + b


def _hex(name: str, v: object) -> bytes:
    if not isinstance(v, str) or not _HEX.match(v):
        raise AttestationError(f"evidence binding field {name!r} must be lower-case hex")
    return bytes.fromhex(v)


def parse_nonce(value: str) -> bytes:
    """A hex nonce of 16..64 bytes (the verifier's randomness; shorter is guessable)."""
    v = value.strip().lower()
    if not _HEX.match(v) or not NONCE_MIN_BYTES <= len(v) // 2 <= NONCE_MAX_BYTES:
        raise AttestationError(
            f"nonce must be {NONCE_MIN_BYTES}-{NONCE_MAX_BYTES} random bytes as hex "
            f"({2 * NONCE_MIN_BYTES}-{2 * NONCE_MAX_BYTES} hex characters)"
        )
    return bytes.fromhex(v)


@dataclass(frozen=True, slots=True)
class Binding:
    """The values REPORTDATA commits to (all hex; empty string: not configured)."""

    nonce: str
    audit_key: str
    tls_cert_sha256: str
    policy_digest: str
    code_digest: str

    def report_data(self) -> bytes:
        parts = (
            _hex("nonce", self.nonce),
            _hex("audit_key", self.audit_key),
            _hex("tls_cert_sha256", self.tls_cert_sha256),
            _hex("policy_digest", self.policy_digest),
            _hex("code_digest", self.code_digest),
        )
        return hashlib.sha512(DOMAIN + b"".join(_lp(p) for p in parts)).digest()

    def to_json(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Binding:
        if not isinstance(data, dict) or set(data) != set(cls.__slots__):
            raise AttestationError(
                f"evidence binding must have exactly the fields {', '.join(cls.__slots__)}"
            )
        b = cls(**{k: str(data[k]) for k in cls.__slots__})
        b.report_data()  # validates every field
        return b


def code_digest_of(root: Path) -> str:
    """SHA-256 over (relative path, SHA-256 of content) of every file under ``root``, sorted;
    caches (``__pycache__``, ``*.pyc``) left out: they differ between identical installs."""
    h = hashlib.sha256(b"veil-code-v1")
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    for p in files:
        rel = p.relative_to(root).as_posix().encode()
        h.update(_lp(rel) + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=1)
def installed_code_digest() -> str:
    """The code digest of the ``veil`` package this process imported (computed once)."""
    import veil

    return code_digest_of(Path(veil.__file__).parent)


__all__ = [
    "DOMAIN",
    "Binding",
    "code_digest_of",
    "installed_code_digest",
    "parse_nonce",
]
