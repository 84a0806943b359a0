"""Upstream kind ``anthropic`` in process (fake core, scripted httpx upstream speaking Messages),
driven by the official anthropic and openai SDKs: ``/v1/messages`` goes up as Messages (plain,
streamed, tool_use/tool_result, count_tokens), and chat completions and the Responses API are
translated to Messages and back. The e2e suite covers Messages translated to chat completions."""

from __future__ import annotations

import json
import re
from typing import Any

import anthropic
import httpx
import openai
import pytest

from veil.gateway import GatewayState, TenantRegistry, create_app, hash_api_key
from veil.gateway.tenants import Tenant
from veil.gateway.upstream_anthropic import AnthropicUpstream
from veil.wire.anthropic import ChatToMessagesStream, message_from_chat, messages_to_chat

from .conftest import chat_body, delta_chunk
from .fakes import FakeVeil

KEY = "sk-acme"
P = "I am Jane Doe, write to jane.doe@example.com"
VALUES = ["Jane Doe", "jane.doe@example.com"]
TOOL = {"name": "send_email", "description": "Send an e-mail",
        "input_schema": {"type": "object", "properties": {"to": {"type": "string"}}}}


class MessagesUpstream:
    def __init__(self) -> None:
        self.requests: list[tuple[str, httpx.Headers, dict[str, Any]]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.requests.append((request.url.path, request.headers, body))
        if request.url.path.endswith("/count_tokens"):
            return httpx.Response(200, json={"input_tokens": 42})
        chat = messages_to_chat(body)
        last = chat["messages"][-1]
        if body["model"] == "tool" and last["role"] == "user":
            email = next(w for w in str(last["content"]).split() if w.startswith("[EMAIL"))
            call = {"id": "toolu_1", "type": "function",
                    "function": {"name": "send_email", "arguments": json.dumps({"to": email})}}
            answer = chat_body(None, [call])
            answer["choices"][0]["finish_reason"] = "tool_calls"
        else:
            every = " ".join(str(m.get("content")) for m in chat["messages"])
            answer = chat_body("Echo: " + every)
        if not body.get("stream"):
            return httpx.Response(200, json=message_from_chat(body["model"], answer))
        tr = ChatToMessagesStream(body["model"])
        msg = answer["choices"][0]["message"]
        events = tr.start()
        if msg.get("tool_calls"):
            call = msg["tool_calls"][0]
            events += tr.feed(delta_chunk({"tool_calls": [{"index": 0, "id": call["id"],
                                                           "function": {"name": "send_email"}}]}))
            args = call["function"]["arguments"]
            for i in range(0, len(args), 3):
                events += tr.feed(delta_chunk({"tool_calls": [
                    {"index": 0, "function": {"arguments": args[i:i + 3]}}]}))
            events += tr.feed(delta_chunk({}, "tool_calls"))
        else:
            for i in range(0, len(msg["content"]), 3):
                events += tr.feed(delta_chunk({"content": msg["content"][i:i + 3]}))
            events += tr.feed(delta_chunk({}, "stop"))
        events += tr.finish()
        if body["model"] == "cut":  # the connection ends before message_stop
            events = events[:-2]
        raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode()
                       for e in events)
        return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})

    def sent(self) -> str:
        return json.dumps([b for _, _, b in self.requests])


@pytest.fixture
def up() -> MessagesUpstream:
    return MessagesUpstream()


@pytest.fixture
def app(up: MessagesUpstream) -> Any:
    upstream = AnthropicUpstream("http://anthropic.test/v1", api_key="sk-ant-up",
                                 transport=httpx.MockTransport(up.handler))
    tenants = TenantRegistry([Tenant("acme")], {hash_api_key(KEY): "acme"})
    state = GatewayState(core=FakeVeil(), upstream=upstream, tenants=tenants)
    return create_app(state)


