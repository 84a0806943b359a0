"""The people a message's headers name: an e-mail's ``From``, ``To`` and ``Cc`` lines, a
calendar invitation's ``ATTENDEE`` and ``ORGANIZER``, a directory entry's common name.

A forwarded thread pasted into a prompt keeps its headers::

    From: Blackwood, Horatio
    Sent: Monday, 3 June 2024 14:02
    To: Sommerfeld, Greta; Jane Doe <jane@example.org>

Outlook writes its people surname first, split by a comma, and the name models read the
surname and leave the given name, or read neither. The header says the value is a list of
people: each entry shaped like a name (capitalised words, ``Last, First`` or ``First Last``,
an address in angle brackets after it) is one. A ``From``/``To`` line counts as a header only
in a block of two or more header lines (``To: Paris, France`` in a letter is not one).

An invitation's ``ATTENDEE;CN=Saskia Vollmer;ROLE=...`` (iCalendar) and a directory's
``CN=Jane Doe,OU=Staff,DC=corp`` (LDAP) name their person after ``CN=``: two capitalised words
or more (``CN=Users``, ``CN=svc-backup`` are containers and accounts).
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.85
#: the header lines of an e-mail as clients in English, German, French and Spanish quote them
_HEADER = re.compile(
    r"^[ \t>]*(?P<key>From|To|Cc|Bcc|Reply-To|Sender|Sent|Date|Subject|Von|An|Gesendet|Betreff|"
    r"De|Para|Envoyé|Objet|Enviado|Asunto|À)[ \t]*:[ \t]*(?P<v>[^\n]*?)[ \t\r]*$",
    re.MULTILINE | re.IGNORECASE)
#: the keys whose values are people
_PEOPLE = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender", "von", "an", "de",
                     "para", "à"})
#: a capitalised word of a name (Unicode letters, an apostrophe or a hyphen inside), an
#: initial, or a particle
_WORD = r"(?:[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*|[^\W\d_]\.)"
_PARTICLE = r"(?:van|von|de|del|der|den|da|di|du|le|la|ten|ter|bin|al|el)"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,3}}"
#: "Last, First" or "First Last", quoted or not, an address after it
_ENTRY = re.compile(
    rf"[ \t]*[\"']?(?P<v>{_NAME}(?:,[ \t]*{_NAME})?)[\"']?[ \t]*(?:<[^<>\n]*>|\[mailto:[^\]\n]*\])?"
    r"[ \t]*")
#: an entry that names a team, a service or a company, not a person
_NOT_PEOPLE = frozenset({
    "team", "support", "service", "services", "department", "dept", "office", "desk", "group",
    "admin", "administrator", "noreply", "no-reply", "info", "sales", "billing", "accounts",
    "hr", "it", "helpdesk", "help", "customer", "care", "notifications", "newsletter", "inc",
    "ltd", "llc", "gmbh", "plc", "corp", "company", "bank", "hospital", "clinic", "school",
    "university", "council", "committee", "board", "staff", "all", "everyone", "undisclosed",
    "recipients", "calendar", "mailer-daemon", "postmaster", "system"})
#: what splits a header's entries: a ";" (Outlook), or a "," right after an address's ">"
_SPLIT = re.compile(r";|(?<=>)[ \t]*,")
#: a common name after "CN=", to the next ";", ",", ":" or line end
_COMMON_NAME = re.compile(rf"(?<![\w-])CN=[\"']?(?P<v>{_NAME})[\"']?(?=[;,:\n\r]|$)")


def _person(value: str) -> bool:
    """Whether a header's entry reads as a person's name: every word capitalised, none an
    acronym or a team's word; one word alone a known given name or surname (``To:
    Management`` names no one)."""
    words = re.findall(r"[^\W\d_][^\s,]*", value)
    if len(words) == 1:
        from veil.detect.names import first_names, last_names

        low = words[0].lower()
        if low not in first_names() and low not in last_names():
            return False
    return bool(words) and all(
        w[0].isupper() and (len(w) < 2 or not w.isupper() or w.endswith("."))
        and w.lower().strip(".") not in _NOT_PEOPLE for w in words
        if not re.fullmatch(_PARTICLE, w))


def _entries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each entry of the header value ``text[start:end]`` is."""
    out: list[tuple[int, int]] = []
    for m in _SPLIT.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return out


class HeaderNamesRecognizer(Recognizer):
    """People in a message's header lines and an entry's common name."""

    name = "header_names"
    entities = ("PERSON",)

    def idle(self, text: str) -> bool:
        return ":" not in text and "CN=" not in text

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if ":" in text:
            self._headers(text, out)
        if "CN=" in text:
            for m in _COMMON_NAME.finditer(text):
                s, e = m.span("v")
                if len(m.group("v").split()) >= 2 and _person(m.group("v")):
                    out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))
        return out

    def _headers(self, text: str, out: list[Detection]) -> None:
        block: list[re.Match[str]] = []
        for m in _HEADER.finditer(text):
            if block and text.count("\n", block[-1].end(), m.start()) > 1:
                self._block(text, block, out)  # a line between: a new block
                block = []
            block.append(m)
        self._block(text, block, out)

    def _block(self, text: str, block: list[re.Match[str]], out: list[Detection]) -> None:
        if len(block) < 2:
            return
        for m in block:
            if m.group("key").lower() not in _PEOPLE:
                continue
            for at, e in _entries(text, m.start("v"), m.end("v")):
                entry = _ENTRY.fullmatch(text, at, e)
                if entry is None or not _person(entry.group("v")):
                    continue
                s, e = entry.span("v")
                out.append(Detection("PERSON", s, e, _SCORE, self.name, text[s:e]))


HEADER_NAMES = HeaderNamesRecognizer()
