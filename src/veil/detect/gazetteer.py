"""Names, companies and cities from word lists, for languages without a usable NER model.

No spaCy model for German or Spanish installs offline, and statistical English NER run on them
flags capitalised nouns ("Dosis", "Quartal") as names. This recognizer reads the message's own
language instead:

* PERSON (every language): a known first + last name pair in any case (``juan garcía``,
  ``MARIE DUPONT``: lower-case and all-caps names are where spaCy-based detectors fail).
* PERSON (fr, de, es): a form of address or an introduction followed by capitalised words
  (``Herr Müller``, ``Sra. López``, ``me llamo Ana``, ``je m'appelle Luc``); a known first name
  of the language followed by capitalised words (``Jürgen Schmitt``, de/es) or alone (de/es).
* ORGANIZATION: capitalised words ending in a legal form (``GmbH``, ``AG & Co. KG``, ``S.L.``,
  ``SARL``, ``Ltd``, ``Inc.``), in every language.
* LOCATION: German city names (Faker's ``de_DE`` list) and Spanish province names, and
  (de, es) a capitalised place after a verb of living or moving (:mod:`veil.detect.places`).

Lists are Faker's locale providers, loaded once per process on first use.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterator

from ahocorasick_rs import MATCHKIND_LEFTMOST_LONGEST, MATCHKIND_STANDARD, AhoCorasick

from veil.alternation import compile_ahead
from veil.detect.entity import Detection, SpanIndex
from veil.detect.lexicon import OWN_NAME_CUE
from veil.detect.literals import literals_of
from veil.detect.names import (
    RELATIONS,
    ambiguous_first_names,
    dictionary_word,
    first_names,
    from_faker,
    last_names,
)
from veil.detect.patterns import Pattern, Scan, folded
from veil.detect.places import add_places
from veil.detect.recognizer import Recognizer
from veil.detect.trade_words import place_after, trade_word

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_LOW = "a-zß-öø-ÿā-ž"
_CAP = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_ANY = rf"[{_UP}{_LOW}]+(?:-[{_UP}{_LOW}]+)?"
_PART = r"(?:de|del|de la|von|van|der|zu|du|le|la|y|da|dos|di)"
# up to four words: two given names and two surnames ("María Dolores Arroyo Pérez")
_NAME = rf"{_CAP}(?:[ \t]+(?:{_PART}[ \t]+)?{_CAP}){{0,3}}"

_LOCALE_OF = {"de": ("de_DE", "de_AT", "de_CH"), "es": ("es_ES", "es_MX", "es_CO", "es_AR"),
              "fr": ("fr_FR", "fr_CH", "fr_CA"), "en": ("en_US", "en_GB")}

# Forms of address; Spanish and French write theirs in lower case inside a sentence ("la
# señora Pérez", "chez monsieur Dupont"), and they stack ("Frau Dr. Weber", "Herr Dr. med. Roth").
_TITLES = (r"(?:Herrn?|Frau|Hr\.|Fr\.|Dr\.|Prof\.|[Ss]eñora?|[Ss]eñorita|Sr\.|Sra\.|Srta\.|"
           r"[Dd]on|[Dd]oña|Dña\.|[Dd]octora?|Dra\.|M\.|Mme\.?|Mlle\.?|[Mm]onsieur|[Mm]adame|"
           r"[Mm]ademoiselle|[Mm]aître|Me\.)")
_DEGREES = r"(?:med|dent|vet|phil|jur|rer\.[ \t]?nat|rer\.[ \t]?pol|h\.[ \t]?c)\."
# Introductions and greetings: any capitalised words after them are a name.
_INTRO = (r"(?i:" + OWN_NAME_CUE + r"|hallo|liebe|lieber|"
          r"hola|querid[oa]|estimad[oa]|bonjour|salut|cher|chère|firmado|gezeichnet|"
          r"saludos|cordialement|grüße|gruß|name|nombre|nom|patient(?:in)?|paciente)[,:]?")
# Weaker cues ("an", "para", "à", "ich bin"): the first word must be a known first name.
_WEAK = (r"(?i:an|von|mit|para|con|de|à|avec|pour|ich[ \t]+bin|soy|je[ \t]+suis|"
         r"de[ \t]+la[ \t]+part[ \t]+de)")
# The same in lower case, as chat writes them ("hola soy camila, mi correo es ...")
_LOWER_INTRO_OTHER = re.compile(
    r"(?<![\w'’])(?i:(?P<strong>me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|je[ \t]+m['’]appelle|"
    r"mon[ \t]+nom[ \t]+est|ich[ \t]+hei(?:ß|ss)e|mein[ \t]+name[ \t]+ist)|soy|je[ \t]+suis|"
    r"ich[ \t]+bin)[ \t]+(?P<v>[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]*(?:[ \t]+[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]*)?)")
_TITLE_NAME = compile_ahead(
    rf"(?<![\w.])(?:{_TITLES})(?:[ \t]+(?:{_TITLES}|{_DEGREES}))*[ \t]+(?P<v>{_NAME})")
_INTRO_NAME = re.compile(rf"(?<![\w])(?:{_INTRO})[ \t]+(?P<v>{_NAME})")
_WEAK_NAME = re.compile(rf"(?<![\w])(?:{_WEAK})[ \t]+(?P<v>{_NAME})")
_CAP_RUN = compile_ahead(rf"(?<![\w'’-]){_NAME}(?![\w'’-])")
# (a possessive's "'s" ends the word: "john smith's account")
_WORD = re.compile(rf"(?<![\w'’-]){_ANY}(?:(?=['’]s(?![\w'’-]))|(?![\w'’-]))")
#: characters besides word characters that glue to a word for :data:`_WORD`'s boundaries
_WORD_EDGE_CHARS = frozenset("_'’-")
# Surnames with an apostrophe, which the name lists leave out ("o'brien", "d'souza").
_IRISH_OR_FRENCH = re.compile(r"(?:o|d)'[a-z]{2,}")
# English introductions before a name in lower case, and up to three lower-case words after.
_LOWER_WORD = rf"[{_LOW}][{_LOW}'’-]*"
_LOWER_INTRO = compile_ahead(
    # ("hey its me, tamsin": the comma sets the name apart, as "it's me again" is not)
    r"(?<![\w'’])(?:(?P<strong>my[ \t]+name[ \t]+is|my[ \t]+name['’]?s|i[ \t]+go[ \t]+by|"
    r"(?:it'?s|it’s)[ \t]+me[ \t]*,)|"
    r"i'?m|i’m|i[ \t]+am|this[ \t]+is|(?:it'?s|it’s)[ \t]+me|it'?s|it’s|call[ \t]+me)[ \t]+"
    rf"(?P<v>{_LOWER_WORD}(?:[ \t]+{_LOWER_WORD}){{0,2}})")
# After "my name is" or "i go by" a lower-case word is a name even when no list holds it ("my
# name is priyanka"), unless it says something of the name: these words, and words shaped as a
# participle, an adverb or an adjective ("spelled", "really", "unusual"). Not after "call me",
# which "back", "later" and "crazy" follow.
_NO_UNLISTED_NAME = frozenset({
    "wrong", "right", "correct", "incorrect", "missing", "long", "short", "hard", "easy",
    "difficult", "common", "rare", "weird", "odd", "funny", "same", "different", "unknown",
    "private", "confidential", "irrelevant", "secret", "fake", "real", "legal", "full", "first",
    "last", "middle", "new", "old", "above", "below", "attached", "there", "on", "at", "in",
    "like", "unique", "pronounced", "spelt", "famous", "mine", "yours", "changed", "tbd", "n/a",
    "na", "anonymous", "redacted", "hidden", "blank", "null", "none", "nothing", "unimportant",
    # and what chat puts after a name
    "btw", "lol", "thx", "thanks", "pls", "plz", "tho", "though", "haha", "ok", "okay", "too",
    "fyi", "asap", "idk", "imo", "tbh", "sorry", "hi", "hello", "hey", "again", "now"})
_DESCRIBING = re.compile(r"[a-z'’-]+(?:ed|ing|ly|able|ible|ous|ful|less|ive|ary|ish|ic|al)")
# Names in lower case after the words that put them in a chat: a greeting or thanks ("hey mike",
# "thanks sarah!"), a list of people ("cc: mike, sarah, and devon", "ping priyanka and
# oluwaseun"), a relation ("my boss bob", "my wife linda"). Each name must be a known given
# name that is no common English word ("my boss said", "hi lucky"); a list goes on over
# commas and "and", a known surname may follow a given name.
_RELATIONS = "|".join(map(re.escape, RELATIONS))
def _lower_list(group: str) -> str:
    """Up to eight words in lower case joined by commas, spaces and "and", as group ``group``."""
    return (rf"(?P<{group}>{_LOWER_WORD}(?:(?:[ \t]*,[ \t]*|[ \t]+)(?:(?:and|&)[ \t]+)?"
            rf"{_LOWER_WORD}){{0,7}})")


_GREETINGS = ("hey|hi|hello|hiya|dear|thanks|thank you|thx|cheers|ping|cc|bcc|attendees|"
              "participants|invite|tell|ask")
_POSSESSIVES = "my|our|his|her|their|your"
# kin one calls by the word and the name without "my" ("call grandma rosie", "uncle raj")
_ADDRESSED = "grandma|grandpa|granny|grandad|granddad|nana|nanna|gran|uncle|aunt|auntie|aunty"
# A closing, then a name in lower case alone at the end of its line ("Best,\nkai",
# "thanks, -- t. nakamura"): a known given name or surname, or an initial and a word.
_CLOSINGS = "best|thanks|thank you|thx|cheers|regards|sincerely|yours|love|xoxo|talk soon"


def _spaced(words: str) -> str:
    """Words joined by "|", a space in them standing for spaces or tabs."""
    return words.replace(" ", r"[ \t]+")


# One regex for the three cues, tried where one of their first words starts a word of the text
# lower-cased, found by an automaton (a regex's alternation of the words, tried at every
# position, cost 20-30 us over a ~1 KB prompt). A closing is tried first: "thanks,\nkai"
# signs a message, "thanks kai" thanks someone.
_LOWER_CUES = re.compile(
    rf"(?:(?i:{_spaced(_CLOSINGS)})[ \t]*[,!.]?[ \t]*"
    r"(?:\n[ \t]*(?:--?[ \t]*)?|--?[ \t]*)"
    r"(?P<signed>[a-z](?:\.[ \t]*[a-z][a-z'’-]+|[a-z'’-]+)(?:[ \t]+[a-z][a-z'’-]+)?)"
    r"[ \t]*(?=\n|$)"
    rf"|(?i:{_spaced(_GREETINGS)})[ \t]*:?[ \t]+{_lower_list('greeted')}"
    rf"|(?:(?i:{_POSSESSIVES})[ \t]+(?i:{_RELATIONS})|(?i:{_ADDRESSED}))[ \t]*,?[ \t]+"
    rf"{_lower_list('related')})")
_CUE_WORDS = AhoCorasick(sorted({w.split(" ")[0] for w in "|".join(
    (_GREETINGS, _CLOSINGS, _POSSESSIVES, _ADDRESSED)).split("|")}),
    matchkind=MATCHKIND_LEFTMOST_LONGEST)


_LOWER_CUES_ANYWHERE = re.compile(rf"(?<![\w'’])(?:{_LOWER_CUES.pattern})")


def _lower_cues(text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """The cues' matches in ``text``, tried where a cue's first word starts a word of
    ``lowered`` (the text lower-cased, offsets kept; None where lower case changes a length:
    the regex then reads the whole text)."""
    if lowered is None:
        yield from _LOWER_CUES_ANYWHERE.finditer(text)
        return
    for _, start, _end in _CUE_WORDS.find_matches_as_indexes(lowered):
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "'’_"):
            continue  # inside a word: "her" of "other"
        m = _LOWER_CUES.match(text, start)
        if m is not None:
            yield m


_LIST_WORD = re.compile(r"[^\s,]+")
#: Given names on Faker's lists that English text uses far more often as words, in lower case
#: above all ("i'm lucky", "my boss said", "hi hunter" is a game's).
_LOWER_NOT_NAMES = frozenset({
    "said", "lot", "job", "line", "guy", "peace", "gun", "german", "floor", "christian", "till",
    "lucky", "tea", "kick", "grant", "urban", "mile", "mate", "marine", "tone", "harm", "charity",
    "innocent", "diamond", "odd", "comfort", "crystal", "forum", "hunter", "fancy", "ties",
    "wolf", "edit", "toy", "jet", "sole", "canal", "patience", "destiny", "harsh", "peer", "owe",
    "pastor", "penny", "blessing", "cal", "tan", "bent", "neo", "cord", "mercy", "sep", "junior",
    "roman", "drew", "duke", "gene", "ken", "sandy", "cole", "earl", "stan", "amber", "lance",
    "chad", "pierce", "sierra", "justice", "royal", "angel", "honey", "baby", "bud", "buddy",
    "doc", "sonny", "kitty", "happy", "dusty", "rusty", "summer", "autumn", "river",
    "storm", "sky", "brook", "cliff", "glen", "heath", "holly", "ivy", "jade", "pearl", "ruby",
    "violet", "iris", "lily", "daisy", "poppy", "hazel", "olive", "ginger", "candy", "cherry",
    "bishop", "deacon", "major", "sterling", "noble", "sage", "true", "sunday", "monday",
    "friday", "tuesday", "january", "march", "frank", "will", "art", "bill", "mark", "grace",
})
# A name's field, key or question and its value in any case: "last name: smith",
# "first_name=jane&last_name=doe", "name=jane.doe", '"fullName": "jane doe"'. The value is a
# name when a piece of it is a known given name or surname (``name="submit"`` is a form's);
# after a maiden name (a bank's security question: "mother's maiden name is kowalski"), any
# word but a function word or one that says there is none; after a key that says the value is
# a given name or a surname (FHIR's "family" and "given" too, and a quoted "first" or "last":
# '{"first":"Lucinda"}'), a capitalised word. Tried where "name", "family" or "given" (or a
# quote and "first", "last" or "middle") is, from nine characters before it ("customer name").
_NAME_FIELD = Scan(Pattern(
    r"(?<![\w’])(?<!\w')(?i:(?P<maiden>maiden[ \t_-]?name)|(?P<person>(?:first|last|given|family|"
    r"middle)[_ -]?name|fname|lname|surname|forename|family|given|"
    r"(?<=[\"'])(?:first|last|middle)(?=[\"'])"
    # (a JavaScript object's bare key: "{ first: 'Perdita', last: 'Oyelowo' }")
    r"|(?:(?<=[{,][ \t])|(?<=[{,]))(?:first|last|middle)(?=[ \t]?:[ \t]*[\"']))"
    r"|(?:full|display|customer|patient|client|contact|legal)[_ -]?name|name)[\"']?"
    r"(?:[ \t]*[:=]|[ \t]+(?i:is|was)\b)"
    r"[ \t]*[\"']?[ \t]*\[?[ \t]*[\"']?"  # (FHIR's '"given": ["Peter"]')
    # (a word's apostrophe inside it: a closing quote is the value's end)
    r"(?P<v>[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?(?:[._ ][A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?){0,2})"
    r"(?![\w@])", 0.0,
    mark="name|family|given|first\"|last\"|middle\"|first'|last'|middle'|first:|last:|middle:|"
         "first :|last :|middle :", fold=True, lead=9))
_PIECE = re.compile(r"[^._ ]+")


def _double_barrelled(word: str, surnames: frozenset[str]) -> bool:
    """A hyphenated surname with a known surname in it ("okafor-lindqvist")."""
    return "-" in word and any(part in surnames for part in word.split("-") if len(part) > 2)


def _whole_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all of a quoted value and written as a name is (each
    word capitalised): a key's value that holds a known name holds nothing else."""
    return (start > 0 and end < len(text) and text[start - 1] in "\"'"
            and text[end] == text[start - 1]
            and all(w[0].isupper() for w in text[start:end].split()))
