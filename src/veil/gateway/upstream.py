"""Upstream LLM clients.

:class:`Upstream` is what the serving layer talks to; it deals in OpenAI JSON bodies (dicts) so
unknown fields pass through untouched. :class:`OpenAIUpstream` forwards to any OpenAI-compatible
base URL with one pooled ``httpx.AsyncClient``. :class:`ChatOnlyUpstream` adapts a text-level
client (``async chat(messages, **params) -> str`` / ``stream_chat(...) -> AsyncIterator[str]``,
e.g. the obfuscated upstream) to the same interface.

Upstream response bodies are never logged or put into exception messages: they may quote the
(masked) prompt, and error text of third-party APIs is not under our control.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Protocol, runtime_checkable

import httpx

from .errors import (
    UpstreamConnectError,
    UpstreamProtocolError,
    UpstreamStatusError,
    UpstreamTimeoutError,
)

Body = dict[str, Any]


@runtime_checkable
class Upstream(Protocol):
    async def chat(self, body: Body) -> Body: ...

    def stream_chat(self, body: Body) -> AsyncIterator[Body]: ...

    async def completions(self, body: Body) -> Body: ...

    def stream_completions(self, body: Body) -> AsyncIterator[Body]: ...

    async def models(self) -> Body: ...

    async def aclose(self) -> None: ...


def _upstream_type(resp: httpx.Response) -> str | None:
    """The short error ``type``/``code`` identifier of an OpenAI error body, if any (no text)."""
    try:
        err = resp.json().get("error")
    except (ValueError, AttributeError):
        return None
    if not isinstance(err, dict):
        return None
    for key in ("type", "code"):
        v = err.get(key)
        if isinstance(v, str) and v.replace("_", "").isalnum() and len(v) <= 64:
            return v
    return None


class OpenAIUpstream:
    """Any OpenAI-compatible HTTP API (OpenAI, vLLM, llama.cpp server, the embedded model)."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 120.0,
        max_connections: int = 200,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _request(self, method: str, path: str, body: Body | None = None) -> Body:
        try:
            resp = await self._client.request(method, path, json=body)
        except httpx.TimeoutException:
            raise UpstreamTimeoutError(
                "upstream LLM timed out; retry, or raise the upstream read timeout"
            ) from None
        except httpx.TransportError:
            raise UpstreamConnectError(
                f"cannot reach the upstream LLM at {self.base_url}; check --upstream-base-url"
            ) from None
        if resp.status_code >= 400:
            raise UpstreamStatusError(resp.status_code, _upstream_type(resp))
        try:
            data = resp.json()
        except ValueError:
            raise UpstreamProtocolError(
                "upstream LLM answered with a body that is not JSON"
            ) from None
        if not isinstance(data, dict):
            raise UpstreamProtocolError("upstream LLM answered with JSON that is not an object")
        return data

    async def _stream(self, path: str, body: Body) -> AsyncIterator[Body]:
        done = False
        try:
            async with self._client.stream("POST", path, json=body) as resp:
                if resp.status_code >= 400:
                    await resp.aread()
                    raise UpstreamStatusError(resp.status_code, _upstream_type(resp))
                async for line in resp.aiter_lines():
                    if not line.startswith("data:"):
                        continue  # comments, event names, keep-alives
                    data = line[5:].strip()
                    if data == "[DONE]":
                        done = True
                        break
                    try:
                        event = json.loads(data)
                    except ValueError:
                        raise UpstreamProtocolError(
                            "upstream LLM sent a stream event that is not JSON"
                        ) from None
                    if isinstance(event, dict) and "error" in event and "choices" not in event:
                        err = event.get("error")
                        typ = err.get("type") if isinstance(err, dict) else None
                        raise UpstreamStatusError(502, typ if isinstance(typ, str) else None)
                    if isinstance(event, dict):
                        yield event
        except httpx.TimeoutException:
            raise UpstreamTimeoutError(
                "upstream LLM timed out while streaming; retry, or raise the read timeout"
            ) from None
        except httpx.TransportError:
            raise UpstreamProtocolError(
                "upstream LLM stream broke off (connection dropped); the answer is incomplete"
            ) from None
        if not done:
            raise UpstreamProtocolError(
                "upstream LLM stream ended without [DONE]; the answer may be incomplete"
            )

    async def chat(self, body: Body) -> Body:
        return await self._request("POST", "/chat/completions", body)

    def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        return self._stream("/chat/completions", body)

    async def completions(self, body: Body) -> Body:
        return await self._request("POST", "/completions", body)

    def stream_completions(self, body: Body) -> AsyncIterator[Body]:
        return self._stream("/completions", body)

    async def models(self) -> Body:
        return await self._request("GET", "/models")


class TextChatClient(Protocol):
    """A chat client that returns text only (the obfuscated upstream implements this)."""

    async def chat(self, messages: list[Body], **params: Any) -> str: ...

    def stream_chat(self, messages: list[Body], **params: Any) -> AsyncIterator[str]: ...


_TEXT_PARAMS = ("max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "seed")


class ChatOnlyUpstream:
    """Wraps a :class:`TextChatClient` into an :class:`Upstream` producing OpenAI bodies."""

    def __init__(self, client: TextChatClient, *, model_name: str = "obfuscated") -> None:
        self._client = client
        self._model = model_name

    @staticmethod
    def _params(body: Body) -> dict[str, Any]:
        return {k: body[k] for k in _TEXT_PARAMS if k in body}

    async def chat(self, body: Body) -> Body:
        text = await self._client.chat(body["messages"], **self._params(body))
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self._model),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
        }

    async def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        model = body.get("model", self._model)

        def chunk(delta: Body, finish: str | None = None) -> Body:
            return {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        yield chunk({"role": "assistant", "content": ""})
        async for piece in self._client.stream_chat(body["messages"], **self._params(body)):
            yield chunk({"content": piece})
        yield chunk({}, "stop")

    async def completions(self, body: Body) -> Body:
        from veil.errors import RequestValidationError

        raise RequestValidationError(
            "this upstream serves chat only; use POST /v1/chat/completions"
        )

    async def stream_completions(self, body: Body) -> AsyncIterator[Body]:
        await self.completions(body)
        yield {}  # pragma: no cover - unreachable, makes this an async generator

    async def models(self) -> Body:
        return {
            "object": "list",
            "data": [{"id": self._model, "object": "model", "owned_by": "veil"}],
        }

    async def aclose(self) -> None:
        close = getattr(self._client, "aclose", None)
        if close is not None:
            await close()


__all__ = ["Body", "ChatOnlyUpstream", "OpenAIUpstream", "TextChatClient", "Upstream"]
