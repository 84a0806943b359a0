"""The common words of the languages documents are written in, less every known name and place.

A discharge letter, an invoice or a court ruling in Polish, Swedish or Turkish is full of
capitalised words the name models read as a person or an organisation: its heading
(`Epikrise`, `KARTA INFORMACYJNA`), its labels (`Pronajímatel:`, `Hasta Adı Soyadı:`), its
terms (`Niewydolność serca`). :func:`languages_of` says in which of :data:`LANGUAGES` a word
is a common one: wordfreq's lists (the words used at least once in a million in each
language's subtitles, Wikipedia, news and books), less every given name, surname, city and
region of every Faker locale, the 1990 US census's names and Veil's own name and place lists,
so that `Müller`, `Kaya`, `Berg` or `Essen` is never one. Without wordfreq installed no word
is (nothing is then dropped for being one).

:func:`rare_languages_of` says the same of the rarer words of the languages wordfreq has a
large list for (used at least once in ten million words: `Odběratel`, `Nabywca`, `Vuosiloma`,
`Herzinsuffizienz`): a document's terms and labels, but a rare surname too (`Carvalhal`), so
weaker evidence, which :mod:`veil.detect.trade_words` reads only in a label or a heading.

The table is about 2.4 million words: it is kept as a sorted array of 64-bit digests with a
64-bit mask each (the common languages in its low half, the rare ones in its high half),
made once (about 15 s) and stored under the cache directory like the name lists, then mapped
from there (pages shared by the processes that read it). Each lookup is cached.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

#: wordfreq's languages read (one bit each, in this order): Europe's, Turkey's and the
#: Latin-script ones of South-East Asia; not English (`veil.detect.trade_words` reads its
#: words with the English dictionaries) nor the languages written without spaces or in
#: Arabic or Indic scripts, whose words the models seldom take for a name
LANGUAGES = ("bg", "ca", "cs", "da", "de", "el", "es", "fi", "fil", "fr", "hu", "id", "is",
             "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sh", "sk",
             "sl", "sv", "tr", "uk")
#: the languages that join nouns into one word (`Entlassungsbrief`, `Takrengöring`,
#: `Indlæggelsesårsag`): a word of two known words of one of them is a word of it
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "is", "fi"})
#: change with the rules that make the table, and it is made again
_RULES = 3
#: the least frequency of a word taken from a large list (once in ten million words): below
#: it, a list holds as many surnames and misspellings as words
_RARE_FREQUENCY = 1e-7
_LOW = (1 << 32) - 1
#: what a Faker provider's attribute holds when it lists names or places
_NAME_ATTRS = ("first_name", "last_name", "middle_name", "patronymic", "_names")
_PLACE_ATTRS = ("cit", "town", "state", "province", "region", "district", "countr", "county",
                "municipal", "village", "prefecture", "neighborhood", "borough", "suburb",
                "street_name", "street_root")
_WORD = re.compile(r"[^\W\d_]+")


def bit(lang: str) -> int:
    """The bit of ``lang`` in :func:`languages_of`'s masks."""
    return 1 << LANGUAGES.index(lang)


