"""HTTP fidelity of the gateway: upstream errors and headers pass through, every response has an
``x-request-id``, every error is OpenAI-shaped, CORS is opt-in, ``/readyz`` names what is down."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.tenants import Tenant
from veil.wire.sse import parse_sse

from .conftest import ScriptedUpstream, chat_body, delta_chunk, sse
from .fakes import FakeVeil

CHAT = "/v1/chat/completions"
SECRET = "Jane Doe"  # detected by FakeVeil: the upstream only ever sees [PERSON_1]
UPSTREAM_HEADERS = {
    "x-request-id": "req_up_123",
    "retry-after": "7",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-reset-tokens": "1s",
    "openai-processing-ms": "42",
    "set-cookie": "never=forwarded",
}


def _client(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    core: FakeVeil | None = None,
    cors_origins: tuple[str, ...] = (),
) -> httpx.AsyncClient:
    state = GatewayState(
        core=core or FakeVeil(),
        upstream=OpenAIUpstream("http://upstream.test/v1", transport=httpx.MockTransport(handler)),
        tenants=TenantRegistry([Tenant("default")], {}),
    )
    app = create_app(state, cors_origins=cors_origins)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test")


def _chat(stream: bool = False, content: str = f"hi {SECRET}") -> dict[str, Any]:
    return {"model": "m", "stream": stream, "messages": [{"role": "user", "content": content}]}


def _assert_passthrough(headers: httpx.Headers) -> None:
    assert headers["x-upstream-request-id"] == "req_up_123"
    assert headers["retry-after"] == "7"
    assert headers["x-ratelimit-remaining-requests"] == "0"
    assert headers["x-ratelimit-reset-tokens"] == "1s"
    assert headers["openai-processing-ms"] == "42"
    assert "set-cookie" not in headers
    assert headers["x-request-id"] != "req_up_123"  # Veil's own id, not the upstream's


@pytest.mark.parametrize(
    ("status", "error", "expected_status"),
    [
        (
            400,
            {
                "message": "This model's maximum context length is 8192 tokens. [PERSON_1]",
                "type": "invalid_request_error",
                "param": "messages",
                "code": "context_length_exceeded",
            },
            400,
        ),
        (
            429,
            {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"},
            429,
        ),
        (
            404,
            {
                "message": "The model `m` does not exist",
                "type": "invalid_request_error",
                "code": "model_not_found",
            },
            404,
        ),
        (
            503,
            {"message": "The server is overloaded", "type": "server_error", "code": "overloaded"},
            502,
        ),
    ],
)
async def test_upstream_errors_pass_through(
    status: int, error: dict[str, Any], expected_status: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": error}, headers=UPSTREAM_HEADERS)

    async with _client(handler) as c:
        for stream in (False, True):
            r = await c.post(CHAT, json=_chat(stream))
            assert r.status_code == expected_status
            got = r.json()["error"]
            assert got["code"] == error["code"] and got["type"] == error["type"]
            assert got["param"] == error.get("param")
            assert got["message"] == error["message"]  # as the upstream said it: unrestored
            assert SECRET not in r.text
            _assert_passthrough(r.headers)
    # The upstream's message is for the client only: never logged.
    assert error["message"] not in caplog.text and SECRET not in caplog.text


async def test_upstream_error_without_body_is_still_openai_shaped() -> None:
    async with _client(lambda request: httpx.Response(500, text="<html>oops</html>")) as c:
        r = await c.post(CHAT, json=_chat())
    assert r.status_code == 502
    assert r.json()["error"]["code"] == "upstream_status"
    assert "oops" not in r.text


async def test_long_upstream_messages_are_cut() -> None:
    long = "x" * 50_000
    handler = lambda request: httpx.Response(  # noqa: E731
        400, json={"error": {"message": long, "type": "invalid_request_error"}}
    )
    async with _client(handler) as c:
        r = await c.post(CHAT, json=_chat())
    assert r.status_code == 400 and 0 < len(r.json()["error"]["message"]) <= 1000


async def test_headers_pass_through_on_success_json_and_stream() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if b'"stream":true' in request.content.replace(b" ", b""):
            chunks = [delta_chunk({"role": "assistant", "content": "ok"}), delta_chunk({}, "stop")]
            return httpx.Response(200, content=sse(chunks), headers=UPSTREAM_HEADERS)
        return httpx.Response(200, json=chat_body("ok"), headers=UPSTREAM_HEADERS)

    async with _client(handler) as c:
        r = await c.post(CHAT, json=_chat())
        assert r.status_code == 200
        _assert_passthrough(r.headers)
        r = await c.post(CHAT, json=_chat(stream=True))
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        _assert_passthrough(r.headers)
        assert parse_sse(r.text)[1]


async def test_request_id_on_every_response(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="veil.gateway")
    up = ScriptedUpstream()
    async with _client(up.handler) as c:
        generated = (await c.post(CHAT, json=_chat())).headers["x-request-id"]
        assert generated.startswith("req_") and len(generated) <= 128
        assert generated != (await c.get("/healthz")).headers["x-request-id"]
        assert generated in caplog.text  # logged with the request
        r = await c.get("/healthz", headers={"x-request-id": "client-id.42:a/b"})
        assert r.headers["x-request-id"] == "client-id.42:a/b"
        r = await c.get("/healthz", headers={"x-client-request-id": "sdk-7"})
        assert r.headers["x-request-id"] == "sdk-7"
        for bad in ("x" * 129, "has space", "new\u00e9line"):
            r = await c.get("/healthz", headers={"x-request-id": bad.encode("utf-8")})
            assert r.headers["x-request-id"].startswith("req_")
        assert (await c.get("/nope")).headers["x-request-id"].startswith("req_")


async def test_every_error_is_openai_shaped() -> None:
    up = ScriptedUpstream()
    async with _client(up.handler) as c:
        for r, status, code in [
            (await c.get("/v1/nope"), 404, "not_found"),
            (await c.get(CHAT), 405, "method_not_allowed"),
            (await c.delete("/v1/models"), 405, "method_not_allowed"),
        ]:
            assert r.status_code == status
            assert set(r.json()["error"]) == {"message", "type", "param", "code"}
            assert r.json()["error"]["code"] == code
        r = await c.post(
            CHAT,
            content=b'{"model": "m", "messages": [',
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"
        r = await c.post(CHAT, json={"model": "m", "messages": [{"role": "user", "content": 5}]})
        assert r.status_code == 400 and set(r.json()["error"]) == {
            "message",
            "type",
            "param",
            "code",
        }
    assert up.bodies == []


async def test_cors_is_off_by_default_and_configurable() -> None:
    up = ScriptedUpstream()
    preflight = {
        "origin": "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
    }
    async with _client(up.handler) as c:
        r = await c.get("/healthz", headers={"origin": "https://app.example.com"})
        assert "access-control-allow-origin" not in r.headers
        r = await c.options(CHAT, headers=preflight)
        assert "access-control-allow-origin" not in r.headers
    async with _client(up.handler, cors_origins=("https://app.example.com",)) as c:
        r = await c.options(CHAT, headers=preflight)
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://app.example.com"
        r = await c.post(CHAT, json=_chat(), headers={"origin": "https://app.example.com"})
        assert r.headers["access-control-allow-origin"] == "https://app.example.com"
        assert "x-request-id" in r.headers["access-control-expose-headers"]
        r = await c.options(CHAT, headers={**preflight, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


async def test_stream_to_an_unreachable_upstream_is_a_normal_http_error() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with _client(refused) as c:
        r = await c.post(CHAT, json=_chat(stream=True))
    assert r.status_code == 502
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["code"] == "upstream_unreachable"


async def test_readyz_names_the_part_that_is_down() -> None:
    core = FakeVeil()
    models_calls = 0
    upstream_down = False

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal models_calls
        if request.url.path.endswith("/models"):
            models_calls += 1
            if upstream_down:
                raise httpx.ConnectError("refused", request=request)
            return httpx.Response(200, json={"object": "list", "data": []})
        return httpx.Response(200, json=chat_body("ok"))

    async with _client(handler, core=core) as c:
        r = await c.get("/readyz")
        assert r.status_code == 200
        assert r.json()["components"] == {"vault": "ok", "detector": "ok", "upstream": "ok"}
        # cached: a load balancer polling /readyz does not poll the upstream each time
        await c.get("/readyz")
        assert models_calls == 1 and core.fake_vault.pings == 1
        app = c._transport.app  # type: ignore[attr-defined]
        app.state.readiness.ttl_s = 0.0  # from here on, every call checks again
        core.fake_vault.down, core.detector_down, upstream_down = True, True, True
        r = await c.get("/readyz")
        assert r.status_code == 503
        err = r.json()["error"]
        assert err["code"] == "not_ready" and err["type"] == "server_error"
        assert "vault: down (vault_unavailable)" in err["message"]
        assert "detector: down (detection_failed)" in err["message"]
        assert "upstream: down (upstream_unreachable)" in err["message"]
        core.fake_vault.down, core.detector_down, upstream_down = False, False, False
        assert (await c.get("/readyz")).status_code == 200
        assert (await c.get("/healthz")).status_code == 200


def test_fresh_request_ids_pass_the_audit_logs_own_check() -> None:
    # the audit log checks every id again and drops one that fails: a random hex id holds a
    # run of nine digits about one time in seven, so a fresh id must be drawn to pass
    from veil.gateway.request_id import is_opaque_id, new_request_id

    ids = [new_request_id() for _ in range(2000)]
    assert all(i.startswith("req_") and is_opaque_id(i) for i in ids)
    assert len(set(ids)) == len(ids)
