"""Restoration of the other spellings LLMs write for pseudonyms and synthetic values: initials,
genitives, regrouped numbers, dates in words, last four digits; JSON-escaped streamed tool
arguments. Ambiguous spellings and other sessions' values are never restored."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.linear import assert_linear
from tests.unit.mask.mask_testing import detect
from veil.config import Policy
from veil.mask import Masker, Restorer
from veil.mask.restorer import SessionMatcher, StreamRestorer
from veil.vault.base import VaultEntry

ENTRIES = [
    VaultEntry("PERSON", "Kathleen Brennan", "Kristi Bernard", "pseudonym", 0.0),
    VaultEntry("PHONE", "+1 415-555-0142", "+1 410-209-1580", "synthetic", 0.0),
    VaultEntry("PHONE", "(212) 555-0187", "(263) 362-0213", "synthetic", 0.0),
    VaultEntry("CREDIT_CARD", "4111 1111 1111 1111", "4569 0903 2597 8399", "synthetic", 0.0),
    VaultEntry("US_SSN", "536-22-8726", "020-92-1812", "synthetic", 0.0),
    VaultEntry("DATE_TIME", "2024-03-05", "2025-07-22", "synthetic", 0.0),
    VaultEntry("DATE_OF_BIRTH", "14.06.1978", "22.03.1980", "synthetic", 0.0),
    VaultEntry("LOCATION", '8 rue des Lilas\nApt "B"', "12 Elm Street", "pseudonym", 0.0),
    VaultEntry("PERSON", "Sophie Marchand", "Noël Gießmann", "pseudonym", 0.0),
    VaultEntry("DATE_TIME", "12/09/2023", "10/05/2023", "synthetic", 0.0),
    VaultEntry("IP_ADDRESS", "192.168.1.20", "10.20.30.40", "synthetic", 0.0),
]

# (as the model writes it, as the user should read it)
FORMS = [
    ("K. Bernard", "K. Brennan"),
    ("Kristi B.", "Kathleen B."),
    ("Kristi Bernards Akte", "Kathleen Brennans Akte"),
    ("410-209-1580", "415-555-0142"),
    ("(410) 209-1580", "(415) 555-0142"),
    ("410.209.1580", "415.555.0142"),
    ("+14102091580", "+14155550142"),
    ("+1 (410) 209-1580", "+1 (415) 555-0142"),
    ("+1-410-209-1580", "+1 415-555-0142"),  # separators only: as the user wrote it
    ("263-362-0213", "212-555-0187"),
    ("4569-0903-2597-8399", "4111 1111 1111 1111"),  # separators only: as the user wrote it
    ("4569090325978399", "4111111111111111"),
    ("the card ending in 8399", "the card ending in 1111"),
    ("**** **** **** 8399", "**** **** **** 1111"),
    ("***-**-1812", "***-**-8726"),
    ("July 22, 2025", "March 5, 2024"),
    ("Tuesday, July 22, 2025", "Tuesday, March 5, 2024"),
    ("22 July 2025", "5 March 2024"),
    ("07/22/2025", "03/05/2024"),
    ("22. März 1980", "14. Juni 1978"),
    ("1980-03-22", "1978-06-14"),
    ("10.20.30.40", "192.168.1.20"),
    ("May 10, 2023", "September 12, 2023"),  # "May" is its own abbreviation
    ("mercredi 10 mai 2023", "mardi 12 septembre 2023"),
    ("Noel Giessmann", "Sophie Marchand"),  # accents dropped
    ("Dr. Giessmann", "Dr. Marchand"),
    ("N. Giessmann", "S. Marchand"),
    ("Liebe Noël,", "Liebe Sophie,"),
]


def _matcher(entries: list[VaultEntry] = ENTRIES) -> SessionMatcher:
    return SessionMatcher.build(entries)


def _stream(m: SessionMatcher, chunks: list[str], **kw: bool) -> str:
    s = StreamRestorer(m)
    if kw.get("json"):
        s = s.for_json()
    return "".join(s.feed(c) for c in chunks) + s.flush()


@pytest.mark.parametrize(("written", "expected"), FORMS)
def test_other_spellings_restore_whole_and_streamed(written: str, expected: str) -> None:
    m = _matcher()
    text = f"Update: {written}. Thanks."
    want = f"Update: {expected}. Thanks."
    assert m.restore(text) == want
    assert _stream(m, list(text)) == want
    for i in range(1, len(text)):  # split in two at every position
        assert _stream(m, [text[:i], text[i:]]) == want


@pytest.mark.parametrize("prose", [
    "Room 8399 is free.", "Call 555-0100 ext. 12.", "Order 4102091581 shipped.",
    "In July 2025 we met.", "Bernardson agreed.", "K. Bernardi called.", "22 July 2024",
    "ending in 8398", "a card ending in 8399x",
    "10.203.0.40",  # the digits of an address regrouped are another address
])
def test_prose_near_a_spelling_stays(prose: str) -> None:
    m = _matcher()
    assert m.restore(prose) == prose
    assert _stream(m, list(prose)) == prose


def test_a_spelling_two_values_share_restores_neither() -> None:
    two_cards = [
        VaultEntry("CREDIT_CARD", "4111 1111 1111 1111", "4569 0903 2597 8399", "synthetic", 0.0),
        VaultEntry("CREDIT_CARD", "5500 0000 0000 0004", "5105 1051 0510 8399", "synthetic", 0.0),
        VaultEntry("PERSON", "Kathleen Brennan", "Kristi Bernard", "pseudonym", 0.0),
        VaultEntry("PERSON", "Tom Walsh", "Karl Bernard", "pseudonym", 0.0),
    ]
    m = _matcher(two_cards)
    for text in ("the card ending in 8399", "**** 8399", "K. Bernard", "Bernard"):
        assert m.restore(text) == text
    # each whole replacement still restores to its own original
    assert m.restore("Kristi Bernard, Karl Bernard") == "Kathleen Brennan, Tom Walsh"
    assert m.restore("Kristi B.") == "Kathleen B."


def test_spellings_of_another_session_or_request_never_restore(vault, tenant) -> None:
    masker = Masker(vault, Policy(default_operator="synthetic"))
    r = Restorer(vault)
    a = "Card 4111 1111 1111 1111, phone +1 415-555-0142, paid 2024-03-05."
    items = [("CREDIT_CARD", "4111 1111 1111 1111"), ("PHONE", "+1 415-555-0142"),
             ("DATE_TIME", "2024-03-05")]
    res = masker.mask(a, detect(a, items), tenant=tenant, session="a")
    card, phone, day = (e.replacement for e in res.entities)
    digits = "".join(c for c in phone if c.isdigit())
    answer = (f"Ending in {card[-4:]}; call ({digits[1:4]}) {digits[4:7]}-{digits[7:]}; "
              f"{card.replace(' ', '-')}.")
    b = "Ask Tom."
    res_b = masker.mask(b, detect(b, [("PERSON", "Tom")]), tenant=tenant, session="b")
    scope_b = frozenset(e.replacement for e in res_b.entities)
    for sess, scope in (("b", scope_b), ("a", scope_b)):
        out = r.restore(answer, tenant=tenant, session=sess, scope=scope)
        assert out == answer
        # (the originals as the answer would spell them; their pieces alone, "1111" or
        # "555", may stand in a random synthetic card or phone)
        assert "4111 1111 1111 1111" not in out and "(415) 555-0142" not in out
    own = r.restore(answer, tenant=tenant, session="a",
                    scope=frozenset(e.replacement for e in res.entities))
    assert own == "Ending in 1111; call (415) 555-0142; 4111 1111 1111 1111."
    assert day not in r.restore(day, tenant=tenant, session="a")


def test_streamed_json_arguments_stay_valid_json() -> None:
    m = _matcher()
    raw = json.dumps({"to": "12 Elm Street", "note": "see 12 Elm Street"})
    for chunks in (list(raw), [raw[:9], raw[9:30], raw[30:]]):
        out = _stream(m, chunks, json=True)
        assert json.loads(out) == {"to": '8 rue des Lilas\nApt "B"',
                                   "note": 'see 8 rue des Lilas\nApt "B"'}
    # a replacement left alone is not escaped again
    kept = json.dumps({"to": "[PERSON_9]", "n": "a\\nb"})
    assert json.loads(_stream(m, list(kept), json=True)) == json.loads(kept)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_streamed_json_with_escaped_letters_restores_in_any_chunking(data: st.DataObject) -> None:
    m = _matcher()
    # a serialiser's ensure_ascii writes "Noël" as "No\u00ebl"; an escaped backslash before
    # "u00eb" is text, and stays
    value = {"to": "Noël Gießmann", "cc": "Noel Giessmann", "t": "\\u00eb \\", "k": "Ké"}
    raw = json.dumps(value)
    cuts = sorted(data.draw(st.sets(st.integers(1, len(raw) - 1), max_size=12)))
    chunks = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    assert json.loads(_stream(m, chunks, json=True)) == {
        "to": "Sophie Marchand", "cc": "Sophie Marchand", "t": value["t"], "k": "Ké"}


@pytest.mark.parametrize("unit", [
    "ending in 839", "**** ", "4569 0903 ", "K. Bern", "July 22, 202", "Bernard"])
def test_hostile_repetition_stays_linear(unit: str) -> None:
    m = _matcher()

    def restore(text: str) -> None:
        m.restore(text)
        s = StreamRestorer(m)
        for i in range(0, len(text), 4096):
            s.feed(text[i:i + 4096])
            assert s.held <= m.max_len
        s.flush()

    assert_linear(restore, unit, 100_000 // len(unit))


@pytest.mark.parametrize("unit", ["\\", "\\u00e", "(410) 209-158", "+1 "])
def test_hostile_streamed_json_stays_linear(unit: str) -> None:  # and regrouped digits
    m = _matcher()

    def restore(text: str) -> None:
        s = StreamRestorer(m).for_json()
        out = "".join(s.feed(text[i:i + 4096]) for i in range(0, len(text), 4096)) + s.flush()
        assert len(out) >= len(text) - 6

    assert_linear(restore, unit, 100_000 // len(unit))


_PIECES = [w for w, _ in FORMS] + ["Kristi Bernard", "Bernard", "the", " ", ", ", "\n", "8399",
                                   "(", ")", "."]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_stream_equals_whole_for_the_new_spellings(data: st.DataObject) -> None:
    m = _matcher()
    text = "".join(data.draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12)))
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=8)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    s = StreamRestorer(m)
    out = []
    for c in chunks:
        out.append(s.feed(c))
        assert s.held <= m.max_len
    assert "".join(out) + s.flush() == m.restore(text)
