"""People's names no list holds, in lower case or capitals, in English text.

The name lists are Faker's and the US census's: they hold few of the given names of South and
East Asia, Africa, the Arab world or the Pacific ("deepika", "sowmya", "oluwaseun", "tamatea"),
and the models and the capitalised heuristics need a capital that chat leaves out. Two pieces
of evidence that are cheap to test stand in for the list:

- a word that no dictionary writes in lower case beside a known name, both in lower case (or
  both in capitals): ``deepika iyer``, ``rajesh kumar``, ``tobias ellersby``, ``VASYL
  HRYTSENKO``. A run of such words is one name (``gurpreet singh sandhu``). At least one word
  is a surname or given name that is itself no dictionary word: two unknown words are as often
  a product and a loanword;
- a known surname, or a word no dictionary writes, right after a word that only a person
  follows: a title or a form of address of the world's languages (``prof. ramanujan``, ``khun
  siriporn``), a request's verb and the like (``ask patil``, ``ping oyelaran about it``, ``cc:
  nguyen, okafor``, ``as discussed with mensah``), and a known given name before a possessive
  (``kofi's car``).

Only English messages are read (a word of another language is no dictionary word). A word
wordfreq's English list holds (used once in a million words: "bei", "monday", "laptop") and no
name list does is no name no list holds (without wordfreq, as before); in capitals a known name
of three letters alone is no evidence ("SHORT AUD", a currency).

Cost: the words are not all read. One automaton pass over the text in lower case (the one
lower-cased copy the recognizers share) finds the words a rule starts from, whole words only;
those the next word rules out are dropped, and only the stretches around the rest are read,
each bounded by two words that bear on no rule (:func:`_stretches`): the same detections as
reading every word, for less than half the cost on a ~1 KB prompt.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from importlib import metadata

from ahocorasick_rs import BytesAhoCorasick

from veil.detect.entity import Detection
from veil.detect.language_words import languages_of, written_languages
from veil.detect.names import (
    ambiguous_first_names,
    dictionary_word,
    first_names,
    from_faker,
    last_names,
    not_surnames,
)
from veil.detect.patterns import folded
from veil.detect.recognizer import Recognizer
from veil.detect.stopwords import stop_words

SCORE = 0.75
#: a word: letters, parts joined by a hyphen or an apostrophe ("al-qahtani", "o'neill")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+|['’](?![sS](?![^\W\d_]))[^\W\d_]+)*")
#: what may stand between two words of one name
_GAP = frozenset({" ", "\t"})

#: Latin-script locales of Faker that :mod:`veil.detect.names` does not read, whose given names
#: and surnames count as known here (Indonesian, Thai, Chinese and Vietnamese romanised, Latin
#: American, Algerian, Central Asian, Baltic and more of Europe's).
_WORLD_LOCALES = ("id_ID", "en_TH", "zh_CN", "zh_TW", "vi_VN", "es_MX", "es_AR", "es_CO",
                  "es_CL", "pt_PT", "fr_DZ", "az_AZ", "uz_UZ", "ro_RO", "lt_LT", "lv_LV",
                  "et_EE", "sk_SK", "ga_IE")
#: Cyrillic locales, read in the Latin letters English writes them with
_CYRILLIC_LOCALES = ("ru_RU", "uk_UA", "bg_BG")

#: Words after which a person's name follows: titles and forms of address, English and of the
#: world's languages (Thai "khun", Indonesian "pak" and "bu", Malay "encik", Hausa "malam",
#: Swahili "bwana" and "mama", Filipino "kuya" and "ate", Hindi "shri" and "smt")
FORMS_OF_ADDRESS = frozenset({
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "doctor", "nurse", "coach",
    "sir", "madam", "dame", "rev", "pastor", "father", "sister", "brother",
    "uncle", "aunt", "auntie", "aunty", "grandma", "grandpa", "cousin",
    "khun", "bapak", "ibu", "encik", "cik", "puan", "malam", "mallam", "alhaji", "alhaja",
    "bwana", "mzee", "mama", "kuya", "shri", "smt", "shrimati", "ustaz", "ustadh", "sheikh",
    "haji", "hajjah", "sensei", "ajarn", "didi", "bhaiya",
    # Indonesian "bu" (of "ibu") and a grandparent's "nana" ("bu wulandari", "nana ama")
    "bu", "nana",
})
#: Words a request or a report puts before the person it is about: a known surname, or a word
#: no dictionary writes, after them is a name ("ask patil", "per svetlana", "approved by
#: chaudhry"). Two words apart ("talked to", "check with") are read as one.
_CUES = frozenset({
    "ask", "tell", "ping", "cc", "bcc", "remind", "thank", "thanks", "thx", "hi", "hey", "hello",
    "dear", "per", "called", "named", "emailed", "messaged", "texted", "met", "cc:", "bcc:",
    "loop in", "looped in", "check with", "checked with", "discussed with", "talked to",
    "talk to", "spoke to", "speak to", "spoke with", "talked with", "approved by", "signed by",
    "reviewed by", "sent by", "assigned to", "reassign to", "forward to", "forwarding to",
    "reach out to", "reached out to", "meeting with", "call with", "its", "it's", "it’s",
    # who wrote, pushed or was given a change, as git and trackers write them in lower case
    # ("committed by fkaraca", "author: lars"), and who is asked along ("invite rangi")
    "committed by", "pushed by", "authored by", "merged by", "reported by", "raised by",
    "author", "committer", "reviewer", "assignee", "invite", "invited",
})
#: a form's, a roster's or a ticket's labels, before a colon only: a known name after one, or a
#: word no list holds of five letters or more, is a name ("Absent: zanele", "Agent: mfundo"), a
#: list after it too ("Attendance: nomvula, lwazi, thabo"); without the colon they are as often
#: a common noun's adjective
_LABELS = frozenset({
    "present", "absent", "attendance", "attendees", "attendee", "apologies", "participants",
    "agent", "requester", "customer", "caller", "donor", "witness", "chair", "chairperson",
    "secretary", "treasurer", "captain", "subs", "players", "guests", "members", "speaker",
    "host", "organiser", "organizer", "owner", "contact", "pupil", "student", "students",
    "driver", "technician", "attending", "volunteers", "interpreter", "referee", "candidate",
    "worker",
})
#: prepositions a person's name follows as often as a place's or a product's: only a known
#: given name that is neither a dictionary word nor common English is one after them ("hear
#: back from svetlana"; "from jordan", "with chelsea" stay)
_WEAK_CUES = frozenset({"from", "with", "to", "for",
                        # and a reference's verb ("happy to recommend oksana for the role")
                        "recommend", "recommending", "recommended"})
#: words no dictionary lists that are no one's name: chat's abbreviations and slang, and the
#: software and assistants a request names ("ask chatgpt", "ping localhost")
_NOT_PEOPLE = frozenset({
    "btw", "lol", "thx", "pls", "plz", "tho", "haha", "hehe", "ok", "okay", "fyi", "asap", "idk",
    "imo", "imho", "tbh", "omg", "brb", "ttyl", "lmao", "rofl", "np", "nvm", "irl", "afaik",
    "iirc", "smh", "fwiw", "gonna", "wanna", "gotta", "kinda", "sorta", "lemme", "dunno", "ya",
    "yeah", "yep", "yup", "nope", "nah", "hmm", "umm", "uh", "thnx", "ty", "tysm", "eod",
    "eow", "ooo", "wfh", "pto", "ur", "u", "r", "tmrw", "tmr", "tomo", "rn", "bc", "cuz",
    "coz", "ppl", "msg", "msgs", "pic", "pics", "info", "admin", "sysadmin", "devops", "infra",
    "prod", "dev", "qa", "uat", "localhost", "chatgpt", "gpt", "copilot", "siri", "alexa",
    "cortana", "bard", "gemini", "claude", "google", "bing", "slack", "jira", "github", "gitlab",
    "bitbucket", "zendesk", "salesforce", "hubspot", "whatsapp", "gmail", "outlook", "zoom",
    "teams", "webex", "okta", "vpn", "wifi", "api", "ui", "ux", "hr", "it", "ops", "helpdesk",
    "servicedesk", "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "team",
    "folks", "guys", "yall", "y'all", "all", "them", "him", "her", "me", "us", "you", "abt",
    "wrt", "pov", "bcoz", "becoz", "thru", "ofc", "obv", "prob", "probs", "cos",
    # and the function words of Hindi and Urdu written in Latin letters ("bhai mera naam ...")
    "bhai", "mera", "meri", "mere", "naam", "hai", "hain", "tha", "thi", "kya", "nahi", "nahin",
    "aap", "aapka", "mujhe", "mujhko", "humko", "hum", "tum", "kar", "karo", "karna", "bhi",
    "yaar", "accha", "acha", "theek", "thik", "bahut", "abhi", "kal", "aaj", "jaldi", "dena",
    "chahiye", "wala", "wali", "bhar", "kaise", "kyun", "lekin", "aur", "se", "ko", "ka", "ki",
    # and Latin's terms of law ("res judicata", "voir dire", "habeas corpus")
    "judicata", "habeas", "certiorari", "mandamus", "limine", "curiae", "prosequi",
    "conveniens", "loquitur", "decisis", "decidendi", "meruit", "vires", "generis", "reus",
    "facie", "tunc", "tecum", "pendens", "warranto", "judice", "curiam", "obiter", "personam",
    "amicus", "voir",
})


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Cyrillic in the Latin letters English writes names with ("Дмитрий" -> "dmitriy", "dmitry")
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g"}
#: Ukrainian's own readings of the letters Russian reads otherwise
_UKRAINIAN = {"г": "h", "и": "y", "е": "e", "щ": "shch"}


def _cyrillic_latin(word: str, ukrainian: bool) -> set[str]:
    """The Latin spellings of a Cyrillic name: letter by letter, "-ий" also as "-y" and "-i"."""
    low = word.lower()
    table = {**_CYRILLIC, **_UKRAINIAN} if ukrainian else _CYRILLIC
    if any(c not in table for c in low):
        return set()
    out = {"".join(table[c] for c in low)}
    if low.endswith("ий"):
        stem = "".join(table[c] for c in low[:-2])
        out |= {stem + "y", stem + "i"}
    return out


def _make_world(attr: str) -> frozenset[str]:
    names: set[str] = set()
    for loc in _WORLD_LOCALES + _CYRILLIC_LOCALES:
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):
            continue
        stem = attr.removesuffix("s")
        for a in (attr, f"{attr}_male", f"{attr}_female", f"{attr}_unisex", f"male_{attr}",
                  f"female_{attr}", f"{stem.replace('_', '_romanized_')}s", "middle_names"):
            if a == "middle_names" and attr != "first_names":
                continue
            vals = getattr(prov, a, None)
            if not isinstance(vals, (tuple, list, dict)):
                continue  # (a property of the provider's instance, no list)
            for x in vals:
                for part in str(x).split():
                    if loc in _CYRILLIC_LOCALES:
                        names |= _cyrillic_latin(part, loc == "uk_UA")
                    else:
                        names.add(_strip_accents(part).lower())
    stops = stop_words("en")
    return frozenset(n for n in names if len(n) >= 3 and n.isalpha() and n.isascii()
                     and n not in stops and not dictionary_word(n))


@functools.cache
def world_names() -> frozenset[str]:
    """Given names and surnames of the world's locales that the English lists lack, in lower
    case, less every word a dictionary writes in lower case (kept in the names cache)."""
    return frozenset().union(*(from_faker(f"world-{attr}", (_WORLD_LOCALES, _CYRILLIC_LOCALES),
                                          functools.partial(_make_world, attr))
                               for attr in ("first_names", "last_names")))


@functools.cache
def _known() -> frozenset[str]:
    """Every known given name and surname, less the words English uses far more often."""
    from veil.detect.gazetteer import _LOWER_NOT_NAMES

    return (first_names() | last_names() | world_names()) - ambiguous_first_names() \
        - not_surnames() - _LOWER_NOT_NAMES - _stops()


@functools.cache
def _given() -> frozenset[str]:
    from veil.detect.gazetteer import _LOWER_NOT_NAMES

    return (first_names() | world_names()) - ambiguous_first_names() - _LOWER_NOT_NAMES \
        - _stops()


@functools.cache
def _stops() -> frozenset[str]:
    return frozenset(w.lower() for w in stop_words("en")) | _NOT_PEOPLE


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


@functools.lru_cache(maxsize=4096)
def _unlisted(word: str) -> bool:
    """A word (lower case) that may be a name no list holds: letters, three or more, parts
    joined by a hyphen ("al-qahtani", "ji-hoon") or after an Irish or French "o'"/"d'", no
    function word or chat's, no dictionary word nor an inflection of one, in each part."""
    if len(word) < 3 or word in _stops() or word in _IRREGULAR:
        return False
    if "'" in word and not re.fullmatch(r"[odn]'[a-z]{3,}", word):
        return False  # "i'll", "we're"
    if word.endswith(_PLURAL_ENDINGS):
        return False  # a people's or a trade's plural no dictionary lists ("ghanaians",
        # "bhutaneses", "songwriters"): a name no list holds is seldom one
    if word in _english() and word not in _known():
        return False  # common in English, and no known name ("bei", "monday", "laptop")
    parts = [p for p in re.split(r"[-']", word) if p]
    return all(p.isalpha() for p in parts) and not any(
        len(p) > 2 and (p in _stops() or p in _IRREGULAR or dictionary_word(p)) for p in parts)


