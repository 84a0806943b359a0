"""Operator changes to a running gateway: tenants, API keys, policies and sensitive terms.

The console (and anything else holding the admin key) changes the gateway through
:class:`GatewayAdmin`. Each change is applied to the live state (tenant registry, privacy core)
and persisted in a small SQLite file next to the term database (``<VEIL_HOME>/admin.sqlite3``),
so a restart keeps it: at start-up :meth:`GatewayAdmin.load` lays the persisted changes over what
the gateway config file says. The config file is never rewritten.

What is stored: tenant names and policy YAML, SHA-256 digests of issued keys (an issued key is
shown once and never kept), revocations by key id, and every applied policy version (for diff and
roll back). Each change is recorded in the audit log (``state.audit``) with ids and counts only:
never a key, a term or a prompt.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from veil.config import Policy, Settings, TermRule
from veil.errors import ConfigError, InputError, PolicyError

from .config import _NAME
from .state import GatewayState
from .tenants import DEFAULT_TENANT, Tenant, hash_api_key, key_id

ADMIN_DB = "admin.sqlite3"
#: Issued keys look like OpenAI keys, so that client SDKs and secret scanners recognise them.
KEY_PREFIX = "sk-veil-"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS tenants (name TEXT PRIMARY KEY, created REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS keys (key_id TEXT PRIMARY KEY, digest TEXT, tenant TEXT NOT NULL,"
    " label TEXT NOT NULL DEFAULT '', created REAL NOT NULL, revoked REAL)",
    "CREATE TABLE IF NOT EXISTS policies (tenant TEXT NOT NULL, version INTEGER NOT NULL,"
    " yaml TEXT NOT NULL, applied REAL NOT NULL, active INTEGER NOT NULL DEFAULT 1,"
    " PRIMARY KEY (tenant, version))",
)


@dataclass(frozen=True)
class KeyInfo:
    """An API key as the console lists it: its non-secret id, never the key or its digest."""

    key_id: str
    tenant: str
    source: str  # "config" (gateway YAML) or "console" (issued here)
    label: str = ""
    created: float | None = None
    revoked: float | None = None


@dataclass(frozen=True)
class PolicyVersion:
    tenant: str
    version: int
    yaml: str
    applied: float
    active: bool


def policy_yaml(policy: Policy) -> str:
    """A policy as YAML, only what differs from the defaults (the running version's text)."""
    data = policy.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True) if data else "{}\n"


def admin_db_path(state: GatewayState) -> Path:
    """``<home>/admin.sqlite3``, where home is the core's settings home (``VEIL_HOME``)."""
    settings = getattr(state.core, "settings", None)
    home = settings.home if isinstance(settings, Settings) else Settings().home
    return Path(home) / ADMIN_DB


