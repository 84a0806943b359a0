"""Documents of Asia, the Middle East and Africa (the s72e probes): names after a form's name
field or a title in the script's own words, a Japanese name between particles, Amharic names,
account and identity numbers after their labels in other scripts, a Russian avenue; each masked
with the document's own words kept, and ordinary text of those scripts left alone."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.script_address import SCRIPT_ADDRESS
from veil.detect.script_names import SCRIPT_NAMES


def _names(text: str) -> list[str]:
    return [d.text for d in SCRIPT_NAMES.analyze(text)]


@pytest.mark.parametrize(("text", "name"), [
    ("מכתב הפניה\nשם המטופל: יעל כהן-לוי\nת.ז. 038491528", "יעל כהן-לוי"),
    ("שם: אורי בן-שושן\nטלפון: 052-718-4406", "אורי בן-שושן"),
    ("نام: مریم حسینی\nکد ملی: 0087654326", "مریم حسینی"),
    ("اسم المريض: عبد الرحمن الشمري\nرقم الهوية", "عبد الرحمن الشمري"),
    ("السيدة فاطمة الزهراء بن علي، رقم الحساب", "فاطمة الزهراء بن علي"),
    ("جلسه با آقای کامران نوروزی فردا است", "کامران نوروزی"),
    ("Клиент: Нурлан Жумабаев, ИИН 850315300125", "Нурлан Жумабаев"),
    ("ФИО: Ахметова Айгерим Сериковна\nтел.", "Ахметова Айгерим Сериковна"),
    ("ชื่อผู้ป่วย: นางสาวสุภาพร วงศ์สวัสดิ์ เลขประจำตัวประชาชน", "สุภาพร วงศ์สวัสดิ์"),
    ("रोगी का नाम: सुनीता शर्मा, आयु 46 वर्ष", "सुनीता शर्मा"),
    ("यह पत्र श्रीमती कविता राठौर के लिए है", "कविता राठौर"),
    ("রোগীর নাম: রহিম উদ্দিন\nফোন", "রহিম উদ্দিন"),
    ("ስም: አበበ ከበደ፣ ስልክ +251 911 234 567", "አበበ ከበደ"),
    ("ስሜ ሰላማዊት ተስፋዬ ነው።", "ሰላማዊት ተስፋዬ"),
    ("申請者は佐々木 大翔さんです。", "佐々木 大翔"),
])
def test_a_name_after_its_field_or_title_in_the_scripts_own_words(text: str, name: str) -> None:
    got = _names(text)
    assert any(name in g or g in name and len(g) >= len(name) - 6 for g in got), got
    # the field's label stays ("שם המטופל", "ФИО", "ชื่อผู้ป่วย")
    label = text.split(":")[0] if ":" in text else ""
    assert not any(label and label.split("\n")[-1] in g for g in got)


@pytest.mark.parametrize("text", [
    "Клиент: просит перезвонить завтра",  # no capitalised name after the label
    "اسم المنتج: هاتف ذكي جديد",  # a product's name, not a person's field
    "これは 東京 大学です",  # ideographs with spaces that are no name
    "今日は 天気 です",
    "የኢትዮጵያ ዋና ከተማ አዲስ አበባ ናት።",  # Amharic prose, no field or introduction
])
def test_ordinary_text_of_those_scripts_has_no_name(text: str) -> None:
    assert _names(text) == []


def test_a_russian_avenue_by_its_short_word() -> None:
    text = "Алматы, пр. Абая 52, кв. 8"
    assert [d.text for d in SCRIPT_ADDRESS.analyze(text)] == ["пр. Абая 52, кв. 8"]


@pytest.mark.parametrize(("text", "value"), [
    ("이지은 님의 계좌번호는 국민은행 123456-01-789012 입니다.", "123456-01-789012"),
    ("振込依頼：三菱UFJ銀行 渋谷支店 普通 4417286 名義 ナカムラ ユウキ", "4417286"),
    ("收款账号 6217001234567890", "6217001234567890"),
    ("رقم الحساب 40817810099910004312", "40817810099910004312"),
    ("کد ملی: 0087654326", "0087654326"),
    ("Mteja: Wanjiru, kitambulisho 28471936, simu", "28471936"),
])
def test_a_number_after_its_label_in_another_script(pattern_engine: DetectionEngine,
                                                     text: str, value: str) -> None:
    assert value in [d.text for d in pattern_engine.analyze(text)]
