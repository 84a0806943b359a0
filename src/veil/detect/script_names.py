"""Names written in their own script inside any message: ``Contact Дмитрий Иванов``,
``Γιώργος Παπαδόπουλος``, ``محمد عبدالله``, ``דוד כהן``, ``김민수``.

The language models and heuristics read Latin letters; a name in Cyrillic, Greek, Armenian,
Georgian, Hebrew, Arabic, Devanagari or Hangul inside an English (or any) prompt went upstream
whole, or in part ("Contact Дмитрий [PERSON_1]"). Faker's person providers of those locales
list their given names and surnames. A PERSON is a known given name followed by a known
surname (and a third known name or a Russian patronymic); in a script with capitals, a known
given name or surname beside a capitalised word of the same script is one too. A Korean name
is one word: a known surname, then a known given name (``김`` + ``민수``). Diacritics that
Arabic and Hebrew may write or leave out are ignored on both sides.

The recognizer reads only texts holding a letter of these scripts; their lists load on the
first such text.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import NamedTuple

from veil.detect.entity import Detection
from veil.detect.names import from_faker
from veil.detect.recognizer import Recognizer


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
    "hangul": _Script("\uac00-\ud7a3", ("ko_KR",), False),
}
_ANY = re.compile("[" + "".join(s.letters for s in _SCRIPTS.values()) + "]")
_WORDS = {k: re.compile(f"[{s.letters}]+(?:[-'’][{s.letters}]+)?") for k, s in _SCRIPTS.items()}
_LETTER = {k: re.compile(f"[{s.letters}]") for k, s in _SCRIPTS.items()}
#: marks a name is written with or without (Arabic harakat and tatweel, Hebrew points)
_OPTIONAL_MARKS = dict.fromkeys(map(ord, "\u0640\u0670"), None) | \
    dict.fromkeys(range(0x064B, 0x0660)) | dict.fromkeys(range(0x05B0, 0x05C8))
#: a Russian, Ukrainian or Bulgarian patronymic ("Сергеевич", "Ивановна")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")


def _key(word: str) -> str:
    return word.translate(_OPTIONAL_MARKS).casefold()


def _make(locales: tuple[str, ...], attr: str, shortest: int) -> frozenset[str]:
    out: set[str] = set()
    for loc in locales:
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):
            continue
        for a in (f"{attr}s", f"{attr}s_male", f"{attr}s_female", f"{attr}s_nonbinary"):
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
    shortest = 1 if script == "hangul" else 2  # a Korean surname is one syllable: "김"
    first, last = (from_faker(f"script-{script}-{attr}", (locales, shortest),
                              functools.partial(_make, locales, attr, shortest))
                   for attr in ("first_name", "last_name"))
    return first, last


class ScriptNamesRecognizer(Recognizer):
    """PERSON names in the scripts Faker lists names of, in a message of any language."""

    name = "script_names"
    entities = ("PERSON",)
    validated = False

    def analyze(self, text: str) -> list[Detection]:
        if _ANY.search(text) is None:
            return []
        out: list[Detection] = []
        for script, rx in _WORDS.items():
            if _LETTER[script].search(text) is None:
                continue
            for s, e in _spans(text, script, rx):
                out.append(Detection("PERSON", s, e, 0.85, self.name, text[s:e]))
        return out


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


def _spans(text: str, script: str, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    first, last = _names(script)
    cased = _SCRIPTS[script].cased
    words = list(rx.finditer(text))
    out: list[tuple[int, int]] = []
    if script == "hangul":  # surname and given name in one word, maybe a particle after them
        for w in words:
            for name in _without_particles(w.group()):
                k = _key(name)
                if any(k[:n] in last and k[n:] in first
                       for n in (1, 2) if 2 <= len(k) - n <= 2):
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
            # a chain of given names ("son of"), as Arabic and Hebrew names are written
            or not cased and ka in first and kb in first)
        if not pair:
            i += 1
            continue
        end, j = b.end(), i + 2
        while j < len(words) and text[words[j - 1].end():words[j].start()] in (" ", "\t"):
            kc = _key(words[j].group())
            if kc in last or cased and capital(words[j]) and (
                    _PATRONYMIC.search(_key(words[j - 1].group())) is not None):
                end, j = words[j].end(), j + 1
            else:
                break
        out.append((a.start(), end))
        i = j
    return out


SCRIPT_NAMES = ScriptNamesRecognizer()
