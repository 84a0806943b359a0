"""Checksummed and structured numbers written against letters ("card4111111111111111exp",
"SSNx078-05-1120", "tel+14155550143") are found; hashes, UUIDs, hex literals, versions, base64
blobs and product codes are left alone; the scans that start at digit runs find what a full
scan finds."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.glued import GLUED

from .scans import assert_anchored_equals_full

_NUMBERS = ("CREDIT_CARD", "US_SSN", "IBAN", "PHONE")


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="learned"))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text) if d.type in _NUMBERS]


@pytest.mark.parametrize(("text", "found"), [
    ("card4111111111111111exp", [("CREDIT_CARD", "4111111111111111")]),
    ("card4111111111111111exp1227", [("CREDIT_CARD", "4111111111111111")]),
    ("cc4111111111111111", [("CREDIT_CARD", "4111111111111111")]),
    ("visa4111-1111-1111-1111", [("CREDIT_CARD", "4111-1111-1111-1111")]),
    ("4111111111111111exp 12/27", [("CREDIT_CARD", "4111111111111111")]),
    ("amex378282246310005x", [("CREDIT_CARD", "378282246310005")]),
    ("cardno_4111111111111111", [("CREDIT_CARD", "4111111111111111")]),
    ("SSNx078-05-1120", [("US_SSN", "078-05-1120")]),
    ("SSN078-05-1120", [("US_SSN", "078-05-1120")]),
    ("x123-45-6789y", [("US_SSN", "123-45-6789")]),
    ("ssn078051120", [("US_SSN", "078051120")]),
    ("mySSNis078051120ok", [("US_SSN", "078051120")]),
    ("ibanDE89370400440532013000", [("IBAN", "DE89370400440532013000")]),
    ("IBANDE89370400440532013000", [("IBAN", "DE89370400440532013000")]),
    ("DE89370400440532013000exp", [("IBAN", "DE89370400440532013000")]),
    ("IBAN:DE89370400440532013000EXP", [("IBAN", "DE89370400440532013000")]),
    ("ibanDE89 3704 0044 0532 0130 00", [("IBAN", "DE89 3704 0044 0532 0130 00")]),
    ("tel+14155550143", [("PHONE", "+14155550143")]),
    ("call+442079460958", [("PHONE", "+442079460958")]),
    ("+14155550143call", [("PHONE", "+14155550143")]),
    ("phone4155550143", [("PHONE", "4155550143")]),
    ("mob07700900123", [("PHONE", "07700900123")]),
    # after the "_" of a file name or an id
    ("attached jane_doe_078-05-1120.txt", [("US_SSN", "078-05-1120")]),
])
def test_a_glued_number_is_found(engine: DetectionEngine, text: str,
                                 found: list[tuple[str, str]]) -> None:
    assert _found(engine, text) == found


@pytest.mark.parametrize("text", [
    "sha256:3f4111111111111111a9c0ffee3f4111111111111111a9c0ffee12345678",
    "4111111111111111abcdef0123",  # hex letters, then more digits: a hash
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "0x4111111111111111",
    "uuid 123e4567-e89b-12d3-a456-426614174000",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk4111111111111"
    "111AAAAFUlEQVQ",
    "go1.21.4 python3.11.4 node18.17.1",
    "ISBN9780306406157",
    "EAN4006381333931",
    "UPC036000291452",
    "GTIN10012345678902",
    "PN78451236X",
    "part no X078051120Y",  # nine digits without an SSN's word
    "class123456789",
    "address078051120",
    "ts1700000000000000000",
    "release2.4111111111111111b",  # a version's dot before the digits
    "linkedin.com/posts/activity-6963242628536487936-trAp",  # a link's slug
    "x123-45-67890",
    "card4111111111111112exp",  # fails Luhn
    "SSNx000-05-1120",  # area 000 is never issued
    "ibanDE89370400440532013001",  # fails mod 97
    "tel+10000000000",  # not a number libphonenumber calls valid
])
def test_hashes_versions_and_codes_are_not_glued_numbers(engine: DetectionEngine,
                                                         text: str) -> None:
    assert _found(engine, text) == []


def test_a_glued_card_is_masked_and_restored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner_backend="learned"))
    text = "card4111111111111111exp and SSNx078-05-1120"
    r = v.protect(text, session="s")
    assert "4111111111111111" not in r.masked and "078-05-1120" not in r.masked
    assert v.restore(r.masked, session="s") == text


_PIECES = ("card", "cc", "SSNx", "ssn", "mySSNis", "iban", "IBAN", "tel", "phone", "x", "exp",
           "abc", "a9c0", "0x", "_", "-", ".", "+", "/", "4111111111111111", "4111 1111 1111 1111",
           "4111-1111-1111-1111", "078-05-1120", "078051120", "DE89370400440532013000",
           "DE89 3704 0044 0532 0130 00", "+14155550143", "4155550143", "07700900123", "12",
           "é")
_GLUE = (" ", "", "", "", "\n", ":", "_")


def test_the_scans_from_digit_runs_equal_the_full_scans() -> None:
    for k, recognizer in enumerate(GLUED):
        for j, (scan, _score, _check) in enumerate(recognizer._compiled):
            assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=80 + 10 * k + j, least=30)


def test_the_prefilters_let_through_every_text_a_scan_matches() -> None:
    # a recognizer is idle where its prefilter finds nothing: none of its scans may match there
    import random

    rng = random.Random(7)
    matched = dict.fromkeys((r.name for r in GLUED), 0)
    for _ in range(6000):
        text = "".join(rng.choice(_PIECES) + rng.choice(_GLUE)
                       for _ in range(rng.randint(1, 5)))
        for r in GLUED:
            if any(scan.rx.search(text) for scan, _s, _c in r._compiled):
                matched[r.name] += 1
                assert r._prefilter is not None and r._prefilter(text), (r.name, text)
    assert min(matched.values()) > 100, matched
