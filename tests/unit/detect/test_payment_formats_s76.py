"""What a bank's, an insurer's or an accountant's pasted documents still sent upstream (the
s76a probes), each with other made-up values than the probes': an EU or UK VAT number by its
prefix and check digits, an ITIN written with spaces, passports and driving licences under their
words in Europe's languages, a customer's file number, an IRA's number, a NACHA entry record
whose blanks were squeezed, a MICR line in a MICR font's letters, an MT940 ``:25:`` account,
ISO 20022's ``<Dbtr><Pty><Nm>`` and an account's ``<Othr><Id>``, and a party named again in a
SWIFT ``:70:`` remittance or an ISO 20022 ``<Ustrd>``. The same anchors in prose, and numbers
whose check fails, mask nothing."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.vat_numbers import is_vat_number


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> dict[str, str]:
    return {d.text: d.type for d in engine.analyze(text)}


@pytest.mark.parametrize(("value", "valid"), [
    ("DE477312890", True), ("IT95509780953", True), ("IT95509780954", False),
    ("PL4305699376", True), ("BE0964970549", True), ("BE 0964.970.549", True),
    ("NL497341736B02", True), ("GB 363 8681 20", True), ("DE477312891", False),
    ("GB 363 8681 21", False), ("FR12", False),
])
def test_vat_numbers_pass_their_country_s_check(value: str, valid: bool) -> None:
    assert is_vat_number(value) is valid


@pytest.mark.parametrize("text", [
    "Supplier: Ines Carvalho-Berg (sole trader), VAT DE477312890, Net EUR 800.00",
    "Validate BE0964970549 and PL4305699376 in VIES before the intra-community supply.",
    "Rechnung an Einzelunternehmer, USt-IdNr.: DE 477312890.",
])
def test_a_vat_number_is_masked_by_its_prefix_and_check(engine: DetectionEngine,
                                                        text: str) -> None:
    numbers = [d.text for d in engine.analyze(text) if d.type == "NATIONAL_ID"]
    assert numbers and all(any(c.isdigit() for c in n) for n in numbers)


@pytest.mark.parametrize("text", [
    "The DE team shipped 2024 features; IT 20240315 is the build.",
    "Order PL4305699377 failed its check and stays an order's reference",
])
def test_prefixes_without_a_valid_number_mask_nothing(engine: DetectionEngine,
                                                      text: str) -> None:
    assert "NATIONAL_ID" not in _found(engine, text).values()


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("her ITIN is 912 75 1184 for the 1040", "912 75 1184", "US_ITIN"),
    ("Reisepass C4F9RT2K1 vorgelegt", "C4F9RT2K1", "PASSPORT"),
    ("numéro de passeport 21CF77410, délivré à Lyon", "21CF77410", "PASSPORT"),
    ("pasaporte PAB441920 del titular", "PAB441920", "PASSPORT"),
    ("rijbewijs 4410298813 gecontroleerd", "4410298813", "DRIVER_LICENSE"),
    ("Führerschein B072RRE2I55 liegt vor", "B072RRE2I55", "DRIVER_LICENSE"),
    ("Customer (CIF 00418827) moved funds", "00418827", "ACCOUNT_NUMBER"),
    ("User UID 55021947 cannot withdraw", "55021947", "ACCOUNT_NUMBER"),
    ("Traditional IRA #41-228107 rollover", "41-228107", "ACCOUNT_NUMBER"),
])
def test_numbers_after_their_words(engine: DetectionEngine, text: str, value: str,
                                   kind: str) -> None:
    assert _found(engine, text).get(value) == kind


def test_a_nacha_entry_whose_blanks_were_squeezed(engine: DetectionEngine) -> None:
    text = ("5220ACME LTD   PPDPAYROLL\n"
            "622077185424772910458 0000091200EMP7731 PRISCILLA NAKASHIMA-ODU 0091000010000007")
    found = _found(engine, text)
    assert found.get("772910458") == "ACCOUNT_NUMBER"
    assert found.get("EMP7731") == "ACCOUNT_NUMBER"
    assert found.get("PRISCILLA NAKASHIMA-ODU") == "PERSON"


def test_a_line_starting_with_6_and_a_bad_routing_number_is_no_entry(
        engine: DetectionEngine) -> None:
    text = "622123456789772910458 0000091200 PRISCILLA NAKASHIMA-ODU 0091000010000007"
    assert "772910458" not in _found(engine, text)


def test_a_micr_line_in_a_micr_font_s_letters(engine: DetectionEngine) -> None:
    found = _found(engine, "OCR of the cheque: C000318C A077185424A 7740019928C")
    assert found.get("7740019928") == "ACCOUNT_NUMBER"
    # a routing number whose check digit fails is no MICR line
    assert "7740019928" not in _found(engine, "C000318C A077185425A 7740019928C")


def test_an_mt940_account_identification(engine: DetectionEngine) -> None:
    found = _found(engine, ":20:STMT0412\n:25:309634/55128830\n:28C:00012/001")
    assert found.get("55128830") == "ACCOUNT_NUMBER"
    assert "309634" not in found  # the sort code names a branch


def test_iso20022_party_in_a_wrapper_and_an_account_s_other_id(
        engine: DetectionEngine) -> None:
    text = ("<RltdPties><Cdtr><Pty><Nm>Leontyne Abernathy-Osei</Nm></Pty></Cdtr><CdtrAcct><Id>"
            "<Othr><Id>88120047715</Id></Othr></Id></CdtrAcct></RltdPties>"
            "<RmtInf><Ustrd>Deposit for flat 2, L Abernathy-Osei</Ustrd></RmtInf>"
            "<FinInstnId><Othr><Id>BANKREF-77</Id></Othr></FinInstnId>")
    found = _found(engine, text)
    assert found.get("Leontyne Abernathy-Osei") == "PERSON"
    assert found.get("88120047715") == "ACCOUNT_NUMBER"
    assert found.get("Abernathy-Osei") == "PERSON"  # named again in the remittance
    assert "BANKREF-77" not in found  # a bank's identifier


def test_a_swift_party_named_again_in_the_remittance(engine: DetectionEngine) -> None:
    text = (":50K:/DE05500105170088412307\nOSWIN HALLORAN-PIKE\n4 QUAY STREET\n"
            ":59:/8812004417\nPERPETUA VANTERPOOL\n:70:SCHOOL FEES VANTERPOOL Y4\n:71A:SHA")
    masked_parts = {d.text for d in engine.analyze(text)}
    assert "VANTERPOOL" in masked_parts
    assert "SCHOOL FEES" not in " ".join(masked_parts)


def test_a_kyc_file_s_document_label_is_no_address(engine: DetectionEngine) -> None:
    text = "Proof of address: bank statement dated March"
    assert "LOCATION" not in _found(engine, text).values()


def test_a_holder_s_term_is_no_name(engine: DetectionEngine) -> None:
    assert "PERSON" not in _found(engine, "Mastercard 4853 Cardholder Dispute; refund").values()
    assert _found(engine, "cardholder Wilhelmina Osei-Brandt, card ending 0412").get(
        "Wilhelmina Osei-Brandt") == "PERSON"


def test_a_party_s_name_part_in_lower_case_prose_stays(engine: DetectionEngine) -> None:
    text = (":59:/8812004417\nMARGIT WHITE-OKAFOR\n:70:white goods deposit, M WHITE-OKAFOR\n"
            ":71A:OUR")
    found = {d.text for d in engine.analyze(text)}
    assert "white" not in found
    assert "MARGIT WHITE-OKAFOR" in found
