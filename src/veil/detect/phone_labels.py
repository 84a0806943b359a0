"""A phone number right after its label in a European language: ``Telemóvel: 912 345 678``,
``Tlf.: 20 34 56 78``, ``Puh. 040 123 4567``, ``Cep: 0532 123 45 67``. Portugal's and
Denmark's numbers went upstream whole: the phone matcher reads the regions of the message's
language and a few common ones, and these numbers are valid in none of them. After its label a
number of eight to thirteen digits in groups is a phone whatever its region; the label is the
validation (scored 0.95, as a phone with its word).
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

_LABELS = ("telemóvel", "telemovel", "telefone", "telefon", "telefono", "teléfono", "téléphone",
           "telephone", "tlf", "tlf.", "tlf.nr", "puh", "puh.", "puhelin", "mobil", "mobile",
           "mobiltelefon", "mobilnummer", "cep", "cep telefonu", "celular", "cel", "cel.",
           "handy", "móvil", "movil", "cellulare", "cell", "cell.", "tel", "tel.", "mob",
           "mob.", "gsm", "tel. kom.", "komórka", "telefonní číslo", "telefonnummer")
_LABEL = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+")
                  for w in sorted(_LABELS, key=len, reverse=True))
_HEADS = "|".join(sorted({re.escape(w.split(" ")[0].rstrip(".")) for w in _LABELS},
                         key=lambda w: (-len(w), w)))

PHONE_LABELLED = PatternRecognizer(
    name="phone_labelled", entity="PHONE",
    patterns=[Pattern(
        rf"(?i:(?<!\w)(?:{_LABEL})(?!\w))[ \t]*(?:[.:]|nr\.?|no\.?)?[ \t]*:?[ \t]*"
        r"(?P<v>(?<![\w+])(?:\+\d{1,3}[ \t]?)?\(?\d{2,4}\)?(?:[ \t.-]\d{2,5}){1,4})(?![\w-])",
        0.95, mark=_HEADS, lead=0, fold=True)],
    validate=lambda v: 8 <= sum(c.isdigit() for c in v) <= 13,
    validated=True,  # the label before it is the validation
)
