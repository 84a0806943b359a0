"""Session 82's gateway probes through the real app in process (real core without NER, a
scripted hostile upstream): how many of N probe values reach the client. Run on a tree with
``PYTHONPATH=<tree>/src python leak_probe_s82c.py``; before/after in leak_probe_s82c.txt.

- pieces: the tenant's redacted term split inside its words over three to five parts a client
  joins (Messages text blocks, Responses ``output_text`` parts), streamed: a piece of the term
  (``Proj``, ``Night``) reaching the client before the stream stops;
- items: the term split between two items of a list Veil does not restore
  (``reasoning_details``, a nested list), whole chat answers: its second word reaching the
  client;
- input_items: ``GET /v1/responses/{id}/input_items`` listing an earlier turn's JSON answer
  that holds an original with a quote or a line break: read-backs whose JSON breaks or gains
  keys;
- beside: the term in what the upstream writes beside an answer -- its HTTP error, an error
  event in a stream, a pass-through header, an id, a role, a finish or stop reason, a
  service tier -- chat, Messages and Responses, whole and streamed: the term reaching the
  client.
"""
from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app, hash_api_key
from veil.gateway.tenants import Tenant
from veil.gateway.upstream_anthropic import AnthropicUpstream

TERM, KEY = "Project Nightjar", "k-a"
QUOTED = ['Acme "Falcon" Labs", "admin": "yes', 'The "Blue" Room', "Back\\slash Works",
          'O"Neil & "Sons"', "Line\nBreak Ltd", 'Tab\t"Quote" Co']


def app(handler: Any, kind: str = "openai", terms: list[TermRule] | None = None,
        redact: bool = True) -> Any:
    tmp = Path(tempfile.mkdtemp())
    pol = Policy(ner=False, terms=terms or [TermRule(term=TERM, type="CODENAME")],
                 entities={"CODENAME": EntityRule(operator="redact")} if redact else {})
    core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=pol)
    core.set_policy("acme", pol)

    def h(req: httpx.Request) -> httpx.Response:
        return handler(req, json.loads(req.content) if req.content else {})

    cls = AnthropicUpstream if kind == "anthropic" else OpenAIUpstream
    up = cls("http://up.test/v1", api_key="sk-up", transport=httpx.MockTransport(h))
    if kind == "responses":
        up.responses_api = True
    tenants = TenantRegistry([Tenant("acme")], {hash_api_key(KEY): "acme"})
    return create_app(GatewayState(core=core, upstream=up, tenants=tenants))


def client(a: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://v",
                             headers={"authorization": f"Bearer {KEY}"})


def named(evs: list[dict[str, Any]]) -> httpx.Response:
    for n, e in enumerate(evs):
        if str(e.get("type", "")).startswith("response"):
            e.setdefault("sequence_number", n)
    raw = b"".join(f"event: {e['type']}\n".encode() + b"data: " + json.dumps(e).encode()
                   + b"\n\n" for e in evs)
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def sse(evs: list[dict[str, Any]]) -> httpx.Response:
    raw = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in evs)
    return httpx.Response(200, content=raw + b"data: [DONE]\n\n",
                          headers={"content-type": "text/event-stream"})


def chat(content: Any = "fine") -> dict[str, Any]:
    return {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}]}


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


MSG_BODY = {"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "hi"}]}
RESP_BODY = {"model": "m", "input": "hi", "store": False}
CHAT_BODY = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}


def _messages(texts: list[str]) -> httpx.Response:
    evs: list[dict[str, Any]] = [{"type": "message_start", "message": {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [],
        "usage": {}}}]
    for i, t in enumerate(texts):
        evs += [{"type": "content_block_start", "index": i,
                 "content_block": {"type": "text", "text": ""}},
                {"type": "content_block_delta", "index": i,
                 "delta": {"type": "text_delta", "text": t}},
                {"type": "content_block_stop", "index": i}]
    evs += [{"type": "message_delta", "delta": {"stop_reason": "end_turn"},
             "usage": {"output_tokens": 1}}, {"type": "message_stop"}]
    return named(evs)


