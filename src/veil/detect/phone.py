"""Phone numbers via Google's libphonenumber port (``phonenumbers``).

A cheap regex first finds digit runs that could be a number; only those windows go through
``PhoneNumberMatcher`` for each default region, so long texts without numbers cost one regex.

A bare digit run (no ``+``, no separators) is a phone only next to a phone word, or when it is a
valid number of a region the policy names (``phone_regions``) or of the message's language
(``0612345678`` in French text): otherwise an order or account number would be masked as a
phone of whichever country happens to accept it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher

from veil.caches import LRU
from veil.detect.entity import Detection
from veil.detect.lexicon import ADDRESS_AFTER_NUMBER
from veil.detect.patterns import Pattern, Scan
from veil.detect.recognizer import ContextMatcher, Recognizer

DEFAULT_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "IN", "NL", "BE", "SE", "ES", "IT",
                                    "AU", "CH", "IE")
PHONE_CONTEXT = ("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "number",
                 "whatsapp", "contact", "reach", "text me", "dial", "ph", "mob", "sms",
                 "messages", "answering", "registered", "ring", "landline", "office", "desk",
                 "extension", "hotline", "voicemail", "called", "calling", "calls", "texted",
                 "ext", "hp", "handphone", "h/p",
                 # fr / de / es / zh
                 "téléphone", "tél", "portable", "appeler", "appelez", "joindre", "joignable",
                 "numéro",
                 "telefon", "handy", "rufnummer", "festnetz", "anrufen", "erreichbar",
                 "teléfono", "telefono", "móvil", "movil", "llamar", "llame", "número",
                 "手机", "电话", "联系", "致电", "号码", "手机号", "微信",
                 # pt / it / nl / pl / tr / id / vi
                 "telefone", "celular", "contato", "ligar", "cellulare", "chiamare", "telefoon",
                 "mobiel", "bellen", "komórka", "komórkowy", "telefonu", "cep", "numaram",
                 "telepon", "nomor", "sđt",
                 # ru / ar / hi / he / ja / ko
                 "телефон", "тел", "мобильный", "номер", "звоните", "هاتف", "جوال", "موبايل",
                 "رقم", "اتصل", "फोन", "फ़ोन", "मोबाइल", "नंबर", "नम्बर", "טלפון", "נייד",
                 "電話", "携帯", "전화", "휴대폰", "연락처")
#: Parse results a recognizer remembers (a few hundred bytes each).
PARSE_CACHE_SIZE = 8192
_T = TypeVar("_T")
#: The region whose national numbers a message in this language most likely holds.
LANGUAGE_REGIONS: dict[str, str] = {"fr": "FR", "de": "DE", "es": "ES", "zh": "CN"}

# 7+ digits with the usual separators, optionally a +country prefix or (area) group.
# Tried only at digit runs ("+(" may come first) followed by enough digits and separators:
# most of a long text is never scanned.
_CANDIDATE = Scan(Pattern(r"(?<![\w+])(?:\+|00)?\(?\d[\d \t().\-/]{4,22}\d"
                          r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?", 0.0, re.ASCII, lead=2,
                          anchor=r"\d[\d \t().\-/]{4,22}\d", spaced=False))

# Shapes that phonenumbers accepts as "possible" but that are other things: IPv4, dates, times.
_NOT_PHONE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|"
                        r"^(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.]\d\d?\b|"
                        r"^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d$|^\d{1,2}/\d{1,2}/\d{2}$|"
                        r"^\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}$")


#: twelve digits in fours, as identity numbers are written (no numbering plan groups so)
_ID_GROUPS = re.compile(r"\d{4}([ -])\d{4}\1\d{4}")
_GROUPED = re.compile(r"(?:\+|00)?\(?\d{1,5}\)?(?:[ .-]?\(?\d{2,5}\)?){1,4}")
_BARE_REGIONS = frozenset({"US", "CA", "IN", "ES", "IT", "CN"})


#: a slash with a space on one side at least: between two numbers ("0412 345 678 / 0498 765
#: 432"), where "030/1234567" and "0221 / 123456" write an area code before its number
_SLASH = re.compile(r"[ \t]+/[ \t]*|[ \t]*/[ \t]+")
#: a number from where a piece starts: the candidate's shape without the slash
_PIECE = re.compile(r"(?:\+|00)?\(?\d[\d \t().\-]{4,22}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?",
                    re.ASCII)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The candidate ``text[start:end]``, or the numbers a spaced slash separates in it when
    each before the last holds seven digits or more (the last may run past the candidate's
    end, which its length bounds)."""
    cuts = list(_SLASH.finditer(text, start, end))
    if not cuts:
        return [(start, end)]
    bounds = [start, *(m.end() for m in cuts)]
    ends = [m.start() for m in cuts]
    if any(sum(c.isdigit() for c in text[b:e]) < 7 for b, e in zip(bounds, ends, strict=False)):
        return [(start, end)]  # "0221 / 123456": an area code, then its number
    out = list(zip(bounds, ends, strict=False))  # (the last piece is read below)
    last = _PIECE.match(text, bounds[-1])
    if last is not None:
        out.append(last.span())
    return out


