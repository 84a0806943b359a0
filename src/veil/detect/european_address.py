"""Street addresses in the shapes of continental Europe and Turkey that the street patterns of
``veil.detect.address`` do not read (they went upstream whole in documents pasted from Spain,
Italy, Portugal, Brazil, Poland, Czechia, Germany, the Netherlands and Turkey):

* a street word first, then its name in any case and with elided particles, then the house
  number: ``Via dell'Indipendenza 12``, ``plaza mayor 3, 37002 salamanca``, ``corso vittorio
  emanuele II 45``, ``av. paulista 1578``, ``os. Tysiąclecia 45/12``, ``przy ulicy
  Piotrkowskiej 104 m. 7 w Łodzi (90-006)``, ``Str. Mihai Eminescu nr. 14``. A street word in
  lower case that is also a common word elsewhere (``via``, ``place``, ``route``) counts only
  with a postcode after the number or a word for living or an address before it;
* a Turkish street by its type word and ``No:``: ``Moda Cad. No: 18 D: 4, 34728
  Kadıköy/İstanbul``, ``Atatürk Bulvarı No: 125/3``; a postcode before ``District/City``;
* a street without a street word, confirmed by the postcode and town after it:
  ``Vinohradská 1234/56, 120 00 Praha 2``, ``Am Mühlbach 7, 82319 Starnberg``,
  ``Bryggen 7, 5003 Bergen`` (a town that is an English word, ``Windows 10, 2004 Edition``,
  is none);
* a German street whose name is hyphenated onto its street word: ``Gustav-Freytag-Str. 19``;
* a post-office box (``Postbus 1234``) and, apart, its postcode and town (``2500 BC Den Haag``).

Every pattern is tried only where its anchor is (a street word, a Turkish street word, a
comma before a postcode, a hyphen before a street word, a box's word); the repeats are bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from veil.detect.entity import Detection
from veil.detect.patterns import folded
from veil.detect.recognizer import Recognizer
from veil.detect.trade_words import in_citation

_SCORE = 0.88
_TOWN_SCORE = 0.7
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
#: a capitalised word (Latin letters of Europe, a dot or hyphen inside: "Cad.", "Gran-Vía")
_CAPW = rf"{_CAP}[^\W\d_]*(?:[.'’-][^\W\d_]+)*\.?"
#: a capitalised town's word (no dot: "Göteborg. Ring mig" ends at the town)
_CAPT = rf"{_CAP}[^\W\d_]*(?:['’-][^\W\d_]+)*"
#: a word in any case, an elided particle glued to it ("dell'Indipendenza", "d'Annunzio")
_ANYW = r"(?:(?i:d|l|dell|dall|nell|sull|all|degli)['’])?[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?"
_ROMAN = r"(?:[IVX]{1,4})"
_NUM = r"\d{1,5}[A-Za-z]?(?:[ \t]?[/-][ \t]?\d{1,4}[A-Za-z]?)?"
_NUM_MARK = r"(?:(?i:nr|n|no|nº|n\.º|numer|číslo|č)\.?[ \t]*:?[ \t]*)?"
#: a postcode in the shapes of Europe and Brazil: "120 00", "1015 CJ", "00-590", "1100-053",
#: "22240-003", "28014", "0184"
_CODE = (r"(?:\d{3}[ \t]\d{2}|\d{4}[ \t]?[A-Z]{2}|\d{2}-\d{3}|\d{4,5}-\d{3}|\d{4,6})"
         r"(?![\w-])")
#: a flat or floor after the number: "m. 7", "apto 402", "3º izq.", "B 7", "D: 4", "bl. A2"
_UNIT = (r"(?:,?[ \t]*(?:(?i:m|lok|apt|apto|ap|app|int|piso|bl|sc|et|d|daire|kat|top|suite|"
         r"apartment|flat|unit)\.?[ \t]*:?[ \t]*[A-Z]?\d{1,4}[A-Za-z]?"
         r"|\d{1,2}[º°ª]\.?(?:[ \t]?[A-Za-z]{1,4}\.?)?|[A-Z][ \t]\d{1,3})(?![\w])){0,3}")
#: a town after its postcode: one word in any case, two more capitalised ("Den Haag")
_TOWNW = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_TOWN = rf"{_TOWNW}(?:[ \t]+{_CAP}{_TOWNW}){{0,2}}"
#: after the number: a unit, then "w Łodzi", a postcode and its town, "(90-006)"
_TAIL = (rf"{_UNIT}(?:,?[ \t]+(?i:w|we|in|a|em|en|à)[ \t]+{_CAPT})?"
         rf"(?:,?[ \t]*(?:\({_CODE}\)|{_CODE}(?:[ \t]+{_TOWN})?))?")

# Street words written before the name. Those that are also common words elsewhere need a
# postcode or an address word when written in lower case (see ``_AMBIGUOUS``).
_FIRST_WORDS = (
    "calle", "c/", "avenida", "avda.", "avd.", "av.", "avenue", "plaza", "pza.", "paseo",
    "camino", "carretera", "ctra.", "ronda", "travesía", "glorieta", "carrer", "passeig",
    "rua", "r.", "travessa", "largo", "praça", "alameda", "estrada", "rodovia", "via",
    "viale", "v.le", "vicolo", "piazza", "p.zza", "piazzale", "corso", "c.so", "lungomare",
    "strada", "rue", "boulevard", "bd", "bd.", "allée", "impasse", "place", "quai", "chemin",
    "ul.", "ulica", "ulicy", "ulicę", "al.", "aleja", "alei", "os.", "osiedle", "osiedlu",
    "pl.", "plac", "placu", "str.", "bulevardul", "bdul.", "calea", "aleea", "piața",
    "șoseaua", "șos.", "splaiul", "intrarea", "náměstí", "nám.", "třída",
)
_AMBIGUOUS = frozenset({"via", "place", "largo", "al.", "pl.", "r.", "str.", "av.", "avenue",
                        "boulevard", "bd", "bd.", "quai", "chemin", "plaza", "alameda",
                        "strada", "corso", "calea"})
_FIRST = "|".join(sorted(map(re.escape, _FIRST_WORDS), key=len, reverse=True))
_STREET_FIRST = re.compile(
    rf"(?<![\w./])(?P<w>(?i:{_FIRST}))(?:(?<=[./])[ \t]*|[ \t]+)"
    rf"(?P<name>(?:{_ANYW}[ \t]+|{_ROMAN}[ \t]+){{0,3}}{_ANYW}(?:[ \t]+{_ROMAN})?),?[ \t]+"
    rf"{_NUM_MARK}{_NUM}(?![\w]|[.,]\d){_TAIL}")
#: where a street's first word may stand, found in the text lower-cased by one automaton pass
#: (a case-insensitive alternation tried at every position of the text cost ~130 us a ~1 KB
#: prompt, the same alternation in lower case ~60)
_FIRST_WORDS_AUTOMATON = AhoCorasick(sorted(set(_FIRST_WORDS)), matchkind=MATCHKIND_STANDARD)
_NOT_BEFORE_FIRST = re.compile(r"[\w./]")


def _street_first_matches(text: str) -> Iterator[re.Match[str]]:
    """:data:`_STREET_FIRST`'s matches in ``text``, as its ``finditer`` gives them, tried only
    where a street's first word stands."""
    low = folded(text)
    if low is None:  # (lower case changes the text's length: read it whole)
        yield from _STREET_FIRST.finditer(text)
        return
    pos = 0
    starts = sorted({s for _, s, _ in _FIRST_WORDS_AUTOMATON.find_matches_as_indexes(
        low, overlapping=True)})
    for start in starts:
        if start < pos or start and _NOT_BEFORE_FIRST.match(text, start - 1):
            continue
        m = _STREET_FIRST.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), m.start() + 1)