def _digest(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def fold(word: str) -> str:
    """``word`` in lower case as the lists write it (Turkish `İ` as `i`, not `i̇`)."""
    return word.lower().replace("i\u0307", "i")


def languages_of(word: str) -> int:
    """The mask of :data:`LANGUAGES` (see :func:`bit`) in which ``word`` (any case) is a common
    word and no known name or place; 0 for none, a word of less than three letters, or
    without the table."""
    return _masks(word) & _LOW


def rare_languages_of(word: str) -> int:
    """The mask of :data:`LANGUAGES` in whose large list ``word`` is, used less than once in a
    million words but at least once in ten million, and no known name or place
    (`Odběratel`, `Nabywca`, `Irtisanomisaika`); 0 for none or without the table."""
    return _masks(word) >> 32


@lru_cache(maxsize=32768)
def _masks(word: str) -> int:
    low = fold(word)
    if len(low) < 3 or not low.isalpha():
        return 0
    table = _table()
    if table is None:
        return 0
    mask = _lookup(table, low)
    dots = [i for i, c in enumerate(low) if c == "i"]
    if not mask and 0 < len(dots) <= 4:
        # the detection view folds Turkish "ı" to "i" as a look-alike ("Tanı" reads "Tani"),
        # and "DAVACI" is "davacı": each "i" may have been one
        for n in range(1, 1 << len(dots)):
            chars = list(low)
            for k, i in enumerate(dots):
                if n >> k & 1:
                    chars[i] = "ı"
            mask = _lookup(table, "".join(chars))
            if mask:
                break
    return mask


@lru_cache(maxsize=16384)
def compound_languages(word: str) -> int:
    """The mask of :data:`COMPOUNDING` languages in which ``word`` is two of their common words
    joined, the first of three letters at least and the last of four, with a linking `s`
    (`Anställnings|bevis`, `Entlassung|s|brief`); 0 for none. A name or place is no part of
    one: the table holds none."""
    low = fold(word)
    if len(low) < 8 or not low.isalpha():
        return 0
    mask = 0
    allowed = sum(bit(lang) for lang in COMPOUNDING)
    for cut in range(len(low) - 4, 2, -1):  # the longest head first
        tail = languages_of(low[cut:]) & allowed
        if not tail:
            continue
        head = low[:cut]
        found = languages_of(head) | (languages_of(head[:-1]) if head.endswith("s") else 0)
        mask |= found & tail
    return mask


@lru_cache(maxsize=1)
def _stop_masks() -> dict[str, int]:
    from veil.detect.stopwords import stop_words  # word lists only, spaCy is not imported

    masks: dict[str, int] = {}
    for i, lang in enumerate(LANGUAGES):
        for w in stop_words({"nb": "nb", "sh": "hr", "fil": "tl"}.get(lang, lang)):
            low = fold(w)
            masks[low] = masks.get(low, 0) | 1 << i
    return masks


def stop_languages(word: str) -> int:
    """The mask of :data:`LANGUAGES` of which ``word`` (any case) is a function word (spaCy's
    stop words): `des`, `w`, `och`, `ve`."""
    return _stop_masks().get(fold(word), 0)


#: function words of one language a text needs to count as written in it
_WRITTEN_IN = 3
#: how far around a stretch of text its language is read
_WRITTEN_REACH = 1000


def written_languages(text: str, s: int, e: int) -> int:
    """The mask of :data:`LANGUAGES` of which ``text`` holds three function words or more
    that are no English ones (`di`, `della`, `och`, `się`) within 1,000 characters of
    ``text[s:e]``: what a document is written in where its language was read as English.
    Read around the stretch, not over the whole text: a long text's chunk
    (`veil.detect.shards`) finds what the whole text finds."""
    counts = [0] * len(LANGUAGES)
    english = _english_stop_words()
    stops = _stop_masks()
    for m in _WORD.finditer(text, max(0, s - _WRITTEN_REACH), e + _WRITTEN_REACH):
        low = fold(m.group())
        mask = 0 if low in english else stops.get(low, 0)
        while mask:
            low_bit = mask & -mask
            counts[low_bit.bit_length() - 1] += 1
            mask ^= low_bit
    return sum(1 << i for i, n in enumerate(counts) if n >= _WRITTEN_IN)


@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    from veil.detect.stopwords import stop_words

    return frozenset(w.lower() for w in stop_words("en"))


def english_function_word(word: str) -> bool:
    return word.lower() in _english_stop_words()


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """wordfreq's common English words (used at least once in a million), letters only, three
    or more, in lower case; empty without wordfreq. Not in :func:`languages_of`'s table, and
    names are not taken out: a caller keeps the names it knows."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return frozenset()
    try:
        freqs = get_frequency_dict("en", "small")
    except (LookupError, OSError, ValueError):
        return frozenset()
    return frozenset(low for w in freqs if len(low := fold(w)) >= 3 and low.isalpha())


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """The English names of the languages lingua knows, in lower case (`german`, `dutch`,
    `portuguese`): what a request names a document's language by."""
    try:
        from lingua import Language
    except ImportError:
        return frozenset()
    return frozenset(n for m in Language.all() if (n := m.name.lower()).isalpha())


# --- the table ----------------------------------------------------------------------------------
def _lookup(table: tuple[Any, Any], low: str) -> int:
    import numpy as np

    keys, masks = table
    h = np.uint64(_digest(low))
    i = int(np.searchsorted(keys, h))
    return int(masks[i]) if i < len(keys) and keys[i] == h else 0


@lru_cache(maxsize=1)
def _table() -> tuple[Any, Any] | None:
    try:
        version = metadata.version("wordfreq")
        import numpy as np
    except (metadata.PackageNotFoundError, ImportError):
        return None
    path = _cache_file(version)
    if path is not None:
        try:  # mapped, not read: the processes that read it share its pages
            return (np.load(path.with_name(path.name + "-keys.npy"), mmap_mode="r"),
                    np.load(path.with_name(path.name + "-masks.npy"), mmap_mode="r"))
        except (OSError, ValueError):
            pass  # not made yet, or unreadable: made below
    made = _make()
    if made is None:
        return None
    keys, masks = made
    if path is not None:
        _save(path, keys, masks)
    return keys, masks


def _cache_file(version: str) -> Path | None:
    """The stem of the table's two files (``-keys.npy``, ``-masks.npy``)."""
    try:
        faker_version = metadata.version("faker")
    except metadata.PackageNotFoundError:
        return None
    from veil.config import Settings

    made_of = repr((_RULES, _RARE_FREQUENCY, LANGUAGES, version, faker_version,
                    _census_version()))
    digest = hashlib.sha256(made_of.encode()).hexdigest()
    return Settings().cache_dir / "names" / f"language-words-{digest[:16]}"


def _census_version() -> str | None:
    try:
        return metadata.version("names")
    except metadata.PackageNotFoundError:
        return None


def _save(path: Path, keys: Any, masks: Any) -> None:
    """The table's arrays beside ``path`` each whole or not at all (the masks last: a reader
    finds both or fails); a cache that cannot be written is left alone (each process then
    makes the table)."""
    import numpy as np

    for suffix, array in (("-keys.npy", keys), ("-masks.npy", masks)):
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".npy")
            with os.fdopen(fd, "wb") as f:
                np.save(f, array)
            os.replace(tmp, path.with_name(path.name + suffix))
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            return


