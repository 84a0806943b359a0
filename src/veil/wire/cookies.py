"""Cookies on Veil's outbound HTTP clients: none kept.

One upstream client serves every tenant and caller of a gateway. A cookie the upstream set in
answer to one request would otherwise ride on every later one, whoever sent it: callers would
be linked at the upstream, and one caller's upstream session (affinity, a login) lent to the
next. Veil's upstream clients therefore keep no cookies, in httpx and in the pool under it.
"""

from __future__ import annotations

from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from typing import Any


class NoCookies(DefaultCookiePolicy):
    """A cookie policy that stores no cookie and sends none."""

    def set_ok(self, cookie: Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: Any) -> bool:
        return False


def no_cookie_jar() -> CookieJar:
    """A cookie jar that keeps nothing: pass it as ``httpx.AsyncClient(cookies=...)``."""
    return CookieJar(policy=NoCookies())
