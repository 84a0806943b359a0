"""English documents of many countries' formats (the s72a probes): a login, a password and an
account name in prose, plates after "reg" and "vehicle", a New Zealand bank account, Canadian
postcodes in lower case, Irish Eircodes, Singapore's blocks and units, India's sectors, rural
routes and delivery, GPO boxes and private bags with their town, a unit before a house's
numbers ("4/12-14"), two phone numbers split by a slash, a Singapore "hp", a date with an
apostrophe's year, a name after its label without a colon, and a name's value that stops at the
next field's label. Each leak masked with the pattern engine (no model); the same anchors in
ordinary text mask nothing."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.config import Policy
from veil.detect.engine import DetectionEngine

from .masking import masked_text


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> dict[str, str]:
    return {d.text: d.type for d in engine.analyze(text)}


@pytest.mark.parametrize(("text", "leaks", "kept"), [
    # logins, passwords and account names written in prose
    ("Your login for the portal is hvandermeer88 and it expires soon.",
     {"hvandermeer88": "USERNAME"}, ("login for the portal",)),
    ("My handle on the forum is darkstar_1987, say hi.", {"darkstar_1987": "USERNAME"},
     ("handle on the forum",)),
    ("Suspicious sign-in for account jlo.delacruz from a new device.",
     {"jlo.delacruz": "USERNAME"}, ("Suspicious sign-in for account",)),
    ("She reset her password to \"Winter2024!Dublin\" yesterday; I changed my pw to hunter2!",
     {"Winter2024!Dublin": "SECRET", "hunter2!": "SECRET"}, ("reset her password to",)),
    ("Security alert: Zander_Hoeger logged in from a new device; j.smith84 has signed on.",
     {"Zander_Hoeger": "USERNAME", "j.smith84": "USERNAME"}, ("Security alert",)),
    ('Transfer from account name "Callum Hayes Savings" to the new one.',
     {"Callum Hayes Savings": "USERNAME"}, ("account name",)),
    # plates after the words that name them, a New Zealand bank account
    ("Vehicle reg WX19 KPL was towed; the third party's reg: KY21 BDF; rego 1ABC234.",
     {"WX19 KPL": "VEHICLE_ID", "KY21 BDF": "VEHICLE_ID", "1ABC234": "VEHICLE_ID"},
     ("was towed",)),
    ("Her new VRM is AB12 CDE; the old one was sold.", {"AB12 CDE": "VEHICLE_ID"},
     ("the old one was sold",)),
    ("Driver Sipho, vehicle CA 456-789, collided at the junction.",
     {"CA 456-789": "VEHICLE_ID"}, ("collided",)),
    ("IRD 049-091-850. Pay to 12-3140-0123456-00 by Friday.",
     {"12-3140-0123456-00": "ACCOUNT_NUMBER"}, ("by Friday",)),
    # postcodes: Canada's in lower case after its province, Ireland's Eircodes
    ("shipping addr is 19 rue des Lilas apt 4, montreal qc h2j 2k1",
     {"h2j 2k1": "LOCATION"}, ("shipping addr",)),
    ("Kilkenny R95 X2C3; Eircode: D02 X285; a generated one, H79 AP0C, too.",
     {"R95 X2C3": "LOCATION", "D02 X285": "LOCATION", "H79 AP0C": "LOCATION"},
     ("a generated one",)),
    ("She lives in Larkin County, Oregon 97035-4421 now.", {"97035-4421": "LOCATION"},
     ("lives in",)),
    ("i live in sydney nsw 2000; the office is in Fitzroy VIC 3065.",
     {"nsw 2000": "LOCATION", "VIC 3065": "LOCATION"}, ("i live in",)),
    # addresses of Singapore, India, New Zealand, Canada and Australia
    ("Deliver to Blk 123 Ang Mo Kio Ave 6, #08-1234, Singapore 560123 today.",
     {"Blk 123 Ang Mo Kio Ave 6, #08-1234": "LOCATION"}, ("Deliver to",)),
    ("Ship to C-42, Sector 18, Noida; also H.No. 1123, Phase 2, Mohali.",
     {"C-42, Sector 18": "LOCATION", "H.No. 1123, Phase 2": "LOCATION"}, ("Ship to",)),
    ("Return address: RD 3, Warkworth; or RR 1, Site 5, Comp 12, Okotoks.",
     {"RD 3": "LOCATION", "RR 1, Site 5, Comp 12": "LOCATION"}, ("Return address",)),
    ("Post it to PO Box 77, Wanaka 9343 or GPO Box 1234, Sydney NSW 2001 or "
     "P.O. Box 2034, Houghton, 2041.",
     {"PO Box 77, Wanaka 9343": "LOCATION", "GPO Box 1234, Sydney NSW 2001": "LOCATION",
      "P.O. Box 2034, Houghton, 2041": "LOCATION"}, ("Post it to",)),
    ("Pickup at Unit 4/12-14 Beach Rd, Mairangi Bay, Auckland 0630 at noon.",
     {"4/12-14 Beach Rd, Mairangi Bay, Auckland 0630": "LOCATION"}, ("at noon",)),
    ("HC 65 Box 2130, Alpine TX 79830 is the ranch.",
     {"HC 65 Box 2130": "LOCATION", "Alpine TX 79830": "LOCATION"}, ("is the ranch",)),
    # phones: two split by a slash, Singapore's "hp"
    ("Ph: +91-120-4567890 / 9810012345 (office / mobile)",
     {"+91-120-4567890": "PHONE", "9810012345": "PHONE"}, ("office / mobile",)),
    ("attn. Ms Lim, hp 9123 4567, after 6pm.", {"9123 4567": "PHONE"}, ("after 6pm",)),
    # a date whose year is written with an apostrophe
    ("Admitted 3 Jul '24 and discharged 7 Jul '24.",
     {"3 Jul '24": "DATE_TIME", "7 Jul '24": "DATE_TIME"}, ("Admitted",)),
    # a name after its label without a colon
    ("refund to my mastercard, name on card grace mbeki-holloway",
     {"grace mbeki-holloway": "PERSON"}, ("name on card",)),
    ("For the visa form: surname NGUYEN, given names THI MAI ANH, thanks.",
     {"NGUYEN": "PERSON", "THI MAI ANH": "PERSON"}, ("surname", "given names")),
])
def test_document_leaks_masked_and_words_kept(engine: DetectionEngine, text: str,
                                              leaks: dict[str, str],
                                              kept: tuple[str, ...]) -> None:
    found = _found(engine, text)
    for value, kind in leaks.items():
        assert found.get(value) == kind, value
    masked = masked_text(engine, text)
    for words in kept:
        assert words in masked, words


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_the_new_values_are_masked_and_restored(tmp_path, op: str) -> None:  # type: ignore[no-untyped-def]
    from veil import Veil
    from veil.config import Settings

    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = ("birth date 19850303, discharged 7 Jul '24, seen 3-Mar-2024; reg WX19 KPL; pay "
            "12-3140-0123456-00; Eircode D02 X285; Blk 123 Ang Mo Kio Ave 6, #08-1234; "
            "jlo.delacruz logged in; name on card grace mbeki-holloway")
    r = v.protect(text, session="s")
    # (each with the word before it: a generated "17 Jul '24" holds "7 Jul '24")
    for value in ("date 19850303", "discharged 7 Jul '24", "seen 3-Mar-2024", "reg WX19 KPL",
                  "pay 12-3140-0123456-00", "Eircode D02 X285", "#08-1234", "jlo.delacruz",
                  "mbeki-holloway"):
        assert value not in r.masked, value
    assert v.restore(r.masked, session="s") == text


def test_a_name_value_stops_at_the_next_label(engine: DetectionEngine) -> None:
    found = _found(engine, "Contact: Eoin Walsh, Mobile 087 123 4567")
    assert found["Eoin Walsh"] == "PERSON"
    assert found["087 123 4567"] == "PHONE"
    assert _found(engine, "Patient: DOE, JANE A.")["DOE, JANE A."] == "PERSON"


def test_an_area_code_before_its_number_stays_one_phone(engine: DetectionEngine) -> None:
    found = _found(engine, "Tel. 0221 / 123456 und 030/1234567")
    assert found == {"0221 / 123456": "PHONE", "030/1234567": "PHONE"}


@pytest.mark.parametrize("text", [
    # the anchors in ordinary text
    "The account settings.json is in the repo; account v2.3 and account 2FA are old notes.",
    "My account is locked and the account holder was told.",
    "Set your password to expire in 90 days; the password to the portal is on file.",
    "The reg A1 and the regular plate of 12 eggs; vehicle RAV4 and car X5 M50.",
    "RR 1.5 and the block 5 of code; sector 3 growth; in Q3 Phase 2 ended.",
    "Meet on 12-3140 at 10; ticket #12-345, ok.",
    "Rock 'n' roll of the '90s; the May '24 release.",
    "name on card is required; the name on the card is missing; the first name field.",
    "Plans for the summer: on a1b 2c3 we trained the model.",
    "The Privacy ACT 2024 passed; sa 5000 is a code; NSW 5000 is out of range.",
    "config.yaml logged in? The user logged in; Version 2.3 logged out.",
])
def test_ordinary_text_masks_nothing_new(engine: DetectionEngine, text: str) -> None:
    new = {"user_name_field", "login_secret", "plate_word", "vehicle_plate", "nz_bank_account",
           "postcode", "street_address", "name_after_label", "date_time", "date_of_birth"}
    assert [(d.recognizer, d.text) for d in engine.analyze(text) if d.recognizer in new] == []


@pytest.mark.parametrize(("unit", "count", "tail"), [
    ("account ", 15_000, ""),
    ("account a_", 12_000, ""),
    ("login for the ", 8_000, ""),
    ("password to ", 10_000, ""),
    ("name on card ", 9_000, ""),
    ("surname ", 15_000, "X"),
    ("Blk 1 ", 20_000, ""),
    ("C-42, Sector ", 9_000, ""),
    ("RR 1, Site 5, ", 9_000, ""),
    ("PO Box 1, Town ", 9_000, ""),
    ("qc h2j ", 16_000, ""),
    ("D02 X285", 14_000, ""),
    ("12-3140-", 14_000, ""),
    ("reg WX19 ", 12_000, ""),
    ("0412 345 678 / ", 8_000, ""),
    ("7 Jul '", 16_000, ""),
    ("a_1 ", 20_000, "logged in"),
    ("Oregon ", 14_000, ""),
    ("NSW ", 20_000, "2000"),
])
def test_hostile_repetition_is_linear(engine: DetectionEngine, unit: str, count: int,
                                      tail: str) -> None:
    # ~100 KB of anchors; a quadratic scan takes minutes
    assert_linear(engine.analyze, unit, count, tail=tail)


_PIECES = (
    "Blk 123", "Ang Mo Kio Ave 6", "#08-1234", ", ", ",", "Singapore", "C-42", "Sector 18",
    "H.No. 1123", "Phase 2", "45", "RD 3", "RR 1", "Site 5", "Comp 12", "PO Box 77", "GPO Box",
    "1234", "Wanaka 9343", "Houghton", "2041", "Private Bag 4", "HC 65 Box 2130", "Box 1234",
    "Station A", "Plot No. 14", "Road No. 3", "12, MG Road", "4/12-14 Beach Rd", "Mairangi Bay",
    "qc h2j 2k1", "ON", "m5v 3l9", "D02 X285", "R95", "X2C3", "H79 AP0C", "Oregon 97035-4421",
    "New York", "10001", "NSW 2000", "nsw", "VIC 3065", "sa 5000", "reg WX19 KPL", "rego",
    "1ABC234", "plate is", "8XYZ123", "vehicle", "CA 456-789", "car", "X5 M50",
    "12-3140-0123456-00", "12-3140", "3-Mar-1985", "03/Apr/19", "7 Jul '24", "'24", "19850303",
    "born", "DOB",
    "name on card", "grace mbeki-holloway", "surname", "NGUYEN", "given names", "THI MAI ANH",
    "is", "required", "x", "é", "\n", "25 Jalan Ampang", "Jl. Sudirman No. 5", "Hyderabad - 500034",
    ", #08-1234,", "Blk 5 Jurong West St 42, #12-34A", "last name Okafor.", "SURNAME: NGUYEN",
    "Cardholder Name JOANNA KOWALCZYK", "family name Ní Bhriain.", "vehicle plate is",
)
_GLUE_S72 = (" ", " ", "", ", ", "\n", "-", "\t")


def _new_scans() -> list[tuple[str, object]]:
    from veil.detect.address import STREET_ADDRESS
    from veil.detect.dates import DATE_OF_BIRTH, DATE_TIME
    from veil.detect.form_fields import NAME_AFTER_LABEL
    from veil.detect.labelled_numbers import NZ_BANK_ACCOUNT, PLATE_WORD, VEHICLE_PLATE
    from veil.detect.postcodes import POSTCODES

    marks = {STREET_ADDRESS: ("Blk", "Sector", "Rural", "Plot", "(?<![A-Za-z][ \\t])", "Private",
                             "(?<=,"),
             POSTCODES: ("(?!on[ \\t])", "(?=[0-9]{0,3}[", "Oregon", "NSW"),
             DATE_TIME: ("['’]", "([-/])"), DATE_OF_BIRTH: ("(?:1[89]|20)\\d\\d(?:0",)}
    out: list[tuple[str, object]] = []
    for rec, parts in marks.items():
        for i, (scan, _, _) in enumerate(rec._compiled):
            if any(p in scan.pattern.regex for p in parts):
                out.append((f"{rec.name}[{i}]", scan))
    for rec in (NAME_AFTER_LABEL, NZ_BANK_ACCOUNT, PLATE_WORD, VEHICLE_PLATE):
        out += [(f"{rec.name}[{i}]", scan) for i, (scan, _, _) in enumerate(rec._compiled)]
    return out


def test_the_new_scans_from_anchors_equal_the_full_scans() -> None:
    from .scans import assert_anchored_equals_full

    scans = _new_scans()
    assert len(scans) >= 14
    for k, (_name, scan) in enumerate(scans):
        assert_anchored_equals_full(scan, _PIECES, _GLUE_S72, seed=72 + k, texts=1500,
                                    least=10)
