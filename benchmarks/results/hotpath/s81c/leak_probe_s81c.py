"""Session 81's gateway probes through the real app in process (real core without NER, a
scripted hostile upstream): how many of N probe values reach the client. Run on a tree with
``PYTHONPATH=<tree>/src python leak_probe_s81c.py``; before/after in leak_probe_s81c.txt.

- readback: ``GET /v1/responses/{id}`` of an answer whose request asked for JSON, holding an
  original with quotes or a line break: read-backs whose JSON breaks or gains keys (the live
  answer, for comparison);
- unread: the tenant's redacted term written where a chat or completions answer is not
  restored (a ``thinking`` or ``reasoning_details`` field, ``audio.transcript``,
  ``annotations``, a legacy ``function_call``, content as a list of parts, a field of the
  upstream's own, logprob tokens; streamed: a field's chunks, list parts): the term's second
  word reaching the client;
- joined: the term split across two or three parts a client joins (Messages text blocks,
  Responses ``output_text`` parts; whole and streamed): the second word reaching the client.
"""
from __future__ import annotations

import asyncio
import json
import re
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
PH = re.compile(r"\[[A-Z_]+_\d+\]")
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


def events(raw: str) -> list[dict[str, Any]]:
    return [json.loads(x[6:]) for x in raw.splitlines()
            if x.startswith("data: ") and x != "data: [DONE]"]


def sse(evs: list[dict[str, Any]], named: bool = False) -> httpx.Response:
    raw = b"".join((f"event: {e.get('type')}\n" if named else "").encode()
                   + b"data: " + json.dumps(e).encode() + b"\n\n" for e in evs)
    return httpx.Response(200, content=raw + (b"" if named else b"data: [DONE]\n\n"),
                          headers={"content-type": "text/event-stream"})


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def chat(content: Any = "fine", **message: Any) -> dict[str, Any]:
    return {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content,
                                                 **message}, "finish_reason": "stop"}]}


async def readback() -> str:
    live = {False: 0, True: 0}
    back = {False: 0, True: 0}
    for stream in (False, True):
        for value in QUOTED:
            def h(_r: httpx.Request, b: dict[str, Any]) -> httpx.Response:
                answer = json.dumps({"org": PH.findall(json.dumps(b))[0]})
                if not b.get("stream"):
                    return httpx.Response(200, json=chat(answer))
                return sse([chunk({"role": "assistant", "content": answer[:9]}),
                            chunk({"content": answer[9:]}, "stop")])
            a = app(h, terms=[TermRule(term=value, type="ORG")], redact=False)
            async with client(a) as c:
                r = await c.post("/v1/responses", json={
                    "model": "m", "input": f"Describe {value} as JSON.", "stream": stream,
                    "text": {"format": {"type": "json_object"}}})
                done = (next(e["response"] for e in events(r.text)
                             if e.get("type") == "response.completed") if stream else r.json())
                g = (await c.get(f"/v1/responses/{done['id']}")).json()

            def bad(resp: dict[str, Any], value: str = value) -> bool:
                try:
                    return json.loads(resp["output"][0]["content"][0]["text"]) != {"org": value}
                except ValueError:
                    return True
            live[stream] += bad(done)
            back[stream] += bad(g)
    n = len(QUOTED)
    return (f"readback: JSON answers with a quoted original broken or with added keys: "
            f"read back whole {back[False]}/{n}, streamed {back[True]}/{n} "
            f"(live answers {live[False]}/{n}, {live[True]}/{n})")


