"""First- and last-name lists, read at run time from the installed Faker locale providers.

Used by the NER layer to (a) confirm or extend PERSON spans and (b) find names spaCy misses
after greetings and titles. Lists are loaded once per process and kept as lower-case sets.

Importing Faker costs a fresh process 0.1-0.2 s, most of what the lists cost: the lists are
therefore also kept as files in ``<cache_dir>/names/`` (:func:`from_faker`), named by a digest
of everything they are made from (Faker's version, the locales, the words left out, the
rules), so a new Faker or a new rule makes a new file. A file that cannot be read, or whose
words do not match the digest on its first line, is made again.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: the version of the rules that turn Faker's providers into word lists (here and in
#: veil.detect.gazetteer): change it with them, and every list is made again
_RULES = 4

# Latin-script locales whose names commonly appear in English text.
_LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL",
            "pt_BR", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "hr_HR", "sl_SI",
            "hu_HU", "tr_TR", "en_NG", "en_KE", "en_NZ", "en_PK", "yo_NG", "ig_NG", "ha_NG",
            "tw_GH", "sw", "zu_ZA", "ja_JP")

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
    # from the lists of New Zealand, Pakistan, Nigeria, Ghana, East and South Africa and Japan
    "mad", "man", "sad", "nail", "raid", "loot", "foot", "guard", "hook", "way", "low", "ham",
    "hay", "herd", "steer", "reader", "priest", "orchard", "danish", "safari", "harmony",
    "trinity", "phoenix", "israel", "paris", "dick", "boon", "gore", "pike", "watt",
    "burr", "craw", "webby", "blick", "thole", "gee", "baa", "ata", "swazi", "omani", "mamba",
    "tutu", "wadi", "kiwi", "taro", "rex", "aba", "lut", "yar", "sair", "mensa", "anima",
    # from the broad lists: proper nouns that are seldom a person's given name
    "christ", "messiah", "santa", "sunday", "january", "french", "venus", "taurus", "orion",
    "madonna", "senora", "nile", "terra", "odin", "crete", "ceylon", "columbia", "erie",
    "seneca", "shawnee", "malaya", "cambria", "siena", "destin", "shasta", "olympia", "kyrie",
    "santo",
})


#: a person's relation to the writer, whose next word is the person's name ("coworker
#: Dmitri", "my neighbour Svetlana"): a capitalised word after one of these is a name even when
#: no list holds it. Not a boss, a manager, a client or a landlord ("boss Fight", "Client
#: Services", "Tenant Portal").
KIN: tuple[str, ...] = (
    "mother", "father", "mum", "coworker", "co-worker", "colleague", "neighbor", "neighbour",
    "roommate", "flatmate", "cousin", "uncle", "aunt", "auntie", "nephew", "niece", "grandma",
    "grandpa", "grandmother", "grandfather", "granny", "grandson", "granddaughter", "boyfriend",
    "girlfriend", "fiance", "fiancé", "fiancee", "fiancée", "stepson", "stepdaughter", "nanny",
    "babysitter", "caregiver",
    # the in-laws and step- and half-relatives ("my brother-in-law Giorgos"; a plain "brother"
    # or "sister" may open a title: "Sister Act")
    "brother-in-law", "sister-in-law", "son-in-law", "daughter-in-law", "mother-in-law",
    "father-in-law", "stepmother", "stepfather", "stepbrother", "stepsister", "half-brother",
    "half-sister", "godmother", "godfather", "ex-wife", "ex-husband")
#: every relation whose next word may be a name, the kin and the people one deals with ("my
#: boss bob": a known given name after these)
RELATIONS: tuple[str, ...] = (*KIN, "boss", "manager", "supervisor", "wife", "husband",
                              "partner", "spouse", "son", "daughter", "kid", "child", "baby",
                              "brother", "sister", "bro", "sis", "mom", "dad", "friend",
                              "bestie", "buddy", "gf", "bf", "ex", "landlord", "landlady",
                              "tenant", "client", "patient", "therapist", "lawyer", "attorney",
                              "teacher", "tutor", "coach", "doctor", "dentist", "nurse",
                              "stepmom", "stepdad", "in-law", "ex-girlfriend", "ex-boyfriend",
                              "ex-partner", "ex-fiance", "ex-fiancé", "godson", "goddaughter",
                              "twin", "bff", "housemate", "classmate", "teammate", "carer")


def _stop_words() -> frozenset[str]:
    from veil.detect.stopwords import stop_words  # the word list only, spaCy not imported

    return stop_words("en")


def _latin_word(x: str) -> bool:
    """A name of more than one letter, all of them Latin (ja_JP's and zh's lists in their own
    scripts are read by their own recognizers)."""
    return len(x) > 1 and x.isalpha() and all(c < "\u0250" for c in x)


#: Faker's "en" lists: the United States' given names of a century (4,700 more than en_US
#: holds: "Tamika", "DeShawn", "Keisha", "Jaylen"), among them a thousand English words ("Add",
#: "Author", "Branch"); only the names no English dictionary writes in lower case are read
#: (it lists "Bartholomew" and "Archibald" capitalised), and no place's ("Alabama").
_BROAD_LOCALES = ("en",)


def _not_broad_names() -> frozenset[str]:
    """What the broad lists' names must not be: common words and places."""
    from veil.detect.place_names import ALSO_NAMES, PLACES

    return lower_case_words() | (PLACES - ALSO_NAMES)


