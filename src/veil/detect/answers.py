"""Values given as answers in a transcript: the question names the value, the answer does not.

A call centre's or a chatbot's transcript is where a bank's, an insurer's or a clinic's prompts
come from, and it asks for exactly what identifies a caller::

    Agent: And your date of birth? Customer: june 3rd 88
    Agent: Last four of your social?
    Caller: 4471

"june 3rd 88" is no date the patterns read as a birth date, "4471" no SSN by its shape, a
surname alone ("kowalczyk") no name a model is sure of. The question says what they are.

A question is a sentence that ends in "?" and names one field (date of birth, social, name,
ZIP code, address, phone, account or member number, PIN or password, medical record number);
its answer is the next speaker's first clause, after a speaker's label ("Customer:", "A:")
or a line break, past fillers ("yeah", "sure, it's"). Each field's answer is checked by its
kind: a date holds a digit, an SSN four or nine digits, a phone number seven or more, a
number a digit, a name one to four words with a known name or a capital among them. A question
that names two fields ("your name and date of birth?") is answered by two parts, split at a
comma or "and", in the same order. English only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from veil.detect.entity import Detection
from veil.detect.names import first_names, last_names
from veil.detect.recognizer import Recognizer

#: (what the question says, lower-cased; the answer's type), the more specific first
_FIELDS: tuple[tuple[str, str], ...] = (
    (r"last (?:4|four)(?: digits)? of (?:your |the )?(?:social|ssn|social security)"
     r"|social security(?: number| no)?|\bssn\b|\bsocial\b", "US_SSN"),
    (r"date of birth|birth ?date|\bdob\b|birthday|when were you born", "DATE_OF_BIRTH"),
    (r"maiden name", "PERSON"),
    (r"zip(?: ?code)?|post ?code|postal code", "LOCATION"),
    (r"(?:home |street |mailing |billing |current )?address(?! of)|where do you live",
     "LOCATION"),
    (r"phone(?: number)?|number (?:to|we can|i can) (?:reach|call)|call ?back number"
     r"|cell(?: number)?|mobile(?: number)?", "PHONE"),
    (r"medical record(?: number)?|\bmrn\b", "MEDICAL_RECORD"),
    (r"account(?: number| no)|\bacct\b|member(?: id| number)|policy(?: number| no)"
     r"|card number|last (?:4|four)(?: digits)? of (?:the |your )?card|claim number",
     "ACCOUNT_NUMBER"),
    (r"\bpin\b|password|passcode|pass code|security (?:answer|word)|memorable word"
     r"|(?:access|door|gate|entry|alarm|keypad|key safe|lockbox) code", "SECRET"),
    (r"(?:full |first |last |sur|given |legal )?name\b|spell (?:that|it|your)", "PERSON"),
)
_FIELD_RXS = tuple((re.compile(rx), kind) for rx, kind in _FIELDS)

#: a turn's speaker ("Customer:", "Agent Smith:", "A:", "Pt:")
_LABEL = r"(?:[A-Z][A-Za-z]{0,15}(?:[ \t][A-Z][A-Za-z]{0,15})?|[A-Z])[ \t]*:[ \t]*"
_FILLERS = (r"(?i:(?:yeah|yes|yep|yup|sure|ok|okay|uh|um|uhm|so|well|right|of course)"
            r"[,.!]?[ \t]+)*"
            r"(?i:(?:it'?s|its|it’s|it is|that'?s|thats|that is|it was|mine is"
            r"|my [a-z' ]{1,30}? is|i was born(?: on| in)?)[ \t]+)?")
#: a transcript's time stamp before a turn's speaker ("[00:01:15] Caller:", "00:05 A:"): the
#: turn's, not the answer's
_STAMP = r"(?:\[?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?[ \t]+)"
#: after a question: a new turn (a label, or a line break), fillers, then the answer's clause
_ANSWER = re.compile(
    rf"[ \t]*(?:(?:\r?\n[ \t]*)+{_STAMP}?(?:{_LABEL})?|{_LABEL})(?P<lead>{_FILLERS})"
    r"(?P<v>[^\r\n;!?]{1,60}?)(?=[ \t]*(?:[;!?\r\n]|\.(?:\s|$)|$|[ \t]" + _LABEL + r"))")
#: where a question starts: after the last sentence end, line break or speaker's label
_BOUNDARY = re.compile(rf"[.!?\n]|{_LABEL}")
_QUESTION_MAX = 120

_DIGITS_RUN = re.compile(r"\d[\d \t./-]*\d|\d")
_TOKEN_WITH_DIGIT = re.compile(r"[A-Za-z0-9#-]*\d[A-Za-z0-9#/-]*")
_MONTHS = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PARTS = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)")
_NOT_ANSWERS = frozenset({
    "yes", "no", "sure", "ok", "okay", "not", "i", "i'm", "im", "sorry", "what", "why", "hold",
    "wait", "one", "just", "let", "hmm", "hang", "the", "a", "an", "it", "that", "this", "you",
    "we", "he", "she", "they", "don't", "dont", "do", "can", "could", "please", "thanks",
    "thank", "hello", "hi", "hey", "same", "unknown", "none", "n/a", "idk", "who", "how",
})


def _digits_span(value: str, counts: Callable[[int], bool]) -> tuple[int, int] | None:
    for m in _DIGITS_RUN.finditer(value):
        if counts(sum(c.isdigit() for c in m.group())):
            return m.span()
    return None


def _date_span(value: str) -> tuple[int, int] | None:
    if not any(c.isdigit() for c in value):
        return None
    starts = [m.start() for m in _MONTHS.finditer(value)] + [
        m.start() for m in re.finditer(r"\d", value)]
    ends = [m.end() for m in re.finditer(r"\d+(?:st|nd|rd|th)?", value)]
    return min(starts), max(ends)


def _token_span(value: str) -> tuple[int, int] | None:
    m = _TOKEN_WITH_DIGIT.search(value)
    return m.span() if m is not None and len(m.group()) >= 3 else None


def _address_span(value: str) -> tuple[int, int] | None:
    if not any(c.isdigit() for c in value):
        return None
    return 0, len(value.rstrip(" \t,"))


def _name_span(value: str) -> tuple[int, int] | None:
    words = list(_WORD.finditer(value))
    if not 1 <= len(words) <= 4 or words[0].group().casefold() in _NOT_ANSWERS:
        return None
    if value[words[-1].end():].strip(" \t,.'\"") != "":
        return None  # more than a name: a sentence
    said = [w.group().casefold().rstrip(".") for w in words]
    if any(w in _NOT_ANSWERS for w in said):
        return None
    first, last = first_names(), last_names()
    if not any(w in first or w in last or g.group()[0].isupper()
               for w, g in zip(said, words, strict=True)):
        return None
    return words[0].start(), words[-1].end()


def _secret_span(value: str) -> tuple[int, int] | None:
    words = value.split()
    if not 1 <= len(words) <= 3 or words[0].casefold().strip(",.") in _NOT_ANSWERS:
        return None
    return 0, len(value.rstrip(" \t,."))


_CHECKS: dict[str, Callable[[str], tuple[int, int] | None]] = {
    "US_SSN": lambda v: _digits_span(v, lambda n: n in (4, 9)),
    "DATE_OF_BIRTH": _date_span,
    "PHONE": lambda v: _digits_span(v, lambda n: 7 <= n <= 15),
    "ACCOUNT_NUMBER": _token_span,
    "MEDICAL_RECORD": _token_span,
    "LOCATION": _address_span,
    "SECRET": _secret_span,
    "PERSON": _name_span,
}


def _fields(question: str) -> list[str]:
    """The types a question asks for, in the order it names them (each place named once)."""
    lowered = question.casefold()
    found: list[tuple[int, int, str]] = []
    for rx, kind in _FIELD_RXS:
        for m in rx.finditer(lowered):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), kind))
    return [kind for _, _, kind in sorted(found)]


class AnswerRecognizer(Recognizer):
    """The answers to a transcript's questions for a caller's values."""

    name = "answer"
    entities = ("US_SSN", "DATE_OF_BIRTH", "PHONE", "ACCOUNT_NUMBER", "MEDICAL_RECORD",
                "LOCATION", "SECRET", "PERSON")
    message_languages = ("en",)

    def idle(self, text: str) -> bool:
        return "?" not in text

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        at = text.find("?")
        while at >= 0:
            self._answer(text, at, out)
            at = text.find("?", at + 1)
        return out

    def _answer(self, text: str, mark: int, out: list[Detection]) -> None:
        answer = _ANSWER.match(text, mark + 1)
        if answer is None:
            return
        window = text[max(0, mark - _QUESTION_MAX):mark]
        begin = 0
        for m in _BOUNDARY.finditer(window):
            begin = m.end()
        kinds = _fields(window[begin:])
        if not kinds or len(kinds) > 3:
            return
        value, base = answer.group("v"), answer.start("v")
        if len(kinds) == 1 and _CHECKS[kinds[0]](value) is None:
            # the answer then a remark of its own clause: "7741#, and my plate is ..."
            cut = _PARTS.search(value)
            value = value if cut is None else value[:cut.start()]
        parts = [(0, len(value))] if len(kinds) == 1 else self._parts(value, len(kinds))
        found: list[Detection] = []
        for kind, (s, e) in zip(kinds, parts, strict=False):
            span = _CHECKS[kind](value[s:e])
            if span is None or span[1] <= span[0]:
                return  # a part that is not what was asked for: the parts are not the answers
            a, b = base + s + span[0], base + s + span[1]
            found.append(Detection(kind, a, b, 0.8, self.name, text[a:b]))
        out.extend(found)

    @staticmethod
    def _parts(value: str, n: int) -> list[tuple[int, int]]:
        """``value`` split into ``n`` parts at commas or "and" (none when it has another count:
        a date's own comma, "june 3, 1988", makes one part too many)."""
        cuts = list(_PARTS.finditer(value))
        if len(cuts) != n - 1:
            return []
        bounds = [0, *(x for c in cuts for x in c.span()), len(value)]
        return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


ANSWERS = AnswerRecognizer()
