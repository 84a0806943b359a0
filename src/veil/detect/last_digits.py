"""The last digits of a number, which banks and clinics write instead of the whole: "card
ending in 4242", "SSN ending 6789", "last four of my SSN: 6789", "mobile number ending 0199".

A quarter of an SSN beside a name is what identity thieves ask for, and a card's last four
with its holder's name is how a fraudster passes a call centre's checks. Two to four digits are
a value only after such words; the word before "ending" (or after "last four of") gives the
type. One recognizer for every type: its scans start at "ending"/"ends" and at "last", which
few texts hold. A number whose other digits are written as "x", "*" or "•" is typed by the
shape of what is hidden.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, Scan
from veil.detect.recognizer import Recognizer

#: the words that name each kind of number, by the type its last digits are masked as
_WORDS = {
    "CREDIT_CARD": r"card|visa|mastercard|amex|debit card|credit card",
    "US_SSN": r"ssn|social|social security",
    "ACCOUNT_NUMBER": r"account|acct|a/c|acc",
    "PHONE": r"phone|mobile|cell|number",
}
_KIND = "|".join(f"(?P<{t}>{w})" for t, w in _WORDS.items())
#: the digits, not more of a number ("12,345"), a word or a date
_DIGITS = r"(?P<v>\d{2,4})(?![\w/:-]|[.,]\d)"

ENDING = Scan(Pattern(
    rf"\b(?:{_KIND})\b[ \t]+(?:number[ \t]+)?(?:ending|ends)(?:[ \t]+(?:in|with))?[ \t]*:?[ \t]*"
    rf"(?:x+|\*+|#)?{_DIGITS}", 0.9, re.IGNORECASE,
    # "credit card number ending": three runs of spaces before the mark
    mark=r"ending|ends", words=3, fold=True))
LAST_FOUR = Scan(Pattern(
    r"\blast[ \t]+(?:four|4|two|2)(?:[ \t]+digits)?(?:[ \t]+of)?"
    r"(?:[ \t]+(?:my|the|his|her|their|your|our))?"
    rf"[ \t]+(?:{_KIND})(?:[ \t]+(?:number|no\.?|#))?(?:[ \t]+(?:is|are))?[ \t]*:?[ \t]*"
    rf"{_DIGITS}", 0.9, re.IGNORECASE, mark=r"last[ \t]", lead=0, fold=True))

#: the number's word first, then "last 4" ("SSN last 4 6621", "acct (last four): 0912"), as a
#: form or a case note writes it
WORD_LAST = Scan(Pattern(
    rf"\b(?:{_KIND})\b(?:[ \t]+(?:number|no\.?|#))?[ \t]*\(?[ \t]*last[ \t]+(?:four|4|two|2)"
    rf"(?:[ \t]+digits)?[ \t]*\)?[ \t]*:?[ \t]*{_DIGITS}", 0.9, re.IGNORECASE,
    mark=r"last[ \t]", words=3, fold=True))

#: a number written with all but its last four digits hidden, the hidden part's shape giving the
#: type: "xxx-xx-4821" an SSN, "**** **** **** 4242" or "XXXXXXXXXXXX4242" a card, "****1234"
#: an account
_HIDDEN = r"[xX*•#]"
MASKED = Scan(Pattern(
    rf"(?<![\w*•#-])(?:(?P<US_SSN>{_HIDDEN}{{3}}[- ]?{_HIDDEN}{{2}}[- ]?)|"
    rf"(?P<CREDIT_CARD>(?:{_HIDDEN}{{4}}[ -]?){{3}}|{_HIDDEN}{{11,12}}|"
    rf"{_HIDDEN}{{4}}[ -]?{_HIDDEN}{{6}}[ -]?{_HIDDEN}?)|"
    r"(?P<ACCOUNT_NUMBER>[*•]{4,}[ -]?|[xX]{4,}[ -]?))"
    r"(?P<v>\d{4})(?![\w-])", 0.9, mark=rf"{_HIDDEN}{{3}}", lead=0))
#: an ellipsis for the hidden digits, after the word that names the number: "from checking
#: ...5567 to savings ...8890", "card …4242" (after no such word it is prose's: "...2024")
ELLIPSIS = Scan(Pattern(
    rf"\b(?:(?:{_KIND})|checking|savings)[ \t]*(?:\.{{3,}}|…)[ \t]?(?P<v>\d{{4}})(?![\w-])",
    0.9, re.IGNORECASE, mark=r"\.\.\.|…", words=2))

_SCANS = (ENDING, LAST_FOUR, WORD_LAST, MASKED, ELLIPSIS)


class LastDigitsRecognizer(Recognizer):
    """Two to four digits after the words that say whose last digits they are."""

    name = "last_digits"
    entities = tuple(_WORDS)
    validated = True  # the words before the digits are the validation

    def idle(self, text: str) -> bool:
        # each scan is tried at its mark only: none of the marks ("ending", "last ", "xxx",
        # "..."), nothing to find (most prompts; the strings were found in the text's one pass)
        return not any(scan.any_anchor(text) for scan in _SCANS)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for scan in _SCANS:
            for m in scan.matches(text):
                kind = next((t for t in _WORDS if t in m.re.groupindex and m.group(t) is not None),
                            "ACCOUNT_NUMBER")  # "checking", "savings"
                s, e = m.span("v")
                out.append(Detection(kind, s, e, 0.9, self.name, text[s:e]))
        return out


LAST_DIGITS = LastDigitsRecognizer()
