"""Word segmentation for the token-level sanitizers.

A text is split into *words* (runs of ASCII letters or of digits) and the separators between them
(whitespace, punctuation), which are kept verbatim. Each word is replaced by exactly one word, so
the output keeps the input's layout. Sanitizers emit lower-case words; the first word of a
sentence is capitalised from its *position* (which depends only on kept punctuation), never from
the input word's own casing, which would leak a bit about it (proper noun or not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from veil.errors import DPError

WORD_RE = re.compile(r"[A-Za-z]+|[0-9]+")
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``text``, in order."""
    return [m.span() for m in WORD_RE.finditer(text)]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (spaCy's list, lower-case): the papers' non-sensitive function words."""
    from veil.detect.stopwords import stop_words as spacy_stop_words  # no spaCy import

    words = spacy_stop_words("en")
    if not words:
        raise DPError("spaCy's English stop-word list is missing; reinstall Veil "
                      "(`make install`), which installs spaCy")
    # spaCy lists contractions with apostrophes ("n't"); our words never contain one, so add the
    # fragments a WORD_RE split leaves ("don't" -> "don", "t").
    return frozenset({w.lower() for w in words} | set("abcdefghijklmnopqrstuvwxyz")
                     | {"don", "didn", "doesn", "isn", "wasn", "ll", "ve", "re"})


def _is_sentence_start(text: str, start: int) -> bool:
    before = text[:start]
    return not before.strip() or bool(_SENTENCE_END.search(before))


def splice(text: str, spans: Sequence[tuple[int, int]], outputs: Sequence[str]) -> str:
    """Replace each span of ``text`` by its output word; capitalise sentence-initial outputs."""
    parts: list[str] = []
    last = 0
    for (s, e), out in zip(spans, outputs, strict=True):
        parts.append(text[last:s])
        if out and _is_sentence_start(text, s):
            out = out[0].upper() + out[1:]
        parts.append(out)
        last = e
    parts.append(text[last:])
    return "".join(parts)


__all__ = ["WORD_RE", "splice", "stop_words", "word_spans"]
