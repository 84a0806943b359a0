"""HL7 v2 segments: the values of a patient's, next of kin's, guarantor's, insured's and
doctors' fields are found by their field numbers, masked and restored; other lines and empty
fields are left alone."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.hl7 import HL7

_MESSAGE = (
    "MSH|^~\\&|EPIC|HOSP|LAB|HOSP|202401051022||ADT^A01|MSG001|P|2.5\r"
    "PID|1||12345678^^^HOSP^MR||DOE^JANE^A||19800101|F|||123 MAIN ST^^SPRINGFIELD^IL^62704"
    "||(555)555-1234|||M||ACC778899|536-22-8743\r"
    "NK1|1|DOE^JOHN|SPO|123 MAIN ST^^SPRINGFIELD^IL^62704|(555)555-9876\r"
    "PV1|1|I|W^389^1^HOSP||||004777^LEE^SARAH^^^DR|||MED\r"
)


def test_each_field_by_its_number() -> None:
    found = [(d.type, d.text) for d in HL7.analyze(_MESSAGE)]
    assert found == [
        ("MEDICAL_RECORD", "12345678"),  # the number, not whose it is ("^^^HOSP^MR")
        ("PERSON", "DOE^JANE^A"),
        ("DATE_OF_BIRTH", "19800101"),
        ("LOCATION", "123 MAIN ST^^SPRINGFIELD^IL^62704"),
        ("PHONE", "(555)555-1234"),
        ("ACCOUNT_NUMBER", "ACC778899"),
        ("US_SSN", "536-22-8743"),
        ("PERSON", "DOE^JOHN"),
        ("LOCATION", "123 MAIN ST^^SPRINGFIELD^IL^62704"),
        ("PHONE", "(555)555-9876"),
        ("PERSON", "004777^LEE^SARAH^^^DR"),  # the attending doctor
    ]


@pytest.mark.parametrize("text", [
    "the PID|1 field is the set id",  # not at a line's start
    "PID|1||^^^HOSP^MR||^^",  # separators only: nothing in the fields
    "APID|1||12345678",
    "no segment here",
])
def test_other_lines_and_empty_fields_are_left_alone(text: str) -> None:
    assert HL7.analyze(text) == []


def test_a_segment_after_an_escaped_or_real_line_break() -> None:
    engine = DetectionEngine(Policy(ner=False))
    for text in ("log:\nPID|1||123456||ROE^RICHARD",
                 '"msg": "MSH|...\\nPID|1||123456||ROE^RICHARD"'):
        assert ("PERSON", "ROE^RICHARD") in [(d.type, d.text) for d in engine.analyze(text)], text


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_a_message_is_masked_and_restored(tmp_path, op: str) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    r = v.protect(_MESSAGE, session="s")
    for value in ("12345678", "DOE^JANE^A", "19800101", "123 MAIN ST", "536-22-8743",
                  "LEE^SARAH"):
        assert value not in r.masked, value
    assert "^^^HOSP^MR" in r.masked and r.masked.startswith("MSH|^~\\&|EPIC")
    assert v.restore(r.masked, session="s") == _MESSAGE
