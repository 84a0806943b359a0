"""Completions, models, health, metrics, tenants and configuration."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from veil.errors import ConfigError
from veil.gateway import GatewayConfig, TenantRegistry, hash_api_key
from veil.gateway.sessions import SessionResolver
from veil.gateway.tenants import Principal, Tenant
from veil.wire.openai import ChatCompletionRequest

from .conftest import ScriptedUpstream, make_client, parse_sse, sse
from .fakes import FakeVeil


async def test_completions_plain_and_streamed(client, upstream: ScriptedUpstream) -> None:
    def reply(body):  # type: ignore[no-untyped-def]
        if body.get("stream"):
            chunks = [
                {
                    "id": "c",
                    "object": "text_completion",
                    "created": 1,
                    "model": "m",
                    "choices": [{"index": 0, "text": t, "finish_reason": None}],
                }
                for t in ("To [EMA", "IL_1] now", ".")
            ]
            chunks[-1]["choices"][0]["finish_reason"] = "length"
            return httpx.Response(200, content=sse(chunks))
        return httpx.Response(
            200,
            json={
                "id": "c",
                "object": "text_completion",
                "created": 1,
                "model": "m",
                "choices": [
                    {"index": 0, "text": f"Re: {body['prompt'][0]}"},
                    {"index": 1, "text": "[EMAIL_1]"},
                ],
            },
        )

    upstream.reply = reply
    r = await client.post(
        "/v1/completions",
        json={"model": "m", "prompt": ["mail jane@example.com"], "n": 2},
        headers={"X-Veil-Session": "s"},
    )
    assert r.status_code == 200, r.text
    assert [c["text"] for c in r.json()["choices"]] == [
        "Re: mail jane@example.com",
        "jane@example.com",
    ]
    assert upstream.bodies[0]["prompt"] == ["mail [EMAIL_1]"] and upstream.bodies[0]["n"] == 2
    r = await client.post(
        "/v1/completions",
        json={"model": "m", "prompt": "mail jane@example.com", "stream": True},
        headers={"X-Veil-Session": "s"},
    )
    events, done = parse_sse(r.text)
    assert done and "".join(e["choices"][0]["text"] for e in events) == "To jane@example.com now."
    assert "jane@example.com" not in json.dumps(upstream.bodies)


ADMIN = {"Authorization": "Bearer admin-key"}


async def test_models_health_and_metrics(upstream: ScriptedUpstream, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    registry = TenantRegistry([Tenant("default")], {}, admin_keys=[hash_api_key("admin-key")])
    client, _ = make_client(FakeVeil(), upstream, registry)
    async with client:
        upstream.reply = lambda body: httpx.Response(
            200, json={"object": "list", "data": [{"id": "m", "object": "model", "owned_by": "x"}]}
        )
        r = await client.get("/v1/models")
        assert r.json()["data"][0]["id"] == "m"
        assert (await client.get("/healthz")).json() == {"status": "ok"}

        upstream.reply = ScriptedUpstream.echo
        await client.post(
            "/v1/chat/completions",
            json={
                "model": "m",
                "messages": [{"role": "user", "content": "Jane Doe, jane@example.com"}],
            },
        )
        await client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "Jane Doe FAIL_DETECT"}]},
        )
        text = (await client.get("/metrics", headers=ADMIN)).text
        assert 'veil_entities_masked_total{type="PERSON"} 1.0' in text
        assert 'veil_requests_total{endpoint="chat",status="200",tenant="default"} 1.0' in text
        assert 'veil_errors_total{code="detection_failed"} 1.0' in text
        for secret in ("Jane", "jane@example.com"):
            assert secret not in text and secret not in caplog.text


def _registry() -> TenantRegistry:
    cfg = GatewayConfig.model_validate(
        {
            "tenants": [
                {"name": "acme", "api_key_sha256": [hash_api_key("key-acme")]},
                {"name": "globex", "api_key_sha256": [hash_api_key("key-globex").upper()]},
            ],
            "admin_api_key_sha256": [hash_api_key("admin-key")],
        }
    )
    return TenantRegistry.from_config(cfg)


async def test_tenants_authenticate_and_never_restore_each_other(upstream) -> None:
    core = FakeVeil()
    client, state = make_client(core, upstream, _registry())
    headers = {"X-Veil-Session": "shared-id"}
    async with client:
        r = await client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        )
        assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
        r = await client.post(
            "/v1/chat/completions",
            headers={"Authorization": "Bearer nope"},
            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        )
        assert r.status_code == 401
        assert upstream.bodies == []
        r = await client.post(
            "/v1/chat/completions",
            headers={**headers, "Authorization": "Bearer key-acme"},
            json={"model": "m", "messages": [{"role": "user", "content": "Jane Doe"}]},
        )
        assert r.json()["choices"][0]["message"]["content"] == "You said: Jane Doe"
        # globex, same session id, upstream answers with acme's placeholder
        upstream.reply = lambda body: httpx.Response(
            200,
            json={
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "[PERSON_1]"}}]
            },
        )
        r = await client.post(
            "/v1/chat/completions",
            headers={**headers, "X-Api-Key": "key-globex"},
            json={"model": "m", "messages": [{"role": "user", "content": "x"}]},
        )
        assert r.status_code == 200
        assert r.json()["choices"][0]["message"]["content"] == "[PERSON_1]"
        metrics = (await client.get("/metrics", headers=ADMIN)).text
        assert 'tenant="acme"' in metrics and 'tenant="globex"' in metrics


def test_session_derivation_is_stable_keyed_and_tenant_bound() -> None:
    res = SessionResolver(b"k" * 32)
    turn1 = ChatCompletionRequest.model_validate(
        {
            "model": "m",
            "messages": [
                {"role": "system", "content": "S"},
                {"role": "user", "content": "Jane Doe here"},
            ],
        }
    )
    turn2 = ChatCompletionRequest.model_validate(
        {
            "model": "m",
            "messages": [
                {"role": "system", "content": "S"},
                {"role": "user", "content": "Jane Doe here"},
                {"role": "assistant", "content": "ok"},
                {"role": "user", "content": "more"},
            ],
        }
    )
    acme, globex = Principal(Tenant("acme"), "key-a"), Principal(Tenant("globex"), "key-g")
    s1 = res.for_chat(acme, turn1, None)
    assert s1 == res.for_chat(acme, turn2, None)
    assert s1 != res.for_chat(globex, turn1, None)
    assert s1 != SessionResolver(b"j" * 32).for_chat(acme, turn1, None)
    assert "Jane" not in s1
    h = res.for_chat(acme, turn1, "conv-7")
    assert h.startswith("h:") and h == res.for_chat(acme, turn2, "conv-7")
    assert h != res.for_chat(globex, turn1, "conv-7")  # a header is bound to its principal
    assert res.for_completion(acme, None) != res.for_completion(acme, None)


def test_config_file_loading(tmp_path: Path) -> None:
    pol = tmp_path / "acme.yaml"
    pol.write_text("default_operator: pseudonym\n")
    cfg_file = tmp_path / "gw.yaml"
    cfg_file.write_text(
        "upstream: {base_url: 'http://x/v1', api_key_env: TEST_UPSTREAM_KEY}\n"
        "tenants:\n"
        f"  - {{name: acme, api_key_sha256: ['{hash_api_key('a')}'], policy_file: acme.yaml,\n"
        "      terms: [{term: Project Falcon, type: PROJECT}]}\n"
        f"  - {{name: globex, api_key_sha256: ['{hash_api_key('g')}'], policy: {{ner: false}}}}\n"
    )
    cfg = GatewayConfig.load(cfg_file)
    reg = TenantRegistry.from_config(cfg)
    acme = reg.authenticate("Bearer a").tenant
    assert acme.name == "acme" and acme.policy is not None
    assert acme.policy.default_operator == "pseudonym"
    assert [t.term for t in acme.policy.terms] == ["Project Falcon"]
    assert reg.authenticate(None, "g").tenant.policy.ner is False  # type: ignore[union-attr]


def test_the_default_tenants_policy_file_is_relative_to_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pol.yaml").write_text("default_operator: pseudonym\n")
    cfg_file = tmp_path / "gw.yaml"
    cfg_file.write_text("policy_file: pol.yaml\n")
    monkeypatch.chdir(tmp_path.parent)  # not the config's folder
    reg = TenantRegistry.from_config(GatewayConfig.load(cfg_file))
    policy = reg.authenticate(None).tenant.policy
    assert policy is not None and policy.default_operator == "pseudonym"


@pytest.mark.parametrize(
    "body",
    [
        "tenants: [{name: a, api_key_sha256: ['sk-plaintext-key']}]",
        "tenants: [{name: 'bad name!'}]",
        "upstream: {kind: nope}",
        "[1, 2]",
        "a: [",
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str) -> None:
    f = tmp_path / "gw.yaml"
    f.write_text(body)
    with pytest.raises(ConfigError) as e:
        GatewayConfig.load(f)
    assert "sk-plaintext-key" not in str(e.value)
