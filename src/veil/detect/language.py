"""Per-message language: which name, place and organisation pipeline a text goes through.

Chinese is told by its script (a few Han characters make a message Chinese: no model needed).
Latin-script text goes to ``lingua`` restricted to the policy's languages, built once per
language set, lazily. Names, e-mails, numbers and code say nothing about the language and
mislead it ("Send the invoice to Jürgen Müller" reads as German), so capitalised words inside a
sentence and tokens with digits, ``@`` or ``/`` are blanked first. The fast low-accuracy model
decides first; only a verdict other than the default language is checked by the
high-accuracy model, so default-language traffic pays about a third of a millisecond, and not
even that verdict when the sample's own function words confirm it. A text
too short to tell, without a function word of any supported language, or where lingua
hesitates, counts as the policy's default language. Without
``lingua`` installed every Latin-script text counts as the default language.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

#: Languages Veil has pipelines for.
SUPPORTED = ("en", "zh", "fr", "de", "es")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
#: Below this many letters a Latin-script text keeps the default language.
MIN_LETTERS = 12
# Whether a text holds that many letters: one match that stops at the twelfth, instead of
# listing every letter (0.7 against 27 us over a 400-character sample).
_ENOUGH_LETTERS = re.compile(rf"[\W\d_]*+(?:[^\W\d_][\W\d_]*+){{{MIN_LETTERS}}}")
#: Lingua's confidence a non-default language needs.
MIN_CONFIDENCE = 0.5
_lock = threading.Lock()


# Tokens that carry no language: anything with a digit, @, / or code characters, and
# capitalised words after a word (names, places; German nouns too, but German function words
# remain). After a sentence's end or a bracket a capitalised word is blanked too unless it is a
# function word of a supported language: a name answering a question ("name? Søren Johansen")
# or a chat log's speaker ("[10:42] Plácido:") made an English message German or Spanish, while
# "Wie" or "The" there still tells the language.
# A token is tried from its first character only (a match of the first branch starts there
# anyway: from inside a token, the engine re-read the rest of it at each character), and the
# capitalised words from a capital, before their lookbehinds: the same matches, 41 -> 23 us
# over a gateway prompt's 400-character sample.
_NO_LANGUAGE = re.compile(r"(?<!\S)\S*[\d@/_=<>{}\[\]\\]\S*"
                          r"|(?=[A-ZÀ-Þ])(?:(?<=[\w,;:] )[A-ZÀ-Þ][\w'’-]*"
                          r"|(?<=[.?!\])}>|] )(?P<opener>[A-ZÀ-Þ][\w'’-]*))")


@functools.cache
def _words_by_language() -> dict[str, frozenset[str]]:
    """Each Latin-script language's function words (spaCy's stop words), lower-cased."""
    from veil.detect.stopwords import stop_words  # word lists only, spaCy is not imported

    return {lang: frozenset(w.lower() for w in stop_words(lang))
            for lang in ("en", "fr", "de", "es")}


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset().union(*_words_by_language().values())


def _blank(m: re.Match[str]) -> str:
    opener = m.group("opener")
    if opener is not None and opener.lower() in _function_words():
        return opener
    return " "


@functools.lru_cache(maxsize=16)
def _detector(languages: tuple[str, ...], low: bool = True) -> Any:
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        return None
    with _lock:
        codes = [getattr(IsoCode639_1, c.upper()) for c in languages]
        if len(codes) < 2:
            return None
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        return (builder.with_low_accuracy_mode() if low else builder).build()


# Function words: a sample full of English ones and free of the others is English without asking
# lingua (English is the default language of most traffic; this keeps its cost near zero).
_EN_WORDS = frozenset((
    "the", "and", "to", "of", "is", "you", "for", "with", "this", "that", "please", "my", "your",
    "are", "was", "it", "on", "at", "be", "have", "can", "will", "from", "me", "we", "i", "an",
    "in", "not", "what", "how", "do",
    # English's pronouns, auxiliaries and conjunctions that French, German and Spanish do not
    # write ("her" and "or" they do, counted by the first rule only): a short prompt with one
    # of them went to lingua, ~1 ms a call ("reach her at ... or ...", "Just posted a photo")
    "his", "she", "they", "them", "their", "our", "us", "has", "had", "were", "been", "would",
    "should", "could", "but", "by", "if", "about", "which", "who", "just", "after", "before",
    "there", "when", "where", "why", "does", "did", "these", "those", "than", "its", "because",
    "her", "or",
))
_OTHER_WORDS = frozenset((
    "le", "la", "les", "des", "une", "est", "et", "pour", "dans", "que", "qui", "pas", "du", "au",
    "sur", "avec", "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "für", "den",
    "dem", "auf", "zu", "los", "las", "el", "del", "por", "para", "una", "con", "es", "y", "lo",
    "al", "su", "se",
))
_WORDS = re.compile(r"[a-zà-ÿ']+")


def _plainly_english(words: list[str]) -> bool:
    en = sum(w in _EN_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words)
    if en >= 3 and en >= 4 * other:
        return True
    # A shorter sample: one of those English words that no other language uses as a function
    # word ("to", "the"; not "in", "me", "was"), and no function word of French, German or
    # Spanish that English lacks. A third of short chat prompts ("Yash said Sebastian moved
    # to Anguilla last year.") went to lingua, the costliest stage of detecting them.
    only_en, only_other = _unshared()
    return any(w in only_en for w in words) and not any(w in only_other for w in words)


@functools.cache
def _unshared() -> tuple[frozenset[str], frozenset[str]]:
    """The English words above that are no function word of French, German or Spanish, and
    those languages' function words that English has not."""
    words = _words_by_language()
    en = words["en"]
    other = frozenset().union(*(w for lang, w in words.items() if lang != "en"))
    return _EN_WORDS - other, other - en


