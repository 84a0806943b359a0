"""Values written in their own script and numerals (the s71 probes): Greek ids, names after an
introduction in the script's own words, own-script street lines and postcodes, numbers and dates
in CJK numerals, Korean labels; each masked with the sentence around it kept, and ordinary text
of those scripts left alone."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.cjk_numbers import CJK_DATES, CJK_NUMERALS
from veil.detect.national import GR_NATIONAL_ID
from veil.detect.script_address import CJK_ADDRESS, SCRIPT_ADDRESS
from veil.detect.script_names import SCRIPT_NAMES
from veil.detect.scripts import scripts_in


def _covered(engine: DetectionEngine, text: str) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in engine.analyze(text)]


def _masked(spans: list[tuple[int, int]], text: str, value: str) -> bool:
    s = text.index(value)
    return any(a <= s and s + len(value) <= b for a, b in spans)


def _touched(spans: list[tuple[int, int]], text: str, word: str) -> bool:
    s = text.index(word)
    return any(a < s + len(word) and s < b for a, b in spans)


# (text, values that must be masked, words that must stay)
_CASES = [
    # Greek: ΑΜΚΑ and ΑΦΜ after their abbreviations, a street, a postcode and its town
    ("Γεια σας, ονομάζομαι Παναγιώτης Κωνσταντινίδης, ΑΜΚΑ 14068512343, ΑΦΜ 094817255, "
     "διεύθυνση Λεωφόρος Αλεξάνδρας 48, 114 73 Αθήνα, κινητό 694 812 3307.",
     ("14068512343", "094817255", "Αλεξάνδρας 48", "114 73"), ("Γεια σας", "κινητό")),
    # names after an introduction, whose words no list holds
    ("नमस्ते, मेरा नाम प्रियंका रघुवंशी है। मेरा आधार नंबर ६२९१ ४८३० ५७२३ है",
     ("प्रियंका रघुवंशी",), ("नमस्ते", "है।", "आधार")),
    ("สวัสดีครับ ผมชื่อ สมชาย วงศ์สวัสดิ์ เลขประจำตัวประชาชน 1-1037-00123-45-8",
     ("สมชาย วงศ์สวัสดิ์",), ("สวัสดีครับ", "เลขประจำตัวประชาชน")),
    ("您好，我是陳怡君，身分證字號 A224819371，住在台北市大安區復興南路一段390號3樓",
     ("陳怡君", "390號3樓"), ("您好", "身分證字號")),
    ("مرحبا، اسمي يوسف عبد الرحمن الشمري، رقم الهوية الوطنية 1087452395",
     ("يوسف عبد الرحمن الشمري",), ("مرحبا", "رقم الهوية")),
    ("氏名：ＴＨＥＯＤＯＲＡ\u3000ＢＬＡＣＫＭＯＲＥ\n電話：０７７００\u3000９００４２７",
     ("ＴＨＥＯＤＯＲＡ\u3000ＢＬＡＣＫＭＯＲＥ",), ("氏名", "電話")),
    # street lines and postcodes in their own script
    ("адрес: г. Москва, ул. Большая Пироговская, д. 27, кв. 14, тел. +7 916 482-19-07.",
     ("ул. Большая Пироговская, д. 27, кв. 14",), ("адрес", "тел.")),
    ("שלום, כתובת: רחוב הרצל 45 דירה 12, ראשון לציון", ("רחוב הרצל 45 דירה 12",),
     ("שלום", "כתובת")),
    ("العنوان: حي النرجس، شارع العليا ٤٢١٥، الرياض ١٣٣٢٧", ("شارع العليا ٤٢١٥، الرياض ١٣٣٢٧",),
     ("العنوان",)),
    ("पता: मकान नं. 27, सेक्टर 15, नोएडा 201301. मोबाइल: ९८११० ४७२६३",
     ("मकान नं. 27, सेक्टर 15",), ("पता", "मोबाइल")),
    ("ที่อยู่ 99/123 ถนนสุขุมวิท ซอย 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110 โทร",
     ("99/123 ถนนสุขุมวิท ซอย 21", "10110"), ("ที่อยู่", "โทร")),
    ("住址：上海市，邮编200030。请帮我写一封辞职信。", ("200030",), ("请帮我写一封辞职信",)),
    ("địa chỉ: số 27 ngõ 85 phố Hào Nam, quận Đống Đa, Hà Nội; SĐT 0912 384 756.",
     ("số 27 ngõ 85 phố Hào Nam",), ("địa chỉ",)),
    # numbers in CJK numerals, an era date, Korean labels in an English message
    ("我的手机号是一三八一七四五九零二六，银行卡号六二二二零二一二三四五六七八九零一二八，"
     "别告诉别人",
     ("一三八一七四五九零二六", "六二二二零二一二三四五六七八九零一二八"),
     ("银行卡号", "别告诉别人")),
    ("生年月日：平成4年7月15日\n電話：〇八〇‐三九一二‐七七四五",
     ("平成4年7月15日", "〇八〇‐三九一二‐七七四五"), ("生年月日", "電話")),
    ("Please translate for my colleague 김지훈: 여권번호 M48213579, 생년월일 "
     "1988년 3월 14일; thanks",
     ("M48213579", "1988년 3월 14일"), ("Please translate", "여권번호", "생년월일", "thanks")),
]


@pytest.mark.parametrize(("text", "values", "kept"), _CASES)
def test_each_value_is_masked_and_its_sentence_kept(ner_engine: DetectionEngine, text: str,
                                                    values: tuple[str, ...],
                                                    kept: tuple[str, ...]) -> None:
    spans = _covered(ner_engine, text)
    assert [v for v in values if not _masked(spans, text, v)] == []
    assert [w for w in kept if _touched(spans, text, w)] == []


@pytest.mark.parametrize("text", [
    # roles after "I am", counts and quantities in numerals, prose with a street's word
    "我是程序员，我是中国人。本人同意。我是学生。我叫了外卖。",
    "他数了一二三四五六七，一千九百八十八年的事",
    "меня зовут и я живу у моря",
    "עברתי דרך האינטרנט 24 שעות",
    "عن طريق الانترنت 24 ساعة",
    "у меня 3 кота и ул. не видно",
    "số CCCD của tôi, số 5 người",
])
def test_ordinary_text_of_these_scripts_is_not_masked(text: str) -> None:
    found = [d.text for r in (SCRIPT_NAMES, SCRIPT_ADDRESS, CJK_ADDRESS, CJK_NUMERALS, CJK_DATES)
             for d in r.analyze(text)]
    assert found == []


def test_an_era_is_no_name_and_its_date_a_birth_date_after_its_word() -> None:
    assert [d.text for d in SCRIPT_NAMES.analyze("生年月日：平成4年7月15日")] == []
    assert [(d.type, d.text) for d in CJK_DATES.analyze("生年月日：平成4年7月15日")] == \
        [("DATE_OF_BIRTH", "平成4年7月15日")]
    assert CJK_DATES.analyze("平成40年1月1日") == []  # (Heisei lasted 31 years)
    assert [d.text for d in CJK_DATES.analyze("会議は令和元年5月1日です")] == ["令和元年5月1日"]


def test_greek_numbers_need_their_abbreviation_and_score_by_their_check() -> None:
    assert GR_NATIONAL_ID.analyze("Αριθμός 14068512343 παραγγελίας") == []
    found = GR_NATIONAL_ID.analyze("Α.Φ.Μ.: 094817255 και ΑΦΜ 094817256")
    assert [(d.text, d.score) for d in found] == [("094817255", 1.0), ("094817256", 0.93)]


def test_the_readers_are_idle_on_texts_without_their_script() -> None:
    for text in ("Plain English, no digits", "Café crème at 12 rue des Lilas – José Müller"):
        assert scripts_in(text) == frozenset()
        for r in (SCRIPT_ADDRESS, CJK_ADDRESS, CJK_NUMERALS, CJK_DATES, GR_NATIONAL_ID):
            assert r.idle(text)
    assert scripts_in("Tel 一三八 and Москва") == {"cjk", "cyrillic"}
