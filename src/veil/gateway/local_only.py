"""A gateway without tenant keys on a loopback address answers this machine's clients only --
and a web page in this machine's browser is one of them.

Without keys every caller is the one anonymous principal, who may list and read back every
batch, stored response and session of the gateway, restored. Loopback keeps other machines
out, not a page the user happens to open: through DNS rebinding (its own host name re-pointed
at 127.0.0.1) the page's requests become same-origin and it reads the answers; a cross-site
``text/plain`` POST (a "simple" request, no preflight) runs without it. So while the gateway
is open, a request is served only when its ``Host`` names a loopback address or ``localhost``
and its ``Origin``, if a browser sent one, is such a host too or one of ``cors_origins``. The
check lifts itself once a tenant key is added (the key then decides).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from veil.wire.errors import error_body

from .exposure import is_loopback
from .state import GatewayState

_MESSAGE = (
    "this gateway has no API keys and answers only requests addressed to localhost or a "
    "loopback address, from no web page but one served there or listed in cors_origins; "
    "call it as http://127.0.0.1:<port>, or give its tenants API keys"
)


def _host_name(host: str) -> str:
    """The name of a ``Host`` header without its port (``[::1]:8000`` -> ``::1``)."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


@functools.lru_cache(maxsize=256)  # a client sends the same few hosts and origins
def _local_host(host: bytes) -> bool:
    return is_loopback(_host_name(host.decode("latin-1")))


@functools.lru_cache(maxsize=256)
def _local_origin(origin: bytes) -> bool:
    try:
        name = urlsplit(origin.decode("latin-1")).hostname
    except ValueError:
        return False
    return name is not None and is_loopback(name)


def local_request(host: bytes | None, origin: bytes | None, origins: frozenset[str]) -> bool:
    """Whether a request with these headers comes from this machine's own clients."""
    if host is not None and not _local_host(host):
        return False
    return origin is None or origin.decode("latin-1") in origins or _local_origin(origin)


class LocalOnlyMiddleware:
    """Refuses (403 ``host_not_allowed``) what :func:`local_request` rejects while
    ``state.tenants`` holds no key."""

    def __init__(self, app: ASGIApp, state: GatewayState, cors_origins: Sequence[str] = ()
                 ) -> None:
        self.app, self.state, self.origins = app, state, frozenset(cors_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.state.tenants.open:
            host = origin = None
            for k, v in scope["headers"]:
                if k == b"host":
                    host = v
                elif k == b"origin":
                    origin = v
            if not local_request(host, origin, self.origins):
                body = json.dumps(error_body(_MESSAGE, "permission_error",
                                             code="host_not_allowed")).encode()
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


__all__ = ["LocalOnlyMiddleware", "local_request"]
