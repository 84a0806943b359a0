"""A card or a social security number cut into pieces with other characters between them:
``"4111" + "1111" + "1111" + "1111"`` (code), ``['4111', '1111', '1111', '1111']`` (a list),
``4111.1111.1111.1111``, ``4111_1111_1111_1111``, ``4111 / 1111 / 1111 / 1111``, one group a
line, ``"078" + "-05-" + "1120"``; an IPv4 address with its dots spaced out or "defanged" as threat
reports write them (``10 . 0 . 12 . 45``, ``10[.]0[.]12[.]45``, ``10 dot 0 dot 12 dot 45``), or
written with spaces alone after a word that names it (``ip: 192 168 1 77``).

The number patterns allow one space or hyphen between groups, so a caller who wants a card past
the mask writes its groups as string pieces or list items, and a model joins them again. Here
the groups are read across up to six characters that are neither letters nor digits nor line
breaks (quotes, "+", commas, brackets, dots, slashes, underscores). A card's four groups of
four (or American Express's 4-6-5), all cut the same way, must make a number with a card's
issuer prefix and Luhn digit; an SSN's 3-2-4 must be one the SSA could issue. Four-digit groups
are also years, amounts and codes in a table, so a word that names the number must stand
before it (``card``, ``visa``, ``SSN``, ``social``...).
"""

from __future__ import annotations

import re

from veil.detect import validators as v
from veil.detect.patterns import Pattern, PatternRecognizer

_A = re.ASCII
#: what may stand between two pieces: one to six characters, none a letter, digit or line break
_CUT = r"(?:[^\w\n]|_){1,6}"
#: the start and end of a number: no letter, digit or "_" against it
_L, _R = r"(?<![A-Za-z0-9_])", r"(?![A-Za-z0-9_])"


def _cut(value: str, usual: str) -> bool:
    """Whether ``value`` is cut by something other than the ``usual`` separators, which the
    number's own recognizer reads (and whose word it wants before the number)."""
    return any(not c.isdigit() and c not in usual for c in value)


def _pieces_card(value: str) -> bool:
    """The pieces of a card, joined: a card's issuer prefix, length and Luhn digit."""
    return _cut(value, " -") and v.is_credit_card(v.digits(value))


def _pieces_ssn(value: str) -> bool:
    """The pieces of an SSN the SSA could issue, cut otherwise than by " ", "-" or "."."""
    return _cut(value, " -.") and v.is_issuable_us_ssn(value)


SPLIT_CARD = PatternRecognizer(
    name="split_card", entity="CREDIT_CARD",
    patterns=[
        # four groups of four, each cut the same way (the cut need not be the usual " " or "-")
        Pattern(rf"{_L}\d{{4}}(?P<c>{_CUT})\d{{4}}(?P=c)\d{{4}}(?P=c)\d{{4}}{_R}", 0.85, _A,
                lead=0, anchor=rf"\d{{4}}{_CUT}\d{{4}}"),
        # American Express: 4-6-5
        Pattern(rf"{_L}\d{{4}}(?P<c>{_CUT})\d{{6}}(?P=c)\d{{5}}{_R}", 0.85, _A, lead=0,
                anchor=rf"\d{{4}}{_CUT}\d{{6}}"),
        # one group a line, as a form's four boxes are pasted ("card:\n4111\n1111\n...")
        Pattern(rf"{_L}\d{{4}}(?P<c>[ \t]*\r?\n[ \t]*)\d{{4}}(?P=c)\d{{4}}(?P=c)\d{{4}}{_R}", 0.85,
                _A, lead=0, anchor=r"\d{4}[ \t]*\r?\n[ \t]*\d{4}"),
    ],
    validate=_pieces_card,
    # (not "cc" or "pan": a word's first piece is looked for anywhere in a text, and those
    # two are inside most texts' words, which kept the recognizer awake)
    context=("card", "credit", "visa", "mastercard", "amex", "debit", "carte", "tarjeta",
             "karte"),
    context_required=True, context_boost=0.1,
)

SPLIT_SSN = PatternRecognizer(
    name="split_ssn", entity="US_SSN",
    patterns=[Pattern(rf"{_L}\d{{3}}{_CUT}\d{{2}}{_CUT}\d{{4}}{_R}", 0.85, _A, lead=0,
                      anchor=rf"\d{{3}}{_CUT}\d{{2}}{_CUT}\d{{4}}")],
    validate=_pieces_ssn,
    context=("ssn", "social security", "social", "ss#", "ss #", "ss no"),
    context_required=True, context_boost=0.1,
)

#: a dot between an address's numbers as people write it to keep it from being one: spaced out,
#: in brackets, or the word
_IP_DOT = (r"(?:[ \t]*(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))[ \t]*|"
           r"[ \t]+dot[ \t]+)")
_OCTETS = re.compile(r"\d+")


def _split_ip(value: str) -> bool:
    """Four numbers of 0-255, the first not 0, written otherwise than ``1.2.3.4`` (which the
    address's own recognizer reads)."""
    parts = [int(n) for n in _OCTETS.findall(value)]
    return len(parts) == 4 and parts[0] > 0 and all(n <= 255 for n in parts) and \
        not re.fullmatch(r"[\d.]+", value)


SPLIT_IP = PatternRecognizer(
    name="split_ip", entity="IP_ADDRESS",
    patterns=[
        # dots spaced out, bracketed or spelled: the shape alone says it
        Pattern(rf"(?<![\w.])\d{{1,3}}(?:{_IP_DOT}\d{{1,3}}){{3}}(?![\w.]*\d)", 0.8,
                _A | re.IGNORECASE, lead=0, anchor=rf"\d{{1,3}}{_IP_DOT}\d"),
    ],
    validate=_split_ip,
    context=("ip", "address", "host", "server"), context_boost=0.1,
)

#: four numbers with spaces alone between them are a list as often as an address: a word that
#: names one must stand before them
SPACED_IP = PatternRecognizer(
    name="spaced_ip", entity="IP_ADDRESS",
    patterns=[Pattern(r"(?<![\w.])(?<!\d[ \t])\d{1,3}(?:[ \t]+\d{1,3}){3}(?![ \t]*\d|\w|\.\d)",
                      0.8, _A, lead=0, anchor=r"\d{1,3}[ \t]+\d{1,3}[ \t]+\d")],
    validate=_split_ip,
    context=("ip", "ip address", "ipv4", "host", "server"),
    context_required=True, context_after=False, context_boost=0.1,
)

#: In registration order (``veil.detect.builtin`` registers them after the glued numbers).
SPLIT_NUMBERS: tuple[PatternRecognizer, ...] = (SPLIT_CARD, SPLIT_SSN, SPLIT_IP, SPACED_IP)
