"""The cells of a pasted table, typed by its header's names.

A spreadsheet's export or a report's table pasted into a prompt::

    patient_name,dob,mrn,city
    Wei Zhang,1979-04-02,00482913,Hanover

    | Name        | Phone    |
    |-------------|----------|
    | Okoro Banks | 555 0101 |

carries its values without words around them: the name models read "Wei" and leave "Zhang",
and nothing reads a record number or a city in a cell. The header says what each column holds
(``veil.detect.field_names``, the reading SQL's columns and JSON's keys get).

A table is a header line whose cells are all short names, split by commas, semicolons, tabs or
pipes, one of them naming a type, and the lines right after it that split into as many cells
(a Markdown table's ``|---|`` rule is skipped; CSV's double quotes may hold the delimiter). A
bare ``name`` column holds people's names when another column names a person's data (an
e-mail, a phone, a birth date), and things' names beside a thing's column (``name,sku,price``).
Lines may end with a line break or its escape (``\\n`` inside a JSON string).
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import FIELD_TYPES, field_type, fits, typed
from veil.detect.patterns import Pattern, Scan
from veil.detect.recognizer import Recognizer

#: a column's name is a weaker word than an SQL column's: as a JSON key's
_SCORE = 0.9
#: a header's cell: a short name that starts with a letter (quoted or not); possessive, as
#: is the rest: a line of prose fails once, not at every split of its words (6 against 20 ms
#: over a megabyte of prose with commas, searched at every position)
_CELL = r"\"?[^\W\d_][\w ./#()-]{0,39}+\"?"  # (any script's letters: "prénom", "Straße")
#: a header line: two or more cells, one delimiter between each, Markdown's pipes around
_HEADER_BODY = (
    # (after a title that opens its line: "Moodle export: username;firstname;...")
    r"[ \t]*+(?:[^\W\d_][\w .-]{0,30}+:[ \t]++)?"
    r"(?P<outer>\|)?[ ]*+"  # (spaces only around a delimiter: a tab may be one)
    rf"(?P<h>{_CELL}[ ]*+(?P<d>[,;\t|])[ ]*+{_CELL}(?:[ ]*+(?P=d)[ ]*+{_CELL})*+)"
    r"[ \t]*+\|?[ \t]*+(?=\r?\n|\\n)")
#: tried at line starts only (after a line break or its escape, a JSON string's "\n"), which
#: every recognizer reading lines shares
_HEADER = Scan(Pattern(_HEADER_BODY, 0.0, line_start=True))
#: the same at a string's opening quote
_HEADER_AT = re.compile(_HEADER_BODY)
_STRING_VALUE = re.compile(r'":[ \t]*"')
#: the quote that closes a string, and what closes its object or list, at a row's end
_STRING_END = re.compile(r'"[ \t]*[,}\]]*[ \t]*$')
#: a line's end: a line break, or its escape inside a string
_EOL = re.compile(r"\r?\n|\\n")
#: a report's header aligned by spaces (a terminal's or a mainframe's export): three names or
#: more, two spaces or more between them, each of up to three words
_FIXED_CELL = r"[A-Za-z][\w./#()-]{0,29}+(?: [A-Za-z][\w./#()-]{0,29}+){0,2}+"
_FIXED_HEADER = Scan(Pattern(
    rf"(?:^|(?<=\n)|(?<=\\n))[ \t]*+(?P<h>{_FIXED_CELL}(?:[ ]{{2,}}+{_FIXED_CELL}){{2,}}+)"
    r"[ \t]*+(?=\r?\n)", 0.0,
    line_start=True))
_FIXED_CELLS = re.compile(_FIXED_CELL)
#: Markdown's rule under a header
_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*")
#: the types of a person's data: beside one of them, a bare "name" is a person's
_PERSON_DATA = frozenset(FIELD_TYPES) - {"ORGANIZATION", "LOCATION", "IP_ADDRESS",
                                         "MAC_ADDRESS", "SECRET"}
#: columns of things, beside which a bare "name" is a thing's (``name,version``,
#: ``name,sku,price``); besides the tables of things ``field_names`` knows
_THING_COLUMNS = frozenset({
    "version", "sku", "price", "cost", "qty", "quantity", "count", "total", "size", "weight",
    "stock", "license", "licence", "url", "path", "description", "value", "default",
    "units", "rating", "score", "rank", "downloads", "stars", "owner_team", "calories",
    "abv", "population", "area", "capital", "symbol", "ticker", "isbn", "year", "release"})


def _cells(text: str, start: int, end: int, delim: str) -> list[tuple[int, int]]:
    """The cells of ``text[start:end]`` split at ``delim``, outside double quotes; each cell
    without the quotes around it."""
    out: list[tuple[int, int]] = []
    cell = start
    if text.find('"', start, end) < 0:  # most rows: the delimiters found in C
        i = text.find(delim, start, end)
        while i >= 0:
            out.append((cell, i))
            cell = i + 1
            i = text.find(delim, cell, end)
        out.append((cell, end))
        return [_unquoted(text, a, b) for a, b in out]
    i = start
    quoted = False
    while i < end:
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif c == delim and not quoted:
            out.append((cell, i))
            cell = i + 1
        i += 1
    out.append((cell, end))
    return [_unquoted(text, a, b) for a, b in out]


def _unquoted(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    if b - a >= 2 and text[a] == '"' and text[b - 1] == '"':
        return a + 1, b - 1
    return a, b


def _kinds(names: list[str]) -> list[str | None]:
    """Each column's type; a bare "name" a person's beside a person's data, else as its other
    columns say (a table of things' names)."""
    bare = [n.strip().lower() in ("name", "names") for n in names]
    kinds = [None if b else field_type(n) for n, b in zip(names, bare, strict=True)]
    if any(bare):
        if any(k in _PERSON_DATA for k in kinds):
            name_kind = "PERSON"
        elif any(n.strip().lower() in _THING_COLUMNS for n in names):
            name_kind = None
        else:
            name_kind = field_type("name", " ".join(names))
        kinds = [name_kind if b else k for k, b in zip(kinds, bare, strict=True)]
    return kinds


class TableCellsRecognizer(Recognizer):
    """Cells of delimited and Markdown tables whose header names what they are."""

    name = "table_cells"
    entities = FIELD_TYPES
    validated = True  # the header's name says what the cell is

    def idle(self, text: str) -> bool:
        return "\n" not in text and "\\n" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if self.idle(text):
            return out
        done = 0
        for m in self._headers(text):
            if m.start() < done:
                continue
            delim, outer = m.group("d"), m.group("outer") is not None
            if outer and delim != "|":
                continue
            header = _cells(text, m.start("h"), m.end("h"), delim)
            names = [text[a:b] for a, b in header]
            kinds = _kinds(names)
            if not any(kinds):
                continue
            done = self._rows(text, m.end(), delim, outer, kinds, out)
        if "  " in text:
            for m in _FIXED_HEADER.matches(text):
                if m.start() >= done:
                    done = self._fixed(text, m, out)
        return out

    def _fixed(self, text: str, m: re.Match[str], out: list[Detection]) -> int:
        """The rows under a header aligned by spaces, each cut where the header's names start
        (a value runs from its name's column to the next one's); where the table ends."""
        line = text.rfind("\n", 0, m.start()) + 1
        if line != m.start():  # after an escaped line break: columns need real lines
            return m.end()
        header = list(_FIXED_CELLS.finditer(text, m.start("h"), m.end("h")))
        kinds = _kinds([c.group() for c in header])
        if not any(kinds):
            return m.end()
        cols = [c.start() - line for c in header]
        pos = m.end()
        while True:
            eol = _EOL.match(text, pos)
            if eol is None:
                return pos
            start = eol.end()
            nxt = text.find("\n", start)
            end = len(text) if nxt < 0 else nxt
            if end - start <= cols[-1] or any(
                    not text[start + c - 1].isspace() for c in cols[1:]):
                return pos  # not a row of the table: too short, or a value across a column
            found = [typed(text, start + a, start + b, kind) for a, b, kind in zip(
                cols, [*cols[1:], end - start], kinds, strict=True)]
            if not all(v is None or fits(v[0], text[v[1]:v[2]]) for v in found):
                return pos
            out += [Detection(v[0], v[1], v[2], _SCORE, self.name, text[v[1]:v[2]])
                    for v in found if v is not None]
            pos = end
        return pos

    @staticmethod
    def _headers(text: str) -> list[re.Match[str]]:
        """Header lines after a line break or its escape, or opening a string, in order."""
        found = list(_HEADER.matches(text))
        if '":' in text:  # a JSON string's first line ('{"csv": "name,email\\n...')
            more = [_HEADER_AT.match(text, v.end()) for v in _STRING_VALUE.finditer(text)]
            found = sorted(found + [m for m in more if m is not None], key=lambda m: m.start())
        return found

    def _rows(self, text: str, pos: int, delim: str, outer: bool, kinds: list[str | None],
              out: list[Detection]) -> int:
        """The data lines after a header (at ``pos``, its line's end): their cells typed;
        where the table ends."""
        rows = 0
        while True:
            eol = _EOL.match(text, pos)
            if eol is None:
                return pos
            start = eol.end()
            nxt = _EOL.search(text, start)
            end = len(text) if nxt is None else nxt.start()
            if rows == 0 and outer and _RULE.fullmatch(text, start, end):
                pos = end
                continue
            a, b = start, end
            closing = _STRING_END.search(text, a, b)
            if closing is not None and text.count('"', a, b) % 2:
                b = closing.start()  # the last row of a table inside a string: its quote
            if outer:  # Markdown's pipes around the row
                while a < b and text[a] in " \t":
                    a += 1
                while b > a and text[b - 1] in " \t":
                    b -= 1
                if not (b - a >= 2 and text[a] == "|" and text[b - 1] == "|"):
                    return pos
                a, b = a + 1, b - 1
            cells = _cells(text, a, b, delim)
            if len(cells) != len(kinds):
                return pos
            found = [typed(text, s, e, kind) for (s, e), kind in zip(cells, kinds, strict=True)]
            if not all(v is None or fits(v[0], text[v[1]:v[2]]) for v in found):
                return pos  # a line of prose that splits as the header does
            out += [Detection(v[0], v[1], v[2], _SCORE, self.name, text[v[1]:v[2]])
                    for v in found if v is not None]
            rows += 1
            pos = end
        return pos


TABLE_CELLS = TableCellsRecognizer()
