"""A number its sentence named earlier: ``My account number for the joint savings with my wife
is 31926819.``, ``Her passport, which was renewed in Dublin last year, is PX4471920``.

The named-number recognizers keep a value only within a few words after its label (24
characters: further off, a number is as often another one). A sentence that names the number
as its subject and gives it after its verb ("is", "was") or a colon says what the number is
however long the clause between: the label, up to 80 characters of the same clause (no stop,
line break, semicolon, colon nor another "is" or "was" but a relative clause's: "which was
renewed"; no "but" nor "and the" opening another clause: "changed and the balance is"), the
verb or the colon, and a number at the clause's end (five digits or more,
maybe with letters, and dashes or spaces between its groups). The label decides the type.
Each type's recognizer is tried only where one of its labels' first words stands (a mark).
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

_SCORE = 0.8
#: each type's labels: a number's name, not a word that names many things ("reference",
#: "code", "number" alone)
_LABELS: dict[str, tuple[str, ...]] = {
    "ACCOUNT_NUMBER": (
        "account number", "account no", "acct number", "acct no", "bank account",
        "policy number", "policy no", "member number", "member id", "membership number",
        "customer number", "customer id", "client number", "employee number", "employee id",
        "staff number", "student number", "student id", "claim number", "loan number",
        "routing number", "sort code", "order number", "tracking number", "subscriber id",
        "frequent flyer number", "loyalty number"),
    "MEDICAL_RECORD": (
        "medical record number", "medical record no", "mrn", "patient number",
        "hospital number", "health card number", "chart number"),
    "NATIONAL_ID": (
        "national insurance number", "social security number", "tax file number",
        "tax id", "taxpayer id", "tax identification number", "national id",
        "identity number", "id number", "identity card number", "personal number",
        "personal identity number", "social insurance number", "pps number", "bsn",
        "citizen number", "resident id"),
    "PASSPORT": ("passport number", "passport no", "passport"),
    "DRIVER_LICENSE": ("driver's license number", "driver's licence number",
                       "drivers license number", "driving licence number",
                       "driver license number", "license number", "licence number",
                       "driver's license", "driving licence"),
}
#: the clause after the label to its verb or colon, then the number and the clause's end
_REST = (r"(?:(?!(?<!which )(?<!that )(?<!who )\b(?:is|was|are|were)\b|\bbut\b|,[ \t]*and\b|"
         r"\band[ \t]+(?:the|its|his|her|their|our|your)\b)[^\n.!?;:]){1,80}?"
         r"(?:\b(?:is|was|reads)[ \t]*:?|:)[ \t]*"
         r"(?P<v>(?:[A-Z]{1,6}[ -]?)?[0-9][0-9A-Z]*(?:[ -][0-9A-Z]+){0,4})"
         r"(?=[ \t]*(?:[.,;!?)\]]|$)|\n)")
_MIN_DIGITS = 5


def _alternation(words: list[str]) -> str:
    # (longest first, ties in order: a set's order changes from one process to the next)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+")
                    for w in sorted(words, key=lambda w: (-len(w), w)))


def _enough_digits(value: str) -> bool:
    return sum(c.isdigit() for c in value) >= _MIN_DIGITS


def _recognizer(entity: str, labels: tuple[str, ...]) -> PatternRecognizer:
    heads = sorted({w.split(" ")[0] for w in labels})
    return PatternRecognizer(
        name=f"named_earlier_{entity.lower()}", entity=entity,
        patterns=[Pattern(rf"(?i:(?<![\w-])(?:{_alternation(list(labels))})(?![\w-]){_REST})",
                          _SCORE, mark=rf"(?<![\w-])(?:{_alternation(heads)})", lead=0,
                          fold=True)],
        validate=_enough_digits,
        validated=False,  # a model's name or another id over the same characters may win
    )


NAMED_EARLIER = tuple(_recognizer(entity, labels) for entity, labels in _LABELS.items())
