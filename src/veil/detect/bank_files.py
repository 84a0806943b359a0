"""A customer's values in the bank formats that operations staff paste whole: NACHA (ACH) entry
detail records, a cheque's MICR line, an MT940 statement's ``:86:`` subfields, a card's track 2
in a switch's log, a statement line's sort code and account, and an ACH descriptor's
``IND ID``.

None of them reads as prose, and each one's layout says what a value is:

* a NACHA entry detail record (type 6, 94 characters in fixed positions, NACHA Operating Rules
  appendix 3): the receiver's account (positions 13-29), individual ID (40-54) and name
  (55-76), in a line whose transaction code and routing number's check digit hold;
* a MICR line (ANSI X9.27): the account in the on-us field, after the routing number's
  transit symbols ``⑆…⑆`` and before the on-us symbol ``⑈`` (the routing number names a bank);
* an MT940 ``:86:`` field's ``/NAME/``, ``/ORDP/``, ``/BENM/`` and the ultimate parties'
  subfields (the ``/CODE/value`` structure of the Dutch and SEPA banks' statements);
* a card's track 2 (ISO 7813, ``PAN=YYMM SSS discretionary``) after its card number, Luhn
  checked: the expiry, service code and verification values after the ``=``;
* a UK sort code and its eight-digit account (``STO TO 20-45-77 53108874``);
* ``IND ID:`` of an ACH statement descriptor (the receiver's identification at the
  originator).
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.us import rtn

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer

_SCORE = 0.95

#: an entry detail record: record type 6, a transaction code (NACHA's 2x to 8x: checking,
#: savings, GL, loan accounts), the RDFI's routing number with its check digit, the account,
#: a ten-digit amount
_NACHA_ENTRY = re.compile(r"6[2-8][1-9]\d{9}[ -~]{17}\d{10}[ -~]{15}[ -~]{22}")
#: a MICR line's routing number and on-us field: ⑆routing⑆ account⑈ (spaces and the dash
#: symbol ⑉ inside the account)
_MICR = re.compile(r"⑆[ ]?\d{9}[ ]?⑆[ ]*(?P<v>\d(?:[\d ⑉-]{2,20}\d))[ ]*⑈")
#: the same line as text recognition or a MICR font's letters write it: the transit symbol
#: as ``A`` (or ``T``), the on-us symbol as ``C`` (or ``U``), the dash as ``D``
#: (``C001872C A059504683A 4408123390C``); the routing number's check digit must hold
_MICR_LETTERS = re.compile(r"(?<![A-Za-z0-9])([AT])(?P<r>\d{9})\1[ ]*"
                           r"(?P<v>\d(?:[\d D-]{2,20}\d))[ ]*[CU](?![A-Za-z0-9])")
#: an entry detail record whose padding was not kept (an editor or a chat trimmed or squeezed
#: its blanks): the record type, transaction code, routing number and the account in one
#: token, the amount (ten digits) and the individual ID, the name, the trace number
_NACHA_LOOSE = re.compile(
    r"6[2-8][1-9]\d{9}(?P<a>[0-9A-Za-z-]{1,17})[ ]+\d{10}(?P<i>[0-9A-Za-z-]{1,15})?[ ]+"
    r"(?P<n>[A-Za-z][A-Za-z.,'&-]*(?:[ ][A-Za-z][A-Za-z.,'&-]*){0,4})(?=[ ]+\d{8}|[ ]*\r?$)",
    re.MULTILINE)
#: an MT940 statement's account identification (``:25:204577/41829067``, ``:25:BIC/account``,
#: an IBAN): the account after the bank's part
_MT940_ACCOUNT = re.compile(r"(?m)^:25P?:(?:[^/\r\n]{1,35}/)?(?P<v>[0-9A-Za-z][0-9A-Za-z -]{3,34})"
                            r"[ \t]*\r?$")
#: a :86: field's party subfields and their values, to the next "/CODE/" or the line's end
_MT940_PARTY = re.compile(
    r"/(?:NAME|ORDP|BENM|ULTD|ULTC|ULTB|ULTP)/(?:/NAME/)?(?P<v>[^/\r\n]{2,70}?)"
    r"[ \t]*(?=/[A-Z]{2,4}/|/?[ \t]*\r?\n|/?[ \t]*$)")
_MT940_OPENS = re.compile(r"/[A-Z]{2,4}/")
#: the end of a :86: field: the next field's tag or the message's end
_MT940_END = re.compile(r"(?m)^:\d{2}[A-Z]?:|^-\}?")


class BankFilesRecognizer(Recognizer):
    """Accounts and names in NACHA entry records, MICR lines and MT940 ``:86:`` fields."""

    name = "bank_files"
    entities = ("ACCOUNT_NUMBER", "PERSON")
    validated = True  # each format's layout says what a value is

    def idle(self, text: str) -> bool:
        return not (_nacha_lines(text) or "⑆" in text or ":86:" in text or ":25" in text
                    or _micr_letters(text))

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if _nacha_lines(text):
            self._nacha(text, out)
        if "⑆" in text:
            out += [self._found("ACCOUNT_NUMBER", text, *m.span("v"))
                    for m in _MICR.finditer(text)]
        if _micr_letters(text):
            out += [self._found("ACCOUNT_NUMBER", text, *m.span("v"))
                    for m in _MICR_LETTERS.finditer(text) if rtn.is_valid(m.group("r"))]
        if ":86:" in text:
            self._mt940(text, out)
        if ":25" in text:
            out += [self._found("ACCOUNT_NUMBER", text, *m.span("v"))
                    for m in _MT940_ACCOUNT.finditer(text)
                    if sum(c.isdigit() for c in m.group("v")) >= 4]
        return out

    def _nacha(self, text: str, out: list[Detection]) -> None:
        line = 0 if text.startswith("6") else text.find("\n6") + 1
        while line > 0 or line == 0 and text.startswith("6"):
            # (twelve digits first, checked in C: most lines that start with a 6 are prose)
            if text[line:line + 12].isdigit() and rtn.is_valid(text[line + 3:line + 12]):
                if _NACHA_ENTRY.match(text, line):
                    self._entry(text, line, out)
                else:
                    self._loose_entry(text, line, out)
            after = text.find("\n6", line)
            if after < 0:
                break  # (the last line: a find from past it returned -1, and 0 read it again)
            line = after + 1

    def _entry(self, text: str, line: int, out: list[Detection]) -> None:
        """An entry detail record's account, individual ID and name, by their positions."""
        for start, end, kind in ((12, 29, "ACCOUNT_NUMBER"), (39, 54, "ACCOUNT_NUMBER"),
                                 (54, 76, "PERSON")):
            s, e = line + start, line + end
            while s < e and text[s] == " ":
                s += 1
            while e > s and text[e - 1] == " ":
                e -= 1
            if e > s:
                out.append(self._found(kind, text, s, e))

    def _loose_entry(self, text: str, line: int, out: list[Detection]) -> None:
        """An entry detail record's account, individual ID and name by their order, where its
        blanks no longer keep the positions."""
        m = _NACHA_LOOSE.match(text, line)
        if m is None:
            return
        for group, kind in (("a", "ACCOUNT_NUMBER"), ("i", "ACCOUNT_NUMBER"), ("n", "PERSON")):
            if m.group(group):
                out.append(self._found(kind, text, *m.span(group)))

    def _mt940(self, text: str, out: list[Detection]) -> None:
        tag = text.find(":86:")
        while tag >= 0:
            # a field's tag starts its line, and a structured field opens with its first
            # "/CODE/" (a sentence about the format is none)
            if (tag == 0 or text[tag - 1] in "\r\n") and _MT940_OPENS.match(text, tag + 4):
                end = _MT940_END.search(text, tag + 4)
                stop = len(text) if end is None else end.start()
                for m in _MT940_PARTY.finditer(text, tag + 4, stop):
                    if any(c.isalpha() for c in m.group("v")):
                        out.append(self._found("PERSON", text, *m.span("v")))
            tag = text.find(":86:", tag + 4)

    def _found(self, kind: str, text: str, s: int, e: int) -> Detection:
        return Detection(kind, s, e, _SCORE, self.name, text[s:e])


