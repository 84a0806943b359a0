"""Postcodes standing alone (LOCATION): a postcode narrows a person down to a street or a block.

A full address keeps its postcode inside its span (:mod:`veil.detect.address`); these are the
postcodes written without a street:

* British (``SW1A 1AA``): a real postcode area, the outward code, a space, the inward code
  (a digit and two letters that exclude C, I, K, M, O and V). Distinctive with the space.
* Canadian (``K1A 0B1``): letter, digit, letter, space, digit, letter, digit, from the letters
  Canada Post uses; in lower case after its province's code (``montreal qc h2j 2k1``).
* Irish Eircodes (``D02 X285``): a routing key and four of Eircode's letters and digits.
* A US ``City, ST 12345``: a real state code after a comma, the city (up to three capitalised
  words) in the span; without the comma (``Bellevue WA 98004``) when the code is no English
  word or common abbreviation (not ``IN``, ``OR``, ``ID``, ``MD``...) or the ZIP has its four.
* Any other (US ZIP and ZIP+4, the five-digit codes of Germany, France, Spain, Italy and
  Mexico, the four-digit ones, ``00-950``, ``1000-001``, ``113 51``, ``100-0001``): only right
  after a word that names it (``ZIP``, ``postal code``, ``PLZ``, ``code postal``, ``CP``,
  ``CAP``), because a bare number of five digits is anything. The word stays in the clear.

Standalone British and Canadian codes need the space: ``SW1A1AA`` or ``K1A0B1`` alone could be
a part number; after a naming word they need none.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.recognizer import Recognizer

_UK_AREA_NAMES = """
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
    E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
    LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL
    SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
"""
#: the postcode areas of the United Kingdom, the Channel Islands and the Isle of Man
UK_AREAS = frozenset(_UK_AREA_NAMES.split())
_AREA = "(?:" + "|".join(sorted(UK_AREAS, key=lambda a: (-len(a), a))) + ")"
# outward code: area, district (a digit, then a digit or one of the letters districts use)
_UK_OUTWARD = rf"{_AREA}\d(?:\d|[A-HJKMNPR-Y])?"
_UK_INWARD = r"\d[ABD-HJLNP-UW-Z]{2}"  # no C, I, K, M, O or V
# Canada: no D, F, I, O, Q or U anywhere; no W or Z first
_CA_FIRST = "[ABCEGHJ-NPRSTVXY]"
_CA_NEXT = "[ABCEGHJ-NPRSTV-Z]"
_CA = rf"{_CA_FIRST}\d{_CA_NEXT}[ \t]?\d{_CA_NEXT}\d"
#: Canada's provinces and territories, as addresses abbreviate them
_PROVINCES = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
#: Ireland's Eircode routing keys (the 139 of An Post's list) and the characters of a unique
#: identifier
_EIR_KEY_NAMES = """
    A41 A42 A45 A63 A67 A75 A81 A82 A83 A84 A85 A86 A91 A92 A94 A96 A98 C15 D01 D02 D03 D04
    D05 D06 D07 D08 D09 D10 D11 D12 D13 D14 D15 D16 D17 D18 D20 D22 D24 D6W E21 E25 E32 E34
    E41 E45 E53 E91 F12 F23 F26 F28 F31 F35 F42 F45 F52 F56 F91 F92 F93 F94 H12 H14 H16 H18
    H23 H53 H54 H62 H65 H71 H91 K32 K34 K36 K45 K56 K67 K78 N37 N39 N41 N91 P12 P14 P17 P24
    P25 P31 P32 P36 P43 P47 P51 P56 P61 P67 P72 P75 P81 P85 R14 R21 R32 R35 R42 R45 R51 R56
    R93 R95 T12 T23 T34 T45 T56 V14 V15 V23 V31 V35 V42 V92 V93 V94 V95 W12 W23 W34 W91 X35
    X42 X91 Y14 Y21 Y25 Y34 Y35
