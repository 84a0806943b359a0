"""Attack paths probed in session 77, through the real gateway app (in process, the real core
without NER, two tenants with keys, a scripted upstream): restoring what another principal
stored, the endpoints beyond chat, and what reaches errors and logs.

Holes closed:

- a batch line's unknown keys, and a ``POST /v1/batches`` body's unknown fields, were repeated
  in the 400's message: a key is text the caller chose (a line keyed by an e-mail address
  came back, and went on into the client's logs), where every other endpoint writes ``<key>``
  or says the key is not repeated;
- a client's ``x-request-id`` that was base64, base32 or hex of an e-mail address, an SSN or a name
  (``amFuZS5leGZpbEBleGFtcGxlLmNvbQ==``) passed as an opaque id into the log, the audit log
  and the response header; and so did such a ``model`` (without ``upstream.models``), which
  also went upstream as sent;
- the gateway's request log line (and ``--access-log``'s) wrote the HTTP method as sent: any
  token is a method to h11 (uvicorn without httptools, other ASGI servers), so
  ``QUENTIN-MARLOWE-078-05-1120 /v1/...`` put a name and an SSN into the log, where the 405's
  message already named only HTTP's own methods.

Probes that found nothing stay as regression tests where they assert behaviour that could
break: a placeholder (or its look-alikes) sent by another key or tenant under the same
``X-Veil-Session`` is never restored, batch files are not found by another key, token-id
embedding inputs are refused.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app, hash_api_key
from veil.gateway.tenants import Tenant

EMAIL = "jane.exfil@example.com"
NAME = "Quentin Marlowe"
SSN = "078-05-1120"
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
KEY_A, KEY_B, KEY_G = "key-acme-a", "key-acme-b", "key-globex"


def _policy() -> Policy:
    return Policy(ner=False, terms=[TermRule(term=NAME, type="PERSON")])


class Upstream:
    """Records what went up; answers chat with ``self.answer`` and embeddings with a vector."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.answer = "ok"

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.bodies.append(body)
        if request.url.path.endswith("/embeddings"):
            return httpx.Response(200, json={"object": "list", "model": "m", "data": [
                {"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}]})
        return httpx.Response(200, json={
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": self.answer}}]})

    def placeholder(self) -> str:
        m = PLACEHOLDER.search(json.dumps(self.bodies[-1]))
        assert m is not None, "the upstream got no placeholder"
        return m.group()


@pytest.fixture
def upstream() -> Upstream:
    return Upstream()


@pytest.fixture
def app(tmp_path: Path, upstream: Upstream) -> Any:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    veil = Veil(settings, policy=_policy())
    for tenant in ("acme", "globex"):
        veil.set_policy(tenant, _policy())
    tenants = TenantRegistry(
        [Tenant("acme"), Tenant("globex")],
        {hash_api_key(KEY_A): "acme", hash_api_key(KEY_B): "acme", hash_api_key(KEY_G): "globex"},
    )
    up = OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                        transport=httpx.MockTransport(upstream.handler))
    return create_app(GatewayState(core=veil, upstream=up, tenants=tenants), access_log=True)


def _client(app: Any, key: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test",
                             headers={"authorization": f"Bearer {key}"})


@pytest.fixture
async def a(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(app, KEY_A) as c:
        yield c


def _chat(text: str) -> dict[str, Any]:
    return {"model": "m", "messages": [{"role": "user", "content": text}]}


def _line(**extra: Any) -> bytes:
    line = {"custom_id": "1", "method": "POST", "url": "/v1/chat/completions",
            "body": _chat("hello"), **extra}
    return json.dumps(line).encode()


async def _upload(c: httpx.AsyncClient, data: bytes) -> httpx.Response:
    return await c.post("/v1/files", files={"file": ("b.jsonl", data)},
                        data={"purpose": "batch"})


# --- errors: a key the caller chose is never repeated -----------------------------------------

async def test_a_batch_lines_unknown_key_is_not_repeated_in_the_refusal(
    a: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        r = await _upload(a, _line(**{EMAIL: 1, SSN: 2}))
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert "line 1" in message and "custom_id, method, url and body" in message
    assert EMAIL not in r.text and SSN not in r.text
    assert EMAIL not in caplog.text and SSN not in caplog.text


async def test_a_batch_bodys_unknown_field_is_not_repeated_in_the_refusal(
    a: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    up = await _upload(a, _line())
    assert up.status_code == 200, up.text
    with caplog.at_level(logging.DEBUG):
        r = await a.post("/v1/batches", json={"input_file_id": up.json()["id"],
                                              "endpoint": "/v1/chat/completions", EMAIL: 1})
    assert r.status_code == 400
    assert "input_file_id, endpoint" in r.json()["error"]["message"]
    assert EMAIL not in r.text and EMAIL not in caplog.text


# --- ids that are text in disguise ----------------------------------------------------------

def _encodings(value: str) -> list[str]:
    raw = value.encode()
    return [base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode().rstrip("="),
            raw.hex(), "req-" + base64.b64encode(raw).decode(), "trace." + raw.hex(),
            base64.b32encode(raw).decode().rstrip("=")]


@pytest.mark.parametrize("value", [EMAIL, SSN, NAME])
async def test_a_request_id_encoding_a_value_is_replaced(
    a: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, value: str
) -> None:
    for rid in _encodings(value):
        with caplog.at_level(logging.DEBUG, logger="veil"):
            r = await a.get("/healthz", headers={"x-request-id": rid})
        assert r.status_code == 200
        assert r.headers["x-request-id"].startswith("req_"), rid
        assert rid not in caplog.text
    # opaque ids of the usual shapes are still kept
    for rid in ("req_1d4993bab0ba4a4288dba9e3f02ecd44", "0f8fad5b-d9cb-469f-a165-70867728950e",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "trace-2024-abc1"):
        r = await a.get("/healthz", headers={"x-request-id": rid})
        assert r.headers["x-request-id"] == rid


@pytest.mark.parametrize("value", [EMAIL, SSN, NAME])
async def test_a_model_id_encoding_a_value_is_refused(
    a: httpx.AsyncClient, upstream: Upstream, value: str
) -> None:
    for enc in _encodings(value):
        for model in (enc.rstrip("="), "ft:gpt-4o-mini:acme:" + enc.rstrip("=")):
            r = await a.post("/v1/chat/completions", json={**_chat("hi"), "model": model})
            assert r.status_code == 400, model
            assert r.json()["error"]["code"] == "model_not_allowed"
            assert enc.rstrip("=") not in r.text
    assert upstream.bodies == []
    for model in ("ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:9zTtB2kR",
                  "sentence-transformers/all-MiniLM-L6-v2", "Qwen/Qwen2.5-72B-Instruct-AWQ"):
        r = await a.post("/v1/chat/completions", json={**_chat("hi"), "model": model})
        assert r.status_code == 200, (model, r.text)


# --- logs: the HTTP method is caller text too ---------------------------------------------------

@pytest.mark.parametrize("path", ["/v1/chat/completions", "/v1/no/such/route", "/healthz"])
async def test_a_method_outside_https_own_stays_out_of_the_log(
    a: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    method = f"QUENTIN-MARLOWE-{SSN}"
    with caplog.at_level(logging.DEBUG, logger="veil"):
        r = await a.request(method, path)
        ok = await a.get("/healthz")
    assert r.status_code in (404, 405)
    assert ok.status_code == 200
    gateway = "\n".join(rec.getMessage() for rec in caplog.records
                        if rec.name.startswith("veil"))
    assert SSN not in gateway and "QUENTIN" not in gateway
    assert "method=other" in gateway  # the request line is still written, its method named
    assert "GET /healthz 200" in gateway  # HTTP's own methods are logged as they are


# --- restoring what is not yours (no hole found: regression tests) ----------------------------

@pytest.mark.parametrize("who", [KEY_B, KEY_G])
async def test_another_keys_placeholder_under_the_same_session_header_is_not_restored(
    app: Any, a: httpx.AsyncClient, upstream: Upstream, who: str
) -> None:
    header = {"x-veil-session": "shared-session-1"}
    r = await a.post("/v1/chat/completions", headers=header, json=_chat(f"mail {EMAIL}"))
    assert r.status_code == 200, r.text
    p = upstream.placeholder()
    # the (hostile) upstream writes the first key's placeholder in every spelling it may take
    upstream.answer = f"{p} {p.lower()} {p[1:-1]} ({p[1:-1]}) [ {p[1:-1]} ] {p[:-1]}\u200b]"
    async with _client(app, who) as other:
        r = await other.post("/v1/chat/completions", headers=header, json=_chat(f"say {p}"))
    assert r.status_code == 200, r.text
    assert EMAIL not in r.text
    # and the first key gets its own value back
    upstream.answer = p
    r = await a.post("/v1/chat/completions", headers=header, json=_chat(f"mail {EMAIL}"))
    assert EMAIL in r.json()["choices"][0]["message"]["content"]


async def test_another_keys_batch_files_are_not_found(app: Any, a: httpx.AsyncClient) -> None:
    up = await _upload(a, _line(body=_chat(f"mail {EMAIL}")))
    assert up.status_code == 200, up.text
    fid = up.json()["id"]
    own = await a.get(f"/v1/files/{fid}/content")
    assert own.status_code == 200 and EMAIL in own.text
    for key in (KEY_B, KEY_G):
        async with _client(app, key) as other:
            r = await other.get(f"/v1/files/{fid}/content")
            assert r.status_code == 404 and EMAIL not in r.text
            r = await other.post("/v1/batches", json={"input_file_id": fid,
                                                      "endpoint": "/v1/chat/completions"})
            assert r.status_code == 404


@pytest.mark.parametrize("inp", [[[1, 2]], [1, 2]])
async def test_token_id_embedding_inputs_are_refused(
    a: httpx.AsyncClient, upstream: Upstream, inp: Any
) -> None:
    r = await a.post("/v1/embeddings", json={"model": "m", "input": inp})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "unscannable_content"
    assert upstream.bodies == []
