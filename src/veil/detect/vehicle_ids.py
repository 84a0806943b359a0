"""A vehicle's VIN by its check digit, and a driving licence after the abbreviation ``DL``.

``vehicle_id`` reads a VIN only after its word ("VIN", "chassis number"); a used-car listing,
a Carfax report or a tow yard's note writes it bare ("Carfax report for 2T1BURHE1JC054321",
"your registration for vehicle JTDKARFUXK3087654"). A VIN's ninth character is a check digit
(ISO 3779 as North America requires it, and most European and Asian makers write it too):
the letters' values, the weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, mod 11, ``X`` for 10. A
token of 17 VIN characters (no I, O, Q) with letters and digits whose check holds is a VIN;
one in 11 made-up tokens passes, and a part's or a product's code of that length and alphabet
is rare. Its tenth character, the model year, is never ``U``, ``Z`` or ``0``.

``DL`` before a number is a driving licence's (``DL E4471902 (CA)``, ``DL# T412-8839-2201``),
but ``DL 1467`` is a Delta flight: the number needs six digits or more (a flight has four at
most), and ``DL`` its capitals.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

_VALUES = {**{str(d): d for d in range(10)},
           **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
           **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
           **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check(value: str) -> bool:
    """ISO 3779's check digit at position 9, letters and digits both present, a model year."""
    if len(value) != 17 or value[9] in "UZ0":
        return False
    if sum(c.isalpha() for c in value) < 2 or sum(c.isdigit() for c in value) < 4:
        return False
    try:
        total = sum(_VALUES[c] * w for c, w in zip(value, _WEIGHTS, strict=True))
    except KeyError:
        return False
    check = total % 11
    return value[8] == ("X" if check == 10 else str(check))


VIN_CHECK = PatternRecognizer(
    name="vin_check", entity="VEHICLE_ID",
    # (the same pattern as ``vehicle_id``'s: one scan of the text serves both)
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?=[A-HJ-NPR-Z]{0,16}\d)[A-HJ-NPR-Z0-9]{17}"
                      r"(?![A-Za-z0-9])", 0.85, re.ASCII, mark=r"[A-HJ-NPR-Z0-9]{17}", lead=0)],
    validate=vin_check,
    validated=True,  # the check digit
)

DL_NUMBER = PatternRecognizer(
    name="dl_number", entity="DRIVER_LICENSE",
    patterns=[Pattern(r"(?<![\w-])DL(?:[ \t]*(?:#|(?i:no\.?|number)))?[ \t]*:?[ \t]*"
                      r"(?P<v>(?=(?:[A-Z-]*[0-9]){6})[A-Z]{0,2}[0-9][0-9A-Z-]{4,18}[0-9A-Z])"
                      r"(?![\w-])", 0.9, re.ASCII, mark="DL", lead=0)],
    validated=True,  # the abbreviation and six digits (a flight's number has four)
)

#: every recognizer of this module, in the order they register
VEHICLE_IDS = (VIN_CHECK, DL_NUMBER)
