"""Dates of birth said aloud in numbers, as speech recognition writes a call or a dictation:
``eleven fourteen eighty two``, ``twelve twelve nineteen ninety``, ``oh nine, twenty, nineteen
sixty eight``, ``three slash fourteen slash nineteen seventy``, ``june fifth, ninety one``,
``the seventeenth of october seventy three``, ``the eighth of the eleventh sixty two``,
``nineteen fifty two, february the ninth``. The date patterns (:mod:`veil.detect.dates`) read a
month's name with an ordinal day and a year of four spoken digits; these shapes have none of
that, and the digit-word reader (:mod:`veil.detect.spelled_numbers`) takes a date only as six or
eight single digits.

A run of number words, ordinals, months' names and the words between them (``of``, ``the``,
``slash``, a comma, a hesitation) is read as fields: a month's name, an ordinal day, a number
of one or two words (``oh nine``, ``fourteen``, ``twenty two``), a year (``nineteen ninety``,
``two thousand and four``, ``twenty sixteen``, ``eighty five``). Month, day and year in the
order people say them (month first, day first, year first), or a month's name and its day
alone, that make a real past date are one. Spoken numbers in prose are as often amounts,
times and counts (``twelve twelve`` is a time, ``four twenty-two`` a price), so a run counts
only within a short stretch after a birth word (``born``, ``date of birth``, ``DOB``, ``D O
B``, ``birthday``), as the question and answer of a call put it; a date without one is the
policy's DATE_TIME and stays. A year alone (``born in nineteen eighty``) is no date.

Idle on a text without a birth word (one automaton pass shared with every mark); after one, a
number's word is looked for before any run is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from veil.alternation import trie_pattern
from veil.detect.entity import Detection
from veil.detect.patterns import ANCHORED, Pattern, Scan, folded
from veil.detect.recognizer import Recognizer

_DIGITS = {"zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
           "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {w: n for n, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen",
                                      "fifteen", "sixteen", "seventeen", "eighteen",
                                      "nineteen"), start=10)}
_TENS = {w: 10 * n for n, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty",
                                          "seventy", "eighty", "ninety"), start=2)}
_ORDINALS = {w: n for n, w in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
     "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=1)} | {"thirtieth": 30}
_MONTHS = {w: n for n, w in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)} | {"sept": 9}
_NUMBER_WORDS = {**_DIGITS, **_TEENS, **_TENS}


def _words(*tables: dict[str, int]) -> str:
    """The words as a prefix tree: the engine tries a few branches at a position, not each
    word (a flat alternation tried ~60 words at every character of the stretch)."""
    return trie_pattern([[re.escape(c) for c in w] for t in tables for w in t])


def _lower(text: str) -> str | None:
    """The text in lower case, index for index (None where lower case changes a length): the
    patterns below are written in lower case and read it without IGNORECASE, which made the
    engine try each case of each branch."""
    low = folded(text)
    if low is None:
        low = text.lower()
        return low if len(low) == len(text) else None
    return low


_B = r"(?![\w'’])"
_TOKEN = (rf"(?:(?:{_words(_NUMBER_WORDS, _ORDINALS, _MONTHS)}|hundred|thousand){_B}|"
          r"\d{1,4}(?:st|nd|rd|th)?(?![\w'’]|[.,:]\d))")
#: what a speaker says between a date's parts: a comma, a slash or a dash said or written, "of
#: the", "and" ("two thousand and four"), a hesitation; possessive: a run is read once
_SEP = r"(?:[ \t]*+(?:[,/.-]|(?:slash|dash|of|the|and|um|uh|er|erm)(?![\w'’])))*+[ \t]*+"
_RUN_SOURCE = rf"(?<![\w'’])(?:the[ \t]+)?{_TOKEN}(?:{_SEP}{_TOKEN})*+"
_RUN = re.compile(_RUN_SOURCE)
_RUN_ANY_CASE = re.compile(_RUN_SOURCE, re.IGNORECASE)
_PIECE = re.compile(r"[^\W\d_]+|\d+|[,/]", re.IGNORECASE)
_ORDINAL_NUMERAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)", re.IGNORECASE)

#: a birth word; "birth" starts "date of birth", "birthday" and "birth date"
BIRTH_WORDS = Scan(Pattern(r"(?<!\w)(?:born|dob|d\.o\.b|d o b|birth)", 0.0, re.IGNORECASE,
                           mark=r"(?<!\w)(?:born|dob|d\.o\.b|d o b|birth)", fold=True, lead=0))
#: a number's or an ordinal's word: a spoken date holds one (its day, its year). Looked for
#: after a birth word only, not in the text's shared pass: prose is full of "one" and "first"
_SPOKEN_NUMBER = re.compile(rf"(?<!\w)(?:{_words(_NUMBER_WORDS, _ORDINALS)})(?!\w)")
_BORN_ALONE = re.compile(r"(?:born|dob|d\.o\.b|d o b|birth(?:day|date)?)(?![\w'’])",
                         re.IGNORECASE)
#: how far after the birth word the date may start ("date of birth?⏎Caller: yeah it's ...")
_AFTER = 64
#: what stands between a birth word and its answer: a question's end, a speaker's label or
#: time, "is", a hesitation ("birthday? Caller: uh it's march third")
_ANSWER_LEAD = re.compile(
    r"(?:[\s?:,.\-\[\]()]|\d|(?:is|it's|its|it’s|was|on|the|my|mine|uh|um|er|yeah|yes|sure|"
    r"ok|okay|so|of|please|[a-z_]+\d*:)(?![\w'’]))*", re.IGNORECASE)
#: how long a run is read at most
_LONGEST = 96


class _Atom(NamedTuple):
    kind: str  # "d" digit word, "t" teen, "x" tens, "o" ordinal, "m" month, "n" numeral,
    # "h" hundred, "k" thousand
    value: int
    start: int
    end: int
    cut: bool  # a comma or a slash before it: a field does not run across it


class _Field(NamedTuple):
    kind: str  # "m" a month's name, "o" an ordinal, "n" a number, "y" a four-digit year
    value: int
    width: int  # digits said: "oh nine" 2, "nine" 1, "eighty five" 2


def _atoms(run: str, offset: int) -> list[_Atom]:
    out: list[_Atom] = []
    cut = False
    for m in _PIECE.finditer(run):
        word = m.group().lower()
        s, e = offset + m.start(), offset + m.end()
        if word in (",", "/", "slash"):
            cut = True
            continue
        ordinal = _ORDINAL_NUMERAL.fullmatch(word)
        if ordinal is not None:
            out.append(_Atom("o", int(ordinal[1]), s, e, cut))
        elif word.isdigit():
            out.append(_Atom("n", int(word), s, e, cut))
        elif word in _ORDINALS:
            if out and out[-1].kind == "x" and _ORDINALS[word] < 10 and not cut:
                # "twenty ninth": one ordinal
                prev = out.pop()
                out.append(_Atom("o", prev.value + _ORDINALS[word], prev.start, e, prev.cut))
            else:
                out.append(_Atom("o", _ORDINALS[word], s, e, cut))
        elif word in _MONTHS:
            out.append(_Atom("m", _MONTHS[word], s, e, cut))
        elif word in _DIGITS:
            out.append(_Atom("d", _DIGITS[word], s, e, cut))
        elif word in _TEENS:
            out.append(_Atom("t", _TEENS[word], s, e, cut))
        elif word in _TENS:
            out.append(_Atom("x", _TENS[word], s, e, cut))
        elif word in ("hundred", "thousand"):
            out.append(_Atom(word[0] if word == "hundred" else "k", 0, s, e, cut))
        else:  # "the", "of", "and", "dash", a hesitation: nothing of the date
            continue
        cut = False
    return out


def _two(atoms: list[_Atom], i: int) -> Iterator[tuple[int, int]]:
    """The numbers of two digits or fewer said from atom ``i`` on: (value, next atom)."""
    a = atoms[i]
    if a.kind == "t":
        yield a.value, i + 1
    elif a.kind == "x":
        yield a.value, i + 1
        if _joined(atoms, i + 1, "d") and atoms[i + 1].value:
            yield a.value + atoms[i + 1].value, i + 2
    elif a.kind == "d":
        yield a.value, i + 1
        if _joined(atoms, i + 1, "d"):
            yield 10 * a.value + atoms[i + 1].value, i + 2


def _joined(atoms: list[_Atom], i: int, kind: str) -> bool:
    return i < len(atoms) and atoms[i].kind == kind and not atoms[i].cut


def _fields(atoms: list[_Atom], i: int) -> Iterator[tuple[_Field, int]]:
    """Each field that can be read from atom ``i`` on, and the atom after it."""
    a = atoms[i]
    if a.kind == "m":
        yield _Field("m", a.value, 0), i + 1
        return
    if a.kind == "o":
        yield _Field("o", a.value, 0), i + 1
        return
    if a.kind == "n":
        yield _Field("y" if 1800 <= a.value <= 2100 else "n", a.value,
                     2 if a.value < 100 else 4), i + 1
        return
    # a year of four digits said as two numbers: "nineteen ninety", "twenty oh four",
    # "twenty sixteen"; "two thousand (and) four"; "one nine eight five"
    if a.kind in "tx" and a.value in (18, 19, 20) and i + 1 < len(atoms) \
            and not atoms[i + 1].cut:
        for low, nxt in _two(atoms, i + 1):
            said_oh = atoms[i + 1].kind == "d" and nxt == i + 3
            if atoms[i + 1].kind != "d" or said_oh:
                yield _Field("y", 100 * a.value + low, 4), nxt
    if a.kind == "d" and a.value == 2 and _joined(atoms, i + 1, "k"):
        yield _Field("y", 2000, 4), i + 2
        if i + 2 < len(atoms) and not atoms[i + 2].cut:
            for low, nxt in _two(atoms, i + 2):
                yield _Field("y", 2000 + low, 4), nxt
    if a.kind == "d" and all(_joined(atoms, j, "d") for j in (i + 1, i + 2, i + 3)):
        year = int("".join(str(atoms[j].value) for j in range(i, i + 4)))
        if 1800 <= year <= 2100:
            yield _Field("y", year, 4), i + 4
    for value, nxt in _two(atoms, i):
        yield _Field("n", value, nxt - i if a.kind == "d" else 2), nxt


def _readings(atoms: list[_Atom], i: int, depth: int) -> Iterator[tuple[list[_Field], int]]:
    """Sequences of up to ``depth`` fields from atom ``i`` on (the longest first)."""
    if depth == 0 or i >= len(atoms):
        return
    for field, nxt in _fields(atoms, i):
        for rest, end in _readings(atoms, nxt, depth - 1):
            yield [field, *rest], end
        yield [field], nxt


def _year(field: _Field) -> int | None:
    if field.kind == "y":
        return field.value
    if field.kind == "n" and field.width == 2:  # "eighty five", "oh four": the century's
        this = dt.date.today().year
        full = 2000 + field.value
        return full if full <= this else 1900 + field.value
    return None


def _month(field: _Field) -> int | None:
    if field.kind in "mo" or (field.kind == "n" and field.value):
        return field.value if 1 <= field.value <= 12 else None
    return None


def _day(field: _Field) -> int | None:
    if field.kind in "on" and 1 <= field.value <= 31:
        return field.value
    return None


def _is_date(fields: list[_Field]) -> bool:
    """Whether the fields say a real past date: month, day and year in one of the orders
    people say them, or a month's name and an ordinal day without the year."""
    named = any(f.kind == "m" for f in fields)
    if len(fields) == 2:
        a, b = fields
        pairs = ((a, b), (b, a))
        return any(m.kind == "m" and d.kind == "o" and _valid(2000, m.value, d.value)
                   for m, d in pairs)
    if len(fields) != 3:
        return False
    a, b, c = fields
    orders = ((a, b, c), (b, a, c), (b, c, a))  # (month, day, year): US, day first, year first
    for m, d, y in orders:
        if y.kind in "mo" or (not named and d.kind == "m"):
            continue
        if named and m.kind != "m":
            continue
        month, day, year = _month(m), _day(d), _year(y)
        if month is not None and day is not None and year is not None and \
                _valid(year, month, day):
            return True
    return False


