"""Encrypted store of the replacement mappings: SQLite (embedded default) or Redis (scale out).

>>> vault = open_vault(Settings())            # doctest: +SKIP
"""

from __future__ import annotations

from veil.config import Settings
from veil.vault.base import MAX_ATTEMPTS, Proposer, Vault, VaultEntry
from veil.vault.crypto import TenantKeys, load_master_key, normalize_text
from veil.vault.sqlite import SQLiteVault


def open_vault(settings: Settings | None = None) -> Vault:
    """The vault the settings name (``VEIL_VAULT_BACKEND``); errors fail closed.

    Raises :class:`~veil.errors.VaultKeyError` for a malformed master key and
    :class:`~veil.errors.VaultUnavailableError` when the backend cannot be reached.
    """
    settings = settings or Settings()
    if settings.vault_backend == "redis":
        from veil.vault.redis import RedisVault  # redis-py is only imported when used

        vault: Vault = RedisVault(settings)
        vault.ping()
        return vault
    return SQLiteVault(settings)


def __getattr__(name: str) -> object:
    if name == "RedisVault":
        from veil.vault.redis import RedisVault

        return RedisVault
    raise AttributeError(f"module 'veil.vault' has no attribute {name!r}")


__all__ = [
    "MAX_ATTEMPTS",
    "Proposer",
    "RedisVault",
    "SQLiteVault",
    "TenantKeys",
    "Vault",
    "VaultEntry",
    "load_master_key",
    "normalize_text",
    "open_vault",
]
