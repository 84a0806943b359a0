"""Organisation names from their structure, for English messages.

spaCy's small English model finds organisations by capitalisation and context, so it misses
the ones whose shape is the strongest evidence: a legal form (``OptiNose Inc.``, ``Frid &
Nilsson AB``, ``HSBC HOLDINGS PLC``), an institution's head noun (``Antero Midstream
Corporation``, ``Fitzgerald Group``, ``Mercy Hospital``, ``Bank of Ireland``) or a partnership
of surnames (``Johnson, Wallace and Santos``, ``Smith & Jones``). It also calls many of them
PERSON or LOCATION. These rules read the shape only (no list of company names, which would
only know the companies it lists) and score just above the model, so the structural reading
wins an overlap with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from veil.alternation import starts_with
from veil.detect.entity import Detection
from veil.detect.finance_words import finance_word
from veil.detect.names import faker_last_names, first_names
from veil.detect.recognizer import Recognizer

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_LOW = "a-zß-öø-ÿā-ž"
# A word of a name: capitalised, all-caps or mixed-case (``OptiNose``, ``SJW``, ``O'Neil``,
# ``Sanders-Gill``, ``3M``), never a lone lower-case word.
_TOK = (rf"(?:(?:[{_UP}]|[0-9]+[{_UP}{_LOW}])[{_UP}{_LOW}0-9]*(?:['’-][{_UP}{_LOW}0-9]+)*|"
        rf"[{_UP}]\.(?:[{_UP}]\.)*)")
# Lower-case words allowed inside a name ("Ernst and Young", "Banco de Chile"). Not "of":
# "Daniel Andreasen of SJW Group" is a person and a company ("Bank of X" has its own rule).
_CONN = r"(?:and|&|de|du|des|del|della|di|van|der|den|von|e|y|et|und|da|do|dos)"
_BODY = rf"{_TOK}(?:[ \t]+(?:{_CONN}[ \t]+)*{_TOK}){{0,5}}"

# Legal forms. Two-letter ones must not be followed by a postcode ("Calgary AB T2P", "Denver
# CO 80202" are places), and "CO"/"SA" alone are left out: they are also state/country codes.
_LEGAL = (r"(?:Inc\.?|INC\.?|Incorporated|LLC|L\.L\.C\.|Ltd\.?|LTD\.?|Limited|LIMITED|"
          r"Co\.?,?[ \t]?Ltd\.?|CO\.?,?[ \t]?LTD\.?|GmbH(?:[ \t]&[ \t]Co\.[ \t]KG)?|GMBH|"
          r"Corp\.?|CORP\.?|Corporation|CORPORATION|PLC|[Pp]lc|LLP|L\.L\.P\.|L\.P\.|"
          r"S\.A\.(?:[ \t]de[ \t]C\.V\.)?|AG|N\.V\.|NV|B\.V\.|BV|S\.p\.A\.|SpA|SPA|"
          r"S\.r\.l\.|s\.r\.l\.|Srl|SRL|SARL|S\.A\.R\.L\.|SAS|S\.A\.S\.|S\.L\.|AB|ASA|A/S|ApS|"
          r"Oyj?|HB|KGaA|KG|OHG|e\.[ \t]?V\.|[Ss]p\.[ \t]z[ \t]o\.o\.|[Ss]p\.[ \t]?[jkp]\.|"
          r"s\.c\.|Pty\.?[ \t]Ltd\.?|Pte\.?[ \t]Ltd\.?|K\.K\.|Sdn\.?[ \t]Bhd\.?|Bhd\.?|Tbk|"
          r"& Co\.?|and Company|& Company)")
_LEGAL_RX = re.compile(rf"(?<![\w&])(?P<v>{_BODY},?[ \t]+{_LEGAL})"
                       r"(?![\w&]|[ \t]+(?:[A-Z]\d|\d))")

# Head nouns that make capitalised words an organisation ("Fitzgerald Group", "Mercy
# Hospital"). Generic office words ("Department", "Services", "Team") are left out: they name
# a function inside a company more often than a company.
_HEAD = (r"(?:Group|GROUP|Holdings?|HOLDINGS?|Bancorp|Bancshares|Corporation|Industries|"
         r"INDUSTRIES|Enterprises|Partners|Associates|Brothers|Bros\.|and Sons|& Sons|"
         r"e [Ff]igli|i [Ss]yn|Foundation|Institute|University|College|Hospital|Clinic|"
         r"Medical Cent(?:er|re)|Health(?:care)? System|Bank|BANK|Airlines|Airways|Insurance|"
         r"Technologies|Laboratories|Labs|Pharmaceuticals|Therapeutics|Biosciences|Capital|"
         r"Ventures|Securities|SECURITIES|Investments|REIT|Trust|Agency|Association|Society|"
         r"Federation|Academy|Motors|Studios|Telecom|Communications|Petroleum|Logistics|"
         r"Consulting|Bancorporation)")
_HEAD_RX = re.compile(rf"(?<![\w&])(?P<v>{_BODY}[ \t]+{_HEAD})(?![\w&])")
# Institutions named "X of Y": "Bank of Ireland", "University of Leeds".
_OF_RX = re.compile(
    rf"(?<![\w&])(?P<v>(?:(?:Royal|National|State|Central|Federal|Reserve|Savings)[ \t]+)*"
    rf"(?:Bank|University|College|Institute|Ministry|Academy|Museum|Church|Diocese|"
    rf"Archdiocese|Bureau|Office)[ \t]+of[ \t]+(?:the[ \t]+)?{_TOK}"
    rf"(?:[ \t]+(?:{_CONN}[ \t]+)?{_TOK}){{0,2}})(?![\w&])")
# Partnerships of surnames: "Johnson, Wallace and Santos", "Frid & Nilsson".
_SURNAME = rf"[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:['’-][{_UP}]?[{_LOW}]+)*"
_FIRM_RX = re.compile(rf"(?<![\w&])(?P<v>{_SURNAME}(?:,[ \t]+{_SURNAME})*"
                      rf",?[ \t]+(?:and|&|e|y|et|und|i)[ \t]+{_SURNAME})(?![\w&]|[ \t]+[{_UP}])")

# Cheap anchors: the full patterns run only where their last word (or "of", "&") occurs,
# backwards over a window, so prompts without one pay a single scan each. After each space,
# one test of the first letter before the many branches (``starts_with``).
_LEGAL_AT = re.compile(rf"[ \t,]{starts_with(_LEGAL)}(?P<a>{_LEGAL})"
                       r"(?![\w&]|[ \t]+(?:[A-Z]\d|\d))")
_HEAD_AT = re.compile(rf"[ \t]{starts_with(_HEAD)}(?P<a>{_HEAD})(?![\w&])")
_OF_HEADS = frozenset({"Bank", "University", "College", "Institute", "Ministry", "Academy",
                       "Museum", "Church", "Diocese", "Archdiocese", "Bureau", "Office"})
_FIRM_AND = r"(?:and|&|e|y|et|und|i)"
_FIRM_AT = re.compile(rf"[ \t]{starts_with(_FIRM_AND)}(?P<a>{_FIRM_AND}[ \t]+{_SURNAME})"
                      rf"(?![\w&]|[ \t]+[{_UP}])")
_WINDOW = 120
#: a plural of people right before a list of surnames: the list names them, not a firm
_PEOPLE_BEFORE = re.compile(
    r"\b(?i:(?:co-?)?founders|partners|owners|directors|members|authors|speakers|guests|"
    r"winners|attendees|participants|employees|trustees|witnesses|defendants|plaintiffs|"
    r"children|kids|siblings|parents|students|doctors|nurses|engineers|hosts|finalists)"
    r"(?:[ \t]+(?i:are|were|include|included))?[ \t]*:?[ \t]*\Z")


def _anchored(rx: re.Pattern[str], anchor: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``rx`` that end where an ``anchor`` match ends, leftmost start first."""
    out: list[re.Match[str]] = []
    for a in anchor.finditer(text):
        for m in rx.finditer(text, max(0, a.start() - _WINDOW), a.end()):
            if m.end("v") == a.end("a"):
                out.append(m)
                break
    return out


