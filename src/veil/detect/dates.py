"""Calendar dates in English, French, German, Spanish and Chinese: DATE_TIME and DATE_OF_BIRTH.

One set of patterns serves two recognizers. ``date_of_birth`` needs a birth word nearby
(``born``, ``DOB``, ``né le``, ``geboren``, ``nacido``, ``出生``) and wins overlaps; ``date_time``
takes any full calendar date (day, month and year, or day and month name), validated as a real
date between 1880 and 2100. Machine timestamps (``2024-01-01T12:00``, ``2024-01-01 12:00:00``)
are left to the log they belong to. Whether plain dates are masked is the policy's choice
(``entities: {DATE_TIME: {enabled: false}}``); dates of birth are always PHI.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from veil.alternation import trie_pattern
from veil.detect.patterns import Pattern, PatternRecognizer

# Month names and abbreviations -> month number, all languages in one table (lower case,
# accents kept; the matcher folds case).
_MONTH_NAMES: dict[str, int] = {}
for _i, _names in enumerate((
    "january jan janvier janv janvier januar jän jänner enero ene",
    "february feb février fevrier févr fevr februar febrero",
    "march mar mars märz maerz marzo",
    "april apr avril avr abril abr",
    "may mai mayo",
    "june jun juin juni junio",
    "july jul juillet juil juli julio",
    "august aug août aout agosto ago",
    "september sep sept septembre septiembre setiembre",
    "october oct octobre oktober okt octubre",
    "november nov novembre noviembre",
    "december dec décembre decembre déc dezember dez diciembre dic",
), start=1):
    for _n in _names.split():
        _MONTH_NAMES[_n] = _i

# As prefix trees, the longest name winning: a flat alternation of 70 names was tried name by
# name at every number of a text and, back from a year, at every position before it.
_MONTH = "(?:" + trie_pattern([[re.escape(c) for c in m] for m in _MONTH_NAMES]) + ")"
# Without a year only full names count ("Option 5 may work", "3 mar" are not dates).
_MONTH_LONG = "(?:" + trie_pattern([[re.escape(c) for c in m] for m in _MONTH_NAMES
                                    if len(m) >= 4 or m == "mai"]) + ")"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = (r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?|"
            r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|"
            r"donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|"
            r"domingo),?\s+")
# Longest weekday the pattern accepts ("thurs" + "nesday") and longest month name: how far
# before its first digit a date can start, in non-space characters (see ``Pattern.lead``).
_WEEKDAY_MAX = 11
_MONTH_MAX = max(map(len, _MONTH_NAMES))
_NB = r"(?<![\w/.-])(?<!\d:)"  # ("DOB:1985-03-04": a colon after a word, not a time's)
_NA = r"(?![\w/-]|[.:]\d|\s?\d{1,2}:\d{2})"

DATE_PATTERNS = [
    # 2024-03-15, 2024/3/15, 2024.03.15
    Pattern(rf"{_NB}{_Y}([-/.])(?:1[0-2]|0?[1-9])\1{_D}(?![\w/-]|[.:]\d|[T ]\d{{2}}:)",
            0.6, re.ASCII, lead=0),
    # 15/03/2024, 03-15-2024, 15.03.24
    Pattern(rf"{_NB}\d{{1,2}}([-/.])\d{{1,2}}\1(?:{_Y}|\d{{2}}){_NA}", 0.6, re.ASCII, lead=0),
    # 15 March 2024, 15. März 2024, 15 de marzo de 2024, 1er janvier 2024, Monday 3 May 2021
    Pattern(rf"(?<!\w)(?:{_WEEKDAY})?{_D}{_ORD}\s*(?:de\s+|of\s+)?{_MONTH}\.?,?\s*(?:de[l]?\s+)?"
            rf"{_Y}(?!\w)", 0.6, re.IGNORECASE, lead=_WEEKDAY_MAX + 1,
            anchor=rf"{_D}{_ORD}\s*(?:de\s+|of\s+)?{_MONTH}", fold=True),
    # March 15, 2024 / Mar. 15th 2024
    Pattern(rf"(?<!\w)(?:{_WEEKDAY})?{_MONTH}\.?\s+{_D}{_ORD},?\s+{_Y}(?!\w)", 0.6,
            re.IGNORECASE, lead=_WEEKDAY_MAX + 1 + _MONTH_MAX + 1,
            anchor=rf"{_D}{_ORD},?\s+{_Y}(?!\w)"),
    # 15 March / le 15 mars / am 15. März (no year: still a personal date, lower score)
    Pattern(rf"(?<!\w){_D}{_ORD}\s*(?:de\s+|of\s+)?{_MONTH_LONG}(?![\w.]|\s*(?:de[l]?\s+)?\d)",
            0.55, re.IGNORECASE, lead=0, anchor=rf"{_D}{_ORD}\s*(?:de\s+|of\s+)?{_MONTH_LONG}",
            fold=True),
    # 3-Mar-1985 / 03-APR-2019 / 3/Mar/85: a day, a month's name and the year joined by dashes
    # or slashes, as forms and hospital systems write them
    Pattern(rf"(?<![\w/-]){_D}([-/]){_MONTH}\1(?:{_Y}|\d{{2}})(?![\w/-]|[.:]\d)", 0.6,
            re.IGNORECASE, lead=0, anchor=rf"{_D}[-/]{_MONTH}[-/]", fold=True),
    # 7 Jul '24 / 3rd June '24 / July 4, '85: a full date, its year's century written as an
    # apostrophe (a day and a month's name before it: "rock 'n' roll", "the '90s" are none)
    Pattern(rf"(?<!\w)(?:{_D}{_ORD}\s*(?:of\s+)?{_MONTH}\.?|{_MONTH}\.?\s+{_D}{_ORD}),?\s*"
            r"['’]\d{2}(?!\w)", 0.6, re.IGNORECASE, mark=r"['’]\d\d", words=3),
    # 2024年3月15日, 3月15日
    Pattern(r"(?:(?:1[89]|20)\d\d\s*年\s*)?(?:1[0-2]|0?[1-9])\s*月\s*(?:3[01]|[12]\d|0?[1-9])\s*[日号]",
            0.7, lead=7, at="月"),
]

# Only with a birth word: a birthday written without its year ("My birthday is July 4th"),
# with an apostrophe's year ("4 July '85"), or said aloud ("born on the fourth of July,
# nineteen eighty-five", a call's transcript). Plain dates of these shapes stay DATE_TIME's
# business (the policy's), not masked without the word. Tried where a month's full name or an
# apostrophe's two digits are (at every short number, a ~1 KB prompt with a birth word paid
# 56 us).
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = (r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
          r"nineteen)")
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TWO_WORDS = rf"(?:{_TENS}(?:[ -]{_UNITS})?|{_TEENS}|oh[ -]{_UNITS})"
_YEAR_WORDS = (rf"(?:(?:nineteen|eighteen)[ -]{_TWO_WORDS}|two[ -]thousand(?:[ -]and)?"
               rf"(?:[ -](?:{_TEENS}|{_UNITS}|twenty(?:[ -]{_UNITS})?))?"
               rf"|twenty[ -](?:oh[ -]{_UNITS}|{_TEENS}|twenty(?:[ -]{_UNITS})?))")
_ORDINAL_UNITS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_DAY_WORDS = (rf"(?:(?:twenty|thirty)[ -]{_ORDINAL_UNITS}|thirtieth|twentieth|tenth|eleventh|"
              rf"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
              rf"nineteenth|{_ORDINAL_UNITS})")
_SPOKEN_DAY = rf"(?:{_D}{_ORD}|(?:the[ \t]+)?{_DAY_WORDS})"
_MONTH_SPOKEN = rf"(?:{_MONTH_LONG}|may)"
BIRTH_ONLY_PATTERNS = [
    # 19850303: a date of birth written without separators, year first (a record's and a
    # form's; without the birth word eight digits are anything)
    Pattern(r"(?<![\w.-])(?:1[89]|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w.-])",
            0.55, re.ASCII, lead=0),
    # July 4th / March 15 (no year; the day no year's first digits: "July 4, 1985" is above)
    Pattern(rf"(?<!\w){_MONTH_LONG}\.?[ \t]+{_D}{_ORD}(?![\w.]|,?[ \t]*\d|,?[ \t]*['’]\d)",
            0.55, re.IGNORECASE, mark=_MONTH_LONG, lead=0, fold=True),
    # 4 July '85 / July 4, '85 / 04/07/'85
    Pattern(rf"(?<!\w)(?:{_D}{_ORD}\s*(?:of\s+)?{_MONTH}\.?|{_MONTH}\.?\s+{_D}{_ORD}),?\s*"
            r"['’]\d{2}(?!\w)", 0.55, re.IGNORECASE, check=False, mark=r"['’]\d\d", words=3),
    # (the) fourth of July, nineteen eighty-five / July the fourth nineteen eighty five /
    # March 3rd, nineteen eighty-five
    # (May too: between a spoken day and a spoken year it is no verb)
    Pattern(rf"(?<!\w)(?:{_SPOKEN_DAY}[ \t]+of[ \t]+{_MONTH_SPOKEN}|{_MONTH_SPOKEN}[ \t]+"
            rf"{_SPOKEN_DAY}),?[ \t]+{_YEAR_WORDS}(?![\w-])", 0.55, re.IGNORECASE,
            check=False, mark=_MONTH_SPOKEN, words=3, fold=True),
]

_CJK_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_NUMERIC_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_COMPACT_YMD = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WORD = re.compile(r"[^\W\d_]+")
_NUM = re.compile(r"\d+")


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s.lower())


def parse_any_date(value: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a date the patterns above match, or None if it is not a
    real calendar date."""
    v = value.strip()
    cands: list[tuple[int | None, int, int]] = []
    m = _CJK_DATE.fullmatch(v)
    if m:
        cands.append((int(m[1]) if m[1] else None, int(m[2]), int(m[3])))
    m = _NUMERIC_YMD.fullmatch(v)
    if m:
        cands.append((int(m[1]), int(m[2]), int(m[3])))
    m = _NUMERIC_DMY.fullmatch(v)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        y = y + (1900 if y >= 30 else 2000) if y < 100 else y
        cands += [(y, b, a), (y, a, b)]  # European day-first and US month-first
    if not cands:
        months = [_MONTH_NAMES[w] for w in map(_fold, _WORD.findall(v)) if w in _MONTH_NAMES]
        nums = [int(n) for n in _NUM.findall(v)]
        if months and nums:
            day = nums[0]
            found_year = next((n for n in nums[1:] if n >= 1000), None)
            if nums[0] >= 1000 and len(nums) > 1:  # "2024, March 5" is not a pattern shape
                return None
            cands.append((found_year, months[-1], day))
    for yy, mo, d in cands:
        try:
            dt.date(yy if yy is not None else 2000, mo, d)
        except ValueError:
            continue
        if yy is None or 1880 <= yy <= 2100:
            return yy, mo, d
    return None


