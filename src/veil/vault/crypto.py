"""Keys and ciphers of the vault.

Key hierarchy::

    master key (32 bytes; VEIL_MASTER_KEY or <home>/master.key, mode 0600)
      ├── wraps, per tenant, a 32-byte tenant secret (AES-256-GCM, associated data = tenant)
      │     ├── HKDF "enc" -> AES-256-GCM key for entries until the first data-key rotation
      │     └── HKDF "mac" -> HMAC-SHA256 key for lookups, fingerprints and session ids
      └── wraps, per tenant, rotated data keys dk1, dk2, ... (``veil vault rotate-tenant-key``);
            the newest seals new entries (associated data = tenant id + session id)

Nothing that reveals an original is stored in clear: entries are sealed, and lookups use HMACs
of normalised values, keyed per tenant, so equal values in two tenants never produce equal rows.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from veil.config import Settings
from veil.detect.normalize import normalize_text as normalize_text  # re-exported
from veil.errors import VaultKeyError, VaultUnavailableError
from veil.vault.files import create_once, lock_exclusive, private_dir, tighten_file

KEY_BYTES = 32
NONCE_BYTES = 12
_FORMAT = b"veil-vault-v1"


def _key_bytes(value: str | bytes) -> bytes | None:
    """The 32 bytes a base64 key encodes, or None if it is not exactly that."""
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def decode_master_key(value: str, *, name: str = "VEIL_MASTER_KEY") -> bytes:
    """The 32 key bytes of a base64 master key; anything else raises :class:`VaultKeyError`."""
    key = _key_bytes(value.strip())
    if key is None:
        raise VaultKeyError(
            f"{name} is malformed: it must be the base64 encoding of exactly 32 "
            "random bytes (e.g. `python -c \"import os,base64;"
            "print(base64.b64encode(os.urandom(32)).decode())\"`)"
        )
    return key


def key_file_path(settings: Settings) -> Path:
    return Path(settings.home) / "master.key"


def custody_mode(settings: Settings) -> bool:
    """Whether the master key is split among custodians (``<home>/custody.json`` exists)."""
    return settings.master_key is None and (Path(settings.home) / "custody.json").exists()


def load_master_key(settings: Settings) -> bytes:
    """Return the 32-byte master key: from settings; else, under split custody, the key this
    process unsealed (sealed: :class:`~veil.errors.VaultSealedError`, never a fresh key);
    else from (or created in) ``<home>``."""
    if settings.master_key is not None:
        return decode_master_key(settings.master_key)
    if custody_mode(settings):
        from veil.vault.custody import custody_path, unsealed_key

        return unsealed_key(custody_path(Path(settings.home)))
    return _key_file(key_file_path(settings))


def replace_key_file(path: Path, key: bytes) -> None:
    """Atomically replace the key file (mode 0600) after a rotation."""
    commit_key_file(stage_key_file(path, key), path)


def staged_key_path(path: Path) -> Path:
    """Where a rotation writes the new key before it re-wraps anything (``master.tmp``)."""
    return path.with_suffix(".tmp")


def stage_key_file(path: Path, key: bytes) -> Path:
    """Write ``key`` to a new private file beside the key file (synced) and return its path; a
    home where it cannot be written raises :class:`VaultUnavailableError` before a rotation
    changes anything. The file is created, never reused: a leftover of another mode or a link
    planted under its name would otherwise receive the key (its mode kept, or the key written
    wherever the link points)."""
    tmp = staged_key_path(path)
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        created = True
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64encode(key) + b"\n")
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        if created:  # never a half-written key left behind, and nothing of another's removed
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise VaultUnavailableError(
            f"cannot write the new vault key file {tmp} ({e.strerror}); make its directory "
            "writable and remove anything else by that name, or set VEIL_MASTER_KEY and rotate "
            "with VEIL_NEW_MASTER_KEY; nothing was rotated"
        ) from None
    return tmp


def read_staged_key(tmp: Path) -> bytes | None:
    """The key a rotation staged in ``tmp``, or None if it is not one whole key (the rotation
    was killed while writing it, or the file is not a regular file of its own)."""
    try:
        fd = os.open(tmp, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            raw = f.read(256).strip()
    except OSError:  # a directory by that name
        return None
    return _key_bytes(raw)


def commit_key_file(staged: Path, path: Path) -> None:
    """Move a :func:`stage_key_file` file over the key file (atomic), and make the move
    durable: a crash after the rotation must not bring the old file back."""
    os.replace(staged, path)
    with contextlib.suppress(OSError):  # not every file system syncs a directory
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def rotation_lock(path: Path, *, timeout_s: float) -> Iterator[bool]:
    """Hold ``<home>/master.lock`` (True), or find it held by another process for
    ``timeout_s`` seconds (False; 0: do not wait): one master-key rotation at a time per key
    file, and an interrupted one is settled only when no rotation is running. An ``flock``:
    the system lets go of it when its holder dies, however it dies."""
    lock = path.with_suffix(".lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    except OSError as e:
        raise VaultUnavailableError(
            f"cannot open the vault's rotation lock {lock} ({e.strerror}); check that VEIL_HOME "
            "is writable"
        ) from None
    try:
        yield lock_exclusive(fd, time.monotonic() + timeout_s)
    finally:
        os.close(fd)  # releases the lock


#: never follow a link where a key file is expected (0 where the platform has no such flag)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _key_file(path: Path) -> bytes:
    try:
        private_dir(path.parent)
        if not path.exists():
            # two processes starting at once agree on the first key, never a half-written one
            create_once(path, base64.b64encode(secrets.token_bytes(KEY_BYTES)) + b"\n")
        raw = path.read_bytes().strip()
        for _ in range(50):  # only while a writer without hard links is mid-write
            if raw:
                break
            time.sleep(0.02)
            raw = path.read_bytes().strip()
        loose = path.stat().st_mode & 0o077
        if loose:  # tightened like the database (docs/vault.md, "Files"); warned below
            tighten_file(path)
        mode = path.stat().st_mode & 0o077
    except OSError as e:
        raise VaultUnavailableError(
            f"cannot create or read the vault key file {path} ({e.strerror}); check that "
            "VEIL_HOME is writable, or set VEIL_MASTER_KEY"
        ) from None
    if mode:  # another user's file: only its owner can tighten it
        warnings.warn(
            f"vault key file {path} is readable by other users; run `chmod 600 {path}`",
            stacklevel=3,
        )
    elif loose:
        warnings.warn(
            f"vault key file {path} was readable by other users and is now mode 0600 "
            "(chmod 600); if anyone else may have read it, run `veil vault rotate-master-key`",
            stacklevel=3,
        )
    key = _key_bytes(raw)
    if key is None:
        raise VaultKeyError(
            f"vault key file {path} is corrupt (expected base64 of 32 bytes); restore it from "
            "backup or set VEIL_MASTER_KEY"
        )
    return key


#: Key-id infixes: ``<tid>/dk<N>`` is data key N of a tenant; ``<id>#prev`` is the wrapping of
#: key ``<id>`` under the previous master key, kept while a master-key rotation is under way.
DATA_KEY = "/dk"
PREVIOUS = "#prev"


def data_key_version(tid: str, kid: str) -> int | None:
    """N if ``kid`` is ``<tid>/dk<N>``, else None."""
    prefix = tid + DATA_KEY
    if kid.startswith(prefix) and kid[len(prefix) :].isdigit():
        return int(kid[len(prefix) :])
    return None


@functools.lru_cache(maxsize=1024)  # three hashes per request of a handful of tenants
def tenant_id(tenant: str) -> str:
    """Stable, non-secret row id of a tenant (keeps tenant names out of keys and file names)."""
    return hashlib.sha256(b"veil-tenant|" + tenant.encode()).hexdigest()[:32]


def _aad(*parts: str) -> bytes:
    # Length-prefixed so ("ab", "c") and ("a", "bc") never share associated data.
    out = bytearray(_FORMAT)
    for p in parts:
        b = p.encode()
        out += len(b).to_bytes(4, "big") + b
    return bytes(out)


def wrap_tenant_secret(master: bytes, tid: str, secret: bytes) -> bytes:
    """Seal a tenant secret under the master key, bound to the tenant id (see tenant_id)."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(master).encrypt(nonce, secret, _aad("tenant", tid))


