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
    # the surname first, as records write it, and its patronymic
    ("Please call Бирюков Терентий Богданович tomorrow", ["Бирюков Терентий Богданович"]),
    ("Контакт: Башполченко Анжела Сергіївна", ["Башполченко Анжела Сергіївна"]),
    ("Please call Вʼячеслав Вахній", ["Вʼячеслав Вахній"]),  # the Ukrainian apostrophe
    # Thai, Bengali and Hindi names in an English prompt: a known name and its neighbour
    ("Please call อัญชัญ ดิสกะประกาย tomorrow", ["อัญชัญ ดิสกะประกาย"]),
    ("Please call চয়ন হক tomorrow", ["চয়ন হক"]),
    ("<td>अणिमा सक्सेनाजी</td>", ["अणिमा सक्सेनाजी"]),  # "-जी", respect
    # Japanese: surname, space, given name; a surname before an honorific
    ("Please call 太田 真綾 tomorrow about the invoice.", ["太田 真綾"]),
    ("Email 田中さん today", ["田中"]),
    ("サトウ アキラ", ["サトウ アキラ"]),
    # Chinese: one word of a known surname and given name
    ("Please call 谢淑英 tomorrow.", ["谢淑英"]),
    ("我叫王伟，住在北京。", ["王伟"]),  # after "my name is", in a Chinese message
    ("<td>許俊賢</td><td>0912 345 678</td>", ["許俊賢"]),
    ("王小明先生 called", ["王小明"]),
    # Korean after "이름은" ("my name is"): a known surname and a given name no list holds
    ("제 이름은 이민호입니다. 전화번호는 010-9876-5432입니다.", ["이민호"]),
    ("제 이름은 박지성이에요.", ["박지성"]),
    # Japanese runs its words together: the ideographs between its particles
    ("私の名前は佐藤花子です。", ["佐藤花子"]),
    ("私は田中一郎と申します。", ["田中一郎"]),
    ("こんにちは、山田さんの件です。", ["山田"]),
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
    # prose of those scripts, and their words in an English prompt
    "สวัสดีครับ ยินดีที่ได้รู้จัก",
    "In Thai, สวัสดี ครับ means hello",
    "नमस्ते, आप कैसे हैं? मैं ठीक हूँ।",
    "আমি ভালো আছি, ধন্যবাদ",
    "The Arabic phrase إن شاء الله is common",
    "我叫了外卖，住在北京。",  # ("叫" orders too: no name after it)
    "谢谢！",
    "We visited 東京 and 京都, ate 寿司, 拉面 and 麻婆豆腐, and ran the 马拉松.",
    "Pay with 支付宝 or 微信, not 百度.",
    "저는 학생입니다.",  # "I am a student"
    "이름은 중요하지 않아요",  # "the name does not matter"
    "私は学生です。",
    "今日は東京で会議があります。",
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


def test_a_russian_name_of_look_alike_letters_is_masked_in_an_english_prompt(
        tmp_path: Path) -> None:
    # "Антон" is written with letters that look like Latin ones ("AHToH"): the view keeps it
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=True, ner_backend="learned"))
    text = "Please call Антон Вертипорох tomorrow about the invoice."
    r = v.protect(text, session="s")
    assert "Антон" not in r.masked and "Вертипорох" not in r.masked
    assert v.restore(r.masked, session="s") == text
