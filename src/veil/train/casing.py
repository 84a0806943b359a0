"""The case of each token, which the uncased WordPiece vocabulary throws away.

MiniLM's tokenizer lower-cases its input, so "Rose" the name and "rose" the flower are the
same token id. Case is a strong cue for names (spaCy's models read it through their SHAPE
feature), so the detector gets it as a second id per token: the class of the whole word the
token belongs to (the pieces of "McAllister" all carry its class), and whether that word
starts a sentence, where a capital says little. Training and serving both compute it here;
this module needs nothing beyond the standard library.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

#: padding and special tokens ([CLS], [SEP]: empty offsets)
SPECIAL = 0
LOWER, TITLE, UPPER, INITIAL, MIXED, DIGITS, ALNUM, OTHER = range(1, 9)
#: offset added to the cased classes (TITLE, UPPER, INITIAL, MIXED) of a sentence's first word
_AT_START = 8
#: number of case ids (the size of the model's case embedding)
CASE_CLASSES = 14

_CASED = frozenset((TITLE, UPPER, INITIAL, MIXED))
_WORD = re.compile(r"\w+|[^\w\s]")
_SENTENCE_END = frozenset(".!?:;\n\"'«»“”()[]*-•|>")


def word_class(word: str) -> int:
    """The case class of one word (a run of word characters, or one other character)."""
    if not (word[0].isalnum() or word[0] == "_"):
        return OTHER
    if word.isdigit():
        return DIGITS
    if not word.isalpha():
        return ALNUM  # letters with digits ("x1", "B12"); an underscore
    if word.islower() or word == word.lower():
        return LOWER  # includes scripts without case (CJK, Arabic)
    if word.isupper():
        return INITIAL if len(word) == 1 else UPPER
    if word.istitle():
        return TITLE
    return MIXED


class WordCases:
    """The case class of every word of one text, looked up by token offsets (a long text's
    windows all read the one scan)."""

    __slots__ = ("classes", "ends", "starts")

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.classes: list[int] = []
        previous = "\n"  # the text's first word starts a sentence
        end = 0
        for m in _WORD.finditer(text):
            word = m.group()
            cls = word_class(word)
            start = m.start()
            if cls in _CASED and (
                previous in _SENTENCE_END
                # a full stop ends a sentence only before a space ("3.5", "e.g" go on)
                and (previous != "." or start > end)
                or "\n" in text[end:start]
            ):
                cls += _AT_START
            self.starts.append(start)
            end = m.end()
            self.ends.append(end)
            self.classes.append(cls)
            previous = word if cls == OTHER else ""

    def ids(self, offsets: Sequence[tuple[int, int]]) -> list[int]:
        """One case id per token, from the tokenizer's character ``offsets``."""
        out: list[int] = []
        starts, ends, classes = self.starts, self.ends, self.classes
        for s, e in offsets:
            if s == e:
                out.append(SPECIAL)
                continue
            k = bisect_right(starts, s) - 1
            out.append(classes[k] if k >= 0 and s < ends[k] else OTHER)
        return out


def case_ids(text: str, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """One case id per token, from the tokenizer's character ``offsets`` into ``text``."""
    return WordCases(text).ids(offsets)
