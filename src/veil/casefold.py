"""Text in lower case, position for position (offsets into it are offsets into the text).

:func:`fold_case` is for keys and for searching case-folded values; :func:`lower_in_place` for
regex prefilters: the regex engines try a case-insensitive alternation of words at every
position of a text, while the same words in lower case against a lower-cased copy are found
several times faster (the engine skips to their first letters).
"""

from __future__ import annotations

# Characters a case-insensitive regex matches to an ASCII letter whose lower case is not that
# letter (dotless i, long s); the Kelvin sign lower-cases to "k" already.
_TO_ASCII = (("\u0131", "i"), ("\u017f", "s"))


def lower_in_place(text: str) -> str | None:
    """``text`` in lower case with each character where it was, or None where lower case
    changes the length ("İ" becomes two characters): the caller then searches ``text`` with
    case ignored instead. A superset: whatever a case-insensitive search for lower-case
    words finds in ``text``, a case-sensitive one finds here at the same offsets."""
    low = text.lower()
    if not low.isascii():
        for odd, letter in _TO_ASCII:
            if odd in low:
                low = low.replace(odd, letter)
    return low if len(low) == len(text) else None


def fold_case(text: str) -> str:
    """Lower-case ``text`` without changing its length: a character whose lower case is longer
    stays as it is."""
    if text.isascii():
        return text.lower()
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
