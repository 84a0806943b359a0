"""A text-only chat client (the obfuscated upstream's shape) behind the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from veil.gateway import ChatOnlyUpstream, GatewayState, TenantRegistry, create_app
from veil.gateway.tenants import Tenant

from .conftest import parse_sse
from .fakes import FakeVeil


class TextClient:
    def __init__(self) -> None:
        self.seen: list[list[dict[str, Any]]] = []
        self.params: list[dict[str, Any]] = []

    async def chat(self, messages: list[dict[str, Any]], **params: Any) -> str:
        self.seen.append(messages)
        self.params.append(params)
        return "Hello " + messages[-1]["content"]

    async def stream_chat(
        self, messages: list[dict[str, Any]], **params: Any
    ) -> AsyncIterator[str]:
        self.seen.append(messages)
        for piece in ("Hello [PER", "SON_1", "], bye"):
            yield piece


async def test_text_client_behind_the_gateway() -> None:
    text_client = TextClient()
    state = GatewayState(
        core=FakeVeil(),
        upstream=ChatOnlyUpstream(text_client),
        tenants=TenantRegistry([Tenant("default")], {}),
    )
    app = create_app(state)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://veil.test"
    ) as c:
        body = {
            "model": "m",
            "max_tokens": 5,
            "messages": [{"role": "user", "content": "Jane Doe"}],
        }
        r = await c.post("/v1/chat/completions", json=body)
        assert r.json()["choices"][0]["message"]["content"] == "Hello Jane Doe"
        assert text_client.seen[0][-1]["content"] == "[PERSON_1]"
        assert text_client.params[0] == {"max_tokens": 5}
        r = await c.post("/v1/chat/completions", json={**body, "stream": True})
        events, done = parse_sse(r.text)
        text = "".join(e["choices"][0]["delta"].get("content") or "" for e in events)
        assert done and text == "Hello Jane Doe, bye"
        r = await c.post("/v1/completions", json={"model": "m", "prompt": "x"})
        assert r.status_code == 400
