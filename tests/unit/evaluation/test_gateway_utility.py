"""Utility plumbing: an OpenAI-compatible upstream (httpx MockTransport) that echoes the prompt.

An echo makes the expected numbers exact: the restored echo of a masked prompt IS the original
prompt, so its similarity to the unmasked answer is 1, while the raw (masked) echo differs.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import httpx
import numpy as np
import pytest

from veil import Policy, Settings, Veil
from veil.evaluation.gateway_eval import RemoteChat, cosine_rows, run_utility

PROMPTS = ["Reply to jane.roe@example.org about invoice 12.",
           "Summarise: call +1 415 555 0100 and mail bo.li@example.com today."]
VALUES = ["jane.roe@example.org", "+1 415 555 0100", "bo.li@example.com"]


class CharEmbedder:
    """Deterministic stand-in for a sentence embedder: character counts."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[t.count(c) for c in "abcdefghijklmnopqrstuvwxyz0123456789[]_@"]
                         for t in texts], dtype=float)


def _echo_upstream(seen: list[str]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        content = body["messages"][-1]["content"]
        seen.append(content)
        return httpx.Response(200, json={
            "id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}]})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_cosine_rows_by_hand() -> None:
    sims = cosine_rows([[1, 0], [1, 1], [0, 2]], [[2, 0], [1, -1], [0, 0]])
    assert sims[0] == pytest.approx(1.0)
    assert sims[1] == pytest.approx(0.0)
    assert sims[2] == 0.0  # a zero vector does not divide by zero


def test_utility_on_an_echo_upstream(tmp_path: Path) -> None:
    s = Settings(home=tmp_path, master_key=base64.b64encode(os.urandom(32)).decode())
    veil = Veil(s, policy=Policy(ner=False))
    for op in ("placeholder", "synthetic"):
        veil.set_policy(op, Policy(ner=False, default_operator=op))
    seen: list[str] = []
    chat = RemoteChat("http://upstream.test/v1", "echo", http_client=_echo_upstream(seen))
    res = run_utility(PROMPTS, veil=veil, chat=chat, max_new_tokens=8,
                      operators=("placeholder", "synthetic"), embedder=CharEmbedder(),
                      model="echo")
    assert res["prompts"] == 2 and res["model"] == "echo"
    for op in ("placeholder", "synthetic"):
        r = res["operators"][op]
        assert r["restored"]["mean"] == pytest.approx(1.0)  # restored echo == original prompt
        assert r["unrestored"]["mean"] < 0.999  # the raw echo still holds replacements
    # the first two requests are the unmasked baseline; the masked ones carry no value
    assert seen[:2] == PROMPTS
    assert len(seen) == 6
    assert not any(v in m for v in VALUES for m in seen[2:])
    assert "different_prompt_floor" in res
