"""The learned model's ORGANIZATION or LOCATION that is a person's given name is typed PERSON
(the spaCy backend's rule for its ORG, and a place's one word that no list holds as a place);
places and firms keep their types."""

from __future__ import annotations

import pytest

from veil.detect.learned import model_spans


def _typed(text: str, value: str, label: str) -> list[tuple[str, str]]:
    s = text.index(value)
    return [(text[a:b], lab) for a, b, lab, _ in
            model_spans(text, 0, len(text), [(s, s + len(value), label, 0.9)])]


@pytest.mark.parametrize("text,value,label", [
    ("Brittney, could you send me the minutes?", "Brittney", "ORGANIZATION"),
    ("The true gender of Palmira has been under debate for years.", "Palmira", "LOCATION"),
    ("It is a long way to walk, said Keijo quietly.", "Keijo", "LOCATION"),
    ("Please forward this to Vivien Okafor today.", "Vivien Okafor", "ORGANIZATION"),
])
def test_a_given_name_the_model_typed_otherwise_is_a_person(text: str, value: str,
                                                            label: str) -> None:
    assert _typed(text, value, label) == [(value, "PERSON")]


@pytest.mark.parametrize("text,value,label", [
    ("We moved to Keijo last spring.", "Keijo", "LOCATION"),  # after a word of moving
    ("Our flight lands in Lima at noon.", "Lima", "LOCATION"),  # a listed place
    ("Ask the team in Victoria about it.", "Victoria", "LOCATION"),  # a place and a name
    ("She joined Northwind Holdings last year.", "Northwind Holdings", "ORGANIZATION"),
    ("He banks with Brittney Savings Bank.", "Brittney Savings Bank", "ORGANIZATION"),
])
def test_places_and_firms_keep_their_types(text: str, value: str, label: str) -> None:
    assert _typed(text, value, label) == [(value, label)]
