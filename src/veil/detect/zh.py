"""Chinese names, places, addresses and organisations (jieba), and mainland mobile numbers.

Chinese has no spaces, so values are cut out of jieba's segmentation, not found between word
boundaries:

* PERSON: a token jieba tags as a name (``nr``, ``nrfg``, ``nrt``) that starts with a known
  surname (Faker's ``zh_CN`` list: ~400 single and compound surnames), a compound surname followed
  by a short given name (jieba often tags ``欧阳`` a place), and surname + given name before a
  form of address (``王建国先生``) or after an introduction (``我叫``, ``姓名：``).
* LOCATION: a run of place tokens (``ns``) continued over road, number and unit tokens, so
  ``北京市朝阳区建国路88号3单元`` is one span; a lone city is a LOCATION too.
* ORGANIZATION: ``nt`` tokens, and a name (``nz``/``ns``/``n``...) followed by a company word
  (``腾讯公司``, ``北京字节跳动科技有限公司``).

The recognizer runs on any message holding Han characters (an English prompt may quote a
Chinese name); jieba and its dictionary load on the first such message (about a second).
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

import phonenumbers

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HAN_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_lock = threading.Lock()

_COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯",
    "长孙", "宇文", "司徒", "西门", "南宫", "独孤", "端木", "轩辕", "呼延", "澹台", "万俟"})
_ADDRESS_FORMS = "先生|女士|小姐|老师|经理|医生|大夫|教授|同学|总监|主任|律师|阿姨|叔叔"
_INTRO = (r"(?:我叫|名叫|叫做|姓名[:：]?\s*|联系人[:：]?\s*|患者[:：]?\s*|客户[:：]?\s*|"
          r"收件人[:：]?\s*)")
_PLACE_PART = re.compile(r"(?:.{0,12}(?:路|街|道|巷|胡同|大道|大街|弄|里|村|镇|乡|区|县|市|省|"
                         r"小区|花园|广场|大厦|公寓))$")
_UNIT_PART = re.compile(r"^(?:\d+|[一二三四五六七八九十百零]+)?(?:号|号楼|栋|幢|单元|室|层|楼|"
                        r"号院|弄)?$")
_ORG_END = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|银行|大学|学院|医院|"
                      r"研究院|研究所|事务所|委员会|协会|基金会|中学|小学|银行)$")
_ORG_PART_FLAGS = frozenset({"nz", "ns", "nt", "n", "eng", "nrt", "j", "nr", "l", "vn"})


@functools.cache
def surnames() -> frozenset[str]:
    from veil.detect.names import from_faker

    return from_faker("zh-surnames", (), _faker_surnames) | _COMPOUND_SURNAMES


def _faker_surnames() -> frozenset[str]:
    from faker.providers.person.zh_CN import Provider

    return frozenset(str(s) for s in Provider.last_names)


# Words jieba tags as names that open with a surname character but are ordinary words.
_NOT_NAMES = frozenset({"谢谢", "高兴", "周末", "黄金", "白天", "方便", "江湖", "金额", "叶子",
                        "常用", "明天", "安全", "林业", "钱包", "司机", "向上", "于是", "余额",
                        "包括", "任何", "许多", "文件", "万一", "马上", "温度", "程序", "关于",
                        "华为", "齐全", "张开", "李子", "王国", "朱红", "章节", "时间", "公司",
                        "银联", "银联卡", "银行", "林木", "高新", "宁德", "金融", "常见", "石油",
                        "银行卡", "銀行卡",  # ("银行卡号": "bank card number")
                        "黄色", "白色", "江南", "方向", "路线", "费用", "项目", "包装", "卢布"})
_NOT_PLACES = frozenset({"日志", "中文", "英文", "中方", "西方", "东方", "南方", "北方", "本地",
                         "国内", "国外", "全国", "海外", "内地"})
_NUMERALS = frozenset("一二三四五六七八九十两几百千万")


def _has_surname(word: str) -> bool:
    return word not in _NOT_NAMES and (word[:2] in surnames() or word[:1] in surnames())


@functools.cache
def _posseg() -> Any:
    with _lock:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        return jieba.posseg


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    out: list[tuple[str, str, int, int]] = []
    pos = 0
    for pair in _posseg().cut(text, HMM=True):
        w, f = pair.word, pair.flag
        out.append((w, f, pos, pos + len(w)))
        pos += len(w)
    return out


_NAME_AFTER_INTRO = re.compile(rf"{_INTRO}(?P<v>{_HAN_RUN}{{2,4}}?)"
                               rf"(?={_ADDRESS_FORMS}|[,，。;；:：\s]|$)")
# Verbs and roles that take a person: the 2-3 characters after them, up to punctuation, the end
# or a particle, are a name when they open with a surname.
_NAME_AFTER_VERB = re.compile(rf"(?:联系|给|致|属于|抄送|通知|同事|经理|老师|客户|患者|用户|"
                              rf"提醒|告诉|问|找)(?P<v>{_HAN_RUN}{{2,3}}?)"
                              rf"(?=[,，。;；:：!！?？\s(（]|$|的|说|发|在|和|是)")
_ROAD_START = frozenset("路街道巷弄胡大")
_NAME_BEFORE_FORM = re.compile(rf"(?P<v>{_HAN_RUN}{{2,3}}?)(?:{_ADDRESS_FORMS})")


class ChineseRecognizer(Recognizer):
    """PERSON, LOCATION and ORGANIZATION in Chinese text (see the module docstring)."""

    name = "zh_jieba"
    statistical = True
    entities = ("PERSON", "LOCATION", "ORGANIZATION")
    validated = False

    def analyze(self, text: str) -> list[Detection]:
        if not _HAN.search(text):
            return []
        toks = _tokens(text)
        out: list[Detection] = []

        def emit(kind: str, s: int, e: int, score: float) -> None:
            if e > s:
                out.append(Detection(kind, s, e, score, self.name, text[s:e]))

        i = 0
        n = len(toks)
        while i < n:
            w, f, s, e = toks[i]
            if f in ("nr", "nrfg", "nrt") and 2 <= len(w) <= 4 and _has_surname(w):
                emit("PERSON", s, e, 0.85)
            elif w in _COMPOUND_SURNAMES and i + 1 < n and 1 <= len(toks[i + 1][0]) <= 2 \
                    and _HAN.match(toks[i + 1][0]):
                emit("PERSON", s, toks[i + 1][3], 0.85)
                i += 2
                continue
            elif f.startswith("ns") or (f in ("nz", "n") and _PLACE_PART.search(w)
                                         and i + 1 < n and _UNIT_PART.match(toks[i + 1][0])
                                         and toks[i + 1][0]):
                j = i + 1
                while j < n:
                    wj, fj = toks[j][0], toks[j][1]
                    nxt = toks[j + 1][0] if j + 1 < n else ""
                    if fj.startswith("ns") or _PLACE_PART.search(wj) or (
                            wj and _UNIT_PART.match(wj) and j > i):
                        j += 1
                    elif _HAN.match(wj) and len(wj) <= 4 and _PLACE_PART.match(nxt) and \
                            nxt[:1] in _ROAD_START:
                        j += 1  # a road's name of any tag: "宁德" of "宁德路"
                    else:
                        break
                if j == i + 1 and (w[:1] in _NUMERALS or len(w) < 2 or w in _NOT_PLACES):
                    i += 1  # "三本" (three books), a lone character: not a place
                    continue
                # a place followed by a company word is the company's name
                if j < n and _ORG_END.search(toks[j][0]):
                    emit("ORGANIZATION", s, toks[j][3], 0.8)
                    i = j + 1
                    continue
                emit("LOCATION", s, toks[j - 1][3], 0.8)
                i = j
                continue
            elif f == "nt":
                # "香港特别行政区" is tagged an organisation: administrative areas are places
                emit("LOCATION" if w[-1] in "区省市县州" else "ORGANIZATION", s, e, 0.8)
            elif _ORG_END.search(w) and i > 0:
                k = i
                while k > 0 and i - k < 6 and toks[k - 1][1] in _ORG_PART_FLAGS \
                        and _HAN.match(toks[k - 1][0]):
                    k -= 1
                if k < i or len(w) > 3:
                    emit("ORGANIZATION", toks[k][2], e, 0.8)
            i += 1
        starts = {t[2] for t in toks}
        for rx in (_NAME_AFTER_INTRO, _NAME_BEFORE_FORM, _NAME_AFTER_VERB):
            for m in rx.finditer(text):
                s, e = m.span("v")
                # with a surname; after a bare verb also at a token boundary
                if _has_surname(text[s:e]) and (rx is not _NAME_BEFORE_FORM or s in starts):
                    emit("PERSON", s, e, 0.8)
        return _merge(out)


def _merge(found: list[Detection]) -> list[Detection]:
    """Drop spans inside a longer span of the same type (the engine resolves the rest)."""
    places = [d for d in found if d.type != "PERSON"]
    # a "name" inside an address or company name is part of it ("林木" of "雨林木风科技有限公司")
    found = [d for d in found if d.type != "PERSON" or not any(
        p.start <= d.start and d.end <= p.end and p.length > d.length for p in places)]
    found.sort(key=lambda d: (d.start, -d.length))
    out: list[Detection] = []
    for d in found:
        if out and out[-1].type == d.type and out[-1].start <= d.start and d.end <= out[-1].end:
            continue
        out.append(d)
    return out


def _is_cn_mobile(value: str) -> bool:
    try:
        num = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(num))


#: Mainland mobile numbers (``1[3-9]`` + 9 digits, optionally ``+86``), written against Chinese
#: text without a space; in Chinese messages only (an 11-digit run in English text is no phone
#: without a phone word).
CN_MOBILE = PatternRecognizer(
    name="cn_mobile", entity="PHONE",
    patterns=[Pattern(r"(?<![0-9+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])",
                      0.9, re.ASCII, lead=1,
                      anchor=r"(?:(?:00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])")],
    validate=_is_cn_mobile,
    context=("手机", "电话", "联系", "致电", "号码", "微信"), context_boost=0.05,
)
CN_MOBILE.message_languages = ("zh",)