def _whole(message: dict[str, Any] | None = None, top: dict[str, Any] | None = None,
           logprobs: Any = None) -> Any:
    def h(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        body = chat(**(message or {}))
        body.update(top or {})
        if logprobs is not None:
            body["choices"][0]["logprobs"] = logprobs
        return httpx.Response(200, json=body)
    return h


def _streamed(deltas: list[dict[str, Any]]) -> Any:
    def h(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        return sse([chunk({"role": "assistant", **d} if k == 0 else d,
                          "stop" if k == len(deltas) - 1 else None)
                    for k, d in enumerate(deltas)])
    return h


def _rd(t: str) -> list[dict[str, Any]]:
    return [{"type": "reasoning.text", "text": t}]


UNREAD_WHOLE = {
    "thinking": _whole({"thinking": f"about {TERM}"}),
    "reasoning_details": _whole({"reasoning_details": _rd(TERM)}),
    "audio.transcript": _whole({"audio": {"id": "a", "data": "UklGRg==",
                                          "transcript": f"about {TERM}"}}),
    "annotations": _whole({"annotations": [{"type": "url_citation", "url_citation": {
        "url": "https://docs.example/", "title": f"{TERM} notes"}}]}),
    "function_call": _whole({"function_call": {"name": "f", "arguments":
                                                json.dumps({"q": TERM})}}),
    "content parts": _whole({"content": [{"type": "text", "text": f"about {TERM}"}]}),
    "own field": _whole(top={"provider_notes": {"summary": TERM}}),
    "logprob tokens": _whole(logprobs={"content": [
        {"token": t, "logprob": -0.1, "bytes": [], "top_logprobs": []}
        for t in ("Project", " Night", "jar")]}),
}
UNREAD_STREAMED = {
    "thinking chunks": _streamed([{"thinking": "about Project "}, {"thinking": "Nightjar"}]),
    "reasoning_details chunks": _streamed([{"reasoning_details": _rd("about Project ")},
                                           {"reasoning_details": _rd("Nightjar")}]),
    "content parts chunks": _streamed([{"content": [{"type": "text", "text": "Project "}]},
                                       {"content": [{"type": "text", "text": "Nightjar"}]}]),
    "thinking whole": _streamed([{"thinking": f"a {TERM} b"}, {"content": "ok"}]),
}


async def unread() -> str:
    got: list[str] = []
    for name, h in UNREAD_WHOLE.items():
        async with client(app(h)) as c:
            r = await c.post("/v1/chat/completions", json={
                "model": "m", "messages": [{"role": "user", "content": "hi"}]})
        if "Nightjar" in r.text or '"jar"' in r.text:  # logprob tokens spell it in pieces
            got.append(name)
    for name, h in UNREAD_STREAMED.items():
        async with client(app(h)) as c:
            r = await c.post("/v1/chat/completions", json={
                "model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
        if "Nightjar" in r.text:
            got.append(name)

    def comp(_r: httpx.Request, _b: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json={"id": "c", "object": "text_completion", "model": "m",
                                         "choices": [{"index": 0, "text": "ok", "reasoning": TERM,
                                                      "finish_reason": "stop"}]})
    async with client(app(comp)) as c:
        r = await c.post("/v1/completions", json={"model": "m", "prompt": "hi"})
    if "Nightjar" in r.text:
        got.append("completions field")
    n = len(UNREAD_WHOLE) + len(UNREAD_STREAMED) + 1
    return f"unread: term outside a chat answer's text reached the client: {len(got)}/{n} {got}"


def _messages(texts: list[str], stream: bool) -> httpx.Response:
    if not stream:
        return httpx.Response(200, json={
            "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
            "content": [{"type": "text", "text": t} for t in texts],
            "stop_reason": "end_turn", "usage": {"input_tokens": 1, "output_tokens": 1}})
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
    return sse(evs, named=True)


def _responses(texts: list[str], stream: bool) -> httpx.Response:
    parts = [{"type": "output_text", "text": t, "annotations": []} for t in texts]
    item = {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed",
            "content": parts}
    done = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
            "model": "m", "output": [item]}
    if not stream:
        return httpx.Response(200, json=done)
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
    for k, e in enumerate(evs):
        e["sequence_number"] = k
    return sse(evs, named=True)


SPLITS = [["about Project ", "Nightjar now"], ["about Project", " Nightjar now"],
          ["about Project", " ", "Nightjar now"], ["about Proj", "ect Night", "jar now"]]


async def joined() -> str:
    got = {("messages", False): 0, ("messages", True): 0, ("responses", False): 0,
           ("responses", True): 0}
    for (api, stream) in got:
        for texts in SPLITS:
            def h(_r: httpx.Request, _b: dict[str, Any], texts: list[str] = texts,
                  api: str = api, stream: bool = stream) -> httpx.Response:
                return (_messages if api == "messages" else _responses)(texts, stream)
            a = app(h, "anthropic" if api == "messages" else "responses")
            body: dict[str, Any] = (
                {"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "hi"}]}
                if api == "messages" else {"model": "m", "input": "hi", "store": False})
            async with client(a) as c:
                r = await c.post(f"/v1/{api}", json={**body, "stream": stream})
            got[(api, stream)] += "ight" in r.text  # "Nightjar", "Night" + "jar"
    n = len(SPLITS)
    return ("joined: term split across parts a client joins reached the client: "
            + ", ".join(f"{api} {'streamed' if s else 'whole'} {v}/{n}"
                        for (api, s), v in got.items()))


async def main() -> None:
    which = sys.argv[1:] or ["readback", "unread", "joined"]
    for name in which:
        print(await globals()[name]())


asyncio.run(main())