#: words for living somewhere or for an address, before a street in lower case
_CUES = re.compile(
    r"(?i:vivo|vive|viven|dirección|direccion|domicilio|domiciliad[oa]|abito|abita|indirizzo|"
    r"residente|residenza|moro|mora|endereço|endereco|morada|habite|habitons|adresse|address|"
    r"live|lives|wohne|wohnt|mieszkam|mieszka|adres|adresa|bydlím|bydliště|bytem|locuiesc|"
    r"domiciliu|bor|asun|woon|woont|sita|sito|situad[oa])\b")
_CUE_REACH = 40
#: a unit's word, never a street's name ("12 Liktou Str. Suite 099": the street word ends one)
_UNIT_WORDS = frozenset({"suite", "apt", "apartment", "flat", "unit", "room", "floor", "piso",
                         "apto", "app", "lok"})

# (the view the recognizers read spells a dotless "ı" as "i": "Bulvari")
_TR_TYPES = (r"(?:Caddesi|Cad\.|Cd\.|Sokak|Soka[ğg][ıi]|Sok\.|Sk\.|Bulvar[ıi]|Blv\.|Bulv\.|"
             r"Mahallesi|Mah\.|Mh\.|Meydan[ıi]|Yolu)")
_TR_STREET = re.compile(
    rf"(?<![\w])(?:{_CAPW}[ \t]+){{1,3}}{_TR_TYPES}(?:[ \t]*,?[ \t]*(?:No|Numara)[ \t]*[:.]?"
    rf"[ \t]*{_NUM})?{_UNIT}(?:,?[ \t]*\d{{5}}(?:[ \t]+{_CAPT}(?:[ \t]*/[ \t]*{_CAPT})?)?)?"
    r"(?![\w])")