def unwrap_tenant_secret(master: bytes, tid: str, wrapped: bytes) -> bytes:
    try:
        return AESGCM(master).decrypt(
            wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], _aad("tenant", tid)
        )
    except (InvalidTag, ValueError):
        raise VaultKeyError(
            "the master key does not unwrap this tenant's vault key: VEIL_MASTER_KEY (or "
            "<home>/master.key) differs from the one the vault was created with; use the "
            "original key, or point VEIL_VAULT_PATH/VEIL_REDIS_URL at a fresh vault"
        ) from None


def _record_json(record: dict[str, Any]) -> bytes:
    """Compact JSON of an entry's record, by orjson (0.14 against 2.9 us per record); what
    it refuses (a lone surrogate, which a JSON-escaped prompt can carry) by the standard
    encoder. Either is read back by ``json.loads``."""
    try:
        return orjson.dumps(record)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(record, separators=(",", ":")).encode()


def _record_of(data: bytes) -> dict[str, Any]:
    """An entry's record from its JSON, by orjson (a long session's first read parses every
    record: 0.6 against 2.5 us each); what it refuses (a lone surrogate's escape) by the
    standard parser, which reads everything :func:`_record_json` writes."""
    try:
        rec: dict[str, Any] = orjson.loads(data)
    except orjson.JSONDecodeError:
        rec = json.loads(data.decode())
    return rec


