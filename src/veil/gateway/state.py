"""Everything a request handler needs, built once per app."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from anyio import CapacityLimiter

from veil.audit.log import AuditSink, NullAudit

from .limits import Limiter
from .metrics import GatewayMetrics
from .privacy import PrivacyCore
from .sessions import SessionResolver
from .tenants import TenantRegistry
from .upstream import Upstream

if TYPE_CHECKING:
    from veil.vault.custody import Unsealer


def privacy_threads() -> CapacityLimiter:
    """Threads that mask and restore at once. The work holds the GIL (detection) or the vault's
    write lock (SQLite takes one writer at a time), so more threads than cores only queue inside
    the work, where SQLite's busy back-off sleeps add tens of milliseconds per request; queueing
    here instead costs nothing. Redis vaults wait on the network: a few threads per core."""
    return CapacityLimiter(2 * (os.cpu_count() or 1))


@dataclass
class GatewayState:
    core: PrivacyCore
    upstream: Upstream
    tenants: TenantRegistry
    sessions: SessionResolver = field(default_factory=SessionResolver)
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    limiter: Limiter = field(default_factory=Limiter)
    # Verifiable audit log (veil.audit): ``audit.record(kind, **fields)``; records nothing
    # (but still checks the record schema) when no audit store is configured.
    audit: AuditSink = field(default_factory=NullAudit)
    # Split custody of the vault master key; None when the key is not split.
    seal: Unsealer | None = None
    # Bounds the masking/restoring threads of this process (see :func:`privacy_threads`).
    privacy: CapacityLimiter = field(default_factory=privacy_threads)


__all__ = ["GatewayState"]
