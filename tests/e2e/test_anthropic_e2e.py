"""Anthropic Messages through a real ``veil serve`` process, driven by the official ``anthropic``
SDK: plain, streamed, ``tool_use``/``tool_result``, ``count_tokens``, Anthropic-shaped errors,
in front of an OpenAI-compatible upstream (translated to chat completions). Upstream kind
``anthropic`` (Messages forwarded as Messages, and the OpenAI endpoints translated to Messages)
is driven in process by tests/unit/gateway/test_messages_anthropic.py with the same SDK.

Each test asserts that no sensitive value reached the upstream and that every value came back.
"""

from __future__ import annotations

import json

import anthropic
import httpx
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS, Proc

pytestmark = pytest.mark.slow

P1 = "Hi, I am Jane Doe. Please email jane.doe@example.com about the invoice."
P1_VALUES = ["Jane Doe", "jane.doe@example.com"]
P2_VALUES = ["Ada Lovelace", "ada.lovelace@example.org"]
SENT.update(P1_VALUES + P2_VALUES)

SEND_EMAIL = {
    "name": "send_email",
    "description": "Send an e-mail",
    "input_schema": {
        "type": "object",
        "properties": {"to": {"type": "string"}, "body": {"type": "string"}},
    },
}
def client(gw: Proc, tenant: str = "acme") -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gw.url, api_key=TENANT_KEYS[tenant], max_retries=0,
                               timeout=60)


def sent_since(stack: Stack, start: int, values: list[str]) -> list[dict]:
    bodies = stack.upstream.bodies()[start:]
    text = json.dumps(bodies, ensure_ascii=False)
    leaked = [v for v in values if v in text]
    assert not leaked, f"{len(leaked)} value(s) reached the upstream"
    return bodies


def test_plain_and_system(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    msg = client(api_stack.openai).messages.create(
        model="echo", max_tokens=100,
        system=[{"type": "text", "text": "You help Ada Lovelace's customers."}],
        messages=[{"role": "user", "content": P1}],
    )
    body = sent_since(api_stack, start, P1_VALUES + P2_VALUES)[0]
    assert body["messages"][0]["role"] == "system"  # translated to chat completions
    assert msg.type == "message" and msg.stop_reason == "end_turn"
    assert msg.content[0].text == "Echo: " + P1


def test_streamed(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    with client(api_stack.openai).messages.stream(
        model="echo", max_tokens=100, messages=[{"role": "user", "content": P1}]
    ) as stream:
        types = [e.type for e in stream]
        final = stream.get_final_message()
    sent_since(api_stack, start, P1_VALUES)
    assert types[0] == "message_start" and types[-1] == "message_stop"
    assert "content_block_delta" in types
    assert final.content[0].text == "Echo: " + P1


@pytest.mark.parametrize("stream", [False, True])
def test_tool_use_and_tool_result(api_stack: Stack, stream: bool) -> None:
    c = client(api_stack.openai)
    start = len(api_stack.upstream.bodies())
    messages = [{"role": "user", "content": P1}]
    if stream:
        with c.messages.stream(model="tool", max_tokens=100, tools=[SEND_EMAIL],
                               messages=messages) as s:
            first = s.get_final_message()
    else:
        first = c.messages.create(model="tool", max_tokens=100, tools=[SEND_EMAIL],
                                  messages=messages)
    use = next(b for b in first.content if b.type == "tool_use")
    assert first.stop_reason == "tool_use"
    assert use.input == {"to": "jane.doe@example.com", "body": "Hello Jane Doe, see you soon."}
    result = json.dumps({"sent": True, "cc": "Ada Lovelace <ada.lovelace@example.org>"})
    follow = c.messages.create(
        model="history", max_tokens=100, tools=[SEND_EMAIL],
        messages=[*messages, {"role": "assistant", "content": first.content},
                  {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": use.id, "content": result}]}],
    )
    sent_since(api_stack, start, P1_VALUES + P2_VALUES)
    for v in P1_VALUES + P2_VALUES[:1]:
        assert v in follow.content[0].text


def test_count_tokens(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    n = client(api_stack.openai).messages.count_tokens(
        model="echo", messages=[{"role": "user", "content": P1}]
    )
    sent_since(api_stack, start, P1_VALUES)
    assert 5 < n.input_tokens < 200
    assert len(api_stack.upstream.bodies()) == start  # estimated in the gateway


def test_auth_and_errors_are_anthropic_shaped(api_stack: Stack) -> None:
    gw = api_stack.openai
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(base_url=gw.url, api_key="sk-wrong", max_retries=0).messages.create(
            model="echo", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    # Bearer works too
    r = httpx.post(gw.url + "/v1/messages",
                   headers={"Authorization": f"Bearer {TENANT_KEYS['acme']}"},
                   json={"model": "echo", "max_tokens": 10,
                         "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 200 and r.json()["type"] == "message"
    h = {"x-api-key": TENANT_KEYS["acme"]}
    start = len(api_stack.upstream.bodies())
    cases = [
        ({"model": "echo", "max_tokens": 10, "messages": [{"role": "user", "content": P1}],
          "jane.doe@example.com": 1}, 400, "invalid_request_error"),
        ({"model": "echo", "max_tokens": 10, "messages": [
            {"role": "user", "content": [{"type": "text", "text": P1, "smuggled": P1}]}]},
         400, "invalid_request_error"),
        ({"model": "echo", "max_tokens": 10,
          "messages": [{"role": "user", "content": "x" * 1_100_000}]},
         413, "request_too_large"),
    ]
    for body, status, typ in cases:
        r = httpx.post(gw.url + "/v1/messages", headers=h, json=body)
        assert r.status_code == status, r.text[:200]
        assert r.json()["type"] == "error" and r.json()["error"]["type"] == typ
        assert "jane" not in r.text.lower()
    assert len(api_stack.upstream.bodies()) == start


def test_stream_cut_off(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    with pytest.raises(anthropic.APIError), client(api_stack.openai).messages.stream(
        model="drop", max_tokens=100, messages=[{"role": "user", "content": P1}]
    ) as stream:
        for _ in stream:
            pass
    sent_since(api_stack, start, P1_VALUES)