def name_like(word: str) -> bool:
    """Whether a capitalised word ("Xiaoling", "Mbeki", "Tanaka-Whitfield") may be a person's
    name: a known given name or surname, or a word no dictionary writes in lower case (the
    evidence of :data:`UNLISTED_NAMES`; in Latin letters without accents: "Erikoislääkäri"
    is a Finnish word the English dictionaries lack), never a function word or chat's."""
    w = _plain(word)
    return w not in _stops() and (w in _known() or w.isascii() and (
        _unlisted(w) or "-" in w and all(p in _known() or _unlisted(p) for p in w.split("-") if p)))


def known_name(word: str) -> bool:
    """Whether ``word`` (any case) is a given name or a surname of the lists, less the words
    English uses far more often ("Maricel", "siriporn" is none)."""
    return _plain(word) in _known()


@functools.cache
def _english() -> frozenset[str]:
    """wordfreq's common English words (used at least once in a million) that no dictionary
    lists in lower case ("songwriters", "bei", "monday", "laptop"), kept in the names cache:
    one English writes that often and no list holds as a name is no name. Empty without
    wordfreq (the words are then read as before)."""
    try:
        made_of = ("wordfreq", metadata.version("wordfreq"), "english_words",
                   metadata.version("english-words"))
    except metadata.PackageNotFoundError:
        return frozenset()
    return from_faker("english-common", made_of, _make_english)


