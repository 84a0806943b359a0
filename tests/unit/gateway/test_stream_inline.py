"""Streamed answers: one vault read per answer, and chunks restored on the event loop only
when the restorer says that no I/O is left."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.metrics import GatewayMetrics
from veil.gateway.streaming import INLINE_CHARS, restored_sse, small

from .conftest import ScriptedUpstream, make_client, parse_sse, sse
from .test_request_scope import CountingVault

EMAIL, PHONE = "jd@example.com", "+44 20 7946 0958"


@pytest.fixture
def veil(tmp_path: Path) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    policy = Policy(ner=False, terms=[TermRule(term="Jane Doe", type="PERSON")])
    return Veil(settings, policy=policy, vault=CountingVault(settings))


def _chunk(choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": choices}


async def test_a_streamed_answer_reads_the_vault_once_while_masking(veil: Veil) -> None:
    """Two choices and a tool call's arguments: three streamed texts, no vault read."""
    vault: Any = veil.vault
    upstream = ScriptedUpstream()
    at_upstream: list[Counter[str]] = []

    def reply(body: dict[str, Any]) -> httpx.Response:
        at_upstream.append(Counter(vault.calls))
        masked = body["messages"][-1]["content"]  # "[PERSON_1] ... [EMAIL_ADDRESS_1] ..."
        words = masked.split(" ")
        events = [_chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}}])]
        for w in words:  # one word per chunk, both choices interleaved
            events.append(_chunk([{"index": 0, "delta": {"content": w + " "}},
                                  {"index": 1, "delta": {"content": w.upper() + " "}}]))
        events.append(_chunk([{"index": 0, "delta": {"tool_calls": [{
            "index": 0, "id": "t1", "type": "function",
            "function": {"name": "mail", "arguments": '{"to": "' + words[-1] + '"}'}}]}}]))
        events.append(_chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"},
                              {"index": 1, "delta": {}, "finish_reason": "stop"}]))
        return httpx.Response(200, content=sse(events),
                              headers={"content-type": "text/event-stream"})

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    prompt = f"Jane Doe wrote from {EMAIL}"
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "stream": True, "n": 2,
            "messages": [{"role": "user", "content": prompt}]})
        assert r.status_code == 200, r.text
    events, done = parse_sse(r.text)
    assert done
    text: dict[int, str] = {0: "", 1: ""}
    args = ""
    for ev in events:
        for ch in ev.get("choices") or []:
            d = ch.get("delta") or {}
            text[ch["index"]] += d.get("content") or ""
            for call in d.get("tool_calls") or []:
                args += call["function"].get("arguments") or ""
    assert text[0].strip() == prompt
    assert EMAIL in args
    assert "Jane Doe" in text[1] and EMAIL in text[1]  # "[PERSON_1]" upper-cased: same value
    restoring = vault.calls - at_upstream[-1]
    # the answer's matcher was read while masking: none per streamed text, none after
    assert restoring["read"] == 0, restoring


class _Recorder:
    """A restorer that records the thread each event is restored on."""

    def __init__(self, ready: bool | None) -> None:
        self.threads: list[str] = []
        if ready is not None:
            self.inline_ready = lambda: ready

    def _where(self) -> str:
        return "loop" if threading.current_thread() is threading.main_thread() else "worker"

    def process(self, chunk: dict[str, Any]) -> dict[str, Any] | None:
        self.threads.append(self._where())
        return chunk

    def finish(self) -> dict[str, Any] | None:
        self.threads.append("finish on " + self._where())
        return None


async def _run(restorer: _Recorder, events: list[dict[str, Any]]) -> None:
    async def gen() -> AsyncIterator[dict[str, Any]]:
        for e in events[1:]:
            yield e

    async for _ in restored_sse(events[0], gen(), restorer, metrics=GatewayMetrics(),
                                endpoint="chat.completions", started=0.0):
        pass


async def test_small_events_are_restored_on_the_loop_once_ready() -> None:
    small = [_chunk([{"index": 0, "delta": {"content": "tok"}}])] * 3
    big = _chunk([{"index": 0, "delta": {"content": "x" * (INLINE_CHARS + 1)}}])
    ready = _Recorder(True)
    await _run(ready, [*small, big, small[0]])
    # the end too: what is left is the held-back tail, not worth a thread hand-off
    assert ready.threads == ["loop", "loop", "loop", "worker", "loop", "finish on loop"]
    for not_ready in (_Recorder(False), _Recorder(None)):
        await _run(not_ready, small)
        assert not_ready.threads == ["worker"] * 3 + ["finish on worker"]


def test_small_counts_every_string() -> None:
    assert small({"a": ["x" * 10, {"b": "y" * 10}]}, budget=20)
    assert not small({"a": ["x" * 10, {"b": "y" * 11}]}, budget=20)
    assert small({"n": 5, "none": None, "l": []}, budget=0)
