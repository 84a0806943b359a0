"""Values named by the words before them: case and matter numbers, licence plates, a security
question's answer, student, claim, prescription and specimen numbers; a card wrapped over two
lines; digit groups joined by "dash". Each is found, masked and restored, its look-alike prose
is left alone, and its scan from anchors finds what a full scan finds."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import ENTITY_TYPES, Policy, Settings
from veil.detect.builtin import (
    CASE_NUMBER,
    CREDENTIALS,
    CREDIT_CARD,
    IBAN,
    ID_NUMBER,
    LICENSE_PLATE,
    PASSPORT,
    SECRET,
)
from veil.detect.engine import DetectionEngine
from veil.detect.recognizer import ContextMatcher
from veil.detect.spelled_numbers import JOINED_RUN

from .scans import assert_anchored_equals_full


@pytest.mark.parametrize(("text", "expected"), [
    ("matter no. 2023-0142 for the client", ("CASE_NUMBER", "2023-0142")),
    ("Case No. 2:21-cv-01234 (C.D. Cal.)", ("CASE_NUMBER", "2:21-cv-01234")),
    ("docket 1:19-cr-00123.", ("CASE_NUMBER", "1:19-cr-00123")),
    ("Aktenzeichen 3O123/23", ("CASE_NUMBER", "3O123/23")),
    ("plate ABC-1234", ("VEHICLE_ID", "ABC-1234")),
    ("license plate 7ABC123", ("VEHICLE_ID", "7ABC123")),  # not a driving licence
    ("number plate AB12 CDE", ("VEHICLE_ID", "AB12 CDE")),
    ("Kennzeichen M-AB 1234", ("VEHICLE_ID", "M-AB 1234")),
    ("the plate was 7abc123", ("VEHICLE_ID", "7abc123")),
    ("UK reg AB12 CDE, taxed till May", ("VEHICLE_ID", "AB12 CDE")),
    ("my rego is 1ABC234", ("VEHICLE_ID", "1ABC234")),
    ("security answer: fluffy", ("SECRET", "fluffy")),
    ("my memorable word is Paris1", ("SECRET", "Paris1")),
    ('Security question answer = "fluffy bunny"', ("SECRET", '"fluffy bunny"')),
    ("Insurance: Premera Blue Cross, ID PBC884402913", ("ACCOUNT_NUMBER", "PBC884402913")),
    ("student id 20231234", ("ACCOUNT_NUMBER", "20231234")),
    ("Student number: S1234567", ("ACCOUNT_NUMBER", "S1234567")),
    ("claim #CLM-2023-00012345", ("ACCOUNT_NUMBER", "CLM-2023-00012345")),
    ("BlueCross member # XYZ987654321", ("ACCOUNT_NUMBER", "XYZ987654321")),
    ("Rx #4567890 filled", ("MEDICAL_RECORD", "4567890")),
    ("My sort code is 40-47-84.", ("ACCOUNT_NUMBER", "40-47-84")),
    ("I-94 #69875123456 attached", ("ACCOUNT_NUMBER", "69875123456")),
    ("A-Number: A123456789", ("ACCOUNT_NUMBER", "A123456789")),
    ("Employee Marisol (emp #55213) left", ("ACCOUNT_NUMBER", "55213")),
    # an insurer's card: the member number after the carrier's name, a bare policy's
    ("PCP Dr. Nguyen. Insurance BCBS #XYZ123456789.", ("ACCOUNT_NUMBER", "XYZ123456789")),
    ("for insured D. Volkov (policy HOME-99-1823)", ("ACCOUNT_NUMBER", "HOME-99-1823")),
    ("Group # 88231, RxBIN 610014", ("ACCOUNT_NUMBER", "88231")),
    ("Lab accession number A2024-00123", ("MEDICAL_RECORD", "A2024-00123")),
    ("card 4111 1111\n1111 1111", ("CREDIT_CARD", "4111 1111\n1111 1111")),
    ("card 4111-1111-\n1111-1111 ok", ("CREDIT_CARD", "4111-1111-\n1111-1111")),
    ("call 555 dash 867 dash 5309", ("PHONE", "555 dash 867 dash 5309")),
    ("my ssn is 536 dash 22 dash 8743", ("US_SSN", "536 dash 22 dash 8743")),
    ("call five five five dash one two three four",
     ("PHONE", "five five five dash one two three four")),
    # credentials as HTTP clients and help-desk tickets write them
    ("Authorization: Basic dXNlcjpwYXNzd29yZA==", ("SECRET", "dXNlcjpwYXNzd29yZA==")),
    ("curl -u admin:S3cret! https://api.example.com", ("SECRET", "admin:S3cret!")),
    ('curl --user "jdoe:hunter22" https://x', ("SECRET", "jdoe:hunter22")),
    ("Login with jsmith / P@ssw0rd!", ("SECRET", "P@ssw0rd!")),
    ("Login with jsmith / P@ssw0rd!", ("USERNAME", "jsmith")),
    # nine digits in threes after a passport's word; an IBAN in lower-case groups
    ("passport no: 123 456 789", ("PASSPORT", "123 456 789")),
    ("iban gb82 west 1234 5698 7654 32", ("IBAN", "gb82 west 1234 5698 7654 32")),
    # a number after its word, its check failed (a typo, a made-up sample)
    ("My credit card number is 1234-5678-9012-3456.", ("CREDIT_CARD", "1234-5678-9012-3456")),
    ("card: 1234 5678 9012 3456, exp 12/26", ("CREDIT_CARD", "1234 5678 9012 3456")),
    ("Amex 3782 822463 10006", ("CREDIT_CARD", "3782 822463 10006")),
    ("IBAN DE12 3456 7890 1234 5678 90", ("IBAN", "DE12 3456 7890 1234 5678 90")),
    ("codice fiscale BNCGLI85M41H501Z.", ("IT_FISCAL_CODE", "BNCGLI85M41H501Z")),
    ("numéro de sécurité sociale : 2 84 05 75 123 456 78",
     ("FR_NIR", "2 84 05 75 123 456 78")),
    ("NHS number 123 456 7890", ("UK_NHS", "123 456 7890")),
    ("mi DNI es 12345678A", ("ES_NIF", "12345678A")),
    ("social insurance number 123-456-789", ("CA_SIN", "123-456-789")),
    ("CPF 123.456.789-00", ("BR_CPF", "123.456.789-00")),
])
def test_a_named_value_is_found(pattern_engine: DetectionEngine, found,  # type: ignore[no-untyped-def]
                                text: str, expected: tuple[str, str]) -> None:
    assert expected in found(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "in case 12 people come",
    "the case is closed in 2023",
    "plate 2 of the series",
    "What is your security answer?",
    "UserById returned null for id 88213",  # a program's id, not a card's
    "Enter your security answer below",
    "rows:\n1234 5678\n9012 3456",  # two lines of figures that make no card
    "page 12 dash 15 dash 20",  # six digits: a range, not a number
    "Basic understanding of the topic is required",  # decodes to no "user:password"
    "the basic idea / approach is fine",
    "sign in with google / apple",
    "use -u to update",
    "ticket 123 456 789 closed",  # no passport's word
    "ab12 cdef ghij klmn",  # no IBAN's check
    "order 1234 5678 9012 3456 shipped",  # a card's groups, no card's word
    "sin 123 456 789 más",  # Spanish "without"
])
def test_look_alike_prose_is_left_alone(pattern_engine: DetectionEngine, found,  # type: ignore[no-untyped-def]
                                        text: str) -> None:
    assert found(pattern_engine, text) == []


def test_a_date_after_a_number_word_is_a_date(pattern_engine: DetectionEngine, found) -> None:  # type: ignore[no-untyped-def]
    assert found(pattern_engine, "the insurance policy changed on 2024-05-11 for all") == [
        ("DATE_TIME", "2024-05-11")]


def test_a_plate_holds_its_own_digit(pattern_engine: DetectionEngine, found) -> None:  # type: ignore[no-untyped-def]
    """The plate's lookaheads once found a digit past its end: "VIN" was a plate."""
    text = "The car with plate KX19 ABC and VIN 1HGCM82633A004352 belongs to him."
    assert found(pattern_engine, text) == [("VEHICLE_ID", "KX19 ABC"),
                                           ("VEHICLE_ID", "1HGCM82633A004352")]


