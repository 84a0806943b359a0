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
that checks before it inserts; Redis: WATCH/MULTI), so concurrent requests agree on one
replacement.

The request path does not pay a round trip per value: :meth:`Vault.view` keeps a decrypted copy
of each recently used session in the process and brings it up to date with ONE read that
returns only the entries written since (each entry is decrypted once per process), and a
:class:`SessionBatch` looks values up in that copy and writes all of a request's new entries
with ONE compare-and-set (:meth:`Vault._commit`): it commits only if none of its values, and
none of its replacements, was stored meanwhile by another writer, and only into the session
generation the copy was read from; otherwise nothing is written, the copy is refreshed and the
request is masked again. So two writers racing on one value still end with one mapping.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import secrets
import stat
import threading
import time
import warnings
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from veil.config import Settings
from veil.errors import MaskingError, VaultError, VaultKeyError, VaultUnavailableError
from veil.vault.crypto import (
    DATA_KEY,
    PREVIOUS,
    TenantKeys,
    commit_key_file,
    custody_mode,
    data_key_version,
    decode_master_key,
    key_file_path,
    load_master_key,
    new_tenant_secret,
    read_staged_key,
    rotation_lock,
    stage_key_file,
    staged_key_path,
    tenant_id,
    unwrap_tenant_secret,
    wrap_tenant_secret,
)

#: ``propose(counter, attempt) -> candidate replacement``. ``counter`` is the next number of the
#: (tenant, session, type) counter; ``attempt`` counts collisions for this value (0 first).
#: None: no more candidates (see ``get_or_create``'s ``shared_replacement``).
Proposer = Callable[[int, int], str | None]

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
    #: The lookup HMACs the entry is indexed by (exact, normalised or None), kept inside the
    #: sealed record so that a process can look values up in its decrypted copy of the session
    #: (:class:`SessionView`); None for entries written before records carried them.
    lookup: tuple[str, str | None] | None = field(default=None, repr=False, compare=False)
    #: The HMACs of what the entry claims in its session: its replacement (None for a shared
    #: one, which claims nothing) and its original's fingerprint. Kept in the sealed record so
    #: that a process reading a long session for the first time does not compute two HMACs an
    #: entry (half of that read); None for entries written before records carried them.
    claims: tuple[str | None, str] | None = field(default=None, repr=False, compare=False)

    @property
    def type(self) -> str:
        """Alias of ``entity_type`` (the name :class:`~veil.detect.entity.Detection` uses)."""
        return self.entity_type

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "t": self.entity_type,
            "o": self.original,
            "r": self.replacement,
            "op": self.operator,
            "c": self.created,
            "s": self.shared,
        }
        if self.lookup is not None:
            rec["x"], rec["n"] = self.lookup
        if self.claims is not None:
            rec["p"], rec["f"] = self.claims
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> VaultEntry:
        return cls(
            entity_type=rec["t"],
            original=rec["o"],
            replacement=rec["r"],
            operator=rec["op"],
            created=rec["c"],
            shared=bool(rec.get("s", False)),
            lookup=(rec["x"], rec.get("n")) if "x" in rec else None,
            claims=(rec.get("p"), rec["f"]) if "f" in rec else None,
        )


@dataclass(frozen=True, slots=True)
class TenantRotation:
    """Outcome of :meth:`Vault.rotate_tenant_key`."""

    version: int  # of the new data key
    resealed: int  # entries re-encrypted under it
    legacy: int  # entries left under an older key (see rotate_tenant_key)


@dataclass(frozen=True, slots=True)
class Index:
    """HMAC columns of one new entry (computed by :meth:`Vault._index`)."""

    exact: str
    norm: str | None
    fp: str


