"""A given name, a middle initial and a surname, as forms, bylines, address blocks and
signatures write them: ``Timur H Lengyel``, ``Primo A. Schiavone``, ``Akaho N Yokoi``. The name
models read the rarer of these as a place or a firm, or as nothing at all ("Have you been to a
Timur H Lengyel concert?" went upstream whole), and the name lists hold few of the world's.

The shape is evidence only with its words: each of the two is a word no English dictionary
writes in lower case, or a known given name or surname that is no common word. Title-cased
phrases around a letter (``Vitamin D Supplement``, ``Plan B Options``, ``Hepatitis B
Vaccine``, ``Schedule C Income``, ``Block C Entrance``) have a dictionary's word on one side
at least. English messages only: another language's words are no English dictionary's.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.9
#: the initial between two words: one capital, its stop or not, blanks around it
_INITIAL = re.compile(r"[ \t](?P<i>[A-Z])(?P<dot>\.?)[ \t]+(?=[^\W\d_])")
#: the word before the initial (read back from it) and the surname after it
_BEFORE = re.compile(r"(?<![\w'’.@/-])(?P<w>[^\W\d_]+(?:-[^\W\d_]+)?)\Z")
_AFTER = re.compile(r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+|['’](?![sS](?![^\W\d_]))[^\W\d_]+)*)"
                    r"(?![\w@/-]|\.[^\W\d_])")
#: how far back the word before an initial may start
_REACH = 40


def _capitalised(word: str) -> bool:
    """A capital and then small letters (``Lengyel``, ``McBryde``, ``Jean-Luc``), not a
    word in capitals (``USB C Cable``) nor one in small letters."""
    return len(word) >= 2 and word[0].isupper() and not word.isupper() and \
        any(c.islower() for c in word[1:])


def _name_word(word: str) -> bool:
    """No dictionary's word, or a known name that is no common word."""
    from veil.detect.names import ambiguous_first_names, dictionary_word, first_names, last_names

    low = word.lower()
    parts = [p for p in re.split(r"[-'’]", low) if len(p) > 1]  # (the "O" of "O'Rourke")
    if not any(dictionary_word(p) for p in parts):
        return True
    return (low in first_names() or low in last_names()) and low not in ambiguous_first_names() \
        and not dictionary_word(low)


def _known_surname(word: str) -> bool:
    from veil.detect.names import last_names

    return word.lower() in last_names()


class InitialNamesRecognizer(Recognizer):
    """Given name, middle initial, surname."""

    name = "initial_names"
    entities = ("PERSON",)
    message_languages = ("en",)

    def idle(self, text: str) -> bool:
        return _INITIAL.search(text) is None

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in _INITIAL.finditer(text):
            if m.group("i") == "I" and not m.group("dot"):
                continue  # the pronoun ("Sarah I Need")
            before = _BEFORE.search(text, max(0, m.start() - _REACH), m.start())
            after = _AFTER.match(text, m.end())
            if before is None or after is None:
                continue
            given, surname = before.group("w"), after.group("w")
            if not (_capitalised(given) and _capitalised(surname)):
                continue
            if _name_word(given) and _name_word(surname) and (
                    len(surname) > 2 or _known_surname(surname)):  # "Nikon Z Fc"; "Mei L Ng"
                s, e = before.start("w"), after.end("w")
                out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))
        return out


INITIAL_NAMES = InitialNamesRecognizer()
