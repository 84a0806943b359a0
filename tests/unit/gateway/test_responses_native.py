"""The Responses API in process (fake core, scripted httpx upstream): an upstream with its own
``/responses`` (``responses_api``), the principal binding of stored responses, the
closed-world field rules, and the Azure and Anthropic upstream kinds' wire details.
The real core, real processes and the real SDKs are exercised by tests/e2e."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest

from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app, hash_api_key
from veil.gateway.config import UpstreamConfig
from veil.gateway.tenants import Tenant
from veil.gateway.upstream_kinds import build_upstream_of_kind
from veil.wire.responses import ChatToResponsesStream, response_from_chat

from .conftest import chat_body, delta_chunk
from .fakes import FakeVeil

KEYS = {"alice": "sk-alice", "bob": "sk-bob", "eve": "sk-eve"}
P = "I am Jane Doe, write to jane.doe@example.com"
VALUES = ["Jane Doe", "jane.doe@example.com"]


class NativeUpstream:
    """Answers /responses like OpenAI (echoing the last input text), keeps what it stored."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.stored: set[str] = set()

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.requests.append((request.method, request.url.path, body))
        if request.method == "DELETE":
            return httpx.Response(200, json={"deleted": True})
        inp = body["input"]
        texts = [inp] if isinstance(inp, str) else [
            i["content"] if isinstance(i.get("content"), str) else i.get("output", "")
            for i in inp if isinstance(i, dict)
        ]
        chat = chat_body("Echo: " + " | ".join(t for t in texts if t))
        rid = f"resp_up{len(self.requests)}"
        if body.get("store", True):
            self.stored.add(rid)
        if not body.get("stream"):
            return httpx.Response(200, json=response_from_chat(body, chat, id=rid))
        tr = ChatToResponsesStream(body, id=rid)
        text = chat["choices"][0]["message"]["content"]
        events = tr.start()
        for i in range(0, len(text), 3):
            events += tr.feed(delta_chunk({"content": text[i:i + 3]}))
        events += tr.finish()
        if body["model"] == "cut":  # the connection ends before response.completed
            events = events[:-2]
        raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode()
                       for e in events)
        return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})

    def sent(self) -> str:
        return json.dumps([b for _, _, b in self.requests])


@pytest.fixture
def native() -> NativeUpstream:
    return NativeUpstream()


@pytest.fixture
def app_client(native: NativeUpstream) -> httpx.AsyncClient:
    upstream = OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                              transport=httpx.MockTransport(native.handler))
    upstream.responses_api = True
    tenants = TenantRegistry(
        [Tenant("acme"), Tenant("globex")],
        {hash_api_key(KEYS["alice"]): "acme", hash_api_key(KEYS["bob"]): "acme",
         hash_api_key(KEYS["eve"]): "globex"},
    )
    state = GatewayState(core=FakeVeil(), upstream=upstream, tenants=tenants)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(state)),
                             base_url="http://veil.test")


def sdk(http: httpx.AsyncClient, who: str = "alice") -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key=KEYS[who],
                              http_client=http, max_retries=0)


async def test_native_plain_stream_and_chain(app_client: httpx.AsyncClient,
                                             native: NativeUpstream) -> None:
    c = sdk(app_client)
    first = await c.responses.create(model="m", input=P)
    assert first.output_text == "Echo: " + P
    assert native.requests[-1][1] == "/v1/responses"
    # The upstream stored the first one: its own previous_response_id goes up.
    second = await c.responses.create(model="m", input="again", previous_response_id=first.id)
    assert native.requests[-1][2]["previous_response_id"] == first.id
    events = [e async for e in await c.responses.create(model="m", input=P, stream=True)]
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert text == events[-1].response.output_text == "Echo: " + P
    # store=false at the upstream: Veil replays the masked chain itself.
    unstored = await c.responses.create(model="m", input=P, store=False)
    with pytest.raises(openai.NotFoundError):
        await c.responses.retrieve(unstored.id)
    third = await c.responses.create(model="m", input="more", previous_response_id=second.id,
                                     store=False)
    assert third.output_text.startswith("Echo: ")
    assert all(v not in native.sent() for v in VALUES)
    assert (await c.responses.retrieve(second.id)).output_text == second.output_text
    await c.responses.delete(first.id)
    assert native.requests[-1][:2] == ("DELETE", f"/v1/responses/{first.id}")


async def test_chain_replayed_when_upstream_did_not_store(app_client: httpx.AsyncClient,
                                                          native: NativeUpstream) -> None:
    c = sdk(app_client)
    native.stored.clear()
    first = await c.responses.create(model="m", input=P)
    # Make Veil's record say the upstream did not keep it: replay from the masked history.
    from veil.gateway.response_store import store_for

    state = app_client._transport.app.state.veil  # type: ignore[attr-defined]
    store = store_for(state.core)
    rec = store.get("acme", _principal_id(state, "alice"), first.id)
    assert rec is not None
    rec.upstream_stored = False
    store.put(rec)
    follow = await c.responses.create(model="m", input="and?", previous_response_id=first.id)
    body = native.requests[-1][2]
    assert "previous_response_id" not in body
    assert [i.get("role") for i in body["input"]] == ["user", "assistant", "user"]
    assert "Jane Doe" in follow.output_text and all(v not in native.sent() for v in VALUES)


