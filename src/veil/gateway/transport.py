"""An httpx transport on aiohttp's connection pool, for the gateway's upstream calls.

httpx stays the gateway's client API (its errors, timeouts, streaming, and the MockTransport
the tests inject); only the wire underneath changes. httpx's own pool (httpcore) cost the
gateway 0.5 ms of CPU per request, 7% of all it spends on a ~1 KB prompt with masking,
detection and the vault included (16 connections, one worker); aiohttp's pool does the same
work in C. Errors come back as the httpx errors that mean the same thing: a refused connection
is a :class:`httpx.ConnectError`, not a timeout, so the gateway's "cannot reach the upstream"
and "timed out" answers stay true.
"""

from __future__ import annotations

import asyncio
import os
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import httpx

_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
#: seconds an idle upstream connection is kept for reuse
KEEPALIVE_S = 15.0


def env_proxies() -> bool:
    """Whether the environment names an HTTP proxy (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, in
    either case). httpx routes through one only with its own transport, so a gateway behind a
    proxy keeps that transport: the speed is not worth a request that goes around the proxy."""
    return any(os.environ.get(name) or os.environ.get(name.lower()) for name in _PROXY_VARS)


@contextmanager
def _httpx_errors(request: httpx.Request) -> Iterator[None]:
    """aiohttp's errors as the httpx errors of the same meaning; the message names the kind
    of failure only (aiohttp's may carry the URL, never a body)."""
    import aiohttp

    try:
        yield
    except aiohttp.ConnectionTimeoutError:
        raise httpx.ConnectTimeout("connecting to the upstream timed out", request=request) \
            from None
    except (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError, TimeoutError):
        raise httpx.ReadTimeout("the upstream stopped sending", request=request) from None
    except aiohttp.ClientConnectorError as e:  # refused, DNS, TLS handshake
        raise httpx.ConnectError(
            f"cannot connect to the upstream ({type(e).__name__})", request=request
        ) from None
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError,
            aiohttp.ClientResponseError) as e:
        raise httpx.RemoteProtocolError(
            f"the upstream broke the HTTP exchange ({type(e).__name__})", request=request
        ) from None
    except aiohttp.ClientError as e:  # resets and other socket errors
        raise httpx.ReadError(
            f"the upstream connection failed ({type(e).__name__})", request=request
        ) from None


class _Body(httpx.AsyncByteStream):
    """An aiohttp response body as httpx reads it; closing it gives the connection back (or
    drops it when the body was not read to its end)."""

    def __init__(self, response: Any, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors(self._request):
            async for chunk in self._response.content.iter_any():
                yield chunk

    async def aclose(self) -> None:
        self._response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One aiohttp session per event loop (made on first use, inside the loop that uses it),
    at most ``max_connections`` connections, TLS checked as ``verify`` says."""

    def __init__(self, *, verify: ssl.SSLContext | bool = True, max_connections: int = 100) -> None:
        if isinstance(verify, ssl.SSLContext):
            self._ssl: ssl.SSLContext | bool = verify
        else:
            # httpx's default context (certifi, or SSL_CERT_FILE / SSL_CERT_DIR), or none
            self._ssl = httpx.create_ssl_context(verify=True) if verify else False
        self._max = max_connections
        self._session: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # imported with the transport, at the server's start: at the first request, the
        # import (0.1 s) was that request's wait
        import aiohttp  # noqa: F401
        import yarl  # noqa: F401

    def _client(self) -> Any:
        import aiohttp

        loop = asyncio.get_running_loop()
        if self._session is None or self._loop is not loop or self._session.closed:
            # a session belongs to the loop it was made in (a test client's loop may differ
            # from the server's); a session left on a finished loop is only dropped
            connector = aiohttp.TCPConnector(limit=self._max, ssl=self._ssl,
                                             keepalive_timeout=KEEPALIVE_S)
            # no cookie jar: the pool serves every caller, and httpx above keeps none either
            self._session = aiohttp.ClientSession(connector=connector, auto_decompress=False,
                                                  trust_env=False,
                                                  cookie_jar=aiohttp.DummyCookieJar())
            self._loop = loop
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import aiohttp
        import yarl

        t = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(total=None, connect=t.get("pool"),
                                        sock_connect=t.get("connect"), sock_read=t.get("read"))
        body = await request.aread()
        with _httpx_errors(request):
            response = await self._client().request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=request.headers.multi_items(),
                data=body or None,
                allow_redirects=False,
                timeout=timeout,
            )
        extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
        if response.reason:
            extensions["reason_phrase"] = response.reason.encode("ascii", "replace")
        return httpx.Response(response.status, headers=response.raw_headers,
                              stream=_Body(response, request), request=request,
                              extensions=extensions)

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            # made on another, finished loop: nothing left to close
            with suppress(RuntimeError):
                await session.close()
