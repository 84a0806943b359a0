"""The gateway's upstream transport (httpx over aiohttp's pool) against real sockets: bodies and
streams arrive whole, every failure comes back as the httpx error of the same meaning (the
gateway's "cannot reach" and "timed out" answers depend on it), TLS is checked, and a proxy
in the environment keeps httpx's own transport."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.tlsutil import CA
from veil.gateway.errors import UpstreamConnectError, UpstreamProtocolError, UpstreamTimeoutError
from veil.gateway.transport import AiohttpTransport
from veil.gateway.upstream import OpenAIUpstream

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _read_request(r: asyncio.StreamReader) -> tuple[bytes, bytes]:
    head = await r.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return head, await r.readexactly(length)


async def _echo(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
    """Keep-alive JSON echo: the request's path and body back."""
    try:
        while True:
            head, body = await _read_request(r)
            path = head.split(b" ")[1].decode()
            out = json.dumps({"path": path, "body": json.loads(body or b"null")}).encode()
            w.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    b"content-length: %d\r\n\r\n%s" % (len(out), out))
            await w.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        w.close()


@asynccontextmanager
async def _server(handler: Handler, tls: ssl.SSLContext | None = None) -> AsyncIterator[str]:
    srv = await asyncio.start_server(handler, "127.0.0.1", 0, ssl=tls)
    port = srv.sockets[0].getsockname()[1]
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        srv.close()


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


async def _chat_raises(base_url: str, errors: type[Exception] | tuple[type[Exception], ...],
                       **options: float) -> None:
    """The gateway's upstream client, asked for a chat completion, raises ``errors``."""
    up = OpenAIUpstream(base_url, **options)  # type: ignore[arg-type]
    try:
        with pytest.raises(errors):
            await up.chat({"model": "m", "messages": []})
    finally:
        await up.aclose()


