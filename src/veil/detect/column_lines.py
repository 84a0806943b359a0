"""A table's or a form's labels and values that copy out as separate lines: a PDF's or a web
page's table pasted as text gives each cell its own line, the labels first, then the values in
the same order (``Name⏎DOB⏎MRN⏎Jane Doe⏎03/04/1971⏎4471902``), a row after another (three
labels, then three values, then three more).

No value stands next to its label: the name models read "Chidinma" alone on a line as
nothing, a city after a name as the name's, and the number recognizers want their word right
before the number. A run of two to eight short label lines (a few words, no digit, a colon
allowed), two or more of which name a field (``veil.detect.field_names``, as a table's header
does), followed by at least as many lines of values: the value lines are paired with the
labels in order, row after row while the lines hold no label, and typed by their labels as a
table's cells are (the value's shape must fit: a phone's digits, a name's few words). A line
that names a field again ends the rows; so does a blank line.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import FIELD_TYPES, field_type, fits, typed
from veil.detect.recognizer import Recognizer

_SCORE = 0.85
#: a label's line: one to four words of letters (a hyphen, a slash, a full stop, a hash or
#: brackets inside), maybe a colon, nothing else
_LABEL_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z'’./#()-]*(?:[ \t][A-Za-z'’./#()-]+){0,3})"
                         r"[ \t]*:?[ \t]*\r?$")
_MAX_LABELS = 8


class ColumnLinesRecognizer(Recognizer):
    """Values on lines of their own after a run of their labels' lines."""

    name = "column_lines"
    entities = FIELD_TYPES
    validated = True  # the label says what the value is

    def idle(self, text: str) -> bool:
        return text.count("\n") < 3

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if self.idle(text):
            return out
        lines: list[tuple[int, int]] = []
        at = 0
        for line in text.split("\n"):
            lines.append((at, at + len(line)))
            at += len(line) + 1
        # each line's label type, read once: a run is tried from every line, and each try
        # reads up to eight lines ahead
        label_of: list[str | None | bool] = [True] * len(lines)
        i = 0
        while i < len(lines):
            kinds = self._labels(text, lines, i, label_of)
            if len(kinds) < 2:
                i += 1
                continue
            j = i + len(kinds)
            k = 0
            while j < len(lines):
                s, e = lines[j]
                value = text[s:e]
                if not value.strip() or isinstance(_label(text, lines, j, label_of), str):
                    break  # a blank line, or a label again: the rows end
                kind = kinds[k % len(kinds)]
                if kind is not None:
                    found = typed(text, s, e, kind)
                    if found is not None and fits(found[0], text[found[1]:found[2]]) \
                            and _plausible(found[0], text[found[1]:found[2]]):
                        out.append(Detection(found[0], found[1], found[2], _SCORE, self.name,
                                             text[found[1]:found[2]]))
                j += 1
                k += 1
            if k < len(kinds):  # fewer values than labels: a list of headings, not a table
                out = [d for d in out if d.start < lines[i][0]]
            i = max(j, i + 1)
        return out

    @staticmethod
    def _labels(text: str, lines: list[tuple[int, int]], i: int,
                label_of: list[str | None | bool]) -> list[str | None]:
        """The types of the run of label lines from line ``i`` (a label that names no field
        is None); empty where fewer than two of them name a field."""
        kinds: list[str | None] = []
        for j in range(i, min(i + _MAX_LABELS, len(lines))):
            kind = _label(text, lines, j, label_of)
            if kind is False:
                break
            kinds.append(kind if isinstance(kind, str) else None)
        # (the run's last label lines may be values: "Name⏎City⏎Jane Doe⏎Galway": a value's
        # words name no field, so a run of labels ends at its last named field)
        while kinds and kinds[-1] is None:
            kinds.pop()
        # (a run opens with a named field: a heading above it, "Patient details", is the next
        # line's run)
        return kinds if kinds and kinds[0] is not None \
            and sum(k is not None for k in kinds) >= 2 else []


def _label(text: str, lines: list[tuple[int, int]], j: int,
           label_of: list[str | None | bool]) -> str | None | bool:
    """Line ``j`` as a label: the type it names, None where it names none, False where it is
    no label's line; kept in ``label_of`` (True: not read yet)."""
    kind = label_of[j]
    if kind is True:
        s, e = lines[j]
        m = _LABEL_LINE.fullmatch(text, s, e)
        kind = label_of[j] = False if m is None else field_type(m.group(1))
    return kind


#: the types whose value is words, which a line of prose could be too
_WORDS = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
#: a word in small letters that a name or a place holds ("van", "de", "upon")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "do",
                        "dos", "das", "du", "la", "le", "y", "e", "bin", "al", "upon", "on",
                        "of", "the", "and"})


def _plausible(kind: str, value: str) -> bool:
    """A name's or a place's value is no sentence: it opens with a capital or a digit, ends
    without a stop, and holds no word in small letters but a particle ("Please fill in all
    fields." under "Address" is an instruction)."""
    if kind not in _WORDS:
        return True
    if not (value[0].isupper() or value[0].isdigit()) or value[-1] in ".!?:":
        return False
    return all(not w[0].islower() or w in _PARTICLES for w in value.split())


COLUMN_LINES = ColumnLinesRecognizer()
