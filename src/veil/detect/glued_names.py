"""People's names glued into one token by code, accounts and file names: ``johnSmith``,
``WojciechNowak``, ``priya.raghunathan``, ``olena_kovalenko``, ``m.okonkwo``, ``KowalskiJ``,
``Dr_Mbeki``, ``CV_Tanvir_Hossain_2024.pdf``, ``haruto-tanaka-thesis``.

A word-based rule sees one word there and no name, and :mod:`veil.detect.joined_names` (which
reads ``_``- and ``-``-joined tokens and file names) takes a pair only when both words are on
the English name lists, so the world's names (``tanvir``, ``kovalenko``) and tokens joined by
a dot or by case alone went upstream. A token here is cut at its joiners (``.``, ``_``, ``-``)
and where its case changes, and two adjacent words are a name on the evidence
:mod:`veil.detect.unlisted_names` uses in lower-case prose:

- one a known given name or surname that is no dictionary word, the other known or a word no
  dictionary writes (``tanvir`` + ``hossain``); particles between them (``YusufAlRashid``);
- a known given name, a dot, then any word no dictionary writes (``thandeka.zulu``: a login's
  given name and surname, as mail and directories write them);
- an initial against a known surname that is no dictionary word (``m.okonkwo``,
  ``a.fernandes``, ``KowalskiJ``, ``JKowalski``), and a title against any such word
  (``Dr_Mbeki``, ``dr.mbeki``).

Code's identifiers are made of dictionary words (``getUserName``, ``max_retries``,
``first_name``, ``handleSubmit``), and a dotted token whose last part is a file's extension or
a host's top-level name (``config.yaml``, ``mensah.org``) reads that part as no word of the
name. Tried only at a letter against a joiner or a change of case (one regex over the text).
"""

from __future__ import annotations

import functools
import re

from veil.detect.entity import Detection
from veil.detect.names import dictionary_word, last_names
from veil.detect.recognizer import Recognizer
from veil.detect.unlisted_names import (
    _given,
    _known,
    _known_word,
    _stops,
    _unlisted,
    world_names,
)

_SCORE = 0.8
#: where a token may hold two words: a capital after a lower-case letter (``johnSmith``) or
#: after a capital and before a lower-case letter (``JKowalski``), a joiner between letters
#: (``priya.raghunathan``). Led by the one class a capital or a joiner matches, which the
#: regex engine skips to (the three shapes as alternatives tried every letter: 47 against
#: 13 us a ~1 KB prompt)
_HINT = re.compile(r"[A-Z._-](?:(?<=[a-z][A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|"
                   r"(?<=[A-Za-z][._-])(?=[A-Za-z]))")
#: a token: letters and digits joined by ".", "_" or "-"
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[._-]+[A-Za-z0-9]+)*")
#: a token's words, each with the joiner before it: its parts between joiners, each cut where
#: its case changes
_PIECE = re.compile(r"([._-]*)([A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])|\d+)")
#: a digit between letters: a key's, a hash's or a generated id's token, no one's name
_RANDOM = re.compile(r"[A-Za-z]\d+[A-Za-z]")
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9._-]*")
#: the particles inside a glued name (``FatimaAlZahra``, ``nguyen_van_duc``)
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "binti", "abu", "van", "von", "der", "den",
                        "de", "da", "dos", "del", "di", "la", "le", "ter", "ten", "thi"})
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})
#: a surname's own first part, which its capital cuts off (``McKinsey``, ``MacBook``)
_PREFIXES = frozenset({"mc", "mac", "o", "d", "de", "di", "da", "la", "le", "van", "von"})
#: a dotted token's last part that is a file's extension or a host's top-level name, not a
#: surname (``kovalenko.json``, ``mensah.org``)
_SUFFIXES = frozenset({
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "ai", "app", "dev", "info",
    "biz", "me", "us", "ca", "au", "in", "local", "corp", "internal", "lan", "txt", "pdf", "doc",
    "docx", "xls", "xlsx", "csv", "json", "yaml", "yml", "xml", "html", "htm", "md", "rst",
    "log", "conf", "cfg", "ini", "toml", "env", "py", "js", "ts", "tsx", "jsx", "rb", "go", "rs",
    "java", "kt", "cs", "cpp", "hpp", "sh", "bash", "zsh", "ps1", "bat", "sql", "db", "sqlite",
    "png", "jpg", "jpeg", "gif", "svg", "webp", "heic", "tif", "tiff", "mp3", "mp4", "mov",
    "wav", "zip", "tar", "gz", "tgz", "bz2", "xz", "rar", "bak", "tmp", "old", "orig", "swp",
    "lock", "pem", "key", "crt", "cer", "pub", "vue", "php", "pl", "lua", "swift", "scala",
    "ipynb", "tex", "bib", "odt", "ods", "pptx", "ppt", "rtf", "eml", "msg", "ics", "vcf"})


