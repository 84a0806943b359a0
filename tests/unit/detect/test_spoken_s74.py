"""Values said aloud in the shapes of a call's transcript that the forty-fourth round reads: dates
of birth in number words, street addresses with a spoken house number, e-mail addresses whose
host was heard as several words, numbers said in pairs from their first word, short numbers,
security codes and PINs after their word, ZIP codes after a state, corrections. Each is found
through the engine, and the words of ordinary conversation around such shapes (amounts, times,
doses, counts, ages, prose about streets) stay; the new recognizers are idle without their
words, and read a long text in linear time."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import shared_matches
from veil.detect.spelled_numbers import SPELLED_NUMBERS
from veil.detect.spoken_address import SPOKEN_ADDRESS
from veil.detect.spoken_codes import SPOKEN_EMAIL
from veil.detect.spoken_dates import SPOKEN_DATES

_OURS = {"spoken_date", "spoken_address", "spoken_email", "spelled_number"}


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text) if d.recognizer in _OURS]


@pytest.mark.parametrize(("text", "value"), [
    ("SPEAKER_00: date of birth?\nSPEAKER_01: eleven fourteen eighty two",
     "eleven fourteen eighty two"),
    ("Caller: yeah I was born on june fifth, ninety one, in leeds", "june fifth, ninety one"),
    ("Agent: and your date of birth\nCaller: it's the seventeenth of october, seventy three",
     "the seventeenth of october, seventy three"),
    ("Agent: DOB please\nCaller: oh nine, twenty, nineteen sixty eight",
     "oh nine, twenty, nineteen sixty eight"),
    ("Caller: my birthday is four twenty-two ninety nine, I just turned twenty-five",
     "four twenty-two ninety nine"),
    ("Nurse: patient born december twelve nineteen ninety, allergic to penicillin",
     "december twelve nineteen ninety"),
    ("Caller: date of birth is three slash fourteen slash nineteen seventy",
     "three slash fourteen slash nineteen seventy"),
    ("Patient: born nineteen fifty two, february the ninth",
     "nineteen fifty two, february the ninth"),
    # the twenty-ninth of February exists in 2016
    ("Parent: the date of birth is the twenty ninth of the second, twenty sixteen",
     "the twenty ninth of the second, twenty sixteen"),
    ("Dictation: D O B august nine, forty seven, presents with a cough",
     "august nine, forty seven"),
    ("[00:00:03] Agent: date of birth?\n[00:00:05] Caller: march third eighty five",
     "march third eighty five"),
    ("Agent: birthday? Caller: uh it's the fourth of july", "the fourth of july"),
    ("Caller: born the thirty first of january two thousand and two",
     "the thirty first of january two thousand and two"),
])
def test_a_date_of_birth_said_in_numbers_is_found(engine: DetectionEngine, text: str,
                                                  value: str) -> None:
    assert ("DATE_OF_BIRTH", value) in _found(engine, text)


@pytest.mark.parametrize("text", [
    # no birth word: a date, a time or a price is the conversation's
    "Caller: I called at twelve twelve and the bill was ninety three fifty",
    "Caller: it was december twelfth, around nine thirty at night, when the boiler stopped",
    "Agent: the order ships on march third, and invoice one oh four is paid",
    # a year alone, a time of birth, an age after a birthday
    "Caller: I was born in nineteen eighty but we moved here in two thousand and five",
    "Caller: the baby was born at six twenty three and weighed eight pounds two",
    "Caller: my birthday is coming up, I'll be forty two on the fifteenth",
    # the answer after the birth word was another number
    "Agent: thanks for confirming your date of birth. I see twelve payments of forty five, "
    "the last on june fifth",
    # a month and a day, no year, not the answer to the birth word
    "Caller: date of birth is on the form, and the appointment is march third at ten",
    # no such day
    "Agent: date of birth? Caller: february thirtieth, eighty",
])
def test_numbers_near_a_birth_word_that_are_no_date_stay(engine: DetectionEngine,
                                                         text: str) -> None:
    assert [f for f in _found(engine, text) if f[0] == "DATE_OF_BIRTH"] == []


@pytest.mark.parametrize(("text", "value"), [
    ("Caller: the address is one two three four elm street, apartment six b",
     "one two three four elm street, apartment six b"),
    ("Agent: and the billing address?\nCaller: twelve oh five north main, springfield",
     "twelve oh five north main"),
    ("Caller: I live at fifteen twenty two oak avenue, unit three",
     "fifteen twenty two oak avenue, unit three"),
    ("SPEAKER_01: deliver it to three forty seven west fifty seventh street please",
     "three forty seven west fifty seventh street"),
    ("Caller: it's two hundred and six harbour road, by the lifeboat station",
     "two hundred and six harbour road"),
    ("Caller: we moved to nine nine one lakeview drive last year",
     "nine nine one lakeview drive"),
    ("Caller: my address is, uh, forty four, um, maple close, in hitchin",
     "forty four, um, maple close"),
    ("SPEAKER_01: I'm at forty two wallaby way, sydney", "forty two wallaby way"),
])
def test_a_street_address_said_aloud_is_found(engine: DetectionEngine, text: str,
                                              value: str) -> None:
    assert ("LOCATION", value) in _found(engine, text)


@pytest.mark.parametrize("text", [
    "Caller: I have three appointments on main street and two on the high street this week",
    "Caller: it's a ten minute walk and a two hour drive down a two lane road",
    "Caller: there's one main road into town and a one way street",
    "Caller: twenty five kids walk to school down park road every day",
    "Caller: we drove five miles down main street then turned north at the lights",
    "Caller: I drove twenty five minutes up the north road, then ten more down king street",
    "Caller: it's the number forty four bus to park lane",
    "Caller: we drove north for twenty miles and then east for ten",
])
def test_prose_about_streets_stays(engine: DetectionEngine, text: str) -> None:
    assert [f for f in _found(engine, text) if f[0] == "LOCATION"] == []


@pytest.mark.parametrize(("text", "value"), [
    ("Caller: it's priya dot raman at out look dot com", "priya dot raman at out look dot com"),
    ("Caller: email me at k dot osei at g mail dot com", "k dot osei at g mail dot com"),
    ("Caller: my email is sam underscore lee at hot mail dot co dot uk",
     "sam underscore lee at hot mail dot co dot uk"),
    ("SPEAKER_01: send it to accounts at green leaf dental dot com",
     "accounts at green leaf dental dot com"),
    ("Caller: it's j dot walsh seventy at yahoo dot com dot au",
     "j dot walsh seventy at yahoo dot com dot au"),
    ("Caller: my email is john underscore smith eighty four at outlook dot com",
     "john underscore smith eighty four at outlook dot com"),
    ("Caller: it's info at the bakehouse dot co dot uk", "info at the bakehouse dot co dot uk"),
])
def test_an_address_said_with_its_host_in_words_is_found(engine: DetectionEngine, text: str,
                                                         value: str) -> None:
    assert ("EMAIL", value) in _found(engine, text)


@pytest.mark.parametrize("text", [
    "Caller: it was cheaper at walmart dot com",
    "Caller: I bought it at amazon dot co dot uk last week",
    "Caller: the deal at best buy dot com ends on the thirty first",
])
def test_a_shop_said_with_its_host_stays_no_address(engine: DetectionEngine,
                                                    text: str) -> None:
    assert not [d for d in engine.analyze(text) if d.recognizer == "spoken_email"]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Caller: the card is forty one eleven, eleven eleven, eleven eleven, eleven eleven",
     "CREDIT_CARD", "forty one eleven, eleven eleven, eleven eleven, eleven eleven"),
    ("Caller: social is five twelve, forty eight, seventy seven ten", "US_SSN",
     "five twelve, forty eight, seventy seven ten"),
    ("Agent: last four of your social?\nCaller: forty four seventy one", "US_SSN",
     "forty four seventy one"),
    ("Caller: account number is twenty three, forty five, sixty seven, eighty nine",
     "ACCOUNT_NUMBER", "twenty three, forty five, sixty seven, eighty nine"),
    ("Caller: my zip code is ninety two one oh four", "LOCATION", "ninety two one oh four"),
    ("Caller: I'm in springfield illinois six two seven oh four", "LOCATION",
     "six two seven oh four"),
    ("Caller: the member number is four eight two, nine one six", "ACCOUNT_NUMBER",
     "four eight two, nine one six"),
    ("Agent: and the three digit security code on the back?\nCaller: seven three nine",
     "CARD_SECURITY_CODE", "seven three nine"),
    ("Caller: my PIN is four nine two seven, is that safe to say?", "SECRET",
     "four nine two seven"),
    ("Caller: call me at seven oh three, five five five, nineteen hundred", "PHONE",
     "seven oh three, five five five, nineteen hundred"),
    ("Agent: callback?\nCaller: two one two, then five five five, twelve thirty four", "PHONE",
     "two one two, then five five five, twelve thirty four"),
    # the corrected digits go with the number, not after it
    ("Caller: it's three one two, five five five, oh one four five, no sorry, oh one four six",
     "PHONE", "three one two, five five five, oh one four five, no sorry, oh one four six"),
])
def test_numbers_said_in_pairs_short_or_corrected_are_found(
        engine: DetectionEngine, text: str, kind: str, value: str) -> None:
    assert (kind, value) in _found(engine, text)


@pytest.mark.parametrize("text", [
    "Caller: I paid forty five fifty for the card and twelve ninety nine for the stamps",
    "Caller: my card was charged twenty nine ninety nine, twelve fifty, and eighty eight forty",
    "Caller: my account has been open for twelve years, balance is fourteen twenty two",
    "Caller: the phone bill is thirty nine ninety nine a month for twelve months",
    "Agent: flights at nine forty, twelve fifteen and three oh five, fares from ninety nine "
    "ninety nine",
    "Caller: I take fifty milligrams at eight, then twenty five at two and another twenty five "
    "at ten",
    "Agent: the score was twenty one seventeen, then the game went to overtime at four fifteen",
    "SPEAKER_00: room four twelve, bed two, blood pressure one forty over ninety",
    "Caller: I've got four hundred and twelve pounds in my account and two cards",
    "Caller: forty five fifty five sixty five seventy five, those are the sizes we stock",
    "Agent: your zip code area has twelve branches, the nearest is four miles away",
])
def test_amounts_times_and_counts_stay(engine: DetectionEngine, text: str) -> None:
    assert _found(engine, text) == []


def test_the_new_recognizers_are_idle_without_their_words() -> None:
    plain = ("Hi team, the quarterly report is attached. Revenue grew 12% and we hired 4 "
             "engineers; see the figures on page 3 and reply by Friday. Thanks, Dana")
    with shared_matches():
        assert SPOKEN_DATES.idle(plain) and SPOKEN_ADDRESS.idle(plain) \
            and SPOKEN_EMAIL.idle(plain)
    with shared_matches():
        assert not SPOKEN_DATES.idle("born june fifth ninety one")
        assert not SPOKEN_ADDRESS.idle("I live at forty two elm street")
        assert not SPOKEN_EMAIL.idle("jo at g mail dot com")


@pytest.mark.parametrize(("call", "unit"), [
    (SPOKEN_DATES.analyze, "date of birth twelve twelve twelve twelve, the of "),
    (SPOKEN_ADDRESS.analyze, "forty four, um, forty elm oak street north "),
    (SPOKEN_EMAIL.analyze, "a dot b dot c at d e f dot co "),
    (SPELLED_NUMBERS.analyze, "card twenty three, forty five, sixty seven "),
])
def test_the_new_recognizers_read_a_long_text_in_linear_time(call: object, unit: str) -> None:
    assert callable(call)
    assert_linear(call, unit, 4000)
