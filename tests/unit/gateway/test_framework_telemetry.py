"""FastAPI's own OpenTelemetry stays off in the gateway: with a tracer provider configured in
the process, a request (its query string included) makes no span; a plain FastAPI app does."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace

from tests.unit.gateway.conftest import FakeVeil, ScriptedUpstream, make_client


class _Recording(trace.TracerProvider):
    """A configured provider (neither one of the API's deferred ones nor its no-op one) that
    notes every tracer asked of it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def get_tracer(self, instrumenting_module_name: str, *args: Any,
                   **kwargs: Any) -> trace.Tracer:
        self.asked.append(instrumenting_module_name)
        return trace.NoOpTracer()


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> _Recording:
    recording = _Recording()
    # the global provider is set once per process: swapped here for this test only
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", recording)
    return recording


async def test_a_plain_fastapi_app_would_trace(provider: _Recording) -> None:
    app = FastAPI()

    @app.get("/echo")
    async def echo(q: str) -> dict[str, str]:
        return {"q": q}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://app.test") as c:
        assert (await c.get("/echo", params={"q": "Jane Doe"})).status_code == 200
    assert provider.asked  # the check below can fail


async def test_the_gateway_makes_no_span(provider: _Recording, core: FakeVeil,
                                        upstream: ScriptedUpstream) -> None:
    client, _ = make_client(core, upstream)
    async with client:
        r = await client.post("/v1/chat/completions?user=jane.doe%40example.com",
                              json={"model": "gpt-4o-mini",
                                    "messages": [{"role": "user", "content": "Hi, I am Jane"}]})
        assert r.status_code == 200
        assert (await client.get("/healthz?q=Jane+Doe")).status_code == 200
    assert provider.asked == []