def _make_english() -> frozenset[str]:
    from veil.detect.language_words import english_words

    return frozenset(w for w in english_words() if not dictionary_word(w))


#: plural endings of the nouns the dictionaries list in the singular only
_PLURAL_ENDINGS = ("ians", "ans", "eses", "ers", "ists", "ors")
#: English's irregular past forms, which the dictionaries list under their verbs only
#: ("rosalinda bautista paid ...")
_IRREGULAR = frozenset({
    "paid", "made", "went", "gone", "got", "gotten", "took", "taken", "gave", "given", "came",
    "sent", "left", "felt", "kept", "told", "sold", "held", "brought", "bought", "thought",
    "caught", "taught", "found", "built", "spent", "lent", "meant", "ran", "won", "wrote",
    "written", "ate", "eaten", "drove", "driven", "rode", "ridden", "spoke", "spoken", "broke",
    "broken", "chose", "chosen", "froze", "frozen", "forgot", "forgotten", "knew", "known",
    "grew", "grown", "threw", "thrown", "flew", "flown", "drew", "drawn", "shown", "began",
    "begun", "sang", "sung", "swam", "stood", "understood", "sat", "lost", "heard", "hid",
    "hidden", "fed", "led", "fled", "slept", "dealt", "dug", "hung", "lit", "shot", "stuck",
    "struck", "wore", "worn", "tore", "torn", "woke", "woken", "beaten", "bitten", "rang",
    "rung", "risen", "sank", "sunk", "shook", "shaken", "stole", "stolen", "swore", "sworn",
    "became", "did", "done", "had", "was", "were", "been", "said", "saw", "seen", "met", "read",
    "let", "put", "set", "cut", "hit", "quit", "upset", "forgave", "forgiven", "withdrew",
    "overslept", "mistook", "undertook", "arose", "arisen", "dove", "sought", "fought", "wove",
    "bled", "bred", "clung", "crept", "swept", "wept", "spun", "sprang", "sprung", "strode",
    "shrank", "slid", "spat", "leapt", "dreamt", "learnt", "spelt", "burnt", "smelt", "spilt"})


#: surnames' endings of Slavic, Central Asian, Armenian, Georgian, Greek, Turkish and Romanian
#: families ("yuldasheva", "hovhannisyan", "beridze", "papadopoulos", "popescu"): a word of
#: seven letters or more with one, that no dictionary writes, is a surname the lists lack
_SURNAME_END = ("ova", "eva", "ovna", "evna", "ovich", "evich", "enko", "chuk", "yan",
                "ishvili", "adze", "idze", "poulos", "oglu", "escu", "aite", "iene")


def _known_word(word: str) -> bool:
    """A known name that is no dictionary word ("iyer", "kumar"), in each part of a
    hyphenated one that is known ("dlamini-khumalo"), or a surname by its ending."""
    if word in _known():
        return not dictionary_word(word)
    if len(word) > 6 and word.endswith(_SURNAME_END) and word.isascii() and _unlisted(word):
        return True
    parts = word.split("-")
    # (every part a known name: "jean-baptiste", whose "jean" a dictionary lists)
    return len(parts) > 1 and any(p in _known() and not dictionary_word(p) for p in parts) \
        and (_unlisted(word) or all(p in _known() for p in parts))


def _rare(word: str) -> bool:
    """A word no list holds, four letters or more of ASCII, that opens or joins a name only
    with a deed of a person's after it."""
    return len(word) > 3 and word.isascii() and _unlisted(word)


def _namey(word: str) -> bool:
    return word not in _stops() and (word in _known() or _unlisted(word)
                                     or "-" in word and (_known_word(word) or korean_given(word)))


#: the particles inside a name ("mohammed bin rashid", "YOUSSEF IBN KHALDOUN", "pham van duc")
_PARTICLES = frozenset({"bin", "ibn", "binti", "bint", "al", "el", "abu", "van", "de", "da",
                        "dos", "del", "di", "la", "te", "singh", "kaur", "thi"})
#: Korean family names as romanised, before a given name of two syllables joined by a hyphen
_KOREAN_SURNAMES = frozenset({
    "kim", "lee", "park", "choi", "jung", "chung", "kang", "cho", "yoon", "yun", "jang", "lim",
    "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "yoo", "hong", "jeon", "ko",
    "moon", "yang", "son", "bae", "baek", "heo", "nam", "noh", "ha", "kwak", "sung", "cha",
    "joo", "woo", "min", "ryu", "jin", "im", "gu", "na", "jo", "byun", "um", "won", "chae"})
_KOREAN_GIVEN = re.compile(r"(?:[a-z]{2,4}-[a-z]{2,4}|[A-Z][a-z]{1,3}-[a-z]{2,4}|"
                           r"[A-Z]{2,4}-[A-Z]{2,4})")
