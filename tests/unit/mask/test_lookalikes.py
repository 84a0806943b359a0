"""Typed text that looks like a replacement comes back exactly as typed, never as a value."""

from __future__ import annotations

import base64
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.mask.mask_testing import detect
from veil.config import EntityRule, Policy, Settings
from veil.detect.entity import Detection
from veil.errors import PolicyError
from veil.mask import LITERAL, Masker, Restorer, find_lookalikes
from veil.mask.alterations import PLACEHOLDER_ALTERATIONS
from veil.mask.placeholders import BASE_TYPES, OPEN, TYPE_ALIASES
from veil.vault import open_vault

T = "acme"
VALUES = [("US_SSN", "536-22-8726"), ("PERSON", "Jane Doe"), ("EMAIL", "jane@x.org"),
          ("CREDIT_CARD", "4111 1111 1111 1111"), ("PHONE", "+1 415-555-2671")]


def scope_of(res) -> frozenset[str]:
    return frozenset(e.replacement for e in res.entities)


def test_the_reported_case_round_trips_as_typed(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    text = "Keep the token [SSN_1] as is. SSN 536-22-8726."
    res = m.mask(text, detect(text, [("US_SSN", "536-22-8726")]), tenant=T, session="rep")
    assert res.masked == "Keep the token [LITERAL_1] as is. SSN [US_SSN_1]."
    assert [e.type for e in res.entities] == [LITERAL, "US_SSN"]
    # the upstream echoes the text: each token comes back as it was typed
    assert restorer.restore(res.masked, tenant=T, session="rep", scope=scope_of(res)) == text
    assert restorer.restore(res.masked, tenant=T, session="rep") == text


@pytest.mark.parametrize("kind", sorted(PLACEHOLDER_ALTERATIONS))
@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_every_tolerated_variant_typed_by_a_caller_is_escaped(make_masker, restorer, kind,
                                                               op) -> None:
    """Whatever the restorer would restore for a session value, typed, comes back as typed."""
    m = make_masker(op)
    session = f"kinds-{op}"
    for etype, value in VALUES:
        ph = f"[{etype}_1]"
        typed, _ = PLACEHOLDER_ALTERATIONS[kind](ph, value)
        text = f"Token {typed} and the value {value}."
        res = m.mask(text, detect(text, [(etype, value)]), tenant=T, session=session)
        assert value not in res.masked
        back = restorer.restore(res.masked, tenant=T, session=session, scope=scope_of(res),
                                invented="neutral")
        assert back == text, kind


def test_lookalikes_of_every_known_type_and_alias_are_found() -> None:
    for t in sorted(BASE_TYPES):
        for spelling in (t, *TYPE_ALIASES.get(t, ())):
            for typed in (f"[{spelling}_3]", f"{spelling}_3", f"({spelling.lower()}_3)",
                          f"[**{spelling}_3**]", f"[ {spelling} 3 ]", f"\\[{spelling}\\_3\\]"):
                assert find_lookalikes(f"x {typed} y") != [], typed
    # prose and code that only resemble one stay untouched
    for prose in ("Ask person 1 and person 2.", "utf_8 and x_1", "PERSONAL_1",
                  "no digits [PERSON]"):
        assert find_lookalikes(prose) == [], prose
    # a session's own types count too
    assert find_lookalikes("[PROJECT_CODE_2]") == []
    assert find_lookalikes("[PROJECT_CODE_2]", {"PROJECT_CODE"}) == [(0, 16)]


def test_context_cannot_turn_typed_text_into_a_token(make_masker, restorer) -> None:
    """A look-alike next to a value that masking replaces (whose neighbours change) stays."""
    m = make_masker("placeholder")
    for text, items in [
        ("PERSON_1PERSON_1 and Jane Doe", [("PERSON", "Jane Doe")]),
        ("call PERSON_15552671 now", [("PHONE", "5552671")]),
        ("SUPERPERSON_1 is Jane Doe", [("PERSON", "Jane Doe")]),
        ("[[SSN_1]] 536-22-8726", [("US_SSN", "536-22-8726")]),
    ]:
        res = m.mask(text, detect(text, items), tenant=T, session="ctx")
        for _, value in items:
            assert value not in res.masked
        assert restorer.restore(res.masked, tenant=T, session="ctx", scope=scope_of(res),
                                invented="neutral") == text


def test_a_detection_cannot_split_a_lookalike(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    text = "Dr. PERSON_1 Smith wrote"
    # an NER span reaching into the look-alike is trimmed to the text outside it
    dets = [Detection("PERSON", 0, 18, 0.8, "ner", text[0:18])]
    res = m.mask(text, dets, tenant=T, session="split")
    assert res.masked == "[PERSON_1] [LITERAL_1] [PERSON_2] wrote"
    assert restorer.restore(res.masked, tenant=T, session="split", scope=scope_of(res)) == text
    # a detection inside a look-alike is dropped; a seen-value LITERAL detection is ignored
    text = "[EMAIL_1] is mine"
    dets = [Detection("EMAIL", 1, 8, 0.9, "x", "EMAIL_1")]
    res = m.mask(text, dets, tenant=T, session="split2")
    assert res.masked == "[LITERAL_1] is mine"
    assert [e.type for e in res.entities] == [LITERAL]


def test_a_value_whose_number_a_placeholder_replaces_is_masked_whole(make_masker,
                                                                     restorer) -> None:
    """"(SSN 536-22-8726)" reads as a look-alike "(SSN 536" only until the value is masked:
    the upstream sees "(SSN [US_SSN_1])", the words and the whole value's placeholder."""
    m = make_masker("placeholder")
    for i, (text, value, masked) in enumerate([
        ("Patient (SSN 536-22-8726) was seen", "536-22-8726",
         "Patient (SSN [US_SSN_1]) was seen"),
        ("paid with (card 4111 1111 1111 1111)", "4111 1111 1111 1111",
         "paid with (card [CREDIT_CARD_1])"),
        ("[SSN 536228726] and [SSN_1]", "536228726", "[SSN [US_SSN_1]] and [LITERAL_1]"),
    ]):
        etype = "CREDIT_CARD" if "card" in text else "US_SSN"
        res = m.mask(text, detect(text, [(etype, value)]), tenant=T, session=f"whole-{i}")
        assert res.masked == masked
        assert [text[e.start:e.end] for e in res.entities if e.type == etype] == [value]
        for mode in ("keep", "neutral"):
            assert restorer.restore(res.masked, tenant=T, session=f"whole-{i}",
                                    scope=scope_of(res), invented=mode) == text
    # redaction keeps no digit either
    text = "see (SSN 536-22-8726)"
    res = make_masker("redact").mask(text, detect(text, [("US_SSN", "536-22-8726")]),
                                     tenant=T, session="whole-r")
    assert res.masked == "see (SSN [REDACTED_US_SSN])"


@pytest.mark.parametrize("op", ["pseudonym", "synthetic", "keep"])
def test_a_replacement_that_may_keep_digits_leaves_the_lookalike_escaped(make_masker, restorer,
                                                                          op) -> None:
    """A synthetic SSN keeps its digits' places: "(SSN 000-..." would look like a token
    upstream, so the typed look-alike is still escaped and comes back as typed."""
    m = make_masker(op)
    text = "Patient (SSN 536-22-8726) was seen"
    res = m.mask(text, detect(text, [("US_SSN", "536-22-8726")]), tenant=T, session=f"d-{op}")
    assert res.entities[0].type == LITERAL
    assert "536" not in res.masked
    assert restorer.restore(res.masked, tenant=T, session=f"d-{op}", scope=scope_of(res),
                            invented="neutral") == text


def test_literal_cannot_be_configured_away(vault, restorer) -> None:
    for bad in ({"entities": {"LITERAL": {"operator": "keep"}}},
                {"entities": {"literal": {"enabled": False}}}):
        with pytest.raises(PolicyError, match="reserved"):
            Policy.from_yaml_text(__import__("yaml").safe_dump(bad))
    # whatever the default operator, a look-alike gets a placeholder
    for op in ("keep", "redact", "pseudonym", "synthetic"):
        m = Masker(vault, Policy(default_operator=op, entities={"PERSON": EntityRule()}))
        res = m.mask("see [PERSON_1]", [], tenant=T, session=f"lit-{op}")
        assert res.masked == "see [LITERAL_1]"
        assert restorer.restore(res.masked, tenant=T, session=f"lit-{op}") == "see [PERSON_1]"


def test_typed_literal_placeholder_is_itself_escaped(make_masker, restorer) -> None:
    m = make_masker("placeholder")
    first = m.mask("a [SSN_1]", [], tenant=T, session="lit")
    assert first.masked == "a [LITERAL_1]"
    # the caller types our own escape token: it is a look-alike too
    second = m.mask("b [LITERAL_1]", [], tenant=T, session="lit")
    assert second.masked == "b [LITERAL_2]"
    assert restorer.restore(second.masked, tenant=T, session="lit",
                            scope=scope_of(second)) == "b [LITERAL_1]"
    # outside the scope of the first request, its literal is not restored
    assert restorer.restore("[LITERAL_1]", tenant=T, session="lit", scope=scope_of(second),
                            invented="neutral") == "some text"


# ----------------------------------------------------------------------------- property
_SPELLINGS = sorted({s for t in BASE_TYPES for s in (t, *TYPE_ALIASES.get(t, ()))})
_PAIRS = sorted(OPEN.items()) + [("", "")]


@st.composite
def typed_lookalike(draw: st.DrawFn) -> str:
    spelling = draw(st.sampled_from(_SPELLINGS))
    spelling = draw(st.sampled_from([spelling, spelling.lower(), spelling.title(),
                                     spelling.replace("_", " "), spelling.replace("_", "-")]))
    open_, close = draw(st.sampled_from(_PAIRS))
    md = draw(st.sampled_from(["", "**", "_", "`"]))
    sep = draw(st.sampled_from(["_", " ", "-", " #", "", "\\_"]))
    num = draw(st.integers(1, 12))
    zero = draw(st.sampled_from(["", "0"]))
    part = draw(st.sampled_from(["", "_FIRST", " LAST", "_ALT2"]))
    poss = draw(st.sampled_from(["", "'s"]))
    inner = f"{md}{spelling}{sep}{zero}{num}{part}{md}{poss}"
    return f"{open_}{draw(st.sampled_from(['', ' ']))}{inner}{close}"


@pytest.fixture(scope="module")
def prop_vault(tmp_path_factory):
    home = tmp_path_factory.mktemp("lookalike")
    v = open_vault(Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()))
    yield v
    v.close()


@st.composite
def headed_value(draw: st.DrawFn) -> tuple[str, str, str]:
    """A look-alike's head ("(SSN ", "[card #") glued to a digit-led value: (head, type,
    value)."""
    spelling = draw(st.sampled_from(_SPELLINGS))
    # not "<": a value inside an HTML tag is never restored (the restorer's URL guard)
    open_, _ = draw(st.sampled_from([p for p in _PAIRS if not p[0].startswith("<")]))
    sep = draw(st.sampled_from(["_", " ", "-", " #", "", ": "]))
    etype, value = draw(st.sampled_from([v for v in VALUES if v[1][0].isdigit()]))
    # after a space: "](" would open a markdown link's target, never restored either
    return f" {open_}{spelling}{sep}", etype, value


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.tuples(st.one_of(typed_lookalike(), st.sampled_from(VALUES), headed_value()),
                  st.sampled_from([" ", ", ", "\n", "[", "]", " (", ") ", "*", ": "])),
        min_size=1, max_size=8,
    ),
    op=st.sampled_from(["placeholder", "pseudonym", "synthetic"]),
    session=st.integers(0, 3),
)
def test_random_lookalikes_around_values_round_trip_exactly(prop_vault, parts, op,
                                                            session) -> None:
    text, items = "", []
    for p, sep in parts:  # values never glued to letters or digits (no restorer sees those)
        if isinstance(p, tuple) and len(p) == 3:  # a look-alike's head, then the value
            text += p[0]
            p = p[1:]
        if isinstance(p, tuple):
            items.append((p[0], len(text), len(text) + len(p[1])))
            text += p[1]
        else:
            text += p
        text += sep
    dets = [Detection(t, s, e, 0.9, "t", text[s:e]) for t, s, e in items]
    sess = f"{op}-{session}"
    res = Masker(prop_vault, Policy(default_operator=op)).mask(text, dets, tenant=T,
                                                                session=sess)
    for _, value in {(t, text[s:e]) for t, s, e in items}:
        assert value not in res.masked
    r = Restorer(prop_vault)
    for mode in ("keep", "neutral"):
        assert r.restore(res.masked, tenant=T, session=sess, scope=scope_of(res),
                         invented=mode) == text
    assert r.restore(res.masked, tenant=T, session=sess) == text
    # streamed in small pieces, the answer is the same
    sr = r.stream(tenant=T, session=sess, scope=scope_of(res), invented="neutral")
    out = "".join(sr.feed(res.masked[i : i + 3]) for i in range(0, len(res.masked), 3))
    assert out + sr.flush() == text


