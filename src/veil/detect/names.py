"""First- and last-name lists, read at run time from the installed Faker locale providers.

Used by the NER layer to (a) confirm or extend PERSON spans and (b) find names spaCy misses
after greetings and titles. Lists are loaded once per process and kept as lower-case sets.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

# Latin-script locales whose names commonly appear in English text.
_LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL",
            "pt_BR", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "hr_HR", "sl_SI",
            "hu_HU", "tr_TR", "en_NG", "en_KE")

# Capitalised words that are names in Faker's lists but far more often ordinary words.
_COMMON_WORDS = frozenset({
    "will", "may", "june", "april", "august", "summer", "winter", "autumn", "rose", "grace",
    "hope", "faith", "joy", "mark", "bill", "art", "page", "chase", "young", "long", "white",
    "black", "brown", "green", "king", "price", "case", "hall", "wall", "ward", "day", "rich",
    "love", "star", "sky", "ray", "dean", "major", "miles", "pat", "sunny", "dawn", "ivy",
    "the", "and", "for", "you", "can", "new", "son", "van", "von", "de", "la", "le", "di", "da",
    "see", "lee", "gay", "cook", "bell", "hunt", "pope", "west", "north", "south", "east",
    "street", "hill", "lane", "park", "field", "fields", "wood", "woods", "church", "stone",
    "banks", "mills", "holmes", "bush", "moon", "rock", "sharp", "free", "best", "little",
    "server", "error", "warning", "info", "debug", "admin", "user", "support", "team", "thanks",
})


def _stop_words() -> frozenset[str]:
    from veil.detect.stopwords import stop_words  # the word list only, spaCy not imported

    return stop_words("en")


def _load(attr: str) -> frozenset[str]:
    names: set[str] = set()
    for loc in _LOCALES:
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        prov = getattr(mod, "Provider", None)
        for a in (attr, f"{attr}_male", f"{attr}_female", f"{attr}_nonbinary"):
            vals = getattr(prov, a, None)
            if vals:
                names.update(str(x).lower() for x in vals if str(x).isalpha() and len(x) > 1)
    return frozenset(n for n in names - _COMMON_WORDS - _stop_words() if len(n) >= 3)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _load("first_names")


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    return _load("last_names")


def ambiguous_first_names() -> frozenset[str]:
    """Names that are also common words ("Will", "Grace"): a PERSON only with strong context."""
    return _AMBIGUOUS


_AMBIGUOUS = frozenset({"will", "may", "june", "april", "august", "summer", "rose", "grace",
                        "hope", "faith", "joy", "mark", "bill", "art", "chase", "ray", "dawn",
                        "ivy", "sunny", "dean", "pat", "miles", "sky", "star", "rich", "king"})