#: English's prefixes before a hyphen ("re-mix", "co-op"): no Korean given name's syllable
_PREFIXES = frozenset({"re", "co", "de", "un", "ex", "pre", "non", "pro", "anti", "self",
                       "so", "up", "in", "on", "off", "out", "mid", "sub", "all", "low", "high"})


def _korean_given(word: str) -> bool:
    """Whether a hyphenated word may be a Korean given name: its first syllable no English
    prefix nor a word of three letters or more ("ji-hoon", not "re-mix" or "walk-in")."""
    first = word.partition("-")[0]
    return first not in _PREFIXES and first not in _stops() and not (
        len(first) > 2 and dictionary_word(first))


#: a syllable of a Korean given name as romanised (Revised Romanisation and the spellings
#: people use: "ji", "woo", "hyun", "seo", "yeon", "jun"); English's pairs "wi-fi", "tic-tac"
#: hold a letter no syllable has
_KOREAN_SYLLABLE = r"(?:kk|tt|pp|ss|jj|ch|[gkndtrlmbpsjhwy])?[aeiouwy]{1,3}(?:ng|[knlmpt])?"
_KOREAN_SHAPE = re.compile(rf"({_KOREAN_SYLLABLE})-({_KOREAN_SYLLABLE})")


def korean_given(word: str) -> bool:
    """A Korean given name alone, its two syllables joined by a hyphen, in lower case
    ("hyun-woo", "ji-woo", "min-jun"): read after a cue or in a list, where a Korean surname
    need not stand before it (not "re-run", "hip-hop", "bye-bye")."""
    m = _KOREAN_SHAPE.fullmatch(word)
    return m is not None and m.group(1) != m.group(2) and len(m.group(1)) > 1 and \
        len(m.group(2)) > 1 and _korean_given(word)  # (not "e-mail")


#: a person's relation, after a possessive ("his wife padmavathi", "yesenia's son brayan")
_RELATIONS = frozenset({
    "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "mum", "mom",
    "dad", "boss", "manager", "friend", "colleague", "coworker", "neighbour", "neighbor",
    "cousin", "nephew", "niece", "uncle", "aunt", "partner", "fiance", "fiancee", "tenant",
    "landlord", "grandson", "granddaughter", "grandmother", "grandfather", "kid", "child",
    "roommate", "flatmate", "carer", "teacher", "tutor", "student", "intern", "assistant"})
_POSSESSIVES = frozenset({"my", "his", "her", "our", "their", "your"})
#: verbs a person does right after a given name in lower case ("sibusiso said ...")
_PERSON_VERBS = frozenset({
    "said", "says", "asked", "asks", "told", "tells", "called", "calls", "emailed", "texted",
    "replied", "replies", "mentioned", "wrote", "wants", "wanted", "thinks", "thought",
    "needs", "needed", "confirmed", "approved", "agreed", "joined", "signed", "submitted",
    "reported", "complained", "promised", "messaged", "phoned", "rang", "owes", "paid",
    "got", "gets", "arrived", "landed", "booked", "missed", "forgot", "bought", "won",
    # a meeting's minutes ("AOB: phuong raised the parking issue")
    "raised", "proposed", "suggested", "presented", "volunteered", "seconded"})
#: what only a person does, after a word no list holds that opens its clause, or two joined by
#: "and" ("bongani is driving", "xochitl just landed", "manpreet and simran are coming to"):
#: a machine runs and a festival comes up, neither texts nor lands
_HUMAN_AFTER = re.compile(
    r"[ \t]+(?:(?:just|already|finally|also|still|never)[ \t]+)?(?:said|says|told|asked|"
    r"texted|emailed|messaged|phoned|replied|promised|agreed|laughed|cried|apologi[sz]ed|landed|"
    r"booked|wants?[ \t]+to|"
    r"(?:is|was|are|were)[ \t]+(?:driving|picking|bringing|cooking|hosting|"
    r"coming[ \t]+(?:to|over|along|with|too))|"
    # an action item's owner ("chidinma to circulate the budget, vikram to book the venue")
    r"to[ \t]+(?:circulate|chase|draft|organi[sz]e|liaise|follow[ \t]+up|book|confirm|arrange|"
    r"contact))(?![\w-])")
#: where a person is, after a known given name that opens its clause ("when rahel is back",
#: "svetlana's off today"): a server is back too, so a word no list holds is none before it
_STATE_AFTER = re.compile(r"(?:[ \t]+(?:is|was)|['’]s)[ \t]+(?:back|out|off|away|sick|ill|"
                          r"on[ \t]+(?:leave|holiday|vacation|pto))(?![\w-])")
#: the words of :data:`_HUMAN_AFTER` that anchor a reading (a word no list holds is none)
_DEEDS = frozenset({
    "said", "says", "told", "asked", "texted", "emailed", "messaged", "phoned", "replied",
    "promised", "agreed", "laughed", "cried", "apologised", "apologized", "landed", "driving",
    "picking", "bringing", "cooking", "hosting", "coming", "booked", "want", "wants",
    "circulate", "chase", "draft", "organise", "organize", "liaise", "follow", "book", "confirm",
    "arrange", "contact"})
#: the deeds of :data:`_DEEDS` that follow "to" (an action item's)
_TO_DEEDS = frozenset({"circulate", "chase", "draft", "organise", "organize", "liaise", "follow",
                       "book", "confirm", "arrange", "contact"})
#: the word before a deed, over an adverb or "is" ("bongani is driving")
_BEFORE_DEED = re.compile(r"([^\W\d_]+)[ \t]+(?:(?:just|already|finally|also|still|never|is|"
                          r"was|are|were|to)[ \t]+)?\Z")
#: chat's openers before a clause's subject ("omg chiamaka got the job", "guys xochitl ...")
_OPENERS = frozenset({"and", "but", "so", "because", "tbh", "omg", "lol", "haha", "ok", "okay",
                      # a subordinate clause's subject ("lmk when rahel is back")
                      "when", "once", "until", "unless", "whether", "if", "while",
                      "guys", "btw", "wow", "yay", "oh", "fyi", "update"})