"""
_EIR_KEYS = "|".join(_EIR_KEY_NAMES.split())
_EIR_CHARS = "ACDEFHKNPRTVWXY"
_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
           "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP")
_STATE = "(?:" + "|".join(_STATES.split()) + ")"
_ZIP = r"\d{5}(?:-\d{4})?"
#: the states' names written out (a ZIP after one is a ZIP: "Oregon 97035")
_STATE_NAMES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|"
                r"Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|"
                r"Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|"
                r"Nebraska|Nevada|New[ \t]Hampshire|New[ \t]Jersey|New[ \t]Mexico|New[ \t]York|"
                r"North[ \t]Carolina|North[ \t]Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
                r"Rhode[ \t]Island|South[ \t]Carolina|South[ \t]Dakota|Tennessee|Texas|Utah|"
                r"Vermont|Virginia|Washington|West[ \t]Virginia|Wisconsin|Wyoming|"
                r"District[ \t]of[ \t]Columbia|Puerto[ \t]Rico")
#: Australia's states and the ranges of their postcodes
_AU_RANGES = (("NSW", r"[12]\d{3}"), ("VIC", r"[38]\d{3}"), ("QLD", r"[49]\d{3}"),
              ("SA", r"5\d{3}"), ("WA", r"6\d{3}"), ("TAS", r"7\d{3}"), ("NT", r"0[89]\d{2}"),
              ("ACT", r"(?:02|26|29)\d{2}"))
_AU_POSTCODES = "|".join(rf"{state},?[ \t]+{code}" for state, code in _AU_RANGES)
_AU_LOWER_POSTCODES = "|".join(rf"{state.lower()},?[ \t]+{code}" for state, code in _AU_RANGES
                               if state in ("NSW", "VIC", "QLD", "TAS"))
# The state codes that are no English word or common abbreviation ("IN", "OR", "ME", "ID", "MD",
# "CT", "VA"...): a city, one of these and a ZIP need no comma ("Bellevue WA 98004"), where
# "Order ID 12345" is no place. With ZIP+4 every state counts.
_PLAIN_STATES = ("AZ AR CA FL IA KS KY MI MN MT NV NH NJ NM NY NC ND OH RI SD TN TX UT VT WA WV WI "
                 "WY")
_PLAIN_STATE = "(?:" + "|".join(_PLAIN_STATES.split()) + ")"
_ALONE = r"(?![A-Za-z0-9])"
_CITY_WORD = r"[A-Z][\w'’.-]*"

# The words that name a postcode, and what may stand between the word and the code. The
# abbreviations count in upper case only ("cap", "cp" are words and a shell command), and only
# before their country's shape ("CAP 2024" is a policy, Italian codes have five digits).
_NAMED_BY = (r"(?i:zip(?:[ _-]?code)?|post(?:al)?[ _-]?code|postleitzahl|plz|"
             r"code[ _-]postal|c[oóÓ]digo[ _-]postal|cod(?:\.[ \t]?|[ \t])postal|"
             r"codice[ _-]postale|postnummer|postnr\.?|kod[ _-]pocztowy|eircode|〒|"
             # the word in other scripts: Chinese, Japanese, Korean, Russian, Greek, Hebrew,
             # Arabic, Hindi, Thai ("，邮编200030", "Τ.Κ. 114 73", "الرمز البريدي 12345")
             r"邮编|郵編|邮政编码|郵政編碼|郵遞區號|郵便番号|우편번호|почтовый[ \t]индекс|"
             r"ταχυδρομικός[ \t]κώδικας|τ\.κ\.|מיקוד|الرمز[ \t]البريدي|رمز[ \t]بريدي|"
             r"पिन[ \t]?कोड|รหัสไปรษณีย์)")
_ABBREVIATED = {r"CAP|C\.A\.P\.": r"[0-9]{5}", r"CP|C\.P\.": r"[0-9]{4,5}",
                "CEP": r"[0-9]{5}-[0-9]{3}"}
_NAMED_BY_MARK = (r"zip|post|plz|code[ _-]postal|c[oó]digo|cod\.|cod[ \t]|codice|kod[ _-]pocz|"
                  r"eircode|〒|"
                  r"cap|c\.a\.p|cep|cp|c\.p|"
                  r"邮编|郵編|邮政编码|郵政編碼|郵遞區號|郵便番号|우편번호|почтовый|ταχυδρομικός|τ\.κ\.|"
                  r"מיקוד|الرمز|رمز|पिन|รหัสไปรษณีย์")
_THEN = (r"(?:[ \t]*/[ \t]*[^\W\d_]{1,12})?[\"']?[ \t]*(?:(?i:is)[ \t]+)?(?:[:=#-][ \t]*)?"
         r"[\"']?")  # "PLZ/Ort: ", "zip code is ", "\"zip\": \""
# the longer shapes first: "1012 AB" is not "1012"
_ANY_CODE = (rf"[0-9]{{5}}-[0-9]{{3,4}}|[0-9]{{4}}[ \t]?[A-Z]{{2}}(?![A-Za-z])|"
             rf"[0-9]{{4}}-[0-9]{{3}}|[0-9]{{3}}-[0-9]{{4}}|[0-9]{{3}}[ \t][0-9]{{2,3}}|"
             rf"[0-9]{{2}}-[0-9]{{3}}|[0-9]{{4,6}}"
             # (the lookahead first: the area alternation, tried on every word after "zip",
             # was most of the scan's time)
             rf"|(?=[A-Za-z]{{1,2}}[0-9])(?i:{_UK_OUTWARD}[ \t]?{_UK_INWARD}|{_CA})"
             rf"|(?i:(?:{_EIR_KEYS})[ \t]?[0-9{_EIR_CHARS}]{{4}})")

POSTCODE_PATTERNS = [
    # SW1A 1AA / LS6 2QA / M1 1AE, and K1A 0B1 (one scan of the digit runs for both)
    Pattern(rf"(?<![A-Za-z0-9])(?:{_UK_OUTWARD}[ \t]{_UK_INWARD}"
            rf"|{_CA_FIRST}\d{_CA_NEXT}[ \t]\d{_CA_NEXT}\d){_ALONE}", 0.85, re.ASCII, lead=2,
            spaced=False,
            anchor=rf"\d[\dA-Z]?[ \t]\d(?:[ABD-HJLNP-UW-Z]{{2}}|{_CA_NEXT}\d){_ALONE}"),
    # montreal qc h2j 2k1 / Toronto, ON m5v 3l9: a Canadian code in any case after its
    # province's code (chat writes both in lower case; in capitals the pattern above has it)
    Pattern(rf"(?<![\w'’.-])(?!on[ \t])(?i:{_PROVINCES}),?[ \t]+(?P<v>(?i:{_CA}))(?![\w-])", 0.85,
            re.ASCII, mark=rf"(?:{_PROVINCES.lower()}),?[ \t]+[a-z]\d", fold=True, lead=0),
    # D02 X285 / R95 X2C3: an Irish Eircode, its routing key and a unique identifier of four
    # from Eircode's letters and digits, a letter among them; a key of the closed list with
    # the space or without, any key of Eircode's shape (generators draw them: "H79 AP0C")
    # with the space and a letter and a digit in the identifier
    Pattern(rf"(?<![A-Za-z0-9])(?:(?:{_EIR_KEYS})[ \t]?(?=[0-9]{{0,3}}[{_EIR_CHARS}])"
            rf"|[{_EIR_CHARS}][0-9]{{2}}[ \t](?=[{_EIR_CHARS}]{{0,3}}[0-9])"
            rf"(?=[0-9]{{0,3}}[{_EIR_CHARS}]))"
            rf"[0-9{_EIR_CHARS}]{{4}}(?![A-Za-z0-9])", 0.85, re.ASCII, lead=1,
            anchor=rf"\d[0-9W][ \t]?[0-9{_EIR_CHARS}]{{4}}(?![A-Za-z0-9])", spaced=False),
    # Oregon 97035-4421 / New York, 10001: a ZIP after its state's name written out
    Pattern(rf"(?<![\w'’.-])(?:{_STATE_NAMES}),?[ \t]+(?P<v>{_ZIP})(?![\w-]|[.,]\d)", 0.85,
            mark=rf"(?:{_STATE_NAMES.lower()}),?[ \t]+\d{{5}}", fold=True, words=2),
    # Sydney NSW 2000 / Fitzroy VIC 3065 / sydney nsw 2000: an Australian postcode and its
    # state, the code in the state's range (in lower case only the states that are no word:
    # "sa", "wa", "act" are)
    Pattern(rf"(?<![\w'’.-])(?:{_AU_POSTCODES}|(?i:{_AU_LOWER_POSTCODES}))(?![\w-]|[.,]\d)",
            0.85, mark=r"(?:nsw|vic|qld|tas|sa|wa|nt|act),?[ \t]+\d{4}", fold=True, lead=0),
    # Springfield, IL 62704 / Salt Lake City, UT 84101-1234
    Pattern(rf"(?<![\w'’.-]){_CITY_WORD}(?:[ \t]+{_CITY_WORD}){{0,2}},[ \t]*{_STATE}[ \t]+{_ZIP}"
            r"(?![\w-]|[.,]\d)", 0.85, mark=rf",[ \t]*{_STATE}[ \t]+{_ZIP}", words=2),
    # Bellevue WA 98004 / Austin TX 78701-1234 (no comma)
    Pattern(rf"(?<![\w'’.-]){_CITY_WORD}(?:[ \t]+{_CITY_WORD}){{0,2}}[ \t]+"
            rf"(?:{_PLAIN_STATE}[ \t]+{_ZIP}|{_STATE}[ \t]+\d{{5}}-\d{{4}})"
            r"(?![\w-]|[.,]\d)", 0.85, mark=rf"[ \t](?:{_STATE})[ \t]+\d{{5}}", words=3),
    # ZIP 90210 / postal code: K1A0B1 / PLZ 10115 / CP 28013 / "zip": "90210-1234"
    Pattern(rf"(?<![\w.])(?:{_NAMED_BY}{_THEN}"
            + "".join(rf"|(?:{word}){_THEN}(?={shape}(?![\w-]))"
                      for word, shape in _ABBREVIATED.items())
            # (0.96: the word says what the number is, above any phone reading, 0.95 at most)
            + rf")(?P<v>{_ANY_CODE})(?![\w-]|[.,:/][0-9])", 0.96,
            mark=_NAMED_BY_MARK, lead=0, fold=True),
    # "I live in 90210", "we moved to 10001-2345": five digits after a verb of living, where a
    # year or a count has four or fewer ("lived in 1998", "moved to 3 cities")
    Pattern(r"(?<![\w'’])(?i:live|lives|living|lived|reside|resides|residing|moved|moving|"
            r"relocated|relocating|based|located|staying)[ \t]+(?i:in|to|at|near)[ \t]+"
            r"(?:(?i:zip(?:[ \t]?code)?)[ \t]+)?(?P<v>[0-9]{5}(?:-[0-9]{4})?)(?![\w-]|[.,:/][0-9])",
            0.9, mark=r"live|reside|moved|moving|relocat|based|located|staying", lead=0,
            fold=True),
]

POSTCODES = PatternRecognizer(
    name="postcode", entity="LOCATION", patterns=POSTCODE_PATTERNS,
    validated=True,  # the areas, letters, state codes and naming words are the validation
    context=("address", "postcode", "post code", "postal", "zip", "ship", "deliver", "mail",
             "send"),
    context_boost=0.05,
)


# An address's last part: its postcode and city after a comma, in either order ("..., Mumbai
# 400069", "Postfach 12 34, 80331 München", "Apartado 25, 1000-001 Lisboa"), in a line whose
# earlier part holds a number (a flat's, a box's, a house's): without it ", Version 20045" would
# be a place. Five or six digits, or a hyphenated or spaced shape, or four digits that are no
# year of this century or the last.
_LAST_SHAPE = (r"[0-9]{5}-[0-9]{3}|[0-9]{4}-[0-9]{3}|[0-9]{2}-[0-9]{3}|[0-9]{3}[ \t][0-9]{2}"
               # the Netherlands' four digits and two letters ("3511 NK Utrecht"; not an era:
               # "2000 BC")
               r"(?![0-9])|[0-9]{5,6}|[1-9][0-9]{3}[ \t]?(?!SA|SD|SS|BC|CE)[A-Z]{2}(?![\w-])"
               # Argentina's province letter, four digits and three letters ("C1043AAZ"), and
               # four digits that are no year of 1900-2099 ("Quezon City 1100", "1010 Wien")
               # (not a tariff's or a version's "0901.21")
               r"|[A-HJ-NP-Z][0-9]{4}[A-Z]{3}(?![\w-])|(?!19|20)[0-9]{4}(?![\w-]|[.,][0-9])")
# (a particle between its words: "03940 Ciudad de Mexico")
_PLACE = (r"[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[-'’][^\W\d_]+)?"
          r"(?:[ \t]+(?:(?:de|del|da|do|la|el)[ \t]+)?[A-ZÀ-ÖØ-Þ][^\W\d_]+){0,2}")
# (India writes a dash between the city and its six-digit PIN: "Hyderabad - 500034")
_LAST_PART = re.compile(rf",[ \t]*(?P<v>(?:{_LAST_SHAPE})[ \t]+{_PLACE}|{_PLACE}[ \t]+"
                        rf"(?:{_LAST_SHAPE})|{_PLACE}[ \t]*[-–][ \t]*[1-9][0-9]{{5}})"
                        r"(?=[ \t]*(?:[,.;)\r\n]|$))")
#: words before a number that make it no postcode ("Order 123456", "Version 20045")
_NOT_A_PLACE = frozenset({"version", "build", "release", "room", "order", "invoice", "ticket",
                          "case", "item", "model", "page", "ref", "reference", "account",
                          "phone", "tel", "fax", "id", "no", "number", "code", "total",
                          "amount", "balance", "step", "line", "chapter", "section", "table",
                          "figure", "patient", "claim", "policy", "member", "serial", "part",
                          # a document's numbered kind ("Form W-2, Form 1040", "Schedule 1040")
                          "form", "schedule", "exhibit", "appendix", "annex", "article",
                          "clause", "rule", "class", "grade", "level", "issue", "edition",
                          "volume"})
#: how far back in its line an address's number is looked for
_LINE_REACH = 200


class AddressLastPart(Recognizer):
    """LOCATION: a postcode and its city as an address's last part (see above)."""

    name = "address_last_part"
    entities = ("LOCATION",)
    validated = True  # the comma, the shapes and the number before are the validation

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if "," not in text:
            return out
        for m in _LAST_PART.finditer(text):
            s, e = m.span("v")
            words = {w.casefold() for w in re.findall(r"[^\W\d_]+", m.group("v"))}
            if words & _NOT_A_PLACE:
                continue
            lo = max(text.rfind("\n", max(0, m.start() - _LINE_REACH), m.start()) + 1,
                     m.start() - _LINE_REACH)
            if not any(c.isdigit() for c in text[lo:m.start()]):
                continue  # no number earlier in the address: a list's "Berlin 12345"
            out.append(Detection("LOCATION", s, e, 0.85, self.name, text[s:e]))
        return out


ADDRESS_LAST_PART = AddressLastPart()
