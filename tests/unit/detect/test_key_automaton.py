"""The automaton of term databases and seen values (veil.detect.terms.KeyAutomaton)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect.terms import KeyAutomaton


def _reference(keys: list[str], hay: str) -> list[tuple[int, int, str]]:
    """By definition: every occurrence, by end and, at one end, the longest key first."""
    found = [(s, s + len(k), k) for k in set(keys) if k
             for s in range(len(hay) - len(k) + 1) if hay.startswith(k, s)]
    return sorted(found, key=lambda o: (o[1], o[0]))


def test_overlapping_keys_are_all_found_in_characters() -> None:
    auto = KeyAutomaton(["jean", "jean-luc", "luc", "é"])
    hay = "😀é jean-luc"
    assert auto.occurrences(hay) == [(1, 2, "é"), (3, 7, "jean"), (3, 11, "jean-luc"),
                                     (8, 11, "luc")]
    assert len(auto) == 4


def test_no_keys_find_nothing() -> None:
    auto = KeyAutomaton([])
    assert len(auto) == 0
    assert auto.occurrences("anything") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abé😀 -", min_size=1, max_size=4), max_size=8),
       st.text(alphabet="abé😀 -x", max_size=40))
def test_occurrences_are_those_of_the_definition(keys: list[str], hay: str) -> None:
    assert KeyAutomaton(keys).occurrences(hay) == _reference(keys, hay)
