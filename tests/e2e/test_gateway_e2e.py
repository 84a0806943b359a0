"""The official openai client -> ``veil serve`` (subprocess) -> recording upstream (subprocess).

Asserts that no sensitive value of the test prompts reaches the upstream and that the client gets
the originals back: plain and streamed, split and altered placeholders, multi-turn, tool calls,
errors, tenants, many concurrent conversations. Runs once per vault backend (SQLite, Redis).
"""

from __future__ import annotations

import asyncio
import json
import re

import httpx
import openai
import pytest

from veil.wire.sse import parse_sse

from .conftest import ADMIN_KEY, TENANT_KEYS, Proc, Upstream

pytestmark = pytest.mark.slow

P1 = (
    "Hi, I am Jane Doe. Please email jane.doe@example.com or call +1 415 555 0100 "
    "about the invoice."
)
P1_VALUES = ["Jane Doe", "jane.doe@example.com", "415 555 0100"]
P2 = "Also loop in Ada Lovelace, her address is ada.lovelace@example.org."
P2_VALUES = ["Ada Lovelace", "ada.lovelace@example.org"]
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
LEFTOVER = re.compile(r"(?i)\b(person|email|phone)_\d+")

#: every value any test sent; none may appear in the gateway's log
ALL_VALUES: set[str] = set(P1_VALUES + P2_VALUES)

SEND_EMAIL = {
    "type": "function",
    "function": {
        "name": "send_email",
        "description": "Send an e-mail",
        "parameters": {
            "type": "object",
            "properties": {"to": {"type": "string"}, "body": {"type": "string"}},
        },
    },
}


def client(gw: Proc, tenant: str = "acme", **headers: str) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=gw.url + "/v1",
        api_key=TENANT_KEYS[tenant],
        max_retries=0,
        timeout=120,
        default_headers=headers or None,
    )


def assert_not_sent(upstream: Upstream, start: int, values: list[str]) -> list[dict]:
    sent = upstream.bodies()[start:]
    assert sent, "nothing reached the upstream"
    raw = json.dumps(sent)
    for v in values:
        assert v not in raw, "a sensitive value reached the upstream"
    return sent


def streamed_text(stream) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    parts = [c.choices[0].delta.content or "" for c in stream if c.choices]
    return "".join(parts), len(parts)


def test_chat_plain(gateway: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    r = client(gateway).chat.completions.create(
        model="echo", messages=[SYSTEM, {"role": "user", "content": P1}]
    )
    assert r.choices[0].message.content == "Echo: " + P1
    sent = assert_not_sent(recording_upstream, n, P1_VALUES)
    assert sent[0]["messages"][0] == SYSTEM


def test_chat_streamed_with_split_placeholders(gateway: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    stream = client(gateway).chat.completions.create(
        model="echo", stream=True, messages=[{"role": "user", "content": P1}]
    )
    text, chunks = streamed_text(stream)
    assert text == "Echo: " + P1
    assert chunks > 10  # passed on piece by piece, not buffered into one chunk
    assert_not_sent(recording_upstream, n, P1_VALUES)


@pytest.mark.parametrize("stream", [False, True])
def test_placeholders_altered_by_the_llm(
    gateway: Proc, recording_upstream: Upstream, stream: bool
) -> None:
    n = len(recording_upstream.bodies())
    kw = dict(model="alter", messages=[{"role": "user", "content": P1}])
    c = client(gateway)
    if stream:
        text, _ = streamed_text(c.chat.completions.create(stream=True, **kw))
    else:
        text = c.chat.completions.create(**kw).choices[0].message.content or ""
    assert_not_sent(recording_upstream, n, P1_VALUES)
    for v in ("Jane Doe", "jane.doe@example.com"):
        assert v in text
    assert not LEFTOVER.search(text)


def test_multi_turn_restores_earlier_placeholders(
    gateway: Proc, recording_upstream: Upstream
) -> None:
    c = client(gateway, "globex")
    n = len(recording_upstream.bodies())
    turn1 = [SYSTEM, {"role": "user", "content": P1}]
    a1 = c.chat.completions.create(model="echo", messages=turn1).choices[0].message.content
    turn2 = [*turn1, {"role": "assistant", "content": a1}, {"role": "user", "content": P2}]
    a2 = c.chat.completions.create(model="history", messages=turn2).choices[0].message.content or ""
    for v in ("Jane Doe", "jane.doe@example.com", "Ada Lovelace", "ada.lovelace@example.org"):
        assert v in a2
    assert not LEFTOVER.search(a2)
    sent = assert_not_sent(recording_upstream, n, P1_VALUES + P2_VALUES)
    # the same conversation keeps the same replacements in every turn
    assert sent[1]["messages"][1]["content"] == sent[0]["messages"][1]["content"]


@pytest.mark.parametrize("stream", [False, True])
def test_tool_calls_both_ways(gateway: Proc, recording_upstream: Upstream, stream: bool) -> None:
    c = client(gateway, "initech")
    n = len(recording_upstream.bodies())
    msgs: list[dict] = [{"role": "user", "content": P1}]
    if stream:
        args, call_id = "", None
        for chunk in c.chat.completions.create(
            model="tool", tools=[SEND_EMAIL], messages=msgs, stream=True
        ):
            for tc in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
                call_id = tc.id or call_id
                args += (tc.function.arguments or "") if tc.function else ""
    else:
        msg = c.chat.completions.create(model="tool", tools=[SEND_EMAIL], messages=msgs)
        call = msg.choices[0].message.tool_calls[0]  # type: ignore[index]
        args, call_id = call.function.arguments, call.id
    assert json.loads(args) == {
        "to": "jane.doe@example.com",
        "body": "Hello Jane Doe, see you soon.",
    }
    # the restored call and the tool's result go up again, masked
    msgs += [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": "send_email", "arguments": args},
                }
            ],
        },
        {"role": "tool", "tool_call_id": call_id, "content": "Delivered to jane.doe@example.com"},
    ]
    r = c.chat.completions.create(model="echo", tools=[SEND_EMAIL], messages=msgs)
    assert r.choices[0].message.content == "Echo: " + P1
    assert_not_sent(recording_upstream, n, P1_VALUES)


