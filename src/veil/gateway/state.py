"""Everything a request handler needs, built once per app."""

from __future__ import annotations

from dataclasses import dataclass, field

from .limits import Limiter
from .metrics import GatewayMetrics
from .privacy import PrivacyCore
from .sessions import SessionResolver
from .tenants import TenantRegistry
from .upstream import Upstream


@dataclass
class GatewayState:
    core: PrivacyCore
    upstream: Upstream
    tenants: TenantRegistry
    sessions: SessionResolver = field(default_factory=SessionResolver)
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    limiter: Limiter = field(default_factory=Limiter)


__all__ = ["GatewayState"]
