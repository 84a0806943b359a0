"""What the long-text shortcuts find is what the plain way found: the scripts of a text from
one scan, required context words tried only where one can begin, the people beside those found
without copying the text before each (docs/performance.md, "Forty-eighth round")."""

from __future__ import annotations

import re

import pytest

from veil.casefold import lower_in_place
from veil.detect.beside_names import names_beside
from veil.detect.entity import Detection
from veil.detect.patterns import _find_marks
from veil.detect.recognizer import ContextMatcher
from veil.detect.scripts import _ONE, scripts_in
from veil.detect.unlisted_names import _space_before, char_before

_SAMPLES = ["Ελένη Παπαδοπούλου", "Иван Петров", "שלום", "مرحبا", "नमस्ते", "สวัสดี", "김민준",
            "山田太郎", "Nguyễn Văn Đức", "Գևորգ", "ნინო", "ሰላም", "রহিম"]


@pytest.mark.parametrize("picked", [(), (0,), (6, 1), (12, 3, 7, 0), tuple(range(13))])
def test_scripts_from_one_scan_are_those_each_script_finds(picked: tuple[int, ...]) -> None:
    text = "Plain Latin, café and naïve; " + " then ".join(_SAMPLES[i] for i in picked) + " end"
    by_script = {k for k, rx in _ONE.items() if rx.search(text)}
    assert scripts_in(text) == by_script
    assert len(by_script) == len(picked)


@pytest.mark.parametrize("text", [
    "the passport number was given at the desk",
    "no such word: passports are passé, " * 40,
    "Date Of Birth: 1990-01-01",
    "date_of_birth=1990-01-01",
    "mydate of birth is not one word",
    "",
])
def test_context_words_tried_at_their_starts_as_a_search_finds_them(text: str) -> None:
    matcher = ContextMatcher(("passport", "date of birth", "dob"), 30)
    lowered = lower_in_place(text)
    assert lowered is not None
    bare = matcher.bare()
    assert bare is not None
    assert matcher.anywhere_at(lowered, _find_marks(bare, lowered)) == \
        matcher.anywhere(text, lowered) == (matcher._lowered().search(lowered) is not None)


def test_the_character_before_skips_spaces_and_tabs_only() -> None:
    assert char_before("Done. \t Maria", 8) == "."
    assert char_before("  Maria", 2) == ""
    assert char_before("x\n Maria", 3) == "\n"


@pytest.mark.parametrize("text", [
    "Kofi said hello", "one\ttwo three", "line\nnext word", "nospacehere",
    "x" * 600 + " y", "a " + "b" * 700, "\t" + "c" * 300 + "\n" + "d" * 300, ""])
def test_the_space_before_is_the_last_whitespace_from_the_texts_start(text: str) -> None:
    for pos in range(len(text) + 1):
        plain = max(text.rfind(" ", 0, pos + 1), text.rfind("\n", 0, pos + 1),
                    text.rfind("\t", 0, pos + 1)) + 1
        assert _space_before(text, pos) == plain


def test_a_given_name_before_a_person_found_opens_its_clause() -> None:
    text = "Notes.  Maria Dela Cruz approved it, but then Maria Dela Cruz left."
    people = [Detection("PERSON", m.start(), m.end(), 0.9, "learned_ner", m.group())
              for m in re.finditer("Dela Cruz", text)]
    found = [(d.start, d.end) for d in names_beside(text, people)]
    assert found == [(8, 13)]  # after a stop, not after "then"
