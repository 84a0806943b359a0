"""Who may use the console: an operator who logged in with an admin key.

The login form takes an admin key (``admin_api_key_sha256`` in the gateway config; tenant keys
are refused) and sets a session cookie: HttpOnly, SameSite=Strict, Secure over TLS, signed with a
key derived from the gateway's session secret, and expiring. The cookie names the admin key by
its non-secret id, so removing that key from the config ends its sessions.

Every state-changing request carries a CSRF token (form field ``csrf`` or header
``X-CSRF-Token``) bound to the session, and is refused when the browser says it comes from
another site. Failed logins are rate limited per client address and overall.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from starlette.requests import Request

from veil.gateway.state import GatewayState

COOKIE = "veil_console"
SESSION_SECONDS = 8 * 3600
#: Failed logins allowed per client address and per window, and for all clients together.
LOGIN_FAILURES_PER_CLIENT = 5
LOGIN_FAILURES_TOTAL = 50
LOGIN_WINDOW_S = 60.0


@dataclass(frozen=True)
class ConsoleSession:
    key_id: str  # id of the admin key that logged in
    sid: str  # random per login: what the CSRF token is bound to
    expires: int

    @property
    def operator(self) -> str:
        return self.key_id


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionSigner:
    """Signs and checks console session cookies and CSRF tokens."""

    def __init__(self, state: GatewayState) -> None:
        self._state = state
        self._key = state.sessions.derived_key("console-session")

    def _mac(self, *parts: str) -> str:
        return _b64(hmac.new(self._key, "\x00".join(parts).encode(), hashlib.sha256).digest())

    def issue(self, key_id: str, *, now: float | None = None) -> tuple[str, ConsoleSession]:
        s = ConsoleSession(key_id, secrets.token_urlsafe(16),
                           int((now or time.time()) + SESSION_SECONDS))
        payload = _b64(json.dumps({"k": s.key_id, "s": s.sid, "e": s.expires}).encode())
        return f"{payload}.{self._mac('cookie', payload)}", s

    def check(self, cookie: str | None, *, now: float | None = None) -> ConsoleSession | None:
        if not cookie or cookie.count(".") != 1 or len(cookie) > 512:
            return None
        payload, mac = cookie.split(".")
        if not hmac.compare_digest(mac, self._mac("cookie", payload)):
            return None
        try:
            data = json.loads(_unb64(payload))
            s = ConsoleSession(str(data["k"]), str(data["s"]), int(data["e"]))
        except (ValueError, KeyError, TypeError):
            return None
        if s.expires < (now or time.time()):
            return None
        if not self._state.tenants.is_admin_key_id(s.key_id):
            return None
        return s

    def csrf(self, session: ConsoleSession) -> str:
        return self._mac("csrf", session.sid)

    def check_csrf(self, session: ConsoleSession, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf(session))


def cross_site(request: Request) -> bool:
    """True when the browser reports the request as coming from another site (or origin)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] != host


class LoginThrottle:
    """Failed logins per client address (and overall) in a sliding window."""

    def __init__(self) -> None:
        self._by_client: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    @staticmethod
    def _trim(q: deque[float], now: float) -> None:
        while q and q[0] <= now - LOGIN_WINDOW_S:
            q.popleft()

    def retry_after(self, client: str, *, now: float | None = None) -> int:
        """Seconds to wait before another attempt (0: allowed now)."""
        t = now or time.monotonic()
        with self._lock:
            q = self._by_client.get(client, deque())
            self._trim(q, t)
            self._trim(self._all, t)
            waits = []
            if len(q) >= LOGIN_FAILURES_PER_CLIENT:
                waits.append(q[0] + LOGIN_WINDOW_S - t)
            if len(self._all) >= LOGIN_FAILURES_TOTAL:
                waits.append(self._all[0] + LOGIN_WINDOW_S - t)
            return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, client: str, *, now: float | None = None) -> None:
        t = now or time.monotonic()
        with self._lock:
            if len(self._by_client) > 10_000:  # bound memory under a spray of addresses
                self._by_client.clear()
            self._by_client.setdefault(client, deque()).append(t)
            self._all.append(t)


__all__ = [
    "COOKIE",
    "ConsoleSession",
    "LoginThrottle",
    "SESSION_SECONDS",
    "SessionSigner",
    "cross_site",
]