_NO_NAME = frozenset({"unknown", "same", "different", "required", "missing", "none", "blank",
                      "redacted", "hidden", "private", "irrelevant"})
# A title before a name in lower case, as chat writes both ("talked to dr. patel"): the
# capitalised name heuristics need the capital.
_LOWER_TITLE = compile_ahead(
    r"(?<![\w'’])(?i:mr|mrs|ms|mx|miss|dr|prof|doctor|nurse)\.?[ \t]+"
    rf"(?P<v>{_LOWER_WORD}(?:[ \t]+{_LOWER_WORD})?)")
#: verbs that follow "the dr." as a sentence goes on, and are names on the lists too ("Said")
_AFTER_A_TITLE_VERBS = frozenset({"said", "says", "saw", "sees", "asked", "told", "called"})
_LEGAL = (r"(?:GmbH(?:[ \t]&[ \t]Co\.[ \t]KG(?:aA)?)?|AG(?:[ \t]&[ \t]Co\.[ \t](?:KG(?:aA)?|OHG))?|"
          r"KGaA|KG|OHG(?:[ \t]mbH)?|GbR|e\.[ \t]?V\.|e\.[ \t]?G\.|SE|"
          r"Stiftung[ \t]&[ \t]Co\.[ \t]KG|"
          r"S\.A\.(?:U\.?|T\.|D\.?)?|S\.L\.(?:L\.|U\.|N\.E\.?)?|S\.Coop\.|S\.Com\.|S\.C\.P\.?|"
          r"S\.A\.S\.|SARL|S\.A\.R\.L\.|SAS|SA|SL|et[ \t]Fils|Ltd\.?|Limited|Inc\.?|LLC|PLC|plc|"
          r"Corp\.?|N\.V\.|B\.V\.|S\.p\.A\.|S\.r\.l\.)")
