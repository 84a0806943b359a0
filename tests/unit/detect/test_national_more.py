"""Singapore NRIC/FIN, Korean RRN, US NPI, DEA numbers, BICs, and the labelled fallbacks that
mask an SSN, a PAN or an Aadhaar number after its word even when its check fails.

Pattern engine only (no model load), but the round trips through the real Veil API.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from veil import Veil
from veil.config import ENTITY_TYPES, Policy, Settings
from veil.detect import DetectionEngine
from veil.detect.national import (
    IN_AADHAAR_CONTEXT,
    IN_PAN_CONTEXT,
    KR_RRN,
    MEDICAL_LICENSE,
    NATIONAL_ID_TYPES,
    NATIONAL_RECOGNIZERS,
    SG_NRIC_FIN,
    SWIFT_CODE,
    UK_DRIVING_LICENCE,
    US_NPI,
    US_SSN_CONTEXT,
)
from veil.detect.patterns import PatternRecognizer
from veil.detect.validators import is_dea, is_kr_rrn, is_sg_nric, is_swift, is_us_npi

_KEY = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE="
_NEW = (SG_NRIC_FIN, KR_RRN, US_NPI, MEDICAL_LICENSE, SWIFT_CODE, US_SSN_CONTEXT,
        IN_PAN_CONTEXT, IN_AADHAAR_CONTEXT)


@pytest.mark.parametrize("value,ok", [
    ("S1234567D", True), ("s1234567d", True), ("S1234567A", False),
    ("T1234567J", True),  # T: offset 4
    ("F1234567N", True), ("G1234567X", True), ("M1234567K", True),  # M: offset 3, own letters
    # M: the letter at 10 - r of "KLJNPQRTUWX" (X would be at r)
    ("M1234567X", False), ("M1234567N", False), ("A1234567D", False), ("S123456D", False),
])
def test_sg_nric_check_letter(value: str, ok: bool) -> None:
    assert is_sg_nric(value) is ok


@pytest.mark.parametrize("value,ok", [
    ("900101-1234567", True), ("9001011234567", True),
    ("971013-9019902", False),  # stdnum's example: 9 (born 1800s) is no century we take
    ("901301-1234567", False), ("900230-2234567", False),  # no such month or day
    ("000229-3234567", True),  # 29 February 2000
    ("990101-3234567", False),  # born 2099: in the future
    # issued since October 2020: no check digit, so a "wrong" one is no reason to refuse
    ("210505-4000001", True),
])
def test_kr_rrn_checks_date_and_century_not_checksum(value: str, ok: bool) -> None:
    assert is_kr_rrn(value) is ok


def test_other_checks() -> None:
    assert is_us_npi("1234567893") and not is_us_npi("1234567894")
    assert not is_us_npi("3234567893")  # types 1 and 2 only
    assert is_dea("AB1234563") and is_dea("A91234563") and not is_dea("AB1234564")
    assert is_swift("DEUTDEFF500") and is_swift("CHASUS33") and not is_swift("CHASXX33")
    assert not is_swift("DEUTDEFF5")


@pytest.mark.parametrize("text,kind,value", [
    ("S1234567D", "SG_NRIC_FIN", "S1234567D"),
    ("NRIC S1234567D", "SG_NRIC_FIN", "S1234567D"),
    ("my nric is s1234567d.", "SG_NRIC_FIN", "s1234567d"),
    ("FIN: G1234567X, work pass", "SG_NRIC_FIN", "G1234567X"),
    ("RRN 900101-1234567", "KR_RRN", "900101-1234567"),
    ("resident registration number 9001011234567", "KR_RRN", "9001011234567"),
    ("주민등록번호: 900101-2234567", "KR_RRN", "900101-2234567"),
    ("주민번호9001011234567입니다", "KR_RRN", "9001011234567"),
    ("born 900101-1234567 in Busan", "KR_RRN", "900101-1234567"),  # hyphenated: no word
    ("NPI 1234567893", "US_NPI", "1234567893"),
    ("National Provider Identifier: 1234-567-893", "US_NPI", "1234-567-893"),
    ("DEA AB1234563", "MEDICAL_LICENSE", "AB1234563"),
    ("DEA# A91234563 on the script", "MEDICAL_LICENSE", "A91234563"),
    ("dea registration: ab1234563", "MEDICAL_LICENSE", "ab1234563"),
    ("Wire it to BIC DEUTDEFF500 please", "SWIFT_CODE", "DEUTDEFF500"),
    ("SWIFT code: CHASUS33XXX", "SWIFT_CODE", "CHASUS33XXX"),
    ("code SWIFT : BNPAFRPP", "SWIFT_CODE", "BNPAFRPP"),
    # labelled fallbacks: the check fails (078-05-1120 is the famous wallet-card SSN)
    ("ssn=078051120", "US_SSN", "078051120"),
    ("SSN 078 05 1120", "US_SSN", "078 05 1120"),
    ("my social security number is 078.05.1120", "US_SSN", "078.05.1120"),
    ("SS# 219-09-9999", "US_SSN", "219-09-9999"),
    ("PAN: ABCDE1234F", "IN_PAN", "ABCDE1234F"),
    ("permanent account number abcde1234f", "IN_PAN", "abcde1234f"),
    ("Aadhaar 1234 5678 9012", "IN_AADHAAR", "1234 5678 9012"),
    ("UIDAI no. 123456789012", "IN_AADHAAR", "123456789012"),
    # after its word an NPI whose check fails is still masked (a typo, a made-up sample)
    ("prescriber NPI 1093817465", "US_NPI", "1093817465"),
    ("NPI 1234567894", "US_NPI", "1234567894"),
])
def test_found(pattern_engine: DetectionEngine, found, text: str, kind: str,
               value: str) -> None:
    assert found(pattern_engine, text) == [(kind, value)]


@pytest.mark.parametrize("text,value", [
    ("RRN 900101-1234567", "900101-1234567"),  # a possible phone without the word
    ("SSN 078 05 1120", "078 05 1120"),  # a phone (0.9) without the word
    ("aadhaar 1234 5678 9012", "1234 5678 9012"),
    ("NPI 1234567893", "1234567893"),
])
def test_with_its_word_it_beats_phone(pattern_engine: DetectionEngine, text: str,
                                      value: str) -> None:
    (d,) = pattern_engine.analyze(text)
    assert d.text == value and d.type != "PHONE" and d.score == 1.0


@pytest.mark.parametrize("text,kind", [
    ("S1234567A", "SG_NRIC_FIN"),  # wrong check letter
    ("NRIC X1234567D", "SG_NRIC_FIN"),  # no such series
    ("NRIC S1234567DX", "SG_NRIC_FIN"),
    ("call 010-1234-5678", "KR_RRN"),  # a Korean mobile
    ("주민번호: 010-1234-5678", "KR_RRN"),
    ("ref 9001011234567", "KR_RRN"),  # bare: the word is required
    ("RRN 901301-1234567", "KR_RRN"),  # no 13th month
    ("RRN 900101-9234567", "KR_RRN"),  # no such century digit
    ("order 900101-1234567-2", "KR_RRN"),
    ("call 1234567893", "US_NPI"),  # valid, but nothing says NPI
    ("order 2234567891 shipped", "US_NPI"),
    ("DEA AB1234564", "MEDICAL_LICENSE"),  # wrong check
    ("order AB1234563 shipped", "MEDICAL_LICENSE"),  # valid, no word
    ("DEA IB1234563", "MEDICAL_LICENSE"),  # I is no registrant type
    ("BIC CHASXX33", "SWIFT_CODE"),  # XX is no country
    ("DEUTDEFF500 is in the log", "SWIFT_CODE"),  # no word
    ("BIC deutdeff500", "SWIFT_CODE"),  # upper case only
    ("BIC DEUTDEFF5", "SWIFT_CODE"),
])
def test_not_found(pattern_engine: DetectionEngine, found, text: str, kind: str) -> None:
    assert kind not in {t for t, _ in found(pattern_engine, text)}


@pytest.mark.parametrize("text,want", [
    # the fallbacks need the word before the number, close by
    ("Order 078051120 shipped", []),
    # never issued, but after the word the writer says it is one: masked (fail closed)
    ("SSN 666-45-6789", [("US_SSN", "666-45-6789")]),
    ("ssn 000-12-3456", [("US_SSN", "000-12-3456")]),
    ("SSN: 987-65-4321", [("US_SSN", "987-65-4321")]),
    ("078-05-1120 is my ssn", [("PHONE", "078-05-1120")]),
    ("SSN on file. " + "x" * 40 + " ref 078 05 1120", [("PHONE", "078 05 1120")]),
    ("ABCDE1234F", []),
    ("ticket ABCDE1234F about the PAN card", []),
    # (twelve digits in fours are no phone's: the word after them names them)
    ("1234 5678 9012 aadhaar", [("IN_AADHAAR", "1234 5678 9012")]),
    # a phone and an order number beside an SSN stay what they were
    ("SSN 078-05-1120, call 415-555-2671", [("US_SSN", "078-05-1120"),
                                           ("PHONE", "415-555-2671")]),
    ("SSN: 536-22-8526; order 12345 6789", [("US_SSN", "536-22-8526")]),
    # the last digits of an SSN stay the last digits (masked as those: `last_digits`, the
    # word before "last 4" too since the fiftieth round)
    ("SSN ending 6789", [("US_SSN", "6789")]),
    ("ssn last 4: 6789", [("US_SSN", "6789")]),
])
def test_fallbacks_stay_beside_their_word(pattern_engine: DetectionEngine, found, text: str,
                                          want: list[tuple[str, str]]) -> None:
    assert found(pattern_engine, text) == want


def test_ssn_ending_is_the_last_digits_recognizer(pattern_engine: DetectionEngine) -> None:
    (d,) = pattern_engine.analyze("SSN ending 6789")
    assert d.recognizer == "last_digits"


def test_anchored_equals_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect import patterns

    texts = [
        "NRIC S1234567D s1234567d xS1234567D S1234567D1 SS1234567D M1234567K,G1234567X.",
        "fin:T1234567J S12345678D S123456D 9S1234567D S 1234567D",
        "RRN 900101-1234567 9001011234567 900101 1234567 1900101-1234567 900101-12345678",
        "주민등록번호900101-1234567 주민번호: 900101-2234567, 010-1234-5678 x900101-1234567",
        "rrn 900101-1234567.5 900101-1234567/2 000229-3234567",
        "NPI 1234567893 1234-567-893 1234 567 893 1234-567 893 11234567893 1234567893-1",
        "national provider 2234567891 x1234567893 1234567893x",
        "DEA AB1234563 A91234563 AA91234563 AB12345631 xAB1234563 ab1234563 A9 1234563",
        "dea# FB9123456 A912345639 AB 1234563 AB1234563X",
        "BIC DEUTDEFF500 CHASUS33XXX DEUTDEFF DEUTDEFF5 XDEUTDEFF500 BNPAFRPP.",
        "SWIFT/BIC: COBADEFFXXX, swift code CHASUS33 and COBADEFF500X",
        "ssn=078051120 SSN 078 05 1120 ssn 078-05-1120 ss# 078.05.1120 ssn 078-05.1120",
        "SSN 1078051120 ssn 078051120.5 ssn 078 05 11201 ss no 219 09 9999 ssn 666-45-6789",
        "PAN: ABCDE1234F pan abcde1234f pan ABCDE1234FG pan XABCDE1234F pan ABCD1234F",
        "aadhaar 1234 5678 9012 aadhar 1234-5678-9012 uidai 123456789012 aadhaar 1234 5678-9012",
        "aadhaar 12345 5678 9012 aadhaar 1234 5678 90123 आधार 2341 2341 2346",
    ]
    anchored = [[(d.start, d.end) for d in r.analyze(t)] for r in _NEW for t in texts]
    monkeypatch.setattr(patterns, "ANCHORED", False)
    assert [[(d.start, d.end) for d in r.analyze(t)] for r in _NEW for t in texts] == anchored
    # every recognizer finds something in these texts
    per_rec = [anchored[i * len(texts):(i + 1) * len(texts)] for i in range(len(_NEW))]
    assert all(any(spans) for spans in per_rec)


def test_registered_and_declared() -> None:
    names = DetectionEngine(Policy(ner=False)).registry.names
    for rec in _NEW:
        assert rec in NATIONAL_RECOGNIZERS and rec.name in names
        assert rec.entity in ENTITY_TYPES
    for t in ("SG_NRIC_FIN", "KR_RRN", "US_NPI", "MEDICAL_LICENSE", "SWIFT_CODE"):
        assert t in NATIONAL_ID_TYPES
    # builtin registers the nationals after its own US SSN
    assert names.index("us_ssn") < names.index("us_ssn_context")


def test_presidio_names_map_to_the_same_types() -> None:
    from veil.detect.presidio_backend import PRESIDIO_TO_VEIL

    for t in ("SG_NRIC_FIN", "KR_RRN", "US_NPI", "MEDICAL_LICENSE"):
        assert PRESIDIO_TO_VEIL[t] == t


@pytest.mark.parametrize("rec,value", [
    (SG_NRIC_FIN, "S1234567D"), (SG_NRIC_FIN, "m1234567k"), (SG_NRIC_FIN, "T1234567J"),
    (KR_RRN, "900101-1234567"), (KR_RRN, "0002293234567"),
    (US_NPI, "1234567893"), (US_NPI, "1234 567 893"),
    (MEDICAL_LICENSE, "AB1234563"), (MEDICAL_LICENSE, "A91234563"),
    (MEDICAL_LICENSE, "ab1234563"),
    (SWIFT_CODE, "DEUTDEFF500"), (SWIFT_CODE, "CHASUS33XXX"), (SWIFT_CODE, "BNPAFRPP"),
])
def test_synthetic_values_pass_the_check(rec: PatternRecognizer, value: str) -> None:
    from faker import Faker

    from veil.mask.synthetic import generate

    rng, fake = random.Random(7), Faker("en_US")
    outs = {generate(rec.entity, value, rng, fake) for _ in range(40)}
    assert value not in outs and len(outs) > 30
    for out in outs:
        assert rec.validate is not None and rec.validate(out) is not False, out
        assert len(out) == len(value)
        # the same layout and case: separators, digits and letters where they were
        assert [(c.isdigit(), c.isupper(), c.isalnum()) for c in out] == \
            [(c.isdigit(), c.isupper(), c.isalnum()) for c in value], out
    if rec is SG_NRIC_FIN:
        assert {o[0] for o in outs} == {value[0]}  # the series (citizen or foreigner) kept
    if rec is KR_RRN:
        from stdnum.kr import rrn

        # the century/sex digit kept, and stdnum's check digit (older numbers carry it)
        assert all(rrn.is_valid(o) and o.replace("-", "")[6] == value.replace("-", "")[6]
                   for o in outs)
    if rec is SWIFT_CODE:
        assert {o[4:6] for o in outs} == {value[4:6]}


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_masked_restored_and_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                          op: str) -> None:
    settings = Settings(home=tmp_path, master_key=_KEY)
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = ("NRIC S1234567D; RRN 900101-1234567; NPI 1234567893; DEA AB1234563; "
            "wire to BIC DEUTDEFF500; ssn=078051120; PAN: ABCDE1234F; Aadhaar 1234 5678 9012")
    values = ("S1234567D", "900101-1234567", "1234567893", "AB1234563", "DEUTDEFF500",
              "078051120", "ABCDE1234F", "1234 5678 9012")
    with caplog.at_level(logging.DEBUG):
        r = v.protect(text, session="s")
    assert [e.type for e in r.entities] == ["SG_NRIC_FIN", "KR_RRN", "US_NPI", "MEDICAL_LICENSE",
                                            "SWIFT_CODE", "US_SSN", "IN_PAN", "IN_AADHAAR"]
    for value in values:
        assert value not in r.masked
        assert value not in caplog.text
        assert value not in repr(r) and all(value not in repr(e) for e in r.entities)
    assert v.restore(r.masked, session="s") == text
    if op == "synthetic":  # the replacements read as the same numbers
        engine = DetectionEngine(Policy(ner=False))
        again = [d.type for d in engine.analyze(r.masked)]
        assert again[:5] == ["SG_NRIC_FIN", "KR_RRN", "US_NPI", "MEDICAL_LICENSE", "SWIFT_CODE"]


@pytest.mark.parametrize(("text", "value"), [
    ("UK driving licence number: WOOD9701015J99AB", "WOOD9701015J99AB"),  # a short surname
    ("licence no. SMITH806245JA9AB", "SMITH806245JA9AB"),
    ("MORGA657054SM9IJ belongs to Sarah Morgan", "MORGA657054SM9IJ"),  # a woman's month + 50
    ("DL: JONES912303AB4CD, exp 2031", "JONES912303AB4CD"),
])
def test_a_british_driving_licence_is_found_by_its_shape(pattern_engine: DetectionEngine, found,  # type: ignore[no-untyped-def]
                                                         text: str, value: str) -> None:
    assert ("DRIVER_LICENSE", value) in found(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "ABCDE123456FG9HI",  # month 34
    "MORGA657054SM9IJX", "XMORGA657054SM9IJ",  # part of a longer token
    "MORGA9657054SM9IJ",  # a 9 inside the surname's letters
    "ABCDE6130541SM9IJ",  # month 13
    "morga657054sm9ij",  # lower case
])
def test_a_british_driving_licence_shape_needs_its_date(text: str) -> None:
    assert UK_DRIVING_LICENCE.analyze(text) == []


def test_the_british_driving_licence_scan_from_anchors_equals_the_full_scan() -> None:
    from .scans import assert_anchored_equals_full

    pieces = ("MORGA657054SM9IJ", "WOOD9701015J99AB", "MORGA", "WOOD9", "AB999", "A9999",
              "657054", "701015", "SM9IJ", "J99AB", "9", "12", "x", "-", "é")
    for scan, _s, _c in UK_DRIVING_LICENCE._compiled:
        assert_anchored_equals_full(scan, pieces, ("", "", " ", "\n", "."), seed=37, least=200)