def is_calendar_date(value: str) -> bool:
    return parse_any_date(value) is not None


def is_past_date(value: str) -> bool:
    """A real calendar date not in the future (a birth date); a date without year passes; a
    date of eight digits, year first, too (read here, not by :func:`parse_any_date`, whose
    readers rewrite the numbers they find in a date)."""
    m = _COMPACT_YMD.fullmatch(value.strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])) <= dt.date.today()
        except ValueError:
            return False
    p = parse_any_date(value)
    return p is not None and (p[0] is None or p[0] <= dt.date.today().year)


BIRTH_CONTEXT = (
    "born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "birth",
    "b.", "née", "age",
    # fr / de / es / zh
    "né", "né le", "née le", "naissance", "date de naissance", "anniversaire", "geboren",
    "geburtsdatum", "geburtstag", "geb.", "nacido", "nacida", "nació", "fecha de nacimiento",
    "cumpleaños", "出生", "出生日期", "生日",
)

DATE_OF_BIRTH = PatternRecognizer(
    name="date_of_birth", entity="DATE_OF_BIRTH", patterns=DATE_PATTERNS + BIRTH_ONLY_PATTERNS,
    validate=is_past_date, context=BIRTH_CONTEXT,
    context_required=True, context_window=32, context_boost=0.35,
)

