"""A transcript's answers typed by the question before them (veil.detect.answers)."""

from __future__ import annotations

import pytest

from veil.detect.answers import ANSWERS


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in ANSWERS.analyze(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Agent: And date of birth? Customer: june 3rd 88. Agent: thanks",
     [("DATE_OF_BIRTH", "june 3rd 88")]),
    ("Agent: last four of social?\nCustomer: 4471", [("US_SSN", "4471")]),
    ("Agent: Thanks for calling, can I get your full name? Customer: yeah it's dana kowalczyk.",
     [("PERSON", "dana kowalczyk")]),
    ("Agent: What's your zip code?\nCaller: 45429", [("LOCATION", "45429")]),
    # a transcript's time stamps before the turns: the answer, not the next turn's stamp
    ("[00:01:12] Agent: And your date of birth?\n[00:01:15] Caller: it's 3/14/1962",
     [("DATE_OF_BIRTH", "3/14/1962")]),
    ("00:12 Agent: what's the zip code?\n00:14 Caller: 45429", [("LOCATION", "45429")]),
    ("Q: What is your mother's maiden name?\nA: kowalski", [("PERSON", "kowalski")]),
    ("Agent: Can you verify your PIN?\nCustomer: it's 8812", [("SECRET", "8812")]),
    ("Agent: What's the best number to reach you?\nCustomer: 937 555 0182",
     [("PHONE", "937 555 0182")]),
    ("Rep: Can I have your name and date of birth?\nMember: Sure, Gerald Hollis and 4/12/1949.",
     [("PERSON", "Gerald Hollis"), ("DATE_OF_BIRTH", "4/12/1949")]),
    ("Agent: And your member ID?\nCaller: um, it's XJH44812", [("ACCOUNT_NUMBER", "XJH44812")]),
    ("Agent: What's your address?\nCustomer: 4471 maple ridge dr, dayton",
     [("LOCATION", "4471 maple ridge dr, dayton")]),
])
def test_an_answer_is_typed_by_its_question(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "What is your name? I am an AI assistant.",  # no new turn: the asker goes on
    "Agent: Is there anything else?\nCustomer: no that's all, thanks",  # no field asked for
    "Agent: What's your account number?\nCustomer: hold on let me check",  # no digit
    "User: what's the capital of France?\nAssistant: Paris.",
    "Agent: And your date of birth?\nCustomer: sorry, I don't have it",
    "Agent: What's your name?\nCustomer: why do you need it",
    "Agent: last four of social?\nCustomer: 12345",  # neither four nor nine digits
    "Agent: Can I get your name and date of birth?\nCustomer: june 3, 1988",  # two asked, one
    "no question here: name, date of birth",
    "[00:00:02] Agent: and your date of birth?\n[00:00:05] Caller: hold on",  # no stamp either
])
def test_no_answer_no_value(text: str) -> None:
    assert _found(text) == []


def test_a_text_without_a_question_mark_is_not_read() -> None:
    assert ANSWERS.idle("Agent: date of birth. Customer: june 3rd 88")
    assert not ANSWERS.idle("date of birth?")


def test_in_the_engine_the_values_are_masked_and_restored(tmp_path) -> None:
    import base64
    import os

    from veil import Veil
    from veil.config import Policy, Settings

    veil = Veil(Settings(home=tmp_path, master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy(ner=False))
    text = ("Agent: And date of birth? Customer: june 3rd 88. Agent: last four of social?\n"
            "Customer: 4471")
    result = veil.protect(text, session="s")
    assert "june 3rd 88" not in result.masked and "4471" not in result.masked
    assert veil.restore(result.masked, session="s") == text
