"""The people of a message's headers: an e-mail's From/To/Cc block, an invitation's attendees,
a directory entry's common name."""

from __future__ import annotations

import pytest

from veil.detect.header_names import HEADER_NAMES


def _found(text: str) -> list[str]:
    return [d.text for d in HEADER_NAMES.analyze(text)]


@pytest.mark.parametrize(("text", "names"), [
    # Outlook's quoted header: surname first, entries split by ";"
    ("-----Original Message-----\nFrom: Blackwood, Horatio\nSent: Monday, 3 June 2024 14:02\n"
     "To: Sommerfeld, Greta; Jane Doe <jane@example.org>\nSubject: RE: tenancy",
     ["Blackwood, Horatio", "Sommerfeld, Greta", "Jane Doe"]),
    # addresses after names, split by ","; a team's entry is none
    ('From: "Marisol Penhaligon" <m.p@example.org>\nTo: HR Team <hr@example.org>, Okoro Banks '
     "<ob@example.org>\nSubject: leave", ["Marisol Penhaligon", "Okoro Banks"]),
    # German and quoted with ">"
    ("> Von: Müller, Jürgen\n> Gesendet: Montag\n> An: Weiß, Anna-Lena",
     ["Müller, Jürgen", "Weiß, Anna-Lena"]),
    # iCalendar and LDAP
    ("BEGIN:VEVENT\nATTENDEE;CN=Saskia Vollmer;ROLE=REQ-PARTICIPANT:mailto:s@example.de\n"
     "ORGANIZER;CN=Lorcan Byrne:mailto:l@example.ie\nEND:VEVENT",
     ["Saskia Vollmer", "Lorcan Byrne"]),
    ("dn: CN=Jane Doe,OU=Staff,DC=corp,DC=example", ["Jane Doe"]),
    ("From: Priya\nTo: Kowalski\nSubject: hi", ["Priya", "Kowalski"]),  # known names alone
])
def test_a_headers_people_are_found(text: str, names: list[str]) -> None:
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "Dear Sir,\nTo: Paris, France\nthanks",  # one "To:" line in a letter is no header block
    "From: Support Team <support@example.com>\nTo: IT Helpdesk\nSubject: ticket",
    "CN=Users,DC=corp and CN=svc-backup,OU=Service",  # containers and accounts
    "Subject: Q3 numbers\nDate: Monday",  # no people's keys
    "To: Management\nFrom: Facilities\nDate: Monday",  # one word that is no name
])
def test_what_names_no_person_stays(text: str) -> None:
    assert _found(text) == []
