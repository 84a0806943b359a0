"""Cookies on Veil's outbound HTTP clients: none kept.

One upstream client serves every tenant and caller of a gateway. A cookie the upstream set in
answer to one request would otherwise ride on every later one, whoever sent it: callers would
be linked at the upstream, and one caller's upstream session (affinity, a login) lent to the
next. Veil's upstream clients therefore keep no cookies, in httpx and in the pool under it.

:class:`CookielessAsyncClient` does so without asking a jar: httpx offers every response to its
jar through a urllib request it builds for the purpose, even to a jar that refuses everything
(about 2% of a busy gateway's CPU).
"""

from __future__ import annotations

from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from typing import Any

import httpx


class NoCookies(DefaultCookiePolicy):
    """A cookie policy that stores no cookie and sends none."""

    def set_ok(self, cookie: Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: Any) -> bool:
        return False


def no_cookie_jar() -> CookieJar:
    """A cookie jar that keeps nothing: pass it as ``httpx.AsyncClient(cookies=...)``."""
    return CookieJar(policy=NoCookies())


class _NoCookies(httpx.Cookies):
    """An empty cookie store that takes none from a response, adds none to a request, and
    refuses to be given one."""

    def __init__(self) -> None:
        super().__init__(no_cookie_jar())

    def extract_cookies(self, response: httpx.Response) -> None:
        return None

    def set_cookie_header(self, request: httpx.Request) -> None:
        return None

    def set(self, name: str, value: str, domain: str = "", path: str = "/") -> None:
        raise TypeError("Veil's upstream clients keep no cookies")

    def __setitem__(self, name: str, value: str) -> None:
        self.set(name, value)


class CookielessAsyncClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` that keeps no cookies, sends none and reads none: whatever
    ``cookies`` it is given is dropped."""

    @property
    def cookies(self) -> httpx.Cookies:
        store: httpx.Cookies | None = self.__dict__.get("_no_cookies")
        if store is None:
            store = self.__dict__["_no_cookies"] = _NoCookies()
        return store

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        pass  # none kept (httpx's own __init__ sets them)