class UnlistedNamesRecognizer(Recognizer):
    """PERSON: names in lower case or capitals beside a known name or after a word only a
    person follows (see the module's docstring)."""

    name = "unlisted_names"
    entities = ("PERSON",)
    message_languages = ("en",)

    def analyze(self, text: str) -> list[Detection]:
        low = folded(text)
        if low is None:  # lower case changes the length ("İ"): every word read
            if not _may_hold(text):
                return []
            stretches: Iterator[list[re.Match[str]]] = iter([list(_WORD.finditer(text))])
        else:
            stretches = _stretches(text, _anchors(text, low))
        runs: list[Detection] = []
        cued: list[Detection] = []
        for words in stretches:
            self._read(text, words, runs, cued)
        return runs + cued

    def _read(self, text: str, words: list[re.Match[str]], out: list[Detection],
              cued: list[Detection]) -> None:
        """The rules over ``words``, consecutive words of ``text`` that the words around them
        do not bear on (see :func:`_stretches`): the runs into ``out``, the names a cue, a
        possessive, a verb or "and" shows into ``cued``."""
        if len(words) < 2:
            return
        cased = [w.group() for w in words]
        # lower case, or capitals of three letters or more; "" for a capitalised word
        lows = [_plain(w) if (w.islower() or w.isupper() and len(w) > 2) else "" for w in cased]
        taken: set[int] = set()
        n = len(words)
        # each distinct word judged once; the rules start only at a name-like word or a
        # Korean surname (most words are dictionary words: ~170 of a ~1 KB prompt were read
        # one by one)
        namey = {w: _namey(w) for w in set(lows) if w}
        foreign = [w for w, v in namey.items() if v and languages_of(w)]
        if foreign and (langs := written_languages(text, words[0].start(), words[-1].end())):
            # a common word of the language the text is written in, no name: a document
            # that reads as English ("quattordici mensilità", "bardzo dobry", "vid behov")
            namey.update((w, False) for w in foreign if languages_of(w) & langs)
        starts = [k for k, w in enumerate(lows) if w and (namey[w] or w in _KOREAN_SURNAMES)]
        after = 0  # the first word no earlier name holds
        for k in starts:
            if k < after:
                continue
            w = lows[k]
            if w in _KOREAN_SURNAMES and k + 1 < n and \
                    _KOREAN_GIVEN.fullmatch(cased[k + 1]) is not None and \
                    _korean_given(cased[k + 1].lower()) and \
                    text[words[k].end():words[k + 1].start()] in _GAP and \
                    self._edges_ok(text, words, k, k + 1):
                # "kim ji-hoon", "park seo-yeon": a Korean given name's two syllables
                self._emit(out, text, words[k].start(), words[k + 1].end())
                taken.update((k, k + 1))
                after = k + 2
                continue
            if k in taken or w in _PARTICLES or not namey[w]:
                continue
            # a run of name-like words in one case, one space or tab apart, particles inside
            j = k
            upper = cased[k].isupper()
            while j + 1 < n and lows[j + 1] and cased[j + 1].isupper() == upper and \
                    text[words[j].end():words[j + 1].start()] in _GAP and (
                        namey[lows[j + 1]] or lows[j + 1] in _PARTICLES):
                j += 1
            while j > k and lows[j] in _PARTICLES:
                j -= 1
            if j == k and upper and k + 1 < n and cased[k + 1].isupper() and \
                    text[words[k].end():words[k + 1].start()] in (", ", ",") and \
                    _known_word(w) and lows[k + 1] and _namey(lows[k + 1]):
                j = k + 1  # a record's "SURNAME, GIVEN" ("HOSSEINI, ARASH")

            run = [x for x in lows[k:j + 1] if x not in _PARTICLES]
            if len(run) > 1 and self._pair_ok(run, upper) and self._edges_ok(text, words, k, j):
                self._emit(out, text, words[k].start(), words[j].end())
                taken.update(range(k, j + 1))
                after = j + 1
        self._lists(text, words, lows, namey, taken, cued)
        self._after_cues(text, words, lows, taken, cued,
                         [k for k in starts if lows[k] not in _PARTICLES and namey[lows[k]]])

    def _lists(self, text: str, words: list[re.Match[str]], lows: list[str],
               namey: dict[str, bool], taken: set[int], out: list[Detection]) -> None:
        """A list of three or more name-like words in lower case, one word an item, commas
        (and a last "and" or "or") between, two of them known given names that no dictionary
        writes: a roster's or a team sheet's people ("group b: ngozi, tomasz, anahera, rustam,
        pilar"). Foods and tools in a list are dictionary words or at most one given name
        ("idli, jollof, pavlova")."""
        n = len(words)
        k = 0
        while k < n:
            if not (lows[k] and namey[lows[k]] and words[k].group().islower()):
                k += 1
                continue
            items = [k]
            j = k
            while j + 1 < n:
                gap = text[words[j].end():words[j + 1].start()]
                nxt = j + 1
                if gap in _GAP and lows[j + 1] in ("and", "or") and j + 2 < n and \
                        text[words[j + 1].end():words[j + 2].start()] in _GAP:
                    nxt = j + 2
                elif gap.strip(" \t") != ",":
                    break
                if not (lows[nxt] and namey[lows[nxt]] and words[nxt].group().islower()):
                    break
                items.append(nxt)
                j = nxt
            k = j + 1
            if len(items) < 3 or sum(lows[i] in _given() and not dictionary_word(lows[i])
                                     for i in items) < 2:
                continue
            for i in items:
                if i not in taken and lows[i] not in _PARTICLES and \
                        self._edges_ok(text, words, i, i):
                    self._emit(out, text, words[i].start(), words[i].end())
                    taken.add(i)

    @staticmethod
    def _pair_ok(run: list[str], upper: bool) -> bool:
        """Two to four words, one a known name that is no dictionary word, each either known
        or a word no dictionary writes; in capitals no acronym (four letters at least, a
        vowel), as a heading's words are."""
        if len(run) > 4:
            return False
        if upper and (max(map(len, run)) < 4 or any(
                len(w) < 3 or not re.search(r"[aeiouy]", w) for w in run)):
            return False
        # (in capitals, a name of three letters alone is no evidence: "SHORT AUD", a currency)
        return any(_known_word(w) and (len(w) > 3 or not upper) for w in run) and (
            any(_unlisted(w) for w in run) or all(w in _known() for w in run))

    @staticmethod
    def _edges_ok(text: str, words: list[re.Match[str]], k: int, j: int) -> bool:
        """Not part of a path, an address, an identifier or code: no such character against
        the run."""
        s, e = words[k].start(), words[j].end()
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        return before not in "@./\\_-#$`=<" and after not in "@/\\_-`=(>" and not (
            after == "." and e + 1 < len(text) and text[e + 1].isalnum())

    def _after_cues(self, text: str, words: list[re.Match[str]], lows: list[str],
                    taken: set[int], out: list[Detection], namey: list[int]) -> None:
        """A name right after a title, a request's word or a relation, before a possessive or
        a verb only people do, and two given names joined by "and" (``namey``: the indices of
        the name-like words, no particle, in order)."""
        n = len(words)
        for k in namey:
            m = words[k]
            w = lows[k]
            if k in taken or not m.group().islower():
                continue
            nxt = lows[k + 1] if k + 1 < n else ""
            cue = self._cue_before(text, words, lows, k)
            given = w in _given() and not dictionary_word(w)
            if "-" in w and cue in ("title", "cue", "label") and korean_given(w):
                ok = True  # "cc hyun-woo": its second syllable a word ("woo")
            elif cue == "title":
                ok = _namey(w)
            elif cue == "weak":
                ok = given and w.isascii() and w not in _english()
            elif cue == "label":
                # a word no list holds of five letters or more: an acronym or a brand in lower
                # case is shorter ("Caller: ssn is", "Caller: amex")
                ok = _known_word(w) or len(w) > 4 and _unlisted(w) and w.isascii()
            elif cue:
                # (a word no list holds in Latin letters without accents only: "per månad"
                # is Swedish, read as English)
                ok = _known_word(w) or _unlisted(w) and w.isascii() and not (
                    w.endswith("bot") or text.startswith("[bot]", m.end()))  # dependabot
            elif text.startswith(("'s", "’s"), m.end()):
                ok = given  # "kofi's car"
            elif text.startswith(": ", m.end()) and not char_before(text, m.start()).strip():
                ok = given  # a chat's speaker at a line's start ("svetla: thanks!")
            elif nxt in _PERSON_VERBS and text[m.end():words[k + 1].start()] in _GAP:
                ok = (given or _known_word(w) and w in first_names()) \
                    and self._clause_start(text, words, k)  # "sibusiso said"
            elif _STATE_AFTER.match(text, m.end()) is not None:
                ok = given and self._clause_start(text, words, k)
            elif _HUMAN_AFTER.match(text, m.end()) is not None:
                ok = (given or _rare(w)) and self._clause_start(text, words, k)
            elif nxt == "and" and k + 2 < n and words[k + 2].group().islower():
                other = lows[k + 2]
                ok = (w in first_names() and given and _namey(other)
                      or other in first_names() and other not in _stops()
                      and not dictionary_word(other) and _namey(w)
                      # "manpreet and simran are coming to": two no list holds, then a deed
                      or _rare(w) and _rare(other)
                      and _HUMAN_AFTER.match(text, words[k + 2].end()) is not None)
                if ok and self._edges_ok(text, words, k + 2, k + 2):
                    self._emit(out, text, words[k + 2].start(), words[k + 2].end())
                    taken.add(k + 2)
            else:
                ok = False
            if not ok or not self._edges_ok(text, words, k, k):
                continue
            end = m.end()
            if k + 1 < n and words[k + 1].group().islower() and \
                    text[m.end():words[k + 1].start()] in _GAP and nxt not in _PARTICLES and \
                    (_known_word(nxt) or _unlisted(nxt)):
                end = words[k + 1].end()
            self._emit(out, text, m.start(), end)

    @staticmethod
    def _clause_start(text: str, words: list[re.Match[str]], k: int) -> bool:
        """Whether word ``k`` opens its clause (the text's or a line's start, or after a stop,
        a comma or a colon): a subject, not an object."""
        before = char_before(text, words[k].start())
        return not before or before in ".!?,;:\n" or (
            k > 0 and words[k - 1].group().lower() in _OPENERS)

    @staticmethod
    def _cue_before(text: str, words: list[re.Match[str]], lows: list[str], k: int) -> str:
        """"title" after a title or a relation after a possessive, "cue" after a request's
        word, "" otherwise."""
        if k == 0:
            return ""
        between = text[words[k - 1].end():words[k].start()].strip(" \t")
        prev = lows[k - 1] or words[k - 1].group().lower()
        if between in ("", ".") and prev in FORMS_OF_ADDRESS:
            return "title"
        if between == "" and prev in _RELATIONS and k >= 2 and (
                words[k - 2].group().lower() in _POSSESSIVES
                or words[k - 2].group() == "s" and text[words[k - 2].start() - 1] in "'’"):
            return "title"
        if between not in ("", ":", ","):
            return ""
        if prev in _CUES:
            return "cue"
        if between == ":" and prev in _LABELS:
            return "label"
        if k >= 2 and text[words[k - 2].end():words[k - 1].start()] in _GAP and \
                f"{words[k - 2].group().lower()} {prev}" in _CUES:
            return "cue"
        if between == "" and prev in _WEAK_CUES:
            return "weak"  # (after the cues of two words: "discussed with", "talked to")
        # a list after a cue goes on over commas, "and" and "or" ("cc: nguyen, okafor",
        # "invite rangi and moana", "ask hamza or zainab")
        if between == "," and lows[k - 1] and _namey(lows[k - 1]):
            return UnlistedNamesRecognizer._cue_before(text, words, lows, k - 1)
        if between == "" and prev in ("and", "or") and k >= 2 and lows[k - 2] and \
                text[words[k - 2].end():words[k - 1].start()] in _GAP and _namey(lows[k - 2]):
            cue = UnlistedNamesRecognizer._cue_before(text, words, lows, k - 2)
            return cue if cue in ("cue", "label") else ""
        return ""

    def _emit(self, out: list[Detection], text: str, s: int, e: int) -> None:
        out.append(Detection("PERSON", s, e, SCORE, self.name, text[s:e]))


