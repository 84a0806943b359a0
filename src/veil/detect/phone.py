"""Phone numbers via Google's libphonenumber port (``phonenumbers``).

A cheap regex first finds digit runs that could be a number; only those windows go through
``PhoneNumberMatcher`` for each default region, so long texts without numbers cost one regex.

A bare digit run (no ``+``, no separators) is a phone only next to a phone word, or when it is a
valid number of a region the policy names (``phone_regions``) or of the message's language
(``0612345678`` in French text): otherwise an order or account number would be masked as a
phone of whichever country happens to accept it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher

from veil.detect.entity import Detection
from veil.detect.lexicon import ADDRESS_AFTER_NUMBER
from veil.detect.recognizer import ContextMatcher, Recognizer

DEFAULT_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "IN", "NL", "BE", "SE", "ES", "IT",
                                    "AU", "CH", "IE")
PHONE_CONTEXT = ("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "number",
                 "whatsapp", "contact", "reach", "text me", "dial", "ph", "mob", "sms",
                 "messages", "answering", "registered", "ring", "landline", "office", "desk",
                 "extension", "hotline", "voicemail",
                 # fr / de / es / zh
                 "téléphone", "tél", "portable", "appeler", "appelez", "joindre", "joignable",
                 "numéro",
                 "telefon", "handy", "rufnummer", "festnetz", "anrufen", "erreichbar",
                 "teléfono", "telefono", "móvil", "movil", "llamar", "llame", "número",
                 "手机", "电话", "联系", "致电", "号码", "手机号", "微信")
#: The region whose national numbers a message in this language most likely holds.
LANGUAGE_REGIONS: dict[str, str] = {"fr": "FR", "de": "DE", "es": "ES", "zh": "CN"}

# 7+ digits with the usual separators, optionally a +country prefix or (area) group.
_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \t().\-/]{4,22}\d"
                        r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?", re.ASCII)

# Shapes that phonenumbers accepts as "possible" but that are other things: IPv4, dates, times.
_NOT_PHONE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|"
                        r"^(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.]\d\d?\b|"
                        r"^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d$|^\d{1,2}/\d{1,2}/\d{2}$|"
                        r"^\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}$")


_GROUPED = re.compile(r"(?:\+|00)?\(?\d{1,5}\)?(?:[ .-]?\(?\d{2,5}\)?){1,4}")
_BARE_REGIONS = frozenset({"US", "CA", "IN", "ES", "IT", "CN"})


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
        if n_digits < 7 or _NOT_PHONE.search(raw):
            return None
        prefixed = raw.lstrip("(").startswith(("+", "0"))
        if phonenumbers.is_valid_number(number) and (prefixed or n_digits >= 10):
            return self.valid_score
        if n_digits >= 10:
            return self.possible_score  # possible length, unassigned range (fake data, new plans)
        return self.bare_score  # a bare 7-9 digit run is as often a house or order number

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_language(text, "")

    def _expected_valid(self, raw: str, regions: Sequence[str]) -> bool:
        for region in regions:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(raw, region)):
                    return True
            except NumberParseException:
                continue
        return False

    def analyze_language(self, text: str, language: str) -> list[Detection]:
        best: dict[tuple[int, int], float] = {}
        home = LANGUAGE_REGIONS.get(language)
        expected = (*self.expected, home) if home else self.expected

        def keep(s: int, e: int, score: float | None) -> None:
            if score is not None and best.get((s, e), -1.0) < score:
                best[(s, e)] = score

        for cm in _CANDIDATE.finditer(text):
            cand = cm.group()
            if sum(c.isdigit() for c in cand) < 6:
                continue
            regions = self._regions_for(cand)
            # fast path: the whole candidate parses as a possible number in some region
            # (stop at the first region where it is valid: each validity check costs regexes)
            whole = False
            for region in regions:
                try:
                    num = phonenumbers.parse(cand, region)
                except NumberParseException:
                    continue
                if phonenumbers.is_possible_number(num):
                    score = self._score(cand, num)
                    if score is None:
                        break  # a date, an IPv4, too few digits: no region changes that
                    keep(cm.start(), cm.end(), score)
                    whole = True
                    if score == self.valid_score:
                        break
            if whole:
                continue
            if (self.context.near(text, cm.start(), cm.end()) and _GROUPED.fullmatch(cand)
                    and not _NOT_PHONE.search(cand)):
                # grouped digits right by a phone word: a short or unknown-plan number
                keep(cm.start(), cm.end(), self.bare_score)
                continue
            # slow path: let the matcher find number(s) inside the candidate window
            lo, hi = max(0, cm.start() - 1), min(len(text), cm.end() + 1)
            window = text[lo:hi]
            for region in regions:
                for m in PhoneNumberMatcher(window, region, leniency=Leniency.POSSIBLE):
                    keep(lo + m.start, lo + m.end, self._score(m.raw_string, m.number))
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
