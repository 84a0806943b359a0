"""Closed by default: a gateway reachable from other machines must authenticate its callers.

Without tenant keys every caller is the same anonymous principal and could read every session's
originals back, which is acceptable only when nobody else can connect (a loopback address: the
embedded ``veil run`` / ``make run`` default). ``veil serve`` therefore refuses a non-loopback
bind without tenant keys unless the operator passes ``--insecure-no-auth`` (a private network
they trust, or authentication done by a proxy in front).
"""

from __future__ import annotations

import ipaddress
import logging

from veil.errors import ConfigError

from .config import GatewayConfig

log = logging.getLogger("veil.gateway")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) accepts connections from this machine only.
    Other names count as exposed: what they resolve to can change."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_exposure(cfg: GatewayConfig, host: str, *, insecure_no_auth: bool = False) -> None:
    """Raise :class:`ConfigError` if ``host`` is not loopback and no tenant key is configured."""
    has_keys = any(t.api_key_sha256 for t in cfg.tenants)
    if has_keys or is_loopback(host):
        return
    if insecure_no_auth:
        log.warning(
            "serving on %s WITHOUT authentication (--insecure-no-auth): anyone who can connect "
            "shares one anonymous principal and can have any session's originals restored",
            host,
        )
        return
    raise ConfigError(
        f"refusing to serve on {host} without tenant API keys: anyone who can connect would "
        "share one anonymous identity and could have the originals of every conversation "
        "restored. Add tenants with api_key_sha256 to the gateway config, bind to 127.0.0.1, "
        "or pass --insecure-no-auth if a trusted proxy or private network does the "
        "authentication"
    )


__all__ = ["check_exposure", "is_loopback"]
