"""The names and places of a form's lines, typed by their labels (in the languages of Europe
too: ``Bydliště: Korunní 12, Brno``, ``Osoite: ...``): ``City: Hanover``,
``home_city=Hanover``, YAML's ``  employer: Dartmouth Health``, an INI file's
``city = Hanover``, Markdown's ``- **City**: _Hanover_``.

A label and its value on a line of their own carry no other words: the name models read
"Hanover" after "City:" as a speaker's name or nothing, and a chat-speaker rule took "City" for
one. The label says what the value is (``veil.detect.field_names``, the reading SQL's columns,
JSON's keys and a table's header get; its last words decide, so ``We moved to the city:
Hanover`` reads too). The value runs to the line's end, its quotes and emphasis off, and must
have its type's shape (a few words; a name's ends before a remark after a comma); a number, an
e-mail address, a login or a secret after its label is its own recognizer's, which ends it
where its shape does; code (``city = get_city()``, ``city = self.city``) and a bare ``name`` or
``user`` (a package's, a file's: the name recognizers check those) give nothing.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import BARE_KEYS, FIELD_TYPES, field_type, fits, typed
from veil.detect.patterns import Pattern, PatternRecognizer, Scan
from veil.detect.recognizer import Recognizer

#: below a JSON key's score: a label in prose is a weaker word than a key
_SCORE = 0.85
#: a line of a label, ":" or "=", and a value (a list's dash may open it); possessive, so that
#: a line of prose fails once
_LINE = Scan(Pattern(
    # (a list's bullet, Markdown's emphasis around the label: "- **City**: Hanover"; a form's
    # item number and a gloss in brackets: "1.b. Given Name (First Name): CHIAMAKA")
    r"(?:^|(?<=\\n))[ \t]*+(?:[-*+][ \t]++|[0-9]{1,3}(?:\.[0-9a-z]{1,3})*\.[ \t]++)?(?:\*\*|__)?"
    r"(?P<key>[^\W\d_][\w .-]{0,40}?)(?:[ \t]*\([^()\n]{1,40}\))?"
    r"(?:\*\*|__)?[ \t]*(?::|=)(?:\*\*|__)?[ \t]*+(?P<v>[^\n]*?)[ \t\r]*$", 0.0, re.MULTILINE,
    line_start=True))
#: a wide gap inside a line: a tab or three spaces, what separates a form's columns (a
#: sentence puts one space between its words)
_GAP = re.compile(r"[ \t]*\t[ \t]*|[ \t]{3,}")
#: a field after such a gap, up to the next gap: "MRN: 4471902", "Employer: Dartmouth Health"
_FIELD = re.compile(r"(?P<key>[^\W\d_][\w .-]{0,40}?)(?:[ \t]*\([^()\n]{1,40}\))?"
                    r"[ \t]*:[ \t]*(?P<v>(?:(?![ \t]*\t|[ \t]{3})[^\n])*)")
#: a form body's next pair
_NEXT_PAIR = re.compile(r"&[A-Za-z_][\w.-]{0,40}=")
#: where a name's value ends and a remark begins: "Patient: Jane Doe, seen today", "(...)",
#: or an address after it ("Kunde: Henrik Nielsen, Søndergade 12, 8000 Aarhus C")
_REMARK = re.compile(r"[,;][ \t]+(?=[a-z0-9])|,[ \t]+(?=[^,\n]*\d)|;|[ \t]+\(|[ \t]+[-–—][ \t]")
#: a capitalised word after a comma inside a name's value, which may be the next field's label
_NEXT_LABEL = re.compile(r",[ \t]+([A-Z][A-Za-z]{1,20})\b")
#: what may wrap a value on both sides: quotes, and Markdown's emphasis and code marks
_WRAPS = ("**", "__", '"', "'", "*", "_", "`")
#: what code and templates hold, which a form's value does not
_CODE = re.compile(r"[(){}\[\];$%<>`]")
#: an identifier with a dot or an underscore (``self.city``, ``user_city``)
_IDENTIFIER = re.compile(r"[a-z_]\w*[._][\w.]*")
#: the types whose values no other recognizer finds without words around them: a number, an
#: address of mail, a login or a secret after its label is theirs, and ends where its shape
#: does, not at the line's end ("card: 4111 ..., exp 12/26")
_KINDS = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})


class FormFieldsRecognizer(Recognizer):
    """Values of labelled lines whose labels say what they are."""

    name = "form_fields"
    entities = FIELD_TYPES
    validated = True  # the label says what the value is

    def idle(self, text: str) -> bool:
        return ":" not in text and "=" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if self.idle(text):
            return out
        for m in _LINE.matches(text):  # (tried at line starts only, which all share)
            key = m.group("key").strip()
            s, e = m.span("v")
            gap = _GAP.search(text, s, e) if "  " in m.group("v") or "\t" in m.group("v") \
                else None
            if gap is not None:
                # a form's columns: "Patient: Jane Doe        MRN: 4471902": the value ends at
                # the wide gap, and each field after it is read as a line of its own
                self._field(text, key, s, gap.start(), out)
                for f in _FIELD.finditer(text, gap.end(), e):
                    self._field(text, f.group("key").strip(), *f.span("v"), out)
            else:
                self._field(text, key, s, e, out)
        return out

    def _field(self, text: str, key: str, s: int, e: int, out: list[Detection]) -> None:
        """The value ``text[s:e]`` of the field labelled ``key``, where its label types it."""
        if key.lower() in BARE_KEYS:
            return
        kind = field_type(key)
        if kind not in _KINDS:
            return
        if _CODE.search(text, s, e) is not None or _NEXT_PAIR.search(text, s, e) is not None:
            return  # code, or a form's body ("name=Jane+Doe&dob=..."): keyed values
        value = typed(text, *_value(text, s, e, kind), kind)
        if value is None or _IDENTIFIER.fullmatch(text, value[1], value[2]) is not None:
            return
        found, vs, ve = value
        if key.lower().endswith("address") and not any(c.isdigit() for c in text[vs:ve]):
            return  # an address block's first line is its addressee ("Billing address:
            # Jasmin T. Rasmussen"), whose name the name recognizers type
        if found == "PERSON" and (_starts_with_a_function_word(text[vs:ve])
                                  or _an_utterance(text[vs:ve])):
            return  # "first: do this" is a list's step, "Nurse: date of birth?" a speaker's
            # turn, not a given name
        if found in ("PERSON", "LOCATION") and _a_sentence(text[vs:ve]):
            return  # "Kunde: bitte Rechnung senden", "Adresse: siehe oben": a sentence
        if fits(found, text[vs:ve]):
            out.append(Detection(found, vs, ve, _SCORE, self.name, text[vs:ve]))


def _a_sentence(value: str) -> bool:
    """Whether a name's or a place's value holds two words in lower case that are common or
    function words of one language ("bitte ... senden", "siehe oben", "bez zmian"): a
    sentence, not a name ("deepika iyer": a name no list holds is no word of both)."""
    lower = [w for w in value.split() if w[:1].islower() and w.isalpha()]
    if len(lower) < 2:
        return False
    from veil.detect.language_words import languages_of, stop_languages

    shared, common = -1, 0
    for w in lower:
        mask = languages_of(w) | stop_languages(w)
        if mask:
            shared &= mask
            common += 1
    return common >= 2 and shared not in (0, -1)


def _starts_with_a_function_word(value: str) -> bool:
    from veil.detect.stopwords import stop_words

    return value.split(None, 1)[0].lower() in stop_words("en")


#: words a clause holds and a name does not (a name's particles, "de", "van", "bin", are none)
_CLAUSE_WORDS = frozenset({
    "of", "is", "are", "was", "were", "to", "for", "with", "at", "from", "have", "has", "had",
    "be", "do", "does", "did", "will", "would", "can", "could", "should", "your", "my", "our",
    "their", "his", "her", "its", "this", "that", "these", "those", "what", "when", "where",
    "why", "how", "any", "not", "please", "thanks", "okay", "ok"})
#: a sentence's end after a word of two letters or more ("fine.", not an initial's "D." nor
#: "Jr.")
_SENTENCE_END = re.compile(r"(?:[?!]|(?<![A-Z])(?<![A-Z][a-z])(?<=[A-Za-z]{2})\.)[\s\"')\]]*$")


def _an_utterance(value: str) -> bool:
    """Whether a person label's value is what a speaker said, as a transcript's turn after a
    role's label ("Nurse: date of birth?", "Doctor: blood pressure fine."), not a name."""
    end = _SENTENCE_END.search(value)
    if end is not None and (end.group().startswith(("?", "!")) or any(
            w[:1].islower() for w in value.split())):  # ("Surname: Smith." is one)
        return True
    return any(w in _CLAUSE_WORDS for w in value.lower().split()[1:])