class Choice(NamedTuple):
    """The replacement picked for a new value."""

    replacement: str
    rep: str | None  # its HMAC; None: a shared replacement, which claims nothing
    counter: int | None  # the type's new counter; None: left as it is
    fp: str | None = None  # its fingerprint, computed when it was checked against the originals


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A :meth:`Vault.get_or_create` request as the backends see it: the value, its lookup
    HMACs, and how to pick its replacement."""

    entity_type: str
    original: str
    operator: str
    index: Index
    keys: TenantKeys
    propose: Proposer | None
    shared_replacement: str | None
    counted: bool

    def choose(
        self, counter: Callable[[], int], taken: Callable[[str, str], bool]
    ) -> Choice:
        """The replacement, its rep HMAC and the type's new counter. ``counter()`` reads the
        type's stored counter and ``taken(rep, fp)`` says whether the session already uses a
        candidate. Without a proposer: the shared replacement, which claims nothing (no rep
        HMAC) and leaves the counter as it is (None)."""
        if self.propose is None:
            assert self.shared_replacement is not None  # checked by get_or_create  # nosec B101 # an internal invariant, not a security check
            return Choice(self.shared_replacement, None, None)
        return Vault._choose(
            self.keys,
            self.propose,
            counter(),
            self.index.fp,
            taken,
            counted=self.counted,
            fallback=self.shared_replacement,
        )

    def entry(self, replacement: str, rep: str | None, created: float) -> VaultEntry:
        return VaultEntry(
            entity_type=self.entity_type,
            original=self.original,
            replacement=replacement,
            operator=self.operator,
            created=created,
            shared=rep is None,
            lookup=(self.index.exact, self.index.norm),
            claims=(rep, self.index.fp),
        )


@dataclass(frozen=True, slots=True)
class Cursor:
    """How far a :class:`SessionView` has read its session: the session's generation (Redis:
    a random epoch set when the session is created; SQLite: none), the highest entry id seen
    and the number of entries then (a smaller count later means entries were deleted)."""

    epoch: str = ""
    last: int = 0
    count: int = 0


@dataclass(frozen=True, slots=True)
class Delta:
    """One read of a session (:meth:`Vault._delta`): the sealed entries written after
    ``since`` (all of them when ``reset``: the session is not the one the cursor knew)."""

    cursor: Cursor
    reset: bool
    rows: list[tuple[int, bytes]]
    counters: dict[str, int]
    version: str
    #: nothing was written since ``since`` (rows and counters were not read: the view's stay)
    unchanged: bool = False


@dataclass(frozen=True, slots=True)
class Pending:
    """A new entry of a batch as a backend commits it (all HMACs; the record is sealed)."""

    index: Index
    rep: str | None  # HMAC of the replacement; None for a shared (alias) replacement
    cand_fp: str  # fingerprint of the replacement: must be no original of the session
    sealed: bytes
    entity_type: str
    counter: int | None


@dataclass(frozen=True, slots=True)
class Committed:
    """Outcome of :meth:`Vault._commit`. ``ok`` False: nothing was written (a value or a
    replacement of the batch was stored meanwhile, or the session is another generation).
    ``cursor``/``version``: the session right after the commit when nothing else was written
    since the batch's cursor (None otherwise: the next read fetches the others' entries)."""

    ok: bool
    ids: list[int] = field(default_factory=list)
    cursor: Cursor | None = None
    version: str | None = None


class SessionView:
    """A process's decrypted copy of one session (see the module docstring).

    Append-only while its session lives: entries are immutable once written, so a holder may
    keep using a view while :meth:`Vault.view` adds to it; a session that was deleted, expired
    or recreated gets a NEW view object. Indexes are keyed by the same HMACs the backend
    stores, so a local hit is exactly the entry the backend's index would return.
    """

    def __init__(self) -> None:
        self.cursor = Cursor()
        self.version = "0"
        self.counters: dict[str, int] = {}
        self._ids: list[int] = []
        self._entries: list[VaultEntry] = []
        self._added: list[VaultEntry] = []  # the same entries in the order they were added
        self._added_ids: list[int] = []  # their ids, in the same order
        self.exact: dict[str, VaultEntry] = {}
        self.norm: dict[str, VaultEntry] = {}
        self.reps: set[str] = set()  # replacement HMACs in use
        self.fps: set[str] = set()  # fingerprints of originals
        self.types: set[str] = set()  # entity types of the entries
        #: Some entry predates records carrying their lookup HMACs: a local miss must ask the
        #: backend (:meth:`Vault._find_indexed`).
        self.legacy = False
        self.lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SessionView(entries={len(self._entries)})"

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> list[VaultEntry]:
        """The session's entries, oldest (lowest id) first; a copy."""
        return list(self._entries)

    def added_since(self, n: int) -> list[VaultEntry]:
        """Entries added after the first ``n`` (in the order they were added, which is not id
        order): lets a holder of something derived from the view (the seen-value index) add
        only what is new instead of rebuilding it."""
        return self._added[n:]

    def ids_added_since(self, n: int) -> list[int]:
        """The ids of :meth:`added_since`'s entries, in the same order (an entry's id gives its
        place in :attr:`entries`)."""
        return self._added_ids[n:]

    def has(self, eid: int) -> bool:
        i = bisect.bisect_left(self._ids, eid)
        return i < len(self._ids) and self._ids[i] == eid

    def add(self, eid: int, e: VaultEntry, keys: TenantKeys) -> None:
        """Add entry ``eid``, indexed by the HMACs its record carries (computed for an entry
        written before records carried them)."""
        i = bisect.bisect_left(self._ids, eid)
        if i < len(self._ids) and self._ids[i] == eid:
            return
        self._ids.insert(i, eid)
        self._entries.insert(i, e)
        self._added.append(e)
        self._added_ids.append(eid)
        if e.lookup is None:
            self.legacy = True
        else:
            self.exact.setdefault(e.lookup[0], e)
            if e.lookup[1] is not None:
                self.norm.setdefault(e.lookup[1], e)
        if e.claims is not None:
            rep, fp = e.claims
        else:
            rep = None if e.shared else keys.replacement(e.replacement)
            fp = keys.fingerprint(e.original)
        if rep is not None:
            self.reps.add(rep)
        self.fps.add(fp)
        self.types.add(e.entity_type)


