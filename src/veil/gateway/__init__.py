"""OpenAI-compatible privacy gateway: mask prompts going up, restore answers coming down.

>>> from veil.gateway import GatewayConfig, build_state, create_app
>>> app = create_app(build_state(GatewayConfig.load("gateway.yaml")))   # doctest: +SKIP
"""

from __future__ import annotations

from .app import build_state, build_upstream, create_app
from .config import GatewayConfig, TenantConfig, UpstreamConfig
from .state import GatewayState
from .tenants import Tenant, TenantRegistry, hash_api_key
from .upstream import ChatOnlyUpstream, OpenAIUpstream, Upstream

__all__ = [
    "ChatOnlyUpstream",
    "GatewayConfig",
    "GatewayState",
    "OpenAIUpstream",
    "Tenant",
    "TenantConfig",
    "TenantRegistry",
    "UpstreamConfig",
    "Upstream",
    "build_state",
    "build_upstream",
    "create_app",
    "hash_api_key",
]
