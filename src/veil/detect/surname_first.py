"""Names written surname first in Latin letters: Vietnamese (``Nguyễn Văn An``, ``Tran Thi
Mai``) and Hungarian (``Tóth Gyula``, ``Kovács Zsuzsanna``).

The name models read "Nguyen Van An" as "Van An" and left "Nguyen" upstream, read "Lê Jane" as
nothing, and "Tóth Gyula" after "call" as "Tóth" alone. Both languages write the family name
first, and their family names are few: a dozen cover most Vietnamese people, and Faker's
Hungarian provider lists the common Hungarian ones.

- Vietnamese: a surname written with its diacritics (``Nguyễn``, ``Đặng``) or one no other
  language writes (``Nguyen``, ``Huynh``), then one to three capitalised words, is a name; a
  surname that is a word elsewhere once its diacritics are gone (``Le``, ``Do``, ``Ho``,
  ``Mai``) needs a middle name after it (``Le Van Hung``, ``Do Thi Lan``).
- Hungarian: a known Hungarian surname, then a known Hungarian given name (and a second one).

A Vietnamese surname no other language writes names a person alone too ("I met Nguyen"),
with a lower score.

The names must be capitalised and one space or tab apart.
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata

from ahocorasick_rs import MATCHKIND_STANDARD, AhoCorasick

from veil.detect.entity import Detection
from veil.detect.names import from_faker
from veil.detect.recognizer import Recognizer

#: Vietnamese family names as written with their diacritics; the common ones first
_VI_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai",
                "Cao", "Lương", "Trịnh", "Đoàn", "Hà", "Tạ", "Tô", "Châu", "Lưu", "Kiều",
                "Quách", "Thái", "Tăng", "Triệu", "Văn", "Vương", "Phùng", "Đào", "Đàm", "Khúc",
                "Lạc", "Mạc", "Tôn", "Từ", "Hứa", "Giang", "La", "Âu", "Diệp", "Thân")
#: surnames that, without their diacritics, are words of other languages (or other names):
#: only before a middle name
_VI_AMBIGUOUS = frozenset({"le", "do", "ho", "ha", "vu", "vo", "ly", "mai", "lam", "cao", "ta",
                           "to", "luu", "thai", "van", "la", "au", "tang", "giang", "dao",
                           "dam", "lac", "mac", "ton", "tu", "hua", "than", "chau", "phung",
                           "kieu", "quach", "trieu", "vuong", "khuc", "diep", "phan", "dinh",
                           "dang", "bui"})
#: middle names: a Vietnamese name's second word, as often as not
_VI_MIDDLE = frozenset({"van", "thi", "duc", "minh", "ngoc", "thanh", "huu", "quoc", "xuan",
                        "thu", "kim", "anh", "quang", "cong", "dinh", "ba", "gia", "phuong",
                        "bao", "tuan", "hong", "the", "tan", "trung", "hai", "manh", "nhu",
                        "dang", "hoang", "phu", "tri", "thuy", "bich", "my", "khanh", "thien"})
#: the words after a surname, one space or tab apart (up to three)
_AFTER = re.compile(r"(?:[ \t][^\W\d_]+(?:-[^\W\d_]+)?){1,3}(?![\w-])")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _plain(word: str) -> str:
    """``word`` without its diacritics, in lower case ("Nguyễn" -> "nguyen", "Đặng" -> "dang")."""
    decomposed = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def _hungarian() -> tuple[frozenset[str], frozenset[str]]:
    """Faker's Hungarian surnames and given names, lower case (kept in the names cache: a
    process reads the files, not Faker's package, 60 ms of a command's start-up)."""
    last, first = (from_faker(f"surname-first-hu-{attr}", ("hu_HU",),
                              functools.partial(_hungarian_list, attr))
                   for attr in ("last_names", "first_names"))
    return last, first


def _hungarian_list(attr: str) -> frozenset[str]:
    prov = importlib.import_module("faker.providers.person.hu_HU").Provider
    out: set[str] = set()
    for a in (attr, f"{attr}_male", f"{attr}_female"):
        out.update(str(x).casefold() for x in getattr(prov, a, ()) or ())
    return frozenset(out)


@functools.cache
def _surnames() -> tuple[AhoCorasick, list[str]]:
    """An automaton of every surname form (Vietnamese with and without diacritics, Hungarian)
    and each form's language."""
    forms: dict[str, str] = {}
    for name in _VI_SURNAMES:
        forms[name] = "vi"
        plain = _plain(name)
        forms.setdefault(plain[:1].upper() + plain[1:], "vi")
    for name in _hungarian()[0]:
        forms.setdefault(name[:1].upper() + name[1:], "hu")
    keys = list(forms)
    return AhoCorasick(keys, matchkind=MATCHKIND_STANDARD), [forms[k] for k in keys]


class SurnameFirstRecognizer(Recognizer):
    """PERSON names written surname first (Vietnamese, Hungarian), in Latin letters."""

    name = "surname_first"
    entities = ("PERSON",)
    validated = False

    def analyze(self, text: str) -> list[Detection]:
        automaton, langs = _surnames()
        out: list[Detection] = []
        done = 0
        for k, s, e in automaton.find_matches_as_indexes(text, overlapping=True):
            if s < done or s and (text[s - 1].isalnum() or text[s - 1] in "-'’"):
                continue  # inside a word, or inside the name just found
            if e < len(text) and (text[e].isalnum() or text[e] in "-'’"):
                continue  # the start of a longer word ("Tranquil")
            after = _AFTER.match(text, e)
            words = []  # the capitalised words right after the surname
            for m in _WORD.finditer(text, e, after.end()) if after is not None else ():
                if not m.group()[0].isupper():
                    break
                words.append(m)
            n = _taken(langs[k], text[s:e], [m.group() for m in words])
            if n:
                end = words[n - 1].end()
                out.append(Detection("PERSON", s, end, 0.8, self.name, text[s:end]))
                done = end
            elif not words and _alone(langs[k], text[s:e]):
                out.append(Detection("PERSON", s, e, 0.6, self.name, text[s:e]))
                done = e
        return out


def _alone(lang: str, surname: str) -> bool:
    """Whether the surname names a person by itself ("I met Nguyen at the bar"): a Vietnamese
    one that no other language writes; not one that is a word elsewhere ("Le", "Mai")."""
    return lang == "vi" and _plain(surname) not in _VI_AMBIGUOUS


def _taken(lang: str, surname: str, words: list[str]) -> int:
    """How many of ``words`` after ``surname`` belong to the name (0: it is no name)."""
    if lang == "hu":
        _, first = _hungarian()
        n = 0
        while n < min(len(words), 2) and words[n].casefold() in first:
            n += 1
        return n
    plain = _plain(surname)
    # "Le", "Do", "Mai" without diacritics: only before a middle name and one more word
    if plain in _VI_AMBIGUOUS and surname == plain.capitalize() and (
            len(words) < 2 or _plain(words[0]) not in _VI_MIDDLE):
        return 0
    return len(words)


SURNAME_FIRST = SurnameFirstRecognizer()