def _has_of_institution(text: str) -> bool:
    """Whether "<institution word> of " occurs (plain string search: far cheaper than a regex
    scan of every prompt that merely says "of")."""
    i = text.find(" of ")
    while i != -1:
        if text[max(0, i - 12):i].rsplit(None, 1)[-1:] and \
                text[max(0, i - 12):i].rsplit(None, 1)[-1] in _OF_HEADS:
            return True
        i = text.find(" of ", i + 1)
    return False


# Legal forms that are also province/state codes, and the house number that shows an address.
_PLACE_CODES = frozenset({"AB", "AG", "SA", "NV", "HB", "KG", "BV"})
_NUMBER_BEFORE = re.compile(r"\d{2,}[^\n\d]*$")
_STRONG = 0.9  # a legal form: above the model's 0.85 PERSON/LOCATION on the same words
_STRUCTURAL = 0.86


@lru_cache(maxsize=1)
def _leading_words() -> frozenset[str]:
    """Capitalised words that start a sentence but not a company name."""
    from veil.detect.stopwords import stop_words  # the word list only, spaCy not imported

    words = set(stop_words("en"))
    return frozenset(words | {"contact", "call", "email", "ask", "tell", "send", "write",
                              "regards", "thanks", "dear", "hi", "hello", "at", "from",
                              "joins", "joined", "kind", "best", "escalated", "follow"})


