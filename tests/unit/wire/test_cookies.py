"""The cookie jar of Veil's outbound clients keeps nothing, whatever the server sets."""

from __future__ import annotations

import httpx

from veil.wire.cookies import no_cookie_jar


def test_a_client_with_the_jar_never_sends_a_cookie_back() -> None:
    sent: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("cookie"))
        return httpx.Response(200, headers=[("set-cookie", "sid=abc; Path=/"),
                                            ("set-cookie", "track=1; Domain=example.org")])

    with httpx.Client(transport=httpx.MockTransport(server), cookies=no_cookie_jar()) as c:
        for _ in range(3):
            c.get("https://example.org/v1/models")
        assert len(c.cookies) == 0
    assert sent == [None, None, None]


def test_without_the_jar_the_same_client_would_send_it() -> None:
    """The control: httpx's default jar does keep the cookie, so the test above can fail."""
    sent: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("cookie"))
        return httpx.Response(200, headers=[("set-cookie", "sid=abc; Path=/")])

    with httpx.Client(transport=httpx.MockTransport(server)) as c:
        c.get("https://example.org/a")
        c.get("https://example.org/b")
    assert sent == [None, "sid=abc"]


def test_the_cookieless_client_sends_none_and_never_offers_a_response_to_a_jar(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    from http.cookiejar import CookieJar

    from veil.wire.cookies import CookielessAsyncClient

    offered: list[object] = []
    real = CookieJar.extract_cookies
    monkeypatch.setattr(CookieJar, "extract_cookies",
                        lambda self, *a: offered.append(a) or real(self, *a))
    sent: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("cookie"))
        return httpx.Response(200, headers=[("set-cookie", "sid=abc; Path=/")])

    async def calls() -> None:
        async with CookielessAsyncClient(transport=httpx.MockTransport(server),
                                         cookies={"given": "1"}) as c:
            for _ in range(3):
                await c.get("https://example.org/v1/models")
            assert len(c.cookies) == 0
            try:
                c.cookies.set("sid", "abc")
            except TypeError as e:
                assert "no cookies" in str(e)
            else:
                raise AssertionError("a cookie was accepted")
            c.cookies = {"later": "2"}
            await c.get("https://example.org/v1/models")
        # the control: a plain client offers each response to its jar
        async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as plain:
            await plain.get("https://example.org/v1/models")

    asyncio.run(calls())
    assert sent == [None, None, None, None, None]
    assert len(offered) == 1  # the plain client's response only
