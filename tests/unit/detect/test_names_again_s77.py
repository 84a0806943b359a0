"""A person's name found once in a text is found again wherever it stands alone in that text,
whole or in part, in any case where it is no common word; a model's place or firm on one of its
parts becomes the person's, while listed places and firms with a legal form keep their types."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.entity import Detection

_MODEL = frozenset({"learned_ner"})


def _at(text: str, value: str, type: str, recognizer: str = "learned_ner",
        nth: int = 0) -> Detection:
    s = -1
    for _ in range(nth + 1):
        s = text.index(value, s + 1)
    return Detection(type, s, s + len(value), 0.85, recognizer, value)


def _again(engine: DetectionEngine, text: str,
           kept: list[Detection]) -> list[tuple[str, str, str]]:
    return [(d.type, d.text, d.recognizer)
            for d in engine._names_again(text, sorted(kept, key=lambda d: d.start), _MODEL)]


@pytest.mark.parametrize("text,name,again", [
    ("Meeting with Tomasz Wierzbicki at noon. wierzbicki will bring it.", "Tomasz Wierzbicki",
     ["wierzbicki"]),
    ("Dear Priyanka Raghunathan, thanks. PS: Raghunathan, please sign.",
     "Priyanka Raghunathan", ["Raghunathan"]),
    ("Patient Oyelaran Babatunde seen. Plan discussed with Babatunde. BABATUNDE agreed.",
     "Oyelaran Babatunde", ["Babatunde", "BABATUNDE"]),
    ("Zofia Kaczmarek-Lis wrote; Zofia Kaczmarek-Lis signed later.", "Zofia Kaczmarek-Lis",
     ["Zofia Kaczmarek-Lis"]),
])
def test_the_texts_own_people_are_found_again(pattern_engine: DetectionEngine, text: str,
                                              name: str, again: list[str]) -> None:
    out = _again(pattern_engine, text, [_at(text, name, "PERSON")])
    assert [v for t, v, r in out if r == "seen"] == again
    assert all(t == "PERSON" for t, _, _ in out)


def test_a_part_inside_a_longer_find_is_not_found_twice(pattern_engine: DetectionEngine) -> None:
    text = "Tomasz Wierzbicki met us; later Tomasz Wierzbicki paid."
    out = _again(pattern_engine, text, [_at(text, "Tomasz Wierzbicki", "PERSON")])
    assert [(v, r) for _, v, r in out] == [("Tomasz Wierzbicki", "learned_ner"),
                                           ("Tomasz Wierzbicki", "seen")]


@pytest.mark.parametrize("text,name,word", [
    ("Rose Stone called about the stone wall.", "Rose Stone", "stone"),  # a dictionary word
    ("Tim Cook spoke; the cook was late.", "Tim Cook", "cook"),
    ("Will Hope answered: we hope so.", "Will Hope", "hope"),
])
def test_a_part_in_lower_case_that_is_a_word_stays(pattern_engine: DetectionEngine, text: str,
                                                   name: str, word: str) -> None:
    out = _again(pattern_engine, text, [_at(text, name, "PERSON")])
    assert word not in [v for _, v, _ in out]


def test_a_models_unlisted_place_on_a_part_becomes_the_person(
        pattern_engine: DetectionEngine) -> None:
    text = "Nusa Márkus called today. Later Márkus was upset."
    out = _again(pattern_engine, text, [_at(text, "Nusa Márkus", "PERSON"),
                                        _at(text, "Márkus", "LOCATION", nth=1)])
    assert out == [("PERSON", "Nusa Márkus", "learned_ner"), ("PERSON", "Márkus", "seen")]


def test_a_firms_name_without_its_legal_form_becomes_the_person(
        pattern_engine: DetectionEngine) -> None:
    text = "From: Lars Eriksson. Eriksson's report is attached."
    out = _again(pattern_engine, text, [_at(text, "Lars Eriksson", "PERSON"),
                                        _at(text, "Eriksson", "ORGANIZATION", nth=1)])
    assert ("PERSON", "Eriksson", "seen") in out
    assert all(t == "PERSON" for t, _, _ in out)


@pytest.mark.parametrize("text,name,other,type", [
    ("Paris Hilton flew to Paris for the show.", "Paris Hilton", "Paris", "LOCATION"),
    ("Michael Jordan visited Jordan in May.", "Michael Jordan", "Jordan", "LOCATION"),
    ("Sam Jordan works at Jordan Ltd since May.", "Sam Jordan", "Jordan", "ORGANIZATION"),
])
def test_listed_places_and_firms_keep_their_types(pattern_engine: DetectionEngine, text: str,
                                                  name: str, other: str, type: str) -> None:
    guess = _at(text, other, type, nth=1)
    out = _again(pattern_engine, text, [_at(text, name, "PERSON"), guess])
    assert (type, other, "learned_ner") in out
    assert len(out) == 2


def test_a_found_part_never_cuts_a_models_place(pattern_engine: DetectionEngine) -> None:
    text = "Ana Lima flew to Lima Airport yesterday."
    out = _again(pattern_engine, text, [_at(text, "Ana Lima", "PERSON"),
                                        _at(text, "Lima Airport", "LOCATION")])
    assert [v for _, v, _ in out] == ["Ana Lima", "Lima Airport"]


def test_no_person_no_change(pattern_engine: DetectionEngine) -> None:
    text = "Acme Corp opened in Lyon; Acme Corp grew."
    kept = [_at(text, "Acme Corp", "ORGANIZATION"), _at(text, "Lyon", "LOCATION")]
    assert _again(pattern_engine, text, kept) == [(d.type, d.text, d.recognizer) for d in kept]


def test_a_disabled_or_allowed_name_is_not_found_again() -> None:
    engine = DetectionEngine(Policy(ner=False, allow_list=["Raghunathan"]))
    text = "Dear Priyanka Raghunathan, thanks. PS: Raghunathan, please sign."
    out = _again(engine, text, [_at(text, "Priyanka Raghunathan", "PERSON")])
    assert [v for _, v, _ in out] == ["Priyanka Raghunathan"]


@pytest.mark.parametrize("backend", ["spacy", "learned"])
def test_every_occurrence_goes_with_either_model(backend: str) -> None:
    engine = DetectionEngine(Policy(ner_backend=backend))
    text = ("Meeting with Tomasz Wierzbicki at noon. wierzbicki will bring the contract. "
            "Dear Priyanka Raghunathan, thank you. PS: Raghunathan, please sign.")
    covered = [(d.start, d.end) for d in engine.analyze(text) if d.type == "PERSON"]
    for word in ("Wierzbicki", "wierzbicki", "Raghunathan"):
        at = -1
        while (at := text.find(word, at + 1)) >= 0:
            assert any(s <= at and at + len(word) <= e for s, e in covered), (word, at)
