"""Every stream ends with the complete answer + ``[DONE]`` or an error event + ``[DONE]``.

One test per way a stream could otherwise end short: the upstream closing without ``[DONE]``,
the connection dropping mid-body, an event that is not an object, an error event from the
upstream, the restorer's final flush raising, closing the upstream raising, building the error
event raising, and the embedded model failing part-way. Plus: a client that goes away still
releases the upstream.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from veil.errors import VeilError
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.embedded_model import _Stop, create_embedded_app
from veil.gateway.metrics import GatewayMetrics
from veil.gateway.streaming import restored_sse
from veil.gateway.tenants import Tenant
from veil.wire.sse import DONE, parse_sse

from .conftest import delta_chunk, sse
from .fakes import FakeVeil

CHAT = "/v1/chat/completions"
BODY = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "hi Jane Doe"}]}


class _Broken(httpx.AsyncByteStream):
    """A response body that sends ``data`` and then fails like a dropped connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data
        raise httpx.ReadError("connection reset by peer")


def _client(reply: httpx.Response) -> httpx.AsyncClient:
    state = GatewayState(
        core=FakeVeil(),
        upstream=OpenAIUpstream(
            "http://upstream.test/v1", transport=httpx.MockTransport(lambda request: reply)
        ),
        tenants=TenantRegistry([Tenant("default")], {}),
    )
    app = create_app(state)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test")


async def _stream(reply: httpx.Response) -> tuple[list[dict[str, Any]], bool]:
    async with _client(reply) as c:
        r = await c.post(CHAT, json=BODY)
    assert r.status_code == 200, r.text
    return parse_sse(r.text)


FIRST = delta_chunk({"role": "assistant", "content": "Hello [PERSON_1]"})


async def test_complete_stream_ends_with_answer_and_done() -> None:
    events, done = await _stream(httpx.Response(200, content=sse([FIRST, delta_chunk({}, "stop")])))
    assert done and "error" not in events[-1]
    assert "".join(e["choices"][0]["delta"].get("content", "") for e in events) == "Hello Jane Doe"


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        # upstream closes cleanly without [DONE]
        (lambda: httpx.Response(200, content=sse([FIRST], done=False)), "upstream_protocol_error"),
        # the connection drops mid-body
        (
            lambda: httpx.Response(200, stream=_Broken(sse([FIRST], done=False))),
            "upstream_protocol_error",
        ),
        # an event that is JSON but not an object (dropping it would lose part of the answer)
        (
            lambda: httpx.Response(
                200, content=sse([FIRST], done=False) + b'data: "more"\n\n' + DONE
            ),
            "upstream_protocol_error",
        ),
        # an event that is not JSON
        (
            lambda: httpx.Response(
                200, content=sse([FIRST], done=False) + b"data: {oops\n\n" + DONE
            ),
            "upstream_protocol_error",
        ),
        # the upstream reports an error inside the stream: its code is kept
        (
            lambda: httpx.Response(
                200,
                content=sse(
                    [
                        FIRST,
                        {"error": {"message": "m", "type": "server_error", "code": "overloaded"}},
                    ],
                    done=False,
                ),
            ),
            "overloaded",
        ),
    ],
)
async def test_broken_upstream_streams_end_with_an_error_event(reply: Any, code: str) -> None:
    events, done = await _stream(reply())
    assert done, "every stream ends with [DONE]"
    assert events[-1]["error"]["code"] == code
    assert events[0]["choices"][0]["delta"]["content"] == "Hello Jane Doe"


async def test_multi_line_data_event_is_one_event() -> None:
    body = (
        b'data: {"id": "c", "object": "chat.completion.chunk",\n'
        b'data: "choices": [{"index": 0, "delta": {"content": "x"}}]}\n\n' + DONE
    )
    events, done = await _stream(httpx.Response(200, content=body))
    assert done and events[0]["choices"][0]["delta"]["content"] == "x"


# --- restored_sse paths that no HTTP upstream can trigger --------------------------------------


class _Upstream:
    def __init__(self, events: list[dict[str, Any]], *, close_fails: bool = False) -> None:
        self.events, self.close_fails, self.closed = list(events), close_fails, False

    def __aiter__(self) -> _Upstream:
        return self

    async def __anext__(self) -> dict[str, Any]:
        if not self.events:
            raise StopAsyncIteration
        return self.events.pop(0)

    async def aclose(self) -> None:
        self.closed = True
        if self.close_fails:
            raise RuntimeError("close failed")


class _Restorer:
    def __init__(self, *, finish_fails: bool = False) -> None:
        self.finish_fails = finish_fails

    def process(self, chunk: dict[str, Any]) -> dict[str, Any] | None:
        return chunk

    def finish(self) -> dict[str, Any] | None:
        if self.finish_fails:
            raise RuntimeError("flush failed: Jane Doe")
        return None


async def _collect(upstream: _Upstream, restorer: _Restorer) -> tuple[list[dict[str, Any]], bool]:
    out = restored_sse(
        None, upstream, restorer, metrics=GatewayMetrics(), endpoint="chat", started=0.0
    )
    return parse_sse(b"".join([b async for b in out]))


async def test_final_flush_raising_ends_with_error_event() -> None:
    events, done = await _collect(_Upstream([FIRST]), _Restorer(finish_fails=True))
    assert done and events[-1]["error"]["code"] == "internal_error"
    assert "Jane Doe" not in str(events)


async def test_closing_the_upstream_raising_ends_with_error_event() -> None:
    upstream = _Upstream([FIRST], close_fails=True)
    events, done = await _collect(upstream, _Restorer())
    assert upstream.closed and done and events[-1]["error"]["code"] == "internal_error"


async def test_error_event_that_cannot_be_built_still_reports_the_failure() -> None:
    class Unprintable(VeilError):
        def __str__(self) -> str:
            raise ValueError("no")

    class Failing(_Upstream):
        async def __anext__(self) -> dict[str, Any]:
            raise Unprintable()

    events, done = await _collect(Failing([]), _Restorer())
    assert done and events[-1]["error"]["code"] == "internal_error"


async def test_client_going_away_releases_the_upstream() -> None:
    upstream = _Upstream([FIRST, FIRST, FIRST])
    out = restored_sse(
        None, upstream, _Restorer(), metrics=GatewayMetrics(), endpoint="chat", started=0.0
    )
    assert (await out.__anext__()).startswith(b"data: ")
    await out.aclose()  # what Starlette does when the client disconnects
    assert upstream.closed


# --- the embedded model server ------------------------------------------------------------------


class _FailingEngine:
    """Generates two pieces, then the model fails (what a CUDA/CPU error mid-generate does)."""

    def stream(self, body: dict[str, Any], chat: bool, stop_flag: _Stop) -> Any:
        yield "Hello "
        yield "wor"
        raise RuntimeError("generate() failed")

    def count_tokens(self, text: str) -> int:
        return len(text.split())


async def test_embedded_model_failing_part_way_sends_an_error_not_stop() -> None:
    app = create_embedded_app(_FailingEngine())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://model.test"
    ) as c:
        r = await c.post(CHAT, json=BODY)
        events, done = parse_sse(r.text)
        assert done and events[-1]["error"]["code"] == "generation_failed"
        assert all(e.get("choices", [{}])[0].get("finish_reason") != "stop" for e in events)
        r = await c.post(CHAT, json={**BODY, "stream": False})
        assert r.status_code == 500 and r.json()["error"]["code"] == "generation_failed"
        assert (await c.get("/readyz")).status_code == 200
        assert (await c.get("/v1/models")).json()["data"][0]["id"]
