"""The forty-fifth round's name rules in :mod:`veil.detect.unlisted_names`: a roster's list of
given names, a label before its colon, "or" in a cue's list, a chat's speaker, an action item's
owner, forms of address, Vietnamese "thi", hyphenated given names and surnames by their
endings. Each case names a person to mask and a near miss whose word stays."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.detect.unlisted_names import UNLISTED_NAMES


def _found(text: str) -> list[str]:
    return [d.text for d in UNLISTED_NAMES.analyze(text)]


@pytest.mark.parametrize(("text", "names", "kept"), [
    # a roster: three or more name-like words, two of them known given names
    ("group b: ngozi, tomasz, anahera, rustam, pilar",
     ["ngozi", "tomasz", "anahera", "rustam", "pilar"], "group"),
    # a label before its colon: its list goes on over commas
    ("Attendance: nomvula, lwazi, thabo. Absent: zanele",
     ["nomvula", "lwazi", "thabo", "zanele"], "Attendance"),
    ("Requester: J. P. de Souza-Lima | Agent: mfundo", ["mfundo"], "Agent"),
    ("case worker: faadumo cabdi", ["faadumo cabdi"], "worker"),
    # "or" in a cue's list, as "and"
    ("who has the aws creds? ask hamza or zainab", ["zainab"], "aws"),
    # a chat's speaker at a line's start
    ("kwame: deploy done\nsvetla: thanks!", ["kwame", "svetla"], "deploy"),
    # an action item's owner, a meeting's verbs, "want to", "booked"
    ("action items: chidinma to circulate the budget, vikram to book the venue",
     ["chidinma", "vikram"], "budget"),
    ("AOB: phuong raised the parking issue again", ["phuong"], "parking"),
    ("yohannes and mekdes want to swap shifts", ["yohannes", "mekdes"], "shifts"),
    ("lol manpreet and simran already booked the tickets", ["manpreet", "simran"], "tickets"),
    # forms of address
    ("bu wulandari called, she wants the report by 5", ["wulandari"], "report"),
    # Vietnamese "thi" inside a name, a hyphenated given name a dictionary lists a part of
    ("nguyen thi mai submitted the expense report", ["nguyen thi mai"], "expense"),
    ("jean-baptiste n'diaye is our new landlord", ["jean-baptiste n'diaye"], "landlord"),
    # a surname by its ending, in capitals
    ("ABSENT TODAY: EMEKA ONYEKACHI, DILNOZA YULDASHEVA",
     ["EMEKA ONYEKACHI", "DILNOZA YULDASHEVA"], "TODAY"),
])
def test_names_found_and_words_kept(text: str, names: list[str], kept: str) -> None:
    found = _found(text)
    assert sorted(found) == sorted(names)
    assert not any(kept in f for f in found)


@pytest.mark.parametrize("text", [
    "menu: idli, jollof, pavlova and biryani",  # one known given name in a list: food
    "Caller: amex, 3782 8224 6310 005",  # a label's short word no list holds: a brand
    "Caller: ssn is 123-45-6789",
    "the customer portal and the present system",  # a label without its colon
    "we need tickets to book, and a host to contact",  # "to" before a deed, no name
    "i want to book a flight",
    "baba ghanoush for dinner",  # no form of address
    "note: check the supernova and casanova logs",  # no surname's ending
    "re-mix the ad-hoc check-in",
])
def test_common_words_kept(text: str) -> None:
    assert _found(text) == []


def test_lists_and_labels_read_in_linear_time() -> None:
    assert_linear(UNLISTED_NAMES.analyze, "Present: ngozi, tomasz, anahera, rustam, pilar. ",
                  400)
    assert_linear(UNLISTED_NAMES.analyze, "ngozi to book, ", 800)