@pytest.fixture
def http(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test")


def _client_module() -> Any:
    """The HTTP package the installed anthropic SDK is built on (httpx, or its fork httpx2)."""
    import importlib

    for name in ("httpx2", "httpx"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        try:
            anthropic.AsyncAnthropic(api_key="x", http_client=mod.AsyncClient())
        except TypeError:
            continue
        return mod
    raise RuntimeError("no HTTP client package the anthropic SDK accepts")


def ant(app: Any, key: str = KEY) -> anthropic.AsyncAnthropic:
    h = _client_module()
    http = h.AsyncClient(transport=h.ASGITransport(app=app), base_url="http://veil.test")
    return anthropic.AsyncAnthropic(base_url="http://veil.test", api_key=key, http_client=http,
                                    max_retries=0)


async def test_messages_forwarded_as_messages(app: Any, up: MessagesUpstream) -> None:
    c = ant(app)
    msg = await c.messages.create(model="echo", max_tokens=50, system="Help Ada Lovelace.",
                                  messages=[{"role": "user", "content": P}])
    path, headers, body = up.requests[-1]
    assert path == "/v1/messages" and headers["x-api-key"] == "sk-ant-up"
    assert headers["anthropic-version"]
    assert re.fullmatch(r"Help \[PERSON_\d\]\.", body["system"])
    assert msg.content[0].text == "Echo: Help Ada Lovelace. " + P
    async with c.messages.stream(model="echo", max_tokens=50,
                                 messages=[{"role": "user", "content": P}]) as s:
        final = await s.get_final_message()
    assert final.content[0].text == "Echo: " + P
    assert (await c.messages.count_tokens(
        model="echo", messages=[{"role": "user", "content": P}])).input_tokens == 42
    assert all(v not in up.sent() for v in VALUES)


@pytest.mark.parametrize("stream", [False, True])
async def test_tool_use_round_trip(app: Any, up: MessagesUpstream, stream: bool) -> None:
    c = ant(app)
    messages: list[Any] = [{"role": "user", "content": P}]
    if stream:
        async with c.messages.stream(model="tool", max_tokens=50, tools=[TOOL],
                                     messages=messages) as s:
            first = await s.get_final_message()
    else:
        first = await c.messages.create(model="tool", max_tokens=50, tools=[TOOL],
                                        messages=messages)
    use = first.content[-1]
    assert use.type == "tool_use" and use.input == {"to": "jane.doe@example.com"}
    follow = await c.messages.create(
        model="echo", max_tokens=50, tools=[TOOL],
        messages=[*messages, {"role": "assistant", "content": first.content},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id,
                                                "content": '{"sent_to": "Jane Doe"}'}]}],
    )
    assert "jane.doe@example.com" in follow.content[0].text
    assert all(v not in up.sent() for v in VALUES)


async def test_openai_endpoints_translated_to_messages(http: httpx.AsyncClient,
                                                       up: MessagesUpstream) -> None:
    c = openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key=KEY, http_client=http,
                           max_retries=0)
    chat = await c.chat.completions.create(model="echo",
                                           messages=[{"role": "user", "content": P}])
    assert chat.choices[0].message.content == "Echo: " + P
    r = await c.responses.create(model="echo", input=P, instructions="Be brief.")
    assert r.output_text == "Echo: Be brief. " + P
    events = [e async for e in await c.responses.create(model="echo", input=P, stream=True)]
    assert events[-1].response.output_text == "Echo: " + P
    assert {p for p, _, _ in up.requests} == {"/v1/messages"}
    assert all("max_tokens" in b for _, _, b in up.requests)
    assert all(v not in up.sent() for v in VALUES)


async def test_errors_are_anthropic_shaped(app: Any, http: httpx.AsyncClient,
                                           up: MessagesUpstream) -> None:
    with pytest.raises(anthropic.AuthenticationError):
        await ant(app, "wrong").messages.create(
            model="echo", max_tokens=5, messages=[{"role": "user", "content": "hi"}])
    r = await http.post("/v1/messages", headers={"x-api-key": KEY}, json={
        "model": "echo", "max_tokens": 5,
        "messages": [{"role": "user", "content": [{"type": "server_tool_use", "x": P}]}]})
    assert r.status_code == 400
    assert r.json()["type"] == "error"
    assert r.json()["error"]["type"] == "invalid_request_error"
    assert "Jane" not in r.text and up.requests == []


async def test_stream_cut_off_raises_in_the_sdk(app: Any, up: MessagesUpstream) -> None:
    with pytest.raises(anthropic.APIStatusError):
        async with ant(app).messages.stream(model="cut", max_tokens=50,
                                            messages=[{"role": "user", "content": P}]) as s:
            async for _ in s:
                pass
