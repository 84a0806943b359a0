"""Peer review of the documented gateway (README.md, docs/gateway.md), black box.

One ``veil serve`` (SQLite vault) in front of the recording upstream, driven by the official
``openai`` and ``anthropic`` SDKs and plain HTTP. Each test names the documented claim it checks.
All values are made up.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

import anthropic
import httpx
import openai
import pytest

from tests.e2e.conftest import VEIL, Proc, Upstream, gateway_env, start_server, stop
from veil.gateway import hash_api_key

KEYS = {
    "acme-a": "sk-peer72-acme-alice",
    "acme-b": "sk-peer72-acme-bob",
    "globex": "sk-peer72-globex",
    "tiny": "sk-peer72-tiny",
    "solo": "sk-peer72-solo",
}
ADMIN = "sk-peer72-admin"
ORIGIN = "https://app.peer72.example.com"
#: requests per minute of tenant ``tiny``; its max_messages
TINY_RPM, TINY_MESSAGES = 2, 3
EMAIL, PERSON, CARD = "quentin.marlowe@example.org", "Quentin Marlowe", "4111 1111 1111 1111"
PLANTED = [EMAIL, PERSON, CARD, "Marlowe"]


@pytest.fixture(scope="module")
def gw(recording_upstream: Upstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    d = tmp_path_factory.mktemp("peer72")
    en = {"languages": ["en"]}
    cfg = {
        "session_secret": "peer72-secret",
        "admin_api_key_sha256": [hash_api_key(ADMIN)],
        "cors_origins": [ORIGIN],
        "limits": {"max_body_bytes": 200_000},
        "tenants": [
            {"name": "acme", "policy": en,
             "api_key_sha256": [hash_api_key(KEYS["acme-a"]), hash_api_key(KEYS["acme-b"])]},
            {"name": "globex", "policy": {**en, "default_operator": "pseudonym"},
             "api_key_sha256": [hash_api_key(KEYS["globex"])]},
            {"name": "tiny", "policy": en, "api_key_sha256": [hash_api_key(KEYS["tiny"])],
             "limits": {"requests_per_minute": TINY_RPM, "max_messages": TINY_MESSAGES}},
            {"name": "solo", "policy": en, "api_key_sha256": [hash_api_key(KEYS["solo"])],
             "limits": {"max_concurrent_requests": 1}},
        ],
    }
    path = d / "gateway.yaml"
    path.write_text(json.dumps(cfg))
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", recording_upstream.url, "--config", str(path),
         "--access-log"],
        env=gateway_env(d / "home", "sqlite", None), log=d / "gateway.log", timeout=240,
    )
    try:
        yield p
    finally:
        stop(p.proc)
        log = p.log_text()
        leaked = [v for v in PLANTED if v in log]
        assert not leaked, f"{len(leaked)} test value(s) in the gateway's log"


def oa(gw: Proc, who: str = "acme-a", **headers: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=KEYS[who], max_retries=0, timeout=60,
                         default_headers=headers or None)


def http(gw: Proc, who: str | None = "acme-a") -> httpx.Client:
    headers = {"Authorization": f"Bearer {KEYS[who]}"} if who else {}
    return httpx.Client(base_url=gw.url, headers=headers, timeout=60)


def err(resp: httpx.Response, status: int) -> dict[str, Any]:
    """The documented error shape: ``{"error": {"message", "type", "param", "code"}}``."""
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    e = resp.json()["error"]
    assert set(e) >= {"message", "type", "param", "code"}, e
    return e


def chat_body(text: str, model: str = "echo", **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": text}], **extra}


# -- chat and completions -----------------------------------------------------------------------


def test_chat_masks_upstream_and_restores(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    r = oa(gw).chat.completions.create(
        model="echo", messages=[{"role": "user", "content": f"Write to {PERSON}, {EMAIL}"}])
    text = r.choices[0].message.content or ""
    assert PERSON in text and EMAIL in text
    sent = json.dumps(recording_upstream.bodies()[n:])
    assert EMAIL not in sent and PERSON not in sent and "[EMAIL_1]" in sent


def test_chat_stream_restored_and_ends_with_done(gw: Proc) -> None:
    with http(gw) as c, c.stream("POST", "/v1/chat/completions",
                                 json=chat_body(f"Mail {EMAIL} now", stream=True)) as resp:
        assert resp.status_code == 200
        lines = [ln for ln in resp.iter_lines() if ln.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    text = "".join(
        (json.loads(ln[6:])["choices"][0]["delta"].get("content") or "")
        for ln in lines[:-1] if json.loads(ln[6:])["choices"]
    )
    assert text == f"Echo: Mail {EMAIL} now"


def test_chat_stream_sdk_restores_split_placeholders(gw: Proc) -> None:
    # the recording upstream streams 3-character pieces: every placeholder is split
    stream = oa(gw).chat.completions.create(
        model="echo", stream=True,
        messages=[{"role": "user", "content": f"Card {CARD} of {PERSON}"}])
    text = "".join((ch.choices[0].delta.content or "") for ch in stream if ch.choices)
    assert text == f"Echo: Card {CARD} of {PERSON}"


def test_completions_prompt_list(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    oa(gw).completions.create(model="echo", prompt=[f"Mail {EMAIL}", "no values here"])
    prompt = recording_upstream.bodies()[n]["prompt"]
    assert prompt == ["Mail [EMAIL_1]", "no values here"]
    r = oa(gw).completions.create(model="echo", prompt=f"Mail {EMAIL}")
    assert r.choices[0].text == f"Echo: Mail {EMAIL}"


def test_completions_stream(gw: Proc) -> None:
    stream = oa(gw).completions.create(model="echo", prompt=f"Mail {EMAIL}", stream=True)
    assert "".join(ch.choices[0].text for ch in stream if ch.choices) == f"Echo: Mail {EMAIL}"


def test_tool_call_arguments_restored(gw: Proc) -> None:
    r = oa(gw).chat.completions.create(
        model="tool", messages=[{"role": "user", "content": f"Send {PERSON} at {EMAIL} a note"}],
        tools=[{"type": "function", "function": {"name": "send_email", "parameters": {
            "type": "object", "properties": {"to": {"type": "string"}}}}}])
    call = (r.choices[0].message.tool_calls or [])[0]
    args = json.loads(call.function.arguments)
    assert args["to"] == EMAIL


def test_models_is_upstream_list(gw: Proc) -> None:
    ids = [m.id for m in oa(gw).models.list()]
    assert ids == ["echo"]


def test_user_field_is_pseudonymized(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    oa(gw).chat.completions.create(model="echo", user=EMAIL,
                                   messages=[{"role": "user", "content": "hello"}])
    body = recording_upstream.bodies()[n]
    assert body["user"].startswith("u-") and EMAIL not in json.dumps(body)


def test_resend_is_idempotent(gw: Proc, recording_upstream: Upstream) -> None:
    """Same session, same value, same replacement (numbered per session, never restarting)."""
    c = oa(gw, **{"X-Veil-Session": "peer72-idem"})
    msgs = [{"role": "user", "content": f"Call {PERSON} about card {CARD}"}]
    n = len(recording_upstream.bodies())
    a = c.chat.completions.create(model="echo", messages=msgs)
    b = c.chat.completions.create(model="echo", messages=msgs)
    assert a.choices[0].message.content == b.choices[0].message.content
    ups = recording_upstream.bodies()[n:]
    assert ups[0]["messages"] == ups[1]["messages"]


def test_session_header_does_not_cross_keys(gw: Proc) -> None:
    """Another key of the same tenant with the same X-Veil-Session gets its own session."""
    hdr = {"X-Veil-Session": "peer72-shared"}
    first = oa(gw, "acme-a", **hdr).chat.completions.create(
        model="echo", messages=[{"role": "user", "content": f"Mail {EMAIL}"}])
    assert EMAIL in (first.choices[0].message.content or "")
    other = oa(gw, "acme-b", **hdr).chat.completions.create(
        model="history", messages=[{"role": "assistant", "content": "Noted [EMAIL_1]."},
                                   {"role": "user", "content": "Repeat it"}])
    assert EMAIL not in (other.choices[0].message.content or "")


@pytest.mark.parametrize("value", ["has space", "x" * 129, "a/b"])
def test_bad_session_header_is_refused(gw: Proc, value: str) -> None:
    with http(gw) as c:
        resp = c.post("/v1/chat/completions", json=chat_body("hi"),
                      headers={"X-Veil-Session": value})
    e = err(resp, 400)
    assert "X-Veil-Session" in e["message"]


# -- errors -------------------------------------------------------------------------------------


def test_missing_and_unknown_key_401(gw: Proc) -> None:
    with http(gw, None) as c:
        e = err(c.post("/v1/chat/completions", json=chat_body("hi")), 401)
        assert e["type"] == "authentication_error"
        e = err(c.post("/v1/chat/completions", json=chat_body("hi"),
                       headers={"Authorization": "Bearer sk-not-a-key"}), 401)
        assert e["type"] == "authentication_error"
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=gw.url + "/v1", api_key="sk-wrong", max_retries=0).models.list()


def test_x_api_key_header_accepted(gw: Proc) -> None:
    with httpx.Client(base_url=gw.url, timeout=60) as c:
        resp = c.post("/v1/chat/completions", json=chat_body("hello"),
                      headers={"X-Api-Key": KEYS["acme-a"]})
    assert resp.status_code == 200, resp.text[:300]


def test_malformed_body_400_names_no_input(gw: Proc) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/chat/completions", content=b'{"model": "echo", "messages": [' +
                       EMAIL.encode(), headers={"content-type": "application/json"}), 400)
        assert e["type"] == "invalid_request_error" and EMAIL not in json.dumps(e)
        e = err(c.post("/v1/chat/completions", json={"model": "echo", "messages": EMAIL}), 400)
        assert e["type"] == "invalid_request_error" and EMAIL not in json.dumps(e)


def test_image_part_refused_unscannable(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    content = [{"type": "text", "text": "what is this"},
               {"type": "image_url", "image_url": {"url": "https://img.example.com/a.png"}}]
    with http(gw) as c:
        e = err(c.post("/v1/chat/completions",
                       json={"model": "echo", "messages": [{"role": "user", "content": content}]}),
                400)
    assert e["code"] == "unscannable_content"
    assert "allow_unscannable" in e["message"]
    assert len(recording_upstream.bodies()) == n


def test_token_id_prompt_refused(gw: Proc) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/completions", json={"model": "echo", "prompt": [101, 202, 303]}), 400)
        assert e["code"] == "unscannable_content"
        e = err(c.post("/v1/embeddings", json={"model": "echo", "input": [[1, 2, 3]]}), 400)
        assert e["code"] == "unscannable_content"


def test_upstream_5xx_is_502(gw: Proc) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/chat/completions", json=chat_body("hi", "error500")), 502)
    assert e["code"] == "server_error"


def test_upstream_429_passes_status_code_and_headers(gw: Proc) -> None:
    with http(gw) as c:
        resp = c.post("/v1/chat/completions", json=chat_body("hi", "ratelimit"))
    e = err(resp, 429)
    assert e["code"] == "rate_limit_exceeded"
    assert resp.headers["retry-after"] == "2"
    assert resp.headers["x-ratelimit-remaining-requests"] == "0"
    assert resp.headers["x-upstream-request-id"] == "req_upstream_e2e"


def test_upstream_headers_on_success(gw: Proc) -> None:
    with http(gw) as c:
        resp = c.post("/v1/chat/completions", json=chat_body("hi"))
    assert resp.headers["openai-processing-ms"] == "7"
    assert resp.headers["x-upstream-request-id"] == "req_upstream_e2e"


def test_stream_failure_ends_with_error_then_done(gw: Proc) -> None:
    with http(gw) as c, c.stream("POST", "/v1/chat/completions",
                                 json=chat_body("a fairly long text to stream", "drop",
                                                stream=True)) as resp:
        lines = [ln for ln in resp.iter_lines() if ln.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    assert "error" in json.loads(lines[-2][6:])


def test_unknown_route_and_method(gw: Proc) -> None:
    with http(gw) as c:
        assert err(c.get("/v1/nothing-here"), 404)["code"] == "not_found"
        assert err(c.get("/v1/chat/completions"), 405)["code"] == "method_not_allowed"


# -- health, admin routes -----------------------------------------------------------------------


def test_health_and_readiness(gw: Proc) -> None:
    with http(gw, None) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
    assert r.status_code == 200
    assert set(r.json()["components"]) == {"vault", "detector", "upstream"}


@pytest.mark.parametrize("path", ["/metrics", "/openapi.json"])
def test_admin_routes(gw: Proc, path: str) -> None:
    with http(gw, None) as c:
        err(c.get(path), 401)
        err(c.get(path, headers={"Authorization": f"Bearer {KEYS['acme-a']}"}), 401)
        e = err(c.get(path, headers={"Authorization": "Bearer sk-wrong"}), 401)
        assert "acme" not in e["message"]
        ok = c.get(path, headers={"Authorization": f"Bearer {ADMIN}"})
    assert ok.status_code == 200


def test_metrics_documented_families(gw: Proc) -> None:
    oa(gw).chat.completions.create(model="echo",
                                   messages=[{"role": "user", "content": f"Mail {EMAIL}"}])
    with http(gw, None) as c:
        text = c.get("/metrics", headers={"Authorization": f"Bearer {ADMIN}"}).text
    assert EMAIL not in text
    assert "EMAIL" in text  # entities masked by type
    assert "in_flight" in text or "inflight" in text


def test_attestation_needs_key(gw: Proc) -> None:
    with http(gw, None) as c:
        err(c.get("/v1/attestation", params={"nonce": "ab" * 32}), 401)
    with http(gw) as c:
        r = c.get("/v1/attestation", params={"nonce": "ab" * 32})
        assert r.status_code == 200 and r.json()["tee"] == "none"
        assert err(c.get("/v1/attestation", params={"nonce": "00ff"}), 400)["message"]
        err(c.get("/v1/attestation", params={"nonce": "ab" * 32, "x": "1"}), 400)


# -- headers ------------------------------------------------------------------------------------


def test_request_id_echoed_when_opaque(gw: Proc) -> None:
    with http(gw) as c:
        good = c.post("/v1/chat/completions", json=chat_body("hi"),
                      headers={"x-request-id": "req-abc:12/x=1"})
        assert good.headers["x-request-id"] == "req-abc:12/x=1"
        client = c.post("/v1/chat/completions", json=chat_body("hi"),
                        headers={"x-client-request-id": "c1d2e3"})
        assert client.headers["x-request-id"] == "c1d2e3"
        for bad in (EMAIL, "quentin.marlowe", "acct-078051120", "x" * 129):
            r = c.post("/v1/chat/completions", json=chat_body("hi"),
                       headers={"x-request-id": bad})
            assert r.headers["x-request-id"].startswith("req_"), bad
        uuid = "123e4567-e89b-12d3-a456-426614174000"
        r = c.post("/v1/chat/completions", json=chat_body("hi"), headers={"x-request-id": uuid})
        assert r.headers["x-request-id"] == uuid


def test_request_id_on_errors(gw: Proc) -> None:
    with http(gw, None) as c:
        assert c.post("/v1/chat/completions", json=chat_body("hi")).headers[
            "x-request-id"].startswith("req_")


def test_cors_only_for_configured_origin(gw: Proc) -> None:
    pre = {"Access-Control-Request-Method": "POST"}
    with http(gw, None) as c:
        ok = c.options("/v1/chat/completions", headers={"Origin": ORIGIN, **pre})
        assert ok.headers.get("access-control-allow-origin") == ORIGIN
        other = c.options("/v1/chat/completions",
                          headers={"Origin": "https://evil.example.net", **pre})
        assert other.headers.get("access-control-allow-origin") is None


def test_access_log_has_route_template_not_path(gw: Proc) -> None:
    with http(gw) as c:
        c.get("/v1/responses/resp_peer72quentin", params={"q": "peer72marker"})
    time.sleep(0.3)
    log = gw.log_text()
    assert "/v1/responses/:response_id" in log
    assert "resp_peer72quentin" not in log and "peer72marker" not in log


# -- limits -------------------------------------------------------------------------------------


def test_body_too_large_413(gw: Proc) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/chat/completions", json=chat_body("word " * 50_000)), 413)
    assert e["code"] == "request_too_large"


def test_body_too_large_chunked_413(gw: Proc) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"model": "echo", "messages": [{"role": "user", "content": "'
        for _ in range(300):
            yield b"word " * 200
        yield b'"}]}'

    with http(gw) as c:
        e = err(c.post("/v1/chat/completions", content=chunks(),
                       headers={"content-type": "application/json"}), 413)
    assert e["code"] == "request_too_large"


def test_too_many_messages_and_rate_limit(gw: Proc, recording_upstream: Upstream) -> None:
    msgs = [{"role": "user", "content": "hi"}] * (TINY_MESSAGES + 1)
    n = len(recording_upstream.bodies())
    with http(gw, "tiny") as c:
        e = err(c.post("/v1/chat/completions", json={"model": "echo", "messages": msgs}), 413)
        assert e["code"] == "too_many_messages"
        assert len(recording_upstream.bodies()) == n
        codes = [c.post("/v1/chat/completions", json=chat_body("hi")) for _ in range(TINY_RPM + 2)]
    last = codes[-1]
    assert err(last, 429)["code"] == "rate_limit_exceeded"
    assert int(last.headers["retry-after"]) >= 1


def test_completions_prompt_count_limit(gw: Proc) -> None:
    # the rate limit of "tiny" may be spent: accept either refusal, never a 200
    with http(gw, "tiny") as c:
        r = c.post("/v1/completions",
                   json={"model": "echo", "prompt": ["a"] * (TINY_MESSAGES + 1)})
    assert r.status_code in (413, 429)
    if r.status_code == 413:
        assert r.json()["error"]["code"] == "too_many_messages"


# -- Responses API ------------------------------------------------------------------------------


def test_responses_create_get_delete(gw: Proc, recording_upstream: Upstream) -> None:
    c = oa(gw)
    n = len(recording_upstream.bodies())
    r = c.responses.create(model="echo", input=f"Mail {EMAIL}")
    assert EMAIL in r.output_text
    assert EMAIL not in json.dumps(recording_upstream.bodies()[n:])
    got = c.responses.retrieve(r.id)
    assert EMAIL in got.output_text
    with pytest.raises(openai.NotFoundError):
        oa(gw, "acme-b").responses.retrieve(r.id)
    with pytest.raises(openai.NotFoundError):
        oa(gw, "globex").responses.delete(r.id)
    c.responses.delete(r.id)
    with pytest.raises(openai.NotFoundError):
        c.responses.retrieve(r.id)


def test_responses_previous_id_continues_session(gw: Proc) -> None:
    c = oa(gw)
    first = c.responses.create(model="echo", input=f"Remember {EMAIL}")
    follow = c.responses.create(model="history", input="What did I say?",
                                previous_response_id=first.id)
    assert EMAIL in follow.output_text
    with pytest.raises(openai.NotFoundError):
        oa(gw, "acme-b").responses.create(model="echo", input="x", previous_response_id=first.id)


def test_responses_stream_events(gw: Proc) -> None:
    events = list(oa(gw).responses.create(model="echo", input=f"Mail {EMAIL}", stream=True))
    types = [e.type for e in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    seqs = [e.sequence_number for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    delta = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    done = next(e.text for e in events if e.type == "response.output_text.done")
    final = events[-1].response.output_text  # type: ignore[union-attr]
    assert delta == done == final and EMAIL in final


@pytest.mark.parametrize("field", [{"background": True}, {"conversation": "conv_1"},
                                   {"prompt": {"id": "pmpt_1"}}])
def test_responses_refused_fields(gw: Proc, field: dict[str, Any]) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/responses", json={"model": "echo", "input": "hi", **field}), 400)
    assert next(iter(field)) in e["message"] or e["param"] == next(iter(field))


def test_responses_unknown_field_names_place_not_key(gw: Proc) -> None:
    with http(gw) as c:
        e = err(c.post("/v1/responses", json={"model": "echo", "input": "hi",
                                               "quentin_marlowe_field": "x"}), 400)
    assert "quentin_marlowe_field" not in json.dumps(e)


# -- Anthropic Messages -------------------------------------------------------------------------


def ant(gw: Proc, who: str = "acme-a") -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gw.url, api_key=KEYS[who], max_retries=0, timeout=60)


def test_messages_create_and_stream(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    m = ant(gw).messages.create(model="echo", max_tokens=64, system="Be brief.",
                                messages=[{"role": "user", "content": f"Mail {EMAIL}"}])
    assert EMAIL in m.content[0].text  # type: ignore[union-attr]
    assert EMAIL not in json.dumps(recording_upstream.bodies()[n:])
    with ant(gw).messages.stream(model="echo", max_tokens=64,
                                 messages=[{"role": "user", "content": f"Card {CARD}"}]) as s:
        text = "".join(s.text_stream)
    assert CARD in text


def test_messages_count_tokens_estimate(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    r = ant(gw).messages.count_tokens(model="echo",
                                      messages=[{"role": "user", "content": f"Mail {EMAIL}"}])
    assert r.input_tokens > 0
    assert len(recording_upstream.bodies()) == n  # nothing sent upstream for an estimate


def test_messages_errors_are_anthropic_shaped(gw: Proc) -> None:
    with httpx.Client(base_url=gw.url, timeout=60) as c:
        r = c.post("/v1/messages", json={"model": "echo", "max_tokens": 8,
                                         "messages": [{"role": "user", "content": "hi"}]})
        assert r.status_code == 401
        body = r.json()
        assert body["type"] == "error" and body["error"]["type"] == "authentication_error"
        r = c.post("/v1/messages", json={"model": "echo", "messages": "nope"},
                   headers={"x-api-key": KEYS["acme-a"]})
        assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(base_url=gw.url, api_key="sk-wrong", max_retries=0).messages.create(
            model="echo", max_tokens=8, messages=[{"role": "user", "content": "hi"}])


def test_messages_too_large_is_anthropic_shaped(gw: Proc) -> None:
    with httpx.Client(base_url=gw.url, timeout=60) as c:
        r = c.post("/v1/messages", headers={"x-api-key": KEYS["acme-a"]},
                   json={"model": "echo", "max_tokens": 8,
                         "messages": [{"role": "user", "content": "word " * 50_000}]})
    assert r.status_code == 413
    assert r.json()["type"] == "error"


# -- embeddings, presidio -----------------------------------------------------------------------


def test_embeddings_masked(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    r = oa(gw).embeddings.create(model="embed", input=[f"Mail {EMAIL}", "plain"])
    assert len(r.data) == 2
    assert EMAIL not in json.dumps(recording_upstream.bodies()[n:])


def test_presidio_health_open_analyze_needs_key(gw: Proc) -> None:
    with http(gw, None) as c:
        assert c.get("/presidio/health").status_code == 200
        assert c.post("/presidio/analyze",
                      json={"text": f"Mail {EMAIL}", "language": "en"}).status_code == 401
    with http(gw) as c:
        r = c.post("/presidio/analyze", json={"text": f"Mail {EMAIL}", "language": "en"})
        assert r.status_code == 200
        assert "EMAIL_ADDRESS" in {d["entity_type"] for d in r.json()}
        bad = c.post("/presidio/analyze", json={"text": "x", "language": "en", "zzz": 1})
        assert bad.status_code == 400 and "error" in bad.json()


# -- closed by default --------------------------------------------------------------------------


def test_non_loopback_without_keys_refuses_to_start(tmp_path: Any) -> None:
    import subprocess

    env = gateway_env(tmp_path / "home", "sqlite", None)
    r = subprocess.run([VEIL, "serve", "--host", "0.0.0.0", "--port", "0",
                        "--upstream-base-url", "http://127.0.0.1:9/v1"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "insecure-no-auth" in (r.stdout + r.stderr)
    r = subprocess.run([VEIL, "run", "--host", "0.0.0.0", "--port", "0",
                        "--upstream-base-url", "http://127.0.0.1:9/v1"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "insecure-no-auth" in (r.stdout + r.stderr)


def test_env_var_names_documented() -> None:
    """Every env var docs/gateway.md names for ``veil serve`` appears in its --help."""
    import subprocess

    out = subprocess.run([VEIL, "serve", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "250"}, timeout=60).stdout
    for var in ("VEIL_HOST", "VEIL_PORT", "VEIL_UPSTREAM_BASE_URL", "VEIL_UPSTREAM_API_KEY",
                "VEIL_UPSTREAM_KIND", "VEIL_GATEWAY_CONFIG", "VEIL_LOG_LEVEL", "VEIL_WORKERS",
                "VEIL_INSECURE_NO_AUTH", "VEIL_ACCESS_LOG", "VEIL_TLS_CERT"):
        assert var in out, var
    for kind in ("openai", "anthropic", "azure", "litellm", "obfuscated", "mpc"):
        assert kind in out, kind


# -- more documented behaviour ------------------------------------------------------------------


def test_concurrency_limit_counts_open_stream(gw: Proc) -> None:
    long = "word " * 2000  # streamed in 3-character pieces: open for a while
    with http(gw, "solo") as c, c.stream("POST", "/v1/chat/completions",
                                         json=chat_body(long, stream=True)) as resp:
        assert resp.status_code == 200
        r = c.post("/v1/chat/completions", json=chat_body("hi"))
        e = err(r, 429)
        assert e["code"] == "concurrency_limit_exceeded" and r.headers["retry-after"] == "1"
        resp.read()
    with http(gw, "solo") as c:
        assert c.post("/v1/chat/completions", json=chat_body("hi")).status_code == 200


def test_completions_without_header_fresh_session(gw: Proc, recording_upstream: Upstream) -> None:
    other = "bob.stone@example.net"
    n = len(recording_upstream.bodies())
    oa(gw).completions.create(model="echo", prompt=f"Mail {EMAIL}")
    oa(gw).completions.create(model="echo", prompt=f"Mail {other} and {EMAIL}")
    assert recording_upstream.bodies()[n + 1]["prompt"] == "Mail [EMAIL_1] and [EMAIL_2]"
    c = oa(gw, **{"X-Veil-Session": "peer72-compl"})
    m = len(recording_upstream.bodies())
    c.completions.create(model="echo", prompt=f"Mail {EMAIL}")
    c.completions.create(model="echo", prompt=f"Mail {other} and {EMAIL}")
    assert recording_upstream.bodies()[m + 1]["prompt"] == "Mail [EMAIL_2] and [EMAIL_1]"


def test_chat_turns_share_session_by_opening(gw: Proc) -> None:
    c = oa(gw)
    opening = {"role": "user", "content": f"My address is {EMAIL}, peer72 turn test"}
    first = c.chat.completions.create(model="echo", messages=[opening])
    reply = first.choices[0].message.content or ""
    second = c.chat.completions.create(model="history", messages=[
        opening, {"role": "assistant", "content": reply},
        {"role": "user", "content": "Repeat what you know"}])
    assert EMAIL in (second.choices[0].message.content or "")


def test_streamed_tool_call_arguments_restored(gw: Proc) -> None:
    stream = oa(gw).chat.completions.create(
        model="tool", stream=True,
        messages=[{"role": "user", "content": f"Send {PERSON} at {EMAIL} a note"}],
        tools=[{"type": "function", "function": {"name": "send_email", "parameters": {
            "type": "object", "properties": {"to": {"type": "string"}}}}}])
    args = "".join(
        (tc.function.arguments or "") for ch in stream if ch.choices
        for tc in (ch.choices[0].delta.tool_calls or []) if tc.function)
    assert json.loads(args)["to"] == EMAIL


def test_messages_bearer_accepted(gw: Proc) -> None:
    with http(gw) as c:
        r = c.post("/v1/messages", json={"model": "echo", "max_tokens": 16,
                                         "messages": [{"role": "user", "content": f"Hi {EMAIL}"}]})
    assert r.status_code == 200, r.text[:300]
    assert EMAIL in r.json()["content"][0]["text"]


def test_metrics_errors_by_code(gw: Proc) -> None:
    with http(gw, None) as c:
        code = c.post("/v1/chat/completions", json=chat_body("hi")).json()["error"]["code"]
        text = c.get("/metrics", headers={"Authorization": f"Bearer {ADMIN}"}).text
    assert code and f'veil_errors_total{{code="{code}"}}' in text


def test_presidio_anonymize_stable_token_and_deanonymize_refuses(gw: Proc) -> None:
    text = f"Contact {PERSON} today"
    with http(gw) as c:
        found = c.post("/presidio/analyze", json={"text": text, "language": "en"}).json()
        a = c.post("/presidio/anonymize", json={"text": text, "analyzer_results": found}).json()
        b = c.post("/presidio/anonymize", json={"text": text, "analyzer_results": found}).json()
        assert a["text"] == b["text"] and PERSON not in a["text"]
        token = a["text"].split()[1]
        assert token.startswith("[PERSON_") and token[8:-1].isdigit()
        r = c.post("/presidio/deanonymize", json={
            "text": a["text"], "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": "k" * 16}},
            "anonymizer_results": [{"start": 8, "end": 8 + len(token), "entity_type": "PERSON",
                                    "operator": "encrypt"}]})
        assert r.status_code == 422 and PERSON not in r.text


def test_stream_without_done_gets_error_then_done(gw: Proc) -> None:
    with http(gw) as c, c.stream("POST", "/v1/chat/completions",
                                 json=chat_body(f"Mail {EMAIL}", "nodone", stream=True)) as resp:
        lines = [ln for ln in resp.iter_lines() if ln.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    assert "error" in json.loads(lines[-2][6:])


def test_responses_stream_break_sends_error_event(gw: Proc) -> None:
    with http(gw) as c, c.stream("POST", "/v1/responses", json={
            "model": "drop", "input": "a fairly long text to stream", "stream": True}) as resp:
        text = resp.read().decode()
    events = [ln[7:] for ln in text.splitlines() if ln.startswith("event: ")]
    assert events[-1] == "error" and "[DONE]" not in text


def test_messages_stream_break_sends_error_event(gw: Proc) -> None:
    with httpx.Client(base_url=gw.url, timeout=60, headers={"x-api-key": KEYS["acme-a"]}) as c, \
            c.stream("POST", "/v1/messages", json={
                "model": "drop", "max_tokens": 64, "stream": True,
                "messages": [{"role": "user", "content": "a fairly long text to stream"}]}) as r:
        text = r.read().decode()
    events = [ln[7:] for ln in text.splitlines() if ln.startswith("event: ")]
    assert events[-1] == "error" and "message_stop" not in events


def test_messages_metadata_user_pseudonymized(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    ant(gw).messages.create(model="echo", max_tokens=16, metadata={"user_id": EMAIL},
                            messages=[{"role": "user", "content": "hello"}])
    sent = json.dumps(recording_upstream.bodies()[n:])
    assert EMAIL not in sent and '"u-' in sent


def test_embeddings_protocol_fields_pass(gw: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    r = oa(gw).embeddings.create(model="embed", input="plain words", dimensions=64,
                                 encoding_format="base64")
    assert r.data
    body = recording_upstream.bodies()[n]
    assert body["dimensions"] == 64 and body["encoding_format"] == "base64"