def load_models(languages: tuple[str, ...] = SUPPORTED) -> None:
    """Load lingua's models for ``languages`` now (a server's start-up), both of them: the
    warm-up messages are confirmed by their function words, so the high-accuracy model would
    otherwise load during the first message that is not (seconds)."""
    latin = tuple(c for c in languages if c != "zh")
    if len(latin) >= 2:  # one language: lingua is never asked
        _detector(latin)
        _detector(latin, low=False)
        _unique_function_words()


def _confirmed(words: list[str], lang: str) -> bool:
    """Whether the sample's function words say ``lang`` as well: two or more that no other
    supported language has, three times as many as those only another has ("e-mail" holds
    Spanish's "e", and "mes" is a French one). The fast model's verdict then stands without
    the high-accuracy model, which cost a French, German or Spanish message 140-250 us more
    (warm) on top of the fast one's 45-90."""
    unique = _unique_function_words()
    if lang not in unique:
        return False
    own = sum(w in unique[lang] for w in words)
    others = sum(w in words_of for other, words_of in unique.items() if other != lang
                 for w in words)
    return own >= 2 and own >= 3 * others


@functools.cache
def _unique_function_words() -> dict[str, frozenset[str]]:
    """Each Latin-script language's function words that none of the others has."""
    words = _words_by_language()
    return {lang: own - frozenset().union(*(w for other, w in words.items() if other != lang))
            for lang, own in words.items()}


#: the letters beyond a-z that each supported Latin-script language writes
_OWN_LETTERS = {"en": "", "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúü"}
#: a word in lower case (not a name) that holds a Latin letter beyond a-z
_ACCENTED_WORD = re.compile(r"(?<!\w)[^\W\d_A-ZÀ-Þ]*[\u00c0-\u024f\u1e00-\u1eff][^\W\d_]*")


def _foreign(sample: str, languages: tuple[str, ...]) -> bool:
    """Whether a word in lower case holds a letter that none of ``languages`` writes
    ("yaşıyorum", "mieszkam", "não", "sống"): a message in another language, which lingua,
    asked among these only, would give to the nearest of them (Turkish to Spanish, whose
    pipeline has no name model), not its default's name model. Not a name ("Ayşe" in a
    Spanish message), and only where the message's function words confirmed nothing."""
    if any(lang not in _OWN_LETTERS for lang in languages):
        return False  # a language whose letters are not listed here: nothing to tell
    own = set("".join(_OWN_LETTERS[lang] for lang in languages))
    return any(c not in own and c > "\u00bf" and not c.isupper()
               for m in _ACCENTED_WORD.finditer(sample) for c in m.group())


def _top(det: Any, sample: str) -> tuple[str, float] | None:
    values = det.compute_language_confidence_values(sample)
    if not values:
        return None
    return str(values[0].language.iso_code_639_1.name.lower()), float(values[0].value)


def detect_language(text: str, languages: tuple[str, ...] = SUPPORTED,
                    default: str = "en") -> str:
    """The ISO 639-1 code of ``text``'s language among ``languages`` (else ``default``)."""
    if "zh" in languages:
        han = len(_HAN.findall(text, 0, 4000))
        if han >= 4 or (han and han * 4 >= len(_LETTER.findall(text, 0, 4000))):
            return "zh"
    latin = tuple(c for c in languages if c != "zh")
    if len(latin) < 2:
        return default
    # the cost grows with length; a paragraph decides it
    sample = _NO_LANGUAGE.sub(_blank, text[:400])
    if _ENOUGH_LETTERS.match(sample) is None:
        return default
    words = _WORDS.findall(sample.lower())
    if default == "en" and _plainly_english(words):
        return default
    if not any(w in _function_words() for w in words):
        return default  # names and nouns only ("Joseph K Farmer / Aasiaat"): nothing to tell
    det = _detector(latin)
    if det is None:
        return default
    top = _top(det, sample)
    if top is None or top[0] == default:
        return default
    if top[1] >= MIN_CONFIDENCE and _confirmed(words, top[0]):
        return top[0]
    if _foreign(sample, latin):
        return default
    top = _top(_detector(latin, low=False), sample)
    if top is None or top[1] < MIN_CONFIDENCE:
        return default
    return top[0]
