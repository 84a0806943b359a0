"""Numbers written out digit by digit are found whole and typed by their digits and context,
masked and restored; counting, lists and numbers in prose stay prose; the scan that starts at
the digit words finds what a full scan of the text finds, in linear time."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.linear import assert_linear
from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.spelled_numbers import SPELLED_NUMBERS, SPELLED_RUN, spelled_digits


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text) if d.recognizer == "spelled_number"]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("call five five five, one two three four", "PHONE", "five five five, one two three four"),
    ("my ssn is one two three four five six seven eight nine", "US_SSN",
     "one two three four five six seven eight nine"),
    ("social: one two three, four five, six seven eight nine", "US_SSN",
     "one two three, four five, six seven eight nine"),
    ("card number four one one one one one one one one one one one one one one one",
     "CREDIT_CARD", "four one one one one one one one one one one one one one one one"),
    # British: "double oh", "nine hundred"
    ("ring me on oh seven seven double oh nine hundred one two three", "PHONE",
     "oh seven seven double oh nine hundred one two three"),
    ("Triple five, double two, four, seven", "PHONE", "Triple five, double two, four, seven"),
    ("call 555 one two three four", "PHONE", "555 one two three four"),
    ("call (555) one two three four", "PHONE", "(555) one two three four"),
    ("five 5 seven 2 nine 1 three", "PHONE", "five 5 seven 2 nine 1 three"),
    ("five-five-five-one-two-three-four", "PHONE", "five-five-five-one-two-three-four"),
    ("FIVE FIVE FIVE ONE TWO THREE FOUR!", "PHONE", "FIVE FIVE FIVE ONE TWO THREE FOUR"),
    ("Oh, five five five one two three four", "PHONE", "five five five one two three four"),
    ("my account is seven three one nine four four two eight", "ACCOUNT_NUMBER",
     "seven three one nine four four two eight"),
    # sixteen digits failing the card checks: too long for a phone, masked all the same
    ("ref four four two one nine three seven seven two one eight eight four two one five",
     "ACCOUNT_NUMBER", "four four two one nine three seven seven two one eight eight four two "
     "one five"),
    ("mon numéro : zéro six un deux trois quatre cinq six sept huit", "PHONE",
     "zéro six un deux trois quatre cinq six sept huit"),
    ("ruf an: null eins sieben zwo drei vier fünf sechs sieben", "PHONE",
     "null eins sieben zwo drei vier fünf sechs sieben"),
    ("mi número es seis uno dos tres cuatro cinco seis siete ocho", "PHONE",
     "seis uno dos tres cuatro cinco seis siete ocho"),
    # a straight count is a number where a number word says so
    ("call one two three, four five six seven", "PHONE", "one two three, four five six seven"),
    ("call five five five, four thousand", "PHONE", "five five five, four thousand"),
])
def test_a_spelled_number_is_found_whole(engine: DetectionEngine, text: str, kind: str,
                                         value: str) -> None:
    assert _found(engine, text) == [(kind, value)]


def test_a_card_number_after_a_phone_word_is_still_a_card(engine: DetectionEngine) -> None:
    # the Luhn check types it, whatever the words around
    text = "call about four one one one, one one one one, one one one one, one one one one"
    assert [k for k, _ in _found(engine, text)] == ["CREDIT_CARD"]


@pytest.mark.parametrize("text", [
    "one or two of them",
    "one, two, three, four",
    "one of the five",
    "twenty-five",
    "one two three go",
    "Channel Four, one of the five",
    "the first, second and third",
    "at five o'clock one two three",
    # counting and lists, however long
    "counting: one, two, three, four, five, six, seven, eight, nine, ten",
    "one two three four five six seven eight nine",
    "nine eight seven six five four three two one liftoff",
    "seven, three, one, nine, four, four, two, eight",
    "two hundred, three hundred, four hundred",
    "ninety-nine, one hundred and one",
    # quantities, even after a number word
    "A number: one thousand, nine hundred and ninety-four",
    "call one two three four nine hundred and six",
    # one digit over and over, in lyrics and in code
    "oh oh oh oh oh oh oh oh",
    "null, null, null, null, null, null, null",
    "one one one one one one one one",
    # a date, a time, a price: one digit spelled, or digits that are not the number's
    "Sept 12 2024",
    "at 10:30 one nine three four seven six",
    "pay $5 one nine three four seven six",
    # Spanish "or", not the English zero
    "uno o dos o tres o cuatro o cinco o seis o siete",
    # a run whose words are of several languages
    "one deux three vier five seis seven",
    "fünf-year plan, twenty-one, twenty-two",
])
def test_prose_stays_prose(engine: DetectionEngine, text: str) -> None:
    assert SPELLED_NUMBERS.analyze(text) == []
    assert _found(engine, text) == []


def test_the_digits_a_run_spells() -> None:
    assert spelled_digits("oh seven seven double oh nine hundred one two three") == "07700900123"
    assert spelled_digits("Triple five, 2 four") == "55524"
    assert spelled_digits("no digit word here") is None


def test_a_detection_never_shows_its_value() -> None:
    (d,) = SPELLED_NUMBERS.analyze("call five five five, one two three four")
    assert "five" not in repr(d) and "five" not in str(d)


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_a_spelled_number_is_masked_and_restored(tmp_path: Path, op: str) -> None:
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = "call five five five, one two three four; my ssn is one two three four five six " \
           "seven eight nine; account number four four one two three four five six seven"
    r = v.protect(text, session="s")
    a, b, c = r.entities
    assert (a.type, b.type, c.type) == ("PHONE", "US_SSN", "ACCOUNT_NUMBER")
    assert r.masked == (f"call {a.replacement}; my ssn is {b.replacement}; account number "
                        f"{c.replacement}")
    if op != "placeholder":  # generated values read as the numbers: digits, not letters
        assert all(e.replacement.isdigit() for e in (a, b, c)), r.masked
    assert v.restore(r.masked, session="s") == text


_PIECES = ("one", "One", "ONE", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "zero", "oh", "Oh", "o", "O", "nought", "double", "Triple", "treble", "hundred",
           "thousand", "zéro", "ZÉRO", "un", "deux", "sept", "null", "zwo", "fünf", "FÜNF",
           "uno", "dos", "siete", "FİVE", "fıve", "ſix", "5", "55", "555", "5555", "55555",
           "3.14", "1,234", "5th", "twenty", "of", "the", "x", "o'clock", "one's", "someone",
           "phone", "under", "é", "_", "ssn", "call", "card")
_GLUE = (" ", " ", " ", ", ", ",", "-", " - ", "", "\t", "\n", "'", "’", ".", "  ", " ,")


def test_the_scan_from_digit_words_equals_the_full_scan() -> None:
    rng = random.Random(61)  # fixed seed: the same texts on every run
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(1, 16)))
        full = [m.span() for m in SPELLED_RUN.rx.finditer(text)]
        assert [m.span() for m in SPELLED_RUN.matches(text)] == full, text
        found += bool(full)
    assert found > 1000  # the generator makes runs, not only misses


@pytest.mark.parametrize(("unit", "count", "tail"), [
    ("one ", 25_000, ""),
    ("one two x ", 10_000, ""),
    ("five, ", 20_000, ""),
    ("five-", 20_000, ""),
    ("double ", 15_000, ""),
    ("one hundred ", 9_000, ""),
    ("1 ", 50_000, "one two three four"),
    ("fünf ", 20_000, "x"),
])
def test_long_runs_are_read_in_linear_time(unit: str, count: int, tail: str) -> None:
    # a backtracking regex took minutes here; a linear one tens of milliseconds
    def scan(text: str) -> None:
        SPELLED_NUMBERS.analyze(text)
        list(SPELLED_RUN.rx.finditer(text))

    assert_linear(scan, unit, count, tail=tail)
