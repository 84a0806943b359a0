"""Session 79's gateway probes through the real app in process (real core without NER, a
scripted hostile upstream): how many of N probe values reach the caller. Run on a tree with
``PYTHONPATH=<tree>/src python leak_probe_s79c.py``; before/after in leak_probe_s79c.txt.

- spaces: every character Python's ``\\s`` matches beyond ASCII whitespace, put between a URL and
  a placeholder (whole and streamed chat answers): the address restored inside the link;
- tools: the tenant's redacted term written by the LLM into a tool call (chat, Responses and
  Messages, whole and streamed);
- key: the gateway's own upstream key quoted in an upstream's error (HTTP and stream events);
- grammar: an address written with regex escapes in a grammar (custom tools, vLLM);
- wraps: the tenant's redacted term broken by a line wrap, a tab or spaces, in a request and
  in an answer.
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

EMAIL, TERM, KEY, UP_KEY = "jane.exfil@example.com", "Project Nightjar", "k-a", "sk-upstream-s79"
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


async def spaces() -> str:
    chars = [chr(i) for i in range(0x110000) if re.match(r"\s", chr(i))
             and chr(i) not in " \t\n\r\f\v"]
    got = {False: 0, True: 0}
    for stream in (False, True):
        for ch in chars:
            def h(_r: httpx.Request, b: dict[str, Any], ch: str = ch, stream: bool = stream
                  ) -> httpx.Response:
                t = f"see https://evil.example/?q={ch}{PH.findall(json.dumps(b))[0]} now"
                if not stream:
                    return chat(t)
                return sse([chunk({"content": t[:30]}), chunk({"content": t[30:]}, "stop")])
            r = await post(app(h), "/v1/chat/completions", {
                "model": "m", "stream": stream,
                "messages": [{"role": "user", "content": f"write to {EMAIL}"}]})
            got[stream] += EMAIL in r.text
    return (f"spaces: {len(chars)} characters; address inside the URL: whole {got[False]}/"
            f"{len(chars)}, streamed {got[True]}/{len(chars)}")


ARGS = json.dumps({"query": f"status of {TERM} today"})


async def tools() -> str:
    cut = ARGS.index("Night")
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": ARGS}}
    fc = {"id": "fc_1", "type": "function_call", "call_id": "c1", "name": "f",
          "arguments": ARGS, "status": "completed"}
    resp = {"id": "r", "object": "response", "created_at": 1, "model": "m"}
    cases: dict[str, tuple[str, Any, str, dict[str, Any]]] = {
        "chat whole": ("openai", lambda r, b: chat(None, [call]), "/v1/chat/completions", {}),
        "chat stream": ("openai", lambda r, b: sse([
            chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                   "function": {"name": "f", "arguments": ARGS[:cut]}}]}),
            chunk({"tool_calls": [{"index": 0, "function": {"arguments": ARGS[cut:]}}]},
                  "tool_calls")]), "/v1/chat/completions", {"stream": True}),
        "responses whole": ("responses", lambda r, b: httpx.Response(200, json={
            **resp, "status": "completed", "output": [fc]}), "/v1/responses", {}),
        "responses stream": ("responses", lambda r, b: sse([
            {"type": "response.created", "response": {**resp, "status": "in_progress",
                                                      "output": []}},
            {"type": "response.output_item.added", "output_index": 0,
             "item": {**fc, "arguments": ""}},
            {"type": "response.function_call_arguments.delta", "output_index": 0,
             "item_id": "fc_1", "delta": ARGS[:cut]},
            {"type": "response.function_call_arguments.delta", "output_index": 0,
             "item_id": "fc_1", "delta": ARGS[cut:]},
            {"type": "response.function_call_arguments.done", "output_index": 0,
             "item_id": "fc_1", "arguments": ARGS},
            {"type": "response.output_item.done", "output_index": 0, "item": fc},
            {"type": "response.completed", "response": {**resp, "status": "completed",
                                                        "output": [fc]}}], named=True),
            "/v1/responses", {"stream": True}),
        "messages stream": ("anthropic", lambda r, b: sse([
            {"type": "message_start", "message": {"id": "m", "type": "message",
                                                  "role": "assistant", "model": "m",
                                                  "content": [], "usage": {}}},
            {"type": "content_block_start", "index": 0, "content_block": {
                "type": "tool_use", "id": "toolu_1", "name": "f", "input": {}}},
            {"type": "content_block_delta", "index": 0, "delta": {
                "type": "input_json_delta", "partial_json": ARGS[:cut]}},
            {"type": "content_block_delta", "index": 0, "delta": {
                "type": "input_json_delta", "partial_json": ARGS[cut:]}},
            {"type": "content_block_stop", "index": 0},
            {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {}},
            {"type": "message_stop"}], named=True), "/v1/messages", {"stream": True}),
    }
    bodies = {"/v1/chat/completions": {"model": "m", "messages": [{"role": "user",
                                                                     "content": "go"}]},
              "/v1/responses": {"model": "m", "input": "go"},
              "/v1/messages": {"model": "m", "max_tokens": 9,
                               "messages": [{"role": "user", "content": "go"}]}}
    leaked = [name for name, (kind, h, path, extra) in cases.items()
              if "nightjar" in (await post(app(h, kind), path,
                                           {**bodies[path], **extra})).text.lower()]
    return f"tools: term in the arguments the client got: {len(leaked)}/{len(cases)} {leaked}"


async def key() -> str:
    def e401(r: httpx.Request, b: Any) -> httpx.Response:
        return httpx.Response(401, json={"error": {"message": f"Incorrect API key: {UP_KEY}",
                                                   "code": "invalid_api_key"}},
                              headers={"x-request-id": f"req_{UP_KEY}"})
    cases = [("openai", e401, "/v1/chat/completions", False),
             ("openai", e401, "/v1/chat/completions", True),
             ("openai", lambda r, b: sse([chunk({"content": "Hi"}), {"error": {
                 "message": f"key {UP_KEY} over quota"}}]), "/v1/chat/completions", True),
             ("openai", e401, "/v1/embeddings", False),
             ("anthropic", e401, "/v1/messages", False),
             ("responses", e401, "/v1/responses", False),
             ("responses", lambda r, b: sse([{"type": "error", "code": "x",
                                              "message": f"key {UP_KEY}"}], named=True),
              "/v1/responses", True)]
    n = 0
    for kind, h, path, stream in cases:
        body: dict[str, Any] = {"model": "m", "stream": stream}
        if path == "/v1/embeddings":
            body = {"model": "m", "input": "hi"}
        elif path == "/v1/responses":
            body["input"] = "hi"
        else:
            body["messages"] = [{"role": "user", "content": "hi"}]
            body["max_tokens"] = 9
        r = await post(app(h, kind), path, body)
        n += UP_KEY in r.text or any(UP_KEY in v for v in r.headers.values())
    return f"key: upstream key reached the caller: {n}/{len(cases)}"


async def grammar() -> str:
    esc = r"jane\.exfil@example\.com"
    places = [
        {"tools": [{"type": "custom", "custom": {"name": "m", "format": {"type": "grammar",
         "grammar": {"syntax": "regex", "definition": f"^{esc}$"}}}}]},
        {"tools": [{"type": "custom", "custom": {"name": "m", "format": {"type": "grammar",
         "grammar": {"syntax": "lark", "definition": f"start: /{esc}/"}}}}]},
        {"guided_grammar": f"root ::= /{esc}/"},
        {"structured_outputs": {"regex": f"^{esc}$"}},
        {"structured_outputs": {"grammar": f"root ::= /{esc}/"}},
    ]
    sent: list[str] = []
    for extra in places:
        def h(_r: httpx.Request, b: dict[str, Any]) -> httpx.Response:
            sent.append(json.dumps(b))
            return chat("ok")
        await post(app(h), "/v1/chat/completions", {
            "model": "m", "messages": [{"role": "user", "content": "who"}], **extra})
    n = sum("exfil" in s for s in sent)
    return f"grammar: address reached the upstream: {n}/{len(places)}"


async def wraps() -> str:
    spacings = ["\n", " \n", "\n    ", "\t", "  ", "\r\n", "\u2028"]
    up = down = 0
    for sp in spacings:
        sent: list[str] = []

        def h(_r: httpx.Request, b: dict[str, Any], sp: str = sp) -> httpx.Response:
            sent.append(json.dumps(b))
            return chat(f"About Project{sp}Nightjar: on track.")
        r = await post(app(h), "/v1/chat/completions", {"model": "m", "messages": [
            {"role": "user", "content": f"Status of Project{sp}Nightjar?"}]})
        up += "nightjar" in sent[0].lower()
        down += "nightjar" in r.text.lower()
    return (f"wraps: term broken by a wrap went up {up}/{len(spacings)}, "
            f"reached the client {down}/{len(spacings)}")


async def main() -> None:
    which = sys.argv[1:] or ["spaces", "tools", "key", "grammar", "wraps"]
    for name in which:
        print(await globals()[name]())


asyncio.run(main())
