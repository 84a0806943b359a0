"""Street addresses written in their own script and words (LOCATION): the street lines that
:mod:`veil.detect.address` does not read, because their street word, their house number's word
or their order is another language's.

* Russian: a street word first, its name, the house (``д.``), building and flat (``кв.``):
  ``ул. Большая Пироговская, д. 27, кв. 14``
* Greek: ``Λεωφόρος Αλεξάνδρας 48``, ``οδός Ερμού 12``, maybe ``, 114 73 Αθήνα`` after it;
  and a Greek postcode before its town alone (``114 73 Αθήνα``: three digits, a space, two)
* Hebrew: ``רחוב הרצל 45 דירה 12``
* Arabic: ``شارع العليا ٤٢١٥`` (the view reads Arabic-Indic digits as digits), maybe the
  city and its five-digit postcode after a comma (``، الرياض ١٣٣٢٧``)
* Hindi: the house's number word (``मकान नं. 27``), then the sector or lane, the town and the
  six-digit PIN
* Thai: the house number, then the road, lane, district and province words
  (``99/123 ถนนสุขุมวิท ซอย 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110``)
* Chinese: a house number after a road's character, with Taiwan's section and lane and the
  floor (``一段390號3樓``), as a recognizer of its own that yields to the Chinese model's place
* Vietnamese: a house number and an alley (``số 27 ngõ 85 phố Hào Nam, quận Đống Đa``)

Every shape needs its street word and a house number, so prose does not match; each pattern is
tried only where its street word (or, for digit-led shapes, a digit run and the word after it)
is, and only on a text holding a letter of its script (:func:`veil.detect.scripts.scripts_in`).
Postcodes named by their word in these languages (``邮编``, ``Τ.Κ.``, ``الرمز البريدي``...)
are :mod:`veil.detect.postcodes`' business.
"""

from __future__ import annotations

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer
from veil.detect.scripts import scripts_in

_SP = r"[ \t]+"

# Russian (and Ukrainian): the street word, one to three words of its name (capitalised, or an
# ordinal: "1-я Тверская-Ямская"), the house, then its building and flat
_RU_STREET = (r"ул\.|улица|пр-т|просп\.|пр\.|проспект|пер\.|переулок|ш\.|шоссе|б-р|бульвар|наб\.|"
              r"набережная|пл\.|площадь|мкр\.|микрорайон|вул\.|вулиця")
_RU_NAME = r"(?:[А-ЯЁІЇЄ][\w'-]*|\d{1,2}-[яйе])(?:[ \t]+[А-ЯЁІЇЄ][\w'-]*){0,2}"
_RU_HOUSE = r"(?:(?i:д\.|дом)[ \t]*)?\d{1,4}[а-яА-Я]?(?:/\d{1,4})?(?![\w/])"
_RU_REST = (r"(?:,?[ \t]*(?i:корп\.|корпус|к\.|стр\.|строение)[ \t]*\d{1,4}[а-я]?)?"
            r"(?:,?[ \t]*(?i:кв\.|квартира|оф\.|офис)[ \t]*\d{1,5}(?![\w/]))?")

# Greek: the street word, its name, the number; the postcode and town after a comma
_EL_CAP = r"[Α-ΩΆΈΉΊΌΎΏ][\w]*"
_EL_STREET = r"οδός|οδ\.|λεωφόρος|λεωφ\.|πλατεία|πλ\."
_EL_POSTCODE = rf"[1-8]\d{{2}}[ \t]?\d{{2}}(?!\d)(?:[ \t]+{_EL_CAP}(?:[ \t]+{_EL_CAP})?)?"

# Hebrew and Arabic: a word of the script (no capitals to tell a name from prose: the number
# after it, within three words, is what says it is a street)
_HE_WORD = "[\u05d0-\u05ea][\u05d0-\u05ea'\u05f3\"\u05f4-]*"
_HE_STREET = "רחוב|רח['\u05f3]|שדרות|שד['\u05f3]|סמטת|כיכר"
_AR_WORD = "[\u0620-\u064a\u066e-\u06d3]+"
_AR_STREET = "شارع|طريق"
#: words a five-digit number follows that are no town: number, account, phone, mobile, year,
#: amount, riyal, code, order, invoice
_AR_NOT_PLACE = ("رقم|الرقم|حساب|الحساب|هاتف|الهاتف|جوال|الجوال|عام|سنة|مبلغ|المبلغ|بقيمة|"
                 "إجمالي|ريال|رمز|الرمز|طلب|فاتورة")

# Hindi: the house, its number's word, the number; the sector, lane or block; town and PIN
_HI_WORD = "[\u0900-\u0963\u0966-\u097f]+"  # (not the danda, a stop)
_HI_HOUSE = "मकान|फ्लैट|प्लॉट|घर|हाउस|म\\."
_HI_NUMBER_WORD = "(?:नं\\.?|नंबर|नम्बर|न\\.|संख्या|क्रमांक)"
_HI_PART = f"(?:सेक्टर|गली|ब्लॉक|वार्ड|फेज़|फेज)[ \\t]*(?:{_HI_NUMBER_WORD}[ \\t]*)?\\d{{1,4}}[A-Za-z]?"