DATE_TIME = PatternRecognizer(
    name="date_time", entity="DATE_TIME", patterns=DATE_PATTERNS,
    validate=is_calendar_date,
)


def _compact_date(value: str) -> bool:
    m = _COMPACT_YMD.fullmatch(value)
    if m is None:
        return False
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True


#: the labels a record's dates stand after: an admission's, a discharge's, a death's, a
#: service's (a birth's are ``BIRTH_CONTEXT``)
RECORD_DATE_CONTEXT = (
    "date", "dated", "adm", "admit", "admitted", "admission", "disch", "discharge",
    "discharged", "dod", "death", "died", "expired", "deceased", "dos", "service", "visit",
    "seen", "surgery", "collected", "received", "reported", "signed", "onset")

# 20240314 after a record's date label ("Adm Date 20240314  Disch Date 20240319"): a hospital
# system's export writes its dates without separators, as HL7 does; without the label eight
# digits are anything (an order's, an account's)
_COMPACT = r"(?:1[89]|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w.-])"
RECORD_DATE = PatternRecognizer(
    name="record_date", entity="DATE_TIME",
    # (tried only at a digit run of a date's eight digits: most texts hold none)
    patterns=[Pattern(rf"(?<![\w.-]){_COMPACT}", 0.55, re.ASCII, lead=0, anchor=_COMPACT)],
    validate=_compact_date, context=RECORD_DATE_CONTEXT,
    context_required=True, context_window=16, context_boost=0.3, context_after=False,
)
