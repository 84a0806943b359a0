"""Values read out one character at a time, as speech recognition writes a call's transcript:
a postcode (``S W one A, one A A``), a plate (``K X one nine, K P L``), an IBAN (``G B eight
two, W E S T, ...``), a national insurance or member number (``Q Q one two, three four, five
six C``), a name spelled for the agent (``S as in Sierra, M as in Mike, I, T, H``, ``K. O. W.
A. L. C. Z. Y. K.``, ``okonkwo, o k o n k w o``) and the local part of an address (``d, a, n,
a, dot, w, u at icloud dot com``). No pattern of the written value sees it, and the digit-word
reader (:mod:`veil.detect.spelled_numbers`) reads digits only.

A run is two or more single letters, with digit words, numerals, ``double``/``triple`` and a
letter's word (``as in Sierra``, ``for Bravo``) among them, apart by spaces, commas, dots,
dashes or a hesitation. What it spells decides: an IBAN whose check holds, a UK or Canadian
postcode, a national insurance number's shape, or six characters or more of letters and digits
(two of each; five after a code's word) are values typed by their shape and the words before
them. Letters alone are prose as often (``the N H S``, ``E C G``): a name only when a letter's
word, a spelling's or a name's word before them (``spell``, ``surname``, ``that's``) or the
same word said next to them says it is one; then that word is the name too.

The run is tried only where a single letter other than "a" or "i" stands between spaces or
before a comma, dot or dash (one automaton pass over the lower-cased text): a text without one
costs that pass.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.patterns import ANCHORED, Pattern, Scan
from veil.detect.recognizer import ContextMatcher, Recognizer
from veil.detect.validators import is_email, is_iban

_DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
                "niner": "9"}
_B = r"(?![\w'’])"
_DIGIT = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + ")"
#: a letter, and the word a speaker names it by ("S as in Sierra", "B for Bravo")
_LETTER = rf"(?:double[ -]u|[a-z](?:[ \t]*,?[ \t]*(?:as[ \t]+in|for|like)[ \t]+[a-z]+)?){_B}"
_TOKEN = (rf"(?:double[ -]u{_B}|(?:double|triple)[ \t-]+(?:{_DIGIT}|[a-z]){_B}|{_LETTER}|"
          rf"{_DIGIT}{_B}|\d{{1,4}}(?!\w|[.,]\d))")
_SEP = r"(?:[ \t,.;\u2013\u2014-]|(?:um|uh|er|apostrophe)(?![\w'’]))++"
_RUN = rf"(?<![\w'’@.])(?:{_TOKEN})(?:{_SEP}(?:{_TOKEN}))++"
#: a single letter between spaces or before a comma, dot or dash ("a" and "i" are words)
_MARK = r"[ \t,(\-][b-hj-z][ \t,.\-]"
SPOKEN_RUN = Scan(Pattern(_RUN, 0.0, re.IGNORECASE, mark=_MARK, fold=True, words=3))

_PIECE = re.compile(rf"(?<![\w'’])(?:double[ -]u{_B}|"
                    rf"(?P<mult>double|triple)[ \t-]+(?P<what>{_DIGIT}|[a-z]){_B}|"
                    rf"(?P<named>[a-z])[ \t]*,?[ \t]*(?:as[ \t]+in|for|like)"
                    rf"[ \t]+[a-z]+{_B}|(?P<digit>{_DIGIT}){_B}|(?P<letter>[a-z]){_B}|"
                    r"(?P<num>\d{1,4}))", re.IGNORECASE)
#: what may follow a spelled local part: its "dot"s, "at", "underscore" and the address's words
_EMAIL_TAIL = re.compile(
    r"(?:[ \t,.]*+(?:dot|at|underscore|dash|hyphen|@|_)[ \t,]++[a-z0-9]+"
    r"(?:[ \t,]+[a-z0-9](?![\w'’]))*+)+", re.IGNORECASE)
_EMAIL_WORDS = {"dot": ".", "at": "@", "underscore": "_", "dash": "-", "hyphen": "-"}
_EMAIL_PIECE = re.compile(r"[a-z0-9]+|@|_", re.IGNORECASE)

_UK_POSTCODE = re.compile(r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\d[A-Z]{2}")
_CA_POSTCODE = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[A-Z]\d[A-Z]\d")
_NINO = re.compile(r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]")

_SPELLING = ContextMatcher(("spell", "spelled", "spelling", "spelt", "surname", "last name",
                            "first name", "family name", "middle name", "maiden name",
                            "name", "letters"), window=48, after=False)
_IT_IS = re.compile(r"\b(?:that's|that is|it's|its|it is)[ \t,]*\Z", re.IGNORECASE)
_POSTCODE = ContextMatcher(("postcode", "post code", "postal code", "zip", "zip code"),
                           window=48, after=False)
_PLATE = ContextMatcher(("plate", "registration", "reg", "licence plate", "license plate",
                         "number plate", "tag"), window=48, after=False)
_RECORD = ContextMatcher(("hospital number", "mrn", "medical record", "patient id",
                          "chart number"), window=48, after=False)
_CASE = ContextMatcher(("case number", "case no", "case ref", "claim number", "ticket"),
                       window=48, after=False)
_CODE = ContextMatcher(("number", "id", "reference", "ref", "code", "policy", "member",
                        "account", "booking", "confirmation", "passport", "licence",
                        "license"), window=48, after=False)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: how far before or after a spelled run the word it spells is looked for
_NEAR = 80


class _Spelled:
    """What a run spells: its characters, how many letters and digits, and whether a letter
    was given its word ("S as in Sierra")."""

    __slots__ = ("chars", "digits", "letters", "named", "said_digits")

    def __init__(self, value: str) -> None:
        out: list[str] = []
        self.letters = self.digits = self.named = 0
        self.said_digits = 0  # digits said as words: a code written out is others' to read
        for m in _PIECE.finditer(value):
            if m["mult"]:
                what = m["what"].lower()
                out.append(_DIGIT_WORDS.get(what, what.upper()) * (2 if m["mult"].lower()
                                                                    == "double" else 3))
                self.said_digits += what in _DIGIT_WORDS
            elif m["named"]:
                out.append(m["named"].upper())
                self.named += 1
            elif m["digit"]:
                out.append(_DIGIT_WORDS[m["digit"].lower()])
                self.said_digits += 1
            elif m["letter"]:
                out.append(m["letter"].upper())
            elif m["num"]:
                out.append(m["num"])
            else:  # double-u
                out.append("W")
        self.chars = "".join(out)
        self.letters = sum(c.isalpha() for c in self.chars)
        self.digits = len(self.chars) - self.letters


class SpokenCodeRecognizer(Recognizer):
    """Postcodes, plates, IBANs, ids, names and addresses read out character by character."""

    name = "spoken_code"
    entities = ("LOCATION", "VEHICLE_ID", "IBAN", "UK_NINO", "ACCOUNT_NUMBER",
                "MEDICAL_RECORD", "CASE_NUMBER", "PERSON", "EMAIL")
    validated = True  # a value read out character by character is no prose

    def idle(self, text: str) -> bool:
        # no lone letter (but "a" and "i") between blanks, known from the text's one pass for
        # every mark's strings: the engine skips the call (~20 us a ~1 KB prompt)
        return ANCHORED and not SPOKEN_RUN.any_anchor(text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in SPOKEN_RUN.matches(text):
            out.extend(self._judge(text, m.start(), m.end()))
        return out

    def _judge(self, text: str, start: int, end: int) -> list[Detection]:
        spelled = _Spelled(text[start:end])
        chars, letters, digits = spelled.chars, spelled.letters, spelled.digits
        if letters < 2:
            return []
        tail = _EMAIL_TAIL.match(text, end)
        if tail is not None and not digits:
            address = _address(chars, tail.group())
            if address is not None and is_email(address):
                return [self._found("EMAIL", text, start, tail.end(), 0.9)]
        if digits:
            if not spelled.said_digits:  # "ulicy Piotrkowskiej 104 m. 7 w Łodzi"
                return []
            kind = _code_type(chars, text, start, end, digits, letters)
            return [self._found(kind, text, start, end, 0.85)] if kind else []
        return self._name(spelled, text, start, end)

    def _name(self, spelled: _Spelled, text: str, start: int, end: int) -> list[Detection]:
        """Letters alone: a name when they are said to be spelled or spell a word near."""
        chars = spelled.chars
        said = _said_word(chars, text, start, end)
        cued = (spelled.named > 0 or _SPELLING.near(text, start, end)
                or (len(chars) >= 4 and _IT_IS.search(text, max(0, start - 16), start)))
        if len(chars) < 3 or not (cued or said is not None):
            return []
        out = [self._found("PERSON", text, start, end, 0.85)]
        if said is not None:
            out.append(self._found("PERSON", text, said[0], said[1], 0.85))
        return out

    def _found(self, kind: str, text: str, start: int, end: int, score: float) -> Detection:
        return Detection(kind, start, end, score, self.name, text[start:end])


def _code_type(chars: str, text: str, start: int, end: int, digits: int,
               letters: int) -> str:
    """The type of a run of letters and digits, by its shape and the words before it; ""
    when it is too short to be told from prose ("flight B A two eight three")."""
    if len(chars) >= 15 and chars[:2].isalpha() and chars[2:4].isdigit() and is_iban(chars):
        return "IBAN"
    if _NINO.fullmatch(chars):
        return "UK_NINO"
    if _PLATE.near(text, start, end):
        return "VEHICLE_ID"
    if _UK_POSTCODE.fullmatch(chars) or _CA_POSTCODE.fullmatch(chars) or \
            _POSTCODE.near(text, start, end):
        return "LOCATION"
    if digits < 2 or len(chars) < 5:
        return ""
    if _RECORD.near(text, start, end):
        return "MEDICAL_RECORD"
    if _CASE.near(text, start, end):
        return "CASE_NUMBER"
    if len(chars) >= 6 or _CODE.near(text, start, end):
        return "ACCOUNT_NUMBER"
    return ""


def _address(local: str, tail: str) -> str | None:
    """The address a spelled local part and its spoken rest make ("dana" + " dot w u at
    icloud dot com"), or None without an "at"."""
    pieces = [_EMAIL_WORDS.get(p.lower(), p) for p in _EMAIL_PIECE.findall(tail)]
    address = local.lower() + "".join(pieces).lower()
    return address if address.count("@") == 1 else None


def _said_word(chars: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the word that the letters spell is said next to them ("okonkwo, o k o n k w o",
    "D apostrophe S O U Z A, D'Souza"), or None."""
    if len(chars) < 3:
        return None
    target = chars.lower()
    lo, hi = max(0, start - _NEAR), min(len(text), end + _NEAR)
    for m in _WORD.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        word = m.group()
        if len(word) >= len(chars) and re.sub(r"[^\w]", "", word).lower() == target:
            return m.start(), m.end()
    return None


SPOKEN_CODES = SpokenCodeRecognizer()

# An address said whole, as speech recognition writes it: its "at" and "dot"s as words and a
# host's name heard as two or three (``priya dot raman at out look dot com``, ``k dot osei at g
# mail dot com``, ``accounts at green leaf dental dot co dot uk``): a host holds no space, so
# the written patterns and the spelled recognizer (``jane dot doe at gmail dot com``) stop
# short of it or read only its last word. The host's words are joined, and the local part is
# the words before "at" joined by spoken separators (``sam underscore lee``, ``j dot walsh
# seventy``: a number said after it is its digits).
_TLDS = ("com", "org", "net", "edu", "gov", "io", "co", "uk", "us", "ca", "au", "nz", "ie",
         "de", "fr", "es", "nl", "be", "ch", "se", "dk", "fi", "pl", "eu", "me", "info", "biz",
         "ai", "app", "dev", "ac", "nhs", "mil", "int", "tv", "cc", "xyz", "online", "email")
_TLD = "(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + r")(?![\w'’-])"
_NUMBER_WORD = ("(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety)(?![\w'’])")
_SAID_SEP = r"(?:[ \t]+(?:dot|underscore|dash|hyphen)[ \t]+|[ \t]*[._-][ \t]*)"
_UNIT = r"[a-z0-9]+(?:['’][a-z]+)?"
#: the local part, ending right before " at " (searched in a window ending there)
_SAID_LOCAL = re.compile(
    rf"(?<![\w'’.-])(?P<local>{_UNIT}(?:{_SAID_SEP}{_UNIT})*+"
    rf"(?:[ \t]+{_NUMBER_WORD}){{0,3}})[ \t]+\Z", re.IGNORECASE)
#: the host's words after "at" and its spoken dots, the last labels a top-level domain's
_SAID_HOST = re.compile(
    rf"[ \t]+(?P<host>(?!dot\b)[a-z0-9][a-z0-9-]*(?:[ \t]+(?!dot\b)[a-z0-9][a-z0-9-]*){{0,2}})"
    rf"(?P<tlds>(?:[ \t]+dot[ \t]+{_TLD}){{1,3}})", re.IGNORECASE)
_SAID_AT = re.compile(r"(?<![\w'’])at(?=[ \t])", re.IGNORECASE)
#: a mark of the address: a spoken dot before a host's top-level name
SAID_DOT = Scan(Pattern(r"[ \t]dot[ \t]", 0.0, re.IGNORECASE, mark=r"[ \t]dot[ \t]",
                        fold=True, lead=0))
#: words before "at" that are the sentence's, not a local part ("look at", "email me at")
_NOT_LOCAL = frozenset({
    "me", "us", "him", "her", "them", "it", "is", "look", "looking", "looked", "work", "works",
    "worked", "working", "email", "mail", "e-mail", "address", "emails", "send", "sent",
    "write", "reach", "contact", "visit", "go", "went", "be", "was", "were", "are", "am",
    "online", "here", "there", "that", "this", "what", "which", "who", "stay", "stayed",
    "live", "lives", "lived", "based", "check", "see", "find", "found", "order", "ordered",
    "shop", "shopped", "buy", "bought", "sign", "signed", "log", "logged", "registered",
    "and", "or", "but", "so", "then", "also", "still", "just", "only", "now", "me's"})
_NUMBER_VALUES = {w: str(n) for n, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen"))} | {"oh": "0"} | {w: str(10 * n) for n, w in enumerate(
         ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
         start=2)}
#: a local part of one plain word is an address's only after an e-mail's word or as a role's
#: mailbox ("cheaper at walmart dot com" is a shop)
_SAID_CUE = ContextMatcher(("email", "e-mail", "e mail", "mail", "address", "send", "write",
                            "contact", "reach", "cc"), window=48, after=False)
_ROLE_MAILBOXES = frozenset({"info", "sales", "accounts", "support", "admin", "hello",
                             "contact", "enquiries", "inquiries", "office", "team", "billing",
                             "help", "reception", "bookings", "orders", "jobs", "careers"})
#: one or two plain words between an e-mail's word and the local part: the local part heard as
#: words ("my email is tom brennan eighty four at ...": "tombrennan84")
_SAID_LEAD = re.compile(r"\b(?:is|it's|its|it’s|email|e-mail|mail|address|me[ \t]+at|to)"
                        r"[ \t]*[:,]?[ \t]+(?P<words>(?:(?!(?:is|email|mail|address|me|to)"
                        r"[ \t])[a-z]+[ \t]+){1,2})\Z", re.IGNORECASE)
_SAID_PIECE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[._-]", re.IGNORECASE)
_SAID_SYMBOL = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-"}


def _said_local(local: str) -> str:
    """The written local part: separators as symbols, a number said after it as digits
    ("smith eighty four" -> smith84)."""
    out: list[str] = []
    number: list[str] = []
    for piece in _SAID_PIECE.findall(local):
        low = piece.lower()
        if low in _SAID_SYMBOL or low in "._-":
            out.append(_SAID_SYMBOL.get(low, low))
        elif out and low in _NUMBER_VALUES and (number or out[-1] not in "._-"):
            value = _NUMBER_VALUES[low]
            if number and number[-1].endswith("0") and len(number[-1]) == 2 and len(value) == 1:
                number[-1] = number[-1][0] + value  # "eighty four"
            else:
                number.append(value)
        else:
            out.append(low.replace("’", "'"))
    return "".join(out) + "".join(number)


class SpokenEmailRecognizer(Recognizer):
    """E-mail addresses said whole, a host's name heard as several words."""

    name = "spoken_email"
    entities = ("EMAIL",)
    validated = True  # a real address's shape once its words are joined

    def idle(self, text: str) -> bool:
        return ANCHORED and not SAID_DOT.any_anchor(text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        dots = SAID_DOT.starts(text)
        if not dots:
            return out
        last = -1
        for at in _SAID_AT.finditer(text, max(0, dots[0] - 200)):
            if at.start() < last:
                continue
            host = _SAID_HOST.match(text, at.end())
            if host is None:
                continue
            local = _SAID_LOCAL.search(text, max(0, at.start() - 80), at.start())
            if local is None:
                continue
            words = local["local"].lower().split()
            if len(words) == 1 and (words[0] in _NOT_LOCAL or not (
                    words[0] in _ROLE_MAILBOXES or any(c in words[0] for c in "._-")
                    or _SAID_CUE.near(text, local.start(), local.start()))):
                continue
            start = local.start()
            lead = _SAID_LEAD.search(text, max(0, start - 40), start)
            if lead is not None and _SAID_CUE.near(text, start, start) and not any(
                    w in _NOT_LOCAL for w in lead["words"].lower().split()):
                start = lead.start("words")
            tlds = host["tlds"].lower().split()[1::2]
            address = (_said_local(text[start:local.end("local")]) + "@"
                       + "".join(host["host"].lower().split()) + "." + ".".join(tlds))
            if not is_email(address):
                continue
            last = host.end()
            out.append(Detection("EMAIL", start, last, 0.9, self.name, text[start:last]))
        return out


SPOKEN_EMAIL = SpokenEmailRecognizer()