_ORG = re.compile(rf"(?<![\w])(?P<v>(?:(?:{_CAP}|[A-Z]{{2,}}|&|und|y|et|e)[ \t,]+){{0,3}}"
                  rf"(?:{_CAP}|[A-Z]{{2,}})[ \t,]+{_LEGAL})(?![\w])")


# "priya and rahul", "aoife & niamh": chat writes names in lower case ("mom and dad" are words)
_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+")
_PAIR_BEFORE = re.compile(r"(?<![\w'’@./-])[a-z][a-z'’]{1,20}$")
_PAIR_AFTER = re.compile(r"[a-z][a-z'’]{1,20}(?![\w'’@/-]|\.\w)")


def _lower_pairs(text: str) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """The two words in lower case either side of each "and" or "&"."""
    for m in _AND.finditer(text):
        before = _PAIR_BEFORE.search(text, max(0, m.start() - 21), m.start())
        after = _PAIR_AFTER.match(text, m.end())
        if before is not None and after is not None:
            yield before.span(), after.span()


def _lower_given_name(word: str, stops: frozenset[str], first_any: frozenset[str],
                      ambiguous: frozenset[str]) -> bool:
    """A word in lower case that is a given name and no common English word."""
    return (word in first_any and word not in stops and word not in ambiguous
            and word not in _LOWER_NOT_NAMES)


