"""The values of JSON objects, Python dicts, query strings and HTML forms' fields, typed by their
keys' names.

A pasted object or request carries its values without words around them: ``{"user": {"first":
"Lucinda", "city": "Hanover", "zip": "03755"}}`` or ``?email=...&city=Hanover`` (or a form's
body, ``email=...&city=Hanover``) give the name models nothing to read, while each key says
what its value is (``veil.detect.field_names``, the reading SQL's columns get). A quoted key's
string (``"key": "value"``, ``'key': 'value'``) or list of strings (FHIR's ``"given": ["Chidi",
"Emeka"]``) and a query's values (its pairs from its ``?``, or a form body's first key, to its
end) are read. A key whose name says nothing, a number, a placeholder or a template's parameter
give nothing. A bare ``"name"`` is left to the name recognizers, which check the value
(``{"name": "my-app"}`` is a package's).
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import BARE_KEYS, FIELD_TYPES, field_type, typed
from veil.detect.recognizer import Recognizer

#: below a checked number's score and an SQL column's: a key is a weaker word than a column
_SCORE = 0.9
#: a value written as a person's name: two to four capitalised words of letters
_PERSON_SHAPE = re.compile(r"[ \t]*[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:[ \t]+[A-ZÀ-Þ][a-zß-ÿ'’-]+){1,3}[ \t]*")
#: the end of a quoted key and its colon: each is read back to its opening quote
_KEY_END = re.compile(r"[\"'][ \t]*:[ \t]*")
_KEY = re.compile(r"[A-Za-z_][\w .-]{0,40}")
#: a string value in the key's own quotes, escapes kept inside (JSON's \" and \\)
_VALUE = {q: re.compile(rf"{q}((?:[^{q}\\\n]|\\.){{1,200}}){q}") for q in "\"'"}
#: a query's key and value; a value of words the view spaced (a form's "+": ``veil.detect.
#: normalize``) runs to the next pair, a value alone to the next delimiter
_WORDS_VALUE = r"[^&#;\s\"'<>]{1,200}(?: [^\W\d_][^&#;\s\"'<>=]{0,19}){1,5}"
_PAIR = re.compile(rf"([A-Za-z_][\w.-]{{0,40}})=({_WORDS_VALUE}(?=&[A-Za-z_][\w.-]{{0,40}}=)"
                   r"|[^&#;\s\"'<>]{1,200})")
#: what is skipped to the next pair: a key without a value ("&debug&city=...")
_NOT_A_PAIR = re.compile(r"[^&#;\s\"'<>]*[&;]")
#: where a query starts: its "?" and first key (a prose question mark has no "=" after a word)
_QUERY_START = re.compile(r"\?(?=[A-Za-z_][\w.-]{0,40}[=&])")
#: a form's body: two pairs or more after a blank, a quote or a colon ("POST body: a=1&b=2"),
#: looked for back from each "&" before a key and its "=" (a search at every position cost a
#: ~1 KB prompt 35 us)
_BODY = re.compile(rf"[A-Za-z_][\w.-]{{0,40}}=(?:{_WORDS_VALUE}|[^&#;\s\"'<>]{{0,200}})"
                   r"&[A-Za-z_][\w.-]{0,40}=")
_NEXT_KEY = re.compile(r"[A-Za-z_][\w.-]{0,40}=")
#: where a form's body can begin, back from its first "&": after the last blank, quote or colon
_BODY_OPENS = re.compile(r"[\s:\"'][^\s:\"']*\Z")


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


#: an HTML form's field with its value: ``<input name="city" value="Hanover">`` (either order;
#: the key from its ``name`` or, without one, its ``id``)
_TAG = re.compile(r"<(?:input|option|textarea|select|param|meta)\b[^<>]{0,400}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"\b(name|id|value)[ \t]*=[ \t]*(?:\"([^\"<>\n]{0,200})\"|'([^'<>\n]{0,200})')", re.IGNORECASE)


def _html_fields(text: str) -> bool:
    return "=" in text and "<" in text


def _query(text: str) -> bool:
    return "=" in text and ("?" in text or "&" in text)


def _query_starts(text: str) -> list[int]:
    """Where each query's or form body's first key is, ascending."""
    starts = [q.end() for q in _QUERY_START.finditer(text)] if "?" in text else []
    amp = text.find("&")
    while amp >= 0:
        if _NEXT_KEY.match(text, amp + 1) is not None:
            start = _body_start(text, amp)
            if start is not None:
                starts.append(start)
        amp = text.find("&", amp + 1)
    return sorted(set(starts))


def _body_start(text: str, amp: int) -> int | None:
    """Where the form body whose first "&" is at ``amp`` begins: after a blank, a quote or a
    colon, back over the spaced words of its first value (up to five)."""
    end = amp
    for _ in range(6):
        opens = _BODY_OPENS.search(text, max(0, end - 200), end)
        if opens is None:
            return 0 if end <= 200 and _BODY.match(text, 0) is not None else None
        if _BODY.match(text, opens.start() + 1) is not None:
            return opens.start() + 1
        if not text[opens.start()].isspace() or opens.start() == 0:
            return None
        end = opens.start()
    return None


class KeyedValuesRecognizer(Recognizer):
    """Values of quoted keys and query parameters whose names say what they are."""

    name = "keyed_values"
    entities = FIELD_TYPES
    validated = True  # the key's name says what the value is

    def idle(self, text: str) -> bool:
        return not _quoted_keys(text) and not _query(text) and not _html_fields(text)

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
        if _html_fields(text):
            for tag in _TAG.finditer(text):
                attributes: dict[str, tuple[str, int, int]] = {}
                for a in _ATTRIBUTE.finditer(text, tag.start(), tag.end()):
                    g = 2 if a.group(2) is not None else 3
                    attributes.setdefault(a.group(1).lower(), (a.group(g), *a.span(g)))
                named = attributes.get("name") or attributes.get("id")
                value = attributes.get("value")
                if named is not None and value is not None and value[2] > value[1]:
                    self._emit(out, text, named[0], value[1], value[2])
        if _query(text):
            done = 0
            for start in _query_starts(text):  # each query's pairs, one after another
                if start >= done:
                    done = self._pairs(out, text, start)
        return out

    def _pairs(self, out: list[Detection], text: str, pos: int) -> int:
        """A query's pairs from ``pos`` to its end, which is returned."""
        while pos < len(text):
            m = _PAIR.match(text, pos)
            if m is None:
                skip = _NOT_A_PAIR.match(text, pos)
                if skip is None:
                    break
                pos = skip.end()
                continue
            self._emit(out, text, m.group(1), m.start(2), m.end(2))
            pos = m.end()
            if not text.startswith(("&", ";"), pos):
                break
            pos += 1
        return pos

    def _emit(self, out: list[Detection], text: str, key: str, s: int, e: int) -> None:
        bare = key.lower() in BARE_KEYS
        # a bare "name" says nothing of whose ("name=widget"): a person's when its value is
        # written as one ("name=Fenella%20Marchbanks", two to four capitalised words)
        kind = ("PERSON" if _PERSON_SHAPE.fullmatch(text, s, e) and key.lower() != "user"
                else None) if bare else field_type(key)
        value = typed(text, s, e, kind)
        if value is not None:
            kind, s, e = value
            out.append(Detection(kind, s, e, _SCORE, self.name, text[s:e]))


KEYED_VALUES = KeyedValuesRecognizer()
