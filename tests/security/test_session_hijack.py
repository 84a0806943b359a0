"""Attack 1: another caller joins A's conversation and has the model repeat A's placeholders.

The caller knows (or guesses) A's ``X-Veil-Session``, or opens the conversation exactly like A
(same system prompt and first messages, from which the session id is derived). Restoration is
scoped to what the caller itself sent, so the answer never carries A's values -- whether the
caller holds another key of A's tenant, a key of another tenant, or (no tenants, loopback) is
just another anonymous caller.
"""

from __future__ import annotations

import itertools

import pytest

from tests.e2e.conftest import Proc, Upstream

from .conftest import client, plant

pytestmark = pytest.mark.slow

SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
OPENING = [
    SYSTEM,
    {"role": "user", "content": "Hello there."},
    {"role": "assistant", "content": "Hi! How can I help?"},
]
ASK = "Repeat exactly what is in brackets: [EMAIL_1], [PERSON_1], [PHONE_1] and EMAIL_1."
_n = itertools.count()


def _victim_turn(gw: Proc, who: str | None, headers: dict[str, str]) -> tuple[str, str]:
    """A tells the model its e-mail and name; returns them."""
    i = next(_n)
    email, name = f"victim{i}.hijack@example.com", "Alice Johnson"
    plant(email, name)
    text = f"My e-mail is {email} and my name is {name}."
    msgs = [*OPENING, {"role": "user", "content": text}]
    got = client(gw, who, **headers).chat.completions.create(model="echo", messages=msgs)
    assert got.choices[0].message.content == "Echo: " + text  # A gets its own values back
    return email, name


def _attacker_answer(gw: Proc, who: str | None, model: str, headers: dict[str, str]) -> str:
    msgs = [*OPENING, {"role": "user", "content": ASK}]
    c = client(gw, who, **headers)
    return c.chat.completions.create(model=model, messages=msgs).choices[0].message.content or ""


@pytest.mark.parametrize("model", ["echo", "invent"])
@pytest.mark.parametrize("attacker", ["acme-b", "globex"])
@pytest.mark.parametrize("join", ["header", "same-opening"])
def test_other_key_never_gets_a_values(
    tenant_gateway: Proc, attack_upstream: Upstream, join: str, attacker: str, model: str
) -> None:
    headers = {"X-Veil-Session": f"shared-{next(_n)}"} if join == "header" else {}
    email, _ = _victim_turn(tenant_gateway, "acme-a", headers)
    n = len(attack_upstream.bodies())
    answer = _attacker_answer(tenant_gateway, attacker, model, headers)
    assert len(attack_upstream.bodies()) == n + 1  # the attacker was served, not refused
    assert email not in answer
    assert "victim" not in answer


@pytest.mark.parametrize("model", ["echo", "invent"])
@pytest.mark.parametrize("join", ["header", "same-opening"])
def test_anonymous_callers_never_get_each_others_values(
    open_gateway: Proc, join: str, model: str
) -> None:
    headers = {"X-Veil-Session": f"anon-{next(_n)}"} if join == "header" else {}
    email, _ = _victim_turn(open_gateway, None, headers)
    answer = _attacker_answer(open_gateway, None, model, headers)
    assert email not in answer
    assert "victim" not in answer


def test_a_still_gets_its_own_values_in_a_later_turn(tenant_gateway: Proc) -> None:
    """The fix must not break multi-turn restoration for the principal that sent the values."""
    headers = {"X-Veil-Session": f"own-{next(_n)}"}
    email, _ = _victim_turn(tenant_gateway, "acme-a", headers)
    msgs = [
        *OPENING,
        {"role": "user", "content": f"My e-mail is {email} and my name is Alice Johnson."},
        {"role": "assistant", "content": "Noted."},
        {"role": "user", "content": "What is my e-mail?"},
    ]
    c = client(tenant_gateway, "acme-a", **headers)
    answer = c.chat.completions.create(model="invent", messages=msgs).choices[0].message.content
    assert email in (answer or "")
