"""Identity numbers of the countries without a recognizer of their own: after the words that
name them (NATIONAL_ID, any shape of digits), and the shapes no other number has (Emirates ID,
Hong Kong, Pakistan's CNIC, Malaysia's MyKad, the Czech birth number) with their checks.

Pattern engine only (no model load); the round trip through the real Veil API.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from veil import Veil
from veil.config import ENTITY_TYPES, Policy, Settings
from veil.detect import DetectionEngine
from veil.detect.national import (
    NATIONAL_ID_LABELLED,
    NATIONAL_ID_SHAPES,
    NATIONAL_ID_TYPES,
    NATIONAL_RECOGNIZERS,
    _is_hkid,
)

_KEY = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE="


@pytest.mark.parametrize("text,value", [
    ("My NIN is 12345678901 and nothing else", "12345678901"),  # Nigeria
    ("BVN: 22123456789", "22123456789"),
    ("NIK saya 3171012345670001", "3171012345670001"),  # Indonesia
    ("National ID 29001011234567 (Egypt)", "29001011234567"),
    ("Saudi ID 1012345678, thanks", "1012345678"),
    ("iqama 2123456789 expires soon", "2123456789"),
    ("CUIL 20-12345678-3", "20-12345678-3"),  # Argentina
    ("DNI 12345678 (Argentina)", "12345678"),
    ("Mi cédula es 1.023.456.789", "1.023.456.789"),  # Colombia
    ("PPSN 1234567TA", "1234567TA"),  # Ireland
    ("My SNILS is 112-233-445 95", "112-233-445 95"),  # Russia
    ("ИНН 500100732259", "500100732259"),
    ("KRA PIN A012345678Z", "A012345678Z"),  # Kenya
    ("My AMKA is 01018512345", "01018512345"),  # Greece
    ("マイナンバー 1234 5678 9012", "1234 5678 9012"),  # Japan
    ("My PhilSys number is 1234-5678-9012-3456", "1234-5678-9012-3456"),
    ("Dowód osobisty ABC123456", "ABC123456"),  # Poland
    ("Personalausweisnummer: T220001293", "T220001293"),
    ("identity card no. X1234-5678", "X1234-5678"),
    ("My Taiwan ID is A123456789", "A123456789"),
    ("الرقم القومي 29001011234567", "29001011234567"),
])
def test_after_its_word(pattern_engine: DetectionEngine, found, text: str, value: str) -> None:
    assert ("NATIONAL_ID", value) in found(pattern_engine, text)


@pytest.mark.parametrize("text,value", [
    ("ref 784-1985-1234567-1 on file", "784-1985-1234567-1"),  # Emirates ID
    ("HKID A123456(3) for the form", "A123456(3)"),
    ("card AB987654(3) attached", "AB987654(3)"),
    ("C668668(9)", "C668668(9)"),
    ("35202-1234567-1 is on the form", "35202-1234567-1"),  # Pakistan CNIC
    ("IC 850101-14-5678", "850101-14-5678"),  # MyKad
    ("rodné číslo 710319/2745", "710319/2745"),  # Czech birth number
])
def test_shapes_of_their_own(pattern_engine: DetectionEngine, found, text: str,
                             value: str) -> None:
    assert ("NATIONAL_ID", value) in found(pattern_engine, text)


@pytest.mark.parametrize("value,ok", [
    ("A123456(3)", True), ("A123456(4)", False), ("AB987654(3)", True), ("AB987654(2)", False),
    ("C668668(9)", True), ("G123456(A)", True), ("G123456(0)", False), ("a123456(3)", True),
    ("A12345(3)", False),
])
def test_hkid_check(value: str, ok: bool) -> None:
    assert _is_hkid(value) is ok


@pytest.mark.parametrize("text", [
    "See RFC 7231 section 6.5.1 for details",
    "run 12345 iterations of the benchmark",
    "The ID card printer model 4521-B costs $1,200",
    "Tell me the difference between a national ID and a passport for 2024 travel",
    "ref A123456(4) on file",  # its check fails, and no word names it
    "release 95202-1234567-1",  # no province starts with 9: no CNIC
    "build 850199-14-5678",  # no 99th day: no MyKad
    "national id: pending; call back",  # no digits
    "NIN 1234",  # four digits are no identity number
    "national id card.\n" + "x" * 40 + " order 123456789",  # the word is too far back
])
def test_not_an_identity_number(pattern_engine: DetectionEngine, found, text: str) -> None:
    assert "NATIONAL_ID" not in {t for t, _ in found(pattern_engine, text)}


def test_a_checked_number_keeps_its_own_type(pattern_engine: DetectionEngine, found) -> None:
    # a number with a recognizer of its own stays that type after a generic word
    assert found(pattern_engine, "National ID: 11010519491231002X") == \
        [("CN_RESIDENT_ID", "11010519491231002X")]
    assert found(pattern_engine, "identity number 8001015009087") == \
        [("ZA_ID_NUMBER", "8001015009087")]
    # after a bare "ID": thirteen digits with a birth date and Luhn's check
    assert found(pattern_engine, "claimant Sipho Dlamini (ID 8001015009087) vs Mutual") == \
        [("ZA_ID_NUMBER", "8001015009087")]


def test_anchored_equals_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect import patterns

    texts = [
        "NIN 12345678901 bvn 22123456789 NIK 3171012345670001 x12345678901 nin1234567",
        "cédula 1.023.456.789 dni 12.345.678 PPSN 1234567TA kra pin A012345678Z-x",
        "identity card AB-12345 (3), national id 12 34 56 78 90; iqama: 2123456789/7",
        "784-1985-1234567-1 x784-1985-1234567-1 784-1985-1234567-12 A123456(3) 1A123456(3)",
        "AB987654(3)x 35202-1234567-1 35202-1234567-1-2 850101-14-5678 710319/2745 710319/27",
    ]
    recs = (NATIONAL_ID_LABELLED, NATIONAL_ID_SHAPES)
    anchored = [[(d.start, d.end) for d in r.analyze(t)] for r in recs for t in texts]
    monkeypatch.setattr(patterns, "ANCHORED", False)
    assert [[(d.start, d.end) for d in r.analyze(t)] for r in recs for t in texts] == anchored
    assert all(any(anchored[i * len(texts):(i + 1) * len(texts)]) for i in range(len(recs)))


def test_registered_and_declared() -> None:
    names = DetectionEngine(Policy(ner=False)).registry.names
    for rec in (NATIONAL_ID_LABELLED, NATIONAL_ID_SHAPES):
        assert rec in NATIONAL_RECOGNIZERS and rec.name in names
    assert "NATIONAL_ID" in ENTITY_TYPES and "NATIONAL_ID" in NATIONAL_ID_TYPES


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_masked_restored_and_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                          op: str) -> None:
    v = Veil(Settings(home=tmp_path, master_key=_KEY),
             policy=Policy(ner=False, default_operator=op))
    text = "NIN 12345678901; Emirates ID 784-1985-1234567-1; HKID A123456(3); BVN 22123456789"
    values = ("12345678901", "784-1985-1234567-1", "A123456(3)", "22123456789")
    with caplog.at_level(logging.DEBUG):
        r = v.protect(text, session="s")
    assert [e.type for e in r.entities] == ["NATIONAL_ID"] * 4
    for value in values:
        assert value not in r.masked and value not in caplog.text
    assert v.restore(r.masked, session="s") == text