_PART = re.compile(r"[^\W\d_]+")


def _may_hold(text: str) -> bool:
    """Whether a rule above can fire in a text read word by word (lower case changes its
    length): one of its words is a known name that is no dictionary word, a Korean surname, or
    a word a cue rule reads before a name, in any case."""
    return not {p.lower() for p in set(_PART.findall(text))}.isdisjoint(_gate())


@functools.cache
def _gate() -> frozenset[str]:
    return _evidence() | _cue_words() | _DEEDS


@functools.cache
def _evidence() -> frozenset[str]:
    """Every part of a known name that is no dictionary word (a hyphenated name's parts each),
    and the Korean surnames."""
    return _name_parts() | _KOREAN_SURNAMES


@functools.cache
def _name_parts() -> frozenset[str]:
    """Every part of a known name that is no dictionary word (made once: ~0.35 s, which the
    anchors' automaton and the gate shared; most names are one word and need no split)."""
    names = _known() | _given() | first_names()
    parts = {n for n in names if n.isalpha()}
    parts.update(p for n in names if not n.isalpha() for p in _PART.findall(n))
    return frozenset(p for p in parts if not dictionary_word(p))


@functools.cache
def _cue_words() -> frozenset[str]:
    """The words a name follows in :meth:`UnlistedNamesRecognizer._cue_before`: a title, a
    relation, a request's word or the first of its two (a cue of three words never matches)."""
    return FORMS_OF_ADDRESS | _RELATIONS | _LABELS | frozenset(
        cue.split()[0] for cue in _CUES if cue.count(" ") < 2 and cue.replace(" ", "").isalpha())