_MICR_TRANSIT = re.compile(r"[AT]\d{9}[AT]")


#: a routing number's first digit is 0-3 (its Federal Reserve district) or 8 (a traveller's
#: cheque): a transit symbol's letter before one, found in C before any regex runs
_TRANSIT_STARTS = ("A0", "A1", "A2", "A3", "A8", "T0", "T1", "T2", "T3", "T8")


def _micr_letters(text: str) -> bool:
    """Whether ``text`` may hold a MICR line in letters (a routing number between ``A``s)."""
    return any(p in text for p in _TRANSIT_STARTS) and _MICR_TRANSIT.search(text) is not None


def _nacha_lines(text: str) -> bool:
    """Whether a line of ``text`` may be an entry detail record (a "6" starts it)."""
    return text.startswith("6") or "\n6" in text


BANK_FILES = BankFilesRecognizer()

_DIGITS = frozenset("0123456789")
#: a track 2's rest after its "=" (the card number is read back from the "=")
_TRACK2_REST = re.compile(r"=(?P<v>[0-9]{4,40})(?![0-9])")
#: a sort code's last pairs and the account after them, from its first "-"
_SORT_CODE_REST = re.compile(r"-[0-9]{2}-[0-9]{2}[ \t]+(?P<v>[0-9]{8})(?![\w-])")