def _strip_leading(text: str, s: int, e: int) -> int:
    """Move ``s`` past sentence words before the name ("The", "Contact", "Kind regards,")."""
    while True:
        m = re.match(r"([^\s,]+),?[ \t]+", text[s:e])
        if m is None or m.group(1).casefold() not in _leading_words():
            return s
        s += m.end()


def _is_firm(names: list[str], joined_by_and: bool) -> bool:
    """Surnames joined by "and"/"&" make a firm when at least two are known surnames and the
    first is no known given name: "Anna, Ben and Carl" are people, "Comedy & Family" no one.
    Two surnames need "&" ("Smith & Jones"): "Cocci and Rios were engineers" are two people."""
    low = [n.casefold() for n in names]
    if len(low) < 3 and joined_by_and:
        return False
    # (Faker's surnames: the census lists most given names as someone's surname too, and
    # "Minik, William, Karen and Richard" would be a firm)
    firsts, lasts = first_names(), faker_last_names()
    if low[0] in firsts and low[0] not in lasts:
        return False
    return sum(n in lasts for n in low) >= 2 and all(n in lasts or n not in firsts for n in low)


class OrganizationRecognizer(Recognizer):
    """ORGANIZATION from legal forms, institution head nouns and surname partnerships."""

    name = "org_structure"
    entities = ("ORGANIZATION",)
    validated = False
    message_languages = ("en",)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []

        def emit(s: int, e: int, score: float) -> None:
            s = _strip_leading(text, s, e)
            span = text[s:e]
            if e > s and any(c.isalpha() for c in span) and "\n" not in span:
                out.append(Detection("ORGANIZATION", s, e, score, self.name, span))

        if not any(c.isupper() for c in text):
            return out
        for m in _anchored(_LEGAL_RX, _LEGAL_AT, text):
            if m.group("v")[-2:] in _PLACE_CODES and _NUMBER_BEFORE.search(
                    text, max(0, m.start() - 40), m.start()):
                continue  # "913 Calgary AB": a province code ending an address
            emit(*m.span("v"), _STRONG)
        for m in _anchored(_HEAD_RX, _HEAD_AT, text):
            if not finance_word(text, *m.span("v"), m.group("v").split()):
                emit(*m.span("v"), _STRUCTURAL)  # (not "National Insurance number")
        for m in _OF_RX.finditer(text) if _has_of_institution(text) else ():
            emit(*m.span("v"), _STRUCTURAL)
        for m in _anchored(_FIRM_RX, _FIRM_AT, text):
            if _PEOPLE_BEFORE.search(text, max(0, m.start("v") - 48), m.start("v")):
                continue  # "our 3 founders: Mazzanti, Acevedo and Carney" are three people
            if _is_firm(re.findall(_SURNAME, m.group("v")), "&" not in m.group("v")):
                emit(*m.span("v"), _STRUCTURAL)
        return out


ORGANIZATIONS = OrganizationRecognizer()