#: relations and the words chat calls them by ("mom", "grandma"), which no dictionary lists
_RELATION_WORDS = frozenset(RELATIONS) | frozenset(_ADDRESSED.split("|")) | {
    "mommy", "daddy", "mama", "papa", "grandad", "gramps", "nan", "hubby", "wifey", "bae"}


def _unlisted_given_name(word: str, stops: frozenset[str]) -> bool:
    """A word in lower case that may be a given name no list holds: letters, no function
    word, no word a dictionary writes in lower case ("rahul", not "legal" or "finance")."""
    return (len(word) > 2 and word.isalpha() and word not in stops
            and word not in _NO_UNLISTED_NAME and word not in _LOWER_NOT_NAMES
            and word not in _RELATION_WORDS and not dictionary_word(word))


def _unknown_name(word: str, stops: frozenset[str]) -> bool:
    """After "my name is": a word that may be a name no list holds (see _NO_UNLISTED_NAME)."""
    # (a double-barrelled one too: "oyelowo-marsh")
    return (len(word) > 1 and all(p.isalpha() for p in word.split("-")) and word not in stops
            and word not in _NO_UNLISTED_NAME and word not in _LOWER_NOT_NAMES
            and word not in _NO_NAME and _DESCRIBING.fullmatch(word) is None)


@functools.cache
def _locale_names(lang: str, attr: str) -> frozenset[str]:
    return from_faker(f"{lang}-{attr}", (_LOCALE_OF.get(lang, ()),),
                      lambda: _make_locale_names(lang, attr))


def _make_locale_names(lang: str, attr: str) -> frozenset[str]:
    out: set[str] = set()
    for loc in _LOCALE_OF.get(lang, ()):
        try:
            prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):
            continue
        for a in (attr, f"{attr}_male", f"{attr}_female"):
            for x in getattr(prov, a, ()) or ():
                x = str(x)
                if x.replace("-", "").isalpha() and len(x) > 2:
                    out.add(x.casefold())
    return frozenset(out)


@functools.cache
def _stops(lang: str) -> frozenset[str]:
    """Words never taken for a name part in ``lang``: its stop words and common homonyms."""
    return _stop_words(lang) | _COMMON


@functools.cache
def _stop_words(lang: str) -> frozenset[str]:
    from veil.detect.stopwords import stop_words  # the word list only, spaCy not imported

    return frozenset(w.casefold() for w in stop_words(lang))


# Capitalised words of German/Spanish/French prompts that are also given names in some list.
_COMMON = frozenset({"mark", "will", "may", "rose", "ernst", "kai", "heide", "golf", "hanna",
                     "paris", "france", "gloria", "dolores", "pilar", "rosario", "luz", "paz",
                     "cruz", "mar", "sol", "angel", "ángel", "jesús", "amparo", "consuelo",
                     "remedios", "milagros", "rocío", "socorro", "esperanza", "fe", "bella",
                     "august", "april", "juni", "juli", "mai", "china", "india", "florida",
                     "georgia", "virginia", "carolina", "victoria", "lima", "santiago",
                     "madrid", "berlin", "valencia", "sevilla", "toledo", "elba", "donau"})


