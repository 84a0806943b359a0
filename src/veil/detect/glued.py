"""Numbers written against letters: "card4111111111111111exp", "SSNx078-05-1120",
"ibanDE89370400440532013000", "tel+14155550143".

The number patterns end at a word boundary, so a letter on either side hides the number from
them. Here a number glued to letters is found when it is checksummed or structured: a card's
Luhn digit and issuer prefix, an SSN's shape and the SSA's area rules, an IBAN's mod-97 check,
a phone number libphonenumber calls valid.

A glued number is also how machines write identifiers, so what it is glued to is read:
- letters only between the number and the token's edge, at most 20 of them: a hex hash or a
  git SHA ("3f4111...a9c0"), a UUID, a base64 blob hold other digits in the same token;
- "0x4111111111111111" is hex (a digit before the letters), "2.4111111111111111" a version or
  a decimal (a dot before the digits);
- a run of hex letters after the number must end the token ("...1111abc" then a digit is a
  hash), unless one of its letters is not hex ("...1111exp1227");
- a card has fifteen digits or more (EAN-13 and GTIN-14 product codes pass Luhn one time in
  ten), a bare nine-digit SSN or a bare
  national phone number needs its word in the letters ("ssn078051120", "phone4155550143").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from veil.detect import validators as v
from veil.detect.patterns import Pattern, PatternRecognizer

_A = re.ASCII
#: the start of the letters glued before a number: not inside a word (after "_" of an id or a
#: file name it may start: "jane_doe_078-05-1120.txt")
_L = r"(?<![A-Za-z0-9])"
#: letters glued before a number, one of them not a hex digit ("card", "SSNx", "acct"), maybe
#: an identifier's "_" ("call_4111..."); not a hyphen, which a link's slug writes before its
#: number ("activity-6963242628536487936-trAp")
_WORD = r"(?=[A-Fa-f]{0,19}[G-Zg-z])[A-Za-z]{1,20}_?"
#: letters glued before a number, all of them hex digits ("cc", "bad")
_HEX_WORD = r"[A-Fa-f]{1,20}_?"
#: letters glued after a number: one not a hex digit among them, or hex letters to the end
#: of the token ("exp", "exp1227", "abc"; not "a9c0ffee")
_GLUED_AFTER = r"(?=[_-]?(?:[A-Fa-f]{0,19}[G-Zg-z]|[A-Fa-f]{1,20}(?![A-Za-z0-9_])))"
#: the start of a number glued to letters after it only: not after a digit's ".", "+", "/"
#: or "-" (a version, a sum, a path, a UUID's group)
_BARE = r"(?<![A-Za-z0-9_.+/=-])"

#: a digit right after a letter, or after a letter and one of "_#:-": looked behind for from
#: the digit, so that a prefilter's search starts at a digit (see :func:`_glued`)
_GLUED_DIGIT = r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z][_#:-]\d))"
#: seven digits, maybe one separator between each two: every glued number holds them
_SEVEN_DIGITS = re.compile(r"\d(?:[ .+-]?\d){6}", re.ASCII)


def _glued(rx: str) -> Callable[[str], bool]:
    """A recognizer's prefilter: whether ``rx`` (a letter against the number its patterns
    find, in a loose shape) is anywhere in a text. Most texts hold no such number, and one
    search in C is cheaper than trying the patterns at every digit run (a ~1 KB text with
    identifiers and dates holds a few dozen). Each ``rx`` starts at a digit or a "+", the
    letter before it looked behind for from there: a search that starts at a letter, or at a
    look-behind, tries every position (a short prompt: ~1 against ~4 us). Seven digits are
    looked for first."""
    compiled = re.compile(rx, re.ASCII)
    return lambda text: (_SEVEN_DIGITS.search(text) is not None
                         and compiled.search(text) is not None)


#: a card's digits, 15 to 19 (American Express has 15, the others 16 and up), grouped by
#: spaces or hyphens or not
_CARD = r"\d(?:[ -]?\d){14,18}"
_CARD_ANCHOR = r"\d(?:[ -]?\d){14}"

GLUED_CARD = PatternRecognizer(
    name="glued_card",
    # fifteen digits or more, a letter (and maybe one of "_#:-") before or after them
    prefilter=_glued(rf"{_GLUED_DIGIT}(?:[ -]?\d){{14}}|\d(?:[ -]?\d){{14}}[_-]?[A-Za-z]"),
    entity="CREDIT_CARD",
    patterns=[
        # "card4111111111111111exp", "visa4111-1111-1111-1111", "cardno_4111111111111111"
        Pattern(rf"{_L}{_WORD}(?P<v>{_CARD})(?![0-9])", 0.9, _A, lead=21, spaced=False,
                anchor=_CARD_ANCHOR),
        # "cc4111111111111111": hex letters, then the token ends or more letters follow
        Pattern(rf"{_L}{_HEX_WORD}(?P<v>{_CARD})(?:(?![A-Za-z0-9_])|{_GLUED_AFTER})", 0.9, _A,
                lead=21, spaced=False, anchor=_CARD_ANCHOR),
        # "4111111111111111exp": letters after only
        Pattern(rf"{_BARE}(?P<v>{_CARD}){_GLUED_AFTER}", 0.9, _A, lead=0, anchor=_CARD_ANCHOR),
    ],
    validate=v.is_glued_card,
    context=("card", "credit", "visa", "mastercard", "amex", "cc", "payment", "debit"),
)

#: an SSN in the shape the SSA prints it: 3-2-4 digits, one separator throughout
_SSN = r"\d{3}(?P<s>[-.])\d{2}(?P=s)\d{4}"
#: the words of an SSN inside glued letters ("ssn078051120", "mySSNis078051120")
_SSN_WORD = r"(?i:[a-z]{0,12}?(?:ssn|social|socsec)[a-z]{0,8})[_#:-]?"

GLUED_SSN = PatternRecognizer(
    name="glued_ssn",
    prefilter=_glued(rf"{_GLUED_DIGIT}(?:\d{{2}}[-.]\d{{2}}[-.]\d{{4}}|\d{{8}})"
                     r"|\d{3}[-.]\d{2}[-.]\d{4}[_-]?[A-Za-z]"), entity="US_SSN",
    patterns=[
        # "SSNx078-05-1120", "id078-05-1120x": the shape, letters on either side
        Pattern(rf"{_L}[A-Za-z]{{1,20}}[_-]?(?P<v>{_SSN})(?![0-9]|[-.]\d)", 0.85, _A, lead=21,
                spaced=False, anchor=r"\d{3}[-.]\d{2}[-.]\d{4}"),
        Pattern(rf"{_BARE}(?P<v>{_SSN})(?=[_-]?[A-Za-z])", 0.85, _A, lead=0,
                anchor=r"\d{3}[-.]\d{2}[-.]\d{4}"),
        # "ssn078051120", "mySSNis078051120ok": nine digits, the word in the letters
        Pattern(rf"{_L}{_SSN_WORD}(?P<v>\d{{9}})(?![0-9]|[-.]\d)", 0.85, _A, lead=27,
                spaced=False, anchor=r"\d{9}(?![0-9])"),
    ],
    # the SSA's rules (area 000, 666, 9xx; group 00; serial 0000), published numbers included:
    # the letters around the number stand where a real one goes
    validate=v.is_issuable_us_ssn,
)

GLUED_IBAN = PatternRecognizer(
    name="glued_iban",
    # three letters before the check digits, or capitals after the IBAN
    prefilter=_glued(r"\d(?<=[A-Za-z]{3}\d)\d[ -]?[A-Z0-9]{4}"
                     r"|\d(?<=[A-Z]{2}\d)\d[A-Z0-9]{11,30}[A-Za-z]"), entity="IBAN",
    patterns=[
        # "ibanDE89370400440532013000", "IBANDE89370400440532013000"
        Pattern(rf"{_L}[A-Za-z]{{1,20}}?(?P<v>[A-Z]{{2}}\d{{2}}[A-Z0-9]{{11,30}})", 0.9, _A,
                lead=22, spaced=False, anchor=r"\d{2}[A-Z0-9]{11}"),
        # "ibanDE89 3704 0044 0532 0130 00": in groups
        Pattern(rf"{_L}[A-Za-z]{{1,20}}?(?P<v>[A-Z]{{2}}\d{{2}}(?:[ -]?[A-Z0-9]{{4}}){{2,7}}"
                r"(?:[ -]?[A-Z0-9]{1,4})?)(?![A-Za-z0-9])", 0.9, _A, lead=22, spaced=False,
                anchor=r"\d{2}(?:[ -]?[A-Z0-9]{4}){2}"),
        # "DE89370400440532013000exp", "DE89370400440532013000EXP": letters after only
        Pattern(r"(?<![A-Za-z0-9_])(?P<v>[A-Z]{2}\d{2}[A-Z0-9]{11,30})(?=[A-Za-z])", 0.9, _A,
                lead=2, spaced=False, anchor=r"\d{2}[A-Z0-9]{11}"),
    ],
    refine=v.refine_glued_iban, validated=True,  # the checksum, country length and layout
)

#: an international number: "+", then 7 to 15 digits, maybe grouped
_INTERNATIONAL = r"\+\d(?:[ .-]?\d){6,14}"
#: a phone's word inside glued letters ("phone4155550143", "telno07700900123")
_PHONE_WORD = (r"(?i:[a-z]{0,12}?(?:tel|phone|mobile|mob|cell|fax|call|whatsapp|sms))"
               r"[A-Za-z]{0,6}[_:-]?")

GLUED_PHONE = PatternRecognizer(
    name="glued_phone",
    prefilter=_glued(r"\+(?:(?<=[A-Za-z]\+)|(?<=[A-Za-z][_-]\+))\d"
                     r"|\+\d(?:[ .-]?\d){6,14}[A-Za-z]"
                     rf"|{_GLUED_DIGIT}\d{{9}}"), entity="PHONE",
    patterns=[
        # "tel+14155550143", "call+442079460958": letters before "+"
        Pattern(rf"{_L}[A-Za-z]{{1,20}}[_-]?(?P<v>{_INTERNATIONAL})(?![0-9])", 0.9, _A,
                lead=22, spaced=False, anchor=r"\d(?:[ .-]?\d){6}"),
        # "+14155550143ext": letters after only
        Pattern(rf"(?<![A-Za-z0-9_+])(?P<v>{_INTERNATIONAL})(?=[A-Za-z])", 0.9, _A, lead=1,
                spaced=False, anchor=r"\d(?:[ .-]?\d){6}"),
        # "phone4155550143", "mobile07700900123": a national number after a phone's word
        Pattern(rf"{_L}{_PHONE_WORD}(?P<v>\d{{10,11}})(?![0-9])", 0.9, _A, lead=27,
                spaced=False, anchor=r"\d{10,11}(?![0-9])"),
    ],
    validate=v.is_valid_phone,
)

#: In registration order (``veil.detect.builtin`` registers them after the phone and card
#: recognizers).
GLUED: tuple[PatternRecognizer, ...] = (GLUED_CARD, GLUED_SSN, GLUED_IBAN, GLUED_PHONE)