@lru_cache(maxsize=1)
def lower_case_words() -> frozenset[str]:
    """The words Webster's Second and GCIDE write in lower case: common words, not the names
    they also list capitalised ("legal", not "rahul"). Kept as a file like the name lists
    (the dictionary itself takes 0.2 s to read)."""
    return from_faker("lower_case_words", (metadata.version("english-words"),),
                      _make_lower_case_words)


#: the endings :func:`dictionary_word` takes off
_INFLECTIONS = ("ies", "ied", "ing", "ed", "es", "s", "d", "er", "ers")


def dictionary_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a common word or an inflection of one ("yelled",
    "calls", "stopped", "tries"): the dictionaries list lemmas only."""
    words = lower_case_words()
    if word in words:
        return True
    if not word.endswith(_INFLECTIONS):  # most names: no ending to take off
        return False
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", ""), ("ing", "e"), ("er", ""), ("ers", "")):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            stem = word[: -len(suffix)] + repl
            # a doubled consonant before the ending ("stopped", "running")
            if stem in words or len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True
    return False


def _make_lower_case_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2", "gcide"], alpha=True,
                                                      lower=False) if w.islower())


def _load(attr: str) -> frozenset[str]:
    names: set[str] = set()
    for loc in _LOCALES + _BROAD_LOCALES:
        words = _not_broad_names() if loc in _BROAD_LOCALES else frozenset()
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        prov = getattr(mod, "Provider", None)
        # (pl_PL names its lists the other way round: "male_last_names", "unisex_last_names")
        # (ja_JP keeps its names in Latin letters under "first_romanized_names")
        stem = attr.removesuffix("s")
        for a in (attr, f"{attr}_male", f"{attr}_female", f"{attr}_nonbinary", f"male_{attr}",
                  f"female_{attr}", f"unisex_{attr}", f"{stem.replace('_', '_romanized_')}s"):
            vals = getattr(prov, a, None)
            if vals:
                names.update(low for x in vals if _latin_word(str(x))
                             and (low := str(x).lower()) not in words)
    return frozenset(n for n in names - _COMMON_WORDS - _stop_words() if len(n) >= 3)


def from_faker(name: str, made_of: tuple[object, ...],
               make: Callable[[], frozenset[str]]) -> frozenset[str]:
    """The word list ``make()`` builds from Faker's providers, read from its file when one was
    made already (``made_of``: what else the list depends on besides Faker's version and
    :data:`_RULES`). A file whose digest does not match its words is made again."""
    path = _cache_file(name, made_of)
    if path is not None:
        try:
            head, _, body = path.read_text(encoding="utf-8").partition("\n")
            if head == _digest_line(body):
                return frozenset(body.split("\n")) - {""}
        except (OSError, UnicodeDecodeError):
            pass  # not made yet, or unreadable: made below
    words = make()
    if path is not None:
        body = "\n".join(sorted(words))
        _write_whole(path, f"{_digest_line(body)}\n{body}")
    return words


def _digest_line(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


def _cache_file(name: str, made_of: tuple[object, ...]) -> Path | None:
    try:
        faker_version = metadata.version("faker")
    except metadata.PackageNotFoundError:
        return None
    from veil.config import Settings

    digest = hashlib.sha256(repr((name, faker_version, _RULES, made_of)).encode()).hexdigest()
    return Settings().cache_dir / "names" / f"{name}-{digest[:16]}.txt"


def _write_whole(path: Path, text: str) -> None:
    """``text`` into ``path`` whole or not at all (a concurrent reader never sees half a
    list); a cache that cannot be written is left alone: every process then makes the lists."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _lists_made_of() -> tuple[object, ...]:
    from veil.detect.place_names import ALSO_NAMES, PLACES

    return (_LOCALES, _BROAD_LOCALES, metadata.version("english-words"), sorted(_COMMON_WORDS),
            sorted(_stop_words()), "lower-case words", sorted(PLACES - ALSO_NAMES))


def _census_version() -> str | None:
    try:
        return metadata.version("names")
    except metadata.PackageNotFoundError:
        return None


