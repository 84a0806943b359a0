"""Names written in their own script inside any message: ``Contact Дмитрий Иванов``,
``Γιώργος Παπαδόπουλος``, ``محمد عبدالله``, ``דוד כהן``, ``김민수``, ``太田 真綾``, ``谢淑英``,
``อัญชัญ ดิสกะประกาย``, ``চয়ন হক``.

The language models and heuristics read Latin letters; a name in Cyrillic, Greek, Armenian,
Georgian, Hebrew, Arabic, Devanagari, Bengali, Thai, Hangul or Chinese and Japanese characters
inside an English (or any) prompt went upstream whole, or in part ("Contact Дмитрий
[PERSON_1]"). Faker's person providers of those locales list their given names and surnames. A
PERSON is a known given name followed by a known surname, or a known surname followed by a
known given name (as records write it), and a third known name or a patronymic; in a script
with capitals, a known given name or surname beside a capitalised word of the same script is
one too; in a script without, in a message mostly of another script, a known given name or
surname beside any word of its script. A Korean name is one word: a known surname, then a
known given name (``김`` + ``민수``); a Chinese one too (``谢`` + ``淑英``), or a surname before
an honorific (``田中さん``, ``王先生``); a Japanese one is written with a space between its
surname and given name. Diacritics that Arabic and Hebrew may write or leave out are ignored on
both sides.

The recognizer reads only texts holding a letter of these scripts (found once per text with
the other recognizers of one script: :func:`veil.detect.scripts.scripts_in`); their lists load
on the first such text. After an introduction in the script's own words ("меня зовут", "με
λένε", "שמי", "اسمي", "मेरा नाम", "ผมชื่อ", "我叫", a form's "氏名："), the name needs no list
(see :func:`_introduced`).
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import NamedTuple

from veil.detect.entity import Detection
from veil.detect.names import from_faker
from veil.detect.recognizer import Recognizer
from veil.detect.scripts import scripts_in


class _Script(NamedTuple):
    letters: str  # the inside of a character class
    locales: tuple[str, ...]
    cased: bool


_SCRIPTS = {
    "cyrillic": _Script("\u0400-\u04ff", ("ru_RU", "uk_UA", "bg_BG"), True),
    "greek": _Script("\u0370-\u03ff\u1f00-\u1fff", ("el_GR",), True),
    "armenian": _Script("\u0531-\u0587", ("hy_AM",), True),
    "georgian": _Script("\u10d0-\u10ff", ("ka_GE",), False),
    "hebrew": _Script("\u05d0-\u05ea\u05b0-\u05c7", ("he_IL",), False),
    "arabic": _Script("\u0620-\u064a\u064b-\u065f\u0670-\u06d3", ("ar_AA", "fa_IR"), False),
    "devanagari": _Script("\u0900-\u097f", ("hi_IN",), False),
    "bengali": _Script("\u0980-\u09ff", ("bn_BD",), False),
    "thai": _Script("\u0e01-\u0e4e", ("th_TH",), False),
    "hangul": _Script("\uac00-\ud7a3", ("ko_KR",), False),
    # (Amharic and Tigrinya: Faker lists no names; only after an introduction or a name field)
    "ethiopic": _Script("\u1200-\u135a", (), False),
    # Chinese and Japanese: ideographs, kana, the iteration mark and the long-vowel mark
    "cjk": _Script("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3041-\u3096\u30a1-\u30fa"
                   "\u3005\u30fc", ("zh_CN", "zh_TW", "ja_JP"), False),
}
_WORDS = {k: re.compile(f"[{s.letters}]+(?:[-'’ʼ][{s.letters}]+)?") for k, s in _SCRIPTS.items()}
#: marks a name is written with or without (Arabic harakat and tatweel, Hebrew points)
_OPTIONAL_MARKS = dict.fromkeys(map(ord, "\u0640\u0670"), None) | \
    dict.fromkeys(range(0x064B, 0x0660)) | dict.fromkeys(range(0x05B0, 0x05C8))
#: a Russian, Ukrainian or Bulgarian patronymic ("Сергеевич", "Ивановна", "Сергіївна")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична|івна|ївна)$")
#: what Hindi writes against a name as respect ("सक्सेनाजी": Mr or Ms Saxena)
_HINDI_RESPECT = "जी"


def _key(word: str) -> str:
    return word.translate(_OPTIONAL_MARKS).casefold()


#: words of Arabic names that are prose as often ("God", "servant of", "son of", "father of")
_PARTICLES = frozenset(_key(w) for w in ("الله", "عبد", "بن", "ابن", "بنت", "أبو", "ابو", "أم",
                                         "ام", "آل", "ال", "دين", "الدين"))


def _make(locales: tuple[str, ...], attr: str, shortest: int) -> frozenset[str]:
    out: set[str] = set()
    for loc in locales:
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):
            continue
        kana = attr.replace("_name", "_kana_name")  # Japanese: "first_kana_names"
        for a in (f"{attr}s", f"{attr}s_male", f"{attr}s_female", f"{attr}s_nonbinary",
                  f"{kana}s"):
            values = getattr(prov, a, ())
            if not isinstance(values, (tuple, list, dict, set, frozenset)):
                continue  # (a method of the provider, not a list)
            for x in values:
                for part in str(x).split():  # "تاج الدّين", "امیر علی": each word
                    if len(part) >= shortest:
                        out.add(_key(part))
    return frozenset(out)


@functools.cache
def _names(script: str) -> tuple[frozenset[str], frozenset[str]]:
    """The given names and surnames of ``script``'s locales, as :func:`_key` writes them."""
    locales = _SCRIPTS[script].locales
    # a Korean surname is one syllable ("김"), a Chinese one an ideograph ("王"), a Chinese
    # given name may be one ("伟")
    shortest = 1 if script in ("hangul", "cjk") else 2
    first, last = (from_faker(f"script-{script}-{attr}", (locales, shortest),
                              functools.partial(_make, locales, attr, shortest))
                   for attr in ("first_name", "last_name"))
    if script == "devanagari":
        first, last = (names | {n + _HINDI_RESPECT for n in names} for names in (first, last))
    return first, last