class Track2Recognizer(Recognizer):
    """A card's track 2 after its number (``5521830047152912=27082011000012340000``: ISO 7813's
    expiry, service code and discretionary data, the PIN's and the card's verification values
    among them), as a switch's or a terminal's log writes field 35: only where a Luhn-valid
    card number stands right before the "=". Read from each "=" between two digits (a
    program's text has many "=", few of them there)."""

    name = "card_track2"
    entities = ("CREDIT_CARD",)
    validated = True  # the card number's check and the track's layout

    def idle(self, text: str) -> bool:
        return "=" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        i = text.find("=", 13)
        while i >= 0:
            if text[i - 1] in _DIGITS:
                j = i
                while j > 0 and text[j - 1] in _DIGITS and i - j <= 19:
                    j -= 1
                m = _TRACK2_REST.match(text, i)
                if m is not None and 13 <= i - j <= 19 and luhn.is_valid(text[j:i]):
                    s, e = m.span("v")
                    out.append(Detection("CREDIT_CARD", s, e, _SCORE, self.name, text[s:e]))
            i = text.find("=", i + 1)
        return out


class SortCodeAccountRecognizer(Recognizer):
    """A UK sort code and the eight-digit account after it (a statement's standing order,
    ``STO TO 20-45-77 53108874``): the pair opens the account; the sort code alone names a
    branch and stays."""

    name = "sort_code_account"
    entities = ("ACCOUNT_NUMBER",)
    validated = True  # the pair's layout

    def idle(self, text: str) -> bool:
        return "-" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        # (the regex from the sort code's first "-", a literal it searches for in C: a loop
        # over a text's hyphens cost twice as much)
        for m in _SORT_CODE_REST.finditer(text, 2):
            i = m.start()
            if (text[i - 1] in _DIGITS and text[i - 2] in _DIGITS
                    and (i < 3 or not (text[i - 3].isalnum() or text[i - 3] in "_-"))):
                s, e = m.span("v")
                out.append(Detection("ACCOUNT_NUMBER", s, e, 0.9, self.name, text[s:e]))
        return out


TRACK2 = Track2Recognizer()
SORT_CODE_ACCOUNT = SortCodeAccountRecognizer()

# An ACH statement descriptor's receiver id (``IND ID:4471882913``, next to ``IND NAME:``):
# the receiver's number at the originator (an insurer's policy, an employer's staff number).
IND_ID = PatternRecognizer(
    name="ach_ind_id", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"\bIND ID:[ ]?(?P<v>[A-Z0-9][A-Z0-9-]{3,21})(?![\w-])", 0.9, re.ASCII,
                      mark="IND ID:", lead=0)],
    validated=True)

#: every recognizer of this module, in the order they register
BANK_FILE_RECOGNIZERS = (BANK_FILES, TRACK2, SORT_CODE_ACCOUNT, IND_ID)
