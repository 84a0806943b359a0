"""API keys -> tenants and principals.

Only SHA-256 digests of API keys are kept; a presented key is hashed and compared against every
known digest with :func:`hmac.compare_digest` (no early exit), so timing reveals neither which
tenant matched nor how much of a digest did.

Authentication yields a :class:`Principal`: the tenant plus a stable, non-secret id of the key
that was presented. Conversation state (vault sessions) is bound to the principal, so two keys of
one tenant never see each other's originals. Admin keys (``admin_api_key_sha256``) are a separate
list: they open ``/metrics`` and ``/openapi.json`` and nothing else, and tenant keys never open
those.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from veil.config import Policy
from veil.errors import AuthenticationError, ConfigError

from .config import GatewayConfig
from .limits import Limits

DEFAULT_TENANT = "default"
#: Principal id when authentication is off (no tenant keys configured).
ANONYMOUS = "anonymous"


def hash_api_key(key: str) -> str:
    """Hex SHA-256 of an API key, the form tenant configs store."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_id(digest: bytes) -> str:
    """Stable, non-secret id of an API key (from its SHA-256 digest).

    Domain-separated hash of the digest: the same on every replica and across restarts, safe to
    log, and of no use for presenting the key (the digest itself is never shown)."""
    return "key-" + hashlib.sha256(b"veil-principal|" + digest).hexdigest()[:16]


@dataclass(frozen=True)
class Tenant:
    name: str
    policy: Policy | None = None  # None: Veil's default policy
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class Principal:
    """Who sent a request: the tenant and the key (``id``; ``"anonymous"`` without auth)."""

    tenant: Tenant
    id: str = ANONYMOUS


def _bearer(authorization: str | None, x_api_key: str | None) -> str | None:
    key = x_api_key
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            key = value.strip()
    return key or None


def _match(key: str, known: list[tuple[bytes, str]]) -> tuple[bytes, str | None]:
    """(digest of ``key``, the name it maps to) comparing against every entry (constant time)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    found: str | None = None
    for k, name in known:
        if hmac.compare_digest(digest, k) and found is None:
            found = name
    return digest, found


class TenantRegistry:
    def __init__(
        self,
        tenants: list[Tenant],
        keys: dict[str, str],
        *,
        admin_keys: list[str] | None = None,
    ) -> None:
        """``keys`` maps hex SHA-256 of an API key to a tenant name; ``admin_keys`` are hex
        SHA-256 digests of keys that open the admin routes."""
        self.tenants = {t.name: t for t in tenants}
        self._keys = [(bytes.fromhex(h), name) for h, name in keys.items()]
        self._admin = [(bytes.fromhex(h), "admin") for h in admin_keys or []]
        self.open = not self._keys  # no keys configured: one default tenant, no auth

    @classmethod
    def from_config(cls, cfg: GatewayConfig) -> TenantRegistry:
        admin = list(cfg.admin_api_key_sha256)
        if not cfg.tenants:
            path = cfg.policy_file
            if path is not None and not path.is_absolute():
                path = cfg.base_dir / path  # as a tenant's: relative to the config file
            policy = Policy.from_yaml(path) if path is not None else None
            return cls([Tenant(DEFAULT_TENANT, policy, cfg.limits)], {}, admin_keys=admin)
        if not any(t.api_key_sha256 for t in cfg.tenants):
            raise ConfigError(
                "tenants are configured but none has an api_key_sha256; give each tenant the "
                "SHA-256 of its API key, or remove `tenants` for a single open default tenant"
            )
        tenants, keys = [], {}
        for t in cfg.tenants:
            limits = cfg.limits.merged(t.limits)
            tenants.append(Tenant(t.name, t.build_policy(cfg.base_dir), limits))
            keys.update({h: t.name for h in t.api_key_sha256})
        return cls(tenants, keys, admin_keys=admin)

    @property
    def has_admin(self) -> bool:
        return bool(self._admin)

    def authenticate(self, authorization: str | None, x_api_key: str | None = None) -> Principal:
        """The principal of the presented key (``Authorization: Bearer`` or ``X-Api-Key``)."""
        if self.open:
            return Principal(self.tenants[DEFAULT_TENANT])
        key = _bearer(authorization, x_api_key)
        if not key:
            raise AuthenticationError(
                "missing API key; send 'Authorization: Bearer <key>' with a key issued for a tenant"
            )
        digest, found = _match(key, self._keys)
        if found is None:
            raise AuthenticationError("unknown API key; ask the gateway operator for a tenant key")
        return Principal(self.tenants[found], key_id(digest))

    def is_admin(self, authorization: str | None, x_api_key: str | None = None) -> bool:
        """Whether the presented key is an admin key (tenant keys never are)."""
        key = _bearer(authorization, x_api_key)
        if not key or not self._admin:
            return False
        return _match(key, self._admin)[1] is not None

    def admin_key_id(self, key: str) -> str | None:
        """The key id of ``key`` if it is an admin key (console login), else None."""
        if not key or not self._admin:
            return None
        digest, found = _match(key, self._admin)
        return key_id(digest) if found is not None else None

    def is_admin_key_id(self, kid: str) -> bool:
        """Whether ``kid`` is still the id of a configured admin key (console sessions)."""
        return any(hmac.compare_digest(key_id(d), kid) for d, _ in self._admin)

    # -- runtime changes by the operator (veil.gateway.admin); each swaps in a new container so
    # a request running concurrently sees either the old or the new set, never a half-made one.
    def add_tenant(self, tenant: Tenant) -> None:
        """Add or replace ``tenant`` (e.g. its policy changed)."""
        self.tenants = {**self.tenants, tenant.name: tenant}

    def add_key(self, digest_hex: str, tenant: str) -> None:
        """Accept the key with this hex SHA-256 for ``tenant``; the first key turns auth on."""
        if tenant not in self.tenants:
            raise ConfigError(f"unknown tenant {tenant!r}; create it first")
        self._keys = [*self._keys, (bytes.fromhex(digest_hex), tenant)]
        self.open = False

    def revoke_key(self, kid: str) -> int:
        """Stop accepting the key(s) with id ``kid``; returns how many were removed. Revoking
        the last key does not reopen the gateway: it then refuses every request."""
        keep = [(d, n) for d, n in self._keys if key_id(d) != kid]
        removed = len(self._keys) - len(keep)
        self._keys = keep
        return removed

    def key_ids(self) -> list[tuple[str, str]]:
        """(key id, tenant) of every accepted tenant key (never the digests)."""
        return [(key_id(d), n) for d, n in self._keys]


__all__ = [
    "ANONYMOUS",
    "DEFAULT_TENANT",
    "Principal",
    "Tenant",
    "TenantRegistry",
    "hash_api_key",
    "key_id",
]