class ScriptNamesRecognizer(Recognizer):
    """PERSON names in the scripts Faker lists names of, in a message of any language."""

    name = "script_names"
    entities = ("PERSON",)
    validated = False

    def analyze(self, text: str) -> list[Detection]:
        # (the scripts found once per text, with the other recognizers of one script each)
        present = scripts_in(text)
        if not present:
            return []
        out: list[Detection] = []
        for script, rx in _WORDS.items():
            if script not in present:
                continue
            spans = _spans(text, script, rx)
            # (a name the lists know may follow an introduction too: one span for both)
            spans += [span for span in _introduced(text, script) if span not in spans]
            for s, e in spans:
                out.append(Detection("PERSON", s, e, 0.85, self.name, text[s:e]))
        return out


#: the words before a Korean name that say it is one ("제 이름은 이민호입니다": "my name is")
_KOREAN_NAME_CUES = frozenset({"이름은", "이름이", "이름", "성함은", "성함이", "성함"})
#: what Korean writes right after a name, in the same word: "김민수이고" ("Kim Min-su, and"),
#: "김민수씨", "김민수에게" (longest first)
_KOREAN_PARTICLES = ("입니다", "이에요", "에게서", "께서", "에게", "한테", "이고", "이며", "이랑",
                     "씨는", "씨가", "씨의", "님은", "님이", "님의", "씨", "님", "은", "는", "이",
                     "가", "을", "를", "의", "와", "과", "도", "만", "랑", "야", "아")


