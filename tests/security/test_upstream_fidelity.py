"""Attack 8 (on the client's trust): upstream answers the gateway disguises or drops.

Upstream errors keep their status and code (clients branch on ``context_length_exceeded`` and
back off on 429 using ``retry-after`` / ``x-ratelimit-*``); every response has an
``x-request-id``; routing errors are OpenAI-shaped; an unreachable upstream is reported as
``upstream_unreachable``, streamed or not.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.e2e.conftest import VEIL, Proc, gateway_env, stop

from .conftest import KEYS, assert_openai_error, client, start_server

pytestmark = pytest.mark.slow

ERRORS = {
    "err-context": (openai.BadRequestError, 400, "context_length_exceeded"),
    "err-ratelimit": (openai.RateLimitError, 429, "rate_limit_exceeded"),
    "err-model": (openai.NotFoundError, 404, "model_not_found"),
}
HELLO = [{"role": "user", "content": "Hello."}]


def _code(e: openai.APIError) -> Any:
    body = e.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    return body.get("code") if isinstance(body, dict) else None


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("model", list(ERRORS))
def test_upstream_errors_keep_status_and_code(
    tenant_gateway: Proc, model: str, stream: bool
) -> None:
    cls, status, code = ERRORS[model]
    c = client(tenant_gateway)
    with pytest.raises(cls) as e:
        out = c.chat.completions.create(model=model, messages=HELLO, stream=stream)
        if stream:
            list(out)  # type: ignore[arg-type]
    assert e.value.status_code == status
    assert _code(e.value) == code
    if model == "err-ratelimit":
        h = e.value.response.headers
        assert h.get("retry-after") == "7"
        assert h.get("x-ratelimit-remaining-requests") == "0"
        assert h.get("x-ratelimit-reset-requests") == "7s"
    assert e.value.response.headers.get("x-request-id")


def test_ratelimit_headers_pass_through_on_success(tenant_gateway: Proc) -> None:
    raw = client(tenant_gateway).chat.completions.with_raw_response.create(
        model="echo", messages=HELLO
    )
    assert raw.headers.get("x-ratelimit-limit-requests") == "60"
    assert raw.headers.get("x-ratelimit-remaining-tokens") == "149000"
    assert raw.headers.get("x-request-id")


def test_every_response_has_a_request_id(tenant_gateway: Proc) -> None:
    auth = {"Authorization": f"Bearer {KEYS['acme-a']}"}
    with httpx.Client(base_url=tenant_gateway.url, timeout=60) as http:
        probes = [
            http.post("/v1/chat/completions", headers=auth,
                      json={"model": "echo", "messages": HELLO}),
            http.post("/v1/chat/completions", headers=auth,
                      json={"model": "echo", "messages": HELLO, "stream": True}),
            http.post("/v1/completions", headers=auth, json={"model": "echo", "prompt": "Hi"}),
            http.post("/v1/chat/completions", json={"model": "echo", "messages": HELLO}),
            http.post("/v1/chat/completions", headers=auth, json={"model": "echo"}),
            http.post("/v1/chat/completions", headers=auth, content=b"{not json"),
            http.get("/v1/models", headers=auth),
            http.get("/v1/nope", headers=auth),
            http.get("/v1/chat/completions", headers=auth),
            http.get("/healthz"),
            http.get("/readyz"),
            http.get("/metrics"),
        ]
    ids = [r.headers.get("x-request-id") for r in probes]
    assert all(ids), [(r.request.url.path, r.status_code) for r in probes if not r.headers.get(
        "x-request-id")]
    assert len(set(ids)) == len(ids)


def test_a_client_request_id_is_not_reflected_unchecked(tenant_gateway: Proc) -> None:
    """A caller-chosen id may be echoed only if it is a plain token (no header injection)."""
    resp = httpx.get(
        tenant_gateway.url + "/healthz", headers={"x-request-id": "abc\tdef<script>"}, timeout=30
    )
    assert "<script>" not in resp.headers.get("x-request-id", "")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/v1/nope", 404), ("POST", "/v2/chat/completions", 404),
     ("GET", "/v1/chat/completions", 405), ("DELETE", "/v1/models", 405)],
)
def test_routing_errors_are_openai_shaped(
    tenant_gateway: Proc, method: str, path: str, status: int
) -> None:
    resp = httpx.request(method, tenant_gateway.url + path,
                         headers={"Authorization": f"Bearer {KEYS['acme-a']}"}, timeout=30)
    assert_openai_error(resp, status)


@pytest.fixture(scope="module")
def dead_upstream_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    """``veil serve`` (loopback, no tenants, SQLite) whose upstream port has no listener."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    d = tmp_path_factory.mktemp("dead-upstream")
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", f"http://127.0.0.1:{port}/v1"],
        env=gateway_env(d / "home", "sqlite", None),
        log=d / "gateway.log",
        timeout=240,
        ready="/healthz",  # /readyz is 503 by design: the upstream is down
    )
    try:
        yield p
    finally:
        stop(p.proc)


@pytest.mark.parametrize("stream", [False, True])
def test_unreachable_upstream_is_reported(dead_upstream_gateway: Proc, stream: bool) -> None:
    c = client(dead_upstream_gateway, None)
    with pytest.raises(openai.APIError) as e:
        out = c.chat.completions.create(model="echo", messages=HELLO, stream=stream)
        if stream:
            list(out)  # type: ignore[arg-type]
    assert _code(e.value) == "upstream_unreachable"
    if isinstance(e.value, openai.APIStatusError):
        assert e.value.status_code == 502


