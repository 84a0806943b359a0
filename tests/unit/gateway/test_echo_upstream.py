"""The benchmarks' echo LLM (veil.gateway.echo_upstream): what it answers, and how it refuses a
bad body (OpenAI-shaped, without echoing the input)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from veil.gateway.echo_upstream import create_echo_app


def _chat(**extra: object) -> dict[str, object]:
    return {"model": "echo", "messages": [{"role": "user", "content": "Ann Lee, +1 415 555 0100"}],
            **extra}


def test_a_chat_is_answered_with_the_last_message_quoted() -> None:
    with TestClient(create_echo_app(reply_chars=0)) as c:
        r = c.post("/v1/chat/completions", json=_chat())
        assert r.status_code == 200
        body = r.json()
        assert body["object"] == "chat.completion" and body["model"] == "echo"
        assert body["choices"][0]["message"] == {"role": "assistant",
                                                 "content": "Echo: Ann Lee, +1 415 555 0100"}
        streamed = c.post("/v1/chat/completions", json=_chat(stream=True))
        events = [json.loads(line[6:]) for line in streamed.text.splitlines()
                  if line.startswith("data: {")]
        text = "".join(e["choices"][0]["delta"].get("content") or "" for e in events)
        assert text == "Echo: Ann Lee, +1 415 555 0100"
        assert streamed.text.rstrip().endswith("data: [DONE]")


def test_a_bad_body_is_an_openai_error_that_quotes_nothing() -> None:
    with TestClient(create_echo_app()) as c:
        missing = c.post("/v1/chat/completions", json={"model": "echo"})
        assert missing.status_code == 400
        assert missing.json()["error"]["param"] == "messages"
        assert missing.json()["error"]["type"] == "invalid_request_error"
        wrong = c.post("/v1/chat/completions",
                       json={"model": "echo", "messages": "Ann Lee's secret"})
        assert wrong.status_code == 400 and "secret" not in wrong.text
        broken = c.post("/v1/chat/completions", content=b'{"model": "Ann Lee\'s secret",')
        assert broken.status_code == 400 and "secret" not in broken.text