#: the heads of :class:`TenantKeys`' digests of one part
_SESSION, _VALUE, _REPLACEMENT = ("session",), ("value",), ("replacement",)
#: session ids, and placeholders' digests, that one tenant's keys remember (about 300 bytes
#: each, per tenant)
_MAX_SESSIONS = _MAX_PLACEHOLDERS = 256
#: a placeholder as the placeholder operator writes it ("[EMAIL_ADDRESS_2]",
#: "[PERSON_1_FIRST]"): a type and numbers, nothing of a value
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9_]*_\d+(?:_[A-Z]+\d*)?\]")
#: SHA-256's block size: HMAC pads its key to one block
_BLOCK = 64
#: (kind, entity type) heads whose hashed blocks one key keeps: the kinds are fixed and the
#: types are the registry's, so this bounds a policy with unusually many custom types
_MAX_HEADS = 256


class _Hmac:
    """HMAC-SHA256 under one key (RFC 2104), equal to ``hmac.new(key, msg, sha256)``, for
    messages made by :func:`_aad` of a fixed head and one last part.

    The key's two padded blocks are hashed once, and the head ("lookup" and an entity type,
    "value", ...) once per head, so a call hashes only its own value: 0.55 against 1.27 us
    per digest, about six of them per new vault entry. The heads hold kinds and entity types
    only, never a value.
    """

    __slots__ = ("_heads", "_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(key.translate(hmac.trans_36))
        self._outer = hashlib.sha256(key.translate(hmac.trans_5C))
        self._heads: dict[tuple[str, ...], Any] = {}

    def digest(self, head: tuple[str, ...], last: str) -> bytes:
        inner = self._heads.get(head)
        if inner is None:
            inner = self._inner.copy()
            inner.update(_aad(*head))
            if len(self._heads) < _MAX_HEADS:
                self._heads[head] = inner
        inner = inner.copy()
        b = last.encode()
        inner.update(len(b).to_bytes(4, "big") + b)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()


@dataclass(frozen=True, slots=True)
class TenantKeys:
    """The working keys of one tenant: the lookup key and the ring of entry (data) keys.

    ``mac`` (HMAC lookups, fingerprints, session ids, pseudonym seeds) is derived from the
    tenant secret and never changes. ``enc`` seals new entries: the newest rotated data key, or
    the one derived from the secret before any rotation. ``older`` are the earlier data keys,
    newest first; they still open entries written before a rotation reached them.
    """

    enc: AESGCM
    mac: bytes
    older: tuple[AESGCM, ...] = ()
    version: int = 0  # of ``enc``; 0: derived from the tenant secret
    _hmac: _Hmac = field(init=False, repr=False, compare=False)
    #: session name -> its row id: a request asks for it three times (its read, its commit,
    #: the associated data of its records), an HMAC each; bounded by :data:`_MAX_SESSIONS`
    _sessions: dict[str, str] = field(init=False, repr=False, compare=False)
    #: placeholder -> its :meth:`claims`: every session numbers its values from 1, so a
    #: tenant's requests check the same few placeholders, two HMACs each (two of a new
    #: value's five); bounded by :data:`_MAX_PLACEHOLDERS`. A digest depends on the key and the
    #: string alone, so any session may reuse it. Only placeholders: a pseudonym or a
    #: synthetic value may keep something of its original, and is not kept here
    _placeholders: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hmac", _Hmac(self.mac))
        object.__setattr__(self, "_sessions", {})
        object.__setattr__(self, "_placeholders", {})

    @classmethod
    def from_secret(cls, secret: bytes) -> TenantKeys:
        return cls(
            enc=AESGCM(_derive(secret, b"veil entries")), mac=_derive(secret, b"veil lookups")
        )

    def with_data_keys(self, data_keys: dict[int, bytes]) -> TenantKeys:
        """This key set with rotated data keys (version -> 32 raw bytes); the newest seals."""
        if not data_keys:
            return self
        ring = [AESGCM(data_keys[v]) for v in sorted(data_keys, reverse=True)]
        legacy = self.older[-1:] if self.version else (self.enc,)
        return TenantKeys(
            enc=ring[0], mac=self.mac, older=(*ring[1:], *legacy), version=max(data_keys)
        )

    def __repr__(self) -> str:  # never show key material
        return "TenantKeys(<hidden>)"

    def digest(self, *parts: str) -> str:
        return self._hmac.digest(parts[:-1], parts[-1]).hex()

    def session_id(self, session: str) -> str:
        sid = self._sessions.get(session)
        if sid is None:
            sid = self._hmac.digest(_SESSION, session).hex()[:40]
            if len(self._sessions) >= _MAX_SESSIONS:
                self._sessions.clear()  # a new set of sessions: start over
            self._sessions[session] = sid
        return sid

    def lookup(self, entity_type: str, key: str) -> str:
        return self._hmac.digest(("lookup", entity_type), key).hex()

    def fingerprint(self, value: str) -> str:
        """Type-independent: used to keep a replacement from equalling any original."""
        return self._hmac.digest(_VALUE, normalize_text(value)).hex()

    def replacement(self, value: str) -> str:
        return self._hmac.digest(_REPLACEMENT, normalize_text(value)).hex()

    def claims(self, value: str) -> tuple[str, str]:
        """(:meth:`replacement`, :meth:`fingerprint`) of ``value``, normalised once: what a
        candidate replacement is checked by."""
        known = self._placeholders.get(value)
        if known is not None:
            return known
        v = normalize_text(value)
        out = self._hmac.digest(_REPLACEMENT, v).hex(), self._hmac.digest(_VALUE, v).hex()
        if _PLACEHOLDER.fullmatch(value):
            if len(self._placeholders) >= _MAX_PLACEHOLDERS:
                self._placeholders.clear()
            self._placeholders[value] = out
        return out

    def seed(self, entity_type: str, key: str) -> bytes:
        """Per-tenant secret seed for pseudonyms: stable per value, unguessable without the key."""
        return self._hmac.digest(("seed", entity_type), key)

    def _entry_aad(self, tenant: str, session: str) -> bytes:
        # Bound to the stored row ids (tenant id, session id), not the session's name, so a key
        # rotation can re-encrypt entries without knowing which conversation they belong to.
        return _aad("entry-v2", tenant_id(tenant), self.session_id(session))

    def seal(self, tenant: str, session: str, record: dict[str, Any]) -> bytes:
        return self.seal_many(tenant, session, [record])[0]

    def seal_many(self, tenant: str, session: str, records: list[dict[str, Any]]) -> list[bytes]:
        """:meth:`seal` of each record (the session's associated data computed once)."""
        aad = self._entry_aad(tenant, session)
        # one system call for every nonce (each call lets go of the GIL, and a busy gateway's
        # threads then wait to get it back); random 96-bit nonces, as before
        nonces = secrets.token_bytes(NONCE_BYTES * len(records))
        out = []
        for k, record in enumerate(records):
            nonce = nonces[k * NONCE_BYTES : (k + 1) * NONCE_BYTES]
            out.append(nonce + self.enc.encrypt(nonce, _record_json(record), aad))
        return out

    def open(self, tenant: str, session: str, blob: bytes) -> dict[str, Any]:
        return self.open_many(tenant, session, [blob])[0]

    def open_many(self, tenant: str, session: str, blobs: list[bytes]) -> list[dict[str, Any]]:
        # Entries written before rows were bound to ids carry the session name instead.
        aads = (self._entry_aad(tenant, session), _aad("entry", tenant, session))
        return [_record_of(self._decrypt(blob, aads)) for blob in blobs]

    def _decrypt(self, blob: bytes, aads: tuple[bytes, ...]) -> bytes:
        for key in (self.enc, *self.older):
            for aad in aads:
                try:
                    return key.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
                except (InvalidTag, ValueError):
                    continue
        raise VaultKeyError(
            "a vault entry failed authentication (tampered with, moved between sessions or "
            "tenants, or sealed by a data key this process does not have); delete the session "
            "or restore the vault from backup"
        )

    def reseal_row(self, tid: str, sid: str, blob: bytes) -> bytes | None:
        """``blob`` (a stored entry of row ids ``tid``/``sid``) re-encrypted under ``enc``;
        None if it is already, or if it predates id-bound entries (its session name is needed
        to open it; it stays readable under the older key until its session expires)."""
        aad = _aad("entry-v2", tid, sid)
        for i, key in enumerate((self.enc, *self.older)):
            try:
                data = key.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
            except (InvalidTag, ValueError):
                continue
            if i == 0:
                return None
            nonce = secrets.token_bytes(NONCE_BYTES)
            return nonce + self.enc.encrypt(nonce, data, aad)
        return None


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(secret)


def new_tenant_secret() -> bytes:
    return secrets.token_bytes(KEY_BYTES)