def test_case_numbers_are_an_entity_type() -> None:
    assert "CASE_NUMBER" in ENTITY_TYPES  # look-alike placeholders are read as Veil's own


def test_a_context_word_ending_in_a_mark_needs_no_boundary_after_it() -> None:
    words = ContextMatcher(["claim #", "mrn#", "account"], 24, after=False)
    for text in ("claim #CLM-1", "mrn#A123", "account 123"):
        assert words.near(text, len(text) - 1, len(text)), text
        assert words.anywhere(text, text.lower()), text
    assert not words.near("accounts 123", 11, 12)  # a word ending in a letter keeps it


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_named_values_are_masked_and_restored(tmp_path, op: str) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = ("Case No. 2:21-cv-01234, plate ABC-1234, security answer: fluffy, "
            "card 4111 1111\n1111 1111, call 555 dash 867 dash 5309")
    r = v.protect(text, session="s")
    assert {e.type for e in r.entities} == {"CASE_NUMBER", "VEHICLE_ID", "SECRET", "CREDIT_CARD",
                                            "PHONE"}
    for value in ("2:21-cv-01234", "ABC-1234", "fluffy", "4111 1111\n1111 1111",
                  "555 dash 867 dash 5309"):
        assert value not in r.masked
    assert v.restore(r.masked, session="s") == text


