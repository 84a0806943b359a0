"""A number at a clause's end whose subject named it, however long the clause between."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.named_earlier import NAMED_EARLIER


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for r in NAMED_EARLIER for d in r.analyze(text)]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("My account number for the joint savings with my wife is 31926819.", "ACCOUNT_NUMBER",
     "31926819"),
    ("The policy number on the renewal letter we got last week: HX-449201-77", "ACCOUNT_NUMBER",
     "HX-449201-77"),
    ("Her passport, which was renewed in Dublin last year, is PX4471920", "PASSPORT",
     "PX4471920"),
    ("tax file number (Australia) for my dad who lives in Perth: 123 456 782", "NATIONAL_ID",
     "123 456 782"),
    ("routing number of the credit union account we use: 021000021", "ACCOUNT_NUMBER",
     "021000021"),
    ("MEDICAL RECORD NUMBER AT THE NEW CLINIC IS 00482913!", "MEDICAL_RECORD", "00482913"),
    ("my driving licence, the one from before the move, was MORGA753116SM9IJ.",
     "DRIVER_LICENSE", "MORGA753116SM9IJ"),
])
def test_a_number_named_earlier_in_its_clause(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _found(text)


@pytest.mark.parametrize("text", [
    "My account number changed and the balance is 450000.",  # another clause's number
    "The account number changed, and now the fee is 250000.",
    "Passport expired but the visa is 12345678",
    "Your order number is listed below: 12345678",  # not at the clause's end
    "The account number is 4471.",  # too few digits to be one
    "account number.\nThe total is 99812345",  # another sentence
    "the passport office in Leeds opens at 0900 and closes at 1700",
])
def test_other_numbers_of_the_sentence_stay(text: str) -> None:
    assert _found(text) == []


def test_masked_in_the_engine(pattern_engine: DetectionEngine) -> None:
    text = "My account number for the joint savings with my wife is 31926819."
    assert [(d.type, d.text) for d in pattern_engine.analyze(text)] == [
        ("ACCOUNT_NUMBER", "31926819")]


def test_a_long_text_of_labels_stays_linear() -> None:
    text = "account number of the old card is " * 3000
    assert _found(text) == []