# Thai: the address's words, each before its name or number ("ถนนสุขุมวิท", "ซอย 21")
_TH_LETTERS = "[\u0e01-\u0e3a\u0e40-\u0e4e]+"
_TH_WORD = ("ถนน|ถ\\.|ซอย|ซ\\.|แขวง|เขต|ตำบล|ต\\.|อำเภอ|อ\\.|จังหวัด|จ\\.|หมู่บ้าน|หมู่ที่|หมู่|ม\\.|"
            "อาคาร")
_TH_PART = f"(?:{_TH_WORD})[ \\t]*(?:{_TH_LETTERS}(?:[ \\t]*\\d{{1,4}}(?!\\d))?|\\d{{1,4}}(?!\\d))"

# Vietnamese: a house number, an alley and its branch, the street, the ward and district
_VI_CAP = r"[A-ZÀ-ÝĂÂĐÊÔƠƯẠ-Ỹ][\w]*"
_VI_ALLEY = r"ngõ|ngách|hẻm|kiệt"
_VI_AREA = r"phường|quận|huyện|xã|thị[ \t]xã|thành[ \t]phố|tp\."

#: each script's patterns: tried only on a text holding a letter of that script
SCRIPT_ADDRESS_PATTERNS: dict[str, list[Pattern]] = {"cyrillic": [
    # ул. Большая Пироговская, д. 27, кв. 14
    Pattern(rf"(?<!\w)(?i:{_RU_STREET})[ \t]*{_RU_NAME},?[ \t]*{_RU_HOUSE}{_RU_REST}", 0.85,
            mark=_RU_STREET, lead=0, fold=True),
], "greek": [
    # Λεωφόρος Αλεξάνδρας 48, 114 73 Αθήνα
    Pattern(rf"(?<!\w)(?i:{_EL_STREET}){_SP}{_EL_CAP}\.?(?:{_SP}{_EL_CAP}){{0,2}}{_SP}"
            rf"\d{{1,4}}[Α-Ωα-ω]?(?!\w)(?:,[ \t]*(?:(?i:τ\.?κ\.?)[ \t]*)?{_EL_POSTCODE})?", 0.85,
            mark=_EL_STREET, lead=0, fold=True),
    # 114 73 Αθήνα: a Greek postcode (first digit 1 to 8, the three and two apart) before its
    # town, a capitalised Greek word
    Pattern(rf"(?<![\w.,])[1-8]\d{{2}}[ \t]\d{{2}}[ \t]+{_EL_CAP}(?:[ \t]+{_EL_CAP})?", 0.8,
            lead=0, anchor=r"\d{3}[ \t]\d{2}[ \t]+[Α-ΩΆΈΉΊΌΎΏ]"),
], "hebrew": [
    # רחוב הרצל 45 דירה 12
    Pattern(f"(?<![\u05d0-\u05ea])(?:{_HE_STREET}){_SP}{_HE_WORD}(?:{_SP}{_HE_WORD}){{0,2}}{_SP}"
            r"\d{1,4}(?!\d)(?:,?[ \t]*(?:דירה|דיר['\u05f3]|קומה|כניסה)[ \t]*\d{1,4}(?!\d)){0,2}",
            0.85, mark=_HE_STREET, lead=0),
], "arabic": [
    # شارع العليا ٤٢١٥، الرياض ١٣٣٢٧
    Pattern(f"(?<![\u0620-\u064a])(?<!عن )(?:{_AR_STREET}){_SP}{_AR_WORD}"
            rf"(?:{_SP}{_AR_WORD}){{0,2}}{_SP}\d{{1,5}}(?!\d)"
            rf"(?:[ \t]*[،,][ \t]*{_AR_WORD}(?:{_SP}{_AR_WORD})?{_SP}\d{{5}}(?!\d))?",
            0.85, mark=_AR_STREET, lead=0),
    # حي النخيل، الرياض 13521 / إلى جدة 23442: a town and its five-digit postcode as an
    # address's last part, after a comma or a colon or "to" (إلى); not a number's own word
    # ("رقم 12345", "حساب", "هاتف", a year's "عام")
    Pattern(f"(?:(?<=[،,:][ \t])|(?<=إلى[ \t]))(?!(?:{_AR_NOT_PLACE})(?![\u0620-\u064a]))"
            rf"{_AR_WORD}(?:{_SP}{_AR_WORD})?{_SP}\d{{5}}(?![\d.,/-]\d|\d)"
            "(?![ \t]*(?:ريال|درهم|دينار|جنيه|دولار|ر\\.س))", 0.8,
            mark=r"[ \t]\d{5}", words=2),
], "bengali": [
    # মিরপুর, ঢাকা ১২১৬ / পোস্টকোড ১২১৬: a town and its four-digit postcode after a comma or a
    # colon (the view reads Bengali digits as digits), or a postcode after its word
    Pattern("(?<=[,:;])[ \t]?[\u0985-\u09b9][\u0980-\u09e3]*[ \t]+\\d{4}(?!\\d)"
            "|(?<![\u0980-\u09ff])(?:পোস্টকোড|পোস্ট[ \t]কোড|পোস্ট[ \t]অফিস)[ \t:-]*\\d{4}(?!\\d)",
            0.8, mark=r"\d{4}", words=3),
], "devanagari": [
    # मकान नं. 27, सेक्टर 15, नोएडा 201301
    Pattern(f"(?<![\u0900-\u097f])(?:{_HI_HOUSE})[ \\t]*{_HI_NUMBER_WORD}[ \\t]*[:-]?[ \\t]*"
            rf"\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?(?![\d/])(?:[ \t]*,[ \t]*{_HI_PART})*"
            rf"(?:[ \t]*,[ \t]*{_HI_WORD}(?:{_SP}{_HI_WORD})?{_SP}[1-9]\d{{5}}(?!\d))?",
            0.85, mark=_HI_HOUSE, lead=0),
], "thai": [
    # 99/123 ถนนสุขุมวิท ซอย 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110: the house number, then
    # one to eight of the address's words, then the province and postcode (the words say it
    # is an address: a number before "ถนน" alone is one too)
    Pattern(rf"(?<![\d/])\d{{1,5}}(?:/\d{{1,5}})?(?:[ \t]*{_TH_PART}){{1,8}}"
            rf"(?:[ \t]+(?:{_TH_LETTERS}[ \t]+)?[1-9]\d{{4}}(?!\d))?",
            0.85, lead=0, anchor=rf"\d{{1,5}}(?:/\d{{1,5}})?[ \t]*(?:{_TH_WORD})"),
], "vietnamese": [
    # số 27 ngõ 85 phố Hào Nam, quận Đống Đa
    Pattern(rf"(?<!\w)(?:(?i:số){_SP}\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?,?{_SP})?"
            rf"(?i:{_VI_ALLEY}){_SP}\d{{1,4}}(?:/\d{{1,4}})?(?!\w)"
            rf"(?:,?{_SP}(?i:ngách|hẻm){_SP}\d{{1,4}}(?!\w))?"
            rf"(?:,?{_SP}(?i:phố|đường){_SP}{_VI_CAP}(?:{_SP}{_VI_CAP}){{0,3}})?"
            rf"(?:,[ \t]*(?i:{_VI_AREA}){_SP}{_VI_CAP}(?:{_SP}{_VI_CAP}){{0,2}})*", 0.85,
            mark=rf"(?:số|{_VI_ALLEY})[ \t]", lead=0, fold=True),
]}


