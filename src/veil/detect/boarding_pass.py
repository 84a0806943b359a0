"""A traveller's values on a boarding pass and an e-ticket: the IATA bar-coded boarding pass
(BCBP) string that a scanner app gives back, and an airline ticket's thirteen-digit number.

The BCBP string (IATA Resolution 792) is fixed-width: ``M`` and the number of legs, the
passenger's name in 20 characters (``SURNAME/GIVEN``, padded), the e-ticket flag, the booking
reference (PNR) in 7, the two airports, the carrier, the flight, the day of the year, the
class, the seat, the check-in sequence, the passenger's status and the hexadecimal size of
the conditional items after it (``M1SMITH/JOHN         EABC123 LHRJFKBA 0283 312Y023A0041 100``).
The name (PERSON) and the booking reference (ACCOUNT_NUMBER) are read by their positions; in
the conditional items after them a token of six digits or more is the ticket's or the
frequent flyer's number (ACCOUNT_NUMBER). The airports, the carrier and the flight stay. No
word recognizer reads a name glued to its padding and flag, nor a PNR glued to the flag.

An airline ticket's number is the carrier's three-digit code and a ten-digit serial
(``125 2481937705``, ``016-2384719025``, ``0162384719025``): it opens the booking, so it is
masked within 48 characters after a ticket's word (``ticket``, ``e-ticket``, ``ETKT``,
``tkt``), a list of them too (``tickets 098-2217483361 and 098-2217483362``). Without the word
thirteen digits are an EAN's or an order's.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer

_SCORE = 0.95

#: the mandatory items of the first leg, by their widths
_BCBP = re.compile(
    r"(?<![A-Za-z0-9])M[1-4]"
    r"(?P<name>(?=[A-Z][A-Z'. -]{0,18}/)[A-Z][A-Z/'. -]{19})"
    r"(?P<flag>[E ])(?P<pnr>[A-Z0-9][A-Z0-9 ]{6})"
    r"[A-Z]{3}[A-Z]{3}[A-Z0-9]{2}[A-Z ][0-9]{4}[A-Z ][0-9]{3}[A-Z][0-9A-Z]{3}[A-Z ]"
    r"[0-9A-Z ]{5}[0-9A-Z][0-9A-F]{2}(?P<tail>[^\r\n]{0,300})", re.ASCII)
#: a token of the conditional items (their size is two hexadecimal digits: 255 at most)
_TAIL_TOKEN = re.compile(r"[0-9A-Z]+")
#: six digits in a row: a ticket's or a frequent flyer's number, not an item's size or flag
_SIX_DIGITS = re.compile(r"[0-9]{6}")


class BoardingPassRecognizer(Recognizer):
    """The name, the booking reference and the numbers of a BCBP string."""

    name = "boarding_pass"
    entities = ("PERSON", "ACCOUNT_NUMBER")
    validated = True  # the string's fixed layout says what each value is

    def idle(self, text: str) -> bool:
        return "/" not in text or _START.search(text) is None

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for start in _START.finditer(text):
            m = _BCBP.match(text, start.start())
            if m is None:
                continue
            s, e = m.span("name")
            while e > s and text[e - 1] == " ":
                e -= 1
            out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))
            s, e = m.span("pnr")
            while e > s and text[e - 1] == " ":
                e -= 1
            out.append(Detection("ACCOUNT_NUMBER", s, e, _SCORE, self.name, text[s:e]))
            base = m.start("tail")
            for n in _TAIL_TOKEN.finditer(m.group("tail")):
                if _SIX_DIGITS.search(n.group()):
                    out.append(Detection("ACCOUNT_NUMBER", base + n.start(), base + n.end(),
                                         _SCORE, self.name, n.group()))
        return out


#: a BCBP string's opening: ``M``, the legs, a surname's capital
_START = re.compile(r"(?<![A-Za-z0-9])M[1-4][A-Z]", re.ASCII)

BOARDING_PASS = BoardingPassRecognizer()

AIRLINE_TICKET = PatternRecognizer(
    name="airline_ticket", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?<![\w-])[0-9]{3}[ -]?[0-9]{10}(?![\w-])", 0.5, re.ASCII, lead=0,
                      anchor=r"[0-9]{3}[ -]?[0-9]{10}(?![\w-])")],
    context=("ticket", "tickets", "e-ticket", "eticket", "etkt", "tkt", "ticket number",
             "ticket no", "ticket #"),
    context_required=True, context_window=48, context_boost=0.45, context_after=False,
    validated=True,  # the required word and the carrier's code with its serial
)

#: every recognizer of this module, in the order they register
BOARDING_PASS_RECOGNIZERS = (BOARDING_PASS, AIRLINE_TICKET)
