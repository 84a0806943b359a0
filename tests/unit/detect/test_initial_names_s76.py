"""A given name, a middle initial and a surname are a person's name when neither word is one a
dictionary writes; title-cased phrases around a letter are none."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.initial_names import INITIAL_NAMES


def _names(text: str) -> list[str]:
    return [d.text for d in INITIAL_NAMES.analyze(text)] if not INITIAL_NAMES.idle(text) else []


@pytest.mark.parametrize("text,name", [
    ("Did you catch the Oskari J Vainionpaa talk on Friday?", "Oskari J Vainionpaa"),
    ("Ship to: Kaveh R Tabrizi\n  14 Old Mill Lane", "Kaveh R Tabrizi"),
    ("Approved by Dragana M. Petrovic, head of claims.", "Dragana M. Petrovic"),
    ("the notes of Sunniva K Ødegård's first visit", "Sunniva K Ødegård"),
    ("cc Siobhan M O'Rourke and the auditors", "Siobhan M O'Rourke"),
    ("Signed, Tomasz K. Wrobel-Nowak.", "Tomasz K. Wrobel-Nowak"),
])
def test_a_name_with_a_middle_initial(text: str, name: str) -> None:
    assert _names(text) == [name]


@pytest.mark.parametrize("text", [
    "Take one Vitamin D Supplement with food.",
    "If that fails we go to Plan B Options.",
    "Hepatitis B Vaccine given at the clinic.",
    "Report it on Schedule C Income for the year.",
    "Meet at Block C Entrance at nine.",
    "Buy a USB C Cable for the laptop.",
    "Sarah I Need the file today",  # the pronoun
    "Type A Personality traits",
    "Shot on a Nikon Z Fc last week",  # a model's two letters
    "no initial here: Timur Lengyel",
])
def test_a_title_cased_phrase_around_a_letter_is_no_name(text: str) -> None:
    assert _names(text) == []


def test_an_engine_masks_the_whole_name_as_a_person() -> None:
    engine = DetectionEngine(Policy(ner=False))
    found = [(d.type, d.text) for d in engine.analyze(
        "Have you been to an Oskari J Vainionpaa concert before?")]
    assert ("PERSON", "Oskari J Vainionpaa") in found


def test_only_english_messages_are_read() -> None:
    assert INITIAL_NAMES.message_languages == ("en",)