_PIECES = ("case no", "Case No.", "docket", "matter #", "plate", "license plate", "Kennzeichen",
           "2:21-cv-01234", "2023-0142", "ABC-1234", "AB12 CDE", "M-AB", "1234", "7abc123", "x",
           "security answer", "memorable word", "is", ":", "=", '"fluffy bunny"', "fluffy",
           "4111 1111", "4111-1111-", "1111 1111", "555", "dash", "hyphen", "12", "-", ".",
           "/", "ID", "PBC884402913", "?", "é")
_GLUE = (" ", " ", "", "\n", "\t", ": ", " dash ", ". ", "-")


def test_the_scans_from_anchors_equal_the_full_scans() -> None:
    scans = [scan for rec in (CASE_NUMBER, LICENSE_PLATE, ID_NUMBER)
             for scan, _s, _c in rec._compiled]
    scans += [scan for scan, _s, _c in SECRET._compiled if "memorable" in scan.pattern.regex]
    assert len(scans) == 5
    for scan in scans:
        assert_anchored_equals_full(scan, _PIECES, _GLUE, seed=62, least=15)
    digits = ("555", "12", "1234", "4111", "4111 1111", "dash", "Hyphen", "x", "5.5", "-", "é")
    glue = (" dash ", " dash ", " ", "\n", " hyphen ", "", ".", ",", "-\n", " \n ")
    for scan in (CREDIT_CARD._compiled[1][0], JOINED_RUN):
        assert_anchored_equals_full(scan, digits, glue, seed=62, least=50)
    groups = ("gb82", "west", "1234", "5698", "32", "123", "456", "789", "gb82 west 1234 5698",
              "123 456", "x", "é", "-")
    for scan in (IBAN._compiled[2][0], PASSPORT._compiled[1][0]):
        assert_anchored_equals_full(scan, groups, (" ", " ", "-", "", "\n"), seed=62, least=50)
    credentials = ("Basic", "basic", "dXNlcjpwYXNzd29yZA==", "-u", "--user", "admin:S3cret!",
                   '"', "login", "Login with", "jsmith", "P@ssw0rd!", "sign-in", "creds", "/",
                   "x", "é")
    for scan, _s, _c in CREDENTIALS._compiled:
        assert_anchored_equals_full(scan, credentials, (" ", " ", "", " / ", ": ", "\n", "\t"),
                                    seed=62, least=50)