def _responses(texts: list[str]) -> httpx.Response:
    parts = [{"type": "output_text", "text": t, "annotations": []} for t in texts]
    item = {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
            "content": parts}
    done = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item]}
    evs: list[dict[str, Any]] = [
        {"type": "response.created", "response": {**done, "status": "in_progress",
                                                  "output": []}},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**item, "status": "in_progress", "content": []}}]
    for ci, t in enumerate(texts):
        at = {"item_id": "msg_1", "output_index": 0, "content_index": ci}
        evs += [{"type": "response.content_part.added", **at,
                 "part": {"type": "output_text", "text": "", "annotations": []}},
                {"type": "response.output_text.delta", **at, "delta": t},
                {"type": "response.output_text.done", **at, "text": t},
                {"type": "response.content_part.done", **at, "part": parts[ci]}]
    evs += [{"type": "response.output_item.done", "output_index": 0, "item": item},
            {"type": "response.completed", "response": done}]
    return named(evs)


PIECES = [["about Proj", "ect Night", "jar now"], ["about Pro", "j", "ect ", "Nigh", "tjar"],
          ["x Project", " Nigh", "tjar"], ["Proje", "ct Nightj", "ar"],
          ["a P", "roject N", "ightjar"]]


def _delta_text(raw: str) -> str:
    out = []
    for line in raw.splitlines():
        if line.startswith("data: "):
            e = json.loads(line[6:])
            d = e.get("delta")
            out.append(d.get("text", "") if isinstance(d, dict) else d if isinstance(d, str)
                       else "")
    return "".join(out)


async def pieces() -> str:
    got = {"messages": 0, "responses": 0}
    for api in got:
        for texts in PIECES:
            def h(_r: httpx.Request, _b: dict[str, Any], texts: list[str] = texts,
                  api: str = api) -> httpx.Response:
                return (_messages if api == "messages" else _responses)(texts)
            a = app(h, "anthropic" if api == "messages" else "responses")
            async with client(a) as c:
                r = await c.post(f"/v1/{api}", json={
                    **(MSG_BODY if api == "messages" else RESP_BODY), "stream": True})
            sent = _delta_text(r.text)
            got[api] += any(p in sent for p in ("Proj", "ject", "Nigh", "ight"))
    n = len(PIECES)
    return ("pieces: a piece of a term split over 3-5 joined parts reached the client: "
            + ", ".join(f"{api} streamed {v}/{n}" for api, v in got.items()))


ITEMS = [
    [{"type": "reasoning.text", "text": "about Project "},
     {"type": "reasoning.text", "text": "Nightjar now"}],
    ["about Proj", "ect Nightjar"],
    [{"type": "reasoning.summary", "summary": ["about Project", "Nightjar"]}],
    [{"type": "reasoning.text", "text": "Project"}, {"type": "reasoning.text",
                                                     "text": "Nightjar"}],
]


async def items() -> str:
    leaked = 0
    for details in ITEMS:
        def h(_r: httpx.Request, _b: dict[str, Any], d: Any = details) -> httpx.Response:
            body = chat("fine")
            body["choices"][0]["message"]["reasoning_details"] = d
            return httpx.Response(200, json=body)
        async with client(app(h)) as c:
            r = await c.post("/v1/chat/completions", json=CHAT_BODY)
        leaked += "Nightjar" in r.text
    return (f"items: term split between two items of an unrestored list reached the client: "
            f"{leaked}/{len(ITEMS)}")


