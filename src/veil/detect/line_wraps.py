"""Values a line wrap broke in two, as a PDF, a narrow column or a mail client's quoting wraps
them: ``IBAN: DE89 3704⏎0044 0532 0130 00``, ``call 0412 555⏎019``, ``> My new mobile is
07700 900⏎> 461``, ``47 Larkspur⏎Avenue, Croydon CR0 2AB``.

The number and street recognizers end a value at a line break, so each half went upstream
(the second often read as a phone of its own). Where a line of prose ends in a number's group
(a digit) or a street's first words (a house number and capitalised words) and the next line
goes on with digits or a capital, the two lines are read as one: the break and a quoted
reply's ``>`` marks become spaces (same length: offsets hold), and the number, card, IBAN,
national number, phone and street recognizers read that window. Only what they find across
the break is kept; what lies on one line is theirs already. A column of numbers (a line of
one number) is no wrapped prose and is not joined. A hyphen at the line's end is the view's
(``veil.detect.normalize``: ``078-05-⏎1120`` reads whole).
"""

from __future__ import annotations

import functools
import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

#: a line break, with a quoted reply's marks on the next line, before a digit, an opening
#: bracket or a plus (a number's next group) or a capital (a street's next word)
_BREAK = re.compile(r"\n(?:[ \t]*>)*[ \t]*(?=[0-9(+A-Z])")
#: a line of prose: a word in small letters in it (a column of numbers, a statement's or a
#: reservation's line in capitals has none)
_PROSE = re.compile(r"[^\W\dA-Z_]{2}")
#: a street's start at a line's end: a house number and one to three capitalised words
_STREET_HEAD = re.compile(r"(?<![\w.,/-])\d{1,5}[A-Za-z]?(?:[ \t]+[A-Z][\w'’-]*){1,3}[ \t]*\r?$")
_DIGIT = re.compile(r"[0-9]")
#: a label opening the next line: a field of its own, not a street's next word
_LABEL = re.compile(r"[A-Z][\w'’./ -]{0,30}?[ \t]*:")
#: how much of a line either side of the break is read (a street's city and postcode follow
#: on the next line; an IBAN's groups run 34 characters)
_REACH = 120
#: the recognizers that read a joined window: numbers with a check or a shape, and streets
_READERS = frozenset({
    "iban", "iban_context", "credit_card", "credit_card_context", "phone", "phone_labelled",
    "us_ssn", "us_ssn_context", "uk_nhs", "uk_nhs_context", "uk_nino", "uk_nino_context",
    "street_address", "european_address", "address_last_part", "postcode",
})


@functools.cache
def _readers() -> tuple[Recognizer, ...]:
    from veil.detect.builtin import builtin_recognizers

    return tuple(r for r in builtin_recognizers() if r.name in _READERS)


class LineWrapRecognizer(Recognizer):
    """A number or a street that a line wrap split, read across the break."""

    name = "line_wrap"
    entities = ("IBAN", "CREDIT_CARD", "PHONE", "US_SSN", "UK_NHS", "UK_NINO", "LOCATION")
    validated = True  # what the readers found is checked by their own rules

    def idle(self, text: str) -> bool:
        return "\n" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if self.idle(text):
            return out
        for m in _BREAK.finditer(text):  # (cheap tests first: a text has many lines)
            s, e = m.span()
            before = s - 1 if s and text[s - 1] != "\r" else s - 2
            if before < 0:
                continue
            last, first = text[before], text[e]
            digit = last.isdigit() and (first.isdigit() or first in "(+")
            if not digit and not (first.isupper() and last.isalpha()
                                  and _DIGIT.search(text, max(0, s - 40), s) is not None):
                continue
            line_start = text.rfind("\n", 0, s) + 1
            lo = max(line_start, s - _REACH)
            if digit:
                if s - lo < 12 or _PROSE.search(text, lo, s) is None:
                    continue  # one number a line: a column, not a wrapped sentence
            elif _STREET_HEAD.search(text, max(lo, s - 40), s) is None \
                    or _LABEL.match(text, e) is not None:
                continue  # (the next line's label: "Telefon: ...", "IBAN: ..." is no street's)
            out.extend(self._across(text, lo, s, e, street=not digit))
        return out

    def _across(self, text: str, lo: int, s: int, e: int, *, street: bool) -> list[Detection]:
        """What the readers find across the break ``text[s:e]``, the two lines joined. A
        street's that a reader finds on the first line alone ("..., 0150 Oslo") is whole
        there: the next line is another's."""
        nl = text.find("\n", e)
        hi = min(len(text) if nl < 0 else nl, e + _REACH)
        window = text[lo:s].replace("\r", " ") + " " * (e - s) + text[e:hi]
        out: list[Detection] = []
        for r in _readers():
            found = [d for d in r.analyze(window) if d.start + lo < s and d.end + lo > e]
            if found and street:
                alone = {d.start for d in r.analyze(text[lo:s])}
                found = [d for d in found if d.start not in alone]
            for d in found:
                a, b = d.start + lo, d.end + lo
                out.append(Detection(d.type, a, b, d.score, self.name, text[a:b]))
        return out


LINE_WRAPS = LineWrapRecognizer()
