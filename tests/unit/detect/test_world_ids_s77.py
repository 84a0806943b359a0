"""Identifiers, phones and addresses of people outside Europe and North America, as a bank's,
an airline's or an HR team's English text holds them: masked through the public ``protect()``,
with their checks deciding where no word names them."""

from __future__ import annotations

import base64
import os

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect import DetectionEngine


@pytest.fixture(scope="module")
def veil(tmp_path_factory: pytest.TempPathFactory) -> Veil:
    key = base64.b64encode(os.urandom(32)).decode()
    return Veil(Settings(home=str(tmp_path_factory.mktemp("veil")), master_key=key),
                policy=Policy(ner=False))


@pytest.mark.parametrize("text,value", [
    # Taiwan's id: its letter, sex digit and check digit, no word needed
    ("the Taiwanese traveller F110620494 on BR 87", "F110620494"),
    ("certificate lists E242811082 and an address", "E242811082"),
    # Sri Lanka's NIC: old nine digits and V (a day of the year inside), the new twelve after NIC
    ("Patient NIC 917352846v, tel 071 234 5678", "917352846v"),
    ("NIC 853400937V (new format 198534000937)", "198534000937"),
    # Ghana's TIN (mod 11) and the Ghana card's PIN; Mexico's RFC with its check digit
    ("TIN P0012345679 of the supplier", "P0012345679"),
    ("Ghana Card GHA-531579972-6 on file", "GHA-531579972-6"),
    ("RFC HEPL821104A29 of the account holder", "HEPL821104A29"),
    # Bangladesh's NID and Mexico's NSS after their words
    ("Remitter NID 2391847562.", "2391847562"),
    ("NSS 12345678903, cel. +52 55 1234 5678", "12345678903"),
    # a UPI id at a sentence's end
    ("or pay by UPI to 9840123456@ybl. Purpose: rent", "9840123456@ybl"),
    ("UPI rahul.deshmukh@okicici.", "rahul.deshmukh@okicici"),
    # twelve digits in fours named by the word after them
    ("1234 5678 9012 is my aadhaar", "1234 5678 9012"),
])
def test_identifiers_are_masked(veil: Veil, text: str, value: str) -> None:
    masked = veil.protect(text, session="ids").masked
    assert value not in masked


@pytest.mark.parametrize("text,value", [
    ("address House 12, Street 7, F-8/3, Islamabad.", "House 12, Street 7"),
    ("Room 1203, Unit 2, Building 5, 39 Dongsanhuan Zhonglu", "Room 1203"),
    ("mobile +852 9123 4567, Flat B, 12/F, Tower 3, Quarry Bay", "Flat B, 12/F"),
    ("address 99/12 Moo 4, Sukhumvit Soi 21, Bangkok", "Sukhumvit Soi 21"),
    ("Deliver to: 221, 5th Main, HSR Layout Sector 7, Bengaluru", "HSR Layout Sector 7"),
    ("Plot 15, Adeola Odeku Street, Victoria Island, Lagos", "Adeola Odeku Street"),
    ("Calle 93 # 11-26, Apto 402, Bogota.", "Calle 93 # 11-26"),
    ("address H.No. 12-2-831/A, Mehdipatnam, Hyderabad", "12-2-831/A"),
    ("Blk 12 Lot 7, Mabuhay St., Brgy. San Isidro, Quezon City 1100.", "1100"),
    ("Av. Corrientes 1234, Piso 5, Depto B, C1043AAZ CABA.", "C1043AAZ"),
    ("Av. Insurgentes Sur 1602, Col. Roma, 03940 Ciudad de Mexico.", "03940"),
    ("HP +62 812-3456-7890, Jl. Sudirman No. 45, RT 03", "Jl. Sudirman No. 45"),
])
def test_addresses_written_the_local_way_are_masked(veil: Veil, text: str, value: str) -> None:
    assert value not in veil.protect(text, session="addr").masked


@pytest.mark.parametrize("text,kept", [
    # a check that fails and no word: a lot's, a carton's, a batch's number
    ("Lot 4873 2291 0457 of the resin failed QA.", "4873 2291 0457"),
    ("Carton labels 966889662 were reprinted.", "966889662"),
    ("the traveller F110620495 on BR 87", "F110620495"),
    ("RFC GORM870315KJ9 of the holder", "GORM870315KJ9"),
    ("TIN P0012345678 of the supplier", "P0012345678"),
    ("code 853999937V in the log", "853999937V"),
    # one numbered part alone, a trial's phase, a year after a town, a network card
    ("Meet in Room 204 at noon.", "Room 204"),
    ("Phase 3, Lot 2 of the trial", "Phase 3, Lot 2"),
    ("Windows 10, Build 1903, Version 2004.", "Version 2004"),
    ("Tariff lines: HS 8471.30.00 laptops, HS 0901.21 roasted coffee", "HS 0901.21"),
    ("Intel NIC 82599ES on the host", "82599ES"),
])
def test_numbers_without_check_or_word_stay(veil: Veil, text: str, kept: str) -> None:
    assert kept in veil.protect(text, session="stay").masked


def test_an_itin_needs_its_word_when_its_groups_are_not_written() -> None:
    engine = DetectionEngine(Policy(ner=False))
    assert [d.type for d in engine.analyze("ITIN 966889662")] == ["US_ITIN"]
    assert [d.type for d in engine.analyze("ITIN 966-88-9662")] == ["US_ITIN"]
    assert [d.type for d in engine.analyze("batch 966-88-9662")] == ["US_ITIN"]
    assert engine.analyze("batch 966889662") == []


def test_a_phone_word_keeps_twelve_digits_in_fours_a_phone() -> None:
    engine = DetectionEngine(Policy(ner=False))
    assert [(d.type, d.text) for d in engine.analyze("call 4873 2291 0457")] == [
        ("PHONE", "4873 2291 0457")]