def _value(text: str, s: int, e: int, kind: str) -> tuple[int, int]:
    """Where the value of kind ``kind`` in the rest of a line ``text[s:e]`` is: without what
    wraps it, and a name's without a remark after it ("Jane Doe, seen today")."""
    inside = _unwrapped(text, s, e)
    if inside != (s, e) or kind == "LOCATION":  # (an address's parts are set off by commas)
        return inside
    tail = _REMARK.search(text, s, e)
    if tail is not None:
        e = tail.start()
    for m in _NEXT_LABEL.finditer(text, s, e):
        if field_type(m.group(1)) is not None:
            e = m.start()  # "Contact: Eoin Walsh, Mobile 087 ...": another field's label
            break
    return _unwrapped(text, s, e)


def _unwrapped(text: str, s: int, e: int) -> tuple[int, int]:
    """The value ``text[s:e]`` without the quotes or marks that wrap it (``_Jane Doe_``)."""
    for w in _WRAPS:
        n = len(w)
        if e - s > 2 * n and text.startswith(w, s) and text.endswith(w, s, e):
            return s + n, e - n
    return s, e


FORM_FIELDS = FormFieldsRecognizer()


# --- A name after its label without a colon -------------------------------------------------
#
# Forms read aloud and pasted as prose drop the colon: "name on card grace mbeki-holloway",
# "surname NGUYEN, given names THI MAI ANH", "last name Okafor". After a label of a name's
# part, the capitalised words up to the clause's end; after a card's or an account's holder,
# any words (chat writes the name in lower case), the first no function word ("name on card
# is required" is prose).

