"""The values of JSON objects, Python dicts and query strings, typed by their keys' names.

A pasted object or request carries its values without words around them:
``{"user": {"first": "Lucinda", "city": "Hanover", "zip": "03755"}}`` or
``?email=...&city=Hanover`` give the name models nothing to read, while each key says what its
value is (``veil.detect.field_names``, the reading SQL's columns get). A quoted key's string
(``"key": "value"``, ``'key': 'value'``) or list of strings (FHIR's ``"given": ["Chidi",
"Emeka"]``) and a query's values (its pairs from its ``?`` to its end) are read. A key whose
name says nothing, a number, a placeholder or a template's parameter give nothing. A bare
``"name"`` is left to the name recognizers, which check the value (``{"name": "my-app"}`` is a
package's).
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import BARE_KEYS, FIELD_TYPES, field_type, typed
from veil.detect.recognizer import Recognizer

#: below a checked number's score and an SQL column's: a key is a weaker word than a column
_SCORE = 0.9
#: the end of a quoted key and its colon: each is read back to its opening quote
_KEY_END = re.compile(r"[\"'][ \t]*:[ \t]*")
_KEY = re.compile(r"[A-Za-z_][\w .-]{0,40}")
#: a string value in the key's own quotes, escapes kept inside (JSON's \" and \\)
_VALUE = {q: re.compile(rf"{q}((?:[^{q}\\\n]|\\.){{1,200}}){q}") for q in "\"'"}
_QUERY_PAIR = re.compile(r"[?&;]([A-Za-z_][\w.-]{0,40})=([^&#;\s\"'<>]{1,200})")
#: where a query starts: its "?" and first key (a prose question mark has no "=" after a word)
_QUERY_START = re.compile(r"\?[A-Za-z_][\w.-]{0,40}=")
_BLANK = re.compile(r"[\s\"'<>]")


#: the most strings a list's key types (a list of names is short; a list of values is not
#: the key's)
_ITEMS = 8


def _items(text: str, i: int, quote: str) -> list[tuple[int, int]]:
    """The insides of a list's strings from ``i`` (after its "["), all of them or none: a list
    of other things (numbers, objects) or a long one is left."""
    out: list[tuple[int, int]] = []
    rx = _VALUE[quote]
    while len(out) < _ITEMS:
        while i < len(text) and text[i] in " \t":
            i += 1
        v = rx.match(text, i)
        if v is None:
            return []
        out.append((v.start(1), v.end(1)))
        i = v.end()
        while i < len(text) and text[i] in " \t":
            i += 1
        if text.startswith("]", i):
            return out
        if not text.startswith(",", i):
            return []
        i += 1
    return []


def _quoted_keys(text: str) -> bool:
    """Whether ``text`` may hold a quoted key (each test one C search of the text; one of a
    character first: a two characters' search of a text beyond Latin-1 costs ~1 us a KB)."""
    return ":" in text and ('":' in text or "':" in text or '" :' in text or "' :" in text)


def _query(text: str) -> bool:
    return "?" in text and "=" in text


class KeyedValuesRecognizer(Recognizer):
    """Values of quoted keys and query parameters whose names say what they are."""

    name = "keyed_values"
    entities = FIELD_TYPES
    validated = True  # the key's name says what the value is

    def idle(self, text: str) -> bool:
        return not _quoted_keys(text) and not _query(text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if _quoted_keys(text):
            for m in _KEY_END.finditer(text):
                quote = text[m.start()]
                opening = text.rfind(quote, max(0, m.start() - 42), m.start())
                if opening < 0 or _KEY.fullmatch(text, opening + 1, m.start()) is None:
                    continue
                key = text[opening + 1:m.start()]
                v = _VALUE[quote].match(text, m.end())
                if v is not None:
                    self._emit(out, text, key, v.start(1), v.end(1))
                elif text.startswith("[", m.end()):  # a list of strings: FHIR's "given"
                    for item in _items(text, m.end() + 1, quote):
                        self._emit(out, text, key, *item)
        if _query(text):
            done = 0
            for q in _QUERY_START.finditer(text):  # each query's pairs, up to its whitespace
                if q.start() < done:
                    continue
                end = _BLANK.search(text, q.start())
                done = len(text) if end is None else end.start()
                for m in _QUERY_PAIR.finditer(text, q.start(), done):
                    self._emit(out, text, m.group(1), m.start(2), m.end(2))
        return out

    def _emit(self, out: list[Detection], text: str, key: str, s: int, e: int) -> None:
        value = typed(text, s, e, None if key.lower() in BARE_KEYS else field_type(key))
        if value is not None:
            kind, s, e = value
            out.append(Detection(kind, s, e, _SCORE, self.name, text[s:e]))


KEYED_VALUES = KeyedValuesRecognizer()
