"""Attack 7: make the gateway show raw placeholder syntax to the client.

The client must never see ``[EMAIL_1]``-style text (or a piece of it): not in logprob tokens,
not when the upstream stops mid-placeholder (``finish_reason: length``), not for placeholders
the upstream invents (``[PERSON_2]`` when only ``[PERSON_1]`` was sent), and entities written
inside brackets come back exactly as typed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.conftest import Proc
from veil.evaluation.gateway_attacks import raw_syntax

from .conftest import client, plant

pytestmark = pytest.mark.slow

EMAIL = "jane.syntax@example.com"
PROMPT = f"Say hi to Jane Doe at {EMAIL} please."


def _create(gw: Proc, model: str, stream: bool, prompt: str = PROMPT, **kw: Any) -> list[Any]:
    plant(EMAIL, "Jane Doe")
    c = client(gw)
    msgs = [{"role": "user", "content": prompt}]
    if stream:
        return list(c.chat.completions.create(model=model, messages=msgs, stream=True, **kw))
    return [c.chat.completions.create(model=model, messages=msgs, **kw)]


def _text(parts: list[Any], stream: bool) -> str:
    if not stream:
        return parts[0].choices[0].message.content or ""
    return "".join(p.choices[0].delta.content or "" for p in parts if p.choices)


@pytest.mark.parametrize("stream", [False, True])
def test_logprob_tokens_show_no_placeholder_syntax(tenant_gateway: Proc, stream: bool) -> None:
    parts = _create(tenant_gateway, "logprobs", stream, logprobs=True, top_logprobs=2)
    assert _text(parts, stream) == "Echo: " + PROMPT
    chosen, alternatives = [], []
    for p in parts:
        for ch in p.choices:
            for t in (ch.logprobs.content or []) if ch.logprobs else []:
                chosen.append(t.token)
                alternatives += [a.token for a in t.top_logprobs or []]
    joined = "".join(chosen)
    assert not raw_syntax(joined), "placeholder syntax in the logprob tokens"
    assert not any(raw_syntax(t) for t in chosen + alternatives)
    assert "EMAIL" not in json.dumps([p.model_dump() for p in parts])


@pytest.mark.parametrize("stream", [False, True])
def test_answer_cut_mid_placeholder_shows_no_fragment(tenant_gateway: Proc, stream: bool) -> None:
    parts = _create(tenant_gateway, "length", stream)
    text = _text(parts, stream)
    assert not raw_syntax(text), repr(text[-20:])
    finish = [ch.finish_reason for p in parts for ch in p.choices if ch.finish_reason]
    assert finish == ["length"]


@pytest.mark.parametrize("stream", [False, True])
def test_invented_placeholders_are_not_shown(tenant_gateway: Proc, stream: bool) -> None:
    text = _text(_create(tenant_gateway, "invent", stream), stream)
    assert not raw_syntax(text), "raw placeholder syntax reached the client"
    assert EMAIL in text  # the placeholders this request did send are restored


@pytest.mark.parametrize("stream", [False, True])
def test_entities_next_to_brackets_come_back_as_typed(tenant_gateway: Proc, stream: bool) -> None:
    prompt = "Contacts: [jane.bracket@example.com] and [Jane Doe]; ]ada.x@example.org[ too."
    plant("jane.bracket@example.com", "ada.x@example.org")
    assert _text(_create(tenant_gateway, "echo", stream, prompt), stream) == "Echo: " + prompt