@functools.cache
def _cue_words_not_labels() -> frozenset[str]:
    """The cue words that are cues without a colon too ("student" is a relation as well)."""
    return FORMS_OF_ADDRESS | _RELATIONS | frozenset(
        cue.split()[0] for cue in _CUES if cue.count(" ") < 2 and cue.replace(" ", "").isalpha())


@functools.cache
def _two_word_cues() -> frozenset[str]:
    return frozenset(cue for cue in _CUES if cue.count(" ") == 1)


@functools.cache
def _two_word_firsts() -> frozenset[str]:
    return frozenset(cue.split()[0] for cue in _two_word_cues())


@functools.cache
def _cue_context() -> frozenset[str]:
    """Every word a cue rule reads before a name (a cue's second word too)."""
    return _cue_words() | frozenset(w for cue in _two_word_cues() for w in cue.split())


#: an anchor's kind: a word a cue rule reads, evidence of a name, a Korean surname only, a
#: person's deed
_CUE, _NAME, _KOREAN, _DEED = 1, 2, 4, 8


def _fold(word: str) -> str:
    return word.replace("ı", "i").replace("ſ", "s")


def _add_kind(kinds: dict[str, int], word: str, kind: int) -> None:
    key = _fold(word)
    if key.isalpha():
        kinds[key] = kinds.get(key, 0) | kind


@functools.cache
def _kinds() -> dict[str, int]:
    """Every anchor word in lower case as the folded text writes it (Turkish "ı" as "i"), and
    its kinds."""
    kinds = dict(_few_kinds())
    for w in _name_parts():
        _add_kind(kinds, w, _NAME)
    return kinds


@functools.cache
def _few_kinds() -> dict[str, int]:
    """:func:`_kinds` less the names' parts: the cue words, Korean surnames and deeds."""
    kinds: dict[str, int] = {}
    for words, kind in ((_cue_words(), _CUE), (_KOREAN_SURNAMES, _KOREAN), (_DEEDS, _DEED)):
        for w in words:
            _add_kind(kinds, w, kind)
    return kinds


@functools.cache
def _odd_parts() -> tuple[frozenset[str], frozenset[str]]:
    """The parts of the known names that are not one plain ASCII word ("dlamini-khumalo",
    "o'brien"), and the ASCII words the folding makes of names' parts with a Turkish "ı" or a
    long "s" that no dictionary writes: with the three name lists, what :func:`_kind_of` needs
    to know of :func:`_name_parts` (one scan of the lists, not ~106,000 dictionary look-ups)."""
    parts: set[str] = set()
    folded_parts: set[str] = set()
    for names in (_known(), _given(), first_names()):
        for n in names:
            if n.isascii() and n.isalpha():
                continue
            split = [n] if n.isalpha() else _PART.findall(n)
            parts.update(split)
            folded_parts.update(_fold(p) for p in split
                                if ("ı" in p or "ſ" in p) and not dictionary_word(p))
    return frozenset(parts), frozenset(folded_parts)


def _kind_of(word: str) -> int:
    """``_kinds().get(word, 0)`` for one ASCII word in lower case, without making the table
    (~0.35 s, which one ``veil protect`` of a short text spent on its ~20 words)."""
    kind = _few_kinds().get(word, 0)
    parts, folded_parts = _odd_parts()
    if word in folded_parts or (word in _known() or word in _given() or word in first_names()
                                or word in parts) and not dictionary_word(word):
        kind |= _NAME
    return kind


@functools.cache
def _automaton() -> tuple[BytesAhoCorasick, list[int], dict[str, int]]:
    """Every anchor word (:func:`_kinds`) with a space on each side, found in one pass over the
    text's UTF-8 with every ASCII character but a letter made a space: a whole word only, not
    the ~50 pieces of words (``exa`` of "example") a search for the bare words found in a ~1 KB
    prompt. Its kinds, by the pattern's index and by the word."""
    kinds = _kinds()
    words = sorted(kinds)
    return (BytesAhoCorasick([f" {w} ".encode() for w in words]), [kinds[w] for w in words],
            kinds)


#: characters below which an ASCII text's words are looked up one by one: a short text (one
#: ``veil protect``) does not build the automaton (~0.1 s), and reads as fast either way
_AUTOMATON_CHARS = 512
#: an ASCII text's words as the automaton's pass sees them: runs of letters
_ASCII_WORD = re.compile(r"[A-Za-z]+")


