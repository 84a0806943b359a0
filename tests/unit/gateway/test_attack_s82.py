"""Attack paths probed in session 82, through the real gateway app (in process, the real core
without NER, two keys of one tenant, a scripted hostile upstream).

Holes closed (each test failed before):

- a redacted term split inside its words over three parts a client joins (Messages text
  blocks, Responses ``output_text`` parts) stopped the stream only at the third part: each
  part went out before its closing event, so ``about Proj`` + ``ect Night`` reached the
  client. A closed part's held-back tail, its closing event and every event after it now
  wait until the next part shows the term cannot straddle them.

The probes that found nothing are listed in docs/gateway.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import (
    chat_body,
    delta_chunk,
    redacting_veil,
    sse_response,
    tenant_app,
    tenant_client,
)
from .test_attack_s81 import (
    QUOTED,
    TERM,
    _answer_in_parts,
    _json_answer,
    _named_sse,
    _typed_request,
)
from .test_attack_s81 import _veil as _quoted_veil


def _typed_events(raw: str) -> list[dict[str, Any]]:
    return [json.loads(line[6:]) for line in raw.splitlines() if line.startswith("data: ")]


# --- a term split inside its words over three joined parts --------------------------------------

@pytest.mark.parametrize("api", ["messages", "responses"])
@pytest.mark.parametrize("texts", [["about Proj", "ect Night", "jar now"],
                                   ["about Pro", "j", "ect ", "Nigh", "tjar now"]],
                         ids=["three", "five"])
async def test_no_piece_of_a_term_split_over_parts_reaches_the_client(
    tmp_path: Path, api: str, texts: list[str]
) -> None:
    r = await _answer_in_parts(tmp_path, api, texts, True)
    assert "upstream LLM wrote a term the tenant redacts across two parts" in r.text
    pieces = "".join(
        str(e.get("delta", {}).get("text", "") if api == "messages" else e.get("delta", ""))
        for e in _typed_events(r.text) if "delta" in e)
    assert "Proj" not in pieces and "Night" not in pieces


@pytest.mark.parametrize("api", ["messages", "responses"])
async def test_held_parts_go_out_whole_and_in_order(tmp_path: Path, api: str) -> None:
    texts = ["about Proj", "ect Falcon and more ", "x" * 80, " the end"]
    r = await _answer_in_parts(tmp_path, api, texts, True)
    events = _typed_events(r.text)
    assert not any(e.get("type") == "error" for e in events)
    if api == "messages":
        deltas = [(e["index"], e["delta"]["text"]) for e in events
                  if e["type"] == "content_block_delta"]
        stops = [i for i, e in enumerate(events) if e["type"] == "content_block_stop"]
        starts = [i for i, e in enumerate(events) if e["type"] == "content_block_start"]
        # each block closes before the next one starts
        assert all(s < t for s, t in zip(stops[:-1], starts[1:], strict=True))
        text = "".join(t for _, t in deltas)
        per_part = ["".join(t for i, t in deltas if i == n) for n in range(len(texts))]
    else:
        deltas = [(e["content_index"], e["delta"]) for e in events
                  if e["type"] == "response.output_text.delta"]
        done = {e["content_index"]: e["text"] for e in events
                if e["type"] == "response.output_text.done"}
        text = "".join(t for _, t in deltas)
        per_part = ["".join(t for i, t in deltas if i == n) for n in range(len(texts))]
        assert [done[n] for n in range(len(texts))] == texts
    assert text == "".join(texts)
    assert per_part == texts


# --- a term split between two items of a list Veil does not restore -----------------------------

def _with_details(details: list[Any]) -> Any:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        body = chat_body("fine")
        body["choices"][0]["message"]["reasoning_details"] = details
        return httpx.Response(200, json=body)
    return handler


@pytest.mark.parametrize("details", [
    [{"type": "reasoning.text", "text": "about Project "}, {"type": "reasoning.text",
                                                           "text": "Nightjar now"}],
    ["about Proj", "ect Nightjar"],
    [{"type": "reasoning.summary", "summary": ["about Project", "Nightjar"]}],
], ids=["dicts", "strings", "nested"])
async def test_a_term_split_between_list_items_of_a_whole_answer_is_withheld(
    tmp_path: Path, details: list[Any]
) -> None:
    app = tenant_app(redacting_veil(tmp_path, TERM), _with_details(details))
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "hi"}]})
    assert "Nightjar" not in r.text
    assert r.status_code == 502


async def test_list_items_without_a_term_across_them_pass(tmp_path: Path) -> None:
    details = [{"type": "reasoning.text", "text": "about Project "},
               {"type": "reasoning.text", "text": "Falcon now"}]
    app = tenant_app(redacting_veil(tmp_path, TERM), _with_details(details))
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 200
    assert r.json()["choices"][0]["message"]["reasoning_details"] == details


# --- input_items: an earlier JSON turn of the chain ---------------------------------------------

async def test_input_items_keep_an_earlier_json_answer_escaped(tmp_path: Path) -> None:
    app = tenant_app(_quoted_veil(tmp_path), _json_answer)
    async with tenant_client(app) as c:
        first = await c.post("/v1/responses", json={
            "model": "m", "input": f"Describe {QUOTED} as JSON.",
            "text": {"format": {"type": "json_object"}}})
        assert first.status_code == 200, first.text
        second = await c.post("/v1/responses", json={
            "model": "m", "input": "And in a sentence?",
            "previous_response_id": first.json()["id"]})
        assert second.status_code == 200, second.text
        got = await c.get(f"/v1/responses/{second.json()['id']}/input_items",
                          params={"order": "asc"})
    assert got.status_code == 200, got.text
    items = got.json()["data"]
    answer = next(i for i in items if i.get("role") == "assistant")
    assert json.loads(answer["content"][0]["text"]) == {"org": QUOTED}
    asked = items[0]["content"][0]["text"]  # the caller's own text stays plain
    assert asked == f"Describe {QUOTED} as JSON."


# --- a redacted term in what the upstream writes beside an answer -------------------------------

def _stream_then_error(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    raw = (b"data: " + json.dumps(delta_chunk({"role": "assistant", "content": "hi"})).encode()
           + b"\n\n" + b'data: {"error": {"message": "TERM failed", "type": "server_error", '
           b'"param": "TERM"}}\n\n').replace(b"TERM", TERM.encode())
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _with_fields(where: str) -> Any:
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        if body.get("stream"):
            first = delta_chunk({"role": "assistant", "content": "fine"})
            last = delta_chunk({}, finish="stop")
            if where == "id":
                first["id"] = last["id"] = TERM
            elif where == "system_fingerprint":
                first["system_fingerprint"] = TERM
            elif where == "finish_reason":
                last["choices"][0]["finish_reason"] = TERM
            else:
                first["choices"][0]["delta"]["role"] = TERM
            return sse_response([first, last])
        answer = chat_body("fine")
        if where in ("id", "system_fingerprint"):
            answer[where] = TERM
        elif where == "finish_reason":
            answer["choices"][0]["finish_reason"] = TERM
        else:
            answer["choices"][0]["message"]["role"] = TERM
        return httpx.Response(200, json=answer)
    return handler


UPSTREAM_PLACES: dict[str, Any] = {
    "error 400": lambda _r, _b: httpx.Response(400, json={"error": {
        "message": f"{TERM} is refused", "type": "invalid_request_error", "param": TERM,
        "code": "bad"}}),
    "error 500": lambda _r, _b: httpx.Response(500, json={"error": {
        "message": f"{TERM} broke", "type": "server_error"}}),
    "headers": lambda _r, _b: httpx.Response(200, json=chat_body("fine"), headers={
        "x-ratelimit-note": TERM, "x-request-id": TERM, "retry-after": "1"}),
    "stream error": _stream_then_error,
    **{f"{w} whole": _with_fields(w) for w in ("id", "system_fingerprint", "finish_reason",
                                               "role")},
    **{f"{w} stream": _with_fields(w) for w in ("id", "system_fingerprint", "finish_reason",
                                                "role")},
}


@pytest.mark.parametrize("place", list(UPSTREAM_PLACES))
async def test_a_term_the_upstream_writes_beside_the_answer_is_redacted(
    tmp_path: Path, place: str
) -> None:
    app = tenant_app(redacting_veil(tmp_path, TERM), UPSTREAM_PLACES[place])
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "stream": place.endswith("stream") or place == "stream error",
            "messages": [{"role": "user", "content": "hi"}]})
    assert "Nightjar" not in r.text
    assert not any("Nightjar" in v for v in r.headers.values())
    if place == "headers":
        assert r.headers["retry-after"] == "1"


async def test_an_upstream_error_without_a_term_is_relayed_as_sent(tmp_path: Path) -> None:
    def handler(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        return httpx.Response(400, json={"error": {"message": "max_tokens is too large",
                                                   "type": "invalid_request_error",
                                                   "param": "max_tokens", "code": "bad"}})

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "max_tokens is too large"
    assert r.json()["error"]["param"] == "max_tokens"


def _typed_answers(stream: bool) -> dict[str, Any]:
    """Messages and Responses answers with the term in an id, a status or a stop reason."""
    msg = {"id": TERM, "type": "message", "role": "assistant", "model": "m",
           "content": [{"type": "text", "text": "ok"}], "stop_reason": TERM,
           "usage": {"input_tokens": 1, "output_tokens": 1}}
    item = {"id": TERM, "type": "message", "role": "assistant", "status": TERM,
            "content": [{"type": "output_text", "text": "ok", "annotations": []}]}
    resp = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item], "service_tier": TERM}
    if not stream:
        return {"messages": lambda _r, _b: httpx.Response(200, json=msg),
                "responses": lambda _r, _b: httpx.Response(200, json=resp)}
    at = {"item_id": TERM, "output_index": 0, "content_index": 0}
    part = {"type": "output_text", "text": "ok", "annotations": []}
    events = [
        {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                  "output": []}},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**item, "content": []}},
        {"type": "response.content_part.added", **at, "part": {**part, "text": ""}},
        {"type": "response.output_text.delta", **at, "delta": "ok"},
        {"type": "response.output_text.done", **at, "text": "ok"},
        {"type": "response.content_part.done", **at, "part": part},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": "response.completed", "response": resp}]
    for n, e in enumerate(events):
        e["sequence_number"] = n
    return {"responses": lambda _r, _b: _named_sse(events),
            "messages": lambda _r, _b: _named_sse([
                {"type": "message_start", "message": {**msg, "content": [],
                                                      "stop_reason": None}},
                {"type": "content_block_start", "index": 0,
                 "content_block": {"type": "text", "text": ""}},
                {"type": "content_block_delta", "index": 0,
                 "delta": {"type": "text_delta", "text": "ok"}},
                {"type": "content_block_stop", "index": 0},
                {"type": "message_delta", "delta": {"stop_reason": TERM},
                 "usage": {"output_tokens": 1}},
                {"type": "message_stop"}])}


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("api", ["messages", "responses"])
async def test_a_term_in_a_typed_answers_ids_is_redacted(
    tmp_path: Path, api: str, stream: bool
) -> None:
    r = await _typed_request(tmp_path, api, _typed_answers(stream)[api], stream)
    assert r.status_code == 200, r.text
    assert "Nightjar" not in r.text
    assert "ok" in r.text


# --- a redacted term in a tool call's id, type or name ------------------------------------------

def _tool_call_answer(field: str) -> Any:
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        call: dict[str, Any] = {"id": "call_1", "type": "function",
                                "function": {"name": "f", "arguments": "{}"}}
        if field == "name":
            call["function"]["name"] = TERM
        elif field == "extra":
            call["function"]["extra"] = TERM
        else:
            call[field] = TERM
        if not body.get("stream"):
            return httpx.Response(200, json=chat_body(None, tool_calls=[call]))
        return sse_response([delta_chunk({"role": "assistant",
                                          "tool_calls": [{"index": 0, **call}]}),
                             delta_chunk({}, finish="tool_calls")])
    return handler


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("field", ["id", "type", "name", "extra"])
async def test_a_term_in_a_tool_calls_own_fields_is_redacted(
    tmp_path: Path, field: str, stream: bool
) -> None:
    app = tenant_app(redacting_veil(tmp_path, TERM), _tool_call_answer(field))
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "stream": stream, "messages": [{"role": "user", "content": "hi"}],
            "tools": [{"type": "function", "function": {"name": "f"}}]})
    assert r.status_code == 200, r.text
    assert "Nightjar" not in r.text


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("api", ["messages", "responses"])
async def test_a_term_in_a_typed_tool_calls_name_is_redacted(
    tmp_path: Path, api: str, stream: bool
) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        if api == "messages":
            block = {"type": "tool_use", "id": "toolu_1", "name": TERM, "input": {}}
            msg = {"id": "msg_1", "type": "message", "role": "assistant", "model": "m",
                   "content": [block], "stop_reason": "tool_use",
                   "usage": {"input_tokens": 1, "output_tokens": 1}}
            if not stream:
                return httpx.Response(200, json=msg)
            return _named_sse([
                {"type": "message_start", "message": {**msg, "content": [],
                                                      "stop_reason": None}},
                {"type": "content_block_start", "index": 0, "content_block": block},
                {"type": "content_block_stop", "index": 0},
                {"type": "message_delta", "delta": {"stop_reason": "tool_use"},
                 "usage": {"output_tokens": 1}},
                {"type": "message_stop"}])
        item = {"id": "fc_1", "type": "function_call", "call_id": "call_1", "name": TERM,
                "arguments": "{}", "status": "completed"}
        resp = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
                "model": "m", "output": [item]}
        if not stream:
            return httpx.Response(200, json=resp)
        events = [{"type": "response.created", "response": {**resp, "output": []}},
                  {"type": "response.output_item.added", "output_index": 0, "item": item},
                  {"type": "response.output_item.done", "output_index": 0, "item": item},
                  {"type": "response.completed", "response": resp}]
        for n, e in enumerate(events):
            e["sequence_number"] = n
        return _named_sse(events)

    r = await _typed_request(tmp_path, api, handler, stream)
    assert r.status_code == 200, r.text
    assert "Nightjar" not in r.text


def test_a_thinking_blocks_end_does_not_hold_the_text_after_it(tmp_path: Path) -> None:
    """Only the kind of block that began last holds the stream back: the text streams while
    a thinking block's tail waits for nothing (a later thinking block is still checked)."""
    from veil.gateway.privacy import Conversation
    from veil.gateway.serving_messages import MessagesStreamRestorer
    from veil.gateway.typed_sse import unbatch

    sr = MessagesStreamRestorer(Conversation(redacting_veil(tmp_path, TERM), "acme", "s"))
    sent: list[str] = []
    for ev in [{"type": "message_start", "message": {"id": "m", "type": "message",
                                                     "role": "assistant", "content": []}},
               {"type": "content_block_start", "index": 0,
                "content_block": {"type": "thinking", "thinking": ""}},
               {"type": "content_block_delta", "index": 0,
                "delta": {"type": "thinking_delta", "thinking": "a short thought"}},
               {"type": "content_block_stop", "index": 0},
               {"type": "content_block_start", "index": 1,
                "content_block": {"type": "text", "text": ""}},
               {"type": "content_block_delta", "index": 1,
                "delta": {"type": "text_delta", "text": "word " * 40}}]:
        out = sr.process(ev)
        sent += [e["type"] for e in unbatch(out)] if out is not None else []
    assert sent == ["message_start", "content_block_start", "content_block_delta",
                    "content_block_stop", "content_block_start", "content_block_delta"]