def _make() -> tuple[Any, Any] | None:
    try:
        from wordfreq import available_languages, get_frequency_dict
    except ImportError:
        return None
    import numpy as np

    large_lists = available_languages("large")
    known = _names_and_places()
    words: dict[str, int] = {}
    for i, lang in enumerate(LANGUAGES):
        try:
            freqs = get_frequency_dict(lang, "small")
        except (LookupError, OSError, ValueError):
            continue
        for w in freqs:
            if len(w) >= 3 and w.isalpha() and w not in known:
                words[w] = words.get(w, 0) | 1 << i
        if lang not in large_lists:
            continue  # (asked for, wordfreq gives a neighbour's: Danish's is Norwegian's)
        try:
            large = get_frequency_dict(lang, "large")
        except (LookupError, OSError, ValueError):
            continue
        for w, f in large.items():
            if f < _RARE_FREQUENCY:
                break  # (the list runs from the most frequent word down)
            if w not in freqs and len(w) >= 3 and w.isalpha() and w not in known:
                words[w] = words.get(w, 0) | 1 << (32 + i)
    digests = np.fromiter((_digest(w) for w in words), dtype=np.uint64, count=len(words))
    masks = np.fromiter(words.values(), dtype=np.uint64, count=len(words))
    order = np.argsort(digests, kind="stable")
    return digests[order], masks[order]


def _names_and_places() -> frozenset[str]:
    """Every word of a given name, surname, city or region of every Faker locale, of the
    census's names and of Veil's own name and place lists, in lower case."""
    from faker.config import AVAILABLE_LOCALES

    from veil.detect.names import (
        ambiguous_first_names,
        first_names,
        given_names_and_words,
        last_names,
    )
    from veil.detect.place_names import PLACES

    known: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, str) and "{" not in value and "#" not in value:
            known.update(fold(w) for w in _WORD.findall(value))

    for kind, attrs in (("person", _NAME_ATTRS), ("address", _PLACE_ATTRS)):
        for loc in AVAILABLE_LOCALES:
            try:
                provider = importlib.import_module(f"faker.providers.{kind}.{loc}").Provider
            except (ImportError, AttributeError):
                continue
            for attr in dir(provider):
                if attr.startswith("_") or not any(a in attr for a in attrs):
                    continue
                values = getattr(provider, attr, None)
                if isinstance(values, (tuple, list, dict, set, frozenset)):
                    for value in values:
                        add(value)
    from importlib import resources

    for name in ("dist.all.last", "dist.female.first", "dist.male.first"):
        try:
            text = (resources.files("names") / name).read_text(encoding="ascii")
        except (ModuleNotFoundError, OSError, UnicodeDecodeError):
            continue
        known.update(line.split(" ", 1)[0].lower() for line in text.splitlines() if line)
    for listed in (first_names(), last_names(), ambiguous_first_names(),
                   given_names_and_words(), PLACES):
        for value in listed:
            add(value)
    # a woman's form of an adjectival Polish or Czech surname, which the lists hold in its
    # man's form only (`Wróblewski` -> `Wróblewska`, `Novotný` -> `Novotná`)
    for ending, female in _FEMALE_ENDINGS:
        known.update(w[:-len(ending)] + female for w in list(known) if w.endswith(ending))
    return frozenset(known)


_FEMALE_ENDINGS = (("ski", "ska"), ("cki", "cka"), ("ský", "ská"), ("cký", "cká"), ("ný", "ná"))


__all__ = ["COMPOUNDING", "LANGUAGES", "bit", "compound_languages", "english_function_word",
           "english_words", "fold", "language_names", "languages_of", "rare_languages_of",
           "stop_languages", "written_languages"]