_TR_MARK = re.compile(rf"[ \t]{_TR_TYPES}")
#: a Turkish postcode before its district and province: "34728 Kadıköy/İstanbul"
_TR_CODE = re.compile(rf"(?<![\w-])\d{{5}}[ \t]+{_CAPT}[ \t]*/[ \t]*{_CAPT}")
#: a district before its province without a postcode: "Suadiye, Kadıköy/İstanbul"
_TR_PROVINCES = (r"(?:İstanbul|Istanbul|Ankara|İzmir|Izmir|Bursa|Antalya|Adana|Konya|Gaziantep|"
                 r"Kocaeli|Mersin|Kayseri|Eskişehir|Samsun|Trabzon|Diyarbakır|Denizli|Muğla)")
_TR_DISTRICT = re.compile(rf"(?<![\w/]){_CAPT}[ \t]*/[ \t]*{_TR_PROVINCES}(?![\w])")
#: a label glued to a Turkish street's first word ("Adresim Atatürk Bulvarı")
_TR_LABELS = frozenset({"adres", "adresim", "adresi", "ikametgah", "ikamet", "kiralanan"})

#: a street without a street word: its name, number and unit, then ", postcode Town"
_CONFIRMED = re.compile(
    rf"(?:{_CAPW}[ \t]+){{0,2}}{_CAPW}[ \t]+{_NUM}{_UNIT},[ \t]*(?P<code>{_CODE})[ \t]+"
    rf"(?P<town>{_CAPT})(?:[ \t]*/[ \t]*{_CAPT}|[ \t]+(?:{_CAPT}|\d{{1,2}}(?![\w])))?")
_CONFIRMED_MARK = re.compile(rf"\d[A-Za-z]?,[ \t]*{_CODE}[ \t]+{_CAP}")
#: what a line's first words may be that are no street: a label or heading
_NOT_STREET = frozenset({"chapter", "section", "table", "figure", "page", "version", "step",
                         "part", "item", "windows", "iphone", "android", "tel", "tel.", "fax",
                         "room", "level", "year", "week", "day", "article", "art.", "nr.",
                         "no.", "no", "ref", "ref.", "invoice", "factura", "fattura", "rechnung",
                         # a post-office box's words (``_BOX`` reads the box apart)
                         "apartado", "apdo", "caixa", "casella", "postbus", "postfach",
                         "postboks", "postilokero", "skrytka", "boîte", "box"})

_HYPHEN_STREET = re.compile(
    rf"(?<![\w-]){_CAP}[^\W\d_]*(?:-[^\W\d_]+){{0,4}}-(?:Str\.|Straße|Strasse|Weg|Platz|Allee|"
    rf"Gasse|Ring|Damm|Ufer|Chaussee|Steig|Pfad|Promenade)[ \t]*{_NUM}(?![\w])")
_HYPHEN_MARK = re.compile(r"-(?:Str\.|Straße|Strasse|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer|"
                          r"Chaussee|Steig|Pfad|Promenade)[ \t]*\d")

_BOX = re.compile(
    rf"(?<![\w])(?:Postbus|Postfach|Postboks|Postilokero|Apartado(?:[ \t]+de[ \t]+[Cc]orreos)?|"
    rf"Apdo\.|Casella[ \t]+[Pp]ostale|Caixa[ \t]+[Pp]ostal|Skrytka[ \t]+[Pp]ocztowa|"
    rf"Boîte[ \t]+[Pp]ostale)[ \t]+\d{{1,6}}(?:[ \t]\d{{1,4}}(?![\w-]))?"
    rf"(?:,?[ \t]*(?P<town>{_CODE}(?:[ \t]+{_CAPT}){{0,3}}))?")
_BOX_MARK = re.compile(r"(?:Postbus|Postfach|Postboks|Postilokero|Apartado|Apdo\.|Casella|"
                       r"Caixa|Skrytka|Boîte)[ \t]")


