"""Signed checkpoints: (log, size, root, time) signed with the gateway's Ed25519 audit key.

A checkpoint is self-contained: a witness holding two of them and the public key can check a
consistency proof between them without access to the log. The signed bytes are a short text
in the spirit of transparency-log checkpoints, so no JSON canonicalisation is needed::

    veil-audit-checkpoint/v1
    <log name>
    <tree size>
    <base64 root>
    <unix time, integer milliseconds>

The private key lives beside the vault (``<home>/audit-signing.key``, mode 0600, raw 32-byte
Ed25519 seed); ``VEIL_AUDIT_SIGNING_KEY`` (base64 of the seed) overrides it so replicas writing
one log can share a key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from veil.errors import AuditError, ConfigError
from veil.vault.files import create_once, private_dir

HEADER = "veil-audit-checkpoint/v1"
KEY_ENV = "VEIL_AUDIT_SIGNING_KEY"


@dataclass(frozen=True)
class Checkpoint:
    log: str
    size: int
    root: bytes
    timestamp_ms: int
    key_id: str
    signature: bytes

    def signed_bytes(self) -> bytes:
        return signed_message(self.log, self.size, self.root, self.timestamp_ms)

    def verify(self, public_key: bytes) -> bool:
        """Whether the signature holds under ``public_key`` (raw 32 bytes)."""
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(
                self.signature, self.signed_bytes()
            )
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["root"] = self.root.hex()
        d["signature"] = base64.b64encode(self.signature).decode()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Checkpoint:
        try:
            return cls(
                log=str(d["log"]),
                size=int(d["size"]),
                root=bytes.fromhex(d["root"]),
                timestamp_ms=int(d["timestamp_ms"]),
                key_id=str(d["key_id"]),
                signature=base64.b64decode(d["signature"], validate=True),
            )
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise AuditError(
                "not a Veil audit checkpoint: expected log, size, root (hex), timestamp_ms, "
                "key_id and signature (base64)"
            ) from None


def signed_message(log: str, size: int, root: bytes, timestamp_ms: int) -> bytes:
    root_b64 = base64.b64encode(root).decode()
    return f"{HEADER}\n{log}\n{size}\n{root_b64}\n{timestamp_ms}\n".encode()


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(b"veil-audit-key\x00" + public_key).hexdigest()[:16]


class Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.key_id = key_id(self.public_key)

    def sign(self, log: str, size: int, root: bytes, timestamp_ms: int) -> Checkpoint:
        sig = self._key.sign(signed_message(log, size, root, timestamp_ms))
        return Checkpoint(log, size, root, timestamp_ms, self.key_id, sig)

    @classmethod
    def generate(cls) -> Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_env(cls) -> Signer | None:
        """The key in ``VEIL_AUDIT_SIGNING_KEY``, if set."""
        env = os.environ.get(KEY_ENV)
        if not env:
            return None
        try:
            seed = base64.b64decode(env.strip(), validate=True)
        except binascii.Error:
            seed = b""
        if len(seed) != 32:
            raise ConfigError(f"{KEY_ENV} must be base64 of a 32-byte Ed25519 seed")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def load(cls, path: Path) -> Signer:
        """The key in the existing file ``path`` (raw 32-byte seed)."""
        seed = path.read_bytes()
        if len(seed) != 32:
            raise ConfigError(
                f"audit signing key {path} is not a 32-byte Ed25519 seed; restore it from backup "
                "(a new key would not verify the existing checkpoints)"
            )
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def load_or_create(cls, path: Path) -> Signer:
        """The key from ``VEIL_AUDIT_SIGNING_KEY`` or ``path`` (created 0600 when missing)."""
        signer = cls.from_env()
        if signer is not None:
            return signer
        if not path.exists():
            private_dir(path.parent, tighten=False)
            seed = os.urandom(32)
            # Atomic: replicas starting at once on one home sign with the same key, and a
            # crash never leaves an empty file behind.
            if create_once(path, seed):
                return cls(Ed25519PrivateKey.from_private_bytes(seed))
        return cls.load(path)


def public_key_from_file(path: Path) -> bytes:
    """A public key file as ``veil audit public-key`` writes it (hex, base64 or PEM), or the
    32-byte private seed file itself."""
    raw = path.read_bytes()
    if len(raw) == 32:
        seed = Ed25519PrivateKey.from_private_bytes(raw)
        return seed.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    text = raw.decode("ascii", "replace").strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(raw)
        if not isinstance(key, Ed25519PublicKey):
            raise AuditError(f"{path} is not an Ed25519 public key")
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for decode in (bytes.fromhex, lambda s: base64.b64decode(s, validate=True)):
        try:
            out = decode(text)
        except (ValueError, binascii.Error):
            continue
        if len(out) == 32:
            return out
    raise AuditError(f"{path}: expected a raw Ed25519 public key in hex, base64 or PEM")


def load_checkpoint_file(path: Path) -> Checkpoint:
    try:
        return Checkpoint.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        raise AuditError(f"cannot read checkpoint file {path} (JSON expected)") from None


__all__ = [
    "HEADER",
    "KEY_ENV",
    "Checkpoint",
    "Signer",
    "key_id",
    "load_checkpoint_file",
    "public_key_from_file",
    "signed_message",
]
