"""Dates written with a month's name in the European languages ``veil.detect.dates`` does not
read: Italian, Portuguese, Dutch, Polish and Czech (their genitive, as a date declines it:
``3 maja 2024``, ``14. března 1979``), Romanian, Swedish, Danish, Norwegian, Finnish (the
partitive: ``13. lokakuuta 1952``) and Turkish. ``5 aprile 1982``, ``22 de setembro de 1990``,
``15 mei 1962`` and ``12 martie 1985`` went upstream whole: a birth date in a discharge
letter, a police report's or a contract's date.

A day, its dot or ordinal mark, an optional ``de``, the month's name, an optional ``de`` and
a year (1800-2099) is a DATE_TIME; after a birth word of these languages (``nata il``,
``nascido em``, ``geboren``, ``urodzony``, ``nar.``, ``născut``, ``født``, ``född``,
``syntynyt``, ``doğum``) it is a DATE_OF_BIRTH. Without a year only a month's full name of five
letters or more counts (``4 maio`` is a date; ``3 mei`` might be a word's neighbour). The day
must exist in its month.
"""

from __future__ import annotations

import calendar
import re

from veil.alternation import trie_pattern
from veil.detect.patterns import Pattern, PatternRecognizer

# month number -> its names (lower case), nominative and the declined forms a date takes
_MONTHS: dict[int, str] = {
    1: "gennaio janeiro januari stycznia styczeń ledna leden ianuarie januar tammikuuta "
       "tammikuu ocak",
    2: "febbraio fevereiro februari lutego luty února únor februarie februar helmikuuta "
       "helmikuu şubat",
    3: "marzo março marco maart marca marzec března březen martie mars marts maaliskuuta "
       "maaliskuu mart",
    4: "aprile abril april kwietnia kwiecień dubna duben aprilie huhtikuuta huhtikuu nisan",
    5: "maggio maio mei maja maj května květen mai toukokuuta toukokuu mayıs",
    6: "giugno junho juni czerwca czerwiec června červen iunie kesäkuuta kesäkuu haziran",
    7: "luglio julho juli lipca lipiec července červenec iulie heinäkuuta heinäkuu temmuz",
    8: "agosto augustus sierpnia sierpień srpna srpen august augusti elokuuta elokuu ağustos",
    9: "settembre setembro september września wrzesień září septembrie syyskuuta syyskuu "
       "eylül",
    10: "ottobre outubro oktober października październik října říjen octombrie lokakuuta "
        "lokakuu ekim",
    11: "novembre novembro november listopada listopad listopadu noiembrie marraskuuta "
        "marraskuu kasım",
    12: "dicembre dezembro december grudnia grudzień prosince prosinec decembrie joulukuuta "
        "joulukuu aralık",
}
_MONTH_OF: dict[str, int] = {n: m for m, names in _MONTHS.items() for n in names.split()}
# as prefix trees: a flat alternation of 130 names was tried name by name at every digit run
# (~55 us a ~1 KB prompt); the longest name still wins
_MONTH = "(?:" + trie_pattern([[re.escape(c) for c in n] for n in _MONTH_OF]) + ")"
_MONTH_LONG = "(?:" + trie_pattern([[re.escape(c) for c in n] for n in _MONTH_OF
                                    if len(n) >= 5]) + ")"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
# "5 aprile", "14. března", "1º de maio", "1 maart": the day's mark, then "de" in Portuguese
_DAY = rf"(?<![\w.,/-]){_D}(?:\.|º|°|ª|o\b)?[ \t]*(?:de[ \t]+)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_PATTERNS = [
    Pattern(rf"{_DAY}{_MONTH}\.?,?[ \t]+(?:de[ \t]+)?{_YEAR}(?![\w-])", 0.6, re.IGNORECASE,
            lead=0, anchor=rf"{_D}(?:\.|º|°|ª|o\b)?[ \t]*(?:de[ \t]+)?{_MONTH}", fold=True),
    Pattern(rf"{_DAY}{_MONTH_LONG}(?![\w-]|[ \t]*,?[ \t]*(?:de[ \t]+)?\d)", 0.55, re.IGNORECASE,
            lead=0, anchor=rf"{_D}(?:\.|º|°|ª|o\b)?[ \t]*(?:de[ \t]+)?{_MONTH_LONG}",
            fold=True),
]

_PARTS = re.compile(rf"(\d{{1,2}})\D+?({_MONTH})(?:\D+(\d{{4}}))?", re.IGNORECASE)


def is_date(value: str) -> bool:
    """The day exists in its month (in its year, where one is written: 29 February)."""
    m = _PARTS.match(value)
    if m is None:
        return False
    month = _MONTH_OF.get(m.group(2).lower())
    if month is None:
        return False
    year = int(m.group(3)) if m.group(3) else 2000  # (a leap year: 29 February stands alone)
    return 1 <= int(m.group(1)) <= calendar.monthrange(year, month)[1]


#: birth words of these languages (the date after them is a birth date)
BIRTH_WORDS = (
    "nato", "nata", "nato il", "nata il", "data di nascita", "nascido", "nascida",
    "data de nascimento", "nascimento", "geboren", "geboortedatum", "urodzony", "urodzona",
    "data urodzenia", "nar.", "narozen", "narozena", "datum narození", "născut", "născută",
    "data nașterii", "data nasterii", "født", "fødselsdato", "född", "födelsedatum",
    "syntynyt", "syntymäaika", "doğum", "doğum tarihi", "doğumlu",
)

EUROPEAN_DATE = PatternRecognizer(
    name="european_date", entity="DATE_TIME", patterns=_PATTERNS, validate=is_date,
)
EUROPEAN_BIRTH_DATE = PatternRecognizer(
    name="european_birth_date", entity="DATE_OF_BIRTH", patterns=_PATTERNS, validate=is_date,
    context=BIRTH_WORDS, context_required=True, context_window=32, context_boost=0.35,
)
