"""A card or an SSN cut into pieces (string pieces joined by "+", a list, dots, underscores,
slashes) is found after its word; tables of four-digit numbers, dates and versions are not;
the scans that start at digit runs find what a full scan finds."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.detect.engine import DetectionEngine
from veil.detect.split_numbers import SPLIT_NUMBERS

from .scans import assert_anchored_equals_full


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)
            if d.type in ("CREDIT_CARD", "US_SSN", "IP_ADDRESS")]


@pytest.mark.parametrize(("text", "found"), [
    ('const card = "4111" + "1111" + "1111" + "1111";',
     [("CREDIT_CARD", '4111" + "1111" + "1111" + "1111')]),
    # literals joined by "+" read as the one string the program builds: a card without a word
    ('x = "4111" + "1111" + "1111" + "1111"', [("CREDIT_CARD", '4111" + "1111" + "1111" + "1111')]),
    ("card parts: ['4111', '1111', '1111', '1111']",
     [("CREDIT_CARD", "4111', '1111', '1111', '1111")]),
    ("my card is 4111 / 1111 / 1111 / 1111", [("CREDIT_CARD", "4111 / 1111 / 1111 / 1111")]),
    ("card: 4111.1111.1111.1111", [("CREDIT_CARD", "4111.1111.1111.1111")]),
    ("my card number is 4111_1111_1111_1111", [("CREDIT_CARD", "4111_1111_1111_1111")]),
    ("amex: 3782|822463|10005", [("CREDIT_CARD", "3782|822463|10005")]),
    ("card:\n4111\n1111\n1111\n1111", [("CREDIT_CARD", "4111\n1111\n1111\n1111")]),
    ('ssn = "078" + "-05-" + "1120"', [("US_SSN", '078" + "-05-" + "1120')]),
    ("ssn: 078/05/1120", [("US_SSN", "078/05/1120")]),
    ("the server is at 10 . 0 . 12 . 45 if you need it",
     [("IP_ADDRESS", "10 . 0 . 12 . 45")]),
    ("C2 seen at 185[.]220[.]101[.]4 yesterday", [("IP_ADDRESS", "185[.]220[.]101[.]4")]),
    ("host 10 dot 0 dot 0 dot 1", [("IP_ADDRESS", "10 dot 0 dot 0 dot 1")]),
    ("ip: 192 168 1 77", [("IP_ADDRESS", "192 168 1 77")]),
    ("Server IP is 8 8 8 8.", [("IP_ADDRESS", "8 8 8 8")]),
])
def test_a_number_in_pieces_is_found(engine: DetectionEngine, text: str,
                                     found: list[tuple[str, str]]) -> None:
    assert _found(engine, text) == found


@pytest.mark.parametrize("text", [
    "card sales 2019 | 2020 | 2021 | 2022",  # years: no card's prefix
    "card 4111.1111.1111.1112",  # the Luhn digit fails
    "card 4111 + 2222 / 3333 - 4444",  # cut differently each time
    "ssn rule 900/12/3456",  # never issued (9xx)
    "release 2.4.1111.1111 of the card reader",
    "scores 10 20 30 40",  # numbers with spaces alone, no word naming an address
    "ip 1 2 3 4 5",  # five numbers: a list
    "the IP was 300 . 1 . 1 . 1",  # 300 is no address's number
    "ip 0 1 2 3",  # no address starts with 0
])
def test_what_is_not_a_number_in_pieces(engine: DetectionEngine, text: str) -> None:
    assert _found(engine, text) == []


def test_masked_and_restored(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path, master_key=base64.b64encode(b"p" * 32).decode()),
             policy=Policy(ner=False))
    text = ('card = "4111" + "1111" + "1111" + "1111"; ssn = "078" + "-05-" + "1120"; '
            "server 10 . 0 . 12 . 45")
    masked = v.protect(text, session="s").masked
    assert "1111" not in masked and "1120" not in masked and "12 . 45" not in masked
    assert v.restore(masked, session="s") == text


_PIECES = ('"4111"', "4111", "1111", "3782", "822463", "10005", "078", "05", "1120", " + ",
           "10 . 0 . 12 . 45", "185[.]220[.]1[.]4", " dot ", "192 168 1 77", " . ", "1 2 3",
           "4111\n1111\n", "\n", "4111\n1111\n1111\n1111", "1111\n", " \n ",
           "', '", ".", "_", " / ", "|", "-", "card ", "ssn ", "x", "12345",
           "4111.1111.1111.1111", '4111" + "1111" + "1111" + "1111', "3782|822463|10005",
           "078/05/1120", '078" + "-05-" + "1120', "1111.1111", "1111_")
_GLUE = ("", "", " + ", ".", " ", "\n")


def test_the_scans_from_digit_runs_equal_the_full_scans() -> None:
    for k, recognizer in enumerate(SPLIT_NUMBERS):
        for j, (scan, _score, _check) in enumerate(recognizer._compiled):
            assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=90 + 10 * k + j, least=20)
