"""A number's last digits are masked after the words that name the number, typed by them;
the scans that start at "ending" and "last" find what a full scan finds."""

from __future__ import annotations

import pytest

from veil.detect.last_digits import ELLIPSIS, ENDING, LAST_DIGITS, LAST_FOUR, MASKED

from .scans import assert_anchored_equals_full


@pytest.mark.parametrize(("text", "found"), [
    ("male, SSN ending in 6789, seen", [("US_SSN", "6789")]),
    ("credit card number ending 4242", [("CREDIT_CARD", "4242")]),
    ("social security number ends with 12", [("US_SSN", "12")]),
    ("Acct ending: ***4521", [("ACCOUNT_NUMBER", "4521")]),
    ("the last two digits of her phone are 99", [("PHONE", "99")]),
    ("card ending 4242 and account ending 1234", [("CREDIT_CARD", "4242"),
                                                  ("ACCOUNT_NUMBER", "1234")]),
    # the other digits written hidden: the hidden part's shape gives the type
    ("SSN xxx-xx-4821 on file", [("US_SSN", "4821")]),
    ("card **** **** **** 4242 declined", [("CREDIT_CARD", "4242")]),
    ("XXXX-XXXX-XXXX-1881 expired", [("CREDIT_CARD", "1881")]),
    ("card XXXXXXXXXXXX4242", [("CREDIT_CARD", "4242")]),
    ("paid from ****1234", [("ACCOUNT_NUMBER", "1234")]),
    ("•••• •••• •••• 0005", [("CREDIT_CARD", "0005")]),
    # an ellipsis for the hidden digits, after the number's word
    ("from checking ...5567 to savings ...8890", [("ACCOUNT_NUMBER", "5567"),
                                                  ("ACCOUNT_NUMBER", "8890")]),
    ("debit card …4242 declined", [("CREDIT_CARD", "4242")]),
])
def test_last_digits_are_typed_by_their_word(text: str, found: list[tuple[str, str]]) -> None:
    assert [(d.type, d.text) for d in LAST_DIGITS.analyze(text)] == found


@pytest.mark.parametrize("text", [
    "the series ended in 2019",
    "the card game ends in 12,345 points",
    "the account ending soon",
    "last four years of the account",
    "the card ending 12/27",  # a date, not digits
    "**Note** 2024 was good",  # markdown's bold, then a year
    "the xxx-xx format",
    "xxx-xx-48211",  # five digits: no SSN's last four
    "and then...2024 came",  # an ellipsis after no number's word
])
def test_no_last_digits_without_their_shape(text: str) -> None:
    assert LAST_DIGITS.analyze(text) == []


_PIECES = ("card", "credit card", "SSN", "social", "security", "account", "acct", "phone",
           "number", "ending", "Ends", "in", "with", "last", "four", "4", "two", "digits", "of",
           "my", "is", "are", ":", "x", "***", "#", "4242", "12", "12,345", "12/27", "1.5", "é",
           "last four of my SSN", "last 4 digits of the card are", "card ending in",
           "last two of", "number ending", "xxx-xx-", "****", "**** **** ****", "XXXXXXXXXXXX",
           "•••", "xxxx", "4821", "48211", "-")
_GLUE = (" ", " ", "  ", "\t", "", "\n", ": ", ",")


def test_the_scans_from_marks_equal_the_full_scans() -> None:
    for scan in (ENDING, LAST_FOUR, MASKED):
        assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=61, least=25)
    assert_anchored_equals_full(ELLIPSIS, ("checking", "savings", "card", "debit card", "acct",
                                           "...", "…", "....", "5567", "12345", "x", "é", "-"),
                                (" ", "", " ", "\t", "\n"), seed=62, least=50)