#: the labels of a card's or an account's holder, after which a name may be in lower case
_HOLDER_LABELS = (r"name[ \t]+on[ \t]+(?:the[ \t]+)?(?:card|account)|card[ \t]?holder(?:'s)?"
                  r"(?:[ \t]+name)?|account[ \t]+holder(?:'s)?[ \t]+name")
#: the labels of a name's parts, after which the name is capitalised
_PART_LABELS = (r"surname|family[ \t]+name|last[ \t]+name|first[ \t]+name|given[ \t]+names?|"
                r"middle[ \t]+names?|maiden[ \t]+name|forenames?")
#: a word of a name: letters, an apostrophe or a hyphen inside ("o'neill", "mbeki-holloway")
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,30}"
_CAP_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-](?=[^\W\d_])){0,30}"
#: where the name ends: a clause's punctuation, a line's end or the text's
_NAME_END = r"(?=[ \t]*(?:[,.;:!?)\r\n]|$))"

NAME_AFTER_LABEL = PatternRecognizer(
    name="name_after_label", entity="PERSON",
    patterns=[
        Pattern(rf"(?i:\b(?:{_HOLDER_LABELS}))[ \t]+(?:(?i:is)[ \t]+)?"
                rf"(?P<v>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}){_NAME_END}", 0.8,
                mark=r"name[ \t]+on|holder", fold=True, words=3),
        Pattern(rf"(?i:\b(?:{_PART_LABELS}))[ \t]+(?:(?i:is)[ \t]+)?"
                rf"(?P<v>{_CAP_NAME_WORD}(?:[ \t]+{_CAP_NAME_WORD}){{0,3}}){_NAME_END}", 0.8,
                mark=r"surname|name|forename", fold=True, words=2),
    ],
    validate=lambda v: _named(v),
    validated=True,  # the label says what the value is
)


def _named(value: str) -> bool:
    """No word of prose about the field at either end ("name on card is required")."""
    from veil.detect.usernames import is_user_name

    words = value.split()
    return words[0].lower() not in _HOLDER_TERMS and is_user_name(words[0]) \
        and is_user_name(words[-1])


#: the nouns a holder's label makes a term with ("Cardholder Dispute", "cardholder
#: verification", "account holder details"): no name after the label
_HOLDER_TERMS = frozenset({"dispute", "disputes", "agreement", "statement", "verification",
                           "authentication", "signature", "details", "data", "information",
                           "address", "present", "consent", "claim", "funds", "benefits",
                           "protection", "liability", "fees", "terms"})
