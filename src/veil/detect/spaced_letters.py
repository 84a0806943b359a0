"""Names spelled out letter by letter: ``J a n e   D o e``, ``J.A.N.E D.O.E``, ``J-A-N-E``.

A caller who wants a name past the mask writes it so, and a model reads it back as the name; no
word-based recognizer sees a word in it. A run is three or more single letters joined by one
separator (a space, a dot, a hyphen or an underscore), as a word; runs next to each other are
the words of one name. Each run is put back together and split where its case changes
("JaneDoe": "Jane", "Doe") or, in one case, where a known given name ends before a known
surname ("JANEDOE"). The run is a PERSON when one of its words is on the name lists: a given
name that is not also a common word ("Will", "May"), or a surname that is no function word.
Spaced-out emphasis ("N O T E", "s l o w l y") and acronyms ("U.S.A.") are no names.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.names import ambiguous_first_names, first_names, last_names
from veil.detect.patterns import runs_at_hints
from veil.detect.recognizer import Recognizer
from veil.detect.stopwords import stop_words

#: three or more single letters joined by one separator, not inside a word
_RUN = re.compile(r"(?<![^\W\d_])[A-Za-z](?P<sep>[ .\-_])[A-Za-z](?:(?P=sep)[A-Za-z])+"
                  r"(?![^\W\d_])")
#: a separator, a letter, a separator and a letter: what every run holds from its first
#: separator on, found by a search several times faster than the run's (which starts with a
#: lookbehind: the engine tries it at every position)
_HINT = re.compile(r"[ .\-_][A-Za-z][ .\-_][A-Za-z]")
#: what may stand between two runs of one name
_GAP = re.compile(r"[ \t.\-_]{1,4}")
#: the most letters of a given name and surname written as one run
_LONGEST = 40
_CASE_SPLIT = re.compile(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])")


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``_RUN.finditer(text)``."""
    return runs_at_hints(_RUN, _HINT, text)


def _words(letters: str) -> list[str]:
    """A run's letters as words: by case ("JaneDoe"), or a known given name and surname
    ("JANEDOE", "janedoe")."""
    parts = _CASE_SPLIT.findall(letters)
    if len(parts) > 1 or len(letters) > _LONGEST:
        return parts  # (a run longer than a name is read by its case alone: linear)
    low = letters.lower()
    for i in range(3, len(low) - 2):
        if low[:i] in first_names() and low[i:] in last_names():
            return [letters[:i], letters[i:]]
    return [letters]


def _is_name(word: str) -> bool:
    low = word.lower()
    if len(low) < 3 or low in stop_words("en"):
        return False
    return (low in first_names() and low not in ambiguous_first_names()) or \
        low in last_names()


class SpacedLettersRecognizer(Recognizer):
    """PERSON names written one letter at a time."""

    name = "spaced_letters"
    entities = ("PERSON",)
    validated = False

    def analyze(self, text: str) -> list[Detection]:
        runs = _runs(text)
        if not runs:
            return []
        # runs next to each other are the words of one name
        groups: list[list[tuple[int, int]]] = [[runs[0]]]
        for s, e in runs[1:]:
            if _GAP.fullmatch(text, groups[-1][-1][1], s) is not None:
                groups[-1].append((s, e))
            else:
                groups.append([(s, e)])
        out: list[Detection] = []
        for group in groups:
            words = [w for s, e in group for w in _words(re.sub(r"[ .\-_]", "", text[s:e]))]
            if any(_is_name(w) for w in words):
                start, end = group[0][0], group[-1][1]
                out.append(Detection("PERSON", start, end, 0.8, self.name, text[start:end]))
        return out


SPACED_LETTERS = SpacedLettersRecognizer()