def _principal_id(state: GatewayState, who: str) -> str:
    return state.tenants.authenticate(f"Bearer {KEYS[who]}").id


async def test_response_ids_are_bound_to_the_key(app_client: httpx.AsyncClient,
                                                 native: NativeUpstream) -> None:
    first = await sdk(app_client).responses.create(model="m", input=P)
    n = len(native.requests)
    for who in ("bob", "eve"):  # same tenant, other key; other tenant
        with pytest.raises(openai.NotFoundError):
            await sdk(app_client, who).responses.retrieve(first.id)
        with pytest.raises(openai.NotFoundError):
            await sdk(app_client, who).responses.create(model="m", input="?",
                                                        previous_response_id=first.id)
        with pytest.raises(openai.NotFoundError):
            await sdk(app_client, who).responses.delete(first.id)
    assert len(native.requests) == n


@pytest.mark.parametrize("body", [
    {"model": "m", "input": P, "unknown": 1},
    {"model": "m", "input": [{"role": "user", "content": P, "x": 1}]},
    {"model": "m", "input": [{"type": "web_search_call", "id": "ws_1"}]},
    {"model": "m", "input": [{"role": "user", "content": [{"type": "input_audio", "x": P}]}]},
    {"model": "m", "input": P, "tools": [{"type": "web_search"}]},
    {"model": "m", "input": P, "text": {"format": {"type": "json_schema", "x": P}}},
    {"model": "m", "input": P, "background": True},
    {"model": "m", "input": P, "conversation": "conv_1"},
    {"model": "m", "input": [{"role": "user", "content": [
        {"type": "input_image", "image_url": "https://x.test/a.png"}]}]},
])
async def test_refused_requests(app_client: httpx.AsyncClient, native: NativeUpstream,
                                body: dict[str, Any]) -> None:
    r = await app_client.post("/v1/responses", json=body,
                              headers={"Authorization": f"Bearer {KEYS['alice']}"})
    assert r.status_code == 400, r.text
    assert "Jane" not in r.text and "unknown" not in r.json()["error"]["message"]
    assert native.requests == []


def test_azure_kind_paths_and_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=chat_body("ok"))

    cfg = UpstreamConfig(kind="azure", base_url="https://res.openai.azure.com",
                         api_key="az-key", api_version="2024-10-21",
                         deployments={"gpt-4o-mini": "prod-mini"})
    up = build_upstream_of_kind(cfg)
    up._client._transport = httpx.MockTransport(handler)  # type: ignore[attr-defined]
    import asyncio

    out = asyncio.run(up.chat({"model": "gpt-4o-mini", "messages": []}))
    assert out["choices"][0]["message"]["content"] == "ok"
    req = seen[0]
    assert req.url.path == "/openai/deployments/prod-mini/chat/completions"
    assert req.url.params["api-version"] == "2024-10-21"
    assert req.headers["api-key"] == "az-key" and "authorization" not in req.headers


def test_litellm_kind_is_optional() -> None:
    from veil.errors import ConfigError

    try:
        import litellm  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match=r"pip install 'veil\[litellm\]'"):
            build_upstream_of_kind(UpstreamConfig(kind="litellm"))
    else:
        assert build_upstream_of_kind(UpstreamConfig(kind="litellm")) is not None


def test_anthropic_kind_needs_base_url() -> None:
    from veil.errors import ConfigError

    with pytest.raises(ConfigError, match="base_url"):
        build_upstream_of_kind(UpstreamConfig(kind="anthropic"))


async def test_native_stream_cut_off_ends_with_an_error_event(app_client: httpx.AsyncClient,
                                                              native: NativeUpstream) -> None:
    events = [e async for e in await sdk(app_client).responses.create(model="cut", input=P,
                                                                      stream=True)]
    assert events[-1].type == "error"
    assert "response.completed" not in [e.type for e in events]
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert "[" not in text  # nothing half-restored went out
    with pytest.raises(openai.NotFoundError):  # an incomplete answer is not kept
        await sdk(app_client).responses.retrieve(f"resp_up{len(native.requests)}")


async def test_chain_veil_cannot_replay_is_refused(app_client: httpx.AsyncClient,
                                                   native: NativeUpstream) -> None:
    from veil.gateway.response_store import store_for

    c = sdk(app_client)
    first = await c.responses.create(model="m", input=P)
    state = app_client._transport.app.state.veil  # type: ignore[attr-defined]
    store = store_for(state.core)
    rec = store.get("acme", _principal_id(state, "alice"), first.id)
    assert rec is not None
    rec.truncated, rec.upstream_stored = True, False  # longer than Veil keeps, not upstream
    store.put(rec)
    n = len(native.requests)
    with pytest.raises(openai.BadRequestError, match="longer than Veil keeps"):
        await c.responses.create(model="m", input="and?", previous_response_id=first.id)
    assert len(native.requests) == n