@pytest.mark.parametrize("op", ["pseudonym", "synthetic"])
@pytest.mark.parametrize("head", [" SSN", " EMAIL_ADDRESS", " card#"])
def test_a_value_glued_to_the_word_before_it_comes_back(prop_vault, op: str, head: str) -> None:
    # a value that starts with a digit, glued to a type's word as a caller wrote it: its
    # pseudonym came back as the pseudonym ("SSN681-33-5892")
    text = f"{head}536-22-8726 and more"
    s = len(head)
    res = Masker(prop_vault, Policy(default_operator=op)).mask(
        text, [Detection("US_SSN", s, s + 11, 0.9, "t", text[s:s + 11])], tenant=T,
        session=f"glued-{op}-{head}")
    assert "536-22-8726" not in res.masked
    r = Restorer(prop_vault)
    assert r.restore(res.masked, tenant=T, session=f"glued-{op}-{head}") == text
    sr = r.stream(tenant=T, session=f"glued-{op}-{head}")
    out = "".join(sr.feed(res.masked[i : i + 3]) for i in range(0, len(res.masked), 3))
    assert out + sr.flush() == text


def test_a_pseudonym_that_starts_with_a_letter_is_not_restored_inside_a_word(
        prop_vault) -> None:
    res = Masker(prop_vault, Policy(default_operator="pseudonym")).mask(
        "Ask Jane Doe", [Detection("PERSON", 4, 12, 0.9, "t", "Jane Doe")], tenant=T,
        session="inside-a-word")
    fake = res.masked[4:].split()[0]  # the pseudonym's given name
    answer = f"{res.masked} and Mr{fake}"  # glued to letters: no name of the session
    restored = Restorer(prop_vault).restore(answer, tenant=T, session="inside-a-word")
    assert restored == f"Ask Jane Doe and Mr{fake}"
