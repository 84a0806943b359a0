"""Context words are searched in the window lower-cased; the answer must be what a
case-insensitive search of the window gives (kept here as the reference), on texts built from
the words in every case, cut at every edge, and next to letters the two ways of folding case
treat differently."""

from __future__ import annotations

import random
import re

from veil.casefold import lower_in_place
from veil.detect.phone import PHONE_CONTEXT
from veil.detect.recognizer import ContextMatcher, _context_source, context_heads

_WORDS = (*PHONE_CONTEXT, "driver's license", "dl#", "Straße", "ΤΗΛΈΦΩΝΟ", "τηλέφωνο")
_BITS = ("İ", "ı", "ſ", "K", "Σ", "σ", "ς", "ẞ", "ß", "É", "é", " ", "  ", "\n", "-", "_", "#",
         "'", "a", "1", "x", ".", ",", "5551234", "+1 415 555 0100")


def _reference(m: ContextMatcher, text: str, start: int, end: int) -> bool:
    rx = re.compile(m._source or "", re.IGNORECASE)
    lo = max(0, start - m.window)
    if rx.search(text, lo, start):
        return True
    # a word as long as the window, which cannot start inside it, may run into it
    long = [w for w in m.words if len(w) >= m.window]
    if long:
        longest = max(map(len, long))
        rx_long = re.compile(_context_source(long) or "(?!)", re.IGNORECASE)
        for i in range(max(0, lo - longest), lo):
            found = rx_long.match(text, i, start)
            if found is not None and found.end() > lo and (i == 0 or not text[i - 1].isalnum()
                                                            or not text[i - 1].isascii()):
                return True
    return m.after and bool(rx.search(text, end, min(len(text), end + m.window)))


def _variant(rng: random.Random, word: str) -> str:
    return rng.choice((word, word.upper(), word.title(), word.swapcase(),
                       word.replace("i", "ı"), word.replace("s", "ſ"), word.replace("I", "İ"),
                       word[1:], word[:-1], word + rng.choice("ab1")))


def test_the_window_search_equals_a_case_insensitive_search() -> None:
    rng = random.Random(20261201)  # fixed seed: the same texts on every run
    matchers = [ContextMatcher(_WORDS[:-2], 12), ContextMatcher(_WORDS, 9, after=False),
                ContextMatcher(("Passport", "travel document"), 20)]
    assert matchers[0]._fold and not matchers[1]._fold  # Greek words: the reference path
    agree = found = 0
    for _ in range(600):
        parts = [_variant(rng, rng.choice(_WORDS)) if rng.random() < 0.4 else rng.choice(_BITS)
                 for _ in range(rng.randint(1, 14))]
        text = "".join(p + rng.choice(("", " ", "")) for p in parts)
        for m in matchers:
            for start in range(len(text) + 1):
                end = min(len(text), start + rng.randint(0, 4))
                expected = _reference(m, text, start, end)
                assert m.near(text, start, end) == expected, (text, start, end)
                agree += 1
                found += expected
            lowered = lower_in_place(text)
            reference = re.compile(m._source or "", re.IGNORECASE).search(text) is not None
            assert m.anywhere(text, lowered) == m.anywhere(text) == reference, text
            if lowered is not None:
                assert m.anywhere(text, lowered, context_heads(lowered)) == reference, text
    assert found > agree // 10  # words were near often enough to test both answers


def test_the_word_starts_prefilter_drops_only_what_near_would() -> None:
    """A context-required recognizer skips the window's search where no word can begin in
    reach; its output must equal the output with every window searched."""
    from veil.detect.builtin import ACCOUNT_NUMBER, DRIVER_LICENSE, MEDICAL_RECORD, PASSPORT

    rng = random.Random(7)  # fixed seed
    words = ("MRN", "mrn#", "Patient ID", "acct", "ACCOUNT NO", "passport number", "license",
             "PASSPORT", "Konto", "x", "the", "ſ", "İ", "\n", "A1234567", "00482913", "H-0049912",
             "12", "POL-2024-883921", "AB123456", "-", ":", "#")
    recognizers = (ACCOUNT_NUMBER, DRIVER_LICENSE, MEDICAL_RECORD, PASSPORT)
    kept = 0
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice((" ", "  ", "", ": ", " " * 20))
                       for _ in range(rng.randint(1, 16)))
        for r in recognizers:
            got = r.analyze(text)
            original = r.context.bare
            r.context.bare = lambda: None  # type: ignore[method-assign]
            try:
                assert got == r.analyze(text), (r.name, text)
            finally:
                r.context.bare = original  # type: ignore[method-assign]
            kept += len(got)
    assert kept > 100  # values were found, not only dropped


def test_every_builtin_word_list_is_found_where_its_flat_alternation_is() -> None:
    # the lower-case search is a prefix tree checking the boundary after a word's first letter;
    # it must find a word exactly where the flat alternation of the same words does
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.detect.recognizer import _MATCHERS

    DetectionEngine(Policy()).analyze("Passport 12")  # the built-in recognizers, made
    matchers = [m for m in list(_MATCHERS) if m and m._fold]
    assert len(matchers) >= 10
    rng = random.Random(20261203)
    for m in matchers:
        flat = re.compile(m._source or "")
        words = [w.lower() for w in m.words]
        for _ in range(60):
            parts = [_variant(rng, rng.choice(words)) if rng.random() < 0.5 else rng.choice(_BITS)
                     for _ in range(rng.randint(1, 8))]
            text = lower_in_place("".join(p + rng.choice(("", " ", "-")) for p in parts))
            if text is None:
                continue
            for start in range(len(text) + 1):
                assert (m._lowered().search(text, start) is None) == \
                    (flat.search(text, start) is None), (m.words[:3], text, start)


def test_the_first_pieces_pass_answers_as_each_search_does() -> None:
    """One automaton pass for the first pieces of every recognizer's words: a recognizer whose
    pieces it does not find has none of its words in the text, on texts built from all of them
    (spaces as nothing, "_" or "-", every case, cut at either end)."""
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.detect.recognizer import _MATCHERS

    DetectionEngine(Policy()).analyze("Passport 12")  # the built-in recognizers, made
    matchers = [m for m in list(_MATCHERS) if m and m._fold]
    words = sorted({w for m in matchers for w in m.words})
    rng = random.Random(20261203)
    found = 0
    for _ in range(1500):
        parts = [_variant(rng, rng.choice(words)).replace(" ", rng.choice(("", " ", "_", "-")))
                 if rng.random() < 0.3 else rng.choice(_BITS) for _ in range(rng.randint(1, 10))]
        text = "".join(p + rng.choice(("", " ", "", ": ")) for p in parts)
        lowered = lower_in_place(text)
        if lowered is None:
            continue
        heads = context_heads(lowered)
        for m in matchers:
            expected = m.anywhere(text, lowered)
            assert m.anywhere(text, lowered, heads) == expected, text
            found += expected
    assert found > 1000  # words were found, not only missed
