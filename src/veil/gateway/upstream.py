"""Upstream LLM clients.

:class:`Upstream` is what the serving layer talks to; it deals in OpenAI JSON bodies (dicts) so
unknown fields pass through untouched. :class:`OpenAIUpstream` forwards to any OpenAI-compatible
base URL with one pooled ``httpx.AsyncClient``. :class:`ChatOnlyUpstream` adapts a text-level
client (``async chat(messages, **params) -> str`` / ``stream_chat(...) -> AsyncIterator[str]``,
e.g. the obfuscated upstream) to the same interface.

Upstream response bodies are never logged or put into exception messages: they may quote the
(masked) prompt, and error text of third-party APIs is not under our control. An upstream's error
(status, type, code, param, message) is relayed to the client that caused it, unrestored, and its
rate-limit headers with it (:func:`capture_response_headers`).
"""

from __future__ import annotations

import json
import re
import ssl
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol, TypedDict, runtime_checkable

import httpx
import orjson

from veil.wire.cookies import CookielessAsyncClient
from veil.wire.errors import parse_error
from veil.wire.openai import chat_chunk, chat_completion, model_list, new_id
from veil.wire.sse import DONE_DATA, aiter_sse_data

from .errors import (
    UpstreamConnectError,
    UpstreamProtocolError,
    UpstreamStatusError,
    UpstreamTimeoutError,
)

Body = dict[str, Any]


class HttpOptions(TypedDict, total=False):
    """How an HTTP upstream connects: one set of knobs for every kind built on
    :class:`OpenAIUpstream`, so a new kind passes them through instead of listing them again."""

    connect_timeout: float
    read_timeout: float
    max_connections: int
    transport: httpx.AsyncBaseTransport | None
    verify: ssl.SSLContext | bool

#: Upstream response headers a client of the gateway gets too (rate limits, retry hints,
#: timing); the upstream's request id comes back as ``x-upstream-request-id``, next to Veil's own.
PASSTHROUGH_HEADERS = ("retry-after", "retry-after-ms", "openai-processing-ms")
PASSTHROUGH_PREFIXES = ("x-ratelimit-",)

_response_headers: ContextVar[dict[str, str] | None] = ContextVar(
    "veil_upstream_response_headers", default=None
)


@contextmanager
def capture_response_headers() -> Iterator[dict[str, str]]:
    """Collect the pass-through headers of the upstream responses made in this context.

    A context variable instead of a return value keeps :class:`Upstream` dealing in bodies only;
    the router opens one capture per request (a stream's first event is awaited in the request's
    own task, so its headers are in by the time the response starts).
    """
    headers: dict[str, str] = {}
    token = _response_headers.set(headers)
    try:
        yield headers
    finally:
        _response_headers.reset(token)


#: Request headers that carry the gateway's own upstream credential: OpenAI's
#: ``Authorization``, Anthropic's ``x-api-key``, Azure's ``api-key``.
_CREDENTIAL_HEADERS = ("authorization", "x-api-key", "api-key")


def captured_headers() -> dict[str, str]:
    """The pass-through headers captured so far in this context ({} outside a capture)."""
    return _response_headers.get() or {}


def credentials(headers: httpx.Headers) -> tuple[str, ...]:
    """The credential in ``headers`` (a bearer token also alone), longest first: what an
    upstream's error text or echoed header must not carry to a caller."""
    found: set[str] = set()
    for name in _CREDENTIAL_HEADERS:
        value = headers.get(name)
        if not value:
            continue
        found.add(value)
        scheme, _, token = value.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            found.add(token.strip())
    return tuple(sorted(found, key=len, reverse=True))


def passthrough_headers(resp: httpx.Response, withhold: Sequence[str] = ()) -> dict[str, str]:
    """The upstream's headers a caller gets; one that quotes a string of ``withhold`` (the
    gateway's upstream key, in an echoed request id) is dropped, not cut."""
    out: dict[str, str] = {}
    for name, value in resp.headers.items():
        key = name.lower()
        if key in PASSTHROUGH_HEADERS or key.startswith(PASSTHROUGH_PREFIXES):
            out[key] = value
    if rid := resp.headers.get("x-request-id"):
        out["x-upstream-request-id"] = rid
    if withhold and out:
        joined = "\n".join(out.values())
        if any(s in joined for s in withhold):
            return {k: v for k, v in out.items() if not any(s in v for s in withhold)}
    return out