class AdminStore:
    """The SQLite file of operator changes (one short connection per call)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10.0)
            for stmt in _SCHEMA:
                conn.execute(stmt)
            return conn
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(
                f"cannot open the admin database {self.path} ({type(e).__name__}); check that "
                "VEIL_HOME is writable"
            ) from None

    def run(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    return conn.execute(sql, args).fetchall()
            finally:
                conn.close()


class GatewayAdmin:
    """Applies operator changes to ``state`` and persists them (see the module docstring)."""

    def __init__(
        self, state: GatewayState, store: AdminStore | None = None, *, actor: str = "console"
    ) -> None:
        self.state = state
        self.actor = actor  # who the audit log names as having made the changes
        self.store = store or AdminStore(admin_db_path(state))
        # The policies the gateway started with: what a roll back past every applied version
        # returns to.
        self._baseline: dict[str, Policy] = {}
        self._config_keys = {kid for kid, _ in state.tenants.key_ids()}
        self._lock = threading.Lock()

    # -------------------------------------------------------------------------- start-up
    def load(self) -> None:
        """Lay the persisted changes over the configured state (only if the file exists: a
        gateway that never had an operator change creates nothing)."""
        for name in self.state.tenants.tenants:
            has = self._has_core(name)
            self._baseline[name] = self.state.core.policy(name) if has else Policy()
        if not self.store.path.exists():
            return
        for (name,) in self.store.run("SELECT name FROM tenants ORDER BY created"):
            if name not in self.state.tenants.tenants:
                self._add_tenant(name)
        for kid, digest, tenant, revoked in self.store.run(
            "SELECT key_id, digest, tenant, revoked FROM keys ORDER BY created"
        ):
            if revoked is not None:
                self.state.tenants.revoke_key(kid)
            elif digest and tenant in self.state.tenants.tenants:
                self.state.tenants.add_key(digest, tenant)
        for tenant in self.state.tenants.tenants:
            current = self._active_version(tenant)
            if current is not None:
                self._set_policy(tenant, Policy.from_yaml_text(current.yaml, source=tenant))

    def _has_core(self, tenant: str) -> bool:
        try:
            self.state.core.policy(tenant)
        except Exception:  # noqa: BLE001 - the core raises its own error for unknown tenants
            return False
        return True

    # -------------------------------------------------------------------------- helpers
    def _record(self, kind: str, **fields: str | int | float) -> None:
        # The audit log's admin schema: ids, versions and counts only (never a key or a term).
        audit = getattr(self.state, "audit", None)
        if audit is not None:
            audit.record(kind, actor=self.actor, **fields)

    def _tenant(self, name: str) -> Tenant:
        t = self.state.tenants.tenants.get(name)
        if t is None:
            raise InputError(f"unknown tenant {name!r}; pick one from the tenant list")
        return t

    def _add_tenant(self, name: str) -> None:
        limits = next(iter(self.state.tenants.tenants.values())).limits
        # As build_state does for configured tenants without a policy of their own.
        default = self.state.core.policy(DEFAULT_TENANT)
        self.state.tenants.add_tenant(Tenant(name, None, limits))
        self.state.core.set_policy(name, default)
        self._baseline.setdefault(name, default)

    def _set_policy(self, tenant: str, policy: Policy) -> None:
        t = self._tenant(tenant)
        self.state.core.set_policy(tenant, policy)
        self.state.tenants.add_tenant(Tenant(t.name, policy, t.limits))

    # -------------------------------------------------------------------------- tenants and keys
    def create_tenant(self, name: str) -> None:
        name = name.strip()
        if not _NAME.match(name):
            raise InputError(
                "tenant names are 1-64 characters of letters, digits, '_', '.', '-' starting "
                "with a letter or digit"
            )
        with self._lock:
            if name in self.state.tenants.tenants:
                raise InputError(f"tenant {name!r} exists already")
            self.store.run("INSERT OR REPLACE INTO tenants VALUES (?, ?)", (name, time.time()))
            self._add_tenant(name)
        self._record("admin.tenant_create", tenant=name, target=name)

    def issue_key(self, tenant: str, label: str = "") -> tuple[str, str]:
        """A new key for ``tenant``: (the key, shown once and not kept; its id)."""
        self._tenant(tenant)
        label = " ".join(label.split())[:64]
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        digest = hash_api_key(key)
        kid = key_id(bytes.fromhex(digest))
        with self._lock:
            self.store.run(
                "INSERT INTO keys VALUES (?, ?, ?, ?, ?, NULL)",
                (kid, digest, tenant, label, time.time()),
            )
            self.state.tenants.add_key(digest, tenant)
        self._record("admin.key_issue", tenant=tenant, target=kid)
        return key, kid

    def revoke_key(self, kid: str) -> None:
        known = {k.key_id: k for k in self.keys()}
        info = known.get(kid)
        if info is None or info.revoked is not None:
            raise InputError("no such active key; pick one from the key list")
        with self._lock:
            now = time.time()
            if info.source == "console":
                self.store.run("UPDATE keys SET revoked = ?, digest = NULL WHERE key_id = ?",
                               (now, kid))
            else:  # a key from the config file: remembered as revoked, the file is not touched
                self.store.run("INSERT OR REPLACE INTO keys VALUES (?, NULL, ?, '', ?, ?)",
                               (kid, info.tenant, now, now))
            self.state.tenants.revoke_key(kid)
        self._record("admin.key_revoke", tenant=info.tenant, target=kid)

    def keys(self) -> list[KeyInfo]:
        out: dict[str, KeyInfo] = {}
        active = dict(self.state.tenants.key_ids())
        for kid in self._config_keys:
            if kid in active:
                out[kid] = KeyInfo(kid, active[kid], "config")
        if self.store.path.exists():
            for kid, tenant, label, created, revoked in self.store.run(
                "SELECT key_id, tenant, label, created, revoked FROM keys"
            ):
                source = "config" if kid in self._config_keys else "console"
                if source == "console" or revoked is not None:
                    out[kid] = KeyInfo(kid, tenant, source, label or "",
                                       created if source == "console" else None, revoked)
        return sorted(out.values(), key=lambda k: (k.tenant, k.revoked is not None, k.key_id))

    # -------------------------------------------------------------------------- policies
    @staticmethod
    def validate_policy(text: str, tenant: str = "draft") -> Policy:
        """The policy in ``text``; a :class:`PolicyError` names every problem."""
        if len(text) > 1_000_000:
            raise PolicyError("policy text is larger than 1 MB; shorten it")
        return Policy.from_yaml_text(text, source=f"for tenant {tenant}")

    def _active_version(self, tenant: str) -> PolicyVersion | None:
        if not self.store.path.exists():
            return None
        rows = self.store.run(
            "SELECT version, yaml, applied, active FROM policies WHERE tenant = ? AND active = 1"
            " ORDER BY version DESC LIMIT 1",
            (tenant,),
        )
        if not rows:
            return None
        v, text, applied, active = rows[0]
        return PolicyVersion(tenant, int(v), str(text), float(applied), bool(active))

    def history(self, tenant: str) -> list[PolicyVersion]:
        if not self.store.path.exists():
            return []
        return [
            PolicyVersion(tenant, int(v), str(t), float(a), bool(act))
            for v, t, a, act in self.store.run(
                "SELECT version, yaml, applied, active FROM policies WHERE tenant = ?"
                " ORDER BY version DESC",
                (tenant,),
            )
        ]

    def running_policy_text(self, tenant: str) -> str:
        current = self._active_version(tenant)
        if current is not None:
            return current.yaml
        return policy_yaml(self.state.core.policy(self._tenant(tenant).name))

    def apply_policy(self, tenant: str, text: str) -> int:
        """Validate and apply ``text`` as the tenant's policy; returns the new version."""
        self._tenant(tenant)
        policy = self.validate_policy(text, tenant)
        with self._lock:
            rows = self.store.run(
                "SELECT COALESCE(MAX(version), 0) FROM policies WHERE tenant = ?", (tenant,)
            )
            version = int(rows[0][0]) + 1
            self.store.run(
                "INSERT INTO policies VALUES (?, ?, ?, ?, 1)", (tenant, version, text, time.time())
            )
            self._set_policy(tenant, policy)
        self._record("admin.policy_apply", tenant=tenant, version=version)
        return version

    def rollback_policy(self, tenant: str) -> int:
        """Withdraw the running version; the previous one (or the configured policy) runs
        again. Returns the version now running (0: the configured policy)."""
        self._tenant(tenant)
        with self._lock:
            current = self._active_version(tenant)
            if current is None:
                raise InputError("nothing to roll back: the configured policy is running")
            self.store.run(
                "UPDATE policies SET active = 0 WHERE tenant = ? AND version = ?",
                (tenant, current.version),
            )
            previous = self._active_version(tenant)
            policy = (
                Policy.from_yaml_text(previous.yaml, source=tenant)
                if previous is not None
                else self._baseline.get(tenant, Policy())
            )
            self._set_policy(tenant, policy)
        now_running = previous.version if previous is not None else 0
        self._record("admin.policy_rollback", tenant=tenant, version=now_running,
                     status=f"withdrew-v{current.version}")
        return now_running

    # -------------------------------------------------------------------------- terms
    def term_store_path(self) -> Path:
        from veil.detect.terms import DEFAULT_TERM_DB

        return self.store.path.parent / DEFAULT_TERM_DB

    def terms(self, tenant: str) -> list[TermRule]:
        from veil.detect.terms import TermStore

        path = self.term_store_path()
        if not path.exists():
            return []
        store = TermStore(path)
        try:
            return store.list(tenant)
        finally:
            store.close()

    def change_terms(
        self,
        tenant: str,
        *,
        add: Sequence[TermRule] = (),
        remove: Sequence[tuple[str, str]] = (),
        replace: bool = False,
        action: str = "edit",
    ) -> int:
        """Add (or overwrite) and remove (term, type) rules in one go, then reload the tenant's
        detector so the change applies to the next request. Returns the tenant's term count."""
        from veil.detect.terms import TermStore

        self._tenant(tenant)
        with self._lock:
            store = TermStore(self.term_store_path())
            try:
                for term, typ in remove:
                    store.remove(tenant, term, typ)
                if add or replace:
                    store.add_many(tenant, add, replace=replace)
                count = len(store.list(tenant))
            finally:
                store.close()
            # terms=None: the detection stage reads the term store again
            self.state.core.set_policy(tenant, self.state.core.policy(tenant))
        self._record(f"admin.terms_{action}", tenant=tenant, count=len(add) + len(remove))
        return count


__all__ = ["ADMIN_DB", "AdminStore", "GatewayAdmin", "KeyInfo", "PolicyVersion", "policy_yaml"]
