"""Street addresses said aloud, as speech recognition writes them: the house number in words
(``one two three four elm street``, ``twelve oh five north main``, ``fifteen twenty two oak
avenue``, ``two hundred and six harbour road``, ``forty four, um, maple close``) and the street
in lower case. The street patterns (:mod:`veil.detect.address`) need the number's digits and
the name models a capital, so the line went upstream whole.

A house number of number words (digit words, ``oh``, teens, tens, ``hundred``), maybe a
direction (``north``...), one to three words of the street's name and its type's word
(``street``, ``avenue``, ``road``, ``close``, ``gardens``, ``way``...), then maybe the flat's or
the suite's number (``apartment six b``). Prose says quantities the same way (``a ten minute
walk``, ``a two lane road``, ``three appointments on main street``, ``twenty kids walk to
school``), so the name's words are no function word, no unit of measure and not a street
type's word alone, a type that is a verb too is none before a verb's object, and a number of
one word needs an address's word before it (``address``, ``live at``, ``deliver to``...).
Without a type's word, a number, a direction and a name only after such a word (``billing
address? twelve oh five north main``).

Tried only where a street type's or a direction's word stands (one automaton pass shared with
every mark) and a number's word stands in the stretch before it.
"""

from __future__ import annotations

import re

from veil.alternation import trie_pattern
from veil.detect.entity import Detection
from veil.detect.patterns import ANCHORED, Pattern, Scan, folded
from veil.detect.recognizer import ContextMatcher, Recognizer

_DIGIT_WORDS = ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine")
_NUMBER_WORDS = (*_DIGIT_WORDS, "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                 "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
                 "fifty", "sixty", "seventy", "eighty", "ninety")
_TYPES = ("street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "ln", "way", "close",
          "court", "ct", "place", "terrace", "gardens", "crescent", "boulevard", "blvd",
          "parkway", "circle", "grove", "row", "square", "mews", "walk", "highway", "hwy",
          "trail", "broadway", "pike", "turnpike", "expressway", "alley", "heights")
_DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest")


def _alt(words: tuple[str, ...]) -> str:
    """The words as a prefix tree, a word's end after them."""
    return "(?:" + trie_pattern([[re.escape(c) for c in w] for w in words]) + r")(?![\w'’-])"


