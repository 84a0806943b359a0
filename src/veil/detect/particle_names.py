"""Names joined by particles, as Europe writes them: ``Johanna van der Berg-de Vries``,
``Ana Beatriz de Oliveira Souza``, ``Friedrich Wilhelm Graf von Hohenberg``, ``KATHARINA VON
DER LEYEN-STEIN``, ``francesca di benedetto`` (after ``mi chiamo``), and the police report's
``DUPONT-MOREAU Sébastien`` (surname in capitals, then the given name). The name models and the
name lists end a name at its particle: the given name was masked and the surname after
``van der``, ``de`` or ``von`` went upstream whole.

A name here starts with a known given name (any case; in lower case only after a phrase that
introduces one's own name) or after a form of address (``Herr``, ``Frau``, ``mevrouw``,
``Dña.``, ``Dr.``...), may hold more capitalised words, then one to three particles and a
capitalised surname (hyphenated, with a particle inside: ``Berg-de Vries``), and up to three more
surnames (``María del Carmen Ruiz de Alarcón Peñalver``). Capitals throughout count as
capitalised. A surname in capitals (four letters or more, no English word) right before a known
given name is a name too. A company named after people (``Gil y Acero S.A.T.``, ``Joosten &
van den Eijssel``) and a place named after one (``Borgo San Martino Di Cerveteri``) are none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from veil.detect.entity import Detection
from veil.detect.lexicon import OWN_NAME_CUE, OWN_NAME_CUES
from veil.detect.patterns import folded, mark_positions
from veil.detect.recognizer import Recognizer

_SCORE = 0.9
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
_WORD = r"[^\W\d_]+"
_PARTICLE = (r"(?:de|del|della|delle|dei|degli|di|da|das|do|dos|du|des|van|von|der|den|ter|ten|"
             r"zu|zur|le|la|las|los|el|al|bin|ibn|graf|gräfin|freiherr|freifrau|baron)")
_PARTICLES = rf"(?:(?i:{_PARTICLE})[ \t]+){{1,3}}"
#: "and" between two surnames ("Puig i Ferrer", "García y Fernández"): after a surname only,
#: as "Bruno e Tarantini" right after a given name names two people or a firm
_AND = r"(?i:e|y|i)"
#: a surname: capitalised, hyphenated parts, a particle inside ("Berg-de Vries"), an
#: apostrophe ("O'Neill", "N'Diaye"; not a possessive "'s")
_SURNAME = (rf"{_CAP}(?:{_WORD}(?:['’](?!s(?![\w])){_WORD})?|['’]{_CAP}{_WORD})"
            rf"(?:-(?:(?i:de|van|von|ter|da|di|del)[ \t]+)?{_CAP}{_WORD})*")
_TITLES = (r"(?:Herr|Herrn|Frau|Fr\.|Hr\.|mevrouw|mevr\.|meneer|dhr\.|de heer|Sr\.|Sra\.|Srta\.|"
           r"Don|Doña|D\.|Dña\.|Dª|M\.|Mme|Mlle|Monsieur|Madame|sig\.|sig\.ra|signor|signora|"
           r"dott\.|dott\.ssa|Dr\.?|Dra\.|Prof\.?|Pan|Pani|Ing\.|Mr\.?|Mrs\.?|Ms\.?|Exmo\.|Exma\.)")
_CAPWORD = rf"{_CAP}{_WORD}(?:-{_CAP}{_WORD})?"
#: given name(s), particles, surname(s); group ``g`` is the first word
_NAME = re.compile(
    rf"(?<![\w'’-])(?P<g>{_WORD})(?:(?:[ \t]+{_CAPWORD}){{0,2}}[ \t]+{_PARTICLES}"
    rf"|(?:[ \t]+{_CAPWORD}){{1,2}}[ \t]+{_AND}[ \t]+){_SURNAME}"
    rf"(?:[ \t]+(?:(?:en|und|e|y|i)[ \t]+(?=(?i:{_PARTICLE})[ \t]))?(?:{_PARTICLES})?"
    rf"{_SURNAME}){{0,3}}")
#: a place's first word before a saint's or a person's name ("Borgo San Martino Di Cerveteri")
_PLACE_BEFORE = re.compile(r"(?:San|Santa|Santo|São|Saint|Sainte|St\.|Ste\.|Sankt|Borgo|Villa|"
                           r"Isola|Porto|Puerto|Castel|Castello|Monte|Mont|Val|Bad|Calle|Via|"
                           r"Rua|Rue|Avenida|Piazza|Plaza)[ \t]+\Z")
#: a company's legal form after the words: "Gil y Acero S.A.T.", "Joosten & van den Eijssel"
_LEGAL_FORM = re.compile(r"[ \t]*(?:&|(?i:S\.?A\b|S\.?L\b|S\.A\.T|S\.?p\.?A\b|S\.?r\.?l\b|GmbH|"
                         r"AG\b|KG\b|B\.?V\b|N\.?V\b|Ltda|LLC|Ltd|Inc\b|SAS\b|SARL\b|Sp\.|s\.r\.o|A\.?Ş|"
                         r"Group\b|Gruppo\b|Grupo\b|Holding\b|Associati\b|Asociados\b|Associados\b))")
_TITLE = re.compile(rf"(?<![\w]){_TITLES}[ \t]+(?:(?:Dr\.|Prof\.|drs\.|Ing\.)[ \t]+)*\Z")
#: a surname in capitals before a known given name ("DUPONT-MOREAU Sébastien")
_CAPS_FIRST = re.compile(rf"(?<![\w'’-])(?P<s>[A-ZÀ-ÖØ-ÞĀ-Ž]{{4,}}(?:-[A-ZÀ-ÖØ-ÞĀ-Ž]{{2,}})*)"
                         rf"[ \t]+(?P<g>{_CAP}[a-zß-öø-ÿā-ž]+)(?![\w'’-])")
_MARK = re.compile(rf"[ \t](?:(?i:{_PARTICLE})|{_AND})[ \t]+{_CAP}")
#: the particles in the text lower-cased, a capital checked after them in the text (a
#: case-insensitive alternation tried at every blank cost ~45 us a ~1 KB prompt)
_MARK_FOLDED = re.compile(rf"[ \t](?:{_PARTICLE}|e|y|i)(?=[ \t])")
_CAP_RX = re.compile(_CAP)
#: the introductions, as the text lower-cased holds them: ``_CUED`` (an alternation of them,
#: case-insensitive, cost ~370 us a ~1 KB prompt) is read only in a text with one
_CUE_STRINGS = re.compile("|".join(re.escape(c.lower()) for c in OWN_NAME_CUES))
#: where a surname in capitals can start (``_CAPS_FIRST``'s look-behind first hid its leading
#: class from the engine's fast scan: every position was tried, ~50 us a ~1 KB prompt)
_CAPS_RUN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]{4,}")
_LOW = r"[a-zß-öø-ÿā-ž]+"
#: in lower case, as chat writes it, after a phrase that introduces one's own name
_CUED = re.compile(rf"(?i:{OWN_NAME_CUE})[ \t]+(?P<n>(?P<g>{_LOW})(?:[ \t]+{_LOW})?[ \t]+"
                   rf"(?:{_PARTICLE}[ \t]+){{1,3}}{_LOW})(?![\w'’-])")


def _given(word: str) -> bool:
    """A known given name, its accents kept or not ("António", "Inês": the lists hold Brazil's
    "Antônio" and the unaccented forms)."""
    from veil.detect.names import first_names

    low = word.lower()
    if low in first_names():
        return True
    bare = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    return bare != low and bare in first_names()


def _surname(word: str) -> bool:
    from veil.detect.names import last_names

    return word.lower() in last_names()


def _english(word: str) -> bool:
    from veil.detect.names import dictionary_word

    return bool(dictionary_word(word.lower()))


class ParticleNamesRecognizer(Recognizer):
    name = "particle_names"
    entities = ("PERSON",)

    def idle(self, text: str) -> bool:
        return " " not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        last = -1
        low = folded(text)
        for mark_start, mark_end in _marks(text, low):
            if mark_start < last:
                continue
            lo = max(text.rfind("\n", 0, mark_start) + 1, mark_start - 48)
            pos, tries = lo, 0
            while tries < 4 and (m := _NAME.search(text, pos, mark_end + 80)) is not None \
                    and m.start() < mark_start:
                tries += 1
                if m.end() > mark_start and self._starts_name(text, m):
                    last = m.end()
                    out.append(Detection("PERSON", m.start(), m.end(), _SCORE, self.name,
                                         m.group()))
                    break
                pos = m.end("g")  # (a title or a word before the name: try the next word)
        cued = _CUED.finditer(text) if low is None or mark_positions(_CUE_STRINGS, low) \
            else ()
        for m in cued:
            if _given(m.group("g")):
                out.append(Detection("PERSON", m.start("n"), m.end("n"), _SCORE, self.name,
                                     m.group("n")))
        for m in _caps_first(text):
            surname, given = m.group("s"), m.group("g")
            head = surname.split("-")[0]
            # a known surname, or a hyphenated one: not a firm's or a form's acronym ("FPUH")
            if _given(given) and not _english(head) and not _given(head) \
                    and ("-" in surname or _surname(head)):
                out.append(Detection("PERSON", m.start(), m.end(), _SCORE, self.name,
                                     m.group()))
        return out

    @staticmethod
    def _starts_name(text: str, m: re.Match[str]) -> bool:
        first = m.group("g")
        if _LEGAL_FORM.match(text, m.end()) or text[max(0, m.start() - 2):m.start()] == "& " \
                or any(_LEGAL_FORM.fullmatch(w) for w in m.group().split()):
            return False  # a company named after people
        if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return False  # a place or a street named after someone
        line = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 40)
        before = text[line:m.start()]
        if first[0].islower():
            return False  # (in lower case: ``_CUED``)
        return _given(first) or _TITLE.search(before) is not None


def _caps_first(text: str) -> Iterator[re.Match[str]]:
    """``_CAPS_FIRST.finditer(text)``, tried only where a run of four capitals starts (a match
    starts a run: a capital after a word character fails the look-behind)."""
    end = 0
    for run in _CAPS_RUN.finditer(text):
        if run.start() < end:
            continue
        m = _CAPS_FIRST.match(text, run.start())
        if m is not None:
            end = m.end()
            yield m


def _marks(text: str, low: str | None) -> Iterator[tuple[int, int]]:
    """(start, end) of :data:`_MARK`'s matches in ``text`` (``low``: it lower-cased, or None
    where that changes its length)."""
    if low is None:
        yield from (m.span() for m in _MARK.finditer(text))
        return
    end = 0
    for m in _MARK_FOLDED.finditer(low):
        if m.start() < end:
            continue  # (inside the last one: its matches do not overlap)
        j = m.end()
        while j < len(text) and text[j] in " \t":
            j += 1
        if _CAP_RX.match(text, j):
            end = j + 1
            yield m.start(), end


PARTICLE_NAMES = ParticleNamesRecognizer()
