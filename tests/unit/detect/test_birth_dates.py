"""Dates of birth in the shapes that only a birth word makes one: a birthday without its year,
an apostrophe's year, a date said aloud (veil.detect.dates.BIRTH_ONLY_PATTERNS)."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.dates import DATE_OF_BIRTH

from .scans import assert_anchored_equals_full


@pytest.mark.parametrize(("text", "value"), [
    ("My birthday is July 4th and I'm turning 41", "July 4th"),
    ("DOB: 4 July '85", "4 July '85"),
    ("born July 4, '85 in Ohio", "July 4, '85"),
    ("I was born on the fourth of July, nineteen eighty-five.",
     "the fourth of July, nineteen eighty-five"),
    ("born March 3rd nineteen eighty five", "March 3rd nineteen eighty five"),
    ("date of birth is March twenty-first two thousand and one",
     "March twenty-first two thousand and one"),
])
def test_a_birth_date_of_these_shapes_is_found(pattern_engine: DetectionEngine, found,
                                               text: str, value: str) -> None:
    assert ("DATE_OF_BIRTH", value) in found(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "The meeting is on July 4th at noon",  # no birth word: DATE_TIME's shapes only
    "the fourth of July, nineteen eighty-five was hot",
    "born in 1985",  # a year alone
    "my birthday party is on Friday",
])
def test_without_a_birth_word_or_a_day_no_birth_date(pattern_engine: DetectionEngine, found,
                                                      text: str) -> None:
    assert not [v for t, v in found(pattern_engine, text) if t == "DATE_OF_BIRTH"]


def test_the_scans_from_anchors_equal_the_full_scans() -> None:
    month_day, apostrophe, spoken = (scan for scan, _, _ in DATE_OF_BIRTH._compiled[-3:])
    pieces = ("July", "july", "March", "4th", "4", "15", "'85", "’85", "of", "the", "fourth",
              "twenty-first", "nineteen", "eighty-five", "eighty", "five", "two thousand",
              "and", "one", ",", "born", "x", "é", "May", "2024")
    glue = (" ", " ", "", ", ", "\n", "-")
    for scan in (month_day, apostrophe):
        assert_anchored_equals_full(scan, pieces, glue, seed=65, least=20)
    said = ("the fourth of July", "fourth of march", "July the fourth", "March 3rd", "May 5",
            "nineteen eighty-five", "two thousand and one", "twenty twenty", "eighty", "of",
            "July", "x", "é")
    assert_anchored_equals_full(spoken, said, (" ", " ", ", ", "", "\n"), seed=66, least=20)
