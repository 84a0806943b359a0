"""Attacks 2 and 5: text that looks like a placeholder, and values that look like plain text.

2. A caller types ``[SSN_1]``, ``PERSON_1``, ``[**EMAIL_1**]``... next to real values of those
   types. The echoing upstream repeats the prompt; the client must get the typed text exactly as
   typed (never a value in its place) and its values restored.
5. E-mails and names spelled with Cyrillic/Armenian look-alike letters must be masked like their
   Latin twins (neither spelling reaches the upstream) and come back exactly as typed.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Proc, Upstream
from veil.evaluation.gateway_attacks import (
    HOMOGLYPH_VALUES,
    LOOKALIKE_VALUES,
    TYPED_TOKENS,
    homoglyph_prompt,
    lookalike_prompt,
    skeleton,
)

from .conftest import client, plant, sent_since

pytestmark = pytest.mark.slow


def _answer(gw: Proc, prompt: str, stream: bool) -> str:
    c = client(gw)
    msgs = [{"role": "user", "content": prompt}]
    if not stream:
        return c.chat.completions.create(model="echo", messages=msgs).choices[0].message.content
    return "".join(
        ch.choices[0].delta.content or ""
        for ch in c.chat.completions.create(model="echo", messages=msgs, stream=True)
        if ch.choices
    )


@pytest.mark.parametrize("token", TYPED_TOKENS)
def test_typed_lookalike_comes_back_as_typed(
    tenant_gateway: Proc, attack_upstream: Upstream, token: str
) -> None:
    plant(*LOOKALIKE_VALUES)
    prompt = lookalike_prompt(token)
    n = len(attack_upstream.bodies())
    answer = _answer(tenant_gateway, prompt, stream=False)
    assert answer == "Echo: " + prompt
    sent = sent_since(attack_upstream, n)
    assert not any(v in sent for v in LOOKALIKE_VALUES)


@pytest.mark.parametrize("token", ["[EMAIL_1]", "[SSN_1]", "[**EMAIL_1**]", "PERSON_1"])
def test_typed_lookalike_streamed(tenant_gateway: Proc, token: str) -> None:
    prompt = lookalike_prompt(token)
    assert _answer(tenant_gateway, prompt, stream=True) == "Echo: " + prompt


@pytest.mark.parametrize("value", HOMOGLYPH_VALUES, ids=skeleton)
def test_homoglyph_values_are_masked_and_restored_as_typed(
    tenant_gateway: Proc, attack_upstream: Upstream, value: str
) -> None:
    plant(value)
    prompt = homoglyph_prompt(value)
    n = len(attack_upstream.bodies())
    assert _answer(tenant_gateway, prompt, stream=False) == "Echo: " + prompt
    sent = sent_since(attack_upstream, n).lower()
    assert value.lower() not in sent, "the look-alike spelling reached the upstream"
    assert skeleton(value).lower() not in sent, "its Latin twin reached the upstream"


@pytest.mark.parametrize("value", HOMOGLYPH_VALUES[:3], ids=skeleton)
def test_homoglyph_values_streamed(tenant_gateway: Proc, value: str) -> None:
    prompt = homoglyph_prompt(value)
    assert _answer(tenant_gateway, prompt, stream=True) == "Echo: " + prompt
