"""Lower case that keeps every offset: what a case-insensitive regex would match, at the same
positions, or None when lower case would move them."""

from __future__ import annotations

import re

import pytest

from veil.casefold import fold_case, lower_in_place


@pytest.mark.parametrize("text", ["Hauptstraße 5", "RUE DE LA PAIX", "ſtrasse", "PASSWORD=x",
                                  "Kelvin \u212a", "dotless ı", "ÉCOLE Ωmega"])
def test_lower_case_keeps_offsets_and_finds_what_ignorecase_finds(text: str) -> None:
    low = lower_in_place(text)
    assert low is not None and len(low) == len(text)
    for word in ("strasse", "straße", "rue", "password", "k", "i", "école"):
        ignorecase = [m.start() for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
        assert [m.start() for m in re.finditer(re.escape(word), low)] == ignorecase, word


def test_a_letter_whose_lower_case_is_longer_gives_none() -> None:
    assert lower_in_place("İstanbul 5") is None
    assert fold_case("İstanbul") == "İstanbul"  # the key keeps the letter instead
    assert fold_case("JANE Doe") == "jane doe"
