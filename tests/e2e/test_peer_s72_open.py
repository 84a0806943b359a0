"""Peer review of docs/gateway.md, black box: a gateway without tenants on loopback whose
upstream is down, and more of the tenant gateway's API surface (Responses input items, files and
batches, embeddings pseudonyms, Anthropic-shaped limits). All values are made up."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.e2e.conftest import VEIL, Proc, Upstream, gateway_env, stop
from tests.e2e.test_peer_s72 import EMAIL, KEYS, chat_body, err, gw, http, oa  # noqa: F401
from tests.security.conftest import start_server


@pytest.fixture(scope="module")
def down_gw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    """No tenants (loopback: anonymous callers), no admin key, an upstream nobody listens on."""
    d = tmp_path_factory.mktemp("peer72-open")
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    policy = d / "policy.yaml"
    policy.write_text("languages: [en]\n")
    env = gateway_env(d / "home", "sqlite", None)
    env["VEIL_POLICY_FILE"] = str(policy)
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", f"http://127.0.0.1:{dead.getsockname()[1]}/v1"],
        env=env, log=d / "gateway.log", timeout=240, ready="/healthz",
    )
    try:
        yield p
    finally:
        stop(p.proc)
        dead.close()


def test_readyz_503_names_upstream(down_gw: Proc) -> None:
    with httpx.Client(base_url=down_gw.url, timeout=30) as c:
        r = c.get("/readyz")
    e = err(r, 503)
    assert e["code"] == "not_ready" and "upstream" in e["message"]


@pytest.mark.parametrize("path", ["/metrics", "/openapi.json"])
def test_admin_routes_404_without_admin_key(down_gw: Proc, path: str) -> None:
    with httpx.Client(base_url=down_gw.url, timeout=30) as c:
        assert err(c.get(path), 404)["code"] == "not_found"
        assert err(c.get(path, headers={"Authorization": "Bearer x"}), 404)["code"] == "not_found"


@pytest.mark.parametrize("stream", [False, True])
def test_upstream_unreachable_502(down_gw: Proc, stream: bool) -> None:
    with httpx.Client(base_url=down_gw.url, timeout=60) as c:
        r = c.post("/v1/chat/completions", json=chat_body(f"Mail {EMAIL}", stream=stream))
    e = err(r, 502)
    assert e["code"] == "upstream_unreachable" and EMAIL not in r.text


def test_anonymous_caller_served_on_loopback(down_gw: Proc) -> None:
    # no key needed: the request gets past authentication to the (dead) upstream
    client = openai.OpenAI(base_url=down_gw.url + "/v1", api_key="anything", max_retries=0)
    with pytest.raises(openai.APIStatusError) as info:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert info.value.status_code == 502


def test_messages_upstream_down_is_anthropic_shaped(down_gw: Proc) -> None:
    with httpx.Client(base_url=down_gw.url, timeout=60) as c:
        r = c.post("/v1/messages", json={"model": "m", "max_tokens": 8,
                                         "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 502
    assert r.json()["type"] == "error" and r.json()["error"]["message"]


# -- the tenant gateway -------------------------------------------------------------------------


def test_input_items_restored_and_limit_checked(gw: Proc) -> None:  # noqa: F811
    c = oa(gw)
    first = c.responses.create(model="echo", input=f"Remember {EMAIL}")
    second = c.responses.create(model="echo", input="and this", previous_response_id=first.id)
    items = c.responses.input_items.list(second.id, order="asc")
    dumped = json.dumps([i.model_dump() for i in items.data])
    assert EMAIL in dumped and "[EMAIL_1]" not in dumped
    with http(gw) as h:
        for bad in (0, 101):
            e = err(h.get(f"/v1/responses/{second.id}/input_items", params={"limit": bad}), 400)
            assert "limit" in e["message"]
        e = err(h.get(f"/v1/responses/{second.id}/input_items", params={"order": "sideways"}),
                400)
        assert "order" in e["message"]
    with pytest.raises(openai.NotFoundError):
        oa(gw, "acme-b").responses.input_items.list(second.id)


def test_store_false_response_not_kept(gw: Proc) -> None:  # noqa: F811
    r = oa(gw).responses.create(model="echo", input="hello there", store=False)
    with pytest.raises(openai.NotFoundError):
        oa(gw).responses.retrieve(r.id)
    with pytest.raises(openai.NotFoundError):
        oa(gw).responses.create(model="echo", input="x", previous_response_id=r.id)


def test_embeddings_pseudonym_stable_across_requests(gw: Proc,  # noqa: F811
                                                     recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    for _ in range(2):
        oa(gw, "globex").embeddings.create(model="embed", input=f"Mail {EMAIL}")
    a, b = (x["input"] for x in recording_upstream.bodies()[n:])
    assert a == b and EMAIL not in json.dumps([a, b]) and "[EMAIL" not in json.dumps(a)


def test_files_and_batches(gw: Proc, tmp_path: Path) -> None:  # noqa: F811
    line = {"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions",
            "body": chat_body(f"Mail {EMAIL}")}
    c = oa(gw)
    f = c.files.create(file=("b.jsonl", io.BytesIO(json.dumps(line).encode() + b"\n")),
                       purpose="batch")
    with pytest.raises(openai.NotFoundError):
        oa(gw, "acme-b").files.retrieve(f.id)
    with pytest.raises(openai.BadRequestError):
        c.files.create(file=("b.jsonl", io.BytesIO(b"{}\n")), purpose="assistants")
    bad = {**line, "url": "/v1/images/generations"}
    with pytest.raises(openai.BadRequestError) as info:
        c.files.create(file=("b.jsonl", io.BytesIO(json.dumps(bad).encode() + b"\n")),
                       purpose="batch")
    assert "line 1" in str(info.value)
    batch = c.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions",
                             completion_window="24h")
    with pytest.raises(openai.NotFoundError):
        oa(gw, "acme-b").batches.retrieve(batch.id)
    import time

    for _ in range(100):
        batch = c.batches.retrieve(batch.id)
        if batch.status in ("completed", "failed", "cancelled", "expired"):
            break
        time.sleep(0.2)
    assert batch.status == "completed" and batch.output_file_id
    out = c.files.content(batch.output_file_id).text
    assert EMAIL in out


def test_anthropic_rate_limit_shape(gw: Proc) -> None:  # noqa: F811
    with httpx.Client(base_url=gw.url, timeout=60, headers={"x-api-key": KEYS["tiny"]}) as c:
        codes = [c.post("/v1/messages", json={"model": "echo", "max_tokens": 8, "messages": [
            {"role": "user", "content": "hi"}]}) for _ in range(4)]
    last = codes[-1]
    assert last.status_code == 429
    body = last.json()
    assert body["type"] == "error" and body["error"]["type"] == "rate_limit_error"
    assert "retry-after" in last.headers
