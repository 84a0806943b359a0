"""A traveller's values in an airline booking as a reservation system displays it (a PNR:
Amadeus', Sabre's, Galileo's), which travel agents and corporate travel desks paste:

    RP/LON1A0955/LON1A0955            AA/SU  12JUN24/0814Z   7XQ4LM
      1.OYELOWO/BABAJIDE MR   2.OYELOWO/FUNMILAYO MRS
      5 SSR DOCS BA HK1 P/GBR/538821774/GBR/22JUL78/M/14FEB31/OYELOWO/BABAJIDE/P1

Read (IATA's AIRIMP and the systems' own displays): a name element, the passenger's number,
a dot, ``SURNAME/GIVEN`` and a title (Sabre's ``1.1SURNAME/GIVEN``), where the booking has a
PNR's marks; the ``SSR DOCS`` element's document number, birth date and names by their
positions (``type/issuer/number/nationality/birth date/sex/expiry/surname/given``), the expiry
and the countries kept; the record locator at the end of Amadeus' ``RP/`` header line (a
locator after its words, "PNR", "booking reference", is ``booking_reference``'s). A flight's
segment (``BA 117 J 18JUN 2 LHRJFK``) stays.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.95

#: ``1.SURNAME/GIVEN MR`` (Sabre's ``1.1SURNAME/GIVEN``): the name to the title, two spaces,
#: the next element's number or the line's end
_NAME = re.compile(
    r"(?<![\w./])\d{1,2}\.(?:\d{1,2})?(?P<v>[A-Z][A-Z'-]*(?: [A-Z][A-Z'-]*)*/[A-Z][A-Z'-]*"
    r"(?: (?!(?:MR|MRS|MS|MISS|MSTR|DR|PROF|CHD|INF)\b)[A-Z][A-Z'-]*)*)"
    r"(?: (?:MR|MRS|MS|MISS|MSTR|DR|PROF|CHD|INF)\b)?(?=[ \t]{2}|[ \t]*(?:\r?\n|$|\d{1,2}\.))")
#: a name element's title: without a PNR's marks the name must carry one ("1.TCP/IP" is none)
_TITLED = re.compile(r" (?:MR|MRS|MS|MISS|MSTR|DR|PROF|CHD|INF)\b")
#: what only a PNR holds: its header, a special service request, a segment's status code
_PNR_MARKS = re.compile(r"(?m)^[ \t]*RP/|\bSSR[ ]|\b(?:HK|HL|KK|TK|UN)\d\b")
#: SSR DOCS: document type, issuing country, number, nationality, birth date, sex, expiry,
#: surname, given names (a holder's flag after them)
_DOCS = re.compile(
    r"\bDOCS\b[^\r\n/]{0,24}?[ /](?P<type>[A-Z]{1,2})/(?P<issuer>[A-Z]{2,3})?/"
    r"(?P<number>[A-Z0-9]{4,20})?/(?P<nationality>[A-Z]{2,3})?/(?P<dob>\d{2}[A-Z]{3}\d{2,4})?/"
    r"(?P<sex>[A-Z]{1,2})?/(?P<expiry>\d{2}[A-Z]{3}\d{2,4})?/(?P<surname>[A-Z][A-Z' -]*)"
    r"(?:/(?P<given>[A-Z][A-Z' -]*?))?(?=/|[ \t]*(?:\r?\n|$))")
#: Amadeus' header: ``RP/OFFICE/OFFICE  ...  LOCATOR`` (the locator ends the line)
_HEADER = re.compile(r"(?m)^[ \t]*RP/[A-Z0-9]{9}/[^\r\n]*?[ \t](?P<v>[A-Z0-9]{6})[ \t]*$")


class PnrRecognizer(Recognizer):
    """A PNR's passenger names, travel document and record locator."""

    name = "pnr"
    entities = ("PERSON", "PASSPORT", "NATIONAL_ID", "DATE_OF_BIRTH", "ACCOUNT_NUMBER")
    validated = True  # the element's layout says what each value is

    def idle(self, text: str) -> bool:
        # a name element's "SURNAME/GIVEN" and a DOCS element's fields hold a "/" between
        # capitals (searched from the "/", a literal: ~0.4 us a KB)
        return "/" not in text or _CAPITALS_SLASH.search(text) is None

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        marked: bool | None = None  # whether the text has a PNR's marks, once asked
        for m in _name_elements(text):
            if not _TITLED.match(text, m.end("v")):
                if marked is None:
                    marked = _PNR_MARKS.search(text) is not None
                if not marked:
                    continue
            out.append(self._found("PERSON", text, *m.span("v")))
        if "DOCS" in text:
            for m in _DOCS.finditer(text):
                self._docs(text, m, out)
        if "RP/" in text:
            out += [self._found("ACCOUNT_NUMBER", text, *m.span("v"))
                    for m in _HEADER.finditer(text)]
        return out

    def _docs(self, text: str, m: re.Match[str], out: list[Detection]) -> None:
        number_kind = "PASSPORT" if m.group("type") in ("P", "PP") else "NATIONAL_ID"
        for group, kind in (("number", number_kind), ("dob", "DATE_OF_BIRTH"),
                            ("surname", "PERSON"), ("given", "PERSON")):
            if m.group(group):
                s, e = m.span(group)
                while e > s and text[e - 1] == " ":
                    e -= 1
                out.append(self._found(kind, text, s, e))

    def _found(self, kind: str, text: str, s: int, e: int) -> Detection:
        return Detection(kind, s, e, _SCORE, self.name, text[s:e])


#: a "/" between capitals
_CAPITALS_SLASH = re.compile(r"/(?<=[A-Z]/)[A-Z]")
#: a name element's dot after its number and before a capital (Sabre's "1.1" too), searched
#: from the dot (a literal: the regex engine then skips to each one)
_ELEMENT_DOT = re.compile(r"\.(?<=\d\.)\d{0,2}[A-Z]")


def _name_elements(text: str) -> list[re.Match[str]]:
    """The name elements of ``text``: :data:`_NAME` tried at each number before a dot."""
    found = []
    for dot in _ELEMENT_DOT.finditer(text):
        i = dot.start()
        start = i - 2 if i >= 2 and text[i - 2].isdigit() else i - 1
        m = _NAME.match(text, start)
        if m is not None:
            found.append(m)
    return found


PNR = PnrRecognizer()