async def input_items() -> str:
    broken = 0
    for value in QUOTED:
        def h(_r: httpx.Request, b: dict[str, Any]) -> httpx.Response:
            import re
            ph = re.findall(r"\[[A-Z_]+_\d+\]", json.dumps(b))
            return httpx.Response(200, json=chat(json.dumps({"org": ph[0] if ph else "?"})))
        a = app(h, terms=[TermRule(term=value, type="ORG")], redact=False)
        async with client(a) as c:
            first = await c.post("/v1/responses", json={
                "model": "m", "input": f"Describe {value} as JSON.",
                "text": {"format": {"type": "json_object"}}})
            second = await c.post("/v1/responses", json={
                "model": "m", "input": "More?", "previous_response_id": first.json()["id"]})
            got = await c.get(f"/v1/responses/{second.json()['id']}/input_items",
                              params={"order": "asc"})
        answer = next(i for i in got.json()["data"] if i.get("role") == "assistant")
        try:
            ok = json.loads(answer["content"][0]["text"]) == {"org": value}
        except ValueError:
            ok = False
        broken += not ok
    return (f"input_items: an earlier JSON answer read back broken or with added keys: "
            f"{broken}/{len(QUOTED)}")


def _chat_fields(where: str, stream: bool) -> Any:
    def h(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        if stream:
            first, last = chunk({"role": "assistant", "content": "fine"}), chunk({}, "stop")
            if where in ("id", "system_fingerprint"):
                first[where] = TERM
            elif where == "finish_reason":
                last["choices"][0]["finish_reason"] = TERM
            else:
                first["choices"][0]["delta"]["role"] = TERM
            return sse([first, last])
        body = chat("fine")
        if where in ("id", "system_fingerprint"):
            body[where] = TERM
        elif where == "finish_reason":
            body["choices"][0]["finish_reason"] = TERM
        else:
            body["choices"][0]["message"]["role"] = TERM
        return httpx.Response(200, json=body)
    return h


def _tool_call(field: str, stream: bool) -> Any:
    def h(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        call: dict[str, Any] = {"id": "call_1", "type": "function",
                                "function": {"name": "f", "arguments": "{}"}}
        if field == "name":
            call["function"]["name"] = TERM
        else:
            call[field] = TERM
        if not stream:
            body = chat(None)
            body["choices"][0]["message"]["tool_calls"] = [call]
            return httpx.Response(200, json=body)
        return sse([chunk({"role": "assistant", "tool_calls": [{"index": 0, **call}]}),
                    chunk({}, "tool_calls")])
    return h


def _chat_stream_error(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
    raw = (b"data: " + json.dumps(chunk({"role": "assistant", "content": "hi"})).encode()
           + b"\n\ndata: " + json.dumps({"error": {"message": f"{TERM} failed",
                                                  "type": "server_error"}}).encode() + b"\n\n")
    return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})


def _beside() -> list[tuple[str, Any, str, str, dict[str, Any]]]:
    """(name, handler, upstream kind, path, body) of each place."""
    err = {"error": {"message": f"{TERM} is refused", "type": "invalid_request_error"}}
    msg = {"id": TERM, "type": "message", "role": "assistant", "model": "m",
           "content": [{"type": "text", "text": "ok"}], "stop_reason": TERM,
           "usage": {"input_tokens": 1, "output_tokens": 1}}
    item = {"id": TERM, "type": "message", "role": "assistant", "status": "completed",
            "content": [{"type": "output_text", "text": "ok", "annotations": []}]}
    resp = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item], "service_tier": TERM}
    at = {"item_id": TERM, "output_index": 0, "content_index": 0}
    part = {"type": "output_text", "text": "ok", "annotations": []}
    places: list[tuple[str, Any, str, str, dict[str, Any]]] = [
        ("chat error 400", lambda _r, _b: httpx.Response(400, json=err), "openai",
         "/v1/chat/completions", CHAT_BODY),
        ("chat error 500", lambda _r, _b: httpx.Response(500, json=err), "openai",
         "/v1/chat/completions", CHAT_BODY),
        ("chat stream error", _chat_stream_error, "openai", "/v1/chat/completions",
         {**CHAT_BODY, "stream": True}),
        ("headers", lambda _r, _b: httpx.Response(200, json=chat(), headers={
            "x-ratelimit-note": TERM, "x-request-id": TERM}), "openai",
         "/v1/chat/completions", CHAT_BODY),
        ("messages error", lambda _r, _b: httpx.Response(400, json={
            "type": "error", "error": {"type": "invalid_request_error",
                                       "message": f"{TERM} bad"}}),
         "anthropic", "/v1/messages", MSG_BODY),
        ("messages whole ids", lambda _r, _b: httpx.Response(200, json=msg), "anthropic",
         "/v1/messages", MSG_BODY),
        ("messages stream error", lambda _r, _b: named([
            {"type": "message_start", "message": {**msg, "id": "m1", "content": [],
                                                  "stop_reason": None}},
            {"type": "error", "error": {"type": "overloaded_error",
                                        "message": f"{TERM} down"}}]),
         "anthropic", "/v1/messages", {**MSG_BODY, "stream": True}),
        ("responses error", lambda _r, _b: httpx.Response(400, json=err), "responses",
         "/v1/responses", RESP_BODY),
        ("responses whole ids", lambda _r, _b: httpx.Response(200, json=resp), "responses",
         "/v1/responses", RESP_BODY),
        ("responses stream ids", lambda _r, _b: named([
            {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                      "output": [], "service_tier": None}},
            {"type": "response.output_item.added", "output_index": 0,
             "item": {**item, "content": []}},
            {"type": "response.content_part.added", **at, "part": {**part, "text": ""}},
            {"type": "response.output_text.delta", **at, "delta": "ok"},
            {"type": "response.output_text.done", **at, "text": "ok"},
            {"type": "response.content_part.done", **at, "part": part},
            {"type": "response.output_item.done", "output_index": 0, "item": item},
            {"type": "response.completed", "response": resp}]),
         "responses", "/v1/responses", {**RESP_BODY, "stream": True}),
        ("responses stream error", lambda _r, _b: named([
            {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                      "output": [], "service_tier": None}},
            {"type": "error", "code": "server_error", "message": f"{TERM} down",
             "param": None}]),
         "responses", "/v1/responses", {**RESP_BODY, "stream": True}),
    ]
    for field in ("id", "type", "name"):
        for stream in (False, True):
            places.append((f"chat tool call {field} {'stream' if stream else 'whole'}",
                           _tool_call(field, stream), "openai", "/v1/chat/completions",
                           {**CHAT_BODY, "stream": stream}))
    fc = {"id": "fc_1", "type": "function_call", "call_id": "c1", "name": TERM,
          "arguments": "{}", "status": "completed"}
    places += [
        ("messages tool_use name", lambda _r, _b: httpx.Response(200, json={
            **msg, "id": "m1", "stop_reason": "tool_use",
            "content": [{"type": "tool_use", "id": "t1", "name": TERM, "input": {}}]}),
         "anthropic", "/v1/messages", MSG_BODY),
        ("responses function_call name", lambda _r, _b: httpx.Response(200, json={
            **resp, "service_tier": None, "output": [fc]}),
         "responses", "/v1/responses", RESP_BODY)]
    for where in ("id", "system_fingerprint", "finish_reason", "role"):
        for stream in (False, True):
            places.append((f"chat {where} {'stream' if stream else 'whole'}",
                           _chat_fields(where, stream), "openai", "/v1/chat/completions",
                           {**CHAT_BODY, "stream": stream}))
    return places


async def beside() -> str:
    leaked: list[str] = []
    places = _beside()
    for name, h, kind, path, body in places:
        async with client(app(h, kind)) as c:
            r = await c.post(path, json=body)
        if "Nightjar" in r.text or any("Nightjar" in v for v in r.headers.values()):
            leaked.append(name)
    return (f"beside: term the upstream wrote beside an answer reached the client: "
            f"{len(leaked)}/{len(places)} {leaked}")


async def main() -> None:
    which = sys.argv[1:] or ["pieces", "items", "input_items", "beside"]
    for name in which:
        print(await globals()[name]())


asyncio.run(main())