@functools.cache
def _cities(lang: str) -> frozenset[str]:
    names: set[str] = set()
    if lang == "de":
        for loc in ("de_DE", "de_AT"):
            try:
                prov = importlib.import_module(f"faker.providers.address.{loc}").Provider
            except ImportError:
                continue
            names.update(str(c) for c in getattr(prov, "cities", ()) if len(str(c)) > 3)
    if lang == "es":
        prov = importlib.import_module("faker.providers.address.es_ES").Provider
        names.update(str(s) for s in getattr(prov, "states", ()) if len(str(s)) > 3)
    return frozenset(names)


class GazetteerRecognizer(Recognizer):
    """PERSON / ORGANIZATION / LOCATION from word lists, per message language."""

    name = "name_gazetteer"
    entities = ("PERSON", "ORGANIZATION", "LOCATION")
    validated = False
    language_aware = True
    message_languages = ("en", "fr", "de", "es")

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_language(text, "en")

    def analyze_language(self, text: str, language: str) -> list[Detection]:
        out: list[Detection] = []

        def emit(kind: str, s: int, e: int, score: float) -> None:
            if kind == "PERSON" and language == "en":  # the trade words are English
                if trade_word(text, s, e, kind):
                    return  # "Ford Focus", "Addison's disease"
                if place_after(text, e):
                    kind = "LOCATION"  # "Jan Mayen Islands"
            out.append(Detection(kind, s, e, score, self.name, text[s:e]))

        first_any = first_names()
        last_any = last_names()
        own_first = _locale_names(language, "first_names")
        own_last = _locale_names(language, "last_names")
        stops = _stops(language)
        ambiguous = ambiguous_first_names()
        # lower-case and all-caps "first last" pairs, where capitalisation says nothing
        for start, end in _name_pairs(text, language):
            # both words on the name lists: stronger than a model's ORG/LOC guess
            emit("PERSON", start, end, 0.85)
        if language == "en":
            # a name written in lower case after an introduction ("hi i'm rahul sharma"): a
            # known first name, or any word followed by known surnames, is enough after it
            for m in _LOWER_INTRO.finditer(text):
                toks = list(re.finditer(r"[^\s,.;:!?()]+", m.group("v")))
                said = [t.group().casefold().replace("’", "'") for t in toks]
                if not said or said[0] in stops or said[0] in _LOWER_NOT_NAMES:
                    continue
                n = 1
                while n < len(said) and said[n] not in stops and (
                        said[n] in first_any or said[n] in last_any
                        or _IRISH_OR_FRENCH.fullmatch(said[n])):
                    n += 1
                if said[0] in first_any or any(w in last_any or _IRISH_OR_FRENCH.fullmatch(w)
                                                for w in said[1:n]):
                    emit("PERSON", m.start("v") + toks[0].start(),
                         m.start("v") + toks[n - 1].end(), 0.8)
                elif m.group("strong") is not None and _unknown_name(said[0], stops):
                    # a name no list holds, and a surname no list holds after it
                    n = 2 if len(said) > 1 and _unknown_name(said[1], stops) else 1
                    emit("PERSON", m.start("v") + toks[0].start(),
                         m.start("v") + toks[n - 1].end(), 0.7)
            for m in _lower_cues(text, folded(text)):
                if m.group("signed") is None:
                    self._lower_list(m, "greeted" if m.group("greeted") else "related", stops,
                                     first_any, last_any, ambiguous, emit)
                    continue
                words = m.group("signed").replace(".", ". ").split()
                first = words[0].casefold().rstrip(".")
                if (len(first) == 1 and len(words) > 1 or first in last_any
                        or _lower_given_name(first, frozenset(), first_any, ambiguous)):
                    emit("PERSON", m.start("signed"), m.end("signed"), 0.75)
            for pair in _lower_pairs(text):
                # two given names in lower case joined by "and", neither a common word
                if all(_lower_given_name(text[a:b].replace("’", "'"), stops, first_any,
                                         ambiguous) for a, b in pair):
                    for a, b in pair:
                        emit("PERSON", a, b, 0.75)
            for m in _NAME_FIELD.matches(text):
                # the value up to its last known name ("name is anita desai and ...")
                end = m.start("v")
                for piece in _PIECE.finditer(m.group("v")):
                    p = piece.group().casefold().replace("’", "'")
                    if p not in stops and (p in last_any or p in first_any and p not in ambiguous
                                           or _IRISH_OR_FRENCH.fullmatch(p) is not None
                                           or _double_barrelled(p, last_any)):
                        end = m.start("v") + piece.end()
                    elif m.group("person") is not None and piece.group()[0].isupper() and \
                            p not in stops:
                        end = m.start("v") + piece.end()  # a surname's or given name's key
                    elif end == m.start("v") and m.group("maiden") is not None and \
                            p not in stops and p not in _NO_NAME:
                        end = m.start("v") + piece.end()  # a maiden name's one word
                        break
                if end > m.start("v") and _whole_quoted(text, m.start("v"), m.end("v")):
                    end = m.end("v")  # '"name": "Ambrose Kettering"': a quoted value is whole
                if end > m.start("v"):
                    emit("PERSON", m.start("v"), end, 0.8)
            # after a title a known given name or surname is enough ("dr. patel", "mr. o'brien")
            for m in _LOWER_TITLE.finditer(text):
                toks = list(re.finditer(r"[^\s,.;:!?()]+", m.group("v")))
                said = [t.group().casefold().replace("’", "'") for t in toks]
                known = [w not in stops and w not in _AFTER_A_TITLE_VERBS and (
                    w in first_any or w in last_any or _IRISH_OR_FRENCH.fullmatch(w) is not None)
                    for w in said]
                if known and known[0]:
                    n = 2 if len(known) > 1 and known[1] else 1
                    emit("PERSON", m.start("v") + toks[0].start(),
                         m.start("v") + toks[n - 1].end(), 0.8)
            self._orgs(text, emit)
            return _drop_inside_orgs(out)
        # a name in lower case after an introduction ("hola soy camila", "je m'appelle
        # camille"): after a strong one any word but a function word, after a weak one
        # ("soy", "je suis", "ich bin") a known given name; a known surname after either
        for m in _LOWER_INTRO_OTHER.finditer(text):
            toks = list(_LIST_WORD.finditer(m.group("v")))
            said = [t.group().casefold().replace("’", "'").rstrip(".,;:!?") for t in toks]
            first = said[0]
            if first in stops or first in _LOWER_NOT_NAMES or not first.isalpha():
                continue
            if m.group("strong") is None and (first in ambiguous or not (
                    first in first_any or first in own_first)):
                continue
            last = toks[1] if len(said) > 1 and said[1] not in stops and (
                said[1] in last_any or said[1] in own_last) else toks[0]
            # (the raw word's length: case folding may change it, "ß" -> "ss")
            end = m.start("v") + last.start() + len(last.group().rstrip(".,;:!?"))
            emit("PERSON", m.start("v") + toks[0].start(), end, 0.8)
        for rx in (_TITLE_NAME, _INTRO_NAME, _WEAK_NAME):
            # after a title or an introduction a name that is also a word is a name ("Dña.
            # Rocío", "me llamo Dolores"): only a function word ends it
            ends = stops if rx is _WEAK_NAME else _stop_words(language)
            for m in rx.finditer(text):
                s, e = self._name_span(text, m.start("v"), m.end("v"), ends, language,
                                       need_known=rx is _WEAK_NAME)
                if e > s:
                    emit("PERSON", s, e, 0.8 if rx is not _WEAK_NAME else 0.75)
        if language in ("de", "es"):
            # known first names of the language, with the capitalised words after them
            for m in _CAP_RUN.finditer(text):
                toks = list(re.finditer(r"\S+", m.group()))
                for k, t in enumerate(toks):
                    w = t.group().casefold()
                    if w in stops or w in ambiguous or not (w in own_first or (
                            w in first_any and k + 1 < len(toks))):
                        continue
                    s = m.start() + t.start()
                    e = m.start() + t.end()
                    for j, t2 in enumerate(toks[k + 1:], start=k + 1):
                        w2 = t2.group().casefold()
                        # a second first name right after the first, with a word after it,
                        # is one compound given name ("María Dolores Arroyo", "Jose Angel Cal")
                        # (even one that is a word too: "Dolores", "Angel")
                        compound = (j == k + 1 and j + 1 < len(toks)
                                    and (w2 in own_first or w2 in first_any))
                        if (w2 in stops and not compound) or (
                                w2 in own_first and w2 not in own_last and w2 not in last_any
                                and not compound):
                            break
                        e = m.start() + t2.end()
                    emit("PERSON", s, e, 0.75 if e > m.start() + t.end() else 0.7)
                    break
            for start, end in _city_spans(text, language):
                emit("LOCATION", start, end, 0.7)
        self._orgs(text, emit)
        if language in ("de", "es"):  # no model reads these: places after "wohnt in", "vive en"
            out = add_places(text, out)
        return _drop_inside_orgs(out)

    @staticmethod
    def _lower_list(m: re.Match[str], group: str, stops: frozenset[str],
                    first_any: frozenset[str], last_any: frozenset[str],
                    ambiguous: frozenset[str], emit: object) -> None:
        """The known given names of a cue's lower-case list, each with a known surname after
        it; the list ends at its first word that is neither ("cc: mike, sarah re the audit")."""
        assert callable(emit)  # nosec B101 # an internal invariant, not a security check
        said = m.group(group)
        base = m.start(group)
        toks = list(_LIST_WORD.finditer(said))
        words = [t.group().casefold().replace("’", "'") for t in toks]
        # beside a known given name, a word no list holds and no dictionary writes in lower
        # case is a name too ("attendees: rahul, meera and josh")
        unlisted: bool | None = None
        k = 0
        while k < len(toks):
            w = words[k]
            if w in ("and", "&"):
                k += 1
                continue
            if not _lower_given_name(w, stops, first_any, ambiguous):
                if unlisted is None:
                    unlisted = any(_lower_given_name(x, stops, first_any, ambiguous)
                                   for x in words)
                if not (unlisted and _unlisted_given_name(w, stops)):
                    return
            start, end = toks[k].span()
            if k + 1 < len(toks) and "," not in said[end:toks[k + 1].start()]:
                nxt = toks[k + 1].group().casefold().replace("’", "'")
                if nxt not in stops and nxt in last_any and nxt not in _LOWER_NOT_NAMES:
                    k += 1
                    end = toks[k].end()
            emit("PERSON", base + start, base + end, 0.75)
            k += 1

    @staticmethod
    def _orgs(text: str, emit: object) -> None:
        assert callable(emit)  # nosec B101 # an internal invariant, not a security check
        for m in _org_matches(text):
            s, e = m.span("v")
            # a sentence-initial verb or article is not part of the name ("Schreib Müller AG")
            while True:
                first = re.match(r"\S+[ \t]+", text[s:e])
                if first is None or first.group().strip().casefold() not in _VERBS_AND_ARTICLES:
                    break
                s += first.end()
            emit("ORGANIZATION", s, e, 0.85)

    @staticmethod
    def _name_span(text: str, s: int, e: int, stops: frozenset[str], language: str, *,
                   need_known: bool) -> tuple[int, int]:
        toks = list(re.finditer(r"\S+", text[s:e]))
        keep = 0
        for t in toks:
            if t.group().casefold() in stops:
                break
            keep = t.end()
        if need_known and toks:
            w = toks[0].group().casefold()
            if w in ambiguous_first_names() or w in _COMMON or not (
                    w in first_names() or w in _locale_names(language, "first_names")):
                return s, s
        return s, s + keep


