"""What Veil keeps of a Responses API answer, so that ``previous_response_id`` and
``GET /v1/responses/{id}`` work: the masked history of the chain (what the upstream saw), the
masked response object, the vault session and the restoration scope -- never an original
(records are not re-sealed when a tenant's data key rotates; the vault's entries are).

A record belongs to the principal (tenant + API key) that created it: a lookup by another
principal finds nothing (the same 404 as an unknown id, so ids cannot be probed). Records are
sealed with the tenant's vault keys (AEAD bound to the tenant and the response id) when the
core has a vault, and expire with the vault's TTL. Storage follows the vault backend: a SQLite
file beside the vault, or the same Redis.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from veil.errors import VaultError
from veil.sqlite_wal import use_wal

if TYPE_CHECKING:
    from veil.vault.base import Vault

    from .privacy import PrivacyCore

Body = dict[str, Any]

#: Keeps a response chain from growing without bound (each record holds the whole chain).
MAX_HISTORY_ITEMS = 2048


@dataclass
class ResponseRecord:
    id: str
    tenant: str
    principal: str
    session: str
    scope: list[str]
    history: list[Body]  # masked items of the chain, this turn's output included
    response: Body  # the masked response object
    upstream_stored: bool = False  # the upstream keeps it too (its own previous_response_id)
    truncated: bool = False  # the chain outgrew MAX_HISTORY_ITEMS: Veil cannot replay all of it
    created: float = field(default_factory=time.time)
    # The request asked for JSON: a read-back writes originals JSON-escaped, as the answer did
    # (restored as plain text, an original with a quote broke the JSON or added keys to it).
    json_output: bool = False
    # Positions in ``history`` of output items of turns that asked for JSON (this one's and
    # the chain's): ``input_items`` lists them escaped as those answers were.
    json_items: list[int] = field(default_factory=list)

    def to_json(self) -> Body:
        return dict(self.__dict__)


class _Blobs(Protocol):
    def put(self, key: str, blob: bytes, ttl: int) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> bool: ...


class _Memory:
    def __init__(self) -> None:
        self._d: dict[str, tuple[bytes, float]] = {}
        self._lock = threading.Lock()

    def put(self, key: str, blob: bytes, ttl: int) -> None:
        with self._lock:
            self._d[key] = (blob, time.time() + ttl)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            got = self._d.get(key)
        return got[0] if got is not None and got[1] > time.time() else None

    def delete(self, key: str) -> bool:
        with self._lock:
            return self._d.pop(key, None) is not None


class _SQLite:
    def __init__(self, path: Any) -> None:
        from veil.vault.files import private_dir, private_file

        private_dir(path.parent, tighten=False)
        private_file(path)
        self._conn = sqlite3.connect(path, timeout=30.0, isolation_level=None,
                                     check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            use_wal(self._conn)
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS responses "
                "(key TEXT PRIMARY KEY, blob BLOB NOT NULL, expires REAL NOT NULL)"
            )

    def put(self, key: str, blob: bytes, ttl: int) -> None:
        now = time.time()
        with self._lock:
            self._conn.execute("DELETE FROM responses WHERE expires < ?", (now,))
            self._conn.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", (key, blob, now + ttl)
            )

    def get(self, key: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT blob FROM responses WHERE key = ? AND expires >= ?", (key, time.time())
            ).fetchone()
        return bytes(row[0]) if row else None

    def delete(self, key: str) -> bool:
        with self._lock:
            cur = self._conn.execute("DELETE FROM responses WHERE key = ?", (key,))
        return cur.rowcount > 0


class _Redis:
    def __init__(self, client: Any) -> None:
        self._r = client

    def put(self, key: str, blob: bytes, ttl: int) -> None:
        self._r.set("veil:response:" + key, blob, ex=ttl)

    def get(self, key: str) -> bytes | None:
        got = self._r.get("veil:response:" + key)
        return bytes(got) if got is not None else None

    def delete(self, key: str) -> bool:
        return bool(self._r.delete("veil:response:" + key))


class ResponseStore:
    def __init__(self, blobs: _Blobs, *, vault: Vault | None, ttl_seconds: int) -> None:
        self._blobs = blobs
        self._vault = vault
        self.ttl_seconds = ttl_seconds

    @classmethod
    def for_core(cls, core: PrivacyCore) -> ResponseStore:
        """Beside the core's vault: the same Redis, or a SQLite file next to the vault's;
        in memory for a core without a vault (tests, library use)."""
        from veil.vault.base import Vault

        vault = getattr(core, "vault", None)
        if not isinstance(vault, Vault):
            return cls(_Memory(), vault=None, ttl_seconds=7 * 24 * 3600)
        client = getattr(vault, "_client", None)
        blobs: _Blobs
        if vault.backend == "redis" and client is not None:
            blobs = _Redis(client)
        else:
            path = vault.settings.resolved_vault_path()
            blobs = _SQLite(path.with_name("responses.sqlite3"))
        return cls(blobs, vault=vault, ttl_seconds=vault.ttl_seconds)

    @staticmethod
    def _key(tenant: str, principal: str, response_id: str) -> str:
        # The principal is part of the key: the id is the upstream's, and a hostile upstream
        # that gave two keys of one tenant the same id overwrote the first key's record.
        return hashlib.sha256(f"{tenant}\0{principal}\0{response_id}".encode()).hexdigest()

    @staticmethod
    def _legacy_key(tenant: str, response_id: str) -> str:
        """The key records were stored under before the principal was part of it: read (and
        deleted) still, never written, so chains stored before an upgrade go on."""
        return hashlib.sha256(f"{tenant}\0{response_id}".encode()).hexdigest()

    def put(self, rec: ResponseRecord) -> None:
        dropped = max(0, len(rec.history) - MAX_HISTORY_ITEMS)
        if dropped:  # the oldest items go; the JSON answers' positions move with the rest
            rec.history = rec.history[dropped:]
            rec.json_items = [i - dropped for i in rec.json_items if i >= dropped]
        record = rec.to_json()
        if self._vault is not None:
            blob = self._vault.keys(rec.tenant).seal(rec.tenant, "response:" + rec.id, record)
        else:
            blob = json.dumps(record).encode()
        self._blobs.put(self._key(rec.tenant, rec.principal, rec.id), blob, self.ttl_seconds)

    def get(self, tenant: str, principal: str, response_id: str) -> ResponseRecord | None:
        """The record, if this principal created it and it has not expired."""
        return self._found(tenant, principal, response_id)[0]

    def _found(self, tenant: str, principal: str, response_id: str
               ) -> tuple[ResponseRecord | None, str]:
        """The record and the storage key it was found under (its own, else the legacy one)."""
        for key in (self._key(tenant, principal, response_id),
                    self._legacy_key(tenant, response_id)):
            rec = self._opened(tenant, principal, response_id, self._blobs.get(key))
            if rec is not None:
                return rec, key
        return None, ""

    def _opened(self, tenant: str, principal: str, response_id: str, blob: bytes | None
                ) -> ResponseRecord | None:
        if blob is None:
            return None
        try:
            if self._vault is not None:
                data = self._vault.keys(tenant).open(tenant, "response:" + response_id, blob)
            else:
                data = json.loads(blob)
        except (VaultError, ValueError):
            return None  # sealed under a key this gateway does not hold: as good as gone
        rec = ResponseRecord(**data)
        if rec.tenant != tenant or rec.principal != principal or rec.id != response_id:
            return None
        return rec

    def delete(self, tenant: str, principal: str, response_id: str) -> bool:
        rec, key = self._found(tenant, principal, response_id)
        return rec is not None and self._blobs.delete(key)


_stores: weakref.WeakKeyDictionary[Any, ResponseStore] = weakref.WeakKeyDictionary()
_stores_lock = threading.Lock()


def store_for(core: PrivacyCore) -> ResponseStore:
    """One store per core (built on first use, off the request path's hot loop)."""
    with _stores_lock:
        store = _stores.get(core)
        if store is None:
            store = _stores[core] = ResponseStore.for_core(core)
        return store


__all__ = ["MAX_HISTORY_ITEMS", "ResponseRecord", "ResponseStore", "store_for"]