def test_completions_endpoint(gateway: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    c = client(gateway)
    assert c.completions.create(model="echo", prompt=P1).choices[0].text == "Echo: " + P1
    text = "".join(
        ch.choices[0].text
        for ch in c.completions.create(model="echo", prompt=P1, stream=True)
        if ch.choices
    )
    assert text == "Echo: " + P1
    assert_not_sent(recording_upstream, n, P1_VALUES)


def test_upstream_failures_are_openai_errors(gateway: Proc) -> None:
    c = client(gateway)
    with pytest.raises(openai.APIStatusError) as e:
        c.chat.completions.create(model="error500", messages=[{"role": "user", "content": P1}])
    assert e.value.status_code == 502
    with pytest.raises(openai.APIError):  # the stream breaks off: an error event, then [DONE]
        streamed_text(
            c.chat.completions.create(
                model="drop", stream=True, messages=[{"role": "user", "content": P1}]
            )
        )


def test_upstream_errors_and_headers_pass_through(gateway: Proc) -> None:
    c = client(gateway)
    with pytest.raises(openai.RateLimitError) as e:
        c.chat.completions.create(model="ratelimit", messages=[{"role": "user", "content": P1}])
    assert e.value.code == "rate_limit_exceeded"
    h = e.value.response.headers
    assert h["retry-after"] == "2" and h["x-ratelimit-remaining-requests"] == "0"
    assert h["x-upstream-request-id"] == "req_upstream_e2e"
    assert h["x-request-id"].startswith("req_") and h["x-request-id"] != "req_upstream_e2e"
    with pytest.raises(openai.APIStatusError) as e5:
        c.chat.completions.create(model="error500", messages=[{"role": "user", "content": P1}])
    assert e5.value.status_code == 502 and e5.value.code == "server_error"
    raw = c.chat.completions.with_raw_response.create(
        model="echo",
        messages=[{"role": "user", "content": "hi"}],
        extra_headers={"x-request-id": "e2e-42"},
    )
    assert raw.headers["x-request-id"] == "e2e-42"
    assert raw.headers["openai-processing-ms"] == "7"


def test_stream_without_done_ends_with_an_error(gateway: Proc) -> None:
    r = httpx.post(
        gateway.url + "/v1/chat/completions",
        headers={"authorization": f"Bearer {TENANT_KEYS['acme']}"},
        json={"model": "nodone", "stream": True, "messages": [{"role": "user", "content": P1}]},
        timeout=120,
    )
    assert r.status_code == 200
    events, done = parse_sse(r.text)
    assert done and events[-1]["error"]["code"] == "upstream_protocol_error"


def test_health_readiness_and_error_shapes(gateway: Proc) -> None:
    assert httpx.get(gateway.url + "/healthz").json() == {"status": "ok"}
    r = httpx.get(gateway.url + "/readyz", timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["components"] == {"vault": "ok", "detector": "ok", "upstream": "ok"}
    for r, status in [
        (httpx.get(gateway.url + "/v1/nope"), 404),
        (httpx.get(gateway.url + "/v1/chat/completions"), 405),
    ]:
        assert r.status_code == status
        assert set(r.json()["error"]) == {"message", "type", "param", "code"}
        assert r.headers["x-request-id"]


def test_unknown_api_key_is_refused(gateway: Proc, recording_upstream: Upstream) -> None:
    n = len(recording_upstream.bodies())
    bad = openai.OpenAI(base_url=gateway.url + "/v1", api_key="sk-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="echo", messages=[{"role": "user", "content": P1}])
    assert len(recording_upstream.bodies()) == n


FIRST = ["Maria", "David", "Sofia", "Liam", "Emma", "Noah", "Olivia", "Lucas"]
LAST = ["Garcia", "Miller", "Rossi", "Novak", "Schmidt", "Dubois", "Kowalski", "Jensen"]


def test_many_concurrent_streaming_conversations(
    gateway: Proc, recording_upstream: Upstream
) -> None:
    """24 conversations of 3 tenants in parallel, two turns each: every answer carries its own
    values only (no cross-tenant or cross-session restoration) and nothing is lost."""
    convs = []
    for i in range(24):
        name = f"{FIRST[i % 8]} {LAST[(i * 3 + i // 8) % 8]}"
        email = f"user{i}.{LAST[i % 8].lower()}@example.net"
        tenant = list(TENANT_KEYS)[i % 3]
        prompt = f"My name is {name} and my e-mail is {email}. Reply please."
        convs.append(
            (tenant, prompt, name, email, {"X-Veil-Session": f"conv-{i}"} if i % 2 else {})
        )
        ALL_VALUES.update({email})
    n = len(recording_upstream.bodies())

    async def one(
        tenant: str, prompt: str, name: str, email: str, headers: dict
    ) -> tuple[str, str]:
        c = openai.AsyncOpenAI(
            base_url=gateway.url + "/v1",
            api_key=TENANT_KEYS[tenant],
            max_retries=0,
            timeout=240,
            default_headers=headers or None,
        )
        msgs = [{"role": "user", "content": prompt}]
        out1 = ""
        async for ch in await c.chat.completions.create(model="echo", stream=True, messages=msgs):
            out1 += (ch.choices[0].delta.content or "") if ch.choices else ""
        msgs += [{"role": "assistant", "content": out1}, {"role": "user", "content": "Who am I?"}]
        out2 = ""
        async for ch in await c.chat.completions.create(
            model="history", stream=True, messages=msgs
        ):
            out2 += (ch.choices[0].delta.content or "") if ch.choices else ""
        await c.close()
        return out1, out2

    async def main() -> list[tuple[str, str]]:
        return await asyncio.gather(*(one(*cv) for cv in convs))

    results = asyncio.run(main())
    emails = [cv[3] for cv in convs]
    for (_tenant, prompt, _name, email, _), (out1, out2) in zip(convs, results, strict=True):
        assert out1 == "Echo: " + prompt
        assert email in out2 and not LEFTOVER.search(out2)
        assert not any(other in out1 + out2 for other in emails if other != email)
    raw = json.dumps(recording_upstream.bodies()[n:])
    assert not any(e in raw for e in emails)


def test_models_and_metrics_carry_no_values(gateway: Proc) -> None:
    assert [m.id for m in client(gateway).models.list()] == ["echo"]
    metrics = httpx.get(
        gateway.url + "/metrics", headers={"authorization": f"Bearer {ADMIN_KEY}"}
    ).text
    assert "veil_entities_masked_total" in metrics
    assert not any(v in metrics for v in ALL_VALUES)


def test_gateway_log_never_contains_test_values(gateway: Proc) -> None:
    log = gateway.log_text()
    assert "listening on" in log  # the log was captured at all
    assert not any(v in log for v in ALL_VALUES)