#: every ASCII character but a letter as a space; other bytes (UTF-8's) as they are
_SPACED = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or c >= 128 else 32 for c in range(256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _anchors(text: str, low: str) -> list[int]:
    """Where a word a rule starts from begins, in order, less those the next word rules out (a
    title before a capitalised word, a name in mixed case, a Korean surname before no given
    name). ``low``: ``text`` in lower case, character for character."""
    if len(low) < _AUTOMATON_CHARS and low.isascii():
        # the table once a server's warm-up or a long text made it; else word by word
        kind_of: Callable[[str], int | None] = \
            _kinds().get if _kinds.cache_info().currsize else _kind_of
        hits = [(m.start(), m.end(), kind) for m in _ASCII_WORD.finditer(low)
                if (kind := kind_of(m.group()))]
    else:
        automaton, kinds, by_word = _automaton()
        raw = low.encode()
        found = automaton.find_matches_as_indexes(b" " + raw.translate(_SPACED) + b" ",
                                                  overlapping=True)
        if len(raw) == len(low):  # ASCII: a byte's offset is the character's
            hits = [(s, e - 2, kinds[i]) for i, s, e in found]
        else:
            hits = _in_characters(low, found, kinds, by_word)
    out: list[int] = []
    for s, e, kind in hits:
        if kind & _NAME:
            part = text[s:e]
            if part.islower() or part.isupper():
                out.append(s)
                continue
        if kind & _CUE and _may_cue(text, low, s, e):
            out.append(s)
        elif kind & _KOREAN:
            nxt = _WORD.search(text, e)
            if nxt is not None and text[e:nxt.start()] in _GAP and \
                    _KOREAN_GIVEN.fullmatch(nxt.group()) is not None:
                out.append(s)
        elif kind & _DEED:
            # (an action item's verb after "to" only, "want" before "to" only: common words,
            # which the search below would read back from at every use)
            if low[s - 3:s] != "to " if low[s:e] in _TO_DEEDS else \
                    low[s:e] in ("want", "wants") and low[e:e + 3] != " to":
                continue
            # read from the word before the deed, when it is a name-like word in lower case
            before = _BEFORE_DEED.search(text, max(0, s - 40), s)
            if before is not None and before.group(1).islower() and _namey(before.group(1)):
                out.append(before.start(1))
    return sorted(out)


def _in_characters(low: str, found: list[tuple[int, int, int]], kinds: list[int],
                   by_word: dict[str, int]) -> list[tuple[int, int, int]]:
    """The automaton's hits in a text with characters outside ASCII, in characters, and the
    anchor words beside such a character that is no letter ("’", "“", a no-break space),
    which its pass read as part of a word."""
    odd = list(_NON_ASCII.finditer(low))
    # where each such character starts in bytes, and its bytes past the first
    starts = [m.start() for m in odd]
    more = [len(m.group().encode()) - 1 for m in odd]
    at = list(itertools.accumulate(more, initial=0))
    places = [c + at[n] for n, c in enumerate(starts)]
    hits: set[tuple[int, int, int]] = set()
    for i, s, e in found:
        # the extra bytes before the word's start and before its end (raw: s to e - 2)
        hits.add((s - at[bisect.bisect_left(places, s)],
                  e - 2 - at[bisect.bisect_left(places, e - 2)], kinds[i]))
    for m in odd:
        if m.group().isalpha():
            continue
        p = m.start()
        after = _PART.match(low, p + 1)
        if after is not None and (kind := by_word.get(after.group(), 0)):
            hits.add((after.start(), after.end(), kind))
        s = p
        while s and low[s - 1].isalpha():
            s -= 1
        if s < p and (s == 0 or not low[s - 1].isalpha()) and (kind := by_word.get(low[s:p], 0)):
            hits.add((s, p, kind))
    return sorted(hits)


def _may_cue(text: str, low: str, s: int, e: int) -> bool:
    """Whether the cue word at ``s:e`` may come before a name: the next word is a name-like
    word in lower case or capitals with no more than a stop, a colon or a comma between, or a
    two words' cue's second."""
    first = low[s:e]
    if first in _LABELS and text[e:e + 1] != ":" and first not in _cue_words_not_labels():
        return False  # a label before its colon only ("Customer: ...", not "customer portal")
    if first not in _two_word_firsts() and text[e:e + 1] == " " and \
            text[e + 1:e + 2].isupper() and text[e + 2:e + 3].islower():
        return False  # a capitalised word next ("Dr Smith", "Hi Anna")
    nxt = _WORD.search(text, e)
    if nxt is None:
        return False
    gap = text[e:nxt.start()]
    word = nxt.group()
    if gap.strip(" \t") in ("", ".", ":", ",") and (word.islower() or word.isupper()
                                                    and len(word) > 2) \
            and _namey(_plain(word)):
        return True
    return gap in _GAP and f"{first} {word.lower()}" in _two_word_cues()


@functools.lru_cache(maxsize=16384)
def _inert(word: str) -> bool:
    """Whether a word bears on no rule: no cue rule reads it, and it is capitalised or no
    name-like word, particle, Korean surname or part of a known name. Two in a row bound what
    the rules read around a name (see :func:`_stretches`)."""
    if word.lower() in _cue_context():
        return False
    if not (word.islower() or word.isupper() and len(word) > 2):
        return True
    low = _plain(word)
    return not (_namey(low) or low in _PARTICLES or low in _KOREAN_SURNAMES
                or any(p in _evidence() for p in _PART.findall(low)))


#: how far back a look for the words before an anchor starts (characters)
_STEP = 32


def _stretches(text: str, anchors: list[int]) -> Iterator[list[re.Match[str]]]:
    """The stretches of consecutive words around the anchors, each from two inert words in a
    row (or the text's start) to two inert words in a row (or its end).

    The rules read a name's two words before and after it, and runs and lists of name-like
    words, none of them inert: within such a stretch they read what they read in the whole
    text, and outside every stretch no rule fires (each needs an anchor within two words). So
    a ~1 KB prompt's ~170 words are not all read, only a few around each anchor (the word
    regex alone cost ~50 us). A word is found from a whitespace on, where no word goes on
    across, or from the end of the word before it, as a reading of the whole text would."""
    cur: list[re.Match[str]] = []
    for s in anchors:
        if cur and s < cur[-1].end():
            continue  # read already
        back = _back(text, s, cur[-1].end() if cur else -1)
        if back is None:  # no two inert words since the last stretch: it goes on
            pos = cur[-1].end()
        else:
            if cur:
                yield cur
            cur = back
            pos = back[-1].end() if back else _space_before(text, s)
        for m in _WORD.finditer(text, pos):
            cur.append(m)
            if m.start() >= s and len(cur) > 1 and _inert(m.group()) and \
                    _inert(cur[-2].group()):
                break
    if cur:
        yield cur


def _back(text: str, s: int, floor: int) -> list[re.Match[str]] | None:
    """The words that start before ``s``, from the last two inert ones in a row before it (or
    the text's start) on; None where none are after ``floor`` (the end of the stretch before)."""
    words: list[re.Match[str]] = []
    stop = s
    while True:
        a = _space_before(text, stop - _STEP) if stop > _STEP else 0
        if a <= floor:
            return None
        chunk: list[re.Match[str]] = []
        for m in _WORD.finditer(text, a):
            if m.start() >= stop:
                break
            chunk.append(m)
        words[:0] = chunk
        for t in range(min(len(chunk), len(words) - 1) - 1, -1, -1):
            if _inert(words[t].group()) and _inert(words[t + 1].group()):
                return words[t:]
        if a == 0:
            return words
        stop = a


def char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is no space or tab ("", which every string
    holds, at the text's start), without copying the text before it (once per candidate of a
    long text: a megabyte's thousands of copies)."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return text[pos - 1] if pos > 0 else ""


def _space_before(text: str, pos: int) -> int:
    """The position after the last space, tab or line break at or before ``pos`` (0 for
    none): no word goes on across it. Looked for in the few hundred characters before ``pos``
    first: searched from the text's start, a megabyte without a tab was read whole per word."""
    for lo in (max(0, pos - 256), 0):
        found = max(text.rfind(" ", lo, pos + 1), text.rfind("\n", lo, pos + 1),
                    text.rfind("\t", lo, pos + 1))
        if found != -1 or lo == 0:
            break
    return found + 1


UNLISTED_NAMES = UnlistedNamesRecognizer()
