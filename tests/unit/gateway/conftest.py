from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app, hash_api_key
from veil.gateway.tenants import Tenant
from veil.gateway.upstream_anthropic import AnthropicUpstream

from .fakes import FakeVeil


@pytest.fixture(autouse=True)
def _fresh_clean_tokens() -> None:
    """Each test reads protocol tokens afresh: the process's clean-token cache outlives tests."""
    from veil.gateway.privacy import CLEAN_TOKENS

    CLEAN_TOKENS.clear()


class ScriptedUpstream:
    """An httpx MockTransport that records forwarded bodies and answers with a script."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[httpx.Headers] = []
        self.reply: Callable[[dict[str, Any]], httpx.Response] = self.echo

    @staticmethod
    def echo(body: dict[str, Any]) -> httpx.Response:
        last = body["messages"][-1]["content"]
        return httpx.Response(200, json=chat_body(f"You said: {last}"))

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.bodies.append(body)
        self.headers.append(request.headers)
        return self.reply(body)

    def sent_text(self) -> str:
        return json.dumps(self.bodies)


def chat_body(
    content: str | None, tool_calls: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    msg: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        msg["tool_calls"] = tool_calls
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": msg, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        "system_fingerprint": "fp_test",
    }


def sse(events: list[dict[str, Any]], done: bool = True) -> bytes:
    out = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)
    return out + (b"data: [DONE]\n\n" if done else b"")


def sse_response(events: list[dict[str, Any]]) -> httpx.Response:
    """A streamed upstream answer of ``events``."""
    return httpx.Response(200, content=sse(events), headers={"content-type": "text/event-stream"})


def redacting_veil(tmp_path: Path, term: str) -> Veil:
    """The real core without NER, its tenant ``acme`` redacting ``term`` (operator ``redact``):
    the LLM must never hand it to the client, whatever it was asked."""
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    pol = Policy(ner=False, terms=[TermRule(term=term, type="CODENAME")],
                 entities={"CODENAME": EntityRule(operator="redact")})
    veil = Veil(settings, policy=pol)
    veil.set_policy("acme", pol)
    return veil


def delta_chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def parse_sse(raw: str) -> tuple[list[dict[str, Any]], bool]:
    events, done = [], False
    for line in raw.splitlines():
        if line.startswith("data: "):
            data = line[6:]
            if data == "[DONE]":
                done = True
            else:
                events.append(json.loads(data))
    return events, done


@pytest.fixture
def upstream() -> ScriptedUpstream:
    return ScriptedUpstream()


@pytest.fixture
def core() -> FakeVeil:
    return FakeVeil(output_terms={"default": ["Project Falcon"]})


def make_client(
    core: FakeVeil, upstream: ScriptedUpstream, tenants: TenantRegistry | None = None
) -> tuple[httpx.AsyncClient, GatewayState]:
    state = GatewayState(
        core=core,
        upstream=OpenAIUpstream(
            "http://upstream.test/v1",
            api_key="sk-upstream",
            transport=httpx.MockTransport(upstream.handler),
        ),
        tenants=tenants or TenantRegistry([Tenant("default")], {}),
    )
    app = create_app(state)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test")
    return client, state


@pytest.fixture
async def client(core: FakeVeil, upstream: ScriptedUpstream):  # type: ignore[no-untyped-def]
    c, _ = make_client(core, upstream)
    async with c:
        yield c


#: Two API keys of one tenant ("acme"), for the attack tests' gateways.
KEY_A, KEY_B = "key-acme-a", "key-acme-b"

#: An upstream's answer to a request and its decoded JSON body.
Handler = Callable[[httpx.Request, dict[str, Any]], httpx.Response]


def tenant_app(veil: Veil, handler: Handler, *, kind: str = "openai") -> Any:
    """The real gateway over ``veil`` for tenant "acme" (keys :data:`KEY_A`, :data:`KEY_B`),
    in front of an upstream of ``kind`` (openai, anthropic, responses) answered by ``handler``."""
    tenants = TenantRegistry([Tenant("acme")],
                             {hash_api_key(KEY_A): "acme", hash_api_key(KEY_B): "acme"})
    cls = AnthropicUpstream if kind == "anthropic" else OpenAIUpstream

    def recorded(request: httpx.Request) -> httpx.Response:
        return handler(request, json.loads(request.content) if request.content else {})

    up = cls("http://upstream.test/v1", api_key="sk-up", transport=httpx.MockTransport(recorded))
    if kind == "responses":
        up.responses_api = True
    return create_app(GatewayState(core=veil, upstream=up, tenants=tenants))


def tenant_client(app: Any, key: str = KEY_A) -> httpx.AsyncClient:
    """A client of ``app`` that authenticates with ``key``."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test",
                             headers={"authorization": f"Bearer {key}"})
