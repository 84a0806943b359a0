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
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress

#: padding and special tokens ([CLS], [SEP]: empty offsets)
SPECIAL = 0
LOWER, TITLE, UPPER, INITIAL, MIXED, DIGITS, ALNUM, OTHER = range(1, 9)
#: offset added to the cased classes (TITLE, UPPER, INITIAL, MIXED) of a sentence's first word
_AT_START = 8
#: number of case ids (the size of the model's case embedding)
CASE_CLASSES = 14

_CASED = frozenset((TITLE, UPPER, INITIAL, MIXED))


_WORD = re.compile(r"\w+|[^\w\s]")
#: the words as split's separators: [space, word, space, word, ..., space], the spaces empty
#: where two words touch (every other character is a word's)
_PARTS = re.compile(r"(\w+|[^\w\s])")
#: a character that may be a combining mark: every mark is at U+0300 or above and neither a
#: word character nor a space
_MARK_LIKE = re.compile(r"[^\w\s\x00-\u02ff]")
_SENTENCE_END = frozenset(".!?:;\n\"'«»“”()[]*-•|>")
_GLUE = frozenset(".'-")
#: abbreviations whose full stop does not end a sentence: "Dr. Smith" is not a sentence start
_ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "jr", "rev", "hon", "gen", "col",
    "capt", "lt", "sgt", "no", "vs", "etc", "approx", "dept", "inc", "ltd", "co", "corp",
})  # fmt: skip


def word_class(word: str) -> int:
    """The case class of one word (a run of word characters, or one other character)."""
    if not word.isalpha():  # a word of letters only (most words) needs none of these
        if not word.isalnum():
            word = "".join(c for c in word if not _is_mark(c)) or "\u0300"  # a lone mark: OTHER
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


def _is_mark(c: str) -> bool:
    return unicodedata.category(c)[0] == "M"


class WordClasses(dict[str, int]):
    """Each distinct word's class, computed on first sight: words repeat. It lives as long as
    one text's scan, or one request's texts (:class:`WordCases`' ``seen``), so no word of a
    prompt outlives its request in a cache."""

    def __missing__(self, word: str) -> int:
        cls = self[word] = word_class(word)
        return cls


class WordCases:
    """The case class of every word of one text, looked up by token offsets (a long text's
    windows all read the one scan)."""

    __slots__ = ("classes", "ends", "starts")

    def __init__(self, text: str, seen: WordClasses | None = None) -> None:
        # ``seen``: the classes of the words of a request's other texts (the 1 MB document's
        # ~4,000 pieces each looked up ~36 words anew: 149,000 classes worked out, not 8,000)
        if seen is None:
            seen = WordClasses()
        if any(map(_is_mark, _MARK_LIKE.findall(text))):
            self._scan(text, seen)  # a word continues past its combining marks: word by word
            return
        # no combining mark: the words are split's separators, their classes one lookup
        # each, and only the cased words (a sentence's start matters to them alone) are read
        # one by one (a ~1 KB text 200 -> 155 us; the loop below reads every word)
        parts = _PARTS.split(text)
        words, spaces = parts[1::2], parts[0::2]
        bounds = list(accumulate(map(len, parts)))
        self.starts, self.ends = bounds[0:-1:2], bounds[1::2]
        classes = self.classes = list(map(seen.__getitem__, words))
        for k in compress(range(len(classes)), map(_CASED.__contains__, classes)):
            space = spaces[k]  # what lies between this word and the one before
            if k == 0 or "\n" in space:
                classes[k] += _AT_START
                continue
            previous = words[k - 1] if classes[k - 1] == OTHER else ""
            if (previous in _SENTENCE_END
                    # a full stop, an apostrophe or a hyphen glued to the next word joins it
                    # ("3.5", "O'Brien", "Smith-Jones"); a full stop after a title ("Dr.
                    # Smith") does not end a sentence either
                    and (previous not in _GLUE or space)
                    and (previous != "." or k < 2
                         or words[k - 2].lower() not in _ABBREVIATIONS)):
                classes[k] += _AT_START

    def _scan(self, text: str, seen: WordClasses) -> None:
        starts: list[int] = []
        ends: list[int] = []
        classes: list[int] = []
        self.starts, self.ends, self.classes = starts, ends, classes
        previous = "\n"  # the text's first word starts a sentence, or its OTHER character
        end = 0
        marked = False  # the last word ends with a combining mark
        for m in _WORD.finditer(text):
            word = m.group()
            start, stop = m.span()
            # every combining mark is at U+0300 or above: a word below it (ASCII punctuation,
            # a third of a prose text's words) is never looked up
            mark = len(word) == 1 and word >= "\u0300" and _is_mark(word)
            if start == end and starts and (mark or marked and word[0].isalnum()):
                # \w leaves combining marks out: a decomposed "É" (E + U+0301) or a
                # Devanagari vowel sign continues its word instead of cutting it in two
                first = starts[-1]
                end = ends[-1] = stop
                cls = seen[text[first:end]]
                at_start = classes[-1] > OTHER  # a cased class of a sentence's start
                classes[-1] = cls + _AT_START if at_start and cls in _CASED else cls
                marked = mark
                continue
            marked = False
            cls = seen[word]
            if cls in _CASED and (
                previous in _SENTENCE_END
                and (previous not in _GLUE or start > end)
                # the word before that full stop (the one before the last) is read only here
                and (previous != "." or len(starts) < 2
                     or text[starts[-2] : ends[-2]].lower() not in _ABBREVIATIONS)
                or "\n" in text[end:start]
            ):
                cls += _AT_START
            starts.append(start)
            end = stop
            ends.append(end)
            classes.append(cls)
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
