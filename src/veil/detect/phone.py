"""Phone numbers via Google's libphonenumber port (``phonenumbers``).

A cheap regex first finds digit runs that could be a number; only those windows go through
``PhoneNumberMatcher`` for each default region, so long texts without numbers cost one regex.
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
                 "extension", "hotline", "voicemail")

# 7+ digits with the usual separators, optionally a +country prefix or (area) group.
_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \t().\-/]{4,22}\d"
                        r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?")

# Shapes that phonenumbers accepts as "possible" but that are other things: IPv4, dates, times.
_NOT_PHONE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|"
                        r"^(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.]\d\d?\b|"
                        r"^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d$|^\d{1,2}/\d{1,2}/\d{2}$")


_GROUPED = re.compile(r"(?:\+|00)?\(?\d{1,5}\)?(?:[ .-]?\(?\d{2,5}\)?){1,4}")
_BARE_REGIONS = frozenset({"US", "CA", "IN", "ES", "IT"})


class PhoneRecognizer(Recognizer):
    name = "phone"
    entities = ("PHONE",)
    validated = True

    def __init__(self, regions: Sequence[str] = DEFAULT_REGIONS, *,
                 valid_score: float = 0.9, possible_score: float = 0.55,
                 bare_score: float = 0.3,
                 context_boost: float = 0.3) -> None:
        self.regions = tuple(regions)
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
        best: dict[tuple[int, int], float] = {}

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
            if self.context.near(text, s, e):
                score = min(0.95, score + self.context_boost)  # checksummed types win ties
            out.append(Detection("PHONE", s, e, round(score, 4), self.name, text[s:e]))
        return out
