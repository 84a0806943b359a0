"""The restorer tries its placeholder pattern only where ``TypeNames.token_starts`` says a
placeholder may begin: that list must hold every position the pattern matches at, so that
restoring finds exactly what a search of every position found."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil.mask import placeholders
from veil.mask.placeholders import BASE_TYPES, TypeNames, token_regex
from veil.mask.restorer import SessionMatcher
from veil.vault.base import VaultEntry

_NAMES = TypeNames.of(BASE_TYPES | {"PERSON", "EMAIL", "IBAN", "CUSTOMER_ID"})

# pieces a placeholder is made of, their variants, and the text around them
_PIECES = [
    "[", "]", "(", ")", "<<", ">>", "{{", "\\[", "\\_", "\\]", "**", "_", "`", "~", " ", "  ",
    "\t", "\n", "-", "#", "no.", "No ", "'s", "’s", ".", ",",
    "PERSON", "person", "Person", "PER", "NAME", "name", "Email", "EMAIL_ADDRESS", "e-mail",
    "IBAN", "iban_code", "CUSTOMER", "customer id", "ID", "US_SSN", "ip", "ship", "super",
    "_FIRST", "_last", "ALT2",
    "1", "2", "07", "12345", "\u0663",  # an Arabic-Indic digit
    "a", "x", "é", "ü", "中", "’", "—", "\u017f", "\u212a", "\u0130", "\u0131", "ß",
]


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.lower(), word.title(), word.upper()])


@st.composite
def _placeholder(draw: st.DrawFn) -> str:
    """A placeholder as an LLM may rewrite it: each piece at its widest as often as not."""
    pick = draw
    opening = pick(st.sampled_from(["", "[", "[[", "\\[", "(", "<<", "{{", "{"]))
    spaces = [pick(st.sampled_from(["", " ", "  ", "   ", "\t"])) for _ in range(3)]
    markdown = [pick(st.sampled_from(["", "*", "**", "***", "_", "`", "~~"])) for _ in range(2)]
    spelled = pick(st.sampled_from(sorted(_NAMES.spellings)))
    words = [pick(_cased(w)) for w in spelled.split("_")]
    joiner = pick(st.sampled_from(["_", " ", "-", "\\_", "  "]))
    sep = pick(st.sampled_from(["_", " ", "-", " #", " no. ", "_No", "\\_"]))
    number = pick(st.sampled_from(["1", "12", "007", "1234", "\u0663"]))
    closing = pick(st.sampled_from(["", "]", "]]", "\\]", ")", ">>", "}}", "'s", "’s"]))
    return (opening + spaces[0] + markdown[0] + spaces[1] + joiner.join(words) + sep + number
            + spaces[2] + markdown[1] + closing)


def _texts() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_PIECES), _placeholder())
    return st.lists(piece, max_size=30).map("".join)


def _every_match_start(pattern: regex.Pattern[str], text: str, start: int) -> list[int]:
    return [s for s in range(start, len(text) + 1)
            if pattern.match(text, s, concurrent=False) is not None]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), start=st.integers(0, 8))
def test_every_match_starts_where_it_says(text: str, start: int) -> None:
    start = min(start, len(text))
    starts = _NAMES.token_starts(text, start)
    matched = _every_match_start(token_regex(_NAMES), text, start)
    if starts is None:  # it could not tell: the restorer searches every position
        assert len(text.lower()) != len(text) or "\u017f" in text
        return
    assert starts == sorted(set(starts))
    assert all(s >= start for s in starts)
    assert set(matched) <= set(starts)


def _matcher() -> SessionMatcher:
    entries = [
        VaultEntry("PERSON", "Jane Doe", "[PERSON_1]", "placeholder", 0.0),
        VaultEntry("EMAIL", "jane@example.org", "[EMAIL_1]", "placeholder", 0.0),
        VaultEntry("CUSTOMER_ID", "C-99812", "[CUSTOMER_ID_12]", "placeholder", 0.0),
        VaultEntry("IBAN", "DE89370400440532013000", "Leonard Hofstadter", "pseudonym", 0.0),
    ]
    return SessionMatcher.build(entries, ["CUSTOMER_ID"])


def _found(matcher: SessionMatcher, text: str, start: int) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matcher._matches(text, start)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), start=st.integers(0, 4))
def test_restoring_finds_what_a_search_of_every_position_found(text: str, start: int) -> None:
    start = min(start, len(text))
    matcher = _matcher()
    fast, restored = _found(matcher, text, start), matcher.restore(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(TypeNames, "token_starts", lambda self, text, start=0: None)
        assert _found(matcher, text, start) == fast
        assert matcher.restore(text) == restored


def test_restores_placeholders_around_look_alike_prose() -> None:
    matcher = _matcher()
    text = ("Per our call, [person_1]'s ship 1 left; write to **EMAIL_1** or \\[PERSON\\_1\\]; "
            "customer id 12 is [Customer ID #12], super_1 is no one.")
    assert matcher.restore(text) == (
        "Per our call, Jane Doe's ship 1 left; write to **jane@example.org** or "
        "Jane Doe; customer id 12 is C-99812, super_1 is no one.")


def test_a_text_lower_case_does_not_line_up_with_is_searched_everywhere() -> None:
    # the dotted capital I lower-cases to two characters; the long s is an "s" to the
    # pattern but not to str.lower
    assert _NAMES.token_starts("\u0130 [PERSON_1]") is None
    assert _NAMES.token_starts("[PER\u017fON_1]") is None
    starts = _NAMES.token_starts("caf\u00e9 [PERSON_1]")
    assert starts is not None and {5, 6} <= set(starts) and max(starts) == 6
    assert _NAMES.token_starts("nothing to restore here") == []


def test_lower_case_reads_as_the_patterns_case_insensitive_matching() -> None:
    # every character regex's case-insensitive matching equates with an ASCII letter either
    # lower-cases to that letter, changes length (the text is then searched everywhere), or
    # is listed as a miss
    ascii_letter = regex.compile("[a-z]", regex.IGNORECASE | regex.V0)
    for cp in range(128, sys.maxunicode + 1):
        c = chr(cp)
        if ascii_letter.match(c):
            letters = [x for x in "abcdefghijklmnopqrstuvwxyz"
                       if regex.match(x, c, regex.IGNORECASE | regex.V0)]
            low = c.lower()
            assert low in letters or len(low) != 1 or c in placeholders._LOWER_MISSES, hex(cp)


# A stream asks at each word start of its last characters whether a placeholder may begin
# there and run past the text's end (``fullmatch(partial=True)``); ``TypeNames.may_open``
# answers no first where a word is no prefix of a type, and must never say no wrongly.

@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), cut=st.integers(0, 40))
def test_may_open_says_no_only_where_no_placeholder_can_begin(text: str, cut: int) -> None:
    text = text[: max(0, len(text) - cut)]  # a stream's text ends anywhere
    pattern = token_regex(_NAMES)
    for p in range(len(text) + 1):
        if not _NAMES.may_open(text, p):
            assert pattern.fullmatch(text, p, partial=True, concurrent=False) is None, (text, p)


def test_may_open_at_every_prefix_of_placeholders_and_prose() -> None:
    pattern = token_regex(_NAMES)
    texts = ["[PERSON_1]'s", "\\[EMAIL\\_ADDRESS\\_12\\]", "**Customer ID no. 7**",
             "{{iban_code #3}}", "person1", "PERSONno12", "(Email-Address 4)",
             "the shipment was delayed in Lisbon", "phone +1 415", "persona non grata"]
    said_no = 0
    for t in texts:
        for end in range(len(t) + 1):
            for p in range(end + 1):
                if not _NAMES.may_open(t[:end], p):
                    said_no += 1
                    assert pattern.fullmatch(t[:end], p, partial=True,
                                             concurrent=False) is None, (t[:end], p)
    assert said_no > 500  # it does rule out most positions of prose


def test_may_open_leaves_other_scripts_to_the_pattern() -> None:
    # the long s is an "s" and U+212A a "K" to regex's case-insensitive matching
    assert _NAMES.may_open("[PER\u017fON", 0)
    assert _NAMES.may_open("\u212aEY", 0)
    assert _NAMES.may_open("PERSON_\u0663", 0)
    assert not _NAMES.may_open("shipment ", 0)
    assert not _NAMES.may_open("[. PERSON", 0)
    assert _NAMES.may_open("[ **", 0)  # an opening alone: the type may follow


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts(), lo=st.integers(0, 6), first=st.sets(st.sampled_from(
    list("[(<{\\*_`~ -.pPeEiI0123é中") + ["\u017f"]), max_size=12))
def test_the_starts_a_stream_tries_are_the_reference_starts_at_its_first_characters(
        text: str, lo: int, first: set[str]) -> None:
    from veil.mask.restorer import _MAY_START, _may_start

    lo = min(lo, len(text))
    reference = [m.start() for m in _MAY_START.finditer(text, lo) if text[m.start()] in first]
    assert list(_may_start(text, lo, len(text), frozenset(first))) == reference