# 一段390號3樓 / 二段12巷5弄3號 / 398号5号楼1203室: a Chinese address's number, right after a
# road's character. Scored below the Chinese model's places and not validated: where the model
# holds the whole address ("上海市徐汇区漕溪北路398号..."), its span is kept, as a validated
# number inside it would displace it and send the road and district upstream; where the model
# misses the number (Taiwan's "復興南路一段390號3樓", in traditional characters), this is it.
CJK_ADDRESS_PATTERNS = [
    Pattern(r"(?<=[路街道巷弄段])(?:[一二三四五六七八九十]{1,3}段)?(?:\d{1,5}巷)?(?:\d{1,5}弄)?"
            r"\d{1,5}(?:之\d{1,3})?[號号](?:\d{1,3}[號号][樓楼])?"
            r"(?:\d{1,3}[樓楼层層Ff](?:之\d{1,3})?)?(?:\d{1,5}室)?",
            0.75, lead=4, spaced=False, anchor=r"\d{1,5}(?:之\d{1,3})?[巷弄號号]"),
]


class ScriptAddressRecognizer(Recognizer):
    """LOCATION: street lines in their own script (see above), each script's patterns tried
    only on a text holding a letter of it."""

    name = "script_address"
    entities = ("LOCATION",)
    validated = True  # the street word and the house number are the validation

    def __init__(self) -> None:
        self._parts = tuple(
            (script, PatternRecognizer(name=self.name, entity="LOCATION", patterns=patterns,
                                       validated=True))
            for script, patterns in SCRIPT_ADDRESS_PATTERNS.items())
        self._scripts = frozenset(SCRIPT_ADDRESS_PATTERNS)

    def idle(self, text: str) -> bool:
        return not scripts_in(text) & self._scripts

    def analyze(self, text: str) -> list[Detection]:
        present = scripts_in(text)
        out: list[Detection] = []
        for script, part in self._parts:
            if script in present:
                out += part.analyze(text)
        return out


def _cjk(text: str) -> bool:
    return "cjk" in scripts_in(text)


SCRIPT_ADDRESS = ScriptAddressRecognizer()
CJK_ADDRESS = PatternRecognizer(
    name="cjk_address", entity="LOCATION", patterns=CJK_ADDRESS_PATTERNS, prefilter=_cjk,
    validated=False,  # (see above: below the model's span, never inside it)
)
