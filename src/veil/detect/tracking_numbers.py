"""A parcel's tracking number by its carrier's layout and check digit, with no word before it.

A tracking number opens the shipment: the recipient's name, address and signature. People
paste them bare ("Also 9205590184712300088178 is in transit", "Signed For AB120987648GB too");
the labelled recognizer (``account_number``'s "tracking", "waybill", a carrier's name) reads
only the one right after its word. Each layout here carries a check that a made-up or mistyped
number fails nine times in ten or more, so the shape and the check are the validation:

* UPS: ``1Z``, six characters of the shipper, two of the service, seven of the package and a
  check digit (letters count as ``(ord - 3) % 10``; odd positions once, even ones twice);
  printed spaced too (``1Z 999 AA1 01 2345 678 4``);
* USPS Intelligent Mail package barcodes: 20 or 22 digits from ``91``-``95``, in fours or not,
  and the GS1 mod-10 check (weights 3 and 1 from the right);
* the UPU's S10 numbers of the postal services (Royal Mail, Deutsche Post, USPS's
  international items): two letters, eight digits, a check digit (weights 8 6 4 2 3 5 9 7,
  mod 11) and the country's two letters (``RN482139075GB``, ``LX305711969DE``);
* Amazon Logistics: ``TBA`` and twelve digits;
* FedEx's twelve digits (weights 1 3 7 from the right, mod 11) and DHL Express's ten (mod 7)
  are shapes of other numbers too (orders, invoices), so only in a text that names the carrier.
"""

from __future__ import annotations

import itertools
import re

from veil.detect.patterns import Pattern, PatternRecognizer, folded
from veil.detect.validators import COUNTRY_CODES

_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def _digits_of(value: str) -> str:
    return value.replace(" ", "").replace("-", "")


def ups_check(value: str) -> bool:
    """UPS's check digit over the 15 characters after ``1Z``."""
    v = _digits_of(value).upper()
    if len(v) != 18 or not v.startswith("1Z") or not v[-1].isdigit():
        return False
    total = 0
    for i, c in enumerate(v[2:17]):
        n = int(c) if c.isdigit() else (ord(c) - 3) % 10
        total += n * (2 if i % 2 else 1)
    return (10 - total % 10) % 10 == int(v[-1])


def mod10_3_1(digits: str) -> bool:
    """GS1's mod-10 check (USPS): weights 3 and 1 from the digit before the check digit."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == int(digits[-1])


def usps_check(value: str) -> bool:
    v = _digits_of(value)
    return len(v) in (20, 22) and v[:2] in ("91", "92", "93", "94", "95") and mod10_3_1(v)


def s10_check(value: str) -> bool:
    """The UPU S10 check digit and a real country code at the end."""
    v = _digits_of(value).upper()
    if len(v) != 13 or v[-2:] not in COUNTRY_CODES:
        return False
    total = sum(int(c) * w for c, w in zip(v[2:10], _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    check = 0 if check == 10 else 5 if check == 11 else check
    return check == int(v[10])


def fedex_check(value: str) -> bool:
    """FedEx Express's twelve digits: weights 1, 3, 7 from the right, mod 11, mod 10."""
    v = _digits_of(value)
    if len(v) != 12:
        return False
    total = sum(int(c) * w for c, w in zip(reversed(v[:-1]), itertools.cycle((1, 3, 7))))
    return total % 11 % 10 == int(v[-1])


def dhl_check(value: str) -> bool:
    """DHL Express's ten digits: the first nine mod 7."""
    v = _digits_of(value)
    return len(v) == 10 and int(v[:9]) % 7 == int(v[9])


def _valid(value: str) -> bool:
    v = value.upper()
    if v.startswith("1Z"):
        return ups_check(v)
    if v.startswith("TBA"):
        return True  # Amazon's own prefix and length
    if v[:1].isalpha():
        return s10_check(v)
    return usps_check(v)


TRACKING_NUMBER = PatternRecognizer(
    name="tracking_number", entity="ACCOUNT_NUMBER",
    patterns=[
        # UPS (tried at each "1z")
        Pattern(r"(?<![A-Za-z0-9])1Z(?:[ ]?[0-9A-Z]){16}(?![A-Za-z0-9])", 0.9, re.ASCII,
                mark="1z", fold=True, lead=0),
        # USPS: 20 or 22 digits, in fours or not
        Pattern(r"(?<![\w-])9[1-5][0-9]{2}(?:[ ]?[0-9]{4}){4}(?:[ ]?[0-9]{2})?(?![\w-])", 0.9,
                re.ASCII, lead=0, anchor=r"9[1-5][0-9]{2}(?:[ ]?[0-9]{4}){4}"),
        # the UPU's S10: two letters, nine digits (in threes or not), the country
        Pattern(r"(?<![A-Za-z0-9])[A-Z]{2}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[A-Z]{2}"
                r"(?![A-Za-z0-9])", 0.9, re.ASCII, lead=2,
                anchor=r"[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[A-Z]{2}(?![A-Za-z0-9])"),
        # Amazon Logistics
        Pattern(r"(?<![A-Za-z0-9])TBA[0-9]{12}(?![A-Za-z0-9])", 0.9, re.ASCII, lead=3,
                spaced=False, anchor=r"[0-9]{12}(?![A-Za-z0-9])"),
    ],
    validate=_valid,
    validated=True,  # the carrier's layout and check digit
)


def _names_a_carrier(text: str) -> bool:
    low = folded(text)
    if low is None:
        low = text.lower()
    return "fedex" in low or "dhl" in low


def _carrier_valid(value: str) -> bool:
    v = _digits_of(value)
    return fedex_check(v) if len(v) == 12 else dhl_check(v)


# FedEx's and DHL's numbers are digits only: read in a text that names the carrier
CARRIER_TRACKING = PatternRecognizer(
    name="carrier_tracking", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?<![\w.,/-])(?:[0-9]{4}[ ]?[0-9]{4}[ ]?[0-9]{4}|[0-9]{10})"
                      r"(?![\w-]|[.,/][0-9])", 0.85, re.ASCII, lead=0)],
    validate=_carrier_valid, prefilter=_names_a_carrier,
    validated=True,  # the carrier named, and its check digit
)

#: every recognizer of this module, in the order they register
TRACKING_NUMBERS = (TRACKING_NUMBER, CARRIER_TRACKING)
