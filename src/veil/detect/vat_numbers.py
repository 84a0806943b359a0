"""A VAT identification number of the EU's member states and the UK: its country's two
letters and the national number (``DE494979450``, ``NL818594779B01``, ``GB 165 9843 19``,
``BE 0715.786.061``), as an invoice, a VIES check or a freelancer's letterhead writes it.

A sole trader's VAT number is the person's own tax number (Italy's and Poland's are their
personal tax codes' business twins, Belgium's and the Netherlands' were long the national
number or derived from it), so it is masked as a NATIONAL_ID, as a tax register's number after
its word already was. Without a word: each country's layout and check digits
(python-stdnum's ``eu.vat`` and ``gb.vat``), behind the country's prefix in capitals, make a
chance match rare; a number whose check fails is left to the labelled recognizers.
"""

from __future__ import annotations

import re

from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat

from veil.detect.patterns import Pattern, PatternRecognizer

#: the prefixes of the VAT numbers VIES checks (Greece writes ``EL``, Northern Ireland
#: ``XI``) and the UK's
_PREFIXES = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GB", "HR",
             "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
             "XI")
#: the prefix, a space at most, then the number: letters and digits (a check letter, Austria's
#: ``U``, a Dutch ``B01``) and groups of digits a space or a dot apart (``165 9843 19``,
#: ``0715.786.061``); two letters at most before its first digit (a French key's)
_VAT = (rf"(?<![A-Za-z0-9.-])(?:{'|'.join(_PREFIXES)})[ ]?(?=[A-Z]{{0,2}}[0-9])"
        r"[0-9A-Z]{2,14}(?:[ .][0-9]{2,4}){0,3}(?![A-Za-z0-9]|[.-][0-9])")
_SEPARATORS = str.maketrans("", "", " .")
_MIN_DIGITS = 7


def is_vat_number(value: str) -> bool:
    """Whether ``value`` (its country's prefix first) passes its country's VAT check."""
    compact = value.translate(_SEPARATORS)
    if sum(c.isdigit() for c in compact) < _MIN_DIGITS:
        return False
    try:
        if compact[:2] == "GB":
            return bool(gb_vat.is_valid(compact[2:]))
        return bool(eu_vat.is_valid(compact))
    except Exception:  # noqa: BLE001 - a validator never raises on bad input
        return False


VAT_NUMBER = PatternRecognizer(
    name="vat_number", entity="NATIONAL_ID",
    # (tried only where a prefix stands before a digit: one search of the text for the
    # prefixes, in C, instead of a try at every digit run)
    patterns=[Pattern(_VAT, 0.9, re.ASCII, lead=0,
                      mark=rf"(?:{'|'.join(_PREFIXES)})(?=[ ]?[A-Z]{{0,2}}[0-9])")],
    validate=is_vat_number,
    validated=True,  # the country's layout and check digits
)