def _census_surnames() -> frozenset[str]:
    """The surnames of the United States' 1990 census (the ``names`` package's list: 88,799 of
    every origin, "Whitfield", "Fairweather", "Annan", where Faker's lists hold a few thousand),
    less those a dictionary writes in lower case ("price", "young", "stores") and places: read
    as the broad lists are. Empty without the package."""
    from importlib import resources

    try:
        text = (resources.files("names") / "dist.all.last").read_text(encoding="ascii")
    except (ModuleNotFoundError, OSError, UnicodeDecodeError):
        return frozenset()
    from veil.detect.lexicon import CALENDAR_WORDS

    words = _not_broad_names() | _NOT_SURNAMES | CALENDAR_WORDS | _stop_words()
    # (an inflection of a word too: "stores", "walked"; a day: "Anna Monday morning")
    return frozenset(low for line in text.splitlines()
                     if (low := line.split(" ", 1)[0].lower()).isalpha() and len(low) >= 3
                     and low not in words and not dictionary_word(low))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return from_faker("first_names", _lists_made_of(), lambda: _load("first_names"))


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    """Faker's surnames and the census's (:func:`_census_surnames`)."""
    census = from_faker("census_surnames", (*_lists_made_of(), _census_version()),
                        _census_surnames)
    return faker_last_names() | census


@lru_cache(maxsize=1)
def given_names_and_words() -> frozenset[str]:
    """The English-speaking world's given names with those that are common words too
    ("Felicity", "Amber", "Hunter", which :func:`first_names` leaves out for the English
    dictionary's sake): Faker's English locales and the 1990 census's given names. What a
    capitalised word of an English text may be before it is called no one's name ("Peer",
    a German given name, is an English word there)."""
    return from_faker("given_names_and_words", (_LOCALES, _BROAD_LOCALES, _census_version()),
                      _english_given_names)


def _english_given_names() -> frozenset[str]:
    from importlib import resources

    names: set[str] = set()
    for loc in (*(c for c in _LOCALES if c.startswith("en")), *_BROAD_LOCALES):
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        prov = getattr(mod, "Provider", None)
        for a in ("first_names", "first_names_male", "first_names_female",
                  "first_names_nonbinary"):
            names.update(str(x).lower() for x in getattr(prov, a, None) or ()
                         if _latin_word(str(x)))
    for part in ("dist.male.first", "dist.female.first"):
        try:
            text = resources.files("names").joinpath(part).read_text(encoding="ascii")
        except (ModuleNotFoundError, OSError, UnicodeDecodeError):
            continue
        names.update(line.split(" ", 1)[0].lower() for line in text.splitlines() if line)
    return frozenset(names)


@lru_cache(maxsize=1)
def faker_last_names() -> frozenset[str]:
    """Faker's surnames alone: a few thousand, of which few are also given names."""
    return from_faker("last_names", _lists_made_of(), lambda: _load("last_names"))


def not_surnames() -> frozenset[str]:
    """Capitalised words that end no person's name: the common words above and the words of
    places and organisations ("Jane Street", "Wei Group")."""
    return _NOT_SURNAMES


_NOT_SURNAMES = _COMMON_WORDS | frozenset({
    "street", "road", "avenue", "lane", "drive", "inc", "ltd", "llc", "corp", "group", "bank",
    "hospital", "clinic", "university", "college", "school", "airport", "city", "county", "park",
    "square", "plaza", "station", "office", "team", "support", "foundation", "institute",
    "center", "centre", "company", "partners", "holdings", "labs", "capital", "ventures",
    "suite", "apt", "apartment", "unit", "floor", "building", "box", "room", "beach", "bay",
    "island", "lake", "valley", "heights", "falls", "springs", "harbor", "harbour", "port",
    "force", "department", "ministry", "agency", "council", "committee", "court", "house",
    "tower", "mall", "market", "services", "systems", "solutions", "technologies", "consulting",
    "associates", "international", "global", "museum", "library", "cathedral", "stadium",
    "arena", "airlines", "motors", "pharmacy", "hotel", "resort", "cafe", "restaurant",
    "corporation", "incorporated", "limited", "investment", "investments", "trust", "fund",
    "securities", "financial", "insurance", "industries", "enterprises", "bancorp",
    "pharmaceuticals", "therapeutics", "energy", "resources", "notes", "bonds"})


def ambiguous_first_names() -> frozenset[str]:
    """Names that are also common words ("Will", "Grace"): a PERSON only with strong context."""
    return _AMBIGUOUS


_AMBIGUOUS = frozenset({"will", "may", "june", "april", "august", "summer", "rose", "grace",
                        "hope", "faith", "joy", "mark", "bill", "art", "chase", "ray", "dawn",
                        "ivy", "sunny", "dean", "pat", "miles", "sky", "star", "rich", "king"})