def _record_headers(resp: httpx.Response, withhold: Sequence[str] = ()) -> dict[str, str]:
    headers = passthrough_headers(resp, withhold)
    sink = _response_headers.get()
    if sink is not None:
        sink.update(headers)
    return headers


@runtime_checkable
class Upstream(Protocol):
    async def chat(self, body: Body) -> Body: ...

    def stream_chat(self, body: Body) -> AsyncIterator[Body]: ...

    async def completions(self, body: Body) -> Body: ...

    def stream_completions(self, body: Body) -> AsyncIterator[Body]: ...

    async def models(self) -> Body: ...

    async def aclose(self) -> None: ...


def _status_error(
    resp: httpx.Response, headers: dict[str, str], withhold: Sequence[str] = ()
) -> UpstreamStatusError:
    try:
        detail = parse_error(resp.json(), withhold=withhold)
    except ValueError:
        detail = None
    return UpstreamStatusError(resp.status_code, detail, headers=headers)


def _pooled(verify: ssl.SSLContext | bool, max_connections: int) -> httpx.AsyncBaseTransport | None:
    """aiohttp's pool under httpx (:mod:`.transport`), or None (httpx's own) where the
    environment names a proxy, which only httpx's own transport honours."""
    from .transport import AiohttpTransport, env_proxies

    return None if env_proxies() else AiohttpTransport(verify=verify,
                                                        max_connections=max_connections)


#: merged URLs one upstream keeps (its endpoints; a path with an id is merged each time)
_KEPT_URLS = 32


class OpenAIUpstream:
    """Any OpenAI-compatible HTTP API (OpenAI, vLLM, llama.cpp server, the embedded model)."""

    #: It has its own ``POST /responses`` (OpenAI does; vLLM and most servers do not).
    responses_api: bool = False

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 120.0,
        max_connections: int = 200,
        transport: httpx.AsyncBaseTransport | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self._client = CookielessAsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            transport=transport if transport is not None else _pooled(verify, max_connections),
            verify=verify,
        )
        self._urls: dict[str, httpx.URL] = {}
        self._credentials: tuple[str, ...] | None = None

    async def aclose(self) -> None:
        await self._client.aclose()

    def credentials(self) -> tuple[str, ...]:
        """The key this client sends (see :func:`credentials`); read once, on first use (a
        subclass sets its own header after this constructor)."""
        if self._credentials is None:
            self._credentials = credentials(self._client.headers)
        return self._credentials

    def _unreachable(self) -> UpstreamConnectError:
        return UpstreamConnectError(
            f"cannot reach the upstream LLM at {self.base_url}; check --upstream-base-url"
        )

    def _url(self, path: str) -> httpx.URL:
        """``path`` under the base URL, merged once per path: httpx parses and merges a
        string path on every request (~30 us of a request's CPU)."""
        url = self._urls.get(path)
        if url is None:
            url = self._client.build_request("GET", path).url
            if len(self._urls) < _KEPT_URLS:  # the fixed endpoints; ids in paths pass by
                self._urls[path] = url
        return url

    async def _request(self, method: str, path: str, body: Body | None = None) -> Body:
        try:
            resp = await self._client.request(method, self._url(path), json=body)
        except httpx.TimeoutException:
            raise UpstreamTimeoutError(
                "upstream LLM timed out; retry, or raise the upstream read timeout"
            ) from None
        except httpx.TransportError:
            raise self._unreachable() from None
        withhold = self.credentials()
        headers = _record_headers(resp, withhold)
        if resp.status_code >= 400:
            raise _status_error(resp, headers, withhold)
        try:
            data = _json(resp.content)
        except ValueError:
            raise UpstreamProtocolError(
                "upstream LLM answered with a body that is not JSON"
            ) from None
        if not isinstance(data, dict):
            raise UpstreamProtocolError("upstream LLM answered with JSON that is not an object")
        return data

    async def _stream(
        self, path: str, body: Body, *, until: Callable[[Body], bool] | None = None
    ) -> AsyncIterator[Body]:
        """Upstream events until its ``[DONE]`` (or, for typed streams that send none, the event
        ``until`` accepts); every other ending raises an UpstreamError, so a stream cannot look
        complete when it is not."""
        started = False  # response headers received: later transport errors are a broken stream
        try:
            async with self._client.stream("POST", self._url(path), json=body) as resp:
                started = True
                withhold = self.credentials()
                headers = _record_headers(resp, withhold)
                if resp.status_code >= 400:
                    await resp.aread()
                    raise _status_error(resp, headers, withhold)
                async for data in aiter_sse_data(resp.aiter_lines()):
                    if data == DONE_DATA:
                        return
                    event = _stream_event(data, withhold)
                    yield event
                    if until is not None and until(event):
                        return
        except httpx.TimeoutException:
            raise UpstreamTimeoutError(
                "upstream LLM timed out while streaming; retry, or raise the read timeout"
            ) from None
        except httpx.TransportError:
            if not started:
                raise self._unreachable() from None
            raise UpstreamProtocolError(
                "upstream LLM stream broke off (connection dropped); the answer is incomplete"
            ) from None
        except httpx.HTTPError:  # DecodingError and the like: not a transport failure
            raise UpstreamProtocolError(
                "upstream LLM sent a stream that cannot be decoded; the answer is incomplete"
            ) from None
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

    async def embeddings(self, body: Body) -> Body:
        """``POST /embeddings`` (optional: other upstream kinds may not have it)."""
        return await self._request("POST", "/embeddings", body)

    async def models(self) -> Body:
        return await self._request("GET", "/models")

    # Other wire formats on the same connection pool (Responses API, Anthropic Messages).
    async def post(self, path: str, body: Body) -> Body:
        return await self._request("POST", path, body)

    async def delete(self, path: str) -> Body:
        return await self._request("DELETE", path)

    def stream_events(
        self, path: str, body: Body, *, until: Callable[[Body], bool]
    ) -> AsyncIterator[Body]:
        """A typed event stream (``event:``/``data:``) that ends with the event ``until``
        accepts instead of ``[DONE]``."""
        return self._stream(path, body, until=until)

    async def probe(self, timeout_s: float = 2.0) -> None:
        """Raise an UpstreamError unless ``GET {base}/models`` answers (for ``/readyz``).

        Any HTTP answer below 500 counts as reachable: a 401 means a wrong key, which requests
        will report themselves, not an unreachable upstream.
        """
        try:
            resp = await self._client.get("/models", timeout=timeout_s)
        except httpx.TimeoutException:
            raise UpstreamTimeoutError("upstream LLM did not answer GET /models in time") from None
        except httpx.TransportError:
            raise self._unreachable() from None
        if resp.status_code >= 500:
            raise UpstreamStatusError(resp.status_code)


