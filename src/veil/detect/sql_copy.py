"""The rows of a PostgreSQL ``COPY ... FROM stdin`` block, typed by its columns' names:

    COPY public.patients (id, first_name, last_name, dob, nhs_number, postcode) FROM stdin;
    88213	Rhiannon	Penhallow	1987-07-19	4505577104	TR1 2HE
    \\.

``pg_dump`` writes a table's data this way: tab-separated rows under the statement that names
the columns, ended by ``\\.``. The values carry no words around them, and a number's own
recognizer wants its word near it (an NHS number its "NHS": the column's name stands a line or
more above, beyond the window). Each value goes to its column, whose name says its type
(``veil.detect.field_names``, as for an ``INSERT``'s values); ``\\N`` (NULL), a row that does
not line up with the columns and unknown columns give nothing.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import FIELD_TYPES, field_type, typed
from veil.detect.recognizer import Recognizer

_SCORE = 0.95
_COPY = re.compile(r"(?i)\bCOPY[ \t]+(?P<table>[\w.\"]{1,128})[ \t]*"
                   r"\((?P<columns>[^()\r\n]{1,2000})\)[ \t]+FROM[ \t]+stdin\b[^\r\n]*\r?\n")
#: the most rows read of one block (a dump of a large table is read to here)
_ROWS = 10000


class SqlCopyRecognizer(Recognizer):
    """The values of a ``COPY ... FROM stdin`` block's rows, by their columns."""

    name = "sql_copy"
    entities = FIELD_TYPES
    validated = True  # the column's name says what the value is

    def idle(self, text: str) -> bool:
        # the rows' tabs first (one character's search; a word's costs ~1 us a KB beyond
        # Latin-1); pg_dump writes "stdin" in lower case
        return "\t" not in text or "stdin" not in text

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _COPY.finditer(text):
            table = m.group("table").replace('"', "")
            columns = [c.strip().strip('"') for c in m.group("columns").split(",")]
            kinds = [field_type(c, table) for c in columns]
            if any(kinds):
                self._rows(text, m.end(), kinds, out)
        return out

    def _rows(self, text: str, pos: int, kinds: list[str | None], out: list[Detection]) -> None:
        for _ in range(_ROWS):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line_end = end - 1 if text.startswith("\r", end - 1) and end > pos else end
            if text.startswith("\\.", pos) or line_end <= pos:
                return
            cells = text[pos:line_end].split("\t")
            if len(cells) == len(kinds):
                start = pos
                for cell, kind in zip(cells, kinds, strict=True):
                    if kind is not None and cell != "\\N":
                        found = typed(text, start, start + len(cell), kind)
                        if found is not None:
                            out.append(Detection(found[0], found[1], found[2], _SCORE,
                                                 self.name, text[found[1]:found[2]]))
                    start += len(cell) + 1
            pos = end + 1
            if pos > len(text):
                return


SQL_COPY = SqlCopyRecognizer()
