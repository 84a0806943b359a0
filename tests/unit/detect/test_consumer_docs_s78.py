"""What people paste of their own lives: a boarding pass's string, tickets, tracking numbers,
SIM and eSIM ids, VINs, gift cards, and the numbers of travel, housing and benefit letters.
Masked by their check digits and layouts or by the words that name them, and left alone where
the check fails and no word names them."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.boarding_pass import BOARDING_PASS
from veil.detect.tracking_numbers import (
    dhl_check,
    fedex_check,
    s10_check,
    ups_check,
    usps_check,
)
from veil.detect.vehicle_ids import vin_check


def _values(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


def test_the_carriers_check_digits() -> None:
    assert ups_check("1Z999AA10123456784")  # UPS's published example
    assert ups_check("1Z 999 AA1 01 2345 678 4")
    assert not ups_check("1Z999AA10123456785")
    assert usps_check("9101026837331000039521")
    assert usps_check("9400 1118 9922 3856 9284 12")
    assert not usps_check("9400 1118 9922 3856 9284 13")
    assert not usps_check("8101026837331000039521")  # no IMpb's first digits
    assert s10_check("RN482139075GB")
    assert not s10_check("RN482139076GB")
    assert not s10_check("RN482139075QQ")  # no country
    assert fedex_check("772468101391")
    assert not fedex_check("772468101392")
    assert dhl_check("1656740256")
    assert not dhl_check("1656740257")


@pytest.mark.parametrize("text,value", [
    ("Also 9205590184712300088178 is in transit.", "9205590184712300088178"),
    ("Your item 9400 1118 9922 3856 9284 12 was delivered.", "9400 1118 9922 3856 9284 12"),
    ("Signed For AB120987648GB too.", "AB120987648GB"),
    ("Customer: 1ZA4F1960366198241", "1ZA4F1960366198241"),
    ("shipped with Amazon Logistics, TBA312847590000.", "TBA312847590000"),
    # digits only: a text that names the carrier
    ("FedEx says the other box is 394528177208.", "394528177208"),
    ("second DHL shipment, also 1047193652.", "1047193652"),
])
def test_tracking_numbers_without_their_word(pattern_engine: DetectionEngine, text: str,
                                             value: str) -> None:
    assert ("ACCOUNT_NUMBER", value) in _values(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "Invoice lines 1Z9V8W270312345670 and 1Z9V8W270312345671 were voided.",  # UPS check fails
    "Reference 9205590184712300088179 in the ledger.",  # USPS check fails
    "Part AB120987640GB is out of stock.",  # S10 check fails
    "Order 394528177208 shipped.",  # FedEx's check, but no carrier named
    "Lot 1047193652 of the batch.",  # DHL's check, but no carrier named
])
def test_tracking_shapes_whose_check_fails_or_carrier_is_unnamed_stay(
        pattern_engine: DetectionEngine, text: str) -> None:
    assert not [v for t, v in _values(pattern_engine, text) if t == "ACCOUNT_NUMBER"]


def test_a_boarding_pass_string_by_its_positions() -> None:
    text = ("What does this barcode mean?\n"
            "M1VANTERPOOL/ODETTE   EW9TL4X JFKLHRBA 0178 312Y023A0041 100")
    assert [(d.type, d.text) for d in BOARDING_PASS.analyze(text)] == [
        ("PERSON", "VANTERPOOL/ODETTE"), ("ACCOUNT_NUMBER", "W9TL4X")]
    tail = ("M1NAKAMURA/SATOSHI    E3VB7NQ LOSLHRBA 0074 045J002K0007 34B>6180      BBA"
            "              2A12523871946500 BA 40217733            N")
    found = [(d.type, d.text) for d in BOARDING_PASS.analyze(tail)]
    assert ("ACCOUNT_NUMBER", "2A12523871946500") in found
    assert ("ACCOUNT_NUMBER", "40217733") in found
    assert ("ACCOUNT_NUMBER", "34B>6180") not in found  # the item sizes stay


@pytest.mark.parametrize("text", [
    "M1 is the motorway to LHR/JFK in the plan",
    "Model M2SMITH/JONES is a product code",  # no flag, PNR, airports or flight after the name
])
def test_no_boarding_pass_without_its_layout(text: str) -> None:
    assert BOARDING_PASS.analyze(text) == []


@pytest.mark.parametrize("text,value", [
    ("tickets 098-2217483361 and 098-2217483362 for AI 131", "098-2217483362"),
    ("Ticket number: 125 2481937705", "125 2481937705"),
    ("Itinerary, e-ticket 0162384719025.", "0162384719025"),
])
def test_an_airline_ticket_after_its_word(pattern_engine: DetectionEngine, text: str,
                                          value: str) -> None:
    assert ("ACCOUNT_NUMBER", value) in _values(pattern_engine, text)


def test_thirteen_digits_without_a_ticket_word_stay(pattern_engine: DetectionEngine) -> None:
    assert _values(pattern_engine, "EAN 4006381333931 on the box") == []


@pytest.mark.parametrize("text,kind,value", [
    ("EID 89049032007008882600103412345652", "DEVICE_ID",
     "89049032007008882600103412345652"),
    ("89049032007008882600103412345652", "DEVICE_ID", "89049032007008882600103412345652"),
    ("New SIM 89011687463684822563 activated", "DEVICE_ID", "89011687463684822563"),
    ("the MSISDN is 12065550187.", "PHONE", "12065550187"),
    ("QR: LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7.", "SECRET", "QR-G-5C-1LS-1W1Z9P7"),
])
def test_sim_and_esim_ids(pattern_engine: DetectionEngine, text: str, kind: str,
                          value: str) -> None:
    assert (kind, value) in _values(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "89049032007008882600103412345653",  # the EID's mod-97 check fails
    "New SIM 89011687463684822564 activated",  # the ICCID's Luhn digit fails
    "Invoice 89011687463684822563 paid",  # Luhn holds, but no SIM's word
])
def test_sim_shapes_without_check_or_word_stay(pattern_engine: DetectionEngine,
                                               text: str) -> None:
    assert not [v for t, v in _values(pattern_engine, text) if t == "DEVICE_ID"]


def test_vin_check_digit() -> None:
    assert vin_check("1HGCV1F37LA012345")
    assert vin_check("JTDKARFUXK3087654")  # check value 10 is written X
    assert not vin_check("1HGCV1F30LA012345")
    assert not vin_check("ABCDEFGHJKLMNPRST")  # no digits


@pytest.mark.parametrize("text,value", [
    ("is this VIN clean? 1HGCV1F37LA012345 (2020 Honda Accord)", "1HGCV1F37LA012345"),
    ("Carfax report for 2T1BURHE1JC054321: 2 owners", "2T1BURHE1JC054321"),
    ("your registration for vehicle JTDKARFUXK3087654 expires", "JTDKARFUXK3087654"),
])
def test_a_vin_by_its_check_digit(pattern_engine: DetectionEngine, text: str,
                                  value: str) -> None:
    assert ("VEHICLE_ID", value) in _values(pattern_engine, text)


def test_a_vin_shape_whose_check_fails_stays(pattern_engine: DetectionEngine) -> None:
    assert _values(pattern_engine, "The part code 1HGCV1F30LA012345 is in the catalogue.") == []


def test_dl_is_a_licence_before_a_number_and_a_flight_before_four_digits(
        pattern_engine: DetectionEngine) -> None:
    found = _values(pattern_engine, "driver Marcus, DL E4471902 (CA); flight DL 1467 ATL-MCO")
    assert ("DRIVER_LICENSE", "E4471902") in found
    assert not [v for _, v in found if "1467" in v]


@pytest.mark.parametrize("text,value", [
    ("Amazon gift card claim code: AS7D-4TFN9L-WRQ3 (value $50)", "AS7D-4TFN9L-WRQ3"),
    ("Steam wallet code 9KQ4T-ZP2MX-7HRWN", "9KQ4T-ZP2MX-7HRWN"),
    ("Apple Gift Card code X6FH7K2LMN9Q4RTP", "X6FH7K2LMN9Q4RTP"),
])
def test_gift_card_codes(pattern_engine: DetectionEngine, text: str, value: str) -> None:
    assert ("SECRET", value) in _values(pattern_engine, text)


@pytest.mark.parametrize("text", [
    "Use promo code SAVE20 at checkout",
    "The gift code WELCOMEBACK was retired",  # no digits
])
def test_codes_that_are_no_gift_card_stay(pattern_engine: DetectionEngine, text: str) -> None:
    assert not [v for t, v in _values(pattern_engine, text) if t == "SECRET"]


@pytest.mark.parametrize("text,value", [
    ("Frequent flyer: BA 48812937 (Executive Club Silver)", "48812937"),
    ("Emirates Skywards EK 304817726, seat 41K", "304817726"),
    ("ESTA approved! Application number: Y42X7K9M3P1Q8W5R.", "Y42X7K9M3P1Q8W5R"),
    ("Annotation: SEVIS N0034982177", "N0034982177"),
    ("my KTN TT4829173", "TT4829173"),
    ("Delta confirmation: HG7P2L.", "HG7P2L"),
    ("Booking.com reservation 3219847562, 2 adults", "3219847562"),
    ("Property tax bill: Parcel ID 14-21-305-019-0000", "14-21-305-019-0000"),
    ("MPRN 8842139705, supplier account", "8842139705"),
    ("ESI ID 10443720004821397", "10443720004821397"),
    ("Meter Number: G4A00482139", "G4A00482139"),
    ('"sis_user_id": "A02948173"', "A02948173"),
])
def test_numbers_after_the_words_that_name_them(pattern_engine: DetectionEngine, text: str,
                                                value: str) -> None:
    assert value in [v for _, v in _values(pattern_engine, text)]


def test_a_citation_number_is_a_case_number(pattern_engine: DetectionEngine) -> None:
    assert ("CASE_NUMBER", "C47819203") in _values(
        pattern_engine, "Speeding ticket: Citation No. C47819203, 72 in a 55 zone")


@pytest.mark.parametrize("text", [
    "a reservation for 12345 guests",  # digits without a letter, fewer than eight
    "USPS tracking has 20-22 digits",  # a range of two short numbers
    "Skywards members earn 2x miles",
    "flight DL 1467 ATL-MCO seat 14C",
])
def test_words_that_stay(pattern_engine: DetectionEngine, text: str) -> None:
    assert not [v for t, v in _values(pattern_engine, text)
                if t in ("ACCOUNT_NUMBER", "DRIVER_LICENSE", "CASE_NUMBER")]


def test_a_payroll_table_types_its_employee_id(pattern_engine: DetectionEngine) -> None:
    text = ("employee_id,name,ssn\n30411,Halima Sadiq,471-29-0388\n"
            "30412,Lucia Benedetti,610-72-1934")
    found = _values(pattern_engine, text)
    assert ("ACCOUNT_NUMBER", "30411") in found
    assert ("ACCOUNT_NUMBER", "30412") in found


def test_a_british_plate_after_its_mot_words(pattern_engine: DetectionEngine) -> None:
    assert ("VEHICLE_ID", "WX19 KPL") in _values(pattern_engine,
                                                 "MOT reminder for WX19 KPL (Vauxhall Corsa)")
    # a model's name has no British plate's shape; "motor" is no MOT
    assert _values(pattern_engine, "MOT due on the BMW X5 M50") == []
    assert _values(pattern_engine, "the remote motor AB12 CDE") == []
