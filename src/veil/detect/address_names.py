"""A person's name that the e-mail address beside it spells.

``Exit interview — Leopold Amankwah-Steele (L.Amankwah@corp.example)``, ``\\author{Cressida
Montague} ... cmontague@example.ac.uk``, ``Barnaby Cresswell @ Thu 6 Jun (cresswell.b@...)``:
the address is found by its own recognizer, and the name before it is one no list holds and the
name models may read as a place, an organisation or nothing. The address's local part says who
it is: a capitalised word on the same line before it, four letters or more, that the local part
holds (``amankwah`` in ``l.amankwah``), is a name, with the capitalised words next to it (two
before, one after) that are no common word in lower case (``Dear``, ``Invitation``).
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.85
#: how far before an address its name is looked for
_REACH = 80
#: an address's local part, up to its "@" (searched back from each "@": a search of the
#: whole text for addresses tried every position, 40 us a ~1 KB prompt)
_LOCAL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._+-]{0,63}\Z")
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: a capitalised word (Unicode letters, an apostrophe or a hyphen inside)
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w'’-])")
#: what may stand between two words of one name
_BETWEEN = re.compile(r"[ \t]+")


def _spelled(word: str, local: str) -> bool:
    """Whether the address's local part (lower case) holds the word or a part of it."""
    return any(len(p) >= 4 and p in local for p in re.split(r"['’-]", word.lower()))


def _common(word: str) -> bool:
    from veil.detect.names import dictionary_word, first_names

    low = word.lower()
    return dictionary_word(low) and low not in first_names()


class AddressNamesRecognizer(Recognizer):
    """Names spelled by the e-mail address after them."""

    name = "address_names"
    entities = ("PERSON",)

    def idle(self, text: str) -> bool:
        return "@" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if self.idle(text):
            return out
        at = text.find("@")
        while at >= 0:
            a = _LOCAL.search(text, max(0, at - 64), at)
            start, at = (a.start() if a is not None else -1), text.find("@", at + 1)
            if a is None or _DOMAIN.match(text, a.end() + 1) is None:
                continue
            local = a.group().lower()
            lo = max(text.rfind("\n", 0, start) + 1, start - _REACH)
            words = [w for w in _WORD.finditer(text, lo, start) if w.group()[0].isupper()]
            for k, w in enumerate(words):
                if not _spelled(w.group(), local) or _common(w.group()):
                    continue  # ("Support <support@...>": a word, not a name)
                first = last = k
                while first > 0 and k - first < 2 and _next(text, words[first - 1], words[first]) \
                        and not _common(words[first - 1].group()):
                    first -= 1
                if last + 1 < len(words) and _next(text, words[last], words[last + 1]) \
                        and not _common(words[last + 1].group()):
                    last += 1
                s, e = words[first].start(), words[last].end()
                out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))
                break  # one name per address
        return out


def _next(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether word ``b`` follows word ``a`` in one name (blanks between)."""
    return _BETWEEN.fullmatch(text, a.end(), b.start()) is not None


ADDRESS_NAMES = AddressNamesRecognizer()
