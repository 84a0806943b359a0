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

Only English messages are read (a word of another language is no dictionary word).
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata

from veil.detect.entity import Detection
from veil.detect.names import (
    ambiguous_first_names,
    dictionary_word,
    first_names,
    from_faker,
    last_names,
    not_surnames,
)
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
    "reach out to", "reached out to", "meeting with", "call with", "it's", "it’s",
})
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
    if "'" in word and not re.fullmatch(r"[od]'[a-z]{3,}", word):
        return False  # "i'll", "we're"
    if word.endswith(_PLURAL_ENDINGS):
        return False  # a people's or a trade's plural no dictionary lists ("ghanaians",
        # "bhutaneses", "songwriters"): a name no list holds is seldom one
    parts = [p for p in re.split(r"[-']", word) if p]
    return all(p.isalpha() for p in parts) and not any(
        len(p) > 2 and (p in _stops() or p in _IRREGULAR or dictionary_word(p)) for p in parts)


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


def _known_word(word: str) -> bool:
    """A known name that is no dictionary word ("iyer", "kumar"), in each part of a
    hyphenated one that is known ("dlamini-khumalo")."""
    if word in _known():
        return not dictionary_word(word)
    parts = word.split("-")
    return len(parts) > 1 and any(p in _known() and not dictionary_word(p) for p in parts) \
        and _unlisted(word)


def _namey(word: str) -> bool:
    return word not in _stops() and (word in _known() or _unlisted(word))


#: the particles inside a name ("mohammed bin rashid", "YOUSSEF IBN KHALDOUN", "pham van duc")
_PARTICLES = frozenset({"bin", "ibn", "binti", "bint", "al", "el", "abu", "van", "de", "da",
                        "dos", "del", "di", "la", "te", "singh", "kaur"})
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
    "reported", "complained", "promised", "messaged", "phoned", "rang", "owes", "paid"})


class UnlistedNamesRecognizer(Recognizer):
    """PERSON: names in lower case or capitals beside a known name or after a word only a
    person follows (see the module's docstring)."""

    name = "unlisted_names"
    entities = ("PERSON",)
    message_languages = ("en",)

    def analyze(self, text: str) -> list[Detection]:
        if not _may_hold(text):
            return []
        words = list(_WORD.finditer(text))
        if len(words) < 2:
            return []
        cased = [w.group() for w in words]
        # lower case, or capitals of three letters or more; "" for a capitalised word
        lows = [_plain(w) if (w.islower() or w.isupper() and len(w) > 2) else "" for w in cased]
        out: list[Detection] = []
        taken: set[int] = set()
        n = len(words)
        # each distinct word judged once; the rules start only at a name-like word or a
        # Korean surname (most words are dictionary words: ~170 of a ~1 KB prompt were read
        # one by one)
        namey = {w: _namey(w) for w in set(lows) if w}
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
        self._after_cues(text, words, lows, taken, out,
                         [k for k in starts if lows[k] not in _PARTICLES and namey[lows[k]]])
        return out

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
        return any(_known_word(w) for w in run) and (
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
            if cue == "title":
                ok = _namey(w)
            elif cue:
                # (a word no list holds in Latin letters without accents only: "per månad"
                # is Swedish, read as English)
                ok = _known_word(w) or _unlisted(w) and w.isascii()
            elif text.startswith(("'s", "’s"), m.end()):
                ok = given  # "kofi's car"
            elif nxt in _PERSON_VERBS and text[m.end():words[k + 1].start()] in _GAP:
                ok = (given or _known_word(w) and w in first_names()) \
                    and self._clause_start(text, words, k)  # "sibusiso said"
            elif nxt == "and" and k + 2 < n and words[k + 2].group().islower():
                other = lows[k + 2]
                ok = (w in first_names() and given and _namey(other)
                      or other in first_names() and other not in _stops()
                      and not dictionary_word(other) and _namey(w))
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
        before = text[:words[k].start()].rstrip(" \t")
        return not before or before[-1] in ".!?,;:\n" or (
            k > 0 and words[k - 1].group().lower() in ("and", "but", "so", "because", "tbh"))

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
        if k >= 2 and text[words[k - 2].end():words[k - 1].start()] in _GAP and \
                f"{words[k - 2].group().lower()} {prev}" in _CUES:
            return "cue"
        # a list after a cue goes on over commas ("cc: nguyen, okafor")
        if between == "," and lows[k - 1] and _namey(lows[k - 1]):
            return UnlistedNamesRecognizer._cue_before(text, words, lows, k - 1)
        return ""

    def _emit(self, out: list[Detection], text: str, s: int, e: int) -> None:
        out.append(Detection("PERSON", s, e, SCORE, self.name, text[s:e]))


_PART = re.compile(r"[^\W\d_]+")


def _may_hold(text: str) -> bool:
    """Whether a rule above can fire: a word in lower case or capitals that is a known name and
    no dictionary word (a pair's, a possessive's, a verb's or an "and"'s evidence; a Korean
    surname), or a title's, a relation's or a request's word before one, in any case. Many
    texts hold neither, known from their distinct words in one set intersection instead of the
    rules' word-by-word reading, whose regex alone costs ~50 us a ~1 KB prompt)."""
    return not {p.lower() for p in set(_PART.findall(text))}.isdisjoint(_gate())


@functools.cache
def _gate() -> frozenset[str]:
    return _evidence() | _cue_words()


@functools.cache
def _evidence() -> frozenset[str]:
    """Every part of a known name that is no dictionary word (a hyphenated name's parts each),
    and the Korean surnames."""
    names = _known() | _given() | first_names()
    return frozenset(p for n in names for p in _PART.findall(n)
                     if not dictionary_word(p)) | _KOREAN_SURNAMES


@functools.cache
def _cue_words() -> frozenset[str]:
    """The words a name follows in :meth:`UnlistedNamesRecognizer._cue_before`: a title, a
    relation, a request's word or the first of its two."""
    return FORMS_OF_ADDRESS | _RELATIONS | frozenset(cue.split()[0] for cue in _CUES)


UNLISTED_NAMES = UnlistedNamesRecognizer()