def _both(source: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``source`` for the lower-cased text, and for the text itself where lower case changes a
    length: written in lower case, a pattern reads lower-cased text without IGNORECASE, which
    made the engine try each case of each branch."""
    return re.compile(source), re.compile(source, re.IGNORECASE)


_NUM = rf"(?:{_alt(_NUMBER_WORDS)}|hundred(?:[ \t]+and)?(?![\w'’]))"
#: between the number's words: a space, a hyphen, a comma or a hesitation
_GAP = r"(?:[ \t]*+[,-]?[ \t]*+(?:(?:um|uh|er|erm)(?![\w'’])[ \t]*+,?[ \t]*+)?)"
_HOUSE = rf"(?P<num>{_NUM}(?:{_GAP}{_NUM}){{0,5}})"
_NAME_WORD = r"[a-z][a-z'’]*(?:-[a-z]+)?"
#: a house number, maybe a direction, the street's name, right before its type's word
_BEFORE_TYPE = _both(
    rf"(?<![\w'’-]){_HOUSE}{_GAP}(?:(?P<dir>{_alt(_DIRECTIONS)})[ \t]+)?"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]+\Z")
#: a house number right before its direction ("twelve oh five north main")
_BEFORE_DIRECTION = _both(rf"(?<![\w'’-]){_HOUSE}[ \t]+\Z")
_AFTER_DIRECTION = _both(rf"[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
                         r"(?=[ \t]*(?:[,.;!?\n]|$))")
#: the flat's or the suite's number after the street
_UNIT = re.compile(rf",?[ \t]+(?:apartment|apt|unit|suite|flat|number)[ \t]+{_NUM}"
                   rf"(?:[ \t]+{_NUM}){{0,2}}(?:[ \t]+[a-z](?![\w'’]))?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.IGNORECASE)

SPOKEN_STREET = Scan(Pattern(rf"(?<!\w){_alt((*_TYPES, *_DIRECTIONS))}", 0.0, re.IGNORECASE,
                             mark=rf"(?<!\w)(?:{'|'.join((*_TYPES, *_DIRECTIONS))})(?!\w)",
                             fold=True, lead=0))
#: a number word in the stretch before a street's word: looked for there only, not in the
#: text's shared pass (prose is full of "one" and "two")
_NUMBER_WORD = _both(rf"(?<![\w'’]){_alt(_NUMBER_WORDS)}")

_ADDRESS_CUE = ContextMatcher(
    ("address", "live at", "living at", "lives at", "live on", "lives on", "moved to",
     "moving to", "move to", "deliver", "delivery", "delivered", "send it to", "ship",
     "shipping", "post it", "located at", "i'm at", "we're at", "i am at", "flat", "apartment",
     "apt", "unit", "house", "property", "first line", "billing", "residence", "go to",
     "should go", "come to", "staying at", "postcode", "zip"), window=48, after=False)
#: what a street's name is not: function words, units of measure, time, the speaker's words
_NOT_NAME = frozenset((
    "a", "an", "the", "and", "or", "but", "of", "on", "in", "at", "to", "from", "for", "with",
    "by", "into", "onto", "off", "over", "under", "up", "down", "out", "near", "past",
    "through", "across", "along", "around", "behind", "about", "after", "before", "than",
    "then", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "me", "you", "him", "us", "them", "i", "we", "he", "she", "it", "they", "who",
    "what", "which", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did",
    "have", "has", "had", "will", "would", "can", "could", "should", "may", "might", "must",
    "not", "no", "yes", "just", "only", "very", "more", "most", "some", "any", "each", "every",
    "all", "both", "few", "many", "much", "other", "another", "same", "such", "own", "so",
    "too", "also", "still", "even", "again", "here", "there", "where", "when", "why", "how",
    "mile", "miles", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "second", "seconds", "block", "blocks", "foot", "feet",
    "yard", "yards", "metre", "metres", "meter", "meters", "kilometre", "kilometres", "km",
    "percent", "point", "times", "time", "people", "person", "car", "cars", "lane", "lanes",
    "bedroom", "bedrooms", "storey", "story", "stories", "bed", "beds", "door", "doors",
    "floor", "floors", "way", "ways", "step", "steps", "stop", "stops", "mins", "hrs"))
_TYPE_SET = frozenset(_TYPES)
#: street types that are verbs or nouns of prose too, and what follows them as such ("walk to
#: school", "drive home", "close the door")
_VERB_TYPES = frozenset({"walk", "drive", "close", "way", "place", "row", "court", "square",
                         "circle", "trail", "heights"})
_VERB_AFTER = re.compile(r"[ \t]+(?:to|the|a|an|in|into|home|out|up|down|back|away|around|"
                         r"over|off|on|by|with|them|it|him|her|me|us|there|here)(?![\w'’])",
                         re.IGNORECASE)


def _is_verb(text: str, p: int, q: int) -> bool:
    """Whether the street type's word at ``p``-``q`` is one that prose uses as a verb."""
    return text[p:q].lower() in _VERB_TYPES
_DIGIT_SET = frozenset(_DIGIT_WORDS)


class SpokenAddressRecognizer(Recognizer):
    """A street address whose house number is said in words."""

    name = "spoken_address"
    entities = ("LOCATION",)
    validated = True  # a number said, a street's name and its type: no model's guess

    def idle(self, text: str) -> bool:
        return ANCHORED and not SPOKEN_STREET.any_anchor(text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        end = -1
        low = folded(text)
        if low is None:
            low = text.lower()
        k = 0 if len(low) == len(text) else 1  # the lower-case patterns, or any case's
        hay = text if k else low
        for p in SPOKEN_STREET.starts(text):
            if p < end or _NUMBER_WORD[k].search(hay, max(0, p - 100), p) is None:
                continue  # no number's word in the stretch before the street's word
            word = _WORD.match(text, p)
            if word is None:
                continue
            found = (self._direction(text, hay, k, p, word.end())
                     if word.group().lower() in _DIRECTIONS
                     else self._typed(text, hay, k, p, word.end()))
            if found is not None:
                out.append(found)
                end = found.end
        return out

    def _typed(self, text: str, hay: str, k: int, p: int, q: int) -> Detection | None:
        """A number, maybe a direction, a name and the type's word at ``p``-``q`` (``hay``:
        the text read, lower-cased where ``k`` is 0)."""
        m = _BEFORE_TYPE[k].search(hay, max(0, p - 100), p)
        if m is None:
            return None
        names = m["name"].lower().split()
        if any(w in _NOT_NAME for w in names) or (len(names) == 1 and names[0] in _TYPE_SET):
            return None  # "three appointments on main street", "one way street"
        if not self._number(m["num"], text, m.start()):
            return None
        if _VERB_AFTER.match(text, q) is not None and _is_verb(text, p, q):
            return None  # "twenty five kids walk to school"
        return self._found(text, m.start(), q)

    def _direction(self, text: str, hay: str, k: int, p: int, q: int) -> Detection | None:
        """A number, a direction and a name without a type's word, after an address's word."""
        m = _BEFORE_DIRECTION[k].search(hay, max(0, p - 60), p)
        after = _AFTER_DIRECTION[k].match(hay, q)
        if m is None or after is None or not _ADDRESS_CUE.near(text, m.start(), m.start()):
            return None
        names = after["name"].lower().split()
        if any(w in _NOT_NAME or w in _DIRECTIONS for w in names):
            return None
        if not self._number(m["num"], text, m.start()):
            return None
        return self._found(text, m.start(), after.end())

    @staticmethod
    def _number(number: str, text: str, start: int) -> bool:
        """Whether the house number reads as one: a single digit word ("one main road") only
        after an address's word."""
        words = [w for w in number.lower().replace(",", " ").replace("-", " ").split()
                 if w not in ("um", "uh", "er", "erm", "and")]
        if not words or all(w == "oh" for w in words):
            return False
        return len(words) > 1 or _ADDRESS_CUE.near(text, start, start)

    def _found(self, text: str, start: int, end: int) -> Detection:
        unit = _UNIT.match(text, end)
        if unit is not None:
            end = unit.end()
        return Detection("LOCATION", start, end, 0.85, self.name, text[start:end])


SPOKEN_ADDRESS = SpokenAddressRecognizer()
