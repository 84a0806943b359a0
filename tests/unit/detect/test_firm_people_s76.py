"""Surnames joined by "and" after a plural of people ("our founders:", "the partners are")
name those people, not a firm; a partnership elsewhere is still a firm."""

from __future__ import annotations

import pytest

from veil.detect.organizations import ORGANIZATIONS


def _firms(text: str) -> list[str]:
    return [d.text for d in ORGANIZATIONS.analyze(text) if d.type == "ORGANIZATION"]


@pytest.mark.parametrize("text", [
    "The studio is the brainchild of our 3 founders: Okafor, Lindqvist and Moreau.",
    "The partners are Okafor, Lindqvist and Moreau.",
    "Trustees: Okafor, Lindqvist and Moreau",
])
def test_a_list_after_a_plural_of_people_is_no_firm(text: str) -> None:
    assert _firms(text) == []


def test_a_partnership_elsewhere_is_still_a_firm() -> None:
    assert _firms("Please send the contract to Okafor, Lindqvist and Moreau by Friday.") == [
        "Okafor, Lindqvist and Moreau"]
