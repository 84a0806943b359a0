"""A hospital's and a court's numbers under the labels their records print: an encounter's
(`Enc #`, `FIN`, `CSN`), a unit record's, `MR#`, a record number that carries its label
(`MRN0047719`), a pathology case, a provincial health card, Scotland's CHI number, a device's
spaced serial and its UDI, a DICOM dump's device serial, a record's
date without separators, a prisoner's and an alien's numbers, an Australian court's file
number, a police report's state plate; a label longer than the context window."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.builtin import ACCOUNT_NUMBER, COURT_CASE, LICENSE_NUMBER, MEDICAL_RECORD
from veil.detect.dates import RECORD_DATE
from veil.detect.dicom import DICOM
from veil.detect.engine import DetectionEngine
from veil.detect.labelled_numbers import (
    INMATE_NUMBER,
    PATHOLOGY_CASE,
    PREFIXED_RECORD,
    QUEBEC_HEALTH_CARD,
    SPACED_SERIAL,
    STATE_TAG,
    UDI,
)
from veil.detect.patterns import PatternRecognizer
from veil.detect.recognizer import Recognizer


def _values(recognizer: Recognizer, text: str) -> list[str]:
    return [text[d.start:d.end] for d in recognizer.analyze(text)]


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


@pytest.mark.parametrize(("text", "value"), [
    ("Enc #: 50021983347 seen in clinic", "50021983347"),
    ("FIN 339120874 admitted overnight", "339120874"),
    ("CSN: 4120938877 linked", "4120938877"),
    ("Visit No. W000733918", "W000733918"),
    ("UR No. 2284019 (ward 5)", "2284019"),
    ("MR#: 11-52-08-93 | ward", "11-52-08-93"),
    ("Episode no E7710294 closed", "E7710294"),
    ("EMPI 99120447 merged", "99120447"),
    ("on chart 7730192 today", "7730192"),
    ("requisition 6610927 unsigned", "6610927"),
])
def test_an_encounters_and_a_records_number_under_a_hospitals_label(text: str,
                                                                     value: str) -> None:
    assert value in _values(MEDICAL_RECORD, text)


@pytest.mark.parametrize(("text", "value"), [
    ("Alberta health card # 72013-4468", "72013-4468"),
    ("Medi-Cal BIC 88120456B1", "88120456B1"),
    ("prior auth PA-5521907 approved", "PA-5521907"),
    ("Inmate #: BK-2291834", "BK-2291834"),
    ("Booking No. 23-448120", "23-448120"),
    ("BOP Reg. No. 55021-112", "55021-112"),
    ("A#: 099-218-447", "099-218-447"),
    ("alien registration number A077120934", "A077120934"),  # a label of 25 characters
    ("USCIS receipt EAC2290117734", "EAC2290117734"),
])
def test_a_plans_a_prisoners_and_an_aliens_number_after_its_label(text: str,
                                                                  value: str) -> None:
    assert value in _values(ACCOUNT_NUMBER, text)


@pytest.mark.parametrize(("text", "value"), [
    ("CPSO #77120 - Dr. Oyelowo", "77120"),
    ("AHPRA registration MED0009911234", "MED0009911234"),
    ("ARDC No. 6398120", "6398120"),
    ("BBO #661209", "661209"),
])
def test_a_doctors_and_a_lawyers_registration_numbers(text: str, value: str) -> None:
    assert value in _values(LICENSE_NUMBER, text)


def test_chats_ur_number_is_your_number() -> None:
    # Australia's "UR No." keeps its stop; "whats ur number" is a phone's question
    assert _values(MEDICAL_RECORD, "me: whats ur number\nKai: 0096062502") == []


def test_a_label_longer_than_the_window_still_names_its_number() -> None:
    # the window is measured from the label's end: "alien registration number" is longer
    # than the 24 characters before the number, and was never found
    assert _values(ACCOUNT_NUMBER, "alien registration number A066210993") == ["A066210993"]
    # a label that ended before the window is still too far
    far = "account number, as discussed at length, is 88120934"
    assert _values(ACCOUNT_NUMBER, far) == []


@pytest.mark.parametrize(("recognizer", "text", "value"), [
    (PREFIXED_RECORD, "user=abc patient=MRN0091274 action=VIEW", "MRN0091274"),
    (PREFIXED_RECORD, "file mrn-3381027.pdf", "mrn-3381027"),
    (PATHOLOGY_CASE, "Case: SC-23-000918  Pt: X", "SC-23-000918"),
    (PATHOLOGY_CASE, "cytology no. C24-4471", "C24-4471"),
    (QUEBEC_HEALTH_CARD, "RAMQ: BOUC 6207 2218", "BOUC 6207 2218"),
    (SPACED_SERIAL, "pump S/N: 2290 4471 8", "2290 4471"),
    (SPACED_SERIAL, "serial no. 30 1187 442", "30 1187 442"),
    (UDI, "UDI (01)00614559001234(17)280131(21)A0091827 logged",
     "(01)00614559001234(17)280131(21)A0091827"),
    (INMATE_NUMBER, "CDCR No. KT7712, Folsom", "KT7712"),
    (STATE_TAG, "Tag: NJ ZKP-2209 towed", "ZKP-2209"),
])
def test_numbers_whose_shape_the_record_numbers_refuse(recognizer: PatternRecognizer,
                                                       text: str, value: str) -> None:
    assert value in _values(recognizer, text)


@pytest.mark.parametrize(("recognizer", "text"), [
    (PATHOLOGY_CASE, "in case SC-23 fails"),
    (SPACED_SERIAL, "serial killer documentary 2019"),
    (INMATE_NUMBER, "the inmate 2024 annual report"),
    (STATE_TAG, "tag: v2.1 released"),
    (STATE_TAG, "Tag: bug 4471"),
    (QUEBEC_HEALTH_CARD, "RAMQ: see the card"),
])
def test_the_same_labels_before_other_words_stay(recognizer: PatternRecognizer,
                                                 text: str) -> None:
    assert _values(recognizer, text) == []


def test_chi_and_health_and_care_numbers_take_the_nhs_check(engine: DetectionEngine) -> None:
    text = "CHI: 0307914526. Seen in clinic."
    assert [(d.type, text[d.start:d.end]) for d in engine.analyze(text)] == [
        ("UK_NHS", "0307914526")]


def test_an_australian_federal_courts_file_number() -> None:
    assert _values(COURT_CASE, "filed as VID 2281 of 2024 in Melbourne") == ["VID 2281 of 2024"]
    assert _values(COURT_CASE, "a sad 3 of 2024") == []  # (the registry in capitals only)


@pytest.mark.parametrize(("text", "value"), [
    ("Adm Date 20231107  LOS 3", "20231107"),
    ("Disch: 20231110", "20231110"),
    ("DOD 20240102 at home", "20240102"),
])
def test_a_records_date_without_separators_after_its_label(text: str, value: str) -> None:
    assert _values(RECORD_DATE, text) == [value]


@pytest.mark.parametrize("text", ["Order 20231107 shipped", "Adm Date 20231345",
                                  "invoice date: 2023110"])
def test_eight_digits_without_a_dates_label_or_no_date_stay(text: str) -> None:
    assert _values(RECORD_DATE, text) == []


def test_a_dicom_dumps_device_serial() -> None:
    text = ("(0018,1000) LO [XK44120937]  # 10, 1 DeviceSerialNumber\n"
            "(0008,0060) CS [CT]  # 2, 1 Modality")
    assert [(d.type, text[d.start:d.end]) for d in DICOM.analyze(text)] == [
        ("DEVICE_ID", "XK44120937")]


def test_the_whole_probe_shape_through_the_engine(engine: DetectionEngine) -> None:
    text = "Insulin pump S/N: 3390 1182, UDI (01)00614559001234(21)ZZ8812"
    found = {text[d.start:d.end] for d in engine.analyze(text)}
    assert "3390 1182" in found
    assert "(01)00614559001234(21)ZZ8812" in found
