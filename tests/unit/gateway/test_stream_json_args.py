"""A streamed tool call's arguments are raw JSON: an original restored into them is escaped, so
one holding a quote or a line break leaves the arguments valid JSON, however the stream cuts
them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil

from .conftest import ScriptedUpstream, delta_chunk, make_client, parse_sse, sse

VALUE = 'Harbour "North" Trust\\Ltd'


@pytest.mark.parametrize("size", [1, 3, 7])
async def test_a_quoted_original_keeps_streamed_arguments_valid_json(tmp_path: Path,
                                                                    size: int) -> None:
    veil = Veil(Settings(home=tmp_path, cache_dir=tmp_path / "cache"), policy=Policy(
        ner=False, terms=[TermRule(term=VALUE, type="ORGANIZATION")]))
    upstream = ScriptedUpstream()

    def reply(body: dict[str, Any]) -> httpx.Response:
        placeholder = body["messages"][0]["content"].split("to ")[1]
        args = json.dumps({"to": placeholder, "note": "ok"})
        events = [delta_chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                               "function": {"name": "send", "arguments": ""}}]})]
        events += [delta_chunk({"tool_calls": [{"index": 0, "function": {
            "arguments": args[k:k + size]}}]}) for k in range(0, len(args), size)]
        events.append(delta_chunk({}, finish="tool_calls"))
        return httpx.Response(200, content=sse(events),
                              headers={"content-type": "text/event-stream"})

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    body = {"model": "m", "stream": True,
            "messages": [{"role": "user", "content": f"write to {VALUE}"}]}
    async with client:
        r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    assert "Harbour" not in upstream.sent_text()
    events, done = parse_sse(r.text)
    args = "".join(c["function"].get("arguments") or "" for e in events
                   for ch in e["choices"] for c in ch["delta"].get("tool_calls") or [])
    assert done and json.loads(args) == {"to": VALUE, "note": "ok"}
