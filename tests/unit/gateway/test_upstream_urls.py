"""The upstream client's request URLs: each path merged under the base URL once, as httpx
merges a string path, and sent there."""

from __future__ import annotations

import httpx
import pytest

from veil.gateway.upstream import _KEPT_URLS, OpenAIUpstream


@pytest.mark.parametrize("base", ["http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1/",
                                  "http://127.0.0.1:9", "https://h.example/openai/x"])
def test_merged_urls_are_httpx_own(base: str) -> None:
    up = OpenAIUpstream(base)
    plain = httpx.AsyncClient(base_url=base.rstrip("/"))
    for path in ("/chat/completions", "chat/completions", "/models",
                 "/openai/deployments/gpt 4o/chat/completions?api-version=2024-10-21"):
        assert up._url(path) == plain.build_request("POST", path).url
        assert up._url(path) is up._url(path)  # merged once


def test_kept_urls_are_bounded() -> None:
    up = OpenAIUpstream("http://127.0.0.1:9/v1")
    for k in range(_KEPT_URLS + 10):
        assert str(up._url(f"/batches/batch_{k}")) == f"http://127.0.0.1:9/v1/batches/batch_{k}"
    assert len(up._urls) == _KEPT_URLS


async def test_requests_go_to_the_merged_url() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"id": "x", "object": "list", "data": []})

    up = OpenAIUpstream("http://127.0.0.1:9/v1", transport=httpx.MockTransport(answer))
    await up.chat({"model": "m", "messages": []})
    await up.models()
    await up.chat({"model": "m", "messages": []})
    await up.aclose()
    assert seen == ["http://127.0.0.1:9/v1/chat/completions", "http://127.0.0.1:9/v1/models",
                    "http://127.0.0.1:9/v1/chat/completions"]
