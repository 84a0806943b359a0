"""DetectionEngine.prepare and Veil.prepare: what a server loads before its first request.

Models, tables and regexes load on first use, so that `veil protect` starts quickly; a server
prepares them instead, or its first message in each language waits for them (2.8 s for
French). These tests check that after `prepare` a first message in each of the policy's
languages loads nothing more: none of the loaders' caches misses again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect import DetectionEngine, domains, gazetteer, language, names, ner, patterns, zh
from veil.detect.engine import WARM_UP_MESSAGES
from veil.detect.recognizer import ContextMatcher
from veil.mask import placeholders

#: first messages that differ from the warm-up ones, one per supported language
_FIRST = {
    "en": "Please email Robert Brown at rbrown@northwind-legal.com or call +1 212 555 0187.",
    "fr": "Je suis Pierre Dubois et j'habite 8 avenue Foch à Paris, merci de me rappeler.",
    "de": "Ich heiße Anna Schmidt und wohne in der Bahnhofstraße 12 in Berlin, danke.",
    "es": "Soy Carlos López y vivo en la avenida de la Constitución 9 de Sevilla, gracias.",
    "zh": "我叫李华，住在上海市浦东新区世纪大道100号，手机13912345678。",
}

_LOADERS: tuple[Callable[..., Any], ...] = (
    ner.load_spacy, language._detector, zh._posseg, gazetteer._cities, gazetteer._city_regex,
    gazetteer._locale_names, gazetteer._stops, names.first_names, names.last_names,
    domains.top_level_domains,
)


def _misses() -> dict[str, int]:
    return {f.__qualname__: f.cache_info().misses for f in _LOADERS}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "message"), sorted(WARM_UP_MESSAGES.items()))
def test_each_warm_up_message_is_read_as_its_language(lang: str, message: str) -> None:
    # a message read as another language would leave its language's models unloaded
    assert language.detect_language(message, language.SUPPORTED, "en") == lang


def test_after_prepare_a_first_message_in_each_language_loads_nothing(
        ner_engine: DetectionEngine) -> None:
    assert set(ner_engine._languages) >= set(_FIRST)
    for loader in _LOADERS:  # as in a new process, whatever ran before in this one
        loader.cache_clear()  # type: ignore[attr-defined]
    ner_engine.prepare()
    assert all(s._rx is not None for s in list(patterns._SCANS))
    before = _misses()
    found = {lang: ner_engine.analyze(text) for lang, text in _FIRST.items()}
    assert _misses() == before
    # and the messages were read by their language's pipelines
    assert {d.type for d in found["fr"]} >= {"PERSON", "LOCATION"}
    assert {d.type for d in found["zh"]} >= {"PERSON", "LOCATION", "PHONE"}


def test_after_prepare_no_first_message_rebuilds_the_marks_automaton() -> None:
    # every mark's strings are read in one automaton pass; a mark made after it was built
    # (a required context word's, at its recognizer's first candidate) had the next message
    # rebuild it, ~0.3 s inside a request
    from veil.detect.literals import STRINGS

    engine = DetectionEngine(Policy(ner=False))
    engine.prepare()
    assert STRINGS.pending == 0
    first = [
        "Epikrise\nPatient: Jan Kowalski, ur. 12.03.1961\nRozpoznanie: Niewydolnosc serca",
        "My SSN is 123-45-6789, card 4111 1111 1111 1111, IBAN DE89370400440532013000.",
        "passport no. X1234567, NHS number 943 476 5919, DOB 03/04/1971, tax id 12-3456789",
    ]
    for text in first:
        assert engine.analyze(text)
        assert STRINGS.pending == 0


def test_prepare_loads_only_the_policys_languages() -> None:
    engine = DetectionEngine(Policy(ner=False, languages=["en", "de"]))
    engine.prepare()
    assert engine.analyze(_FIRST["de"])  # its gazetteer's names and streets
    assert "fr" not in engine._languages


def test_compile_all_compiles_patterns_and_context_words_made_later() -> None:
    scan = patterns.Scan(patterns.Pattern(r"\bZX\d{6}\b", 0.5, lead=2))
    matcher = ContextMatcher(["badge", "staff id"])
    assert scan._rx is None and matcher._compiled is None
    patterns.compile_all()
    assert scan._rx is not None and matcher._compiled is not None and matcher._lower is not None
    assert [m.group() for m in scan.matches("badge ZX123456.")] == ["ZX123456"]


def test_veil_prepare_compiles_the_placeholder_regexes(settings: Settings) -> None:
    veil = Veil(settings, policy=Policy(ner=False, languages=["en"]))
    placeholders._finder.cache_clear()
    placeholders._token_regex.cache_clear()
    veil.prepare()
    finder = functools.partial(placeholders._finder.cache_info)
    token = functools.partial(placeholders._token_regex.cache_info)
    misses = finder().misses, token().misses
    result = veil.protect("Call +44 20 7946 0958 about ticket PHONE_3.", session="s")
    assert "+44 20 7946 0958" not in result.masked
    assert veil.restore(result.masked, session="s").startswith("Call +44 20 7946 0958")
    assert (finder().misses, token().misses) == misses
    # the look-alike regexes a first text would compile at first need are compiled too
    compiled = placeholders._finder(placeholders.BASE_TYPES | frozenset(
        veil._masking._maskers.get("default")._policy_types())).__dict__
    assert {"pattern", "head"} <= set(compiled)


def test_a_text_with_no_number_after_a_types_name_compiles_no_lookalike_regex() -> None:
    placeholders._finder.cache_clear()
    assert placeholders.lookalikes("Call Jane Doe at 555-123-4567 about order 12.") == []
    assert "pattern" not in placeholders._finder(placeholders.BASE_TYPES).__dict__
    found = placeholders.lookalikes("see PERSON_2 and [EMAIL_1]")
    assert len(found) == 2 and "pattern" in placeholders._finder(placeholders.BASE_TYPES).__dict__


def test_prepare_of_an_unknown_tenant_fails_closed(settings: Settings) -> None:
    from veil.errors import VeilError

    veil = Veil(settings, policy=Policy(ner=False, languages=["en"]))
    with pytest.raises(VeilError, match="unknown tenant"):
        veil.prepare("nobody")
