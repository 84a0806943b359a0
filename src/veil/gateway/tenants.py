"""API keys -> tenants.

Only SHA-256 digests of API keys are kept; a presented key is hashed and compared against every
known digest with :func:`hmac.compare_digest` (no early exit), so timing reveals neither which
tenant matched nor how much of a digest did.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from veil.config import Policy
from veil.errors import AuthenticationError

from .config import GatewayConfig

DEFAULT_TENANT = "default"


def hash_api_key(key: str) -> str:
    """Hex SHA-256 of an API key, the form tenant configs store."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Tenant:
    name: str
    policy: Policy | None = None  # None: Veil's default policy


class TenantRegistry:
    def __init__(self, tenants: list[Tenant], keys: dict[str, str]) -> None:
        """``keys`` maps hex SHA-256 of an API key to a tenant name."""
        self.tenants = {t.name: t for t in tenants}
        self._keys = [(bytes.fromhex(h), name) for h, name in keys.items()]
        self.open = not self._keys  # no keys configured: one default tenant, no auth

    @classmethod
    def from_config(cls, cfg: GatewayConfig) -> TenantRegistry:
        if not cfg.tenants:
            policy = Policy.from_yaml(cfg.policy_file) if cfg.policy_file else None
            return cls([Tenant(DEFAULT_TENANT, policy)], {})
        tenants, keys = [], {}
        for t in cfg.tenants:
            tenants.append(Tenant(t.name, t.build_policy(cfg.base_dir)))
            keys.update({h: t.name for h in t.api_key_sha256})
        return cls(tenants, keys)

    def authenticate(self, authorization: str | None, x_api_key: str | None = None) -> Tenant:
        """The tenant owning the presented key (``Authorization: Bearer`` or ``X-Api-Key``)."""
        if self.open:
            return self.tenants[DEFAULT_TENANT]
        key = x_api_key
        if authorization:
            scheme, _, value = authorization.partition(" ")
            if scheme.lower() == "bearer" and value.strip():
                key = value.strip()
        if not key:
            raise AuthenticationError(
                "missing API key; send 'Authorization: Bearer <key>' with a key issued for a tenant"
            )
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        found: str | None = None
        for known, name in self._keys:
            if hmac.compare_digest(digest, known) and found is None:
                found = name
        if found is None:
            raise AuthenticationError("unknown API key; ask the gateway operator for a tenant key")
        return self.tenants[found]


__all__ = ["DEFAULT_TENANT", "Tenant", "TenantRegistry", "hash_api_key"]