#: 19 digits in a row: an integer orjson may read as a float (past 64 bits), or a string's
_LONG_DIGITS = re.compile(r"\d{19}")
_LONG_DIGITS_B = re.compile(rb"\d{19}")


def _json(data: str | bytes) -> Any:
    """``json.loads``, by orjson where it reads the same (a third of the time on a streamed
    event, each of an answer's); what orjson refuses (NaN, a lone surrogate) or would read
    otherwise (an integer past 64 bits, which it makes a float) the standard parser reads."""
    long = (_LONG_DIGITS_B.search(data) if isinstance(data, bytes)
            else _LONG_DIGITS.search(data))
    if long is None:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)


def _stream_event(data: str, withhold: tuple[str, ...] = ()) -> Body:
    try:
        event = _json(data)
    except ValueError:
        raise UpstreamProtocolError("upstream LLM sent a stream event that is not JSON") from None
    if not isinstance(event, dict):
        # Dropping it would silently lose part of the answer.
        raise UpstreamProtocolError("upstream LLM sent a stream event that is not a JSON object")
    if "error" in event and "choices" not in event:
        detail = parse_error(event, withhold=withhold)
        raise UpstreamStatusError(502, detail, headers=dict(_response_headers.get() or {}))
    return event


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
        return chat_completion(
            id=new_id("chatcmpl"), model=body.get("model", self._model), content=text
        )

    async def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        cid, created = new_id("chatcmpl"), int(time.time())
        model = body.get("model", self._model)

        def chunk(delta: Body, finish: str | None = None) -> Body:
            return chat_chunk(
                id=cid, model=model, created=created, delta=delta, finish_reason=finish
            )

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
        return model_list(self._model)

    async def aclose(self) -> None:
        close = getattr(self._client, "aclose", None)
        if close is not None:
            await close()


__all__ = [
    "PASSTHROUGH_HEADERS",
    "Body",
    "ChatOnlyUpstream",
    "OpenAIUpstream",
    "TextChatClient",
    "Upstream",
    "capture_response_headers",
    "passthrough_headers",
]
