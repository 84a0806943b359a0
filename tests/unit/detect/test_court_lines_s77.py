"""Courts' names are searched only in the lines that hold a court's word, and find what a
search of the whole text finds."""

from __future__ import annotations

import pytest

from veil.detect.trade_words import _COURT_KIND, _COURT_MARKS, _legal_spans, _lines_with


def _by_lines(text: str) -> list[tuple[int, int]]:
    return [m.span() for a, b in _lines_with(text, text.lower(), _COURT_MARKS)
            for m in _COURT_KIND.finditer(text, a, b)]


@pytest.mark.parametrize("text", [
    "The Superior Court of Justice ruled.\nIn the\tHigh Court of Australia and the Ninth "
    "Circuit;\nKing's Bench Division heard it.",
    "court\ncourt of appeal\nFamily   Division\nno mark here\nDistrict Court",
    "İstanbul High Court and the Court of Appeal",  # lower case changes the length
    "x" * 50 + "\r\nsmall claims court\r\n",
    "a courtyard, a benchmark, a divisional head: no court's name",
    "",
])
def test_the_lines_find_what_the_whole_text_finds(text: str) -> None:
    assert _by_lines(text) == [m.span() for m in _COURT_KIND.finditer(text)]


def test_the_corpus_finds_the_same(scan_corpus: tuple[str, ...]) -> None:
    texts = [*scan_corpus, "\n".join(scan_corpus)]
    for text in texts:
        assert _by_lines(text) == [m.span() for m in _COURT_KIND.finditer(text)]


def test_a_courts_name_spans_its_head_and_tail() -> None:
    text = "Filed in the\nOntario Superior Court of Justice (Toronto Region) today."
    _, courts = _legal_spans(text)
    assert [text[a:b] for a, b in courts] == ["Ontario Superior Court of Justice (Toronto Region)"]
