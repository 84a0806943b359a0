"""Regexes tried only where they can match find what they find at every position: the place
cues (a verb of living or moving, its preposition) where a verb begins, and the gazetteer's
company names where a legal form is; on generated texts and the corpora."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from veil.casefold import lower_in_place
from veil.detect import patterns, places

_WORDS = (
    "lives", "lived in", "moved to", "flew from", "born in", "Born In", "relocated near",
    "LIVES IN", "wohnt in", "lebe in", "komme aus", "geboren", "vivo en", "nació en", "soy de",
    "abito a", "sono di", "nat", "nata a", "j'habite à", "habite", "originaire d'",
    "originaire d’", "vient de", "près de", "moro em", "nasci no", "back", "here", "jetzt",
    "ahora", "Lyon", "Vila Real", "Frankfurt am Main", "Póvoa de Varzim", "Αθήνα", "Москва",
    "visit", "activity", "south", "movement", "the", "and", "x", "-", "'", "’", ",", ".",
    "unlived", "re-moved to", "İstanbul",
)
_GAPS = (" ", " ", " ", "", "\t", "\n", "  ", ", ")


def _texts(seed: int, n: int) -> Iterator[str]:
    rng = random.Random(seed)  # fixed seed: the same texts on every run
    for _ in range(n):
        yield "".join(rng.choice(_WORDS) + rng.choice(_GAPS) for _ in range(rng.randint(1, 20)))


def _cues(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    low = lower_in_place(text)
    assert low is not None
    return ([m.span() for m in places._CUE_SCAN.matches(low)],
            [m.span() for m in places._CUE.finditer(low)])


def test_the_cue_scan_equals_the_full_scan(scan_corpus: tuple[str, ...]) -> None:
    found = 0
    for t in [*_texts(7, 3000), *scan_corpus]:
        if lower_in_place(t) is None:
            continue  # lower case changes the length: the any-case regex reads those
        got, full = _cues(t)
        assert got == full, t
        found += bool(got)
    assert found > 500  # the generator writes cues, not only misses


def test_places_are_unchanged_by_the_scan(full_scan: None, scan_corpus: tuple[str, ...]) -> None:
    texts = [*_texts(8, 500), *scan_corpus[:80]]
    reference = [places.heuristic_places(t) for t in texts]
    assert sum(map(len, reference)) > 100
    patterns.ANCHORED = True
    assert [places.heuristic_places(t) for t in texts] == reference


def test_company_names_are_looked_for_only_after_a_legal_form(
        scan_corpus: tuple[str, ...]) -> None:
    """The gazetteer's company regex runs only on texts where a legal form follows a space or
    a comma (every match ends so): the same organisations on the corpora and on texts made to
    hold legal forms in and out of place."""
    from veil.detect import gazetteer

    made = ["Write to Müller Bau GmbH today.", "USA and SEPA", "Acme,Inc", "Frid & Nilsson AB",
            "Kunz AG & Co. KG in Bern", "Pérez y Gómez S.L.", "ltd. by Smith Ltd",
            "the ASA rules", "Beta SA,", "SA", " SA", "Stark Industries, Inc. said"]
    texts = [*made, *scan_corpus]
    held = [t for t in texts if gazetteer._legal_forms(t)]
    assert len(held) < len(texts)  # most texts skip the regex
    for t in texts:
        found = [m.span("v") for m in gazetteer._ORG.finditer(t)]
        assert not found or gazetteer._legal_forms(t), t
        assert [m.span("v") for m in gazetteer._org_matches(t)] == found, t
    assert any(gazetteer._ORG.search(t) for t in made)


_NAME_WORDS = (
    "maria", "Maria", "MARIA", "garcia", "García", "GARCIA", "john", "John", "smith", "Smith",
    "jean-pierre", "Jean-Pierre", "dupont", "anne-marie", "Ann", "annual", "Annabel", "lee",
    "o'brien", "O’Neil", "jürgen", "Müller", "MÜLLER", "Straße", "ẞ", "İrem", "ali", "Dan2",
    "x-ann", "ann-", "-ann", "the", "and", "mark", "will", "Rose", "Σοφία", "_ann", "ann_",
    "marie", "curie", "Jose", "Angel", "Cruz", "de", "la", "van", "Dijk", "李", "josé", "lópez",
)
_NAME_GAPS = (" ", " ", " ", "\t", "", "  ", ", ", "-", "'", "\n", ".", "'s ", "’s ", "'s", "'sx")


def test_name_pairs_from_the_automaton_equal_those_read_word_by_word(
        scan_corpus: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """The gazetteer's first + last name pairs: an automaton of first names over the
    case-folded text finds what reading every word finds, in every language."""
    from veil.detect import gazetteer

    monkeypatch.setattr(gazetteer, "_AUTOMATON_CHARS", 0)  # the automaton for short texts too
    rng = random.Random(11)  # fixed seed: the same texts on every run
    texts = ["".join(rng.choice(_NAME_WORDS) + rng.choice(_NAME_GAPS)
                     for _ in range(rng.randint(1, 16))) for _ in range(3000)]
    found = folded_longer = mixed = 0
    for t in [*texts, *scan_corpus]:
        for language in ("en", "fr", "de", "es"):
            got = gazetteer._name_pairs(t, language)
            assert got == gazetteer._name_pairs_by_word(t, language), (language, t)
            found += bool(got)
        if len(t.casefold()) != len(t):
            folded_longer += 1
            # lines folding to their own length, with a pair, read by the automaton
            mixed += any(len(line.casefold()) == len(line)
                         and gazetteer._name_pairs_by_word(line, "en")
                         for line in t.split("\n"))
    # pairs were found; every path was taken
    assert found > 900 and folded_longer > 100 and mixed > 20


def test_cities_from_the_automaton_equal_the_regexs() -> None:
    """German and Spanish city names found by one automaton pass are the regex's matches:
    the longest name at each start with a boundary after it, then on past it."""
    from veil.detect import gazetteer

    rng = random.Random(12)  # fixed seed: the same texts on every run
    for language in ("de", "es"):
        cities = sorted(gazetteer._cities(language))
        assert len(cities) > 50
        bits = ["Bad", "Sankt", "am", "im", "-", "x", "1", "_", "München", "Ä", "ß", "de", "la"]
        found = 0
        for _ in range(1500):
            parts = []
            for _ in range(rng.randint(1, 12)):
                r = rng.random()
                word = rng.choice(cities) if r < 0.4 else rng.choice(bits)
                if r < 0.1:  # a city cut or glued to a neighbour
                    word = rng.choice((word[:-1], word[1:], word + "e", "Neu" + word.lower()))
                parts.append(word + rng.choice((" ", " ", "", "-", ", ", "\n", ".")))
            text = "".join(parts)
            want = [m.span() for m in gazetteer._city_regex(language).finditer(text)]
            assert gazetteer._city_spans(text, language) == want, (language, text)
            found += len(want)
        assert found > 1000


def test_the_known_place_scan_equals_the_full_scan(scan_corpus: tuple[str, ...]) -> None:
    """Known places in lower case are looked for where the marks' automaton finds a name
    after no word character: the same starts as the names' regex tried at every position."""
    words = ("from", "moved to", "the", "uk", "usa", "us", "new york", "new", "york city",
             "chicago", "chicagoland", "woman", "oman", "paris", "comparison", "x", "-", "'",
             "münchen", "são paulo", "états-unis", "xi'an", "pune, india")
    rng = random.Random(9)  # fixed seed: the same texts on every run
    made = ["".join(rng.choice(words) + rng.choice(_GAPS) for _ in range(rng.randint(1, 12)))
            for _ in range(2000)]
    found = 0
    for t in [*made, *scan_corpus]:
        low = lower_in_place(t)
        if low is None:
            continue
        got = places._KNOWN_SCAN.starts(low)
        names = places._KNOWN_SCAN.rx
        assert got == [p for p in range(len(low)) if names.match(low, p)], t
        found += bool(got)
    assert found > 500
