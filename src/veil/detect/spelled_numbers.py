"""Numbers written out digit by digit: ``call five five five, one two three four``, ``my ssn is
one two three four five six seven eight nine``, ``oh seven seven double oh nine hundred one two
three``. A caller who wants a value past the mask writes it so on purpose, and a model reads it
back as the number; no digit pattern sees it.

A run is a sequence of digit words (English, and French, German, Spanish, Portuguese, Italian
and Dutch ones, one language per run), ``double``/``triple`` before one, ``hundred``/
``thousand`` after one, and groups of up to four digits between them (``five 5 five``, ``555 one
two three four``), separated by spaces, a comma or a hyphen; the whole run is one span. Prose
counts and lists in words, so a run is a number only with at least seven digits, four of them
spelled ("one, two, three, four" and "one or two" stay prose), and not one digit over and over
("oh oh oh ...") nor a quantity ("one thousand, nine hundred", "nine hundred and six"). A
straight count (``one two three four five six seven``), a list of single digits between commas
or several hundreds or thousands is a number only near a word of a phone, card, account or
social security number.

The run is typed by its digits and its context: nine digits near an SSN word are an SSN, 13
to 19 passing the card checks a card number, near an account word an account number,
otherwise up to 15 digits a phone number and more an account number.

The regex is tried only where a digit word is followed by a separator (found by one automaton
pass over the lower-cased text), and each of its repeats is possessive: it reads a run once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from veil.alternation import trie_pattern
from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, Scan
from veil.detect.phone import PHONE_CONTEXT
from veil.detect.recognizer import ContextMatcher, Recognizer
from veil.detect.validators import is_credit_card, is_us_ssn

#: the words of each digit, 0 to 9, by language
_SPELLED = {
    "en": ("zero oh nought", "one", "two", "three", "four", "five", "six", "seven", "eight",
           "nine niner"),
    "fr": ("zéro zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    "de": ("null", "eins", "zwei zwo", "drei", "vier", "fünf fuenf", "sechs", "sieben", "acht",
           "neun"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
    # (Brazil reads a phone's six as "meia", half a dozen)
    "pt": ("zero", "um uma", "dois duas", "três tres", "quatro", "cinco", "seis meia", "sete",
           "oito", "nove"),
    "it": ("zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"),
    "nl": ("nul", "een één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"),
}


def _digit_words() -> dict[str, tuple[str, frozenset[str]]]:
    """word -> (its digit, the languages it is that digit's word in: "six" is en and fr)."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for lang, digits in _SPELLED.items():
        for digit, words in enumerate(digits):
            for w in words.split():
                out[w] = (str(digit), out.get(w, ("", frozenset()))[1] | {lang})
    # a zero inside a run only ("five o five"): a lone "o" before digit words is as often a
    # letter or a call ("O Canada", "option A o B"); English only, as "uno o dos" is "or"
    out["o"] = ("0", frozenset({"en"}))
    return out


_WORDS = _digit_words()
_MULTIPLIERS = {"double": 2, "triple": 3, "treble": 3}
_ZEROS = {"hundred": "00", "thousand": "000"}
_ENGLISH = frozenset({"en"})
#: words speech recognition writes for a digit it heard ("for one five", "to one to three"):
#: read as digits inside a run only, never as its first word, and never counted as spelled
_HOMOPHONES = {"for": "4", "fore": "4", "to": "2", "too": "2", "won": "1", "ate": "8"}
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: two digits said as a number, as people read a phone's last digits ("sixty two forty"):
#: inside a run only, and counted as spelled only by the run's single digit words
_PAIRS = {w: str(n) for n, w in enumerate(
    ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen"), start=10)}
_TENS = {w: str(n) for n, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)}
_KNOWN = frozenset((*_WORDS, *_MULTIPLIERS, *_ZEROS, *_HOMOPHONES, *_PAIRS, *_TENS))


def _alternation(words: Iterable[str]) -> str:
    """The words as a prefix tree: the engine tries a few branches at a word, not each word."""
    return trie_pattern([[re.escape(c) for c in w] for w in words])


@functools.lru_cache(maxsize=256)
def _canonical(word: str) -> str:
    """The known word that ``word`` spells: the regex ignores case as Unicode does, so "fıve"
    and "FİVE" matched "five" and lower-case to neither."""
    for known in _KNOWN:
        if re.fullmatch(re.escape(known), word, re.IGNORECASE):
            return known
    return word


_FIRST = _alternation(w for w in _WORDS if w != "o")
_ANY = _alternation(_WORDS)
_HOMOPHONE = _alternation(_HOMOPHONES)
_PAIR = (rf"(?:(?:{_alternation(_TENS)})(?:[ \t-]+(?:{_alternation(_UNITS)}))?|"
         rf"{_alternation(_PAIRS)})")
_MULT = _alternation(_MULTIPLIERS)
_B = r"(?![\w'’])"  # a word ends: not "o'clock", "one's", "fives"
_AFTER = rf"(?:[ \t]+(?:{_alternation(_ZEROS)}){_B})?"  # "nine hundred"
_NUMERAL = r"\d{1,4}(?!\w|[.,]\d)"  # not "3.14", "1,234", "5th"
# atomic tokens and possessive separators: a run is read once, whatever follows it
_TOKEN_FIRST = rf"(?>(?:{_MULT})[ \t]+(?:(?:{_ANY}){_B}|\d(?!\w))|(?:{_FIRST}){_B}{_AFTER})"
_TOKEN = (rf"(?>(?:{_MULT})[ \t]+(?:(?:{_ANY}){_B}|\d(?!\w))|(?:{_ANY}){_B}{_AFTER}|{_NUMERAL}|"
          rf"{_PAIR}{_B}{_AFTER}|{_HOMOPHONE}{_B})")
#: a separator said as a word ("five five five dash one two ...", "078 dash 05 dash 1120")
_SEP_WORDS = ("dash", "hyphen", "tiret", "bindestrich", "guion", "guión")
_SEP_WORD = rf"(?:{_alternation(_SEP_WORDS)})(?![\w'’])"
#: what a speaker says between the groups of a number: a hesitation or a correction ("two oh
#: six, uh, five five five", "oh one four, sorry, oh one four two"); a transcript writes a
#: pause as an ellipsis or a dash
_FILLERS = ("um", "uh", "uhm", "er", "erm", "ah", "hmm", "sorry", "no wait", "i mean", "wait",
            "then", "no sorry", "sorry no", "no actually", "actually", "correction",
            "scratch that", "or rather")
_FILLER = rf"(?:{_alternation(_FILLERS)})(?![\w'’])"
_PUNCT = r"(?:[,;-]|\.{1,3}(?!\d)|[\u2013\u2014\u2026])"
_SEP = rf"[ \t]*+(?:(?:{_PUNCT}|{_SEP_WORD}|{_FILLER})[ \t]*+){{0,4}}+"
#: A run of at least two tokens, starting with a word: not inside a word, nor after a word and
#: a hyphen ("twenty-five"); a digit and a hyphen may come before ("555-one two ...").
_RUN = (rf"(?<![\w'’])(?<![^\W\d]-){_TOKEN_FIRST}(?:{_SEP}{_TOKEN})++")
#: where a run can start: its first word is followed by one of these (a separator, or the
#: space after "double" or before "hundred"); a finite set of strings, found in one pass
_MARK = rf"(?<!\w)(?:{_FIRST}|{_MULT})[ \t,;.\u2013\u2014\u2026-]"

SPELLED_RUN = Scan(Pattern(_RUN, 0.0, re.IGNORECASE, mark=_MARK, fold=True, lead=0))
#: a run said in pairs from its first word ("forty one eleven, eleven eleven, ...", "twenty
#: three, forty five, sixty seven"): a number only right after its word (:meth:`_paired`)
_PAIRED_MARK = rf"(?<!\w)(?:{_alternation((*_TENS, *_PAIRS))})[ \t,;.-]"
PAIRED_RUN = Scan(Pattern(rf"(?<![\w'’])(?<![^\W\d]-){_PAIR}{_B}(?:{_SEP}{_TOKEN})++", 0.0,
                          re.IGNORECASE, mark=_PAIRED_MARK, fold=True, lead=0))
#: digit groups joined by separator words only ("078 dash 05 dash 1120"), tried at the word
JOINED_RUN = Scan(Pattern(rf"(?<![\w.,])\d{{1,4}}(?:[ \t]+{_SEP_WORD}[ \t]+\d{{1,4}}"
                          r"(?!\w|[.,]\d)){2,}", 0.0, re.IGNORECASE,
                          mark=rf"[ \t](?:{_alternation(_SEP_WORDS)})[ \t]", fold=True, words=0))

#: digit groups right before a run ("555 one two three four", "(555) one ..."), after a space
#: (not "10:30", "$5", "+1"), read back from its start
_NUMERALS_BEFORE = re.compile(r"(?<!\S)(?:\(?\d{1,4}\)?(?!\w)[ \t]*+(?:[,-][ \t]*+)?)++\Z")
_PIECES = re.compile(rf"(?P<pair>{_PAIR}(?![\w'’]))|(\d+)|([^\W\d_]+)|"
                     r"([,;\u2013\u2014\u2026]|\.+)", re.IGNORECASE)
#: the words of the separators a run may hold, skipped when it is read
_SKIPPED = frozenset(w for phrase in (*_SEP_WORDS, *_FILLERS) for w in phrase.split())
#: "um" is Portuguese for one as well: a hesitation in a run of another language's digits
_UM = "um"
_NOT_PORTUGUESE = re.compile(
    rf"(?<![\w'’])(?:{_alternation(w for w, (_, ls) in _WORDS.items() if 'pt' not in ls)})"
    r"(?![\w'’])", re.IGNORECASE)
_LEADING_FILLER = re.compile(rf"(?:{_FILLER}[ \t]*+(?:{_PUNCT}[ \t]*+)?)+", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_AND_AFTER = re.compile(r"[ \t]+and\b", re.IGNORECASE)

MIN_DIGITS = 7
#: digits spelled as words: "Sept 12 2024" is a date
MIN_SPELLED = 4
#: how far before a run digit groups that belong to it are looked for
_BEFORE = 48

#: a run's last word, a homophone, and a word after it: "... two three four to book" ends at
#: "four"; a homophone before the run ("for one five ...") is its first digit
_HOMOPHONE_END = re.compile(rf"[ \t,.;-]*+(?:{_HOMOPHONE})\Z", re.IGNORECASE)
_HOMOPHONE_BEFORE = re.compile(rf"(?<![\w'’])(?:{_HOMOPHONE})[ \t]+\Z", re.IGNORECASE)
_WORD_AFTER = re.compile(r"[ \t]*[^\W\d_]")
#: a tens word right before a run: its pair's first word ("twenty three, forty five, ...")
_TENS_BEFORE = re.compile(rf"(?<![\w'’])(?:{_alternation(_TENS)})[ \t]+\Z", re.IGNORECASE)
#: the last digits of a number, which a bank or a clinic asks for alone ("last four of the
#: social is seven seven one oh", "my card ends in four four four four"), right before a run
_LAST_DIGITS = re.compile(r"(?:\blast[ \t]+(?:four|4)\b|\bend(?:s|ing)[ \t]+(?:in|with)\b)"
                          r"[^.!]{0,40}\Z", re.IGNORECASE)
#: a ZIP code's or a postcode's word shortly before a run of five or nine digits
_ZIP = re.compile(r"\b(?:zip|zipcode|zip[ \t]+code|postal[ \t]+code|post[ \t]*code)\b"
                  r"[^.!]{0,32}\Z", re.IGNORECASE)
_BIRTH = ContextMatcher(("born", "dob", "d.o.b", "date of birth", "birth date", "birthdate",
                         "birthday"), window=32, after=False)
_SSN = ContextMatcher(("ssn", "social", "social security", "ss#", "ss #", "taxpayer", "tin"))
_CARD = ContextMatcher(("card", "credit", "visa", "mastercard", "amex", "cc", "debit",
                        "carte", "tarjeta", "karte", "kreditkarte"))
_ACCOUNT = ContextMatcher(("account", "acct", "a/c", "account number", "account no",
                           "member id", "member number", "policy number", "customer number",
                           "customer id", "client number", "routing", "kontonummer", "konto",
                           "cuenta", "número de cuenta", "compte", "numéro de compte"))
_PHONE = ContextMatcher(PHONE_CONTEXT)
#: the same words right before a run (the question or the label it answers): a run said in
#: pairs, or shorter than a number, is one only after them
_SSN_BEFORE = ContextMatcher(_SSN.words, window=40, after=False)
_CARD_BEFORE = ContextMatcher(_CARD.words, window=40, after=False)
_ACCOUNT_BEFORE = ContextMatcher((*_ACCOUNT.words, "member number", "policy number",
                                  "reference number", "membership number"),
                                 window=40, after=False)
_PHONE_BEFORE = ContextMatcher(PHONE_CONTEXT, window=40, after=False)
#: a card's security code or a PIN said digit by digit ("the three digit code on the back?
#: seven three nine", "my PIN is four nine two seven")
_CVV_BEFORE = re.compile(r"\b(?:cvv2?|cvc2?|csc|cid|security[ \t]+code|verification[ \t]+"
                         r"(?:code|number)|(?:three|four|3|4)[ \t-]+digit[ \t]+code|"
                         r"digits[ \t]+on[ \t]+the[ \t]+back|code[ \t]+on[ \t]+the[ \t]+back)"
                         r"\b[^.!]{0,36}\Z", re.IGNORECASE)
_PIN_BEFORE = re.compile(r"\b(?:pin|pin[ \t]+number|pin[ \t]+code|passcode|pass[ \t]+code|"
                         r"access[ \t]+code|door[ \t]+code|alarm[ \t]+code|gate[ \t]+code)"
                         r"\b[^.!]{0,36}\Z", re.IGNORECASE)
#: a US state's name right before five or nine digits: its ZIP code ("springfield illinois
#: six two seven oh four")
_STATE_BEFORE = re.compile(
    r"\b(?:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|"
    r"georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    r"massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    r"new[ \t]+hampshire|new[ \t]+jersey|new[ \t]+mexico|new[ \t]+york|north[ \t]+carolina|"
    r"north[ \t]+dakota|ohio|oklahoma|oregon|pennsylvania|rhode[ \t]+island|"
    r"south[ \t]+carolina|south[ \t]+dakota|tennessee|texas|utah|vermont|virginia|"
    r"washington|west[ \t]+virginia|wisconsin|wyoming)[ \t]*,?[ \t]*\Z", re.IGNORECASE)


class _Reading:
    """What a run spells: its digits and the shapes of prose it may have."""

    __slots__ = ("digits", "groups", "homophones", "languages", "leading_oh", "pairs",
                 "scales", "spelled", "tokens", "um_filler")

    def __init__(self, value: str) -> None:
        out: list[str] = []
        self.spelled = 0
        self.homophones = 0  # "for", "to", "won" read as digits
        self.pairs = 0  # "sixty two", "forty", "nineteen": two digits each
        self.scales: list[str] = []  # "hundred" and "thousand", in order
        self.languages = frozenset(_SPELLED)
        self.groups = [0]  # digits between commas
        self.tokens = [0]  # words and numerals between commas
        self.leading_oh = False  # "Oh, five five five ...": an interjection, not a zero
        times = 1
        self.um_filler = _NOT_PORTUGUESE.search(value) is not None
        for pair, num, piece, comma in _PIECES.findall(value):
            word = piece.lower()
            if word in _SKIPPED and (word != _UM or self.um_filler):
                continue
            if word and word not in _KNOWN:
                word = _canonical(piece)
            if pair:
                tens, _, unit = pair.lower().replace("-", " ").partition(" ")
                two = _PAIRS.get(tens) or _TENS[tens] + _WORDS.get(unit.strip(), ("0",))[0]
                out.append(two)
                self.groups[-1] += 2
                self.tokens[-1] += 1
                self.pairs += 1
                self.languages &= _ENGLISH
                times = 1
            elif comma:
                if self.groups == [1] and value[:2].lower() == "oh":
                    self.leading_oh = True
                self.groups.append(0)
                self.tokens.append(0)
            elif num:
                out.append(num[0] * times + num[1:])
                self.groups[-1] += len(out[-1])
                self.tokens[-1] += 1
                times = 1
            elif word in _MULTIPLIERS:
                times = _MULTIPLIERS[word]
                self.tokens[-1] += 1  # "triple five, double two": no list of digits
                self.languages &= _ENGLISH
            elif word in _ZEROS:
                out[-1] += _ZEROS[word]
                self.spelled += len(_ZEROS[word])
                self.groups[-1] += len(_ZEROS[word])
                self.scales.append(word)
                self.languages &= _ENGLISH
            elif word in _HOMOPHONES:
                out.append(_HOMOPHONES[word])
                self.groups[-1] += 1
                self.tokens[-1] += 1
                self.homophones += 1
                self.languages &= _ENGLISH
                times = 1
            elif word in _WORDS:
                digit, languages = _WORDS[word]
                out.append(digit * times)
                self.spelled += times
                self.languages &= languages
                self.groups[-1] += times
                self.tokens[-1] += 1
                times = 1
            else:  # cannot happen: the regex matched it as a digit word
                self.languages = frozenset()
        self.digits = "".join(out)

    def needs_context(self) -> bool:
        """Whether the run reads as prose as easily: a count, a list, sums."""
        d = self.digits
        steps = {(int(b) - int(a)) % 10 for a, b in zip(d, d[1:], strict=False)}
        groups = [n for n in self.groups if n]
        return (steps in ({1}, {9})  # one two three four five six seven; a countdown
                # one, two, three, four, five, six, seven
                or (len(groups) >= 3 and all(n <= 1 for n in self.tokens))
                # readings, scores: "one two five, one four oh, one one eight, one three two"
                or (len(groups) >= 4 and len(set(groups)) == 1 and groups[0] in (2, 3))
                or len(self.scales) >= 2)  # two hundred, three hundred, four hundred

    def cardinal(self, text: str, end: int) -> bool:
        """Whether the run is a number said as a quantity: "one thousand, nine hundred",
        "nine hundred and ninety-four"."""
        scales = self.scales
        if "thousand" in scales and "hundred" in scales[scales.index("thousand") + 1:]:
            return True
        last = scales[-1] if scales else ""  # does the run end with it?
        return bool(last) and text[end - len(last):end].lower() == last \
            and _AND_AFTER.match(text, end) is not None


def spelled_digits(value: str) -> str | None:
    """The digits a run this recognizer found spells ("double oh seven" -> "007"), for a
    replacement generator that reads digits; None where it holds no digit word."""
    if SPELLED_RUN.rx.search(value) is None:
        return None
    digits = _Reading(value).digits
    return digits or None


class SpelledNumberRecognizer(Recognizer):
    """Phone, SSN, card and account numbers written out digit by digit."""

    name = "spelled_number"
    entities = ("PHONE", "US_SSN", "CREDIT_CARD", "ACCOUNT_NUMBER", "DATE_OF_BIRTH", "LOCATION",
                "CARD_SECURITY_CODE", "SECRET")
    validated = True  # seven digits and more are no prose: NER does not cut into the run

    def idle(self, text: str) -> bool:
        # each run is tried at its scan's mark only: none of the marks, no run (most prompts
        # that say no number word; the strings were found in the text's one pass)
        return not any(scan.any_anchor(text) for scan in (SPELLED_RUN, PAIRED_RUN, JOINED_RUN))

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in SPELLED_RUN.matches(text):
            found = self._judge(text, m.start(), m.end())
            if found is not None:
                out.append(found)
        for m in PAIRED_RUN.matches(text):
            if not any(f.start < m.end() and m.start() < f.end for f in out):
                found = self._paired(_Reading(m.group()), text, m.start(), m.end())
                if found is not None:
                    out.append(found)
        for m in JOINED_RUN.matches(text):
            d = "".join(_DIGITS.findall(m.group()))
            if len(d) >= MIN_DIGITS and len(set(d)) > 1 and \
                    not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(self._typed(d, text, m.start(), m.end()))
        return out

    def _judge(self, text: str, start: int, end: int) -> Detection | None:
        start, end = _homophone_edges(text, start, end)
        reading = _Reading(text[start:end])
        lead = _LEADING_FILLER.match(text, start, end)  # "um oh five ...": from "oh"
        if lead is not None and (reading.um_filler or lead.group().lower()[:2] != _UM):
            start = lead.end()
        if reading.spelled < MIN_SPELLED:  # most runs of prose: "one two", "five, six"
            return (self._code(reading, text, start, end)
                    or self._paired(reading, text, start, end))
        before = _NUMERALS_BEFORE.search(text, max(0, start - _BEFORE), start)
        if before is not None:
            start = before.start()
            reading = _Reading(text[start:end])
        elif reading.leading_oh:
            start = text.index(",", start) + 1
            while text[start] in " \t":
                start += 1
            reading = _Reading(text[start:end])
        d = reading.digits
        if reading.spelled < MIN_SPELLED or not reading.languages:
            return None
        short = self._short(reading, text, start, end)
        if short is not None:
            return short
        if len(d) < MIN_DIGITS or len(set(d)) == 1:  # "oh oh oh ...": not a number
            return None
        ssn, card, account, phone = (c.near(text, start, end)
                                     for c in (_SSN, _CARD, _ACCOUNT, _PHONE))
        named = ssn or card or account or phone
        if reading.cardinal(text, end) or (reading.needs_context() and not named):
            return None
        # homophones are words of prose as well: fewer than the digit words, and a number's
        # word near or a phone's length ("won two three for" of a call's transcript)
        if reading.homophones and (2 * reading.homophones > reading.spelled
                                   or not (named or len(d) >= 10)):
            return None
        if _BIRTH.near(text, start, end) and _is_date(d):
            return Detection("DATE_OF_BIRTH", start, end, 0.9, self.name, text[start:end])
        return self._typed(d, text, start, end)

    def _short(self, reading: _Reading, text: str, start: int,
               end: int) -> Detection | None:
        """A run shorter than a number that its words before make one: a date of birth's six
        digits, a ZIP code's five or nine, a number's last four."""
        d = reading.digits
        if reading.homophones or reading.pairs > 1 or reading.scales:
            return None
        lo = max(0, start - 64)
        kind = ""
        code = self._code(reading, text, start, end)
        if code is not None:
            return code
        if len(d) == 6 and _BIRTH.near(text, start, end) and _is_date(d):
            kind, score = "DATE_OF_BIRTH", 0.9
        elif len(d) in (5, 9) and not reading.pairs and _zip(text, lo, start):
            kind, score = "LOCATION", 0.85
        elif len(d) == 4 and not reading.pairs and _LAST_DIGITS.search(text, lo, start):
            kind, score = _last_digits_type(text, lo, start), 0.85
        elif len(d) in (5, 6) and not reading.pairs and _ACCOUNT_BEFORE.near(text, start, end):
            kind, score = "ACCOUNT_NUMBER", 0.85  # "member number is four eight two, nine one six"
        if not kind:
            return None
        return Detection(kind, start, end, score, self.name, text[start:end])

    def _code(self, reading: _Reading, text: str, start: int, end: int) -> Detection | None:
        """Three or four digits said one by one after a card's security code's or a PIN's
        word."""
        d = reading.digits
        if not 3 <= len(d) <= 4 or reading.spelled != len(d) or reading.scales:
            return None
        lo = max(0, start - 64)
        if _CVV_BEFORE.search(text, lo, start):
            kind = "CARD_SECURITY_CODE"
        elif _PIN_BEFORE.search(text, lo, start):
            kind = "SECRET"
        else:
            return None
        return Detection(kind, start, end, 0.9, self.name, text[start:end])

    def _paired(self, reading: _Reading, text: str, start: int, end: int) -> Detection | None:
        """A run said mostly in pairs ("five twelve, forty eight, seventy seven ten", "forty
        one eleven, eleven eleven, ..."): prose says amounts and times so, so it is a number
        only right after the word of a number its length and checks fit."""
        d = reading.digits
        if not reading.pairs or reading.scales or reading.homophones or not reading.languages:
            return None
        lo = max(0, start - 64)
        if reading.pairs == 1 and not (len(d) in (4, 5, 9) and reading.spelled >= len(d) - 2):
            return None  # one pair: only a number's last four or a ZIP code ("ninety two one
            # oh four"); a longer run with one pair and few digit words is an amount's shape
        if len(d) == 4 and _LAST_DIGITS.search(text, lo, start):
            kind = _last_digits_type(text, lo, start)
        elif len(d) == 9 and _SSN_BEFORE.near(text, start, end) and is_us_ssn(d):
            kind = "US_SSN"
        elif 13 <= len(d) <= 19 and _CARD_BEFORE.near(text, start, end) and is_credit_card(d):
            kind = "CREDIT_CARD"
        elif 6 <= len(d) <= 17 and _ACCOUNT_BEFORE.near(text, start, end):
            kind = "ACCOUNT_NUMBER"
        elif 10 <= len(d) <= 12 and _PHONE_BEFORE.near(text, start, end):
            kind = "PHONE"
        elif len(d) in (5, 9) and _zip(text, lo, start):
            kind = "LOCATION"
        else:
            return None
        return Detection(kind, start, end, 0.85, self.name, text[start:end])

    def _typed(self, d: str, text: str, start: int, end: int) -> Detection:
        """The run's type, by its digits and the words near it."""
        ssn, card, account, phone = (c.near(text, start, end)
                                     for c in (_SSN, _CARD, _ACCOUNT, _PHONE))
        if len(d) == 9 and ssn and is_us_ssn(d):
            kind, score = "US_SSN", 0.95
        elif 13 <= len(d) <= 19 and is_credit_card(d):
            kind, score = "CREDIT_CARD", 0.95 if card else 0.9
        elif account:
            kind, score = "ACCOUNT_NUMBER", 0.85
        elif len(d) <= 15:
            kind, score = "PHONE", 0.9 if phone else 0.75
        else:
            kind, score = "ACCOUNT_NUMBER", 0.7
        return Detection(kind, start, end, score, self.name, text[start:end])


def _homophone_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """The run with a homophone before it ("for one five ...") and without one at its end
    that a word follows ("... three four to book")."""
    m = _HOMOPHONE_BEFORE.search(text, max(0, start - 8), start) or \
        _TENS_BEFORE.search(text, max(0, start - 10), start)
    if m is not None:
        start = m.start()
    m = _HOMOPHONE_END.search(text, start, end)
    if m is not None and _WORD_AFTER.match(text, end) is not None:
        end = m.start()
    return start, end


def _zip(text: str, lo: int, hi: int) -> bool:
    """Whether a ZIP code's or a postcode's word, or a US state's name, comes right before."""
    return _ZIP.search(text, lo, hi) is not None or \
        _STATE_BEFORE.search(text, max(lo, hi - 40), hi) is not None


def _last_digits_type(text: str, lo: int, hi: int) -> str:
    """The type of a number whose last four digits are said after its word."""
    if _SSN.near(text, hi, hi):
        return "US_SSN"
    if _CARD.near(text, hi, hi):
        return "CREDIT_CARD"
    return "ACCOUNT_NUMBER" if _ACCOUNT.near(text, hi, hi) else "PHONE"


def _is_date(d: str) -> bool:
    """Whether six or eight digits read as a date, day or month first ("oh three oh four
    seventy one", "oh five oh seven nineteen seventy six")."""
    if len(d) not in (6, 8):
        return False
    a, b = int(d[:2]), int(d[2:4])
    year = int(d[4:])
    if len(d) == 8 and not 1880 <= year <= 2100:
        return False
    return any(1 <= m <= 12 and 1 <= day <= 31 for m, day in ((a, b), (b, a)))


SPELLED_NUMBERS = SpelledNumberRecognizer()
