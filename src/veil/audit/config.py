"""The ``audit`` section of the gateway config, and opening the log it names.

    audit:
      store: auto            # auto | sqlite | redis | off
      path: null             # sqlite file; default <VEIL_HOME>/audit.sqlite3 (beside the vault)
      redis_url: null        # default: VEIL_REDIS_URL (the vault's Redis)
      log_name: gateway      # one tree per name; replicas may share one (appends are atomic)
      checkpoint_every: 1000 # sign a checkpoint after this many records...
      checkpoint_seconds: 10 # ...or this long after the first unsigned record
      key_path: null         # default <VEIL_HOME>/audit-signing.key (see below for Redis)

``auto`` (the default) keeps the audit log where the vault is: the SQLite file beside the
embedded vault, or the vault's Redis. The log costs a few microseconds per record on the request
path, so it is on unless ``store: off``.

A log in Redis is shared by every replica, so it must be signed with ONE key: the gateway
refuses to start unless ``VEIL_AUDIT_SIGNING_KEY`` is set or ``key_path`` names an existing
key file (see :func:`shared_signer`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from veil.config import Settings
from veil.errors import ConfigError

from .checkpoint import KEY_ENV, Signer
from .log import AuditLog, AuditSink, NullAudit
from .store import AuditStore, RedisAuditStore, SQLiteAuditStore


class AuditConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: Literal["auto", "sqlite", "redis", "off"] = "auto"
    path: Path | None = None
    redis_url: str | None = Field(default=None, repr=False)  # may carry a password
    log_name: str = Field(default="gateway", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    checkpoint_every: int = Field(default=1000, ge=1)
    checkpoint_seconds: float = Field(default=10.0, gt=0)
    key_path: Path | None = None  # default <VEIL_HOME>/audit-signing.key

    def backend(self, settings: Settings) -> Literal["sqlite", "redis", "off"]:
        if self.store == "auto":
            return "redis" if settings.vault_backend == "redis" else "sqlite"
        return self.store

    def sqlite_path(self, settings: Settings) -> Path:
        return self.path or settings.home / "audit.sqlite3"

    def signing_key_path(self, settings: Settings) -> Path:
        return self.key_path or settings.home / "audit-signing.key"

    def head_path(self, settings: Settings) -> Path:
        return settings.home / f"audit-head.{self.log_name}.json"


def open_store(cfg: AuditConfig, settings: Settings) -> AuditStore:
    """The store ``cfg`` names (SQLite file or Redis)."""
    if cfg.backend(settings) == "redis":
        # The vault's client options: Sentinel URLs, verified TLS (rediss://), timeouts.
        from veil.vault.redis import _tls_options
        from veil.vault.sentinel import client_from_url

        url = cfg.redis_url or settings.redis_url
        try:
            client = client_from_url(
                url, socket_connect_timeout=3, socket_timeout=10, **_tls_options(url, settings)
            )
        except ValueError:
            raise ConfigError(
                "the audit redis_url is not a valid Redis URL (expected redis://host:port/db)"
            ) from None
        return RedisAuditStore(url, cfg.log_name, client=client)
    return SQLiteAuditStore(cfg.sqlite_path(settings), cfg.log_name)


def shared_signer(cfg: AuditConfig) -> Signer:
    """The signing key of a log shared in Redis: ``VEIL_AUDIT_SIGNING_KEY``, or an existing
    ``key_path`` file (a secret every replica mounts).

    Never a key created here: each replica would create its own under its own VEIL_HOME and
    sign one shared log with different keys, and a verifier holding one public key would
    report the others' checkpoints as forged.
    """
    signer = Signer.from_env()
    if signer is not None:
        return signer
    if cfg.key_path is not None and cfg.key_path.exists():
        return Signer.load(cfg.key_path)
    raise ConfigError(
        "the audit log is shared in Redis (VEIL_VAULT_BACKEND=redis or audit.store: redis), so "
        f"every replica must sign it with the same key: set {KEY_ENV} (base64 of 32 random "
        "bytes, the same on every replica; in the container image "
        f"{KEY_ENV}_FILE, the Kubernetes Secret's audit-signing-key) or audit.key_path to a "
        "key file every replica mounts. Make one with: python -c \"import os,base64;"
        "print(base64.b64encode(os.urandom(32)).decode())\""
    )


def open_audit(cfg: AuditConfig | None = None, settings: Settings | None = None) -> AuditSink:
    """The writer ``cfg`` names, or a :class:`NullAudit` for ``store: off``."""
    cfg = cfg or AuditConfig()
    settings = settings or Settings()
    if cfg.backend(settings) == "off":
        return NullAudit()
    if cfg.backend(settings) == "redis":
        signer = shared_signer(cfg)
    else:
        signer = Signer.load_or_create(cfg.signing_key_path(settings))
    return AuditLog(
        open_store(cfg, settings),
        signer,
        checkpoint_every=cfg.checkpoint_every,
        checkpoint_seconds=cfg.checkpoint_seconds,
        head_path=cfg.head_path(settings),
    )


__all__ = ["AuditConfig", "open_audit", "open_store", "shared_signer"]
