"""``veil.wrap(openai.OpenAI())``: Veil inside the process, for code that has no gateway.

The wrapped client is a copy of the caller's whose HTTP transport runs the gateway's own privacy
layer (:mod:`veil.gateway.privacy`, the request-field walker, the streaming restorers) around the
original transport: each request body is masked exactly as ``veil serve`` masks it, the answer
(whole or streamed, tool-call arguments included) gets back only the originals of values its
own request sent, and conversation sessions are derived the way the gateway derives them (the
``X-Veil-Session`` header, else the conversation's opening). Every SDK method over those
endpoints works unchanged: ``create``, ``stream=True``, ``with_raw_response``, ``parse``.

Endpoints: chat completions, completions, embeddings and the Responses API are masked (a
``previous_response_id`` must name a response this wrapped client created: the chain's session
and scope live in this process, the masked chain at the upstream). Any other request that
carries a body is refused (default deny: a body Veil has no rules for could carry personal data);
body-less requests (``models.list``) pass. Failures come back as OpenAI error responses, so the
SDK raises its usual ``APIStatusError`` subclasses.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from veil.core import PrivacyCore
    from veil.gateway.privacy import Conversation
    from veil.gateway.streaming import EventRestorer

_C = TypeVar("_C")
Body = dict[str, Any]

#: Principal id of in-process calls (sessions are derived from it as the gateway does).
LOCAL_PRINCIPAL = "local"

#: Responses whose chain a follow-up turn may continue (oldest forgotten first).
MAX_CHAINS = 4096


@dataclass(frozen=True)
class _Route:
    endpoint: str
    restore: Callable[[Conversation, Body], Body] | None
    stream_restorer: Callable[[Conversation], EventRestorer] | None
    typed: bool = False  # ``event:`` frames, numbered, no [DONE] (the Responses API)


class _Privacy:
    """The gateway's request handling without HTTP: session, mask, restore."""

    def __init__(self, core: PrivacyCore, tenant: str, secret: bytes | None) -> None:
        from veil.gateway.privacy import ChatStreamRestorer, CompletionStreamRestorer, Conversation
        from veil.gateway.sessions import SessionResolver
        from veil.gateway.tenants import Principal, Tenant

        self.core, self.tenant = core, tenant
        self.sessions = SessionResolver(secret)
        self.principal = Principal(Tenant(tenant), LOCAL_PRINCIPAL)
        self.routes = {
            "/chat/completions": _Route(
                "chat.completions", Conversation.restore_chat, ChatStreamRestorer
            ),
            "/completions": _Route(
                "completions", Conversation.restore_completion, CompletionStreamRestorer
            ),
            "/embeddings": _Route("embeddings", None, None),
            "/responses": _Route(
                "responses", self._restore_response, self._responses_restorer, typed=True
            ),
        }
        #: response id -> (session, scope) of the conversation it ended, for previous_response_id.
        self._chains: OrderedDict[str, tuple[str, list[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def _remember(self, conv: Conversation, response: Body) -> None:
        rid = response.get("id")
        if isinstance(rid, str) and response.get("store", True) is not False:
            with self._lock:
                self._chains[rid] = (conv.session, sorted(conv.scope))
                while len(self._chains) > MAX_CHAINS:
                    self._chains.popitem(last=False)

    def _restore_response(self, conv: Conversation, data: Body) -> Body:
        from veil.gateway.serving_responses import restore_response

        self._remember(conv, data)
        return restore_response(conv, data)

    def _responses_restorer(self, conv: Conversation) -> EventRestorer:
        from veil.gateway.serving_responses import ResponsesStreamRestorer

        return ResponsesStreamRestorer(conv, lambda response: self._remember(conv, response))

    def _responses_session(self, body: Body, header: str | None) -> tuple[str, list[str]]:
        from veil.errors import NotFoundError
        from veil.gateway.serving_responses import _refuse_unsupported
        from veil.wire.openai import ChatCompletionRequest
        from veil.wire.responses import TranslationError, request_to_chat

        _refuse_unsupported(body)
        prev = body.get("previous_response_id")
        if prev is not None:
            with self._lock:
                chain = self._chains.get(str(prev))
            if chain is None:
                raise NotFoundError(
                    "previous_response_id names no response of this wrapped client (its chain "
                    "is kept in this process); send the conversation as input instead"
                )
            return chain
        try:
            chat = ChatCompletionRequest.model_validate(request_to_chat(body))
        except (TranslationError, ValueError):
            return self.sessions.for_completion(self.principal, header), []
        return self.sessions.for_chat(self.principal, chat, header), []

    def route(self, path: str) -> _Route | None:
        for suffix, r in self.routes.items():
            if path.rstrip("/").endswith(suffix):
                return r
        return None

    def protect(self, route: _Route, body: Body, header: str | None) -> tuple[Conversation, Body]:
        from veil.gateway.privacy import Conversation
        from veil.gateway.sessions import USER_PSEUDONYM
        from veil.wire.openai import ChatCompletionRequest

        scope: list[str] = []
        if route.endpoint == "chat.completions":
            session = self.sessions.for_chat(
                self.principal, ChatCompletionRequest.model_validate(body), header
            )
        elif route.endpoint == "responses":
            session, scope = self._responses_session(body, header)
        else:
            session = self.sessions.for_completion(self.principal, header)
        conv = Conversation(
            self.core, self.tenant, session, principal=LOCAL_PRINCIPAL,
            pseudonym_key=self.sessions.derived_key(USER_PSEUDONYM),
        )
        conv.scope.update(scope)  # a chain's earlier values may come back in this answer
        if route.endpoint == "embeddings":
            from veil.gateway.serving_embeddings import EMBEDDING_PSEUDONYM, protect_embeddings

            key = self.sessions.derived_key(EMBEDDING_PSEUDONYM)
            return conv, protect_embeddings(conv, body, pseudonym_key=key)
        return conv, conv.protect_request(route.endpoint, body)


def _error_response(hx: Any, exc: BaseException, request: Any) -> Any:
    from veil.gateway.errors import error_body, status_and_type

    status, _ = status_and_type(exc)
    return hx.Response(status, json=error_body(exc), request=request)


def _refusal(hx: Any, request: Any) -> Any:
    from veil.errors import RequestValidationError

    return _error_response(
        hx,
        RequestValidationError(
            "veil.wrap masks chat completions, completions, embeddings and responses; this "
            "endpoint has "
            "no masking rules, so the request was not sent. Call it with an unwrapped client "
            "if it carries no personal data"
        ),
        request,
    )


def _masked_request(hx: Any, request: Any, body: Body) -> Any:
    headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() != "content-length"]
    return hx.Request(
        request.method, request.url, headers=headers,
        content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        extensions=request.extensions,
    )


def _plain_headers(response: Any) -> list[tuple[str, str]]:
    drop = {"content-length", "content-encoding", "transfer-encoding"}
    return [(k, v) for k, v in response.headers.multi_items() if k.lower() not in drop]


def _is_stream(response: Any) -> bool:
    return bool(response.headers.get("content-type", "").startswith("text/event-stream"))


class _Events:
    """Masked upstream SSE lines in, restored SSE bytes out (the gateway's restorers)."""

    def __init__(self, restorer: EventRestorer, *, typed: bool = False) -> None:
        from veil.wire.sse import SSEDecoder

        self.restorer = restorer
        self.decoder = SSEDecoder()
        self.typed = typed
        self.seq = 0

    def line(self, line: str) -> list[bytes]:
        data = self.decoder.feed_line(line.rstrip("\r\n"))
        return self._data(data) if data is not None else []

    def end(self) -> list[bytes]:
        data = self.decoder.flush()
        out = self._data(data) if data is not None else []
        if self.typed:  # no [DONE] in a typed stream: what is still held back goes out now
            out += self._emit(self.restorer.finish())
        return out

    def _emit(self, event: Body | None) -> list[bytes]:
        from veil.gateway.typed_sse import frame, unbatch
        from veil.wire.sse import encode_event

        if event is None:
            return []
        if not self.typed:
            return [encode_event(event)]
        out = []
        for ev in unbatch(event):  # renumbered: a held-back tail adds events
            ev["sequence_number"] = self.seq
            self.seq += 1
            out.append(frame(ev))
        return out

    def _data(self, data: str) -> list[bytes]:
        from veil.wire.sse import DONE, DONE_DATA, encode_event

        if data == DONE_DATA and not self.typed:
            return [*self._emit(self.restorer.finish()), DONE]
        event = json.loads(data)
        if not isinstance(event, dict) or ("error" in event and "choices" not in event
                                           and not self.typed):
            return [encode_event(event)]  # an upstream error event: relayed as it is
        return self._emit(self.restorer.process(event))


def _restored(
    hx: Any, request: Any, response: Any, route: _Route, conv: Conversation, content: bytes
) -> Any:
    data = json.loads(content)
    if route.restore is not None and isinstance(data, dict):
        data = route.restore(conv, data)
    return hx.Response(
        response.status_code, headers=_plain_headers(response),
        content=json.dumps(data, ensure_ascii=False).encode("utf-8"),
        request=request, extensions=response.extensions,
    )


@functools.cache
def transports(hx: Any) -> tuple[type, type]:
    """(sync, async) transport classes for ``hx``: httpx, or the httpx fork an SDK ships
    (openai 3 uses ``httpx2``); a transport must subclass the client's own module's classes."""

    class _Stream(hx.SyncByteStream):
        def __init__(self, upstream: Any, events: _Events) -> None:
            self.upstream, self.events = upstream, events

        def __iter__(self) -> Iterator[bytes]:
            for line in self.upstream.iter_lines():
                yield from self.events.line(line)
            yield from self.events.end()

        def close(self) -> None:
            self.upstream.close()

    class _AsyncStream(hx.AsyncByteStream):
        def __init__(self, upstream: Any, events: _Events) -> None:
            self.upstream, self.events = upstream, events

        async def __aiter__(self) -> AsyncIterator[bytes]:
            from anyio import to_thread

            async for line in self.upstream.aiter_lines():
                for out in await to_thread.run_sync(self.events.line, line):
                    yield out
            for out in self.events.end():
                yield out

        async def aclose(self) -> None:
            await self.upstream.aclose()

    class VeilTransport(hx.BaseTransport):
        """Masks requests and restores responses around ``inner`` (a sync transport)."""

        def __init__(self, inner: Any, privacy: _Privacy) -> None:
            self.inner, self.privacy = inner, privacy

        def handle_request(self, request: Any) -> Any:
            request.read()
            if not request.content:
                return self.inner.handle_request(request)
            route = self.privacy.route(request.url.path)
            if route is None or request.method != "POST":
                return _refusal(hx, request)
            try:
                conv, masked = self.privacy.protect(
                    route, json.loads(request.content), request.headers.get("x-veil-session")
                )
            except Exception as e:  # noqa: BLE001 - fail closed: nothing was sent
                return _error_response(hx, e, request)
            response = self.inner.handle_request(_masked_request(hx, request, masked))
            if response.status_code >= 400:
                return response  # the upstream's error, relayed unrestored as the gateway does
            if _is_stream(response) and route.stream_restorer is not None:
                return hx.Response(
                    response.status_code, headers=_plain_headers(response),
                    stream=_Stream(
                        response, _Events(route.stream_restorer(conv), typed=route.typed)
                    ),
                    request=request, extensions=response.extensions,
                )
            try:
                return _restored(hx, request, response, route, conv, response.read())
            finally:
                response.close()

        def close(self) -> None:
            self.inner.close()

    class AsyncVeilTransport(hx.AsyncBaseTransport):
        """The async transport; masking runs in a worker thread (spaCy is CPU-bound)."""

        def __init__(self, inner: Any, privacy: _Privacy) -> None:
            self.inner, self.privacy = inner, privacy

        async def handle_async_request(self, request: Any) -> Any:
            from anyio import to_thread

            await request.aread()
            if not request.content:
                return await self.inner.handle_async_request(request)
            route = self.privacy.route(request.url.path)
            if route is None or request.method != "POST":
                return _refusal(hx, request)
            try:
                body = json.loads(request.content)
                conv, masked = await to_thread.run_sync(
                    self.privacy.protect, route, body, request.headers.get("x-veil-session")
                )
            except Exception as e:  # noqa: BLE001 - fail closed: nothing was sent
                return _error_response(hx, e, request)
            response = await self.inner.handle_async_request(_masked_request(hx, request, masked))
            if response.status_code >= 400:
                return response
            if _is_stream(response) and route.stream_restorer is not None:
                return hx.Response(
                    response.status_code, headers=_plain_headers(response),
                    stream=_AsyncStream(
                        response, _Events(route.stream_restorer(conv), typed=route.typed)
                    ),
                    request=request, extensions=response.extensions,
                )
            try:
                content = await response.aread()
                return await to_thread.run_sync(
                    _restored, hx, request, response, route, conv, content
                )
            finally:
                await response.aclose()

        async def aclose(self) -> None:
            await self.inner.aclose()

    return VeilTransport, AsyncVeilTransport


def _http_module(client: Any) -> Any:
    """The httpx-like module of ``client`` (``httpx``, ``httpx2``...)."""
    for cls in type(client).__mro__:
        top = cls.__module__.split(".")[0]
        if top.startswith("httpx") and cls.__name__ in ("Client", "AsyncClient"):
            return importlib.import_module(top)
    return None


def wrap(
    client: _C,
    *,
    veil: PrivacyCore | None = None,
    tenant: str = "default",
    session_secret: bytes | None = None,
) -> _C:
    """A copy of an ``openai.OpenAI`` or ``openai.AsyncOpenAI`` client whose chat, completion and
    embedding requests are masked by Veil and whose answers are restored.

    ``veil``: the privacy core (default: ``Veil()`` from ``VEIL_*`` settings); ``tenant``: whose
    policy applies; ``session_secret``: key of session ids and user pseudonyms (default: random
    per process; pass a stable one to keep sessions across restarts).
    """
    inner_client = getattr(client, "_client", None)
    hx = _http_module(inner_client) if inner_client is not None else None
    if hx is None or not hasattr(client, "with_options"):
        raise TypeError("veil.wrap takes an openai.OpenAI or openai.AsyncOpenAI client")
    if veil is None:
        from veil.core import Veil

        veil = Veil()
    privacy = _Privacy(veil, tenant, session_secret or os.urandom(32))
    sync_cls, async_cls = transports(hx)
    inner = inner_client._transport  # type: ignore[union-attr]
    timeout = inner_client.timeout  # type: ignore[union-attr]
    if isinstance(inner_client, hx.AsyncClient):
        http = hx.AsyncClient(transport=async_cls(inner, privacy), timeout=timeout)
    else:
        http = hx.Client(transport=sync_cls(inner, privacy), timeout=timeout)
    wrapped: _C = client.with_options(http_client=http)  # type: ignore[attr-defined,unused-ignore]
    return wrapped


__all__ = ["transports", "wrap"]
