"""Names joined into one token (a file's name, a slug, an identifier) are found; words joined
so that are no names ("rose-garden", "first_name") are not."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.joined_names import AIRLINE_NAME, JOINED_NAMES
from veil.detect.patterns import shared_matches

from .scans import assert_anchored_equals_full


@pytest.mark.parametrize(("text", "names"), [
    ("Please review Jane_Doe_resume.pdf before the interview.", ["Jane_Doe"]),
    ("attached: john-smith-passport-scan.jpg", ["john-smith"]),
    ("see JaneDoeCV.docx and smith_john_2024.xlsx", ["JaneDoe", "smith_john"]),
    ("Mary-Ann_Smith_lease_signed.pdf is attached", ["Mary-Ann_Smith"]),
    ("git checkout feature/john-doe-login", ["john-doe"]),
    ("scan: JOHN_SMITH_ID.PNG", ["JOHN_SMITH"]),
])
def test_a_name_joined_into_a_token_is_a_person(text: str, names: list[str]) -> None:
    found = JOINED_NAMES.analyze(text)
    assert [(d.type, d.text) for d in found] == [("PERSON", n) for n in names]
    assert all(text[d.start:d.end] == d.text for d in found)
    assert not JOINED_NAMES.idle(text)


@pytest.mark.parametrize("text", [
    "the rose-garden photo and march_report.pdf",
    "use first_name and last_name columns",
    "the file is called final-draft-v2.docx",
    "a well-known long-term plan",
    "may_june_figures.xlsx",  # given names that are words too
    "jane.doe",  # no joiner this recognizer reads (an address's or a login's)
    "Teun Wright from Cole-Garcia says",  # capitalised words in prose: the models' to read
    "",
])
def test_joined_words_that_are_no_name(text: str) -> None:
    assert JOINED_NAMES.analyze(text) == []


def test_no_hint_no_reading() -> None:
    assert JOINED_NAMES.idle("Jane Doe sent the report")


def test_masked_and_restored(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path, master_key=base64.b64encode(b"j" * 32).decode()),
             policy=Policy(ner_backend="learned"))
    text = "Please review Jane_Doe_resume.pdf and john-smith-passport-scan.jpg"
    masked = v.protect(text, session="s").masked
    assert "Jane" not in masked and "Doe" not in masked and "smith" not in masked
    assert masked.endswith("-passport-scan.jpg")
    assert v.restore(masked, session="s") == text


@pytest.mark.parametrize(("text", "name"), [
    ("passenger KOWALSKI/ANNA MS seat 12A", "KOWALSKI/ANNA MS"),
    ("SMITH/JOHN MR", "SMITH/JOHN MR"),
    ("NGUYEN/THI LAN MRS", "NGUYEN/THI LAN MRS"),
    ("GARCIA/MARIA ELENA", "GARCIA/MARIA ELENA"),
])
def test_a_travellers_name_as_airlines_write_it(text: str, name: str) -> None:
    with shared_matches():
        assert [(d.type, d.text) for d in AIRLINE_NAME.analyze(text)] == [("PERSON", name)]


@pytest.mark.parametrize("text", [
    "use TCP/IP and AND/OR", "AC/DC tour", "I/O error, N/A", "https://x.com/a/b",
    "MILLER/WILL",  # a given name that is a word too, no title
    "UX/UI DESIGN",
])
def test_capitals_around_a_slash_that_are_no_name(text: str) -> None:
    with shared_matches():
        assert AIRLINE_NAME.analyze(text) == []


def test_the_scan_from_slashes_equals_the_full_scan() -> None:
    pieces = ("KOWALSKI/ANNA", " MS", " MR", "SMITH", "/", "JOHN", "TCP/IP", " ", "x", "a/b",
              "O'BRIEN/MARY", "-", "NGUYEN/THI LAN", "12A")
    for scan, _score, _check in AIRLINE_NAME._compiled:
        assert_anchored_equals_full(scan, pieces, ("", " ", "/", "\n"), seed=5, least=10)