async def test_json_round_trip_reuses_one_connection() -> None:
    connections = 0

    async def counting(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await _echo(r, w)

    async with _server(counting) as base, httpx.AsyncClient(transport=AiohttpTransport()) as c:
        for k in range(3):
            # an encoded path stays as sent; a non-ASCII body arrives intact
            r = await c.post(base + "/v1/x%2Fy?q=a%20b", json={"k": k, "name": "Zoë"})
            assert r.status_code == 200
            assert r.json() == {"path": "/v1/x%2Fy?q=a%20b", "body": {"k": k, "name": "Zoë"}}
            assert r.headers["content-type"] == "application/json"
    assert connections == 1


async def test_streamed_body_arrives_in_order() -> None:
    async def sse(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await _read_request(r)
        w.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                b"transfer-encoding: chunked\r\n\r\n")
        for i in range(5):
            data = b'data: {"i": %d}\n\n' % i
            w.write(b"%x\r\n%s\r\n" % (len(data), data))
            await w.drain()
            await asyncio.sleep(0.01)
        w.write(b"0\r\n\r\n")
        await w.drain()
        w.close()

    async with (_server(sse) as base, httpx.AsyncClient(transport=AiohttpTransport()) as c,
                c.stream("POST", base + "/s", json={}) as r):
        lines = [line async for line in r.aiter_lines() if line]
    assert lines == [f'data: {{"i": {i}}}' for i in range(5)]


async def test_refused_connection_is_a_connect_error_not_a_timeout() -> None:
    async with httpx.AsyncClient(transport=AiohttpTransport()) as c:
        with pytest.raises(httpx.ConnectError):
            await c.get(f"http://127.0.0.1:{_free_port()}/")
    await _chat_raises(f"http://127.0.0.1:{_free_port()}/v1", UpstreamConnectError)


async def test_body_cut_short_is_a_protocol_error() -> None:
    async def cut(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await _read_request(r)
        w.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"id\"")
        await w.drain()
        w.close()

    async with _server(cut) as base, httpx.AsyncClient(transport=AiohttpTransport()) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            await c.post(base + "/x", json={})


async def test_closed_without_answer_reaches_the_gateway_as_unreachable() -> None:
    async def hang_up(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await _read_request(r)
        w.close()

    async with _server(hang_up) as base:
        # no answer at all: a transport failure (502), never a made-up timeout
        await _chat_raises(base + "/v1", (UpstreamConnectError, UpstreamProtocolError))


async def test_silent_upstream_times_out() -> None:
    async def silent(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await _read_request(r)
        await asyncio.sleep(5)

    async with _server(silent) as base:
        async with httpx.AsyncClient(transport=AiohttpTransport(), timeout=0.3) as c:
            with pytest.raises(httpx.ReadTimeout):
                await c.post(base + "/x", json={})
        await _chat_raises(base + "/v1", UpstreamTimeoutError, read_timeout=0.3)


async def test_tls_is_verified(tmp_path: Path) -> None:
    ca = CA(tmp_path)
    leaf = ca.issue("upstream")
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(leaf.cert, leaf.key)
    trusting = ssl.create_default_context(cafile=str(ca.pem.cert))
    async with _server(_echo, tls=server) as base:
        async with httpx.AsyncClient(transport=AiohttpTransport(verify=trusting)) as c:
            assert (await c.post(base + "/ok", json=1)).json()["body"] == 1
        # the system's CAs do not know the test CA: refused, not sent
        async with httpx.AsyncClient(transport=AiohttpTransport()) as c:
            with pytest.raises(httpx.ConnectError):
                await c.post(base + "/no", json=1)


def test_one_transport_serves_successive_event_loops() -> None:
    transport = AiohttpTransport()

    async def once() -> int:
        async with _server(_echo) as base:
            c = httpx.AsyncClient(transport=transport)
            return (await c.post(base + "/x", json=7)).json()["body"]  # type: ignore[no-any-return]

    assert asyncio.run(once()) == 7
    assert asyncio.run(once()) == 7  # a new loop gets a session of its own
    asyncio.run(transport.aclose())


def test_a_proxy_in_the_environment_keeps_httpx_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.gateway.upstream import _pooled

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert isinstance(_pooled(True, 10), AiohttpTransport)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert _pooled(True, 10) is None


async def test_a_compressed_body_is_decoded() -> None:
    import gzip

    async def gzipped(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await _read_request(r)
        body = gzip.compress(b'{"answer": "ok"}')
        w.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
                b"content-length: %d\r\n\r\n%s" % (len(body), body))
        await w.drain()
        w.close()

    async with _server(gzipped) as base, httpx.AsyncClient(transport=AiohttpTransport()) as c:
        assert (await c.get(base + "/z")).json() == {"answer": "ok"}


async def test_a_stream_left_early_frees_its_connection() -> None:
    closed = asyncio.Event()
    opened = 0

    async def endless(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        nonlocal opened
        opened += 1
        head, _ = await _read_request(r)
        if b"/next" in head.split(b"\r\n")[0]:
            w.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
            await w.drain()
            return
        w.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                b"transfer-encoding: chunked\r\n\r\n")
        try:
            while True:  # an answer that never ends, until the client hangs up
                w.write(b"7\r\ndata:\n\n\r\n")
                await w.drain()
                await asyncio.sleep(0.01)
        except ConnectionError:
            closed.set()

    transport = AiohttpTransport(max_connections=1)
    async with _server(endless) as base, httpx.AsyncClient(transport=transport) as c:
        async with c.stream("GET", base + "/s") as r:
            async for _ in r.aiter_bytes():
                break
        await asyncio.wait_for(closed.wait(), 5)  # the unread rest is not left on a pooled socket
        # the only connection slot is free again: the next request is not stuck behind it
        r2 = await asyncio.wait_for(c.get(base + "/next"), 5)
        assert r2.text == "ok"
    assert opened == 2


@pytest.mark.parametrize("own_pool", [False, True], ids=["aiohttp-pool", "httpx-pool"])
async def test_a_cookie_set_for_one_request_never_rides_on_the_next(own_pool: bool) -> None:
    """One upstream client serves every caller: a cookie the upstream sets in one answer must
    not come back on anyone's later request (it would link callers, or lend one caller's
    upstream session to another)."""
    cookies: list[list[bytes]] = []

    async def tagging(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        try:
            while True:
                head, _ = await _read_request(r)
                lines = head.split(b"\r\n")
                cookies.append([x for x in lines if x.lower().startswith(b"cookie:")])
                out = b'{"id": "c", "object": "chat.completion", "choices": []}'
                w.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                        b"set-cookie: affinity=caller-%d; Path=/\r\n"
                        b"set-cookie: lb=a; Max-Age=3600; Path=/v1\r\n"
                        b"content-length: %d\r\n\r\n%s" % (len(cookies), len(out), out))
                await w.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            w.close()

    async with _server(tagging) as base:
        # a host name: aiohttp's own jar ignores cookies from IP addresses
        up = OpenAIUpstream(base.replace("127.0.0.1", "localhost") + "/v1",
                            transport=httpx.AsyncHTTPTransport() if own_pool else None)
        try:
            for _ in range(3):
                await up.chat({"model": "m", "messages": []})
                await up.models()
        finally:
            await up.aclose()
    assert len(cookies) == 6
    assert cookies == [[]] * 6
