"""Names joined into one token: ``Jane_Doe_resume.pdf``, ``john-smith-passport-scan.jpg``,
``JaneDoeCV.docx``, ``smith_john_2024``, a hashtag's ``#JusticeForAmaraNwosu``; and a
traveller's name as airlines write it,
``KOWALSKI/ANNA MS``.

People name files after the person they are about and paste the names into prompts ("please
review Jane_Doe_resume.pdf"); a word-based recognizer sees one word there, not a name, and the
name went upstream. A token of letters and digits joined by "_" or "-" (or any token that ends
in a document's or an image's extension, whose words may be joined by case alone) is cut into
its words, and a run of adjacent words that holds a known given name next to a known surname
("jane" "doe", or "smith" "john") is a PERSON. Both must be on the name lists: a given name that
is no common word ("May", "Will"), a surname the lists keep (they leave out common words:
"Brown", "Page"), so that "rose-garden" or "march_report" stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from veil.detect.entity import Detection
from veil.detect.names import first_names, last_names
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer
from veil.detect.stopwords import stop_words

#: a token of word characters joined by "_", "-" or "." (a file name, a slug, an identifier)
_TOKEN = re.compile(r"[^\W_]+(?:[_.-]+[^\W_]+)*")
#: what every token this recognizer reads holds: two letters joined by "_" or "-", or a
#: letter before a file's extension. Searched from the joiner or the dot, in one regex that
#: starts with them (a search from the letter before tried every position: 24 us a ~1 KB
#: prompt), the letter before checked after.
_HINT = re.compile(r"[_-]+(?=[^\W\d_])|\.(?:pdf|docx?|xlsx?|csv|txt|rtf|odt|pptx?|jpe?g|png|gif|"
                   r"heic|tiff?|bmp|webp|zip|msg|eml|json|xml|html?)(?![\w-])|"
                   r"(?<![\w#&])#(?=[^\W\d_])", re.IGNORECASE)
#: a file's extension at a token's end
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
#: a word of a token's part: where the case changes ("JaneDoeCV": "Jane", "Doe", "CV")
_CASE_WORD = re.compile(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])|[^\W\d_]+|\d+")
_JOINER = re.compile(r"[_.-]+")


def _given(word: str) -> bool:
    # (first_names() holds no given name that is a common word too: "May", "Will")
    low = word.lower()
    return len(low) >= 2 and low in first_names() and low not in stop_words("en")


def _surname(word: str) -> bool:
    low = word.lower()
    return len(low) >= 2 and low in last_names() and low not in stop_words("en")


def _prose_compound(token: str) -> bool:
    """Capitalised words joined by hyphens, as prose writes a double-barrelled surname or a
    firm's name ("Anne-Lise", "Cole-Garcia"): the name models' to read, in their sentence."""
    return all(part.istitle() for part in token.split("-"))


def _may_hold_a_name(token: str) -> bool:
    """Whether a token holds a given name and a surname at all, by one pass over its words:
    most hyphenated words ("well-known", "follow-up") hold neither, and are not read further."""
    words = [w.lower() for w in _CASE_WORD.findall(token)]
    return any(w in first_names() for w in words) and any(w in last_names() for w in words)


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the words of the token ``text[start:end]``: its parts between joiners, each
    cut where its case changes."""
    out: list[tuple[int, int]] = []
    pos = start
    for j in (*(m for m in _JOINER.finditer(text, start, end)), None):
        stop = end if j is None else j.start()
        out += [m.span() for m in _CASE_WORD.finditer(text, pos, stop)]
        if j is not None:
            pos = j.end()
    return out


def _names(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of adjacent words each a given name or a surname, holding a given name next to a
    surname: their spans, from the first word's start to the last one's end."""
    kinds = [(_given(text[s:e]), _surname(text[s:e])) for s, e in words]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not any(kinds[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and any(kinds[j + 1]):
            j += 1
        paired = any(kinds[k][0] and kinds[k + 1][1] or kinds[k][1] and kinds[k + 1][0]
                     for k in range(i, j))
        if paired:
            out.append((words[i][0], words[j][1]))
        i = j + 1
    return out


class JoinedNamesRecognizer(Recognizer):
    """PERSON names inside file names, slugs and identifiers."""

    name = "joined_names"
    entities = ("PERSON",)
    validated = False

    def idle(self, text: str) -> bool:
        return next(_hints(text), None) is None

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        end = -1
        for hint in _hints(text):
            if hint < end:
                continue  # inside the token read last
            token = _TOKEN.search(text, _token_start(text, hint))
            if token is None:
                continue
            start, end = token.span()
            stop = end
            ext = _EXTENSION.search(text, start, end)
            if ext is not None:
                stop = ext.start()
            elif text[start - 1:start] != "#" and "_" not in text[start:end] and (
                    "-" not in text[start:end] or _prose_compound(text[start:end])) \
                    or not _may_hold_a_name(text[start:end]):
                continue  # (a hashtag's words are joined by case alone: "#JusticeForAmaraNwosu")
            for s, e in _names(text, _words(text, start, stop)):
                out.append(Detection("PERSON", s, e, 0.8, self.name, text[s:e]))
        return out


def _hints(text: str) -> Iterator[int]:
    """Where a joiner or a file's extension follows a letter, or a hashtag's first letter."""
    for m in _HINT.finditer(text):
        p = m.start()
        if text[p] == "#":
            yield p + 1
        elif p > 0 and text[p - 1].isalpha():
            yield p - 1


def _token_start(text: str, pos: int) -> int:
    """Where the token holding ``pos`` starts."""
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_.-"):
        pos -= 1
    return pos


JOINED_NAMES = JoinedNamesRecognizer()


# A booking's, a ticket's and a boarding pass's name: "SURNAME/GIVEN NAMES TITLE" in capitals
# (the reservation systems' form). "TCP/IP", "AND/OR" and "AC/DC" are no names: the given
# name must be on the lists, and the surname too unless a title follows.
_TITLES = ("MR", "MRS", "MS", "MISS", "MSTR", "DR", "MX", "PROF", "REV")
_AIRLINE_NAME = re.compile(rf"(?P<surname>[A-Z][A-Z'-]+)/(?P<given>[A-Z]+(?: [A-Z]+)*?)"
                           rf"(?: (?P<title>{'|'.join(_TITLES)}))?$")


def _is_airline_name(value: str) -> bool:
    m = _AIRLINE_NAME.match(value)
    if m is None:
        return False
    given = m.group("given").split()[0]
    if not _given(given):
        return False
    return m.group("title") is not None or _surname(m.group("surname"))


AIRLINE_NAME = PatternRecognizer(
    name="airline_name", entity="PERSON",
    patterns=[Pattern(r"(?<![A-Za-z/'-])[A-Z][A-Z'-]{1,30}/[A-Z]{2,20}(?: [A-Z]{2,20}){0,2}"
                      rf"(?: (?:{'|'.join(_TITLES)}))?(?![A-Za-z/])", 0.8, lead=31, at="/",
                      spaced=False)],
    validate=_is_airline_name,
)
