"""The vault interface: (tenant, session) -> encrypted entries (original <-> replacement).

A backend stores, per entry, the sealed record plus HMAC index columns:

- ``exact`` lookup: HMAC(type, surface form) -- the value exactly as it was written;
- ``norm`` lookup (canonical entries only): HMAC(type, normalised form) -- finds variants
  ("4111-1111..." vs "4111 1111...", "DOE, Jane" vs "Jane Doe");
- ``rep``: HMAC(normalised replacement) -- unique per session, so no two values share a
  replacement; NULL for aliases that deliberately share their canonical entry's placeholder;
- ``fp``: HMAC(normalised original) -- lets a backend refuse a replacement equal to any
  original of the session.

``get_or_create`` is atomic per session in every backend (SQLite: one IMMEDIATE transaction
with unique constraints; Redis: WATCH/MULTI), so concurrent requests agree on one replacement.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from veil.config import Settings
from veil.errors import MaskingError, VaultKeyError
from veil.vault.crypto import (
    TenantKeys,
    decode_master_key,
    key_file_path,
    load_master_key,
    new_tenant_secret,
    replace_key_file,
    tenant_id,
    unwrap_tenant_secret,
    wrap_tenant_secret,
)

#: ``propose(counter, attempt) -> candidate replacement``. ``counter`` is the next number of the
#: (tenant, session, type) counter; ``attempt`` counts collisions for this value (0 first).
Proposer = Callable[[int, int], str]

#: How many candidates a backend tries before giving up on a value (collisions are rare: only
#: a replacement equal to another replacement or to an original of the session is refused).
MAX_ATTEMPTS = 64


@dataclass(frozen=True, slots=True)
class VaultEntry:
    """One mapping. ``original`` is hidden from repr (privacy rule).

    ``shared``: an alias (a variant such as "Jane" of "Jane Doe") that reuses its canonical
    entry's replacement; restoring that replacement yields the canonical original.
    """

    entity_type: str
    original: str = field(repr=False)
    replacement: str
    operator: str
    created: float
    shared: bool = False

    @property
    def type(self) -> str:
        """Alias of ``entity_type`` (the name :class:`~veil.detect.entity.Detection` uses)."""
        return self.entity_type

    def to_record(self) -> dict[str, Any]:
        return {
            "t": self.entity_type,
            "o": self.original,
            "r": self.replacement,
            "op": self.operator,
            "c": self.created,
            "s": self.shared,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> VaultEntry:
        return cls(
            entity_type=rec["t"],
            original=rec["o"],
            replacement=rec["r"],
            operator=rec["op"],
            created=rec["c"],
            shared=bool(rec.get("s", False)),
        )


@dataclass(frozen=True, slots=True)
class Index:
    """HMAC columns of one new entry (computed by :meth:`Vault._index`)."""

    exact: str
    norm: str | None
    fp: str


class Vault(ABC):
    """Encrypted, TTL-bound store of the replacement mappings of each (tenant, session)."""

    backend: str = "abstract"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ttl_seconds = int(settings.vault_ttl_seconds)
        self._master = load_master_key(settings)
        self._keys: dict[str, TenantKeys] = {}
        self._keys_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<vault>)"

    # ----------------------------------------------------------------- keys
    def keys(self, tenant: str) -> TenantKeys:
        """The tenant's working keys; created (and wrapped by the master key) on first use."""
        k = self._keys.get(tenant)
        if k is not None:
            return k
        with self._keys_lock:
            k = self._keys.get(tenant)
            if k is None:
                tid = tenant_id(tenant)
                fresh = wrap_tenant_secret(self._master, tid, new_tenant_secret())
                wrapped = self._tenant_key(tid, fresh)
                k = TenantKeys.from_secret(unwrap_tenant_secret(self._master, tid, wrapped))
                self._keys[tenant] = k
            return k

    def rotate_master_key(self, new_key: str) -> int:
        """Re-wrap every tenant key under ``new_key`` (base64 of 32 bytes); entries stay as
        they are. Returns the number of tenant keys re-wrapped.

        Safe to re-run after an interruption: keys already under the new master are skipped.
        Afterwards set ``VEIL_MASTER_KEY`` to the new key; with the embedded key file (no
        ``VEIL_MASTER_KEY``) the file is replaced here.
        """
        new = decode_master_key(new_key, name="the new master key")
        old = self._master

        def rewrap(tid: str, wrapped: bytes) -> bytes | None:
            try:
                secret = unwrap_tenant_secret(old, tid, wrapped)
            except VaultKeyError:
                unwrap_tenant_secret(new, tid, wrapped)  # already rotated, else a foreign key
                return None
            return wrap_tenant_secret(new, tid, secret)

        count = self._rewrap_tenant_keys(rewrap)
        if self.settings.master_key is None:
            replace_key_file(key_file_path(self.settings), new)
        with self._keys_lock:
            self._master = new
        return count

    def seed(self, tenant: str, entity_type: str, key: str) -> bytes:
        """Secret per-value seed (stable across sessions of a tenant) for pseudonym operators."""
        return self.keys(tenant).seed(entity_type, key)

    def _index(
        self,
        keys: TenantKeys,
        entity_type: str,
        original: str,
        exact_key: str,
        norm_key: str | None,
    ) -> Index:
        return Index(
            exact=keys.lookup(entity_type, "exact\x00" + exact_key),
            norm=keys.lookup(entity_type, "norm\x00" + norm_key) if norm_key is not None else None,
            fp=keys.fingerprint(original),
        )

    @staticmethod
    def _choose(
        keys: TenantKeys,
        propose: Proposer,
        counter: int,
        original_fp: str,
        taken: Callable[[str, str], bool],
    ) -> tuple[str, str, int]:
        """Find a free candidate: returns (replacement, its rep HMAC, counter used).

        A proposer with ``uses_counter = False`` (a variant "[PERSON_1_FIRST]" of an existing
        placeholder) does not advance the type's counter, so numbering has no gaps.
        """
        step = 1 if getattr(propose, "uses_counter", True) else 0
        for attempt in range(MAX_ATTEMPTS):
            counter += step
            cand = propose(counter, attempt)
            rep, fp = keys.replacement(cand), keys.fingerprint(cand)
            if fp != original_fp and not taken(rep, fp):
                return cand, rep, counter
        raise MaskingError(
            "could not find a free replacement for a value in this session; use the "
            "placeholder operator for this entity type or start a new session"
        )

    @staticmethod
    def _now() -> float:
        return time.time()

    # ------------------------------------------------------------ interface
    @abstractmethod
    def _tenant_key(self, tid: str, fresh_wrapped: bytes) -> bytes:
        """Store ``fresh_wrapped`` for tenant ``tid`` unless one exists; return the stored one."""

    @abstractmethod
    def _rewrap_tenant_keys(self, rewrap: Callable[[str, bytes], bytes | None]) -> int:
        """Replace every stored wrapped key by ``rewrap(tid, wrapped)`` (None: keep it)."""

    @abstractmethod
    def find(
        self,
        tenant: str,
        session: str,
        *,
        entity_type: str,
        exact_key: str,
        norm_key: str | None = None,
    ) -> VaultEntry | None:
        """The entry whose exact key (preferred) or normalised key matches, if any."""

    @abstractmethod
    def get_or_create(
        self,
        tenant: str,
        session: str,
        *,
        entity_type: str,
        original: str,
        operator: str,
        exact_key: str,
        norm_key: str | None = None,
        propose: Proposer | None = None,
        shared_replacement: str | None = None,
    ) -> VaultEntry:
        """Atomically return the existing entry (exact or normalised key) or create one.

        A new entry takes ``shared_replacement`` as is (an alias; it claims no replacement), or
        the first candidate from ``propose`` that no other entry of the session uses as its
        replacement and that equals no original of the session.
        """

    @abstractmethod
    def entries(self, tenant: str, session: str) -> list[VaultEntry]:
        """All live entries of a session, oldest first (decrypted)."""

    def version(self, tenant: str, session: str) -> str:
        """A cheap token that changes whenever the session's entries change (for caches)."""
        entries = self.entries(tenant, session)
        return f"{len(entries)}:{entries[-1].created if entries else 0}"

    @abstractmethod
    def delete_session(self, tenant: str, session: str) -> None:
        """Forget a session now (right to erasure)."""

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`~veil.errors.VaultUnavailableError` if the backend is unusable."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release connections."""

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
