"""Numbers written in Chinese and Japanese numerals, digit by digit: a phone
``一三八一七四五九零二六``, a card ``六二二二零二一二三四五六七八九零一二八``, a Japanese number
``〇八〇‐三九一二‐七七四五``; and the calendar dates written with an era or the year's word of
Chinese, Japanese and Korean: ``平成4年7月15日``, ``昭和六十三年三月十四日``,
``一九八八年三月十四日``, ``1988년 3월 14일``.

The engine's view reads any script's decimal digits as ASCII ones (full-width, Arabic-Indic,
Devanagari, Thai), but the CJK numerals are no decimal digits to Unicode, and ``一`` and ``二``
are words of most Chinese sentences: the view keeps them, and these recognizers read them
where they spell a number. A run of numerals (with the spaces and dashes a number is grouped
by, the ASCII digits it may be mixed with) is a number with seven digits at least, four of
them numerals, not one digit over and over nor a straight count (``一二三四五六七``) unless a
word of a phone, card or account stands before it; a numeral beside ``十``, ``百``, ``千``,
``万`` is a quantity's, not a digit's. It is typed as :mod:`veil.detect.spelled_numbers` types
its runs: a Chinese resident id, a card (13 to 19 digits passing Luhn's check), an account
number after its word, up to 15 digits a phone, more an account number.

A date's era (``明治``, ``大正``, ``昭和``, ``平成``, ``令和``) reads as a surname and a given name
to the name lists, and its year as a number: the whole date is one span, checked as a real day
of that era. A date after a birth word (``生年月日``, ``생년월일``, ``出生``) is a
DATE_OF_BIRTH, any other a DATE_TIME.

Both recognizers are idle on a text without CJK characters (the dates: or Hangul).
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.cn import ric

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer
from veil.detect.scripts import scripts_in
from veil.detect.validators import is_credit_card

#: each numeral's digit: the everyday ones, "幺" (a one said in a phone number) and the
#: financial forms written so they cannot be altered
_DIGIT_OF = {c: str(d) for d, cs in enumerate(("〇零", "一幺壹", "二贰貳", "三叁參", "四肆", "五伍",
                                               "六陆陸", "七柒", "八捌", "九玖")) for c in cs}
_NUMERAL = "[" + "".join(_DIGIT_OF) + "]"
_PLACES = "十百千万亿萬億拾佰仟点點"  # a quantity's words ("一千九百", "三点五")
_RUN = re.compile(rf"(?<![{_PLACES}0-9])(?:{_NUMERAL}|[0-9])+"
                  rf"(?:[ \t\u3000-]?(?:{_NUMERAL}|[0-9])+)*(?![{_PLACES}0-9])")
MIN_DIGITS = 7
MIN_NUMERALS = 4
#: how far before a run its word is looked for
_WINDOW = 16
_CARD_WORDS = ("卡号", "卡號", "银行卡", "銀行卡", "信用卡", "借记卡", "カード", "카드", "card")
_ACCOUNT_WORDS = ("账号", "帳號", "账户", "帳戶", "帐号", "帐户", "口座", "계좌", "account")
_PHONE_WORDS = ("手机", "手機", "电话", "電話", "携帯", "けいたい", "でんわ", "전화", "휴대폰",
                "联系方式", "聯絡", "phone", "tel")
_ID_WORDS = ("身份证", "身分證", "身份證")


def _near(text: str, start: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, start - _WINDOW):start].lower()
    return any(w in before for w in words)


class CjkNumeralsRecognizer(Recognizer):
    """Phone, card, account and resident id numbers written in CJK numerals (see above)."""

    name = "cjk_numerals"
    entities = ("PHONE", "CREDIT_CARD", "ACCOUNT_NUMBER", "CN_RESIDENT_ID")
    validated = True  # seven digits and more in numerals are no prose

    def idle(self, text: str) -> bool:
        return "cjk" not in scripts_in(text)  # (every numeral is a CJK character)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _RUN.finditer(text):
            value = m.group()
            numerals = sum(c in _DIGIT_OF for c in value)
            if numerals < MIN_NUMERALS:
                continue  # ASCII digits' runs are the other recognizers'
            digits = "".join(_DIGIT_OF.get(c, c) for c in value if c in _DIGIT_OF or
                             c.isdigit())
            found = self._typed(text, m.start(), m.end(), digits)
            if found is not None:
                out.append(found)
        return out

    def _typed(self, text: str, start: int, end: int, digits: str) -> Detection | None:
        if len(digits) < MIN_DIGITS or len(set(digits)) == 1:
            return None
        card, account, phone, id_word = (_near(text, start, w) for w in (
            _CARD_WORDS, _ACCOUNT_WORDS, _PHONE_WORDS, _ID_WORDS))
        steps = {(int(b) - int(a)) % 10 for a, b in zip(digits, digits[1:], strict=False)}
        if steps in ({1}, {9}) and not (card or account or phone or id_word):
            return None  # a count: 一二三四五六七
        value = text[start:end]
        if len(digits) == 18 and ric.is_valid(digits):
            return Detection("CN_RESIDENT_ID", start, end, 0.95, self.name, value)
        if 13 <= len(digits) <= 19 and is_credit_card(digits):
            return Detection("CREDIT_CARD", start, end, 0.95 if card else 0.9, self.name, value)
        if account or card:
            return Detection("ACCOUNT_NUMBER", start, end, 0.85, self.name, value)
        if len(digits) <= 15:
            return Detection("PHONE", start, end, 0.9 if phone else 0.75, self.name, value)
        return Detection("ACCOUNT_NUMBER", start, end, 0.7, self.name, value)


# --- Dates: an era and its year, or a year of four digits or numerals, then the month and day
_ERA_START = {"明治": (1868, 45), "大正": (1912, 15), "昭和": (1926, 64), "平成": (1989, 31),
              "令和": (2019, 99)}
_N = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_CJK_DATE = re.compile(
    rf"(?:(?P<era>明治|大正|昭和|平成|令和)[ \t]*(?P<ey>元|{_N})|"
    rf"(?<![0-9〇零一二三四五六七八九])(?P<y>[〇零一二三四五六七八九]{{4}}))[ \t]*年[ \t]*"
    rf"(?P<m>{_N})[ \t]*月[ \t]*(?P<d>{_N})[ \t]*[日号]")
# Korean: "1988년 3월 14일" (the digits' dates of Chinese and Japanese are :mod:`dates`')
_KO_DATE = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})[ \t]*년[ \t]*(?P<m>[0-9]{1,2})[ \t]*월[ \t]*"
                      r"(?P<d>[0-9]{1,2})[ \t]*일")
_BIRTH_WORDS = ("生年月日", "生まれ", "誕生日", "出生", "生日", "생년월일", "생일", "출생", "born",
                "birth", "dob")
#: what says a birth right after its date ("1988年3月14日出生", "平成4年生まれ")
_BORN_AFTER = ("出生", "生まれ", "生", "に生まれ", "출생", "생")


def _number(written: str) -> int:
    """The value of "元" (an era's first year), "12", "十二", "二十三" or "一九八八"."""
    if written == "元":
        return 1
    if written.isdigit() and written.isascii():
        return int(written)
    if "十" not in written:
        return int("".join(_DIGIT_OF[c] for c in written))
    tens, _, units = written.partition("十")
    return (int(_DIGIT_OF[tens]) if tens else 1) * 10 + (int(_DIGIT_OF[units]) if units else 0)


def _day(m: re.Match[str]) -> bool:
    """Whether the date is a real day (of its era, where it has one)."""
    parts = m.groupdict()
    try:
        if parts.get("era"):
            start, years = _ERA_START[parts["era"]]
            year = _number(parts["ey"])
            if not 1 <= year <= years:
                return False
            year += start - 1
        else:
            year = _number(parts["y"])
        dt.date(year, _number(parts["m"]), _number(parts["d"]))
    except (ValueError, KeyError):
        return False
    return 1880 <= year <= 2100


_DATE_SCRIPTS = frozenset({"cjk", "hangul"})


class CjkDatesRecognizer(Recognizer):
    """Dates with an era or a year in numerals, and Korean dates (see above)."""

    name = "cjk_dates"
    entities = ("DATE_OF_BIRTH", "DATE_TIME")
    validated = True  # a real day of a real era

    def idle(self, text: str) -> bool:
        return not scripts_in(text) & _DATE_SCRIPTS or ("年" not in text and "년" not in text)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for rx in (_CJK_DATE, _KO_DATE):
            for m in filter(_day, rx.finditer(text)):
                s, e = m.span()
                birth = _near(text, s, _BIRTH_WORDS) or text.startswith(_BORN_AFTER, e)
                out.append(Detection("DATE_OF_BIRTH" if birth else "DATE_TIME", s, e,
                                     0.9 if birth else 0.7, self.name, text[s:e]))
        return out


CJK_NUMERALS = CjkNumeralsRecognizer()
CJK_DATES = CjkDatesRecognizer()
