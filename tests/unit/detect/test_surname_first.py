"""Vietnamese and Hungarian names written surname first are found whole; the words they look
like in other languages are not names."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.surname_first import SURNAME_FIRST


@pytest.mark.parametrize(("text", "names"), [
    ("Nguyen Van An called yesterday.", ["Nguyen Van An"]),
    ("<td>Nguyen Van An</td><td>0912 345 678</td>", ["Nguyen Van An"]),
    ("Our tenant is Tran Thi Mai.", ["Tran Thi Mai"]),
    ("Please ask Le Van Hung about it.", ["Le Van Hung"]),  # "Le" before a middle name
    ("Please call Lê Jane tomorrow", ["Lê Jane"]),  # with its diacritics, any given name
    ("Hi, I'm Hoàng Hữu Nguyễn.", ["Hoàng Hữu Nguyễn"]),
    ("Đặng Thị Lan và Phạm Minh Chau", ["Đặng Thị Lan", "Phạm Minh Chau"]),
    ("Please call Tóth Gyula tomorrow", ["Tóth Gyula"]),  # Hungarian: surname, given name
    ("Kovács Zsuzsanna Anna agreed", ["Kovács Zsuzsanna Anna"]),
    # a Vietnamese surname no other language writes names a person alone
    ("I met Nguyen at the bar", ["Nguyen"]),
    ("Phạm said hi to Dr. Huynh.", ["Phạm", "Huynh"]),
])
def test_a_name_written_surname_first_is_a_person(text: str, names: list[str]) -> None:
    assert [d.text for d in SURNAME_FIRST.analyze(text)] == names


@pytest.mark.parametrize("text", [
    "Le Monde reported it", "Do Not Disturb", "Ho Chi Minh City", "Mai Tai please",
    "Dang It", "Kiss Me Kate", "Simon Says", "Van Damme", "Tranquility Base", "Nguyen-style",
    "nguyen van an", "Vietnamese pho: Pho Bo Tai",
])
def test_words_of_other_languages_are_no_names(text: str) -> None:
    assert SURNAME_FIRST.analyze(text) == []


def test_the_engine_masks_the_whole_name_where_the_model_read_part_of_it() -> None:
    engine = DetectionEngine(Policy(ner_backend="learned"))
    found = [d for d in engine.analyze("Nguyen Van An called yesterday.") if d.type == "PERSON"]
    assert [(d.start, d.end) for d in found] == [(0, 13)]
