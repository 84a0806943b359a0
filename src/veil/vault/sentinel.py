"""Redis clients from a URL, Sentinel included: the vault follows a failover of its primary.

``redis+sentinel://[:password@]host:port[,host:port...]/<service>[/<db>]`` names the Sentinels
that watch the primary called ``<service>`` (``mymaster`` when omitted). The password is the
data nodes' (``requirepass``); add ``?sentinel_password=...`` when the Sentinels have their own.
``rediss+sentinel://`` speaks TLS to the Sentinels and the data nodes alike, with the same
verification (CA, host name, client certificate). Any other URL goes to
``redis.Redis.from_url`` unchanged.

Why Sentinel here and not a retry loop: redis-py's ``SentinelConnectionPool`` asks the Sentinels
for the current primary whenever a connection fails, so after a failover the next request of a
retrying client reaches the promoted replica without a restart. Replication is asynchronous: a
mapping acknowledged by the old primary in the last moments before it died may be missing on the
new one (see docs/deploy.md for what that means for a conversation).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote

import redis
from redis.sentinel import Sentinel

SCHEMES = ("redis+sentinel://", "rediss+sentinel://")


def is_sentinel_url(url: str) -> bool:
    return url.startswith(SCHEMES)


def _hosts(netloc: str) -> list[tuple[str, int]]:
    out = []
    for part in netloc.split(","):
        host, _, port = part.strip().rpartition(":")
        if not host or not port.isdigit():
            raise ValueError("each Sentinel must be host:port")
        out.append((host.strip("[]"), int(port)))
    return out


def client_from_url(url: str, **kwargs: Any) -> redis.Redis:
    """A client for ``url``; raises ValueError for a malformed URL (the message names no secret)."""
    if not is_sentinel_url(url):
        return redis.Redis.from_url(url, **kwargs)
    scheme, rest = url.split("://", 1)
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, _, hosts = netloc.rpartition("@")
    password = unquote(userinfo.partition(":")[2]) or None if userinfo else None
    username = unquote(userinfo.partition(":")[0]) or None if userinfo else None
    segments = [s for s in path.split("/") if s]
    service = segments[0] if segments else "mymaster"
    db = int(segments[1]) if len(segments) > 1 and segments[1].isdigit() else 0
    if len(segments) > 2 or (len(segments) > 1 and not segments[1].isdigit()):
        raise ValueError("expected /<service>/<db> after the Sentinels")
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    sentinel_kwargs: dict[str, Any] = {
        k: kwargs[k] for k in ("socket_connect_timeout", "socket_timeout") if k in kwargs
    }
    if "sentinel_password" in params:
        sentinel_kwargs["password"] = params["sentinel_password"]
    tls = scheme.startswith("rediss")
    if tls:
        # The Sentinels too: they hand out the primary's address, so a plaintext Sentinel link
        # lets anyone on the path redirect the vault (and its password) to a host of theirs.
        sentinel_kwargs["ssl"] = True
        sentinel_kwargs.update({k: v for k, v in kwargs.items() if k.startswith("ssl_")})
    else:
        kwargs = {k: v for k, v in kwargs.items() if not k.startswith("ssl_")}
    sentinel = Sentinel(  # type: ignore[no-untyped-call, unused-ignore]
        _hosts(hosts),
        sentinel_kwargs=sentinel_kwargs,
        username=username,
        password=password,
        db=db,
        ssl=tls,
        **kwargs,
    )
    client: redis.Redis = sentinel.master_for(  # type: ignore[no-untyped-call, unused-ignore]
        service, redis_class=redis.Redis
    )
    return client


__all__ = ["SCHEMES", "client_from_url", "is_sentinel_url"]
