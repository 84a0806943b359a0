"""The names and places of a form's lines, typed by their labels: ``City: Hanover``,
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
from veil.detect.patterns import Pattern, Scan
from veil.detect.recognizer import Recognizer

#: below a JSON key's score: a label in prose is a weaker word than a key
_SCORE = 0.85
#: a line of a label, ":" or "=", and a value (a list's dash may open it); possessive, so that
#: a line of prose fails once
_LINE = Scan(Pattern(
    # (a list's bullet, Markdown's emphasis around the label: "- **City**: Hanover"; a form's
    # item number and a gloss in brackets: "1.b. Given Name (First Name): CHIAMAKA")
    r"(?:^|(?<=\\n))[ \t]*+(?:[-*+][ \t]++|[0-9]{1,3}(?:\.[0-9a-z]{1,3})*\.[ \t]++)?(?:\*\*|__)?"
    r"(?P<key>[A-Za-z][A-Za-z0-9_ .-]{0,40}?)(?:[ \t]*\([^()\n]{1,40}\))?"
    r"(?:\*\*|__)?[ \t]*(?::|=)(?:\*\*|__)?[ \t]*+(?P<v>[^\n]*?)[ \t\r]*$", 0.0, re.MULTILINE,
    line_start=True))
#: a form body's next pair
_NEXT_PAIR = re.compile(r"&[A-Za-z_][\w.-]{0,40}=")
#: where a name's value ends and a remark begins: "Patient: Jane Doe, seen today", "(...)"
_REMARK = re.compile(r"[,;][ \t]+(?=[a-z0-9])|;|[ \t]+\(|[ \t]+[-–—][ \t]")
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
            if key.lower() in BARE_KEYS:
                continue
            kind = field_type(key)
            if kind not in _KINDS:
                continue
            s, e = m.span("v")
            if _CODE.search(text, s, e) is not None or _NEXT_PAIR.search(text, s, e) is not None:
                continue  # code, or a form's body ("name=Jane+Doe&dob=..."): keyed values
            value = typed(text, *_value(text, s, e, kind), kind)
            if value is None or _IDENTIFIER.fullmatch(text, value[1], value[2]) is not None:
                continue
            found, vs, ve = value
            if key.lower().endswith("address") and not any(c.isdigit() for c in text[vs:ve]):
                continue  # an address block's first line is its addressee ("Billing address:
                # Jasmin T. Rasmussen"), whose name the name recognizers type
            if found == "PERSON" and _starts_with_a_function_word(text[vs:ve]):
                continue  # "first: do this" is a list's step, not a given name
            if fits(found, text[vs:ve]):
                out.append(Detection(found, vs, ve, _SCORE, self.name, text[vs:ve]))
        return out


def _starts_with_a_function_word(value: str) -> bool:
    from veil.detect.stopwords import stop_words

    return value.split(None, 1)[0].lower() in stop_words("en")


def _value(text: str, s: int, e: int, kind: str) -> tuple[int, int]:
    """Where the value of kind ``kind`` in the rest of a line ``text[s:e]`` is: without what
    wraps it, and a name's without a remark after it ("Jane Doe, seen today")."""
    inside = _unwrapped(text, s, e)
    if inside != (s, e) or kind == "LOCATION":  # (an address's parts are set off by commas)
        return inside
    tail = _REMARK.search(text, s, e)
    return (s, e) if tail is None else _unwrapped(text, s, tail.start())


def _unwrapped(text: str, s: int, e: int) -> tuple[int, int]:
    """The value ``text[s:e]`` without the quotes or marks that wrap it (``_Jane Doe_``)."""
    for w in _WRAPS:
        n = len(w)
        if e - s > 2 * n and text.startswith(w, s) and text.endswith(w, s, e):
            return s + n, e - n
    return s, e


FORM_FIELDS = FormFieldsRecognizer()
