"""Structural ORGANIZATION rules: legal forms, institution head nouns, surname partnerships.
No model is loaded: the recognizer reads the text's shape only."""

from __future__ import annotations

import pytest

from veil.detect.organizations import ORGANIZATIONS


def orgs(text: str) -> list[str]:
    return [d.text for d in ORGANIZATIONS.analyze(text)]


@pytest.mark.parametrize(("text", "org"), [
    ("Celebrating its 10th year, OptiNose Inc. is a charity.", "OptiNose Inc."),
    ("Kind regards, Frid & Nilsson AB", "Frid & Nilsson AB"),
    ("The firm HSBC HOLDINGS PLC said no.", "HSBC HOLDINGS PLC"),
    ("Trommler e.V. wrote back", "Trommler e.V."),
    ("AFC Ajax NV is a design agency", "AFC Ajax NV"),
    ("Write to Smith, Jones & Partners LLP today", "Jones & Partners LLP"),
    ("She works at Antero Midstream Corporation in Denver.", "Antero Midstream Corporation"),
    ("Kind regards, Fitzgerald Group", "Fitzgerald Group"),
    ("He joins Randall and Sons next week", "Randall and Sons"),
    ("Admitted to Mercy General Hospital last night", "Mercy General Hospital"),
    ("She studied at the University of Leeds.", "University of Leeds"),
    ("Wire it to Bank of Ireland.", "Bank of Ireland"),
    ("Follow up at Mackesey, Reen and McCurley in Soria.", "Mackesey, Reen and McCurley"),
])
def test_finds_organisations_by_shape(text: str, org: str) -> None:
    assert org in orgs(text)


@pytest.mark.parametrize("text", [
    "Cocci and Rios were precision engineers.",  # two people, not "Cocci & Rios"
    "Anna, Ben and Carl went home.",  # given names: people
    "Action & Adventure, Comedy, Kids & Family, Mystery & Suspense",  # no surnames
    "Ship it to 913 Fourth Avenue, Calgary AB",  # a province code ending an address
    "Denver CO 80202",
    "the meeting is in the afternoon; no names here",
    "The Department of Health issued guidance.",  # no institution rule for offices
])
def test_no_organisation_without_its_shape(text: str) -> None:
    assert orgs(text) == []


def test_sentence_words_are_not_part_of_the_name() -> None:
    # shorter readings inside the name may come too; the engine keeps the longest
    found = orgs("The AEON REIT Investment Corporation Orchestra")
    assert max(found, key=len) == "AEON REIT Investment Corporation"
    assert orgs("Contact Acme Widgets Ltd. for a quote") == ["Acme Widgets Ltd."]


def test_a_person_before_of_stays_a_person() -> None:
    assert orgs("including Daniel Andreasen of SJW Group, and others") == ["SJW Group"]
