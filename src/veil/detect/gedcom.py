"""People's values in a GEDCOM family tree, the format genealogy sites export:
``0 @I1@ INDI`` / ``1 NAME Cordelia Rose /Hawthornthwaite/`` / ``1 BIRT`` / ``2 DATE 17 MAR
1948`` / ``2 PLAC Kendal, Westmorland, England``.

Each line is a level, a tag and a value (GEDCOM 5.5.1, chapter 1); the tag says what the value
is, and a date's meaning comes from the event line above it. A name's surname stands between
slashes, which the name models read as punctuation; a birth date and a place stand alone on
their lines. Read, in a run of three lines or more of GEDCOM's shape (a numbered list's "1 NAME
of the product" is one line): the names (``NAME``, ``GIVN``, ``SURN``, ``NICK``, ``_MARNM``),
the dates of a person's events (a birth's is a birth date; ``CHAN``'s, the record's last
change, stays), places, addresses, phones and e-mails. The header's lines (``SOUR``, ``GEDC``,
``CHAR``) and the structure's tags stay.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.95

#: a GEDCOM line: level, optional cross-reference id, tag, optional value
_LINE = re.compile(r"[ \t]*(?P<level>\d{1,2})[ ](?:@[^@\r\n]{1,20}@[ ])?"
                   r"(?P<tag>_?[A-Z][A-Z0-9_]{1,30})(?:[ ](?P<value>[^\r\n]*))?")
#: the fewest consecutive GEDCOM lines read as a record
_RUN = 3
_VALUE_TAGS: dict[str, str] = {
    **dict.fromkeys(("NAME", "GIVN", "SURN", "NICK", "_MARNM", "_AKA", "SPFX", "NPFX"),
                    "PERSON"),
    **dict.fromkeys(("PLAC", "ADDR", "ADR1", "ADR2", "ADR3", "CITY", "POST"), "LOCATION"),
    "PHON": "PHONE", "EMAIL": "EMAIL", "_EMAIL": "EMAIL",
}
#: the events of a person's life whose DATE and PLAC are that person's
_EVENTS = frozenset({"BIRT", "CHR", "BAPM", "DEAT", "BURI", "CREM", "MARR", "DIV", "ENGA",
                     "RESI", "EMIG", "IMMI", "NATU", "CENS", "ADOP", "GRAD", "EVEN", "OCCU"})
#: the lines of a value run on (an address's)
_CONTINUED = frozenset({"CONT", "CONC"})


class GedcomRecognizer(Recognizer):
    """The names, event dates, places and addresses of a GEDCOM record."""

    name = "gedcom"
    entities = ("PERSON", "LOCATION", "DATE_OF_BIRTH", "DATE_TIME", "PHONE", "EMAIL")
    validated = True  # the line's tag says what the value is

    def idle(self, text: str) -> bool:
        # a record's first lines ("0 HEAD", "0 @I1@ INDI") or a person's name line, in a text
        # of lines with a cross-reference's "@" or a surname's "/" (one character's search
        # first: a longer string's costs ~1 us a KB beyond Latin-1)
        return ("\n" not in text or ("@" not in text and "/" not in text)
                or ("0 HEAD" not in text and "0 @" not in text and "1 NAME " not in text))

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        run: list[re.Match[str]] = []
        pos = 0
        while pos <= len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            m = _LINE.fullmatch(text, pos, end - 1 if text[pos:end].endswith("\r") else end)
            if m is not None:
                run.append(m)
            else:
                self._record(text, run, out)
                run = []
            pos = end + 1
        self._record(text, run, out)
        return out

    def _record(self, text: str, run: list[re.Match[str]], out: list[Detection]) -> None:
        """The values of one run of GEDCOM lines, each typed by its tag and its parents'."""
        if len(run) < _RUN:
            return
        parents: dict[int, str] = {}  # level -> the tag of the last line at that level
        for m in run:
            level, tag = int(m.group("level")), m.group("tag")
            parents[level] = tag
            kind = self._kind(tag, parents.get(level - 1, ""))
            if kind is None or m.group("value") is None:
                continue
            s, e = m.span("value")
            while s < e and text[s] in " \t":
                s += 1
            while e > s and text[e - 1] in " \t":
                e -= 1
            if e > s and any(c.isalnum() for c in text[s:e]) and not text.startswith("@", s):
                out.append(Detection(kind, s, e, _SCORE, self.name, text[s:e]))

    @staticmethod
    def _kind(tag: str, parent: str) -> str | None:
        if tag in _CONTINUED:  # an address's next line is the address's
            return "LOCATION" if parent in ("ADDR", "PLAC") else None
        if tag == "DATE":
            if parent == "BIRT":
                return "DATE_OF_BIRTH"
            return "DATE_TIME" if parent in _EVENTS else None
        if tag == "PLAC" and parent not in _EVENTS and parent != "":
            return None  # a source's or the header's place is no person's
        kind = _VALUE_TAGS.get(tag)
        if kind == "PERSON" and parent in ("HEAD", "SOUR", "REPO", "CORP", "GEDC"):
            return None  # the exporting program's or the archive's name
        return kind


GEDCOM = GedcomRecognizer()
