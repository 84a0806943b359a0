"""Places named after a verb of living or moving ("flew to Calascibetta", "wohnt in Leipzig",
"abito a Torino", "originaire d'Annecy"): LOCATION spans where no model or word list saw one.

The place word lists cover the places a generator draws from, not the ones a user writes; the
verb before a place names it in any language. English, French, German, Spanish, Italian and
Portuguese verbs of living, birth, origin and moving, each with the prepositions that
introduce a place after it. The place is one to three capitalised words in the Latin, Greek
or Cyrillic script. It fills gaps only (:func:`add_places`): where a model or a name
heuristic saw something, its reading stands.

Chat writes places in lower case too ("i'm from chicago", "ich wohne in münchen"), where the
word after the verb is most often not a place ("live in peace", "moved to tears"): there a
place is a name of :mod:`veil.detect.place_names` (no common word of these languages) after
one of these verbs, after "live", "come", "go", a form of "be" ("i'm in denver") and the
like, or after a bare "from" ("i am priya sharma from pune"; a name that is also a given
name, "from jordan", needs the verb).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re

from veil.alternation import compile_ahead
from veil.detect.entity import Detection
from veil.detect.lexicon import CALENDAR_WORDS
from veil.detect.patterns import Pattern, Scan, folded
from veil.detect.place_names import ALSO_NAMES, LONGEST, PLACES, REGIONS, THE_PLACES
from veil.detect.stopwords import stop_words

# verb forms (lower case), then the prepositions that bring a place after them
_CUES = {
    "en": (r"flew|fly|flying|flown|travel(?:l)?ed|travel(?:l)?ing|returned|returning|moved|"
           r"moving|relocated|relocating|headed|heading|drove|driving|emigrated|immigrated|"
           r"lives|lived|living|located|based|born|raised|stayed|staying|arrived|arriving",
           r"to|from|in|into|near"),
    "de": (r"wohne|wohnst|wohnt|wohnen|wohnte|wohnten|gewohnt|lebe|lebst|lebt|leben|lebte|"
           r"lebten|gelebt|geboren|aufgewachsen|ziehe|ziehst|zieht|ziehen|zog|zogen|umgezogen|"
           r"gezogen|komme|kommst|kommt|kommen|kam|kamen|stamme|stammst|stammt|stammen|fliege|"
           r"fliegt|fliegen|flog|flogen|geflogen|reise|reist|reisen|reiste|reisten|gereist",
           r"in|nach|aus"),
    "es": (r"vivo|vives|vive|vivimos|viven|vivía|vivían|viví|vivió|resido|reside|residen|"
           r"nací|nació|nacido|nacida|crecí|creció|mudé|mudó|mudamos|mudaron|viajo|viaja|"
           r"viajé|viajó|volé|voló|llegué|llegó|regresé|regresó|vengo|viene|vienen|soy|"
           r"originari[oa]",
           r"en|a|de|desde|hacia"),
    "it": (r"abito|abiti|abita|abitiamo|abitano|vivo|vivi|vive|viviamo|vivono|nat[oaie]|"
           r"cresciut[oaie]|trasferit[oaie]|trasferisco|tornat[oaie]|arrivat[oaie]|vengo|"
           r"viene|vengono|sono",
           r"a|in|da|di"),
    "fr": (r"habite|habites|habitons|habitez|habitent|habitais|habitait|habité|vis|vit|"
           r"vivons|vivez|vivent|vivais|vivait|vécu|né|née|nés|nées|grandi|déménagé|"
           r"déménage|installé|installée|installés|originaire|viens|vient|venons|venez|"
           r"viennent|arrivé|arrivée|parti|partie|rentré|rentrée|suis",
           r"à|a|en|au|aux|de|du|près[ \t]+de|d[’']"),
    # "habiter" also takes the place directly: "il habite Lyon"
    "fr-direct": (r"habite|habites|habitons|habitez|habitent|habitais|habitait|habité", ""),
    "pt": (r"moro|mora|moramos|moram|vivo|vive|vivem|nasci|nasceu|nascid[oa]|cresci|mudei|"
           r"mudou|mudamos|sou|venho|vem",
           r"em|no|na|de|do|da|para"),
}
_ADVERBS = r"back|here|there|over|out|away|up|down|jetzt|wieder|zurück|ahora|ora|maintenant|agora"
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΑ-ΩΆ-ΏА-ЯЁ"
_PLACE_WORD = rf"[{_UP}][\w'’-]*"


# The verb and its preposition, found in the text lower-cased (any case: "Vivo en Marbella",
# "LIVES IN"); the place after it is matched in the text itself, capitalised.
_CUE_SOURCE = (
    r"(?<![\w-])(?:"  # an apostrophe may come before: "j'habite à Lyon"
    + "|".join(rf"(?:{verbs})(?:[ \t]+(?:{_ADVERBS}))?" + (rf"[ \t]+(?:{preps})" if preps else "")
               for verbs, preps in _CUES.values())
    + r")(?:[ \t]+|(?<=['’]))")  # after "d'" the place follows without a space
_CUE = re.compile(_CUE_SOURCE)
_CUE_ANY_CASE = re.compile(_CUE_SOURCE, re.IGNORECASE)
# Every cue starts with one of the verbs: the cue regex is tried only where a verb begins (one
# pass of an automaton over the lower-cased text; the regex alone tried all six languages'
# verbs at every position)
_CUE_SCAN = Scan(Pattern(_CUE_SOURCE, 0.0, lead=0, mark="|".join(
    f"(?:{verbs})" for verbs, _ in _CUES.values())))
# a place name's own particles: "Póvoa de Varzim", "Frankfurt am Main", "Newcastle upon Tyne"
_PARTICLE = r"(?:de|da|do|dos|das|del|della|dei|di|du|des|la|le|sur|am|an|im|upon|on|en)"
_PLACE = re.compile(
    rf"{_PLACE_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_PLACE_WORD}){{0,2}}")
_WORDS = re.compile(r"\S+")
# German puts the participle last: "Ich bin in Kockengen geboren", "in Wels aufgewachsen".
_BEFORE_PARTICIPLE = compile_ahead(
    rf"(?<![\w-])(?:[iI]n|[aA]us)[ \t]+"
    rf"(?P<v>{_PLACE_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_PLACE_WORD}){{0,2}})"
    r"[ \t]+(?:geboren|aufgewachsen|gewohnt|gelebt|gestorben)\b")
# Not a place although capitalised after such a verb: months, seasons, pronouns, and the
# German nouns that follow "nach", "in" and "aus" in set phrases ("nach Hause").
_NOT_PLACE = CALENDAR_WORDS | frozenset({
    "spring", "summer", "autumn", "fall", "winter", "christmas",
    "easter", "i", "my", "our", "your", "his", "her", "their", "this", "that",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "enero", "febrero", "marzo", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril",
    "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "gennaio",
    "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "dezembro",
    "hause", "ordnung", "zukunft", "urlaub", "rente", "ruhe", "versehen", "angst", "liebe",
    "sorge", "kontakt", "bezug", "ihnen", "ihre", "ihrer", "ihrem", "ihren", "sie",
})


# Lower case: a known name where the automaton every pattern's marks share finds it (a text
# naming no place costs nothing here), then the verb and preposition before it. Only the
# mark's starts are read (:meth:`Scan.starts`): the name's words are matched by hand after.
_KNOWN_NAMES = sorted(PLACES | {f"the {n}" for n in THE_PLACES - PLACES})
_KNOWN_MARK = r"(?<!\w)(?:" + "|".join(map(re.escape, _KNOWN_NAMES)) + ")"
_KNOWN_SCAN = Scan(Pattern(_KNOWN_MARK, 0.0, lead=0, mark=_KNOWN_MARK))
_NAME_WORD = r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*"
_NAME_WORDS = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,{LONGEST - 1}}}")
_NAME_WORD_RX = re.compile(_NAME_WORD)
# verbs that bring a known place in lower case besides the cues' own (English: "live in",
# "i'm from", "we're in", "went to", "grew up in", "trip to")
_LOWER_VERBS = (r"live|reside|resides|resided|residing|grew|settled|move|moves|come|comes|"
                r"came|coming|went|go|goes|going|gone|visit|visits|visited|visiting|stay|"
                r"stays|stayed|work|works|worked|working|study|studies|studied|studying|"
                r"am|i['’]?m|are|we['’]?re|they['’]?re|you['’]?re|is|he['’]?s|she['’]?s|"
                r"was|were|be|been|trip|flight|flights|originally|native")
_LOWER_ADVERBS = frozenset(_ADVERBS.split("|")) | {
    "originally", "currently", "still", "also", "just", "recently", "eventually", "finally",
    "now", "all", "the", "way"}
# (verb, prepositions) of each language, the English ones with the verbs above
_VERB_PREPS = [
    (re.compile(verbs + (f"|{_LOWER_VERBS}" if lang == "en" else "")),
     frozenset(p for p in re.split(r"\|", preps) if p.isalpha()))
    for lang, (verbs, preps) in _CUES.items() if preps]
_DIRECT = re.compile(_CUES["fr-direct"][0])
_AFTER_THE = THE_PLACES | PLACES


_NO_CUE, _VERB_CUE, _FROM_CUE = 0, 1, 2


def _cue_before(low: str, start: int) -> int:
    """What ends right before ``start`` in ``low``: a verb of living or moving and its
    preposition (:data:`_VERB_CUE`), a bare "from" (:data:`_FROM_CUE`), or neither."""
    if not low[start - 1:start].isspace():
        return _NO_CUE
    words = low[max(0, start - 48):start].split()[-5:]
    if len(words) > 1 and words[-1] == "the":  # "moved to the uk"
        words.pop()
    if not words:
        return _NO_CUE  # only spaces before the name
    prep = words.pop()
    if _DIRECT.fullmatch(prep) is not None:
        return _VERB_CUE  # "il habite lyon"
    while words and words[-1] in _LOWER_ADVERBS:  # "moved back to", "grew up in"
        words.pop()
    if words:
        word = words[-1]
        verb = word.rsplit("'", 1)[-1] if "'" in word[1:3] else word  # "j'habite"
        if any(prep in preps and (rx.fullmatch(verb) or rx.fullmatch(word))
               for rx, preps in _VERB_PREPS):
            return _VERB_CUE
    return _FROM_CUE if prep == "from" else _NO_CUE


def _known_at(low: str, start: int, names: frozenset[str]) -> int:
    """The end of the longest of ``names`` that starts at ``start`` in ``low`` as whole
    words (``start`` when none does)."""
    run = _NAME_WORDS.match(low, start)
    if run is None:
        return start
    words = list(_NAME_WORD_RX.finditer(run.group()))
    for n in range(len(words), 0, -1):
        if " ".join(w.group() for w in words[:n]) in names:
            return start + words[n - 1].end()
    return start


def _lower_places(text: str, low: str, taken: list[Detection]) -> list[Detection]:
    """Known places in lower case or in capitals ("I LIVE IN DENVER") after a cue
    (:func:`_cue_before`), none overlapping ``taken``."""
    out: list[Detection] = []
    done = 0
    # (where a known name starts, from the shared automaton: most are capitalised, and are
    # sifted out before anything else runs)
    for p in _KNOWN_SCAN.starts(low):
        if p < done or low[p - 1:p] in ("-", "'", "’") or text[p + 1:p + 2].islower() and \
                text[p].isupper():
            continue  # a capitalised name is the model's and the capitals' cue list's
        start = p + 4 if low.startswith("the ", p) else p
        cue = _cue_before(low, start)  # first: most names in a text follow no cue
        if cue == _NO_CUE:
            continue
        end = _known_at(low, start, PLACES if start == p else _AFTER_THE)
        if end == start or (cue == _FROM_CUE and low[start:end] in ALSO_NAMES) or (
                start > p and low.startswith(" of ", end)):  # "moved to the states of matter"
            continue
        # "pune, india": a country or region after a comma belongs to the place
        if low.startswith(", ", end):
            more = _known_at(low, end + 2, REGIONS)
            if more > end + 2:
                end = more
        done = end
        if any(d.start < end and start < d.end for d in taken):
            continue
        out.append(Detection("LOCATION", start, end, 0.6, "place_heuristic", text[start:end]))
    return out


def _may_start_place(word: str) -> bool:
    """Not a month, season, pronoun or function word ("born in May", "moved to This"), and
    not a short Latin acronym ("based in NYC": left to the model). English function words
    only: after a verb, other languages write theirs in lower case, and their lists hold place
    names ("Como", "Los Angeles", "Le Havre")."""
    low = word.lower()
    if low in _NOT_PLACE or (low in stop_words("en") and word != "The"):
        return False
    return not (word.isupper() and len(word) <= 3 and word.isascii())


def heuristic_places(text: str) -> list[Detection]:
    """LOCATION spans after a verb of living or moving and its preposition, or before a
    German participle of one (score 0.6), in the order of the text."""
    out = _after_verbs(text)
    low = folded(text)  # None where lower case changes the offsets ("İ"): no known name
    if low is not None:
        lower = _lower_places(text, low, out)
        if lower:
            out = sorted([*out, *lower], key=lambda d: d.start)
    if "ge" in text:  # every participle below holds it
        seen = {(d.start, d.end) for d in out}
        for m in _BEFORE_PARTICIPLE.finditer(text):
            s, e = m.span("v")
            if (s, e) not in seen and _may_start_place(m.group("v").split()[0]):
                out.append(Detection("LOCATION", s, e, 0.6, "place_heuristic", text[s:e]))
        out.sort(key=lambda d: d.start)
    return out


def _after_verbs(text: str) -> list[Detection]:
    low = folded(text)  # the patterns' own: their marks are found in it once
    cues = _CUE_SCAN.matches(low) if low is not None else _CUE_ANY_CASE.finditer(text)
    out: list[Detection] = []
    done = 0
    for m in cues:
        if m.start() < done:
            continue  # inside the place just found
        place = _PLACE.match(text, m.end())
        if place is None:
            continue
        done = place.end()
        words = list(_WORDS.finditer(text, m.end(), done))
        if not _may_start_place(words[0].group()):
            continue
        end = words[0].end()
        for w in words[1:]:
            word = w.group()
            if not word[0].isupper():
                continue  # a particle counts only with a word after it
            if word.lower() in stop_words("en") or word.lower() in _NOT_PLACE:
                break  # "OSLO LAST YEAR": a capitalised function word ends the place
            end = w.end()
        out.append(Detection("LOCATION", m.end(), end, 0.6, "place_heuristic",
                             text[m.end():end]))
    return out


def add_places(text: str, found: list[Detection]) -> list[Detection]:
    """``found`` plus the :func:`heuristic_places` that overlap none of it, or that hold
    what was found inside them ("born in Vila Real" where the model saw "Vila", "lives in
    Santa Marina" where a name list saw "Marina": the rest of the name would be left in the
    clear). Bisection over the spans sorted by start, with the furthest end so far: a scan of
    every span per place took 0.3 s on 1 MB."""
    places = heuristic_places(text)
    if not places:
        return found
    order = sorted(range(len(found)), key=lambda k: (found[k].start, found[k].end))
    starts = [found[k].start for k in order]
    reach = list(itertools.accumulate((found[k].end for k in order), max))
    added: list[Detection] = []
    replaced: set[int] = set()
    for p in places:
        i = bisect.bisect_left(starts, p.end)  # the spans that start before the place ends
        if i == 0 or reach[i - 1] <= p.start:
            added.append(p)
            continue
        j = bisect.bisect_left(starts, p.start)  # from here on, spans start inside the place
        inside = [order[k] for k in range(j, i)]
        if (j == 0 or reach[j - 1] <= p.start) and all(
                found[k].end <= p.end and found[k].end - found[k].start < p.end - p.start
                for k in inside):
            # the same place, longer: it keeps the model's confidence
            replaced.update(inside)
            added.append(dataclasses.replace(p, score=max(p.score, *(found[k].score
                                                                     for k in inside))))
    if not replaced:
        return [*found, *added]
    return [d for k, d in enumerate(found) if k not in replaced] + added
