"""Values said aloud, as speech recognition writes a call's transcript: digit words with
hesitations, homophones and pairs (``veil.detect.spelled_numbers``), and codes, names and
addresses read out character by character (``veil.detect.spoken_codes``)."""

from __future__ import annotations

import pytest

from veil.detect.spelled_numbers import SPELLED_NUMBERS
from veil.detect.spoken_codes import SPOKEN_CODES


def _found(recognizer: object, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in recognizer.analyze(text)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "kind", "value"), [
    # hesitations and pauses between the groups
    ("SPEAKER_01: um it's two oh six, uh, five five five, uh, oh one nine nine", "PHONE",
     "two oh six, uh, five five five, uh, oh one nine nine"),
    ("Caller: nine one seven... five five five... two three four five", "PHONE",
     "nine one seven... five five five... two three four five"),
    # a correction inside the number
    ("Caller: oh seven seven double oh nine double oh four six one — no wait — four six two",
     "PHONE", "oh seven seven double oh nine double oh four six one — no wait — four six two"),
    # homophones ASR writes for a digit, the first one before the run included
    ("Caller: call me back on for one five five five five won two three for\nAgent: ok",
     "PHONE", "for one five five five five won two three for"),
    ("Caller: it's three one two, five five five, to one to three", "PHONE",
     "three one two, five five five, to one to three"),
    # the last digits read in pairs
    ("my husband's number is eight oh one, five five five, sixty two forty if you can't",
     "PHONE", "eight oh one, five five five, sixty two forty"),
    # a date of birth in digit words, the year in a pair or two
    ("Agent: can I take your date of birth\nCaller: oh three oh four seventy one",
     "DATE_OF_BIRTH", "oh three oh four seventy one"),
    ("Agent: date of birth please\nCaller: um oh five, oh seven, nineteen seventy six",
     "DATE_OF_BIRTH", "oh five, oh seven, nineteen seventy six"),
    # shorter runs that their words make values
    ("Agent: zip code?\nCaller: nine oh two one oh", "LOCATION", "nine oh two one oh"),
    ("Caller: last four of the social is seven seven one oh", "US_SSN", "seven seven one oh"),
    ("Caller: my card ends in four four four four", "CREDIT_CARD", "four four four four"),
])
def test_a_spoken_number_is_found_whole(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _found(SPELLED_NUMBERS, text)


@pytest.mark.parametrize("text", [
    "SPEAKER_00: the meeting is at nine fifteen, then ten thirty, then eleven forty five",
    "Agent: press one for billing, two for technical support, three for sales, four for "
    "anything else",
    "SPEAKER_00: the scores were nine to seven, then six to four, so we won two sets to one",
    "Agent: step one, unplug it. step two, wait thirty seconds, then two to three minutes",
    "Dictation: blood sugar readings one two five, one four oh, one one eight, one three two",
    "we can offer a refund of one thousand nine hundred and ninety nine pounds",
    "counting: one, two, three, four, five, six, seven, eight, nine, ten",
    "Caller: I ordered three of the large ones and two of the small, so five in total",
])
def test_counts_times_and_readings_stay(text: str) -> None:
    assert _found(SPELLED_NUMBERS, text) == []


def test_a_word_after_a_trailing_homophone_stays() -> None:
    found = _found(SPELLED_NUMBERS, "call five five five one two three four to book")
    assert found == [("PHONE", "five five five one two three four")]


def test_portuguese_um_is_still_a_digit() -> None:
    found = _found(SPELLED_NUMBERS, "meu número é nove um um dois três quatro cinco seis")
    assert found == [("PHONE", "nove um um dois três quatro cinco seis")]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Agent: and the postcode?\nCaller: S W one A, one A A", "LOCATION", "S W one A, one A A"),
    ("Caller: it's L S six, two Q A, that's for the delivery", "LOCATION", "L S six, two Q A"),
    ("Agent: the postal code in Toronto?\nCaller: M five V, three L nine", "LOCATION",
     "M five V, three L nine"),
    ("Caller: the registration is K X one nine, K P L, silver ford focus", "VEHICLE_ID",
     "K X one nine, K P L"),
    ("SPEAKER_01: my IBAN is G B eight two, W E S T, one two three four, five six nine eight, "
     "seven six five four, three two", "IBAN",
     "G B eight two, W E S T, one two three four, five six nine eight, seven six five four, "
     "three two"),
    ("Caller: my hospital number is R X seven seven four one two nine", "MEDICAL_RECORD",
     "R X seven seven four one two nine"),
    ("Agent: can you spell the surname?\nCaller: yes it's S as in Sierra, M as in Mike, I, T, H",
     "PERSON", "S as in Sierra, M as in Mike, I, T, H"),
    ("SPEAKER_00: last name please\nSPEAKER_01: K. O. W. A. L. C. Z. Y. K.", "PERSON",
     "K. O. W. A. L. C. Z. Y. K"),
    ("Agent: and an email address?\nCaller: j o h n dot smith at gmail dot com", "EMAIL",
     "j o h n dot smith at gmail dot com"),
    ("Caller: sure, d, a, n, a, dot, w, u at icloud dot com", "EMAIL",
     "d, a, n, a, dot, w, u at icloud dot com"),
])
def test_a_spoken_code_is_found_whole(text: str, kind: str, value: str) -> None:
    assert (kind, value) in _found(SPOKEN_CODES, text)


def test_the_word_a_spelling_spells_is_a_name_too() -> None:
    found = _found(SPOKEN_CODES, "Caller: okonkwo, o k o n k w o")
    assert ("PERSON", "okonkwo") in found and ("PERSON", "o k o n k w o") in found
    found = _found(SPOKEN_CODES, "Caller: it's Wojciechowski, double-u o j c i e c h o w s k i")
    assert ("PERSON", "Wojciechowski") in found


@pytest.mark.parametrize("text", [
    "Patient: I was seen by the N H S last week and had an E C G",
    "Agent: that's flight B A two eight three leaving at seven forty five from terminal five",
    "the boiler is about ten years old, model two four c d i",
    "Note: plan B is fine, see section c for details",
    "vitamin d and vitamin b twelve, twice a day",
])
def test_prose_letters_stay(text: str) -> None:
    assert _found(SPOKEN_CODES, text) == []


def test_the_conversation_around_a_spoken_value_stays() -> None:
    text = ("[00:00:15] Agent: and the postcode?\n[00:00:16] Caller: B S eight, one T H\n"
            "[00:00:22] Caller: my direct debit of forty five pounds went out twice")
    found = _found(SPOKEN_CODES, text) + _found(SPELLED_NUMBERS, text)
    assert found == [("LOCATION", "B S eight, one T H")]


def test_a_spoken_birth_date_in_may_is_found_and_may_the_verb_stays() -> None:
    from veil.detect.dates import DATE_OF_BIRTH

    said = "Agent: and your date of birth?\nCaller: the third of may nineteen forty eight"
    assert [d.text for d in DATE_OF_BIRTH.analyze(said)] == \
        ["the third of may nineteen forty eight"]
    assert DATE_OF_BIRTH.analyze("date of birth: you may third the motion nineteen times") == []