@functools.lru_cache(maxsize=8192)
def _kind(word: str) -> int:
    """What a word (lower case) may be in a glued name: a bit set of :data:`_STRONG` (a known
    name no dictionary writes), :data:`_NAMEY` (known, or a word no dictionary writes),
    :data:`_GIVEN` (a known given name no dictionary writes), :data:`_SURNAME` (a known surname
    no dictionary writes, four letters or more), :data:`_PLAIN` (no dictionary word)."""
    if len(word) < 2 or not word.isalpha() or word in _stops():
        return 0
    kind = 0
    if len(word) > 2 and _known_word(word):
        kind |= _STRONG
    if word in _known() or len(word) > 2 and _unlisted(word):
        kind |= _NAMEY
    plain = not dictionary_word(word)
    if plain:
        kind |= _PLAIN
        if word in _given():
            kind |= _GIVEN
        if len(word) > 3 and (word in last_names() or word in world_names()) and kind & _STRONG:
            kind |= _SURNAME
    return kind


_STRONG, _NAMEY, _GIVEN, _SURNAME, _PLAIN = 1, 2, 4, 8, 16


def _pair(a: str, b: str, joiner: str) -> bool:
    """Whether two adjacent words of a token (lower case, ``joiner`` between them: "" for a
    change of case) are a given name and a surname."""
    if joiner == "." and (a in _SUFFIXES or b in _SUFFIXES):
        return False  # a file's extension, a host's name or a package's ("com.tanaka")
    ka, kb = _kind(a), _kind(b)
    if ka & _STRONG and kb & _NAMEY or kb & _STRONG and ka & _NAMEY:
        return True
    # "thandeka.zulu": a login's given name, a dot, a surname that English also writes
    return joiner == "." and bool(ka & _GIVEN) and bool(kb & _PLAIN) and len(b) > 2 \
        and b not in _stops()


def _initial(a: str, b: str) -> bool:
    """An initial beside a known surname, or a title before any name-like word."""
    if len(a) == 1:
        return bool(_kind(b) & _SURNAME)
    if len(b) == 1:
        return bool(_kind(a) & _SURNAME)
    return a in _TITLES and bool(_kind(b) & _NAMEY) and len(b) > 2


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of the token ``text[start:end]``: their spans and the joiner before each ("."
    "_" "-", or "" where the case changes or at the token's start)."""
    return [(m.start(2), m.end(2), m.group(1)[:1] if len(set(m.group(1))) < 2 else "_")
            for m in _PIECE.finditer(text, start, end)]


def _names(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans of the names among a token's words: a pair of words (particles between them)
    or an initial or a title beside one, widened over the next word that is a name as well
    (``gurpreet_singh_sandhu``)."""
    low = [text[s:e].lower() for s, e, _ in words]
    if not any(_kind(w) & (_STRONG | _GIVEN) or w in _TITLES for w in low):
        return []  # (every rule needs a known name or a title)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words) - 1:
        if not low[i].isalpha():
            i += 1
            continue
        j = i + 1
        while j < len(words) - 1 and low[j] in _PARTICLES:
            j += 1
        found = low[j].isalpha() and not (low[i] in _PREFIXES and words[i + 1][2] == "") \
            and _pair(low[i], low[j], words[j][2])
        if not found and j == i + 1 and low[j].isalpha() and (i == 0 or j == len(words) - 1):
            found = _initial(low[i], low[j])  # (an initial opens or ends its token)
        if not found:
            i += 1
            continue
        # one more name-like word after ("gurpreet_singh_sandhu", "nguyen_van_duc_2")
        while j + 1 < len(words) and low[j + 1].isalpha() and _kind(low[j + 1]) & _STRONG:
            j += 1
        out.append((words[i][0], words[j][1]))
        i = j + 1
    return out


def _prose_compound(token: str) -> bool:
    """Capitalised words joined by hyphens, as prose writes a double-barrelled surname or a
    firm's name (``Cardinal-Ahenakew``, ``Hewlett-Packard``): the name models' to read."""
    return "-" in token and all(p[:1].isupper() and p[1:].islower()
                                for p in re.split(r"-+", token))


class GluedNamesRecognizer(Recognizer):
    """PERSON: a given name and a surname (or an initial or a title and a surname) glued into
    one token by a dot, an underscore, a hyphen or a change of case."""

    name = "glued_names"
    entities = ("PERSON",)
    validated = False

    def idle(self, text: str) -> bool:
        return _HINT.search(text) is None

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        end = -1
        back = ""  # the text reversed, where a token's start is found by one match
        for hint in _HINT.finditer(text):
            if hint.start() < end:
                continue  # inside the token read last
            back = back or text[::-1]
            before = _TOKEN_CHARS.match(back, len(text) - hint.start())
            start = hint.start() - (len(before.group()) if before is not None else 0)
            token = _TOKEN.search(text, start)
            if token is None:
                continue
            start, end = token.span()
            if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "@") or \
                    text[end:end + 1] == "@" and text[end + 1:end + 2].isalnum():
                # a word of letters outside ASCII runs on (no token of ours), or an e-mail
                # address's host or whole local part, which its recognizer masks whole
                continue
            if _prose_compound(text[start:end]) or _RANDOM.search(text, start, end):
                continue
            words = _words(text, start, end)
            if len(words) < 2:
                continue
            for s, e in _names(text, words):
                out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))
        return out


GLUED_NAMES = GluedNamesRecognizer()
