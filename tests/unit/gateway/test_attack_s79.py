"""Attack paths probed in session 79, through the real gateway app (in process, the real core
without NER, two keys of one tenant, a scripted hostile upstream).

Holes closed (each test failed before):

- a bare URL ended at any character Python's ``\\s`` matches, so a hostile upstream that put a
  no-break space (or U+3000, U+2028, U+0085, U+001F...) between a URL and a placeholder got
  the original restored into what a GFM renderer (cmark-gfm ends an autolink at ASCII space
  only) shows as one link: ``https://evil.example/?q=\\u00a0jane@example.com``;
- tool-call arguments were not scanned for the tenant's redacted terms (an answer's text was):
  a term the LLM wrote into a tool call reached the client, whole and streamed, in chat,
  Responses and a streamed Messages ``tool_use`` input.

The probes that found nothing are listed in docs/gateway.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import TermRule

from .conftest import (
    chat_body,
    delta_chunk,
    redacting_veil,
    sse_response,
    tenant_app,
    tenant_client,
)

EMAIL = "jane.exfil@example.com"
TERM = "Project Nightjar"
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def _named_stream(events: list[dict[str, Any]]) -> httpx.Response:
    """Anthropic and Responses framing: an ``event:`` line before each ``data:``."""
    raw = b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _first_placeholder(body: dict[str, Any]) -> str:
    found = PLACEHOLDER.findall(json.dumps(body))
    assert found, "the upstream got no placeholder"
    return str(found[0])


# --- a URL that a Unicode space does not end --------------------------------------------------

#: Characters Python's ``\s`` matches that no GFM autolinker ends a URL at.
UNICODE_SPACES = ["\u00a0", "\u3000", "\u2028", "\u2029", "\u0085", "\u1680", "\u2007",
                  "\u202f", "\u205f", "\x1c", "\x1f"]


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=[f"U+{ord(s):04X}" for s in UNICODE_SPACES])
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
async def test_a_unicode_space_does_not_end_a_url(
    tmp_path: Path, space: str, stream: bool
) -> None:
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        text = f"see https://evil.example/?q={space}{_first_placeholder(body)} now"
        if not stream:
            return httpx.Response(200, json=chat_body(text))
        cut = text.index("?q=") + 3
        return sse_response([delta_chunk({"role": "assistant", "content": text[:cut]}),
                             delta_chunk({"content": text[cut:]}, finish="stop")])

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "stream": stream,
            "messages": [{"role": "user", "content": f"write to {EMAIL}"}]})
    assert r.status_code == 200
    assert EMAIL not in r.text
    assert "evil.example" in r.text  # the answer came through, the value stayed out of it


async def test_ascii_spaces_still_end_a_url(tmp_path: Path) -> None:
    """The value after a URL and an ordinary space, tab or line break is prose: restored."""
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        ph = _first_placeholder(body)
        return httpx.Response(200, json=chat_body(
            f"see https://x.example/a {ph}, https://x.example/b\t{ph}, https://x.example/c\n{ph}"))

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": f"write to {EMAIL}"}]})
    assert r.json()["choices"][0]["message"]["content"].count(EMAIL) == 3


# --- tool-call arguments and the tenant's redacted terms --------------------------------------

ARGS = json.dumps({"query": f"status of {TERM} today", "n": 3})
TOOLS = [{"type": "function", "function": {
    "name": "lookup", "parameters": {"type": "object", "properties": {
        "query": {"type": "string"}, "n": {"type": "integer"}}}}}]


def _chat_whole(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=chat_body(None, tool_calls=[{
        "id": "call_1", "type": "function",
        "function": {"name": "lookup", "arguments": ARGS}}]))


def _chat_stream(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    cut = ARGS.index("Night")  # the term split across two deltas
    return sse_response([
        delta_chunk({"role": "assistant", "tool_calls": [{
            "index": 0, "id": "call_1", "type": "function",
            "function": {"name": "lookup", "arguments": ""}}]}),
        delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": ARGS[:cut]}}]}),
        delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": ARGS[cut:]}}]},
                    finish="tool_calls")])


def _responses_whole(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json={
        "id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
        "model": "m", "output": [{"id": "fc_1", "type": "function_call", "call_id": "call_1",
                                  "name": "lookup", "arguments": ARGS,
                                  "status": "completed"}]})


def _responses_stream(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    cut = ARGS.index("Night")
    item = {"id": "fc_1", "type": "function_call", "call_id": "call_1", "name": "lookup",
            "arguments": "", "status": "in_progress"}
    done = {**item, "arguments": ARGS, "status": "completed"}
    resp = {"id": "resp_1", "object": "response", "created_at": 1, "model": "m"}
    return _named_stream([
        {"type": "response.created", "sequence_number": 0,
         "response": {**resp, "status": "in_progress", "output": []}},
        {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0,
         "item": item},
        {"type": "response.function_call_arguments.delta", "sequence_number": 2,
         "item_id": "fc_1", "output_index": 0, "delta": ARGS[:cut]},
        {"type": "response.function_call_arguments.delta", "sequence_number": 3,
         "item_id": "fc_1", "output_index": 0, "delta": ARGS[cut:]},
        {"type": "response.function_call_arguments.done", "sequence_number": 4,
         "item_id": "fc_1", "output_index": 0, "arguments": ARGS},
        {"type": "response.output_item.done", "sequence_number": 5, "output_index": 0,
         "item": done},
        {"type": "response.completed", "sequence_number": 6,
         "response": {**resp, "status": "completed", "output": [done]}}])


def _messages_stream(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    cut = ARGS.index("Night")
    return _named_stream([
        {"type": "message_start", "message": {
            "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
            "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1}}},
        {"type": "content_block_start", "index": 0, "content_block": {
            "type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {}}},
        {"type": "content_block_delta", "index": 0,
         "delta": {"type": "input_json_delta", "partial_json": ARGS[:cut]}},
        {"type": "content_block_delta", "index": 0,
         "delta": {"type": "input_json_delta", "partial_json": ARGS[cut:]}},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": None},
         "usage": {"output_tokens": 2}},
        {"type": "message_stop"}])


_CHAT = {"model": "m", "tools": TOOLS, "messages": [{"role": "user", "content": "look it up"}]}
_RESPONSES = {"model": "m", "tools": [{"type": "function", "name": "lookup",
                                       "parameters": TOOLS[0]["function"]["parameters"]}],
              "input": "look it up"}
_MESSAGES = {"model": "m", "max_tokens": 64,
             "tools": [{"name": "lookup", "input_schema": TOOLS[0]["function"]["parameters"]}],
             "messages": [{"role": "user", "content": "look it up"}]}

TOOL_CASES = {
    "chat-whole": ("openai", _chat_whole, "/v1/chat/completions", {**_CHAT}),
    "chat-stream": ("openai", _chat_stream, "/v1/chat/completions", {**_CHAT, "stream": True}),
    "responses-whole": ("responses", _responses_whole, "/v1/responses", {**_RESPONSES}),
    "responses-stream": ("responses", _responses_stream, "/v1/responses",
                         {**_RESPONSES, "stream": True}),
    "messages-stream": ("anthropic", _messages_stream, "/v1/messages",
                        {**_MESSAGES, "stream": True}),
}


def _arguments(path: str, stream: bool, raw: str) -> list[str]:
    """The arguments a client assembles from the answer (streamed: deltas joined)."""
    if not stream:
        data = json.loads(raw)
        if path == "/v1/responses":
            return [i["arguments"] for i in data["output"] if i["type"] == "function_call"]
        return [c["function"]["arguments"] for c in data["choices"][0]["message"]["tool_calls"]]
    events = [json.loads(line[6:]) for line in raw.splitlines()
              if line.startswith("data: ") and line != "data: [DONE]"]
    if path == "/v1/chat/completions":
        parts = [c["function"].get("arguments") or "" for e in events for ch in e["choices"]
                 for c in ch["delta"].get("tool_calls") or []]
    elif path == "/v1/responses":
        parts = [e["delta"] for e in events
                 if e["type"] == "response.function_call_arguments.delta"]
    else:
        parts = [e["delta"]["partial_json"] for e in events
                 if e["type"] == "content_block_delta"]
    return ["".join(parts)]


@pytest.mark.parametrize("case", list(TOOL_CASES))
async def test_a_redacted_term_never_reaches_the_client_in_tool_arguments(
    tmp_path: Path, case: str
) -> None:
    kind, handler, path, body = TOOL_CASES[case]
    app = tenant_app(redacting_veil(tmp_path, TERM), handler, kind=kind)
    async with tenant_client(app) as c:
        r = await c.post(path, json=body)
    assert r.status_code == 200, r.text
    assert TERM.lower() not in r.text.lower()
    assert "Nightjar" not in r.text  # nor half of it, however the stream cut it
    for args in _arguments(path, bool(body.get("stream")), r.text):
        parsed = json.loads(args)  # still the JSON the tool takes
        assert parsed["n"] == 3
        assert parsed["query"] == "status of [REDACTED_CODENAME] today", parsed


async def test_tool_arguments_keep_the_originals_the_request_sent(tmp_path: Path) -> None:
    """Scanning for redacted terms leaves restoration alone: an address the request masked
    comes back in the arguments, JSON-escaped where it must be."""
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        args = json.dumps({"query": f"mail {_first_placeholder(body)}", "n": 3})
        return httpx.Response(200, json=chat_body(None, tool_calls=[{
            "id": "call_1", "type": "function",
            "function": {"name": "lookup", "arguments": args}}]))

    app = tenant_app(redacting_veil(tmp_path, TERM), handler)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            **_CHAT, "messages": [{"role": "user", "content": f"write to {EMAIL}"}]})
    args = json.loads(r.json()["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
    assert args == {"query": f"mail {EMAIL}", "n": 3}


# --- the gateway's own upstream key in what the upstream answers -------------------------------

UPSTREAM_KEY = "sk-up"  # what _app gives every upstream


def _echo_key_401(request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    """An upstream (a proxy, a self-hosted server) that quotes the key it refused."""
    auth = request.headers.get("authorization", "").removeprefix("Bearer ")
    key = auth or request.headers.get("x-api-key") or ""
    return httpx.Response(401, json={"error": {
        "message": f"Incorrect API key provided: {key}. Check your key.",
        "type": "invalid_request_error", "code": "invalid_api_key"}},
        headers={"x-request-id": f"req_{key}"})


def _echo_key_in_stream(request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    key = request.headers.get("authorization", "").removeprefix("Bearer ")
    return sse_response([delta_chunk({"role": "assistant", "content": "Hi"}),
                         {"error": {"message": f"key {key} over quota", "type": "server_error"}}])


def _echo_key_in_responses_stream(request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    key = request.headers.get("authorization", "").removeprefix("Bearer ")
    return _named_stream([
        {"type": "response.created", "sequence_number": 0, "response": {
            "id": "resp_1", "object": "response", "created_at": 1, "model": "m",
            "status": "in_progress", "output": []}},
        {"type": "error", "sequence_number": 1, "code": "server_error",
         "message": f"key {key} over quota"}])


_HI = [{"role": "user", "content": "hi"}]
KEY_CASES = {
    "chat-401": ("openai", _echo_key_401, "/v1/chat/completions", {"model": "m", "messages": _HI}),
    "chat-stream-401": ("openai", _echo_key_401, "/v1/chat/completions",
                        {"model": "m", "messages": _HI, "stream": True}),
    "chat-stream-event": ("openai", _echo_key_in_stream, "/v1/chat/completions",
                          {"model": "m", "messages": _HI, "stream": True}),
    "embeddings-401": ("openai", _echo_key_401, "/v1/embeddings", {"model": "m", "input": "hi"}),
    "messages-401": ("anthropic", _echo_key_401, "/v1/messages",
                     {"model": "m", "max_tokens": 5, "messages": _HI}),
    "responses-401": ("responses", _echo_key_401, "/v1/responses", {"model": "m", "input": "hi"}),
    "responses-stream-event": ("responses", _echo_key_in_responses_stream, "/v1/responses",
                               {"model": "m", "input": "hi", "stream": True}),
}


@pytest.mark.parametrize("case", list(KEY_CASES))
async def test_the_upstream_key_an_upstream_quotes_never_reaches_a_caller(
    tmp_path: Path, case: str
) -> None:
    kind, handler, path, body = KEY_CASES[case]
    app = tenant_app(redacting_veil(tmp_path, TERM), handler, kind=kind)
    async with tenant_client(app) as c:
        r = await c.post(path, json=body)
    assert r.status_code in (200, 401, 502), r.text  # the failure itself is still reported
    assert UPSTREAM_KEY not in r.text
    assert all(UPSTREAM_KEY not in v for v in r.headers.values())
    assert "key" in r.text.lower()  # the rest of the upstream's message is kept


# --- grammars: a value written as a regex terminal ---------------------------------------------

_ESCAPED = r"jane\.exfil@example\.com"

GRAMMAR_CASES = {
    # OpenAI's custom tools constrain the call's input by a regex or a Lark grammar
    "custom-regex": ({"tools": [{"type": "custom", "custom": {"name": "mail", "format": {
        "type": "grammar", "grammar": {"syntax": "regex", "definition": f"^{_ESCAPED}$"}}}}]},
        lambda b: b["tools"][0]["custom"]["format"]["grammar"]["definition"]),
    "custom-lark": ({"tools": [{"type": "custom", "custom": {"name": "mail", "format": {
        "type": "grammar", "grammar": {"syntax": "lark",
                                       "definition": f"start: /{_ESCAPED}/ | \"nobody\""}}}}]},
        lambda b: b["tools"][0]["custom"]["format"]["grammar"]["definition"]),
    # vLLM's grammar and structured outputs
    "guided-grammar": ({"guided_grammar": f"root ::= /{_ESCAPED}/"},
                       lambda b: b["guided_grammar"]),
    "structured-regex": ({"structured_outputs": {"regex": f"^{_ESCAPED}$"}},
                         lambda b: b["structured_outputs"]["regex"]),
    "structured-grammar": ({"structured_outputs": {"grammar": f"root ::= /{_ESCAPED}/"}},
                           lambda b: b["structured_outputs"]["grammar"]),
}


@pytest.mark.parametrize("case", list(GRAMMAR_CASES))
async def test_a_value_written_in_a_grammar_does_not_go_up(tmp_path: Path, case: str) -> None:
    extra, where = GRAMMAR_CASES[case]
    sent: list[dict[str, Any]] = []

    def record(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        sent.append(body)
        return httpx.Response(200, json=chat_body("ok"))

    app = tenant_app(redacting_veil(tmp_path, TERM), record)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "Who?"}], **extra})
    assert r.status_code == 200, r.text
    assert "exfil" not in json.dumps(sent)
    # the placeholder goes up written as a literal, the rest of the grammar as written
    assert r"\[EMAIL_1\]" in where(sent[0]), where(sent[0])


def _key_args_chat(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=chat_body(None, tool_calls=[{
        "id": "call_1", "type": "function",
        "function": {"name": "lookup", "arguments": json.dumps({TERM: {"n": 3}})}}]))


def _key_args_messages(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json={
        "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
        "content": [{"type": "tool_use", "id": "toolu_1", "name": "lookup",
                     "input": {TERM: {"n": 3}}}],
        "stop_reason": "tool_use", "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1}})


@pytest.mark.parametrize("case", ["chat", "messages"])
async def test_a_redacted_term_the_llm_wrote_as_an_argument_name_is_redacted(
    tmp_path: Path, case: str
) -> None:
    kind, handler, path, body = (
        ("openai", _key_args_chat, "/v1/chat/completions", _CHAT) if case == "chat"
        else ("anthropic", _key_args_messages, "/v1/messages", _MESSAGES))
    app = tenant_app(redacting_veil(tmp_path, TERM), handler, kind=kind)
    async with tenant_client(app) as c:
        r = await c.post(path, json=body)
    assert r.status_code == 200, r.text
    assert "nightjar" not in r.text.lower()
    assert "[REDACTED_CODENAME]" in r.text


# --- a tenant term broken by a line wrap ----------------------------------------------------

#: How a pasted document, a mail client or a model's output writes the space of a term.
WRAPS = ["\n", " \n", "\n    ", "\t", "  ", "\r\n", "\u2028"]


@pytest.mark.parametrize("space", WRAPS, ids=[repr(s) for s in WRAPS])
async def test_a_term_broken_by_a_line_wrap_does_not_go_up(tmp_path: Path, space: str) -> None:
    sent: list[dict[str, Any]] = []

    def record(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        sent.append(body)
        return httpx.Response(200, json=chat_body(f"About Project{space}Nightjar: on track."))

    app = tenant_app(redacting_veil(tmp_path, TERM), record)
    async with tenant_client(app) as c:
        r = await c.post("/v1/chat/completions", json={"model": "m", "messages": [
            {"role": "user", "content": f"Summarize the status of Project{space}Nightjar."}]})
    assert r.status_code == 200, r.text
    assert "nightjar" not in json.dumps(sent).lower()  # the request side
    assert "nightjar" not in r.text.lower()  # the answer's output scan
    assert r.json()["choices"][0]["message"]["content"] == "About [REDACTED_CODENAME]: on track."


def test_a_term_is_still_found_only_whole() -> None:
    """Collapsing the spaces between a term's words finds no more than the words: a term
    glued to a word, or a word of it alone, is not a match."""
    from veil.detect.terms import TermDatabase

    db = TermDatabase([TermRule(term=TERM, type="CODENAME")])
    text = "Project\n\nNightjars and Project Nightjarx, a project, nightjar birds"
    assert db.analyze(text) == []
    found = db.analyze("one  Project \n  Nightjar\ttwo Project Nightjar")
    assert [(d.start, d.end) for d in found] == [(5, 24), (29, 45)]