def _dictionary_word(word: str) -> bool:
    from veil.detect.names import dictionary_word

    return bool(dictionary_word(word.lower()))


def _function_word(word: str) -> bool:
    from veil.detect.stopwords import stop_words

    return word.lower() in stop_words("en")


class EuropeanAddressRecognizer(Recognizer):
    name = "european_address"
    entities = ("LOCATION",)

    def idle(self, text: str) -> bool:
        return not any(map(str.isdigit, text))  # (in C: a generator cost ~9 us a prompt)

    def analyze(self, text: str) -> list[Detection]:
        spans: list[tuple[int, int]] = []
        towns: list[tuple[int, int]] = []
        for m in _street_first_matches(text):
            if self._street_first(text, m):
                spans.append(m.span())
        for mark in _TR_MARK.finditer(text):
            lo = max(text.rfind("\n", 0, mark.start()) + 1, mark.start() - 80)
            hit = _TR_STREET.search(text, lo, mark.end() + 120)
            if hit is not None and hit.start() <= mark.start():
                s, first = hit.start(), hit.group().split()[0]
                if first.lower() in _TR_LABELS:
                    s += len(first) + 1
                spans.append((s, hit.end()))
        if "/" in text:  # (both hold one: a text without is not read for them)
            spans.extend(m.span() for m in _TR_CODE.finditer(text))
            spans.extend(m.span() for m in _TR_DISTRICT.finditer(text))
        for mark in _CONFIRMED_MARK.finditer(text):
            lo = max(text.rfind("\n", 0, mark.start()) + 1, mark.start() - 80)
            for m in _CONFIRMED.finditer(text, lo, mark.end() + 80):
                if m.start() <= mark.start() < m.end() and self._confirmed(m):
                    spans.append(m.span())
                    break
        for mark in _HYPHEN_MARK.finditer(text):
            lo = max(text.rfind("\n", 0, mark.start()) + 1, mark.start() - 60)
            hit = _HYPHEN_STREET.search(text, lo, mark.end() + 12)
            if hit is not None:
                spans.append(hit.span())
        for mark in _BOX_MARK.finditer(text):
            hit = _BOX.match(text, mark.start())
            if hit is not None:
                # the box, and its postcode and town apart, scored under the postcode and
                # city that ``address_last_part`` finds where it reads them
                spans.append((hit.start(), hit.start("town") if hit.group("town") else hit.end()))
                if hit.group("town"):
                    towns.append(hit.span("town"))
        out: list[Detection] = []
        for s, e in sorted(set(spans)):
            while e > s and text[e - 1] in " \t,.":
                e -= 1
            out.append(Detection("LOCATION", s, e, _SCORE, self.name, text[s:e]))
        out.extend(Detection("LOCATION", s, e, _TOWN_SCORE, self.name, text[s:e]) for s, e in towns)
        return sorted(out, key=lambda d: d.start)

    @staticmethod
    def _street_first(text: str, m: re.Match[str]) -> bool:
        word, name = m.group("w"), m.group("name")
        if word[:2] == "R." and in_citation(text, m.start(), m.end()):
            return False  # "Fed. R. Civ. P. 26": a rule of procedure, not a Rua's number
        first = re.sub(r"^\w{1,5}['’]", "", name.split()[0])  # ("dell'Indipendenza")
        if _function_word(first.strip(".,")) or first.strip(".,").lower() in _UNIT_WORDS:
            return False  # "place the 2 chairs", "via a 3 step process", "Str. Suite 099"
        if word[0].isupper() and word.lower() not in _AMBIGUOUS:
            return True
        if word[0].isupper() and first[0].isupper():
            return True  # "Via Roma 10", "Place Bellecour 8"
        if word.lower() not in _AMBIGUOUS:
            return True  # "calle mayor 3", "ulicy Piotrkowskiej 104"
        tail = text[m.end("name"):m.end()]
        if re.search(r"\d[ \t,]+\(?\d{2,5}", tail):
            return True  # a postcode after the number
        return _CUES.search(text, max(0, m.start() - _CUE_REACH), m.start()) is not None

    @staticmethod
    def _confirmed(m: re.Match[str]) -> bool:
        first = m.group().split()[0].rstrip(".:,").lower()
        if first in _NOT_STREET:
            return False
        town = m.group("town")
        return not _dictionary_word(town.rstrip("."))


EUROPEAN_ADDRESS = EuropeanAddressRecognizer()