class PhoneRecognizer(Recognizer):
    name = "phone"
    entities = ("PHONE",)
    validated = True

    language_aware = True

    def __init__(self, regions: Sequence[str] = DEFAULT_REGIONS, *,
                 expected_regions: Sequence[str] = (),
                 valid_score: float = 0.9, possible_score: float = 0.55,
                 bare_score: float = 0.3,
                 context_boost: float = 0.3) -> None:
        """``expected_regions``: the policy's ``phone_regions``: a bare digit run valid in one
        of them is a phone without a phone word (tried first, before ``regions``)."""
        self.expected = tuple(r.upper() for r in expected_regions)
        self.regions = tuple(dict.fromkeys((*self.expected, *regions)))
        self.valid_score = valid_score
        self.possible_score = possible_score
        self.bare_score = bare_score
        self.context_boost = context_boost
        self.context = ContextMatcher(PHONE_CONTEXT, 40)
        # parse results by digest (offsets and scores only, never the digits)
        self._parsed: LRU[bytes, tuple[Any]] = LRU(PARSE_CACHE_SIZE)

    def _regions_for(self, candidate: str) -> tuple[str, ...]:
        """Regions worth trying: an international number parses the same in any region; a
        trunk-prefixed (0...) national number is never North American; a bare number is."""
        c = candidate.lstrip("(")
        if c.startswith("+") or (c.startswith("00") and self.regions):
            return self.regions[:1] if c.startswith("+") else tuple(
                r for r in self.regions if r not in ("US", "CA"))[:1] or self.regions[:1]
        if c.startswith("0"):
            return tuple(r for r in self.regions if r not in ("US", "CA"))
        # bare digits: only plans written without a trunk prefix (NANP 10 digits, India, Spain,
        # Italy); a bare run that is none of these scores as "bare" (context needed) anyway
        return tuple(r for r in self.regions if r in _BARE_REGIONS) or self.regions

    def _score(self, raw: str, number: phonenumbers.PhoneNumber) -> float | None:
        n_digits = sum(c.isdigit() for c in raw)
        # (the matcher's number may open with the bracket before it: a log's "[2024-03-01 10")
        if n_digits < 7 or _NOT_PHONE.search(raw.lstrip("([")):
            return None
        prefixed = raw.lstrip("(").startswith(("+", "0"))
        if phonenumbers.is_valid_number(number) and (prefixed or n_digits >= 10):
            return self.valid_score
        if n_digits >= 10:
            if not prefixed and _ID_GROUPS.fullmatch(raw):
                return None  # four-four-four: an id's grouping (Aadhaar, My Number), no plan's
            return self.possible_score  # possible length, unassigned range (fake data, new plans)
        return self.bare_score  # a bare 7-9 digit run is as often a house or order number

    def idle(self, text: str) -> bool:
        # every candidate starts at a digit run: a text without a digit (40% of short
        # prompts) holds no number (its digit runs are the ones the idle plan lists)
        return not _CANDIDATE.any_anchor(text)

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_language(text, "")

    def _memo(self, compute: Callable[[str, Sequence[str]], _T], value: str,
              regions: Sequence[str]) -> _T:
        """``compute(value, regions)``, remembered by a digest: parsing is a pure function of
        the characters and regions, and a conversation resends its numbers on every turn."""
        digest = hashlib.blake2b("\x00".join((compute.__name__, value, *regions)).encode(
            "utf-8", "surrogatepass"), digest_size=16).digest()
        hit = self._parsed.get(digest)
        if hit is None:
            hit = (compute(value, regions),)
            self._parsed.put(digest, hit)
        return hit[0]

    def _whole(self, cand: str, regions: Sequence[str]) -> float | None:
        """The score of ``cand`` parsed whole as a possible number, or None."""
        best: float | None = None
        # stop at the first region where it is valid: each validity check costs regexes
        for region in regions:
            try:
                num = phonenumbers.parse(cand, region)
            except NumberParseException:
                continue
            if phonenumbers.is_possible_number(num):
                score = self._score(cand, num)
                if score is None:
                    break  # a date, an IPv4, too few digits: no region changes that
                best = score if best is None else max(best, score)
                if score == self.valid_score:
                    break
        return best

    def _inner(self, window: str, regions: Sequence[str]) -> list[tuple[int, int, float]]:
        """(start, end, score) of the numbers the matcher finds inside ``window``."""
        if sum(c.isdigit() for c in window) < 7:
            return []  # _score refuses any number of fewer digits
        found: list[tuple[int, int, float]] = []
        for region in regions:
            for m in PhoneNumberMatcher(window, region, leniency=Leniency.POSSIBLE):
                score = self._score(m.raw_string, m.number)
                if score is not None:
                    found.append((m.start, m.end, score))
        return found

    def _expected_valid(self, raw: str, regions: Sequence[str]) -> bool:
        return self._memo(self._expected_valid_now, raw, regions)

    def _expected_valid_now(self, raw: str, regions: Sequence[str]) -> bool:
        for region in regions:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(raw, region)):
                    return True
            except NumberParseException:
                continue
        return False

    def _candidate(self, text: str, start: int, end: int,
                   keep: Callable[[int, int, float | None], None]) -> None:
        """Score the candidate ``text[start:end]``: whole, by a phone word, or the numbers the
        matcher finds inside it."""
        cand = text[start:end]
        digits = sum(c.isdigit() for c in cand)
        if digits < 6:
            return
        regions = self._regions_for(cand)
        # _score refuses fewer than 7 digits whatever the parse: a 6-digit run (an order
        # number, a postcode) is not parsed in each region only to be refused
        whole = self._memo(self._whole, cand, regions) if digits >= 7 else None
        if whole is not None:
            keep(start, end, whole)
            return
        if (self.context.near(text, start, end) and _GROUPED.fullmatch(cand)
                and not _NOT_PHONE.search(cand)):
            # grouped digits right by a phone word: a short or unknown-plan number
            keep(start, end, self.bare_score)
            return
        # slow path: let the matcher find number(s) inside the candidate window
        lo, hi = max(0, start - 1), min(len(text), end + 1)
        window = text[lo:hi]
        for s, e, score in self._memo(self._inner, window, regions):
            keep(lo + s, lo + e, score)

    def analyze_language(self, text: str, language: str) -> list[Detection]:
        best: dict[tuple[int, int], float] = {}
        home = LANGUAGE_REGIONS.get(language)
        expected = (*self.expected, home) if home else self.expected

        def keep(s: int, e: int, score: float | None) -> None:
            if score is not None and best.get((s, e), -1.0) < score:
                best[(s, e)] = score

        for cm in _CANDIDATE.matches(text):
            for start, end in _pieces(text, cm.start(), cm.end()):
                self._candidate(text, start, end, keep)
        out: list[Detection] = []
        for (s, e), score in best.items():
            if ADDRESS_AFTER_NUMBER.match(text, e):
                continue  # "0681 213 Endeavour Lane": a house number, not a phone
            raw = text[s:e]
            near = self.context.near(text, s, e)
            if not near and raw.isdigit():
                # a bare digit run: a phone only in a region the policy or language expects
                if not (expected and self._expected_valid(raw, expected)):
                    continue
                score = max(score, self.valid_score)
            elif expected and score < self.valid_score and self._expected_valid(raw, expected):
                score = self.valid_score  # "612 345 678" in Spanish text: a national number
            if near:
                score = min(0.95, score + self.context_boost)  # checksummed types win ties
            out.append(Detection("PHONE", s, e, round(score, 4), self.name, text[s:e]))
        return out