#: characters from which a text's name pairs are found by the automaton: shorter ones take as
#: long word by word, and a process that reads one short text (``veil protect``) does not
#: build it (15 ms)
_AUTOMATON_CHARS = 512


def _name_pairs(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of a known first name followed by a known last name (and a second last name),
    one space or tab apart, in any case.

    Most words are no first name. One pass of an automaton of the language's first names over
    the case-folded text finds the few words that are (a first name lies inside one word: its
    letters and hyphens never reach past a space); the words after them are read only there.
    A short text's words are read one by one: ~1 KB prompt, 48 against 18 us. A pair lies
    within one line (its words are a space or a tab apart): where case folding changes a
    line's length ("ß" -> "ss"), that line is read word by word, blank to the automaton."""
    if len(text) < _AUTOMATON_CHARS:
        return _name_pairs_by_word(text, language)
    caseless = text.casefold()
    if len(caseless) == len(text):
        return _name_pairs_folded(text, caseless, language)
    kept: list[str] = []
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        low = line.casefold()
        if len(low) == len(line):
            kept.append(low)
        else:
            kept.append(" " * len(line))
            out += [(start + s, start + e) for s, e in _name_pairs_by_word(line, language)]
        start += len(line) + 1
    out += _name_pairs_folded(text, "\n".join(kept), language)
    return sorted(out)


def _name_pairs_folded(text: str, caseless: str, language: str) -> list[tuple[int, int]]:
    """:func:`_name_pairs` by the automaton over ``caseless``, ``text`` case-folded (or blank)
    character for character."""
    last_any = last_names()
    own_last = _locale_names(language, "last_names")
    stops = _stops(language)
    out: list[tuple[int, int]] = []
    first_any = first_names()
    own_first = _locale_names(language, "first_names")
    for _, s, e in _first_name_automaton(language).find_matches_as_indexes(caseless):
        if s and (text[s - 1] in _WORD_EDGE_CHARS or text[s - 1].isalnum()) or (
                e < len(text) and (text[e] in "_'’" or text[e].isalnum())):
            continue  # inside a word (the regex below says the same, more slowly)
        a = _WORD.match(text, s)
        if a is None or a.end() != e and not _given_pair(
                caseless[s:a.end()], first_any, own_first, stops):
            continue
        if caseless[s:e] in _LOWER_NOT_NAMES and text[s:e].islower():
            continue  # "said Michael": a verb, not Said
        e = a.end()
        b = _WORD.search(text, e)
        if b is None:
            continue
        fb = caseless[b.start():b.end()]
        if not _pair_surname(text, b.start(), b.end(), fb, last_any, own_last, stops):
            continue
        if text[e:b.start()] not in (" ", "\t"):
            continue
        end = b.end()
        c = _WORD.search(text, end)
        if c is not None:
            fc = caseless[c.start():c.end()]
            if text[end:c.start()] == " " and _same_case(text, b.start(), c.start()) and \
                    _pair_surname(text, c.start(), c.end(), fc, last_any, own_last, stops):
                end = c.end()
        out.append((s, end))
    return out


def _pair_surname(text: str, s: int, e: int, folded_word: str, last_any: frozenset[str],
                  own_last: frozenset[str], stops: frozenset[str]) -> bool:
    """Whether ``text[s:e]`` (``folded_word`` case-folded) may be a pair's surname: a known
    one, no function word, and, written in lower case, none that English uses far more often
    as a word ("my friend josh said hi": Said is a surname)."""
    return ((folded_word in last_any or folded_word in own_last) and folded_word not in stops
            and not (folded_word in _LOWER_NOT_NAMES and text[s:e].islower()))


def _same_case(text: str, b: int, c: int) -> bool:
    """Whether a pair's third word may be its second surname by case: not a word in lower case
    after a capitalised surname ("Linnéa Söderström och": Swedish "and", a surname too)."""
    return not (text[c].islower() and not text[b].islower())


def _given_pair(word: str, first_any: frozenset[str], own_first: frozenset[str],
                stops: frozenset[str]) -> bool:
    """Whether ``word`` (case-folded) is two given names joined by a hyphen ("ana-lucía",
    "jean-pierre"), each known and no function word."""
    a, _, b = word.partition("-")
    return bool(b) and all((w in first_any or w in own_first) and w not in stops
                           for w in (a, b))


def _name_pairs_by_word(text: str, language: str) -> list[tuple[int, int]]:
    """:func:`_name_pairs`, reading every word (a short text, or one whose case folding
    changes its length)."""
    first_any, last_any = first_names(), last_names()
    own_first = _locale_names(language, "first_names")
    own_last = _locale_names(language, "last_names")
    stops = _stops(language)
    ambiguous = ambiguous_first_names()
    out: list[tuple[int, int]] = []
    words = list(_WORD.finditer(text))
    caseless = [w.group().casefold() for w in words]
    # most words are no first name: test that first, each word folded once
    for k in range(len(words) - 1):
        fa = caseless[k]
        if (not (fa in first_any or fa in own_first) or fa in stops or fa in ambiguous) and \
                not ("-" in fa and _given_pair(fa, first_any, own_first, stops)):
            continue
        if fa in _LOWER_NOT_NAMES and words[k].group().islower():
            continue  # "said Michael": a verb, not Said
        fb = caseless[k + 1]
        a, b = words[k], words[k + 1]
        if not _pair_surname(text, b.start(), b.end(), fb, last_any, own_last, stops):
            continue
        if text[a.end():b.start()] not in (" ", "\t"):
            continue
        end = b.end()
        if k + 2 < len(words):
            c = words[k + 2]
            fc = caseless[k + 2]
            if text[b.end():c.start()] == " " and _same_case(text, b.start(), c.start()) and \
                    _pair_surname(text, c.start(), c.end(), fc, last_any, own_last, stops):
                end = c.end()
        out.append((a.start(), end))
    return out


@functools.cache
def _first_name_automaton(language: str) -> AhoCorasick:
    """The language's first names a pair may start with (not a stop word, not ambiguous), as
    one automaton; only names that are one word of :data:`_WORD` (letters, one hyphen)."""
    whole = re.compile(_ANY)
    names = (first_names() | _locale_names(language, "first_names")) - _stops(language) \
        - ambiguous_first_names()
    return AhoCorasick(sorted(n for n in names if whole.fullmatch(n)),
                       matchkind=MATCHKIND_LEFTMOST_LONGEST)


def _legal_forms(text: str) -> list[int] | None:
    """Where a legal form stands after a space, a tab or a comma, no word going on from it:
    every company name :data:`_ORG` finds ends so. One automaton pass over the text instead of
    the name regex tried at every position (37 against 8 us on a ~1 KB prompt without one);
    None where the forms are no set of strings."""
    forms = literals_of(_LEGAL, 0)
    if forms is None:
        return None
    # (a form that a word goes on from is none: "Income", "SELECT", "Corporation")
    return [p for p in forms.positions(text)
            if p > 0 and text[p - 1] in " \t," and _LEGAL_WHOLE.match(text, p)]


_LEGAL_WHOLE = re.compile(rf"{_LEGAL}(?![\w])")
_SEPARATORS = " \t,"


def _org_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ORG.finditer(text)``, searched only from the fourth word before each legal form on
    its line: a match lies within one line and holds at most four words (no blank or comma
    inside one) before its form (the whole text searched cost ~80 us a ~1 KB prompt)."""
    found = _legal_forms(text)
    if found is None:
        yield from _ORG.finditer(text)
        return
    pos = 0
    for q in found:
        if q < pos:
            continue  # inside the last match
        start = text.rfind("\n", 0, q) + 1
        end = text.find("\n", q)
        end = len(text) if end < 0 else end
        lo = q
        for _ in range(4):  # back over four words and what separates them
            while lo > start and text[lo - 1] in _SEPARATORS:
                lo -= 1
            while lo > start and text[lo - 1] not in _SEPARATORS:
                lo -= 1
        m = _ORG.search(text, max(lo, pos), end)
        if m is None:
            pos = end  # no match starts from there to the line's end
            continue
        pos = m.end()
        yield m


def _drop_inside_orgs(found: list[Detection]) -> list[Detection]:
    """A name inside a company name ("Armando Mendez Prada S.L.") is the company's."""
    orgs = SpanIndex(d for d in found if d.type == "ORGANIZATION")
    return [d for d in found if d.type != "PERSON" or not any(
        orgs[k].start <= d.start and d.end <= orgs[k].end for k in orgs.overlapping(d))]


_VERBS_AND_ARTICLES = frozenset({
    "schreib", "schreibe", "sende", "schick", "schicke", "der", "die", "das", "den", "dem",
    "des", "ein", "eine", "bei", "von", "mit", "für", "an", "und", "escribe", "envía", "envia",
    "redacta", "manda", "el", "la", "los", "las", "un", "una", "de", "del", "con", "para", "y",
    "rédige", "redige", "écris", "ecris", "envoie", "le", "les", "une", "chez", "pour", "et",
    "write", "send", "the", "a", "at", "for", "with", "and", "to", "from"})


@functools.cache
def _city_regex(lang: str) -> re.Pattern[str]:
    """The cities as one regex, longest first: what :func:`_city_spans` finds (kept as the
    reference its tests compare with)."""
    names = sorted(_cities(lang), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _city_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where :func:`_city_regex` matches in ``text``, from one automaton pass: the regex tried
    its hundreds of names at every position (~240 against ~15 us per ~1 KB prompt). At each
    start it took the longest name with a boundary after it, then went on after that name."""
    automaton = _city_automaton(lang)
    if automaton is None:
        return []
    longest: dict[int, int] = {}
    for _, s, e in automaton.find_matches_as_indexes(text, overlapping=True):
        if (s and (text[s - 1].isalnum() or text[s - 1] in "_-")) or (
                e < len(text) and (text[e].isalnum() or text[e] in "_-")):
            continue  # \w is alphanumeric or "_"
        if e > longest.get(s, -1):
            longest[s] = e
    out: list[tuple[int, int]] = []
    pos = 0
    for s in sorted(longest):
        if s >= pos:
            out.append((s, longest[s]))
            pos = longest[s]
    return out


@functools.cache
def _city_automaton(lang: str) -> AhoCorasick | None:
    names = _cities(lang)
    return AhoCorasick(sorted(names), matchkind=MATCHKIND_STANDARD) if names else None
