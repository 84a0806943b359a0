"""What the public sector and the services around daily life paste: benefits' and public
services' numbers under their labels, plates of Ireland and India, a Cook County parcel, a
GSTIN by its check, an IMEI beside a phone's word, a UK mobile's switching codes, "SSN last 4";
and the words of those files that stay (programmes, forms, licence classes, benefits)."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.trade_words import trade_word


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _values(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize("text,kind,value", [
    # labels
    ("Housing Choice Voucher: voucher no. HCV-24-00817, tenant", "ACCOUNT_NUMBER",
     "HCV-24-00817"),
    ("WIC participant, WIC ID 0044821937, infant", "ACCOUNT_NUMBER", "0044821937"),
    ("UPN: A123456789012\nPupil:", "ACCOUNT_NUMBER", "A123456789012"),
    ("former student, SID 2019-08841, wants", "ACCOUNT_NUMBER", "2019-08841"),
    ("Electoral roll: elector number KA4-1187, Mr", "ACCOUNT_NUMBER", "KA4-1187"),
    ("my juror badge number is 771204 and", "ACCOUNT_NUMBER", "771204"),
    ("Record of Employment W44812937.", "ACCOUNT_NUMBER", "W44812937"),
    ("concealed carry license CCL-24-118842, holder", "LICENSE_NUMBER", "CCL-24-118842"),
    ("Working with Children Check WWC0882041E for", "LICENSE_NUMBER", "WWC0882041E"),
    ("Referral #: 2024-CPS-018843\nChild:", "CASE_NUMBER", "2024-CPS-018843"),
    ("Infringement notice 4012883177 (Fines", "CASE_NUMBER", "4012883177"),
    ("22:14 CAD #24-118842 CALLER:", "CASE_NUMBER", "24-118842"),
    ("FACTS case 118823447. Next", "CASE_NUMBER", "118823447"),
    ("subject, OLN B4471882 (MD), released", "DRIVER_LICENSE", "B4471882"),
    ("NY license ID 123 456 789, Illinois", "DRIVER_LICENSE", "123 456 789"),
    ("chassis no. MA3EWDE1S00412345.", "VEHICLE_ID", "MA3EWDE1S00412345"),
    ("Centrelink: CRN 412 338 917K, customer", "ACCOUNT_NUMBER", "412 338 917K"),
    ("whānau hui for Aroha (NHI ZAC5361), caregiver", "MEDICAL_RECORD", "ZAC5361"),
    ("PAC code for switching: PAC XKD448127, mobile", "SECRET", "XKD448127"),
    ("STAC for cancelling: STAC 448812ABC.", "SECRET", "448812ABC"),
    ("Unemployment appeal: SSN last 4 6621, docket", "US_SSN", "6621"),
    ("V5C logbook: registration LK19 XRT, keeper", "VEHICLE_ID", "LK19 XRT"),
    ("Victoria registration 1XY-2ZA; fine", "VEHICLE_ID", "1XY-2ZA"),
    # shapes and checks, no label
    ("Ireland 191-D-12345 and the old 08-KY-4471", "VEHICLE_ID", "191-D-12345"),
    ("RC book of vehicle MH 12 AB 1234 in the name", "VEHICLE_ID", "MH 12 AB 1234"),
    ("Cook County 14-21-305-012-0000 for the bungalow", "ACCOUNT_NUMBER",
     "14-21-305-012-0000"),
    ("GSTIN of the firm: 27AAPFU0939F1ZV.", "NATIONAL_ID", "27AAPFU0939F1ZV"),
    ("Device list on the account: 357137858073454, 869457081572762 (dual SIM)", "DEVICE_ID",
     "869457081572762"),
])
def test_public_numbers_are_found(engine: DetectionEngine, text: str, kind: str,
                                  value: str) -> None:
    assert (kind, value) in _values(engine, text)


@pytest.mark.parametrize("text,value", [
    ("Paid CAD 1250.00 for the deposit", "1250.00"),          # a bare CAD is the dollar
    ("in case 2024 we move the server", "2024"),             # "case" + a year: prose
    ("the registration 2024 opened", "2024"),                # a year, no plate
    ("Company registration 08812345", "08812345"),           # a company's: digits only
    ("part 12-D-4 is no plate unless the county fits: 12-XQ-4471", "12-XQ-4471"),
    ("see MH 12 1234 in the list", "MH 12 1234"),             # no series letters
    ("order 869457081572762 shipped", "869457081572762"),    # no phone's word
    ("a PAC is free to ask for; the PACER site lists 123456ABC", "123456ABC"),
    ("the code 27ABCPK1234M1Z4 fails the check of a GST number", None),
])
def test_lookalikes_stay(engine: DetectionEngine, text: str, value: str | None) -> None:
    found = _values(engine, text)
    if value is None:
        assert not any(k == "NATIONAL_ID" for k, _ in found)
    else:
        assert all(v != value for _, v in found)


def test_gstin_after_its_word_is_masked_though_its_check_fails(engine: DetectionEngine) -> None:
    assert ("NATIONAL_ID", "27ABCPK1234M1Z5") in _values(
        engine, "PAN ABCPK1234M and GSTIN 27ABCPK1234M1Z5 of proprietor")


@pytest.mark.parametrize("text,span", [
    ("Programs: SNAP, WIC, TANF, Medicaid, CHIP and LIHEAP.", "Medicaid"),
    ("Old card, Medi-Cal BIC 90412287F.", "Medi-Cal BIC"),
    ("Forms: Form W-2, Form 1099-G, Form SS-4.", "Form"),
    ("Forms: Form SS-4 confirmation", "SS"),
    ("Licence classes: Class C, Class A CDL.", "Class A CDL"),
    ("Licence classes: Class C, Class A CDL.", "Class"),
    ("Intreo: Jobseeker's Allowance claim", "Jobseeker"),
    ("UK benefits: Employment and Support Allowance, Pension Credit.",
     "Employment and Support Allowance"),
    ("UK benefits: Universal Credit, Personal Independence Payment, Pension Credit.",
     "Universal Credit, Personal Independence Payment"),
])
def test_programmes_and_forms_stay(text: str, span: str) -> None:
    s = text.index(span)
    assert trade_word(text, s, s + len(span), "ORGANIZATION")


@pytest.mark.parametrize("text,span,label", [
    ("Jane Smith Allowance called", "Jane Smith", "PERSON"),     # a name before the noun
    ("ORGANIZATION Capital One Credit won", "Capital One Credit", "ORGANIZATION"),
    ("Apple Support replied", "Apple Support", "ORGANIZATION"),
    ("Chip Foster called", "Chip Foster", "PERSON"),               # a name, not CHIP
    ("Formby Smith called", "Formby Smith", "PERSON"),
])
def test_names_beside_those_words_stay_values(text: str, span: str, label: str) -> None:
    s = text.index(span)
    assert not trade_word(text, s, s + len(span), label)