#: Sessions whose decrypted copy a process keeps (least recently used go first; fewer when
#: they hold more than ``Settings.view_cache_entries`` entries together).
VIEW_CACHE_SIZE = 256
#: How often a batch is re-masked after losing a race before the request is refused.
MAX_COMMIT_ATTEMPTS = 50


class Vault(ABC):
    """Encrypted, TTL-bound store of the replacement mappings of each (tenant, session)."""

    backend: str = "abstract"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ttl_seconds = int(settings.vault_ttl_seconds)
        self._master = load_master_key(settings)
        self._keys: dict[str, TenantKeys] = {}
        self._loaded: dict[str, float] = {}
        self._keys_lock = threading.RLock()
        self._views: OrderedDict[tuple[str, str], SessionView] = OrderedDict()
        # each cached view's size when last read, and their sum: what the cache is bounded by
        self._view_sizes: dict[tuple[str, str], int] = {}
        self._views_held = 0
        self._views_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<vault>)"

    # ----------------------------------------------------------------- keys
    #: How long a process trusts its cached key ring before re-reading it, so a data key that
    #: another process rotated in is used for new entries soon (a miss re-reads at once).
    KEY_RING_TTL_S = 60.0

    def keys(self, tenant: str) -> TenantKeys:
        """The tenant's working keys; the secret is created (wrapped by the master key) on first
        use. Cached; re-read every :attr:`KEY_RING_TTL_S` seconds to pick up rotations."""
        cached = self._keys.get(tenant)
        if cached is not None and time.monotonic() - self._loaded[tenant] < self.KEY_RING_TTL_S:
            return cached
        with self._keys_lock:
            k = self._load_keys(tenant)
            self._keys[tenant], self._loaded[tenant] = k, time.monotonic()
            return k

    def _refresh_keys(self, tenant: str) -> TenantKeys:
        with self._keys_lock:
            self._loaded[tenant] = float("-inf")
        return self.keys(tenant)

    def _open_many(self, tenant: str, session: str, blobs: list[bytes]) -> list[dict[str, Any]]:
        """Decrypt entries; on a miss re-read the key ring once (another process may have
        rotated the tenant's data key since it was cached)."""
        try:
            return self.keys(tenant).open_many(tenant, session, blobs)
        except VaultKeyError:
            return self._refresh_keys(tenant).open_many(tenant, session, blobs)

    def _load_keys(self, tenant: str) -> TenantKeys:
        tid = tenant_id(tenant)
        fresh = wrap_tenant_secret(self._master, tid, new_tenant_secret())
        wrapped = self._tenant_key(tid, fresh)
        stored = self._stored_keys(tid)
        secret = self._unwrap(tid, wrapped, stored.get(tid + PREVIOUS))
        data: dict[int, bytes] = {}
        for kid, w in stored.items():
            version = data_key_version(tid, kid)
            if version is not None:
                data[version] = self._unwrap(kid, w, stored.get(kid + PREVIOUS))
        return TenantKeys.from_secret(secret).with_data_keys(data)

    def _unwrap(self, kid: str, wrapped: bytes, previous: bytes | None) -> bytes:
        """Unwrap a stored key; during a master-key rotation a process still on the old master
        uses the previous wrapping, and a process on the key file re-reads a replaced file."""
        try:
            return unwrap_tenant_secret(self._master, kid, wrapped)
        except VaultKeyError:
            if previous is not None:
                try:
                    return unwrap_tenant_secret(self._master, kid, previous)
                except VaultKeyError:
                    pass
            if self.settings.master_key is None:
                reread = load_master_key(self.settings)
                if reread != self._master:
                    self._master = reread
                    return unwrap_tenant_secret(self._master, kid, wrapped)
            raise

    def rotate_master_key(self, new_key: str) -> int:
        """Re-wrap every tenant secret and data key under ``new_key`` (base64 of 32 bytes);
        entries stay as they are. Returns the number of keys re-wrapped.

        Online: each key's old wrapping is kept beside the new one, so gateways still running
        with the old master keep working; run :meth:`finish_master_rotation` once every process
        uses the new key. Safe to re-run (keys already under the new master are skipped, keys a
        running old gateway created meanwhile are re-wrapped). Afterwards set
        ``VEIL_MASTER_KEY`` to the new key; with the embedded key file (no ``VEIL_MASTER_KEY``)
        the file is replaced here.
        """
        new = decode_master_key(new_key, name="the new master key")
        if self.settings.master_key is not None or custody_mode(self.settings):
            # custody mode: the caller re-splits the new key among the custodians
            return self._rotate_to(new, staged=None)
        key_file = key_file_path(self.settings)
        with rotation_lock(key_file, timeout_s=self.settings.vault_lock_timeout_s) as held:
            if not held:
                raise VaultUnavailableError(
                    f"another master-key rotation of this vault is running (it holds "
                    f"{key_file.with_suffix('.lock')}); nothing was rotated: wait for it to end, "
                    "then run this again if a further rotation is still wanted"
                )
            self._settle_rotation(key_file)  # one a killed process left, first
            # Key-file mode: the new key is written beside the old file BEFORE any key is
            # re-wrapped, so a home where it cannot be written refuses the rotation with nothing
            # changed (afterwards, the only copy of the key the vault is wrapped under would be
            # in memory). A kill between the two is settled when the vault next opens.
            return self._rotate_to(new, staged=stage_key_file(key_file, new))

    def _rotate_to(self, new: bytes, *, staged: Path | None) -> int:
        try:
            count = self._rewrap_tenant_keys(_rewrapper(self._master, new))
        except BaseException:
            # The staged key goes only if nothing is wrapped under it: Redis re-wraps key by
            # key, and a rotation that failed midway (the server went away, Ctrl-C) would
            # otherwise delete the only copy of the key some tenants are now wrapped under.
            # Kept (or when the check itself fails), the next open settles it.
            if staged is not None:
                with contextlib.suppress(Exception):
                    if not self._wraps_any(new):
                        staged.unlink(missing_ok=True)
            raise
        if staged is not None:
            commit_key_file(staged, key_file_path(self.settings))
        with self._keys_lock:
            self._master = new
        return count

    def _recover_master_rotation(self) -> None:
        """Settle a master-key rotation that a killed process left half done (its new key
        still in ``master.tmp``), unless a rotation is running in another process: called by
        each backend once it can read its keys. See :meth:`_settle_rotation`."""
        if self.settings.master_key is not None or custody_mode(self.settings):
            return
        key_file = key_file_path(self.settings)
        if not os.path.lexists(staged_key_path(key_file)):
            return
        try:
            with rotation_lock(key_file, timeout_s=0) as held:
                if held:
                    self._settle_rotation(key_file)
        except VaultUnavailableError as e:  # a read-only home: the old key still opens all
            warnings.warn(f"an interrupted master-key rotation was not settled: {e}",
                          stacklevel=2)

    def _settle_rotation(self, key_file: Path) -> None:
        """Finish or roll back the rotation whose new key is staged beside ``key_file``, the
        same way whatever step it was killed at (the caller holds the rotation lock):

        - no stored key is wrapped under the staged key (killed before its re-wrap committed,
          or while the key was being written): roll back, i.e. remove the staged file; the
          key file never stopped opening every key;
        - some are (SQLite: every key, Redis: those it got to): finish, i.e. re-wrap the rest
          from the old key, then move the staged key over the key file. The old wrappings
          stay (``#prev``) until ``finish-master-rotation``, as after any rotation.

        Either way the vault still opens with the key file, before and after."""
        staged = staged_key_path(key_file)
        try:
            mode = os.lstat(staged).st_mode
        except FileNotFoundError:
            return
        if stat.S_ISLNK(mode):  # never read or write a key through a link: drop the link
            staged.unlink()
            warnings.warn(f"removed the link {staged} (a vault key file is never a link)",
                          stacklevel=3)
            return
        if not stat.S_ISREG(mode):
            return  # a directory or the like: the next rotation refuses, naming it
        new = read_staged_key(staged)
        if new is None or new == self._master or not self._wraps_any(new):
            staged.unlink()
            warnings.warn(
                f"an interrupted master-key rotation left {staged}; no vault key was re-wrapped "
                f"under its key, so it was rolled back: removed, {key_file} stays the master "
                "key. Run `veil vault rotate-master-key` again to rotate",
                stacklevel=3,
            )
            return
        try:
            count = self._rewrap_tenant_keys(_rewrapper(self._master, new))
        except VaultKeyError:
            warnings.warn(
                f"an interrupted master-key rotation left {staged}, and some vault keys open "
                f"under neither it nor {key_file}: both files were left as they are; keep "
                "them, and restore the vault's keys from backup",
                stacklevel=3,
            )
            return
        commit_key_file(staged, key_file)
        with self._keys_lock:
            self._master = new
        warnings.warn(
            f"finished an interrupted master-key rotation: {key_file} now holds the new key "
            f"({count} more vault key(s) re-wrapped); run `veil vault finish-master-rotation` "
            "once every gateway runs with it",
            stacklevel=3,
        )

    def _wraps_any(self, key: bytes) -> bool:
        """Whether some stored (current) wrapping opens under ``key``; changes nothing."""
        found: list[str] = []

        def check(kid: str, wrapped: bytes) -> None:
            if not found:
                try:
                    unwrap_tenant_secret(key, kid, wrapped)
                    found.append(kid)
                except VaultKeyError:
                    pass

        self._rewrap_tenant_keys(check)
        return bool(found)

    def finish_master_rotation(self, *, new_key: str | None = None) -> int:
        """Drop the old-master wrappings kept by :meth:`rotate_master_key`; returns how many.
        Run it once every process uses the new master key (the old key then opens nothing).

        Refused, dropping nothing, unless every current wrapping opens under this process's
        master key or ``new_key`` (base64, the key the rotation was given): otherwise the old
        wrappings may be all that still opens a key (a rotation that died before its new key
        was saved, or a new key that was lost)."""
        keys = [decode_master_key(new_key, name="the new master key")] if new_key else []
        closed: list[str] = []

        def check(kid: str, wrapped: bytes) -> None:
            for key in keys:
                try:
                    unwrap_tenant_secret(key, kid, wrapped)
                    return None
                except VaultKeyError:
                    pass
            try:
                self._unwrap(kid, wrapped, None)
            except VaultKeyError:
                closed.append(kid)
            return None  # keep every wrapping as it is

        self._rewrap_tenant_keys(check)
        if closed:
            raise VaultKeyError(
                f"{len(closed)} vault key(s) open under neither this process's master key nor "
                "the new one, so their old-master wrappings were kept (nothing was dropped); "
                "run this with the new master key in VEIL_MASTER_KEY (or VEIL_NEW_MASTER_KEY)"
            )
        return self._drop_previous_wrappings()

    def has_tenant(self, tenant: str) -> bool:
        """Whether ``tenant`` has keys in the vault, i.e. something was ever protected for it.
        Read-only: unlike :meth:`keys`, an unknown tenant gets no key."""
        tid = tenant_id(tenant)
        return tid in self._stored_keys(tid)

    def has_session(self, tenant: str, session: str) -> bool:
        """Whether the session of a known tenant holds live entries (read-only)."""
        return self.has_tenant(tenant) and len(self.view(tenant, session)) > 0

    def rotate_tenant_key(self, tenant: str) -> TenantRotation:
        """Give ``tenant`` a fresh data key and re-encrypt its entries under it.

        Online: the new key is stored first (readers that miss re-read the ring), then entries
        are re-encrypted in small transactions, each entry replaced atomically; older data keys
        stay in the ring, wrapped, so nothing written meanwhile becomes unreadable. Entries
        written before entries were bound to row ids need their session's name to be opened;
        they stay under the older key until their session expires (``legacy`` in the result).
        The lookup key (HMACs) is not rotated: re-keying it would need the plaintext session
        names and lookup keys, which the vault never stores. A tenant the vault has no key for
        raises :class:`~veil.errors.VaultError` and nothing is written.
        """
        tid = tenant_id(tenant)
        stored = self._stored_keys(tid)
        # A misspelt name must not get a key of its own: the operator would believe a real
        # tenant's data key was rotated.
        if tid not in stored:
            raise VaultError(
                f"no tenant {tenant!r} in this vault (nothing was ever protected for it); check "
                "the name against the gateway config, and VEIL_HOME / VEIL_VAULT_PATH / "
                "VEIL_REDIS_URL"
            )
        self.keys(tenant)  # the tenant's ring is loaded (and its secret unwraps)
        versions = [v for k in stored if (v := data_key_version(tid, k)) is not None]
        version = max(versions, default=0) + 1
        kid = f"{tid}{DATA_KEY}{version}"
        wrapped = wrap_tenant_secret(self._master, kid, new_tenant_secret())
        if self._tenant_key(kid, wrapped) != wrapped:
            raise VaultError(
                "another tenant-key rotation of this tenant is running; wait for it and retry"
            )
        ring = self._refresh_keys(tenant)
        resealed, legacy = self._reseal_entries(
            tid, lambda sid, blob: ring.reseal_row(tid, sid, blob)
        )
        return TenantRotation(version=version, resealed=resealed, legacy=legacy)

    def seed(self, tenant: str, entity_type: str, key: str) -> bytes:
        """Secret per-value seed (stable across sessions of a tenant) for pseudonym operators."""
        return self.keys(tenant).seed(entity_type, key)

    def _index(
        self,
        keys: TenantKeys,
        entity_type: str,
        original: str | None,
        exact_key: str,
        norm_key: str | None,
    ) -> Index:
        """The lookup HMACs of a value; its fingerprint only with its ``original`` (a lookup
        alone does not use it)."""
        return Index(
            exact=keys.lookup(entity_type, "exact\x00" + exact_key),
            norm=keys.lookup(entity_type, "norm\x00" + norm_key) if norm_key is not None else None,
            fp=keys.fingerprint(original) if original is not None else "",
        )

    @staticmethod
    def _choose(
        keys: TenantKeys,
        propose: Proposer,
        counter: int,
        original_fp: str,
        taken: Callable[[str, str], bool],
        *,
        counted: bool = True,
        fallback: str | None = None,
    ) -> Choice:
        """Find a free candidate: the replacement, its rep HMAC, the counter used and its
        fingerprint.

        ``counted=False`` (a variant "[PERSON_1_FIRST]" of an existing placeholder) does not
        advance the type's counter, so numbering has no gaps. When the proposer has no more
        candidates, ``fallback`` is used as a shared replacement (rep HMAC None).
        """
        step = 1 if counted else 0
        start = counter
        for attempt in range(MAX_ATTEMPTS):
            counter += step
            cand = propose(counter, attempt)
            if cand is None:
                break
            rep, fp = keys.claims(cand)
            if fp != original_fp and not taken(rep, fp):
                return Choice(cand, rep, counter, fp)
        if fallback is not None:
            return Choice(fallback, None, start)
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
    def _stored_keys(self, tid: str) -> dict[str, bytes]:
        """Every stored wrapped key of tenant ``tid`` by key id (secret, data keys, previous
        wrappings: ids ``tid``, ``tid/dkN``, ``...#prev``)."""

    @abstractmethod
    def _rewrap_tenant_keys(self, rewrap: Callable[[str, bytes], bytes | None]) -> int:
        """Replace every stored wrapped key (not ``#prev`` ones) by ``rewrap(id, wrapped)``
        (None: keep it), keeping the replaced wrapping as ``id#prev``; each in a transaction."""

    @abstractmethod
    def _drop_previous_wrappings(self) -> int:
        """Delete every ``#prev`` wrapping; return how many."""

    @abstractmethod
    def _reseal_entries(
        self, tid: str, reseal: Callable[[str, bytes], bytes | None]
    ) -> tuple[int, int]:
        """Replace each entry blob of tenant ``tid`` by ``reseal(session id, blob)`` (None:
        keep) in short transactions; return (replaced, kept)."""

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
        idx = self._index(self.keys(tenant), entity_type, None, exact_key, norm_key)
        return self._find_indexed(tenant, session, idx)

    @abstractmethod
    def _find_indexed(self, tenant: str, session: str, idx: Index) -> VaultEntry | None:
        """:meth:`find` by the lookup HMACs of ``idx`` (its ``fp`` is not used)."""

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
        counted: bool = True,
    ) -> VaultEntry:
        """Atomically return the existing entry (exact or normalised key) or create one.

        A new entry takes the first candidate from ``propose`` that no other entry of the
        session uses as its replacement and that equals no original of the session; without a
        proposer, or when it runs out of candidates, ``shared_replacement`` as is (an alias; it
        claims no replacement). ``counted=False``: candidates do not advance the type's counter.
        """
        if propose is None and shared_replacement is None:
            raise ValueError("get_or_create needs propose or shared_replacement")
        keys = self.keys(tenant)
        request = NewEntry(
            entity_type=entity_type,
            original=original,
            operator=operator,
            index=self._index(keys, entity_type, original, exact_key, norm_key),
            keys=keys,
            propose=propose,
            shared_replacement=shared_replacement,
            counted=counted,
        )
        return self._get_or_create(tenant, session, request)

    @abstractmethod
    def _get_or_create(self, tenant: str, session: str, request: NewEntry) -> VaultEntry:
        """:meth:`get_or_create` in one transaction: the entry indexed by ``request.index``, or
        a new one from :meth:`NewEntry.choose` and :meth:`NewEntry.entry`."""

    # ------------------------------------------------------------ session views
    def view(self, tenant: str, session: str) -> SessionView:
        """The session's decrypted entries, up to date as of this call: one read of the
        entries written since the process last looked (only those are decrypted)."""
        key = (tenant, session)
        with self._views_lock:
            view = self._views.get(key)
            if view is None:
                view = self._views[key] = SessionView()
            self._views.move_to_end(key)
        with view.lock:
            delta = self._delta(tenant, session, view.cursor)
            if delta.reset:
                fresh = SessionView()
                with fresh.lock:
                    self._apply(tenant, session, fresh, delta)
                with self._views_lock:
                    self._views[key] = fresh
                    self._views.move_to_end(key)
                    self._bound_views(key, fresh)
                return fresh
            self._apply(tenant, session, view, delta)
        with self._views_lock:
            self._bound_views(key, view)
        return view

    def _bound_views(self, key: tuple[str, str], view: SessionView) -> None:
        """Record ``view``'s size (a batch's commit grows a view between two reads: counted
        at its next read) and drop the least recently used views while the cache holds more
        than its sessions or entries; the most recent one stays, however large. A dropped
        view's indexes (seen values, scopes, known people, restore tables) go with it."""
        if self._views.get(key) is view:
            size = len(view)
            self._views_held += size - self._view_sizes.get(key, 0)
            self._view_sizes[key] = size
        budget = self.settings.view_cache_entries
        while len(self._views) > 1 and (len(self._views) > VIEW_CACHE_SIZE
                                        or self._views_held > budget):
            old, _ = self._views.popitem(last=False)
            self._views_held -= self._view_sizes.pop(old, 0)

    def _apply(self, tenant: str, session: str, view: SessionView, delta: Delta) -> None:
        if delta.unchanged:
            return
        new = [(i, b) for i, b in delta.rows if not view.has(i)]
        if new:
            keys = self.keys(tenant)
            recs = self._open_many(tenant, session, [b for _, b in new])
            for (i, _), rec in zip(new, recs, strict=True):
                view.add(i, VaultEntry.from_record(rec), keys)
        view.cursor, view.version = delta.cursor, delta.version
        view.counters = dict(delta.counters)

    def _forget_view(self, tenant: str, session: str) -> None:
        with self._views_lock:
            self._views.pop((tenant, session), None)
            self._views_held -= self._view_sizes.pop((tenant, session), 0)

    def batch(self, tenant: str, session: str, view: SessionView | None = None) -> SessionBatch:
        """A :class:`SessionBatch` over ``view`` (read now when None)."""
        if view is None:
            view = self.view(tenant, session)
        return SessionBatch(self, tenant, session, view)

    def entries(self, tenant: str, session: str) -> list[VaultEntry]:
        """All live entries of a session, oldest first (decrypted)."""
        return self.view(tenant, session).entries

    def version(self, tenant: str, session: str) -> str:
        """A cheap token that changes whenever the session's entries change (for caches)."""
        return self.view(tenant, session).version

    @abstractmethod
    def _delta(self, tenant: str, session: str, since: Cursor) -> Delta:
        """In ONE read: the session's counters, version and the sealed entries written after
        ``since`` (all of them, with ``reset``, when ``since`` is of another generation or
        entries it counted are gone)."""

    @abstractmethod
    def _commit(
        self, tenant: str, session: str, since: Cursor, items: list[Pending], epoch: str
    ) -> Committed:
        """Write ``items`` in ONE atomic step, or nothing (see :class:`Committed`): refused
        when the session is not the generation ``since`` read, when an item's exact or
        normalised key is indexed already, or when an item's replacement is taken (used by
        another entry, or equal to an original). ``epoch``: the generation to start if the
        session does not exist yet."""

    @abstractmethod
    def delete_session(self, tenant: str, session: str) -> None:
        """Forget a session now (right to erasure)."""

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`~veil.errors.VaultUnavailableError` if the backend is unusable.
        Cheap (one round trip, no write lock): readiness probes call it often."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release connections."""

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SessionBatch:
    """One protect call's lookups and new entries in a session, against a :class:`SessionView`.

    :meth:`find` and :meth:`get_or_create` mirror :class:`Vault`'s, but answer from the view
    and the batch's own new entries (no round trip) and only queue new entries; :meth:`commit`
    writes them all at once, or returns False when another writer got there first (then the
    caller re-masks against a fresh view). Replacements are chosen exactly as the backends
    choose them, against everything the view and the batch hold.
    """

    def __init__(self, vault: Vault, tenant: str, session: str, view: SessionView) -> None:
        self.vault, self.tenant, self.session, self.view = vault, tenant, session, view
        self.keys = vault.keys(tenant)
        self._cursor = view.cursor  # the generation this batch is masked against
        self._now = vault._now()
        # (request, entry, rep HMAC, new counter, the replacement's fingerprint)
        self._pending: list[tuple[NewEntry, VaultEntry, str | None, int | None, str | None]] = []
        self._exact: dict[str, VaultEntry] = {}
        self._norm: dict[str, VaultEntry] = {}
        self._reps: set[str] = set()
        self._fps: set[str] = set()
        self._counters: dict[str, int] = {}
        # (type, exact key, norm key) -> lookup HMACs: a masker asks find() and then
        # get_or_create() for the same value
        self._lookups: dict[tuple[str, str, str | None], tuple[str, str | None]] = {}
        #: Whether the view's version is the session's version after this batch (False when
        #: another writer's entries landed between the read and the commit): a cache may key
        #: a result on that version only when True.
        self.current = True

    def __repr__(self) -> str:
        return f"SessionBatch(new={len(self._pending)})"

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def added(self) -> list[VaultEntry]:
        """The batch's new entries so far, in the order they were created: with
        ``view.entries``, everything a later text of the same batch must take as known (a
        person first named earlier in the same request)."""
        return [entry for _, entry, _, _, _ in self._pending]

    def _lookup(self, idx: Index) -> VaultEntry | None:
        v = self.view
        hit = v.exact.get(idx.exact) or self._exact.get(idx.exact)
        if hit is None and idx.norm is not None:
            hit = v.norm.get(idx.norm) or self._norm.get(idx.norm)
        if hit is None and v.legacy:
            hit = self.vault._find_indexed(self.tenant, self.session, idx)
        return hit

    def find(
        self, tenant: str, session: str, *, entity_type: str, exact_key: str,
        norm_key: str | None = None,
    ) -> VaultEntry | None:
        self._check(tenant, session)
        return self._lookup(self._index(entity_type, None, exact_key, norm_key))

    def _index(self, entity_type: str, original: str | None, exact_key: str,
               norm_key: str | None) -> Index:
        key = (entity_type, exact_key, norm_key)
        known = self._lookups.get(key)
        if known is None:
            idx = self.vault._index(self.keys, entity_type, original, exact_key, norm_key)
            self._lookups[key] = (idx.exact, idx.norm)
            return idx
        fp = self.keys.fingerprint(original) if original is not None else ""
        return Index(exact=known[0], norm=known[1], fp=fp)

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
        counted: bool = True,
    ) -> VaultEntry:
        self._check(tenant, session)
        if propose is None and shared_replacement is None:
            raise ValueError("get_or_create needs propose or shared_replacement")
        idx = self._index(entity_type, original, exact_key, norm_key)
        hit = self._lookup(idx)
        if hit is not None:
            return hit
        request = NewEntry(
            entity_type=entity_type, original=original, operator=operator, index=idx,
            keys=self.keys, propose=propose, shared_replacement=shared_replacement,
            counted=counted,
        )

        def counter() -> int:
            return max(self.view.counters.get(entity_type, 0),
                       self._counters.get(entity_type, 0))

        def taken(rep_h: str, fp_h: str) -> bool:
            v = self.view
            return rep_h in v.reps or rep_h in self._reps or fp_h in v.fps or fp_h in self._fps

        replacement, rep, new_counter, fp = request.choose(counter, taken)
        entry = request.entry(replacement, rep, self._now)
        self._pending.append((request, entry, rep, new_counter, fp))
        self._exact[idx.exact] = entry
        if idx.norm is not None:
            self._norm[idx.norm] = entry
        if rep is not None:
            self._reps.add(rep)
        self._fps.add(idx.fp)
        if new_counter is not None:
            self._counters[entity_type] = new_counter
        return entry

    def _check(self, tenant: str, session: str) -> None:
        if (tenant, session) != (self.tenant, self.session):
            raise ValueError("a SessionBatch serves the one session it was opened for")

    def commit(self) -> bool:
        """Write the batch's new entries at once; False: nothing written, re-mask and retry."""
        if not self._pending:
            return True
        sealed = self.keys.seal_many(self.tenant, self.session,
                                     [entry.to_record() for _, entry, _, _, _ in self._pending])
        items = [
            Pending(
                index=req.index, rep=rep,
                cand_fp=fp if fp is not None else self.keys.fingerprint(entry.replacement),
                sealed=blob, entity_type=req.entity_type, counter=counter,
            )
            for (req, entry, rep, counter, fp), blob in zip(self._pending, sealed, strict=True)
        ]
        done = self.vault._commit(
            self.tenant, self.session, self._cursor, items, secrets.token_hex(8)
        )
        if not done.ok:
            return False
        self.current = done.cursor is not None
        view = self.view
        with view.lock:
            for eid, (_, entry, _, _, _) in zip(done.ids, self._pending, strict=True):
                view.add(eid, entry, self.keys)
            for etype, c in self._counters.items():
                view.counters[etype] = max(view.counters.get(etype, 0), c)
            if done.cursor is not None and view.cursor == self._cursor:
                view.cursor, view.version = done.cursor, done.version or view.version
        self._pending.clear()
        return True


def _rewrapper(old: bytes, new: bytes) -> Callable[[str, bytes], bytes | None]:
    """The re-wrap of a master-key rotation: a key under ``old`` is wrapped under ``new``;
    one under ``new`` already is left (None: a resumed rotation); any other raises
    :class:`VaultKeyError`."""

    def rewrap(kid: str, wrapped: bytes) -> bytes | None:
        try:
            secret = unwrap_tenant_secret(old, kid, wrapped)
        except VaultKeyError:
            unwrap_tenant_secret(new, kid, wrapped)  # already rotated, else a foreign key
            return None
        return wrap_tenant_secret(new, kid, secret)

    return rewrap


def refused_after_retries() -> VaultUnavailableError:
    return VaultUnavailableError(
        "too much contention on one vault session (other requests kept storing the same "
        "values); retry the request"
    )
