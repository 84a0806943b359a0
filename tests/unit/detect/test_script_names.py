"""Names in their own script are found in a message of any language; places, titles and
sentences of those scripts are not names."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.script_names import SCRIPT_NAMES


@pytest.mark.parametrize(("text", "names"), [
    ("Contact Дмитрий Иванов at the Moscow office", ["Дмитрий Иванов"]),
    ("Дмитрий Сергеевич Иванов пришёл", ["Дмитрий Сергеевич Иванов"]),  # a patronymic
    ("Read Война и мир by Лев Толстой", ["Лев Толстой"]),
    ("Το όνομά μου είναι Γιώργος Παπαδόπουλος", ["Γιώργος Παπαδόπουλος"]),
    ("call דוד כהן now", ["דוד כהן"]),
    ("Please forward to عبدالله أحمد", ["عبدالله أحمد"]),  # given names chained
    ("김민수 씨에게 전화하세요", ["김민수"]),  # surname and given name in one word
    # and the particles written against it
    ("제 이름은 김민수이고 전화번호는 010-1234-5678입니다.", ["김민수"]),
    ("김민수씨에게 연락하세요", ["김민수"]),
    ("박지훈님의 주소", ["박지훈"]),
])
def test_a_name_in_its_script_is_a_person(text: str, names: list[str]) -> None:
    assert [d.text for d in SCRIPT_NAMES.analyze(text)] == names


@pytest.mark.parametrize("text", [
    "Москва и Санкт-Петербург",
    "Привет, как дела? Всё хорошо.",
    "Ο Καιρός Σήμερα",
    "Новости Сегодня",
    "오늘 날씨가 좋네요",
    "이것은 가나다라입니다",
    "plain English with no other script",
])
def test_places_titles_and_sentences_are_no_names(text: str) -> None:
    assert SCRIPT_NAMES.analyze(text) == []


def test_a_name_in_its_script_is_masked_and_restored(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=True, ner_backend="learned"))
    text = "Please call Дмитрий Иванов today"
    r = v.protect(text, session="s")
    (e,) = r.entities
    assert e.type == "PERSON" and r.masked == f"Please call {e.replacement} today"
    assert v.restore(r.masked, session="s") == text
