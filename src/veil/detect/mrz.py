"""The machine-readable zone of a passport, an identity card or a visa (ICAO 9303): the two or
three lines of capitals, digits and "<" under a document's photo, which text recognition gives
back and people paste whole.

They hold the bearer's names (``SMITH<<JOHN<PETER``), the document's number, nationality, date
of birth and expiry; no word-based recognizer reads a name joined by "<", and the numbers run
together. Each line is masked whole as a PASSPORT: a line of 28 to 46 of those characters
(ICAO's are 30, 36 and 44 long; recognition adds or drops one) holding a run of "<<" and at
least five "<" in all, no letter, digit or "<" against it (a JSON string or a quote may hold
it). A shift in code (``a<<2``, ``std::cout << x``) is too short between its spaces.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer


def is_mrz_line(value: str) -> bool:
    """A line of the zone: five "<" or more, and a letter or a digit (not a rule of "<")."""
    return value.count("<") >= 5 and any(c.isalnum() for c in value)


MRZ = PatternRecognizer(
    name="mrz", entity="PASSPORT",
    # (tried only on the lines that hold "<<")
    patterns=[Pattern(r"(?<![A-Za-z0-9<])[A-Z0-9<]{28,46}(?![A-Za-z0-9<])", 0.9, re.ASCII,
                      mark="<<", lines=True)],
    validate=is_mrz_line,
    validated=True,  # the zone's own shape
)
