"""Attack 6: exhausting the gateway -- huge bodies, huge message lists, floods of requests."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

from tests.e2e.conftest import Proc, Upstream

from .conftest import KEYS, RATE_LIMIT, assert_openai_error, client, raw

pytestmark = pytest.mark.slow


def test_a_6_8_mb_body_is_refused_with_413(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    n = len(attack_upstream.bodies())
    body = json.dumps(
        {"model": "echo", "messages": [{"role": "user", "content": "x" * 6_800_000}]}
    )
    with raw(tenant_gateway) as http:
        resp = http.post(
            "/v1/chat/completions", content=body, headers={"content-type": "application/json"}
        )
    assert_openai_error(resp, 413)
    assert len(attack_upstream.bodies()) == n


def test_a_streamed_body_without_length_is_cut_off(tenant_gateway: Proc) -> None:
    """Chunked upload: no Content-Length to check up front, the body is counted as it comes."""

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"model": "echo", "messages": [{"role": "user", "content": "'
        for _ in range(70):
            yield b"y" * 100_000
        yield b'"}]}'

    with raw(tenant_gateway) as http:
        resp = http.post("/v1/chat/completions", content=chunks(),
                         headers={"content-type": "application/json"})
    assert_openai_error(resp, 413)


def test_20000_messages_are_refused_quickly(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    n = len(attack_upstream.bodies())
    msgs = [{"role": "user", "content": "hi"} for _ in range(20_000)]
    t0 = time.monotonic()
    with raw(tenant_gateway) as http:
        resp = http.post("/v1/chat/completions", json={"model": "echo", "messages": msgs})
    assert time.monotonic() - t0 < 10
    assert resp.status_code in (400, 413)
    assert_openai_error(resp, resp.status_code)
    assert len(attack_upstream.bodies()) == n


def test_requests_over_the_per_minute_limit_get_429(tenant_gateway: Proc) -> None:
    c = client(tenant_gateway, "throttled")
    refused: openai.RateLimitError | None = None
    for _ in range(RATE_LIMIT + 2):
        try:
            c.chat.completions.create(model="echo", messages=[{"role": "user", "content": "Hi."}])
        except openai.RateLimitError as e:
            refused = e
            break
    assert refused is not None, f"{RATE_LIMIT + 2} requests in a row were all served"
    retry_after = refused.response.headers.get("retry-after")
    assert retry_after is not None and int(retry_after) >= 1
    assert isinstance(refused.body, dict) and refused.body.get("code")
    # other tenants are not throttled by it
    r = client(tenant_gateway, "globex").chat.completions.create(
        model="echo", messages=[{"role": "user", "content": "Hi."}]
    )
    assert r.choices[0].message.content == "Echo: Hi."


def test_limit_refusals_carry_a_request_id(tenant_gateway: Proc) -> None:
    resp = httpx.post(
        tenant_gateway.url + "/v1/chat/completions",
        content=b"{" + b" " * 2_000_000 + b"}",
        headers={"content-type": "application/json", "authorization": f"Bearer {KEYS['acme-a']}"},
        timeout=60,
    )
    assert resp.status_code == 413
    assert resp.headers.get("x-request-id")
