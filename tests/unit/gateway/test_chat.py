"""The gateway's chat path with a fake core and a scripted upstream (httpx MockTransport)."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from .conftest import (
    ScriptedUpstream,
    chat_body,
    delta_chunk,
    make_client,
    parse_sse,
    sse,
)
from .fakes import FakeVeil

SECRETS = ("jane@example.com", "Jane Doe", "john@corp.example", "John Smith")


def assert_clean(text: str) -> None:
    for s in SECRETS:
        assert s not in text


async def test_non_streaming_masks_up_and_restores_down(client, upstream: ScriptedUpstream) -> None:
    r = await client.post(
        "/v1/chat/completions",
        json={
            "model": "m",
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Write to Jane Doe at jane@example.com"},
            ],
            "temperature": 0.2,
            "unknown_new_param": {"keep": True},
        },
    )
    assert r.status_code == 200, r.text
    sent = upstream.bodies[0]
    assert_clean(json.dumps(sent))
    assert sent["messages"][1]["content"] == "Write to [PERSON_1] at [EMAIL_1]"
    # unknown and standard fields pass through untouched; the client's key never goes up
    assert sent["unknown_new_param"] == {"keep": True} and sent["temperature"] == 0.2
    assert upstream.headers[0]["authorization"] == "Bearer sk-upstream"
    data = r.json()
    assert (
        data["choices"][0]["message"]["content"]
        == "You said: Write to Jane Doe at jane@example.com"
    )
    assert data["system_fingerprint"] == "fp_test" and data["usage"]["total_tokens"] == 2


async def test_multi_turn_reuses_the_session(client, upstream: ScriptedUpstream) -> None:
    first = [{"role": "user", "content": "I am Jane Doe."}]
    r1 = await client.post("/v1/chat/completions", json={"model": "m", "messages": first})
    assert r1.status_code == 200
    # later turn: the LLM quotes a placeholder from the earlier turn only
    upstream.reply = lambda body: httpx.Response(200, json=chat_body("Noted, [person_1]."))
    turns = first + [
        {"role": "assistant", "content": r1.json()["choices"][0]["message"]["content"]},
        {"role": "user", "content": "And my colleague John Smith?"},
    ]
    r2 = await client.post("/v1/chat/completions", json={"model": "m", "messages": turns})
    assert r2.json()["choices"][0]["message"]["content"] == "Noted, Jane Doe."
    sent = upstream.bodies[1]["messages"]
    assert sent[0]["content"] == "I am [PERSON_1]."  # stable across turns
    assert sent[2]["content"] == "And my colleague [PERSON_2]?"
    assert_clean(upstream.sent_text())


async def test_session_header_separates_identical_conversations(client, upstream) -> None:
    msgs = [{"role": "user", "content": "Mail John Smith"}]
    await client.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": msgs},
        headers={"X-Veil-Session": "a"},
    )
    upstream.reply = lambda body: httpx.Response(200, json=chat_body("[PERSON_1]"))
    r = await client.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": [{"role": "user", "content": "Hello"}]},
        headers={"X-Veil-Session": "b"},
    )
    # session b never created PERSON_1: it must not be restored from session a
    assert r.json()["choices"][0]["message"]["content"] == "[PERSON_1]"


async def test_bad_session_header_is_rejected(client, upstream) -> None:
    r = await client.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        headers={"X-Veil-Session": "bad session!"},
    )
    assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"
    assert upstream.bodies == []


async def test_content_parts_and_tool_calls_both_ways(client, upstream: ScriptedUpstream) -> None:
    args_down = json.dumps({"to": "[EMAIL_1]", "name": "[PERSON_1]"})
    upstream.reply = lambda body: httpx.Response(
        200,
        json=chat_body(
            None,
            [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "send", "arguments": args_down},
                }
            ],
        ),
    )
    r = await client.post(
        "/v1/chat/completions",
        json={
            "model": "m",
            "tools": [{"type": "function", "function": {"name": "send", "parameters": {}}}],
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "Email Jane Doe at jane@example.com"},
                        {"type": "text", "text": "see the list"},
                    ],
                },
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_0",
                            "type": "function",
                            "function": {
                                "name": "lookup",
                                "arguments": json.dumps({"who": "John Smith"}),
                            },
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "call_0", "content": "john@corp.example"},
            ],
        },
    )
    assert r.status_code == 200, r.text
    sent = upstream.bodies[0]
    assert_clean(json.dumps(sent))
    # image parts are refused by default now (tests/unit/gateway/test_fields.py)
    assert sent["messages"][0]["content"][1] == {"type": "text", "text": "see the list"}
    assert json.loads(sent["messages"][1]["tool_calls"][0]["function"]["arguments"]) == {
        "who": "[PERSON_2]"
    }
    call = r.json()["choices"][0]["message"]["tool_calls"][0]
    assert json.loads(call["function"]["arguments"]) == {
        "to": "jane@example.com",
        "name": "Jane Doe",
    }


async def test_streaming_restores_placeholders_split_across_chunks(client, upstream) -> None:
    text = "Dear [PERSON_1], your address [EMAIL_1] is on file. Project Falcon ok."
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    chunks = [delta_chunk({"role": "assistant", "content": ""})]
    chunks += [delta_chunk({"content": p}) for p in pieces]
    chunks.append(delta_chunk({}, "stop"))
    upstream.reply = lambda body: httpx.Response(
        200, content=sse(chunks), headers={"content-type": "text/event-stream"}
    )
    r = await client.post(
        "/v1/chat/completions",
        json={
            "model": "m",
            "stream": True,
            "messages": [{"role": "user", "content": "I am Jane Doe, jane@example.com"}],
        },
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events, done = parse_sse(r.text)
    assert done
    out = "".join(e["choices"][0]["delta"].get("content") or "" for e in events)
    # restored, and the tenant's output term was scanned although it arrived in pieces
    assert out == "Dear Jane Doe, your address jane@example.com is on file. [REDACTED] ok."
    assert events[-1]["choices"][0]["finish_reason"] == "stop"
    assert len(events) > 5  # passed through incrementally, not as one buffered chunk
    assert_clean(upstream.sent_text())


async def test_streaming_without_terms_holds_back_only_split_placeholders(upstream) -> None:
    core = FakeVeil()  # tenant without output terms: no scanning window
    pieces = ["Hi ", "there ", "[PERS", "ON_1]", " bye"]
    chunks = [delta_chunk({"content": p}) for p in pieces] + [delta_chunk({}, "stop")]
    upstream.reply = lambda body: httpx.Response(200, content=sse(chunks))
    client, _ = make_client(core, upstream)
    async with client:
        r = await client.post(
            "/v1/chat/completions",
            json={
                "model": "m",
                "stream": True,
                "messages": [{"role": "user", "content": "I am Jane Doe"}],
            },
        )
    events, _ = parse_sse(r.text)
    contents = [e["choices"][0]["delta"].get("content") for e in events]
    assert contents == ["Hi ", "there ", "Jane Doe", " bye", None]


async def test_streaming_tool_call_deltas_are_restored(client, upstream) -> None:
    args = json.dumps({"to": "[EMAIL_1]"})
    chunks = [
        delta_chunk(
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "send", "arguments": ""},
                    }
                ],
            }
        )
    ]
    chunks += [
        delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[i : i + 4]}}]})
        for i in range(0, len(args), 4)
    ]
    chunks.append(delta_chunk({}, "tool_calls"))
    upstream.reply = lambda body: httpx.Response(200, content=sse(chunks))
    r = await client.post(
        "/v1/chat/completions",
        json={
            "model": "m",
            "stream": True,
            "messages": [{"role": "user", "content": "mail jane@example.com"}],
        },
    )
    events, done = parse_sse(r.text)
    assert done
    got = "".join(
        tc["function"].get("arguments", "")
        for e in events
        for tc in e["choices"][0]["delta"].get("tool_calls") or []
    )
    assert json.loads(got) == {"to": "jane@example.com"}


async def test_detection_failure_fails_closed(client, upstream, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    r = await client.post(
        "/v1/chat/completions",
        json={"model": "m", "messages": [{"role": "user", "content": "Jane Doe FAIL_DETECT"}]},
    )
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "detection_failed"
    assert upstream.bodies == []  # nothing forwarded
    assert "Jane Doe" not in caplog.text and "Jane Doe" not in r.text


@pytest.mark.parametrize(("status", "expected"), [(400, 400), (429, 429), (500, 502), (503, 502)])
async def test_upstream_http_errors_are_openai_shaped(client, upstream, status, expected) -> None:
    upstream.reply = lambda body: httpx.Response(
        status, json={"error": {"message": "echo: [PERSON_1] secret", "type": "server_error"}}
    )
    for stream in (False, True):
        r = await client.post(
            "/v1/chat/completions",
            json={
                "model": "m",
                "stream": stream,
                "messages": [{"role": "user", "content": "hi Jane Doe"}],
            },
        )
        assert r.status_code == expected
        err = r.json()["error"]
        # The upstream's own type and message reach the client (no code sent: a generic one);
        # the message is relayed as the upstream wrote it, never restored.
        assert err["type"] == "server_error" and err["code"] == "upstream_status"
        assert err["message"] == "echo: [PERSON_1] secret" and "Jane Doe" not in r.text


async def test_upstream_timeout_and_unreachable(core) -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    up = ScriptedUpstream()
    up.handler = timeout  # type: ignore[method-assign]
    client, _ = make_client(core, up)
    async with client:
        r = await client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        )
    assert r.status_code == 504 and r.json()["error"]["code"] == "upstream_timeout"

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    up.handler = refused  # type: ignore[method-assign]
    client, _ = make_client(core, up)
    async with client:
        r = await client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        )
    assert r.status_code == 502 and r.json()["error"]["code"] == "upstream_unreachable"


async def test_stream_without_done_ends_with_error_event(client, upstream) -> None:
    chunks = [
        delta_chunk({"role": "assistant", "content": "Hello "}),
        delta_chunk({"content": "[PER"}),
    ]
    upstream.reply = lambda body: httpx.Response(200, content=sse(chunks, done=False))
    r = await client.post(
        "/v1/chat/completions",
        json={
            "model": "m",
            "stream": True,
            "messages": [{"role": "user", "content": "I am Jane Doe"}],
        },
    )
    assert r.status_code == 200
    events, done = parse_sse(r.text)
    assert done
    assert events[-1]["error"]["code"] == "upstream_protocol_error"
    assert "Jane Doe" not in r.text or r.text.count("Jane Doe") == 0


async def test_invalid_request_body(client, upstream) -> None:
    r = await client.post("/v1/chat/completions", json={"model": "m", "messages": "Jane Doe"})
    assert r.status_code == 400
    assert r.json()["error"]["type"] == "invalid_request_error"
    assert "Jane Doe" not in r.text  # validation errors do not echo the input
    r = await client.post("/v1/chat/completions", content=b"{not json")
    assert r.status_code == 400
    assert upstream.bodies == []


async def test_unexpected_core_failure_is_500_without_text(upstream, caplog) -> None:
    class Broken(FakeVeil):
        def protect(self, text, *, session="default", tenant="default"):  # type: ignore[no-untyped-def]
            raise RuntimeError(f"boom {text}")

    caplog.set_level(logging.DEBUG)
    client, _ = make_client(Broken(), upstream)
    async with client:
        r = await client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "Jane Doe"}]},
        )
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert "Jane Doe" not in r.text and "Jane Doe" not in caplog.text
    assert upstream.bodies == []