def test_a_messages_end_does_not_hold_the_function_call_after_it(tmp_path: Path) -> None:
    from veil.gateway.privacy import Conversation
    from veil.gateway.serving_responses import ResponsesStreamRestorer

    sr = ResponsesStreamRestorer(Conversation(redacting_veil(tmp_path, TERM), "acme", "s"),
                                 lambda _r: None)
    at = {"item_id": "msg_1", "output_index": 0, "content_index": 0}
    part = {"type": "output_text", "text": "ok", "annotations": []}
    for ev in [{"type": "response.output_item.added", "output_index": 0, "item": {
                    "id": "msg_1", "type": "message", "role": "assistant", "content": []}},
               {"type": "response.content_part.added", **at, "part": {**part, "text": ""}},
               {"type": "response.output_text.delta", **at, "delta": "ok"},
               {"type": "response.output_text.done", **at, "text": "ok"},
               {"type": "response.content_part.done", **at, "part": part}]:
        sr.process(ev)
    out = sr.process({"type": "response.output_item.added", "output_index": 1, "item": {
        "id": "fc_1", "type": "function_call", "call_id": "c", "name": "f",
        "arguments": ""}})
    assert out is not None


async def test_a_term_in_a_batch_lines_upstream_error_is_redacted(tmp_path: Path) -> None:
    import asyncio

    def handler(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        return httpx.Response(400, json={"error": {"message": f"{TERM} is refused",
                                                   "type": "invalid_request_error"}})

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    line = {"custom_id": "1", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}}
    async with tenant_client(app) as a:
        up = await a.post("/v1/files", files={"file": ("b.jsonl", json.dumps(line).encode())},
                          data={"purpose": "batch"})
        b = await a.post("/v1/batches", json={"input_file_id": up.json()["id"],
                                              "endpoint": "/v1/chat/completions"})
        for _ in range(200):
            got = (await a.get(f"/v1/batches/{b.json()['id']}")).json()
            if got["status"] == "completed":
                break
            await asyncio.sleep(0.01)
        out = await a.get(f"/v1/files/{got['output_file_id']}/content")
    assert out.status_code == 200, out.text
    assert json.loads(out.text.splitlines()[0])["error"]["error"]["message"].endswith(
        "is refused")
    assert "Nightjar" not in out.text


def test_a_long_chains_json_answers_keep_their_places_when_its_oldest_items_go() -> None:
    from veil.gateway.response_store import (
        MAX_HISTORY_ITEMS,
        ResponseRecord,
        ResponseStore,
        _Memory,
    )

    store = ResponseStore(_Memory(), vault=None, ttl_seconds=60)
    history = [{"n": i} for i in range(MAX_HISTORY_ITEMS + 3)]
    store.put(ResponseRecord(id="r", tenant="t", principal="p", session="s", scope=[],
                             history=history, response={}, json_items=[1, 5, 9]))
    rec = store.get("t", "p", "r")
    assert rec is not None and len(rec.history) == MAX_HISTORY_ITEMS
    assert [rec.history[i]["n"] for i in rec.json_items] == [5, 9]
