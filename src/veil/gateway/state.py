"""Everything a request handler needs, built once per app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veil.audit.log import AuditSink, NullAudit

from .limits import Limiter
from .metrics import GatewayMetrics
from .privacy import PrivacyCore
from .sessions import SessionResolver
from .tenants import TenantRegistry
from .upstream import Upstream

if TYPE_CHECKING:
    from veil.vault.custody import Unsealer


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


__all__ = ["GatewayState"]
