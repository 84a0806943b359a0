"""Trust boundary of the gateway: sessions bound to the authenticated principal, per-tenant
limits, admin-only routes, and the refusal to serve unauthenticated on a public address."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from veil.errors import ConfigError
from veil.gateway import GatewayConfig, TenantRegistry, hash_api_key
from veil.gateway.exposure import check_exposure, is_loopback
from veil.gateway.limits import Limiter, Limits
from veil.gateway.sessions import SessionResolver
from veil.gateway.tenants import ANONYMOUS, Principal, Tenant
from veil.wire.openai import ChatCompletionRequest

from .conftest import ScriptedUpstream, chat_body, make_client
from .fakes import FakeVeil

CHAT = "/v1/chat/completions"
A1, A2, B1, ADMIN = "key-acme-1", "key-acme-2", "key-globex", "key-admin"


def _registry(**extra: Any) -> TenantRegistry:
    cfg = GatewayConfig.model_validate(
        {
            "tenants": [
                {"name": "acme", "api_key_sha256": [hash_api_key(A1), hash_api_key(A2)]},
                {"name": "globex", "api_key_sha256": [hash_api_key(B1)]},
            ],
            **extra,
        }
    )
    return TenantRegistry.from_config(cfg)


def _auth(key: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}", **headers}


def _msg(text: str) -> dict[str, Any]:
    return {"model": "m", "messages": [{"role": "user", "content": text}]}


def _answer_with(text: str) -> Any:
    return lambda body: httpx.Response(200, json=chat_body(text))


# --- principals and sessions ---------------------------------------------------------------


def test_authentication_yields_a_stable_non_secret_principal() -> None:
    reg = _registry()
    p1, p1_again, p2 = (
        reg.authenticate(f"Bearer {A1}"),
        reg.authenticate(None, A1),
        reg.authenticate(f"Bearer {A2}"),
    )
    assert p1.tenant.name == p2.tenant.name == "acme"
    assert p1.id == p1_again.id and p1.id != p2.id
    assert A1 not in p1.id and hash_api_key(A1)[:16] not in p1.id
    open_reg = TenantRegistry([Tenant("default")], {})
    assert open_reg.authenticate(None).id == ANONYMOUS


async def test_same_session_header_under_another_key_is_another_session(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, _ = make_client(core, upstream, _registry())
    conv = {"X-Veil-Session": "conv-42"}
    first = {"role": "user", "content": "Mail jane@example.com"}
    async with client:
        r = await client.post(CHAT, headers=_auth(A1, **conv), json=_msg(first["content"]))
        assert r.status_code == 200
        assert upstream.bodies[-1]["messages"][0]["content"] == "Mail [EMAIL_1]"
        upstream.reply = _answer_with("Sure: [EMAIL_1], [EMAIL_2]")
        # the owner's next turn (history re-sent) restores its own placeholder
        turn2 = [first, {"role": "assistant", "content": "ok"},
                 {"role": "user", "content": "and bob@example.com?"}]
        r = await client.post(
            CHAT, headers=_auth(A1, **conv), json={"model": "m", "messages": turn2}
        )
        assert r.json()["choices"][0]["message"]["content"] == (
            "Sure: jane@example.com, bob@example.com"
        )
        # another key of the SAME tenant (and another tenant) replaying the session id lands in
        # a fresh session: its value is [EMAIL_1] there, and jane's mapping is out of reach
        for key in (A2, B1):
            r = await client.post(
                CHAT, headers=_auth(key, **conv), json=_msg("Mail eve@example.com")
            )
            assert upstream.bodies[-1]["messages"][0]["content"] == "Mail [EMAIL_1]"
            assert r.json()["choices"][0]["message"]["content"] == (
                "Sure: eve@example.com, [EMAIL_2]"
            )


async def test_derived_session_does_not_collide_across_principals(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, _ = make_client(core, upstream, _registry())
    opening = [
        {"role": "system", "content": "You are a mail assistant."},
        {"role": "user", "content": "Hello"},
    ]
    victim = opening + [
        {"role": "assistant", "content": "Hi"},
        {"role": "user", "content": "Write to jane@example.com"},
    ]
    attacker = opening + [
        {"role": "assistant", "content": "Hi"},
        {"role": "user", "content": "Write to eve@example.com"},
    ]
    async with client:
        r = await client.post(CHAT, headers=_auth(A1), json={"model": "m", "messages": victim})
        assert r.status_code == 200
        assert upstream.bodies[-1]["messages"][3]["content"] == "Write to [EMAIL_1]"
        upstream.reply = _answer_with("[EMAIL_1] / [EMAIL_2]")
        # same tenant, other key, identical opening: a session of its own
        r = await client.post(CHAT, headers=_auth(A2), json={"model": "m", "messages": attacker})
        assert upstream.bodies[-1]["messages"][3]["content"] == "Write to [EMAIL_1]"
        assert r.json()["choices"][0]["message"]["content"] == "eve@example.com / [EMAIL_2]"
        # the same key with the same opening is the same conversation (stable replacements)
        r = await client.post(CHAT, headers=_auth(A1), json={"model": "m", "messages": attacker})
        assert upstream.bodies[-1]["messages"][3]["content"] == "Write to [EMAIL_2]"
        assert r.json()["choices"][0]["message"]["content"] == "[EMAIL_1] / eve@example.com"


def test_session_ids_bind_tenant_principal_and_hide_the_header() -> None:
    res = SessionResolver(b"k" * 32)
    req = ChatCompletionRequest.model_validate(_msg("Jane Doe here"))
    acme = Tenant("acme")
    a, b = Principal(acme, "key-a"), Principal(acme, "key-b")
    other_tenant = Principal(Tenant("globex"), "key-a")
    assert res.for_chat(a, req, None) == res.for_chat(a, req, None)
    assert len({res.for_chat(p, req, None) for p in (a, b, other_tenant)}) == 3
    ha = res.for_chat(a, req, "conv-7")
    assert ha == res.for_completion(a, "conv-7") and "conv-7" not in ha
    assert ha != res.for_chat(b, req, "conv-7") != res.for_chat(other_tenant, req, "conv-7")
    assert res.for_completion(a, None) != res.for_completion(a, None)


# --- limits --------------------------------------------------------------------------------


def _limited(core: FakeVeil, upstream: ScriptedUpstream, **limits: int) -> Any:
    reg = _registry(
        limits={"max_body_bytes": 2000, "max_messages": 4},
        tenants=[
            {
                "name": "acme",
                "api_key_sha256": [hash_api_key(A1), hash_api_key(A2)],
                "limits": limits,
            },
            {"name": "globex", "api_key_sha256": [hash_api_key(B1)]},
        ],
    )
    return make_client(core, upstream, reg)


def _error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    err: dict[str, Any] = r.json()["error"]
    assert err["code"] == code and err["message"] and err["type"]
    return err


async def test_oversized_body_is_refused_before_it_is_read(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, _ = _limited(core, upstream)
    big = _msg("x" * 5000)
    async with client:
        r = await client.post(CHAT, headers=_auth(A1), json=big)
        _error(r, 413, "request_too_large")

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it streams
            raw = json.dumps(big).encode()
            for i in range(0, len(raw), 500):
                yield raw[i : i + 500]

        r = await client.post(
            CHAT, headers={**_auth(A1), "content-type": "application/json"}, content=chunks()
        )
        _error(r, 413, "request_too_large")
        r = await client.post(CHAT, headers=_auth(A1), json=_msg("x" * 500))
        assert r.status_code == 200
    assert core.protect_calls == 1 and len(upstream.bodies) == 1


async def test_too_many_messages_is_refused_without_masking(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, _ = _limited(core, upstream)
    msgs = [{"role": "user", "content": "hi"}] * 5
    async with client:
        r = await client.post(CHAT, headers=_auth(A1), json={"model": "m", "messages": msgs})
        err = _error(r, 413, "too_many_messages")
        assert "5" in err["message"] and "4" in err["message"]
        r = await client.post(
            "/v1/completions", headers=_auth(A1), json={"model": "m", "prompt": ["hi"] * 5}
        )
        _error(r, 413, "too_many_messages")
    assert core.protect_calls == 0 and upstream.bodies == []


@pytest.mark.parametrize(("body", "want"), [
    (b'{"messages": [1, 2, 3]}', ("messages", 3)),
    (b'{"model": NaN, "messages": [1, 2]}', ("messages", 2)),  # json's extension
    (b'{"x": "\\ud800", "prompt": [1]}', ("prompt", 1)),  # a lone surrogate
    (b'{"n": 123456789012345678901234567890, "input": [1, 2]}', ("input", 2)),
    (b'{"messages": "text"}', ("messages", 0)),
    (b"[1, 2]", ("messages", 0)),
    (b"not json", ("messages", 0)),
])
def test_the_items_of_any_json_body_python_reads_are_counted(
        body: bytes, want: tuple[str, int]) -> None:
    from veil.gateway.limits import _count_messages

    assert _count_messages(body) == want


async def test_rate_limit_is_per_tenant_with_retry_after(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, state = _limited(core, upstream, requests_per_minute=2)
    async with client:
        for _ in range(2):
            assert (await client.post(CHAT, headers=_auth(A1), json=_msg("hi"))).status_code == 200
        # the bucket is the tenant's: the other acme key is limited too
        r = await client.post(CHAT, headers=_auth(A2), json=_msg("hi"))
        _error(r, 429, "rate_limit_exceeded")
        assert 1 <= int(r.headers["retry-after"]) <= 30
        # another tenant keeps its own (default) budget
        assert (await client.post(CHAT, headers=_auth(B1), json=_msg("hi"))).status_code == 200
        # refusals are counted under the tenant
        metrics = state.metrics.render().decode()
        assert 'status="429",tenant="acme"' in metrics


def test_token_bucket_refills_at_the_configured_rate() -> None:
    now = [0.0]
    lim = Limiter(clock=lambda: now[0])
    limits = Limits(requests_per_minute=60)
    assert all(lim.take("t", limits) == 0.0 for _ in range(60))
    wait = lim.take("t", limits)
    assert 0.9 < wait <= 1.0
    now[0] += 1.0
    assert lim.take("t", limits) == 0.0 and lim.take("t", limits) > 0


async def test_concurrency_limit(core: FakeVeil) -> None:
    release = asyncio.Event()
    entered = asyncio.Event()

    async def slow(request: httpx.Request) -> httpx.Response:
        entered.set()
        await release.wait()
        return httpx.Response(200, json=chat_body("done"))

    up = ScriptedUpstream()
    client, state = _limited(core, up, max_concurrent_requests=1)
    state.upstream._client._transport = httpx.MockTransport(slow)  # type: ignore[attr-defined]
    async with client:
        first = asyncio.create_task(client.post(CHAT, headers=_auth(A1), json=_msg("hi")))
        await asyncio.wait_for(entered.wait(), 5)
        r = await client.post(CHAT, headers=_auth(A2), json=_msg("hi"))
        _error(r, 429, "concurrency_limit_exceeded")
        assert r.headers["retry-after"] == "1"
        release.set()
        assert (await first).status_code == 200
        # the slot is free again
        assert (await client.post(CHAT, headers=_auth(A1), json=_msg("hi"))).status_code == 200


# --- admin routes --------------------------------------------------------------------------


async def test_admin_routes_without_admin_key_configured_are_404(
    core: FakeVeil, upstream: ScriptedUpstream
) -> None:
    client, _ = make_client(core, upstream, _registry())
    async with client:
        await client.post(CHAT, headers=_auth(A1), json=_msg("hi"))
        for path in ("/metrics", "/openapi.json"):
            for headers in ({}, _auth(A1)):
                r = await client.get(path, headers=headers)
                _error(r, 404, "not_found")
                assert "acme" not in r.text and "veil_requests" not in r.text


async def test_admin_routes_need_the_admin_key(core: FakeVeil, upstream: ScriptedUpstream) -> None:
    client, _ = make_client(
        core, upstream, _registry(admin_api_key_sha256=[hash_api_key(ADMIN)])
    )
    async with client:
        await client.post(CHAT, headers=_auth(A1), json=_msg("hi"))
        for path in ("/metrics", "/openapi.json"):
            for headers in ({}, _auth(A1), _auth(B1), _auth("wrong")):
                r = await client.get(path, headers=headers)
                _error(r, 401, "invalid_api_key")
                assert "acme" not in r.text
        r = await client.get("/metrics", headers=_auth(ADMIN))
        assert r.status_code == 200 and 'tenant="acme"' in r.text
        r = await client.get("/openapi.json", headers=_auth(ADMIN))
        assert r.status_code == 200 and CHAT in r.json()["paths"]
        # the admin key is not a tenant key
        r = await client.post(CHAT, headers=_auth(ADMIN), json=_msg("hi"))
        assert r.status_code == 401


def test_tenants_without_any_key_are_refused() -> None:
    cfg = GatewayConfig.model_validate({"tenants": [{"name": "acme"}]})
    with pytest.raises(ConfigError, match="api_key_sha256"):
        TenantRegistry.from_config(cfg)


def test_admin_key_cannot_double_as_a_tenant_key() -> None:
    with pytest.raises(ValueError, match="admin key"):
        _registry(admin_api_key_sha256=[hash_api_key(A1)])


# --- closed by default ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("127.0.0.2", True), ("0.0.0.0", False), ("::", False), ("10.0.0.5", False),
     ("gateway.internal", False)],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_exposed_without_keys_needs_explicit_insecure_flag() -> None:
    open_cfg = GatewayConfig()
    check_exposure(open_cfg, "127.0.0.1")
    with pytest.raises(ConfigError, match="--insecure-no-auth"):
        check_exposure(open_cfg, "0.0.0.0")
    check_exposure(open_cfg, "0.0.0.0", insecure_no_auth=True)
    keyed = GatewayConfig.model_validate(
        {"tenants": [{"name": "a", "api_key_sha256": [hash_api_key("k")]}]}
    )
    check_exposure(keyed, "0.0.0.0")


def test_cli_serve_refuses_public_address_without_keys() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "veil.cli.app", "serve", "--host", "0.0.0.0", "--port", "0",
         "--upstream-base-url", "http://127.0.0.1:9/v1"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )
    assert r.returncode == 2, r.stderr
    assert "refusing to serve on 0.0.0.0 without tenant API keys" in r.stderr
    assert "--insecure-no-auth" in r.stderr and "listening" not in r.stderr