def _without_particles(word: str) -> list[str]:
    """``word``, then ``word`` less one particle, then less two ("김민수씨에게" -> "김민수")."""
    out, todo = [word], [word]
    for _ in range(2):
        todo = [w[:-len(p)] for w in todo for p in _KOREAN_PARTICLES
                if w.endswith(p) and len(w) - len(p) >= 2]
        out += todo
    return out


def _foreign(text: str, script: str) -> bool:
    """Whether fewer than half the letters of ``text`` are ``script``'s: a name in a message
    of another language (a Thai or Chinese name in an English prompt), where a word of the
    script beside a known given name or surname is the rest of the name, not prose."""
    own = len(_NOT_A_LETTER.sub("", _NOT_OF[script].sub("", text)))  # (vowel signs: no letters)
    return 2 * own < len(_NOT_A_LETTER.sub("", text))


_NOT_A_LETTER = re.compile(r"[\W\d_]+")
_NOT_OF = {k: re.compile(f"[^{s.letters}]+") for k, s in _SCRIPTS.items()}


def _spans(text: str, script: str, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    first, last = _names(script)
    cased = _SCRIPTS[script].cased
    words = list(rx.finditer(text))
    # (two passes over the whole text: only for the scripts without capitals, which read it)
    foreign = not cased and script != "hangul" and _foreign(text, script)
    if script == "cjk":
        return _cjk_spans(text, words, first, last, foreign)
    out: list[tuple[int, int]] = []
    if script == "hangul":  # surname and given name in one word, maybe a particle after them
        for k_word, w in enumerate(words):
            # after "이름은" ("my name is"), a known surname and any given name
            named = k_word > 0 and words[k_word - 1].group() in _KOREAN_NAME_CUES
            for name in _without_particles(w.group()):
                k = _key(name)
                if any(k[:n] in last and (k[n:] in first or named)
                       for n in (1, 2) if 1 <= len(k) - n <= 2 and (named or len(k) - n == 2)):
                    out.append((w.start(), w.start() + len(name)))
                    break
        return out

    def capital(w: re.Match[str]) -> bool:
        return cased and w.group()[0].isupper()

    i = 0
    while i + 1 < len(words):
        a, b = words[i], words[i + 1]
        ka, kb = _key(a.group()), _key(b.group())
        apart = text[a.end():b.start()] in (" ", "\t")
        pair = apart and (
            ka in first and (kb in last or capital(b) and capital(a)
                             or cased and _PATRONYMIC.search(kb) is not None)
            or capital(a) and kb in last and capital(b)
            # the surname first, as records and forms write it ("Бирюков Терентий")
            or ka in last and kb in first
            # a chain of given names ("son of"), as Arabic and Hebrew names are written
            or not cased and ka in first and kb in first
            # in a message of another language, a known given name's or surname's neighbour
            # (not a particle's: "إن شاء الله" is no name)
            or not cased and foreign and (ka in first and ka not in _PARTICLES
                                          or kb in last and kb not in _PARTICLES))
        if not pair:
            i += 1
            continue
        end, j = b.end(), i + 2
        while j < len(words) and text[words[j - 1].end():words[j].start()] in (" ", "\t"):
            kc = _key(words[j].group())
            if kc in last or cased and capital(words[j]) and (
                    _PATRONYMIC.search(kc) is not None  # "Бирюков Терентий Богданович"
                    or _PATRONYMIC.search(_key(words[j - 1].group())) is not None):
                end, j = words[j].end(), j + 1
            else:
                break
        out.append((a.start(), end))
        i = j
    return out


#: what Japanese and Chinese write right after a name: "田中さん", "王先生", "李女士"
_HONORIFICS = ("さん", "さま", "様", "氏", "くん", "君", "ちゃん", "先生", "女士", "小姐", "老师")


def _cjk_spans(text: str, words: list[re.Match[str]], first: frozenset[str],
               last: frozenset[str], foreign: bool) -> list[tuple[int, int]]:
    """Chinese and Japanese names: a surname and a given name with a space between them (as
    Japanese forms write them), or in one word of two to four characters (an ideograph or two
    of a known surname, then a known given name), maybe before an honorific; a known surname
    before an honorific alone, or with any character or two before one ("王小明先生")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        a = words[i]
        ga = a.group()
        if i + 1 < len(words):
            b = words[i + 1]
            gb = b.group()
            if text[a.end():b.start()] in (" ", "\t", "\u3000"):
                # the two words whole, or (Japanese running its particles into them: "申請者は
                # 佐々木 大翔さんです") the ideographs at the end of one and the start of the next
                tail, head = _IDEOGRAPHS_AT_END.search(ga), _IDEOGRAPHS.match(gb)
                for (sa, ea), (sb, eb) in (((0, len(ga)), (0, len(gb))),
                                           (tail.span() if tail else (0, 0),
                                            head.span() if head else (0, 0))):
                    x, y = ga[sa:ea], gb[sb:eb]
                    if x and y and len(x) <= 4 and len(y) <= 4 and (
                            x in last and (y in first or foreign or len(y) <= 3)
                            or x in first and y in last or y in first and len(x) <= 3):
                        out.append((a.start() + sa, b.start() + eb))
                        break
                else:
                    x = ""
                if x:
                    i += 2
                    continue
        n = _cjk_name(ga, first, last)
        if n:
            out.append((a.start(), a.start() + n))
        elif _KANA.search(ga) is not None:
            # Japanese runs its words together, its particles in kana between them: the
            # ideographs between two particles ("私の名前は佐藤花子です") are read as a word
            for seg in _IDEOGRAPHS.finditer(ga):
                named = _NAMED_BEFORE.search(ga, 0, seg.start()) is not None or \
                    _NAMED_AFTER.match(ga, seg.end()) is not None
                honorific = next((h for h in _HONORIFICS if ga.startswith(h, seg.end())), "")
                n = min(_cjk_name(seg.group() + honorific, first, last, named=named),
                        len(seg.group()))
                if n:
                    out.append((a.start() + seg.start(), a.start() + seg.start() + n))
        i += 1
    return out


_KANA = re.compile("[\u3041-\u3096]")
_IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+")
_IDEOGRAPHS_AT_END = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+$")
#: Japanese words right before or after a name that say it is one ("名前は", "私は" before;
#: "と申します", "といいます" after)
_NAMED_BEFORE = re.compile("(?:名前|なまえ|私|わたし|僕|ぼく|氏名)は$")
_NAMED_AFTER = re.compile("と(?:申します|もうします|言います|いいます)")


#: Japanese era names, which read as a surname and a given name ("平" + "成"): "平成4年"
_ERAS = frozenset({"明治", "大正", "昭和", "平成", "令和"})


def _cjk_name(word: str, first: frozenset[str], last: frozenset[str], *,
              named: bool = False) -> int:
    """How many characters at the start of ``word`` are a name (0: none); ``named``: a word
    the text says is a name, whose known surname may come with a given name no list holds."""
    if word[:2] in _ERAS:
        return 0
    # the honorific off first: "田中さん" is 田中, not a surname and a two-character name
    for stem in (*(word[:-len(h)] for h in _HONORIFICS if word.endswith(h)), word):
        honoured = len(stem) < len(word)
        if not (2 <= len(stem) <= 4 or honoured and stem):
            continue
        for k in (1, 2):
            head, rest = stem[:k], stem[k:]
            # (a known surname and any character or two is a word as often: 马拉松, 支付宝)
            if head in last and (rest in first or (honoured or named) and len(rest) <= 2):
                return len(stem)
    return 0


# --- Names after an introduction ("my name is ...", "I am called ...") in the script's own
# words: the text says what follows is a name, so its words need no list (a given name or a
# surname Faker does not hold: "मेरा नाम प्रियंका रघुवंशी है", "ผมชื่อ สมชาย วงศ์สวัสดิ์"). Where the
# name ends is what keeps the sentence after it in the clear: at most a few words of the
# script, separated by spaces only (a comma, a stop or a line ends it), before any word that
# ends it (a verb: Hindi's "है", a particle: Thai's "ครับ", the next clause: Arabic's "رقم"),
# capitalised where the script has capitals.


class _Introduction(NamedTuple):
    cue: re.Pattern[str]  # the name starts where this ends (after spaces)
    words: int  # the name's words, at most
    ends: frozenset[str]  # words after the name, never in it
    suffixes: tuple[str, ...] = ()  # what may be written against the name's last word


_SP = r"[ \t]+"
_INTRODUCTIONS: dict[str, _Introduction] = {
    "cyrillic": _Introduction(re.compile(
        rf"(?<!\w)(?i:меня{_SP}зовут|мо[её]{_SP}имя|моя{_SP}фамилия|"
        rf"мене{_SP}звати|мо[єе]{_SP}ім'?я)(?:{_SP}[-—–])?(?!\w)"), 3, frozenset()),
    "greek": _Introduction(re.compile(
        rf"(?<!\w)(?i:με{_SP}λένε|με{_SP}λεν|ονομάζομαι|λέγομαι|"
        rf"το{_SP}όνομ[άα]{_SP}μου{_SP}είναι)(?!\w)"), 3, frozenset()),
    "hebrew": _Introduction(re.compile(
        rf"(?<![\u05d0-\u05ea])(?:שמי|קוראים{_SP}לי|השם{_SP}שלי(?:{_SP}הוא)?)"
        r"(?![\u05d0-\u05ea])"), 3,
        frozenset({"ואני", "אני", "גר", "גרה", "בן", "בת", "מספר", "טלפון", "כתובת", "ו",
                   "ומספר", "והטלפון", "מ", "עובד", "עובדת"})),
    "arabic": _Introduction(re.compile(
        rf"(?<![\u0620-\u064a])(?:أنا{_SP})?(?:اسمي|إسمي)(?:{_SP}هو)?(?![\u0620-\u064a])"), 4,
        frozenset({"و", "رقم", "من", "في", "أنا", "انا", "عمري", "وعمري", "وأنا", "وانا",
                   "هو", "هي", "أعمل", "وأعمل", "أسكن", "وأسكن", "عنواني", "وعنواني"})),
    "devanagari": _Introduction(re.compile(
        r"(?<![\u0900-\u097f])मेरा[ \t]+(?:पूरा[ \t]+|शुभ[ \t]+)?नाम(?![\u0900-\u097f])"), 3,
        frozenset({"है", "हैं", "हूँ", "हूं", "और", "था", "थी", "का", "की", "के", "से", "में",
                   "तथा", "एवं"}), ("।", "॥")),  # (the danda, a stop, is of the block)
    "bengali": _Introduction(re.compile(
        r"(?<![\u0980-\u09ff])আমার[ \t]+নাম(?![\u0980-\u09ff])"), 3,
        frozenset({"এবং", "আমি", "আর", "ও"})),
    # (Thai writes no space between words: the cue may be glued to the name, "ผมชื่อสมชาย")
    "thai": _Introduction(re.compile(
        "(?:ผม|ฉัน|ดิฉัน|หนู|เรา|กระผม)ชื่อ(?:ว่า)?|ชื่อของ(?:ผม|ฉัน|ดิฉัน)(?:คือ)?"), 2,
        frozenset({"ครับ", "ค่ะ", "คะ", "นะ", "นะครับ", "นะคะ", "จ้ะ", "และ", "อายุ", "เป็น",
                   "อยู่", "ที่อยู่", "โทร", "เลข", "จาก", "เลขประจำตัวประชาชน", "บ้าน"}),
        ("นะครับ", "นะคะ", "ครับ", "ค่ะ", "คะ", "จ้ะ", "นะ")),
    "ethiopic": _Introduction(re.compile("(?<![\u1200-\u135a])ስሜ(?![\u1200-\u135a])"), 3,
                              frozenset({"ነው", "ነኝ", "እባላለሁ", "እና"})),
}
#: Chinese introductions ("我叫", "我的名字是", "本人"); "我是" and "本人" say "I am" of a role
#: as often ("我是程序员"), so the name after them must end as a name ends (see _chinese_named)
_ZH_CUE = re.compile("我叫|我的名字(?:是|叫)?|名叫|叫做|我姓|我是|本人|姓名[:：]?")
_ZH_AMBIGUOUS = frozenset({"我是", "本人", "我姓"})
#: the last characters of a role or a people ("程序员", "工程师", "中国人"), seldom of a name
_ZH_NOUN_ENDS = frozenset("员师生人长家者工手士官主族迷粉党友方的了们学")
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: a form's name field, the name in Latin letters after it ("氏名：ＴＨＥＯ　ＢＬＡＣＫ", which the
#: view reads as Latin letters): up to three words, then the line's or the field's end
_NAME_FIELD = re.compile(
    r"(?:氏名|姓名|お名前|名前)(?:[(（][^)）\n]{1,8}[)）])?[ \t\u3000]*[:：][ \t\u3000]*"
    r"(?P<n>[A-Za-z][A-Za-z'’.-]*(?:[ \t\u3000]+[A-Za-z][A-Za-z'’.-]*){0,2})"
    r"(?=[ \t\u3000]*(?:[\n,;，、。/|]|$))")


#: a form's name field ("שם המטופל:", "الاسم:", "ФИО:", "ชื่อผู้ป่วย:", "नाम:") and the titles
#: written before a name ("السيدة", "آقای", "श्रीमती"), in the script's own words: what follows
#: is read as after an introduction (the script's own end words and capitals)
_FIELDS: dict[str, re.Pattern[str]] = {
    "cyrillic": re.compile(
        r"(?<!\w)(?:ФИО|Ф\.[ \t]?И\.[ \t]?О\.|Имя|Фамилия|Пациент(?:ка)?|Клиент|Заявитель|"
        r"Получатель|Отправитель|Плательщик|Ім'я|Прізвище|Пацієнт(?:ка)?|Клієнт|Заявник|"
        r"Отримувач|Име|Презиме|"
        # the witnesses, victims and accused of a court's or an investigator's record (a
        # civil suit's parties may be firms: "Ответчик: ООО ...")
        r"Свидетель|Свидетельница|Потерпевш(?:ий|ая)|Подсудим(?:ый|ая)|Обвиняем(?:ый|ая)|"
        r"Свідок|Потерпіл(?:ий|а))[ \t]*:"),
    "greek": re.compile(r"(?<!\w)(?:Ονοματεπώνυμο|Όνομα|Επώνυμο|Ασθενής|Πελάτης)[ \t]*:"),
    "hebrew": re.compile(
        r"(?<![\u05d0-\u05ea])שם(?:[ \t]+(?:המטופל|המטופלת|החולה|הלקוח|הלקוחה|מלא|פרטי|"
        r"משפחה|המבקש|המבקשת))?[ \t]*:"),
    "arabic": re.compile(
        r"(?<![\u0620-\u064a\u067e-\u06cc])(?:(?:ال)?اسم(?:[ \t]+(?:المريض|المريضة|العميل|"
        r"العميلة|الكامل|المستفيد|مقدم[ \t]+الطلب|المشترك|المشتركة|الموظف|الموظفة|الطالب|"
        r"الطالبة))?[ \t]*:|نام(?:[ \t]+و[ \t]+نام[ \t]+"
        r"خانوادگی)?[ \t]*:|نام[ \t]+بیمار[ \t]*:|(?:السيد|السيدة|الدكتور|الدكتورة|الأستاذ|"
        r"الأستاذة|آقای|خانم|دکتر)(?![\u0620-\u064a\u067e-\u06cc]))"),
    "devanagari": re.compile(
        r"(?<![\u0900-\u097f])(?:(?:रोगी[ \t]+का[ \t]+)?नाम[ \t]*:|(?:श्रीमती|श्री|सुश्री|डॉ\.?)"
        r"(?![\u0900-\u097f]))"),
    "bengali": re.compile(r"(?<![\u0980-\u09ff])(?:রোগীর[ \t]+)?নাম[ \t]*:"),
    # (a title is glued to the name in Thai, "นางสาวสุภาพร": only after the field's label)
    "thai": re.compile(r"ชื่อ(?:-?นามสกุล|ผู้ป่วย|ลูกค้า|ผู้ขอ)?[ \t]*:[ \t]*(?:นางสาว|นาง|นาย)?"),
    "ethiopic": re.compile(r"(?<![\u1200-\u135a])(?:ሙሉ[ \t]+)?ስም[ \t]*:"),
}


def _introduced(text: str, script: str) -> list[tuple[int, int]]:
    """Names after an introduction in ``script``'s own words (see above), or after a form's
    name field or a title."""
    if script == "cjk":
        return _chinese_named(text) + [m.span("n") for m in _NAME_FIELD.finditer(text)]
    intro = _INTRODUCTIONS.get(script)
    if intro is None:
        return []
    out: list[tuple[int, int]] = []
    fields = _FIELDS.get(script)
    cues = [(c, False) for c in intro.cue.finditer(text)] + \
        [(c, True) for c in (fields.finditer(text) if fields else ())]
    for cue, field in cues:
        span = _name_after(text, _past_spaces(text, cue.end()), script, intro, field=field)
        if span is not None:
            out.append(span)
    return out


def _past_spaces(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is no space or tab."""
    while text[pos:pos + 1] in (" ", "\t"):
        pos += 1
    return pos


def _name_after(text: str, start: int, script: str, intro: _Introduction, *,
                field: bool = False) -> tuple[int, int] | None:
    """The name's span from ``start``: its words up to the bound, an end word, or anything
    but a space between two words. ``field``: after a form's name field or a title, where a
    name may open with a particle ("اسم المريض: عبد الرحمن الشمري")."""
    rx, cased = _WORDS[script], _SCRIPTS[script].cased
    pos, end = start, -1
    for n in range(intro.words):
        if n and text[pos:pos + 1] not in (" ", "\t"):
            break
        w = rx.match(text, _past_spaces(text, pos))
        if w is None:
            break
        word = w.group()
        stem = next((word[:-len(x)] for x in intro.suffixes if word.endswith(x)), word)
        if not stem or stem in intro.ends or cased and not stem[0].isupper() \
                or n == 0 and not field and _key(stem) in _PARTICLES:
            break
        end, pos = w.start() + len(stem), w.end()
        if stem != word:
            break  # a particle against the word: the name ends there
    return None if end < 0 else (start, end)


def _chinese_named(text: str) -> list[tuple[int, int]]:
    """A Chinese name after "我叫" and the like: the ideographs after the cue up to the next
    other character, two to four of them, a known surname (one or two) first; after "我是"
    or "本人" three (or four with a two-character surname) not ending as a role does, or a
    surname and a given name the lists know."""
    first, last = _names("cjk")
    out: list[tuple[int, int]] = []
    for cue in _ZH_CUE.finditer(text):
        run = _HAN_RUN.match(text, cue.end())
        if run is None:
            continue
        name = run.group()
        if not 2 <= len(name) <= 4 or name[:2] in _ERAS:
            continue
        k = 2 if name[:2] in last else 1 if name[:1] in last else 0
        if not k or k == 2 and len(name) == 2:
            continue
        if cue.group() in _ZH_AMBIGUOUS and name[k:] not in first and (
                len(name) != k + 2 or name[-1] in _ZH_NOUN_ENDS):
            continue
        out.append(run.span())
    return out


SCRIPT_NAMES = ScriptNamesRecognizer()