def _valid(year: int, month: int, day: int) -> bool:
    try:
        return dt.date(year, month, day) <= dt.date.today() and year >= 1880
    except ValueError:
        return False


class SpokenDateRecognizer(Recognizer):
    """Dates of birth said in number words after a birth word."""

    name = "spoken_date"
    entities = ("DATE_OF_BIRTH",)
    validated = True  # a real date right after its birth word

    def idle(self, text: str) -> bool:
        return ANCHORED and not BIRTH_WORDS.any_anchor(text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        done = 0
        low = _lower(text)
        hay, runs = (text, _RUN_ANY_CASE) if low is None else (low, _RUN)
        for p in BIRTH_WORDS.starts(text):
            word = _BORN_ALONE.match(text, p)
            if word is None:  # "borne", "births"
                continue
            if low is not None and \
                    _SPOKEN_NUMBER.search(low, word.end(), word.end() + _AFTER + _LONGEST) is None:
                continue  # no number's word after it: a date in figures is the patterns'
            lo = max(word.end(), done)
            for m in runs.finditer(hay, lo, min(len(text), word.end() + _AFTER + _LONGEST)):
                if m.start() > word.end() + _AFTER:
                    break
                said = _ANSWER_LEAD.fullmatch(text, word.end(), m.start()) is not None
                found = self._date(text, m.start(), m.end(), said)
                if found is not None:
                    out.append(found)
                    done = found.end
                    break
                # the answer was another number ("twelve payments of forty five, the last on
                # june fifth"); a timestamp's digits ("[00:00:05] Caller:") are passed over
                if not text[m.start():m.end()].isdigit():
                    break
        return out

    def _date(self, text: str, start: int, end: int, said: bool) -> Detection | None:
        """The date the run at ``start``-``end`` opens with; a month and its day without the
        year only when ``said`` right after the birth word."""
        atoms = _atoms(text[start:end], start)
        least = 2 if said else 3
        for i in range(min(2, len(atoms))):  # a run may open with the day's "the" or a number
            best = max((e for fields, e in _readings(atoms, i, 3)
                        if len(fields) >= least and _is_date(fields)), default=None)
            if best is not None and any(a.kind in "dtxk" or (a.kind == "o" and not
                                                              text[a.start].isdigit())
                                        for a in atoms[i:best]):
                # (a date in figures, "DOB 08/26/1979", is the date patterns')
                s = start if i == 0 else atoms[i].start
                return Detection("DATE_OF_BIRTH", s, atoms[best - 1].end, 0.9, self.name,
                                 text[s:atoms[best - 1].end])
        return None


SPOKEN_DATES = SpokenDateRecognizer()
