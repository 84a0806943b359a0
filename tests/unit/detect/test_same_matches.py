"""Rules rewritten to read less of a text must find exactly what the plain regex finds: a
company's name searched only before its legal form, a surname in capitals only where a run of
capitals starts, month names as prefix trees, the titles' lookahead read case-insensitively."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect import dates, european_dates, gazetteer, particle_names

_ORG_BITS = ["Acme", "Jones", "Müller", "AB", "ACME", "&", "und", "y", "et", "e", "and", "Inc",
             "Inc.", "Ltd", "GmbH", "GmbH & Co. KG", "S.A.", "SA", "SL", "plc", "PLC", "LLC",
             "Corp.", "Income", "SELECT", "(", ".", "x", "the", "De-Vries", "é", "1"]
_GAPS = [" ", "", ", ", "\n", "  ", "\t"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ORG_BITS), st.sampled_from(_GAPS)), max_size=30))
def test_company_names_found_before_their_legal_form_only_are_the_regex_matches(
        parts: list[tuple[str, str]]) -> None:
    text = "".join(a + b for a, b in parts)
    assert [m.span("v") for m in gazetteer._org_matches(text)] == \
        [m.span("v") for m in gazetteer._ORG.finditer(text)]


def test_a_company_on_a_later_line_and_after_a_word_that_goes_on_is_found() -> None:
    text = "Income from Acme Ltd and\nBrown & Sons GmbH, SELECT x"
    assert [m.group("v") for m in gazetteer._org_matches(text)] == \
        ["Acme Ltd", "Brown & Sons GmbH"]


_CAPS_BITS = ["DUPONT", "DUPONT-MOREAU", "MÜLLER", "Sébastien", "Anna", "ABC", "ABCD", "xYZWV",
              "O'NEIL", "-", "'", "é", "1", "ŁUKASZ", "Žofie"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CAPS_BITS), st.sampled_from(_GAPS)), max_size=20))
def test_surnames_in_capitals_found_where_a_run_starts_are_the_regex_matches(
        parts: list[tuple[str, str]]) -> None:
    text = "".join(a + b for a, b in parts)
    assert [m.span() for m in particle_names._caps_first(text)] == \
        [m.span() for m in particle_names._CAPS_FIRST.finditer(text)]


def _flat(names: list[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                      + r")(?P<rest>\w*)", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(dates._MONTH_NAMES) + sorted(european_dates._MONTH_OF)),
       st.sampled_from(["", "s", "ie", "a", ".", " 2024", "uuta"]),
       st.sampled_from([str.lower, str.upper, str.title]))
def test_month_trees_match_as_the_longest_first_alternations(name: str, tail: str,
                                                             case: object) -> None:
    assert callable(case)
    word = case(name + tail)
    for tree, names in ((dates._MONTH, list(dates._MONTH_NAMES)),
                        (european_dates._MONTH, list(european_dates._MONTH_OF))):
        got = re.compile(tree + r"(?P<rest>\w*)", re.IGNORECASE).match(word)
        want = _flat(names).match(word)
        assert (got and got.span("rest")) == (want and want.span("rest"))
