"""Which scripts other than Latin a text holds letters of, found once per text for the
recognizers that read one script each (names in their own script, own-script addresses, CJK
numerals and dates, Greek ids): each is idle on a text without its script, and most prompts
hold none. Each script's range holds :mod:`veil.detect.script_names`' letters of it.

An ASCII text is known to hold none without reading it; any other is searched once for the
first letter of any of these scripts (one scan in C: the accented Latin of most European
prompts stops nowhere) and on from there, each letter found taking its script out of the
search: one scan however many scripts the text lacks.
"""

from __future__ import annotations

import functools
import re

from veil.detect.patterns import _memoized

#: each script's characters (letters, marks and the digits of its own block)
SCRIPT_RANGES = {
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "cyrillic": "\u0400-\u04ff",
    "armenian": "\u0530-\u058f",
    "georgian": "\u10a0-\u10ff",
    "hebrew": "\u0590-\u05ff",
    "arabic": "\u0600-\u06ff",
    "devanagari": "\u0900-\u097f",
    "bengali": "\u0980-\u09ff",
    "thai": "\u0e00-\u0e7f",
    "ethiopic": "\u1200-\u137f",
    # the letters with two diacritics that only Vietnamese writes ("ố", "ệ", "ạ", "ẻ")
    "vietnamese": "\u1ea0-\u1ef9",
    "hangul": "\uac00-\ud7a3",
    # Chinese and Japanese: ideographs, kana, the iteration and the zero marks
    "cjk": "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_ANY = re.compile("[" + "".join(SCRIPT_RANGES.values()) + "]")
_ONE = {k: re.compile(f"[{r}]") for k, r in SCRIPT_RANGES.items()}
_NONE: frozenset[str] = frozenset()


def scripts_in(text: str) -> frozenset[str]:
    """The names of :data:`SCRIPT_RANGES` that ``text`` holds a character of (found once per
    text within the engine's pass: the recognizers that ask read the same texts)."""
    if text.isascii():
        return _NONE
    # (the patterns' per-text memo: the engine asks recognizer by recognizer, text by text)
    return _memoized(text, "scripts", _find_scripts, text)


def _find_scripts(text: str) -> frozenset[str]:
    # One scan: from each letter found on, only the scripts not yet found are searched for
    # (a search per script read a long text once for each script it lacks).
    found: set[str] = set()
    m = _ANY.search(text)
    while m is not None:
        found.add(next(k for k, rx in _ONE.items() if rx.match(m.group())))
        if len(found) == len(_ONE):
            break
        m = _others(frozenset(found)).search(text, m.end())
    return frozenset(found) if found else _NONE


@functools.lru_cache(maxsize=256)
def _others(found: frozenset[str]) -> re.Pattern[str]:
    """A letter of any script but those in ``found``."""
    return re.compile("[" + "".join(r for k, r in SCRIPT_RANGES.items() if k not in found) + "]")
