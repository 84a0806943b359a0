"""A person's values in structured records read by their field names: vCards and iCalendar
events, SWIFT MT payment fields, LDAP entries (LDIF) and distinguished names, and the user
name of a connection string.

Nothing in such a record reads as prose: ``N:Okonkwo;Marguerite;;;`` holds a given name the
name models cannot place, ``ADR;TYPE=HOME:;;12 Rosewood Lane;Springfield;IL;62704;USA`` a city
and a ZIP code without their words, ``:59:/DE89...`` a beneficiary's name and address on the
lines after the account, ``sn: Fernandes`` a surname alone, ``postgresql://jdoe_admin:...@db``
a login. The field's name says what each value is (RFC 6350 and 5545, SWIFT's MT 103 and 202
field specifications, RFC 2849, 4519 and 4514), so every value here comes from a field that
names it, and nothing fires on prose:

* a vCard's or an iCalendar's property is read inside its ``BEGIN:VCARD`` / ``BEGIN:VCALENDAR``
  block only, with folded lines joined (RFC 6350 3.2);
* a SWIFT field starts a line with its tag (``:50K:``, ``:59:``; ``12:59:30`` is a time) and
  runs to the next tag, ``-}`` or a blank line; a bank's BIC (``:59A:``) stays;
* an LDIF attribute is read in an entry that opens with a ``dn:`` line holding a distinguished
  name ("DN: see below" opens none, "cn: see below" in a sentence is no entry);
* a distinguished name inline (``subject=CN=Anneliese Vogt,OU=Finance,O=Acme GmbH,C=DE``) is
  two or more ``ATTR=value`` pairs joined by ``,`` ``/`` ``+`` or ``;``, one of them ``CN``,
  ``OU``, ``O``, ``DC`` or ``UID`` with a letter in its value (``uid=0(root) gid=0(root)`` and
  ``L=5`` are none); ``C``, ``ST``, ``O``, ``OU`` and ``DC`` stay;
* a connection string's user is what stands between ``scheme://`` and ``@host`` (the password,
  if any, is the secret recognizer's); generic accounts (``root``, ``postgres``, ``default``)
  stay.

SQL statements, read by their columns' names too, are ``veil.detect.sql``'s.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from veil.detect.entity import Detection
from veil.detect.party_names import parts_again
from veil.detect.recognizer import Recognizer

_SCORE = 0.95
#: an account number that may be an IBAN: below the IBAN recognizer's score, which types it
_ACCOUNT_SCORE = 0.9

_EOL = re.compile(r"\r\n?|\n")


def _physical_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, without its line break."""
    i = start
    while i < end:
        m = _EOL.search(text, i, end)
        if m is None:
            yield i, end
            return
        yield i, m.start()
        i = m.end()


class _Line:
    """A logical line: a physical line with the lines folded into it (each continuation's first
    blank dropped, RFC 6350 3.2 and RFC 2849), and where each of its characters stands."""

    __slots__ = ("_at", "_pieces", "_source", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._source = text
        self.text = text[start:end]
        self._pieces = [0]  # the line's index where each physical piece starts
        self._at = [start]  # and that piece's index in the text

    def fold(self, text: str, start: int, end: int) -> None:
        self._pieces.append(len(self.text))
        self._at.append(start)
        self.text += text[start:end]

    @property
    def pieces(self) -> int:
        """How many physical lines make it."""
        return len(self._pieces)

    @property
    def start(self) -> int:
        """Where the line starts in the text."""
        return self._at[0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span of this line's characters ``[start, end)`` (end > start)."""
        return self._where(start), self._where(end - 1) + 1

    def detection(self, kind: str, start: int, end: int, recognizer: str) -> Detection:
        """A detection of this line's characters ``[start, end)``, in the text."""
        a, b = self.span(start, end)
        return Detection(kind, a, b, _SCORE, recognizer, self._source[a:b])

    def _where(self, i: int) -> int:
        k = bisect.bisect_right(self._pieces, i) - 1
        return self._at[k] + i - self._pieces[k]


#: the most physical lines one quoted parameter spans
_QUOTED_LINES = 4


def _open_parameter(line: str) -> bool:
    """Whether a content line ends inside a quoted parameter (opened before the value's ":":
    a quote in the value, ``NOTE:a 5" screen``, opens none)."""
    quote = line.find('"')
    if quote < 0 or line.count('"') % 2 == 0:
        return False
    colon = line.find(":")
    return colon < 0 or quote < colon


def _logical_lines(text: str, start: int, end: int, indent: str = "", *,
                   quotes: bool = False) -> Iterator[_Line]:
    """The logical lines of ``text[start:end]``; a line that starts with ``indent`` and one more
    blank continues the line before it. ``quotes``: a line with a quote left open goes on over
    the line break (a vCard's ``LABEL="12 Rosewood Lane\\nSpringfield"``, its ``\\n`` read
    as a break where the engine decoded a text's escapes). Blank lines come as empty lines."""
    line: _Line | None = None
    deeper = (indent + " ", indent + "\t")
    last = start  # where the line before ended
    for s, e in _physical_lines(text, start, end):
        if line is not None and line.text and text.startswith(deeper, s, e):
            line.fold(text, s + len(indent) + 1, e)
        elif line is not None and quotes and line.pieces < _QUOTED_LINES and \
                _open_parameter(line.text):
            line.fold(text, last, e)  # the break is part of the quoted value
        else:
            if line is not None:
                yield line
            s += len(indent) if text.startswith(indent, s, e) else 0
            line = _Line(text, s, e)
        last = e
    if line is not None:
        yield line


def _trimmed(value: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of ``value`` without blanks around it, nor the quote, comma or bracket
    that ends a record quoted in JSON or code."""
    while start < end and value[start].isspace():
        start += 1
    while end > start and (value[end - 1].isspace() or value[end - 1] in "\"',;}]"):
        end -= 1
    return start, end


def _split(value: str, start: int, end: int, sep: str = ";") -> list[tuple[int, int]]:
    """The components of ``value[start:end]`` between unescaped ``sep`` (``\\;`` is one)."""
    out: list[tuple[int, int]] = []
    i = start
    k = start
    while k < end:
        c = value[k]
        if c == "\\":
            k += 2
            continue
        if c == sep:
            out.append((i, k))
            i = k + 1
        k += 1
    out.append((i, end))
    return out


def _has_word(value: str) -> bool:
    return any(c.isalnum() for c in value)


def marks_at(text: str, marks: tuple[str, ...], start: int = 0) -> Iterator[int]:
    """Where any of ``marks`` occurs in ``text`` from ``start`` on, in order (``str.find``:
    a regex tried at every position of a long text cost tens of microseconds a kilobyte)."""
    at = {mark: text.find(mark, start) for mark in marks}
    while True:
        i = min((k for k in at.values() if k >= 0), default=-1)
        if i < 0:
            return
        yield i
        for mark, k in at.items():
            if k == i:
                at[mark] = text.find(mark, i + 1)


def _line_start(text: str, i: int) -> int:
    """Where the line of position ``i`` starts."""
    return max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1


# --- vCard and iCalendar -------------------------------------------------------------------

#: vCard property -> (type, the components masked; None: the whole value, its URI scheme dropped)
_VCARD: dict[str, tuple[str, tuple[int, ...] | None]] = {
    "FN": ("PERSON", None),
    "N": ("PERSON", (0, 1, 2)),  # family; given; additional (a prefix "Dr." or "Jr." stays)
    "NICKNAME": ("PERSON", None),
    "ADR": ("LOCATION", (0, 1, 2, 3, 5)),  # box; extended; street; locality; (region); code
    "LABEL": ("LOCATION", None),  # vCard 3's formatted address
    "GEO": ("LOCATION", None),
    "TEL": ("PHONE", None),
    "EMAIL": ("EMAIL", None),
    "BDAY": ("DATE_OF_BIRTH", None),
    "ANNIVERSARY": ("DATE_TIME", None),
    "IMPP": ("USERNAME", None),
    "ORG": ("ORGANIZATION", (0,)),  # the organisation, not its unit
}
#: iCalendar properties whose value is a person's address and whose CN parameter their name
_CALENDAR_PEOPLE = frozenset({"ORGANIZER", "ATTENDEE", "CONTACT"})
#: a value written as a URI: the scheme is no part of it
_URI = re.compile(r"(?i)(?:tel|mailto|geo|xmpp|sip|skype|aim|ymsgr|msnim|im):(?://)?")
_BEGIN = re.compile(r"(?i)(?<![^\s\"'`>])BEGIN:(VCARD|VCALENDAR)[ \t]*(?=[\r\n]|$)")
_BEGIN_MARKS = ("BEGIN:VC", "begin:vc", "Begin:VC")
_END_VCARD = re.compile(r"(?im)^[ \t]*END:VCARD\b")
_END_VCALENDAR = re.compile(r"(?im)^[ \t]*END:VCALENDAR\b")
_PROPERTY_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z][A-Za-z0-9-]*)")


def _property(line: str) -> tuple[str, list[tuple[str, int, int]], int] | None:
    """A content line's name (upper case), its parameters (name, value start, value end) and
    where its value starts; None for a line that is none (``NAME[;PARAM=...]:VALUE``)."""
    m = _PROPERTY_NAME.match(line)
    if m is None:
        return None
    params: list[tuple[str, int, int]] = []
    i = m.end()
    n = len(line)
    while i < n and line[i] == ";":
        j = i + 1
        eq = -1
        quoted = False
        while j < n and (quoted or line[j] not in ";:"):
            if line[j] == '"':
                quoted = not quoted
            elif line[j] == "=" and eq < 0 and not quoted:
                eq = j
            j += 1
        if eq > 0:
            params.append((line[i + 1:eq].upper(), eq + 1, j))
        i = j
    if i >= n or line[i] != ":":
        return None
    return m.group(1).upper(), params, i + 1


class VCardRecognizer(Recognizer):
    """The properties of vCards (FN, N, NICKNAME, ADR, TEL, EMAIL, BDAY...) and an iCalendar
    event's organiser and attendees (name and address)."""

    name = "vcard"
    entities = ("PERSON", "LOCATION", "PHONE", "EMAIL", "DATE_OF_BIRTH", "DATE_TIME",
                "USERNAME", "ORGANIZATION")
    validated = True  # the property's name says what the value is

    def idle(self, text: str) -> bool:
        return ":" not in text or (  # (one character: found with memchr, ten times faster)
            not any(mark in text for mark in _BEGIN_MARKS))

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        pos = 0
        for i in marks_at(text, _BEGIN_MARKS):
            m = _BEGIN.match(text, i)
            if i < pos or m is None:
                continue
            calendar = m.group(1).upper() == "VCALENDAR"
            stop = (_END_VCALENDAR if calendar else _END_VCARD).search(text, m.end())
            end = len(text) if stop is None else stop.start()
            lead = text[_line_start(text, i):i]
            indent = lead if lead.isspace() else ""
            for line in _logical_lines(text, m.end(), end, indent, quotes=True):
                self._read(line, out, calendar=calendar)
            pos = max(end, m.end())
        return out

    def _read(self, line: _Line, out: list[Detection], *, calendar: bool) -> None:
        value = line.text
        prop = _property(value)
        if prop is None:
            return
        name, params, at = prop
        if calendar:
            if name not in _CALENDAR_PEOPLE:
                return
            for param, s, e in params:
                if param == "CN":
                    self._emit(line, "PERSON", *_trimmed(value, s, e), out, quotes=True)
            self._emit(line, "EMAIL", *self._uri(value, at), out)
            return
        field = _VCARD.get(name)
        if field is None:
            return
        kind, parts = field
        if kind == "LOCATION" and name == "ADR":
            for param, s, e in params:  # vCard 4 writes the formatted address as a parameter
                if param == "LABEL":
                    self._emit(line, kind, *_trimmed(value, s, e), out, quotes=True)
        if parts is None:
            self._emit(line, kind, *self._uri(value, at), out)
            return
        s, e = _trimmed(value, at, len(value))
        components = _split(value, s, e)
        for k in parts:
            if k < len(components):
                self._emit(line, kind, *_trimmed(value, *components[k]), out)

    @staticmethod
    def _uri(value: str, at: int) -> tuple[int, int]:
        s, e = _trimmed(value, at, len(value))
        m = _URI.match(value, s, e)
        return (m.end() if m is not None else s), e

    def _emit(self, line: _Line, kind: str, s: int, e: int, out: list[Detection], *,
              quotes: bool = False) -> None:
        value = line.text
        if quotes:  # a quoted parameter (its closing quote may be trimmed already)
            if value.startswith('"', s, e):
                s += 1
            if e > s and value[e - 1] == '"':
                e -= 1
        if e > s and _has_word(value[s:e]):
            out.append(line.detection(kind, s, e, self.name))


# --- SWIFT MT fields ---------------------------------------------------------------------

#: a field's tag (at a line's start, or right after the text block's ``{4:``)
_SWIFT_TAG = re.compile(r":(50[AFGHK]|59[AF]?):")
#: where a field's lines end: the next tag, the block's end, a blank line
_SWIFT_END = re.compile(r"[ \t]*(?::[0-9]{2}[A-Z]?:|-?\}|\{|$)")
_SWIFT_MARKS = (":50K:", ":50F:", ":50H:", ":50A:", ":50G:", ":59:", ":59F:", ":59A:")
#: the code of a party identifier (``NIDN/DE/123456789``) -> the identifier's type
_PARTY_CODES = {"CCPT": "PASSPORT", "DRLC": "DRIVER_LICENSE", "ARNU": "ACCOUNT_NUMBER",
                "CUST": "ACCOUNT_NUMBER", "EMPL": "ACCOUNT_NUMBER", "NIDN": "ACCOUNT_NUMBER",
                "SOSE": "ACCOUNT_NUMBER", "TXID": "ACCOUNT_NUMBER"}
_PARTY_PREFIXES = frozenset(f"{code}/" for code in _PARTY_CODES)
#: field 50F/59F's numbered lines: number -> (type, the leading "CC/" parts to keep)
_NUMBERED = {1: ("PERSON", 0), 2: ("LOCATION", 0), 3: ("LOCATION", 1),
             4: ("DATE_OF_BIRTH", 0), 5: ("LOCATION", 1), 6: ("ACCOUNT_NUMBER", 2),
             7: ("ACCOUNT_NUMBER", 1)}
_NUMBERED_LINE = re.compile(r"([1-8])/")
#: the most lines a party field holds: the account and four of 35 characters; numbered
#: lines (each says what it holds) are read a little further, as banks write more of them
_SWIFT_LINES = 5
_NUMBERED_LINES = 10
#: a party's name part found again in the message (below the fields' own values)
_REPEATED_SCORE = 0.85


class SwiftRecognizer(Recognizer):
    """The ordering customer's and the beneficiary's account, name, address, birth date and
    identifiers in SWIFT MT 103 / 202 COV fields 50a and 59a."""

    name = "swift_mt"
    entities = ("PERSON", "LOCATION", "DATE_OF_BIRTH", "ACCOUNT_NUMBER", "PASSPORT",
                "DRIVER_LICENSE")
    validated = True  # the field's tag says what the value is

    def idle(self, text: str) -> bool:
        return ":" not in text or ":5" not in text or \
            not any(mark in text for mark in _SWIFT_MARKS)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for i in marks_at(text, (":50", ":59")):
            m = _SWIFT_TAG.match(text, i)
            if m is None:
                continue
            lead = text[_line_start(text, i):i]
            if lead.strip() and not lead.endswith("{4:"):
                continue  # not at a line's start ("12:59:30", "see :59: below")
            tag = m.group(1)
            numbered = tag in ("50F", "59F")
            lines = self._lines(text, m.end(), _NUMBERED_LINES if numbered else _SWIFT_LINES)
            if not lines:
                continue
            s, e = lines[0]
            if tag in ("50A", "50G", "59A"):  # an account and a bank's BIC: the account
                if text.startswith("/", s, e):
                    self._emit(text, "ACCOUNT_NUMBER", s, e, out, account=True)
                continue
            if text.startswith("/", s, e):
                self._emit(text, "ACCOUNT_NUMBER", s, e, out, account=True)
                lines = lines[1:]
            elif tag == "50F" and text[s:s + 5].upper() in _PARTY_PREFIXES:
                parts = text[s:e].split("/", 2)
                if len(parts) == 3:
                    kind = _PARTY_CODES[parts[0].upper()]
                    self._emit(text, kind, s + len(parts[0]) + len(parts[1]) + 2, e, out)
                lines = lines[1:]
            if numbered:
                self._numbered(text, lines, out)
            else:
                for k, (s, e) in enumerate(lines[:_SWIFT_LINES - 1]):
                    self._emit(text, "PERSON" if k == 0 else "LOCATION", s, e, out)
        # the parties named again in the remittance (:70:), the bank's notes (:72:)
        names = [d.text for d in out if d.type == "PERSON"]
        if names:
            out += parts_again(text, names, out, self.name, _REPEATED_SCORE)
        return out

    @staticmethod
    def _lines(text: str, start: int, most: int) -> list[tuple[int, int]]:
        """A field's lines from ``start`` (its tag's end) up to the next tag, the block's end
        or a blank line: the rest of the tag's line (when it holds more than blanks) and the
        lines after it, ``most`` at most."""
        out: list[tuple[int, int]] = []
        for k, (s, e) in enumerate(_physical_lines(text, start, len(text))):
            if k == 0 and not text[s:e].strip():
                continue  # the tag alone on its line
            if len(out) >= most or (k and _SWIFT_END.match(text, s, e)):
                break
            out.append((s, e))
        return out

    def _numbered(self, text: str, lines: list[tuple[int, int]], out: list[Detection]) -> None:
        last: tuple[str, int] | None = None
        for s, e in lines:
            m = _NUMBERED_LINE.match(text, s, e)
            if m is None:
                continue
            number = int(m.group(1))
            field = last if number == 8 else _NUMBERED.get(number)
            if field is None:
                continue
            last = (field[0], 0)  # line 8 continues the line before it, all of it
            kind, keep = field
            at = m.end()
            for _ in range(keep):  # the country code ("3/DE/BERLIN") and issuer stay
                slash = text.find("/", at, e)
                if slash < 0:
                    break
                at = slash + 1
            self._emit(text, kind, at, e, out)

    def _emit(self, text: str, kind: str, s: int, e: int, out: list[Detection], *,
              account: bool = False) -> None:
        if account:
            while s < e and text[s] == "/":
                s += 1
        s, e = _trimmed(text, s, e)
        if e > s and _has_word(text[s:e]):
            score = _ACCOUNT_SCORE if account else _SCORE
            out.append(Detection(kind, s, e, score, self.name, text[s:e]))


# --- LDAP: distinguished names and LDIF entries ----------------------------------------

#: attributes of a distinguished name (RFC 4514, X.509 and openssl's short names) -> the type
#: of their value; None: a part of the name that says nothing of a person (kept)
_DN_ATTRIBUTES: dict[str, str | None] = {
    "CN": "PERSON", "COMMONNAME": "PERSON", "SN": "PERSON", "SURNAME": "PERSON",
    "GN": "PERSON", "GIVENNAME": "PERSON", "INITIALS": None, "PSEUDONYM": "PERSON",
    "UID": "USERNAME", "USERID": "USERNAME",
    "E": "EMAIL", "EMAILADDRESS": "EMAIL", "MAIL": "EMAIL",
    "L": "LOCATION", "LOCALITYNAME": "LOCATION", "STREET": "LOCATION",
    "STREETADDRESS": "LOCATION", "POSTALCODE": "LOCATION",
    "OU": None, "O": None, "DC": None, "C": None, "ST": None, "S": None, "TITLE": None,
    "SERIALNUMBER": None, "DNQUALIFIER": None, "ORGANIZATIONIDENTIFIER": None,
}
#: the attributes that make ``a=b, c=d`` a distinguished name rather than maths or code
_DN_STRUCTURE = frozenset({"CN", "COMMONNAME", "OU", "O", "DC", "UID"})
#: values that never hold a space (a value ends at the first one)
_DN_UNSPACED = frozenset({"UID", "USERID", "E", "EMAILADDRESS", "MAIL", "DC", "C"})
_DN_ATTRIBUTE_LONGEST = max(map(len, _DN_ATTRIBUTES))
#: what joins two parts of a distinguished name (before the next attribute)
_DN_SEPARATOR = re.compile(r"[ \t]*[,/+;][ \t]*\Z")
#: the longest value of a part, in characters and in blanks (a value longer is prose's)
_DN_VALUE_MAX = 64
_DN_WORDS = 5
#: where the last value of a name ends
_DN_VALUE_END = re.compile(r"""[,/+;\r\n"`<>()\[\]{}|]|[ \t]{2}""")  # (O'Brien: no "'")
_DN_UNSPACED_END = re.compile(r"""[\s,/+;"'`<>()\[\]{}|]""")
#: lower-cased marks of the attributes whose values are emitted: without one, no name here
_DN_MARKS = ("cn=", "cn =", "uid=", "uid =", "userid=", "mail=", "emailaddress=",
             ",e=", ", e=", "/e=", ", e =", ",l=", ", l=", "/l=", ", l =",
             "sn=", "sn =", "gn=", "gn =", "givenname=", "postalcode=", "localityname=",
             "commonname=", "surname=", "pseudonym=", "street=", "street =",
             "streetaddress=")
#: common names that are containers, roles, groups or services, not people
_NOT_PEOPLE = frozenset({
    "users", "computers", "builtin", "configuration", "schema", "system", "admin",
    "administrator", "administrators", "root", "manager", "directory manager", "localhost",
    "foreignsecurityprincipals", "managed service accounts", "program data", "services",
    "keys", "groups", "people", "roles", "default", "guest", "nobody", "anonymous",
})
_NOT_PEOPLE_WORDS = frozenset({
    "ca", "root", "authority", "certification", "certificate", "server", "service",
    "services", "intermediate", "issuing", "admins", "users", "group", "team", "policy",
    "validation", "secure", "trust", "global", "domain", "enterprise", "operators",
    "controllers", "publishers", "department", "staff", "all", "test",
})
#: what a person's common name is made of: letters, blanks, "." "'" "-" and "," (escaped,
#: quoted or before a given name: ``Smith\, John``, ``"Doe, Jane"``)
_NAME_CHARS = re.compile(r"(?:[^\W\d_]|[ .,'\u2019-]|\\,)+")


def _common_name(value: str) -> str | None:
    """The type of a common name: PERSON for a name (``Anneliese Vogt``, ``Doe\\, Jane``),
    USERNAME for one lower-case token (``cn=jdoe``), None for a host (``db.example.com``),
    a CA (``R3``, ``DigiCert Global Root CA``), a container or a group (``Users``,
    ``Domain Admins``)."""
    if _NAME_CHARS.fullmatch(value) is None:
        return None  # a digit, "@", "*", "_"...: a host, a CA's number, a service
    lowered = value.lower()
    if lowered in _NOT_PEOPLE or not _NOT_PEOPLE_WORDS.isdisjoint(lowered.split()):
        return None
    if " " not in value and "." in value.rstrip("."):
        return None  # a host name
    if value.islower() and " " not in value:
        return "USERNAME"
    return "PERSON"


def _dn_value_type(attribute: str, value: str) -> str | None:
    kind = _DN_ATTRIBUTES.get(attribute)
    if kind is None:
        return None
    if attribute in ("CN", "COMMONNAME"):
        return _common_name(value)
    if kind == "EMAIL":
        return kind if "@" in value else None
    if kind == "USERNAME":
        return None if value.isdigit() or value.lower() in _NOT_PEOPLE else kind
    if kind == "LOCATION" and attribute != "POSTALCODE":
        return kind if value[:1].isalpha() else None  # a place's name ("L=5" is maths)
    return kind


def _dn_attributes(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The attributes of distinguished names' parts in ``text[start:end]``: (name in upper
    case, where it starts, where its value starts). Read back from each "=" (a text holds
    few, where the names' letters are everywhere; a regex tried there took 4 us each)."""
    i = text.find("=", start, end)
    while i >= 0:
        j = i - 1 if i > start and text[i - 1] in " \t" else i
        k = j
        while k > start and k > j - _DN_ATTRIBUTE_LONGEST and text[k - 1].isalpha():
            k -= 1
        if k < j and (k == 0 or not (text[k - 1].isalnum() or text[k - 1] in "_.-")):
            name = text[k:j].upper()
            if name in _DN_ATTRIBUTES:
                v = i + 1
                if v < end and text[v] in " \t":
                    v += 1
                yield name, k, v
        i = text.find("=", i + 1, end)


def _distinguished_names(text: str, start: int, end: int, *,
                         whole: bool = False) -> tuple[list[tuple[str, int, int]], int]:
    """(type, start, end) of the person's values of the distinguished names in
    ``text[start:end]``, and how many names there were; ``whole``: the span is one name (an
    LDIF ``dn:`` line, which may have one part), else names are found in it."""
    out: list[tuple[str, int, int]] = []
    names = 0
    run: list[tuple[str, int, int]] = []  # (attribute, value start, value end) of one name
    for name, at, value_start in _dn_attributes(text, start, end):
        if run:
            attribute, s, _ = run[-1]
            sep = _DN_SEPARATOR.search(text, s, at)
            value = text[s:at if sep is None else sep.start()]
            if sep is None or len(value) > _DN_VALUE_MAX or value.count(" ") >= _DN_WORDS \
                    or "\n" in value or "\r" in value:
                names += _close(text, run, end, out, whole=whole)
                run = []
            else:
                run[-1] = (attribute, s, sep.start())
        run.append((name, value_start, end))
    if run:
        names += _close(text, run, end, out, whole=whole)
    return out, names


def _close(text: str, run: list[tuple[str, int, int]], end: int,
           out: list[tuple[str, int, int]], *, whole: bool) -> bool:
    """Add the values of one name's parts ``run`` (the last one runs to ``end`` so far) if
    they are a name: two parts or more, one of them a structural one with a letter in it."""
    attribute, s, _ = run[-1]
    stop = (_DN_UNSPACED_END if attribute in _DN_UNSPACED else _DN_VALUE_END).search(
        text, s, end)
    e = min(end if stop is None else stop.start(), s + _DN_VALUE_MAX)
    blanks = [i for i in range(s, e) if text[i] == " "]
    if len(blanks) >= _DN_WORDS:  # five words at most ("... CN=Jane Doe expired on ...")
        e = blanks[_DN_WORDS - 1]
    run[-1] = (attribute, s, e)
    if len(run) < 2 and not whole:
        return False
    if not any(a in _DN_STRUCTURE and any(c.isalpha() for c in text[s:e]) for a, s, e in run):
        return False
    for attribute, s, e in run:
        s, e = _trimmed(text, s, e)  # (a closing quote too)
        if text.startswith('"', s, e):  # a quoted value (RFC 1779)
            s += 1
        if e > s and _has_word(text[s:e]):
            kind = _dn_value_type(attribute, text[s:e])
            if kind is not None:
                out.append((kind, s, e))
    return True


class DistinguishedNameRecognizer(Recognizer):
    """The person's parts of a distinguished name written inline: an X.509 certificate's
    subject (``CN=Anneliese Vogt,OU=Finance,O=Acme GmbH,L=Hamburg,C=DE``, openssl's
    ``C = DE, ..., CN = ...`` and ``/C=DE/.../CN=...``) or an LDAP entry's name in a log."""

    name = "distinguished_name"
    entities = ("PERSON", "USERNAME", "EMAIL", "LOCATION")
    validated = True  # the attribute's name says what the value is

    def idle(self, text: str) -> bool:
        if "=" not in text:
            return True
        lowered = text.lower()
        return not any(mark in lowered for mark in _DN_MARKS)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        return [Detection(kind, s, e, _SCORE, self.name, text[s:e])
                for kind, s, e in _distinguished_names(text, 0, len(text))[0]]


#: LDIF attributes (lower case; RFC 4519, inetOrgPerson, posixAccount, Active Directory) ->
#: the type of their value; "DN": a distinguished name (its parts are read)
_LDIF_ATTRIBUTES: dict[str, str] = {
    **dict.fromkeys(("cn", "commonname", "sn", "surname", "givenname", "gn", "displayname",
                     "gecos", "name", "middlename", "nickname", "pseudonym"), "PERSON"),
    **dict.fromkeys(("uid", "userid", "samaccountname", "userprincipalname",
                     "mailnickname", "krbprincipalname"), "USERNAME"),
    **dict.fromkeys(("mail", "rfc822mailbox", "othermailbox", "emailaddress",
                     "mailalternateaddress", "mailforwardingaddress"), "EMAIL"),
    **dict.fromkeys(("telephonenumber", "mobile", "mobiletelephonenumber", "homephone",
                     "hometelephonenumber", "pager", "facsimiletelephonenumber",
                     "othertelephone", "othermobile", "ipphone"), "PHONE"),
    **dict.fromkeys(("homepostaladdress", "postaladdress", "street", "streetaddress",
                     "registeredaddress", "l", "localityname", "postalcode",
                     "postofficebox"), "LOCATION"),
    **dict.fromkeys(("employeenumber", "employeeid"), "ACCOUNT_NUMBER"),
    **dict.fromkeys(("userpassword", "unicodepwd"), "SECRET"),
    **dict.fromkeys(("dn", "manager", "secretary", "member", "uniquemember", "owner",
                     "seealso", "memberof", "directreports"), "DN"),
    "homedirectory": "HOME",
}
#: an LDIF line: an attribute (with options: ``cn;lang-de``), ":" (value) or "::" (base64)
_LDIF_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]*)(?:;[A-Za-z0-9-]+)*(::?)[ \t]*")
#: an entry's start: a ``dn:`` line
_LDIF_DN = re.compile(r"(?i)dn::?[ \t]")
_LDIF_DN_MARKS = ("dn:", "DN:")
#: ldapsearch's comment before an entry: ``# rfernandes, people, example.com``
_LDIF_COMMENT = re.compile(r"#[ \t]*([^,\r\n]+),")


class LdifRecognizer(Recognizer):
    """The attributes of LDAP entries written as LDIF (``ldapsearch`` output, an import file):
    names, user ids, mail, phones, postal addresses, employee numbers, passwords, and the
    person's parts of the entry's and its references' distinguished names."""

    name = "ldif"
    entities = ("PERSON", "USERNAME", "EMAIL", "PHONE", "LOCATION", "ACCOUNT_NUMBER", "SECRET")
    validated = True  # the attribute's name says what the value is

    def idle(self, text: str) -> bool:
        return ":" not in text or not any(mark in text for mark in _LDIF_DN_MARKS)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        pos = 0
        for i in marks_at(text, _LDIF_DN_MARKS):
            start = _line_start(text, i)
            indent = text[start:i]
            if i >= pos and (not indent or indent.isspace()) and _LDIF_DN.match(text, i):
                pos = self._entry(text, start, indent, out)
        return out

    def _entry(self, text: str, start: int, indent: str, out: list[Detection]) -> int:
        """Read the entry whose ``dn:`` line starts at ``start``; returns where it ends."""
        lines = _logical_lines(text, start, len(text), indent)
        head = next(lines)
        found: list[Detection] = []
        m = _LDIF_LINE.match(head.text)
        if m is None or not self._attribute(head, "dn", m, found):
            eol = _EOL.search(text, start)  # "DN: see below": no entry
            return len(text) if eol is None else eol.end()
        if found:
            self._comment(text, start, indent, found[0], found)
        end = len(text)
        for line in lines:
            value = line.text
            if value.startswith("#") or value.strip() == "-":
                continue  # a comment, a change record's separator
            m = _LDIF_LINE.match(value)
            if m is None:  # a blank line ends the entry, prose too
                end = line.start
                break
            self._attribute(line, m.group(1).lower(), m, found)
        out.extend(found)
        return max(end, start + 1)

    def _attribute(self, line: _Line, name: str, m: re.Match[str],
                   out: list[Detection]) -> bool:
        """Add what the attribute line holds; False for a ``dn:`` line that holds no
        distinguished name."""
        value = line.text
        kind = _LDIF_ATTRIBUTES.get(name)
        s, e = _trimmed(value, m.end(), len(value))
        if kind is None or e <= s:
            return False
        if m.group(2) == "::":  # base64 (non-ASCII or binary): the whole encoded value
            kind = {"DN": "PERSON", "HOME": "USERNAME"}.get(kind, kind)
        elif kind == "DN":
            parts, names = _distinguished_names(value, s, e, whole=True)
            for k, a, b in parts:
                out.append(line.detection(k, a, b, self.name))
            return names > 0
        elif kind == "HOME":  # /home/rfernandes: the user's name is its last part
            s = max(s, value.rfind("/", s, e) + 1, value.rfind("\\", s, e) + 1)
            kind = "USERNAME"
        elif name in ("cn", "commonname"):
            kind = _common_name(value[s:e])  # a group's, a host's entry: None
        if kind is None or e <= s or not _has_word(value[s:e]) or \
                (kind == "USERNAME" and value[s:e].isdigit()):
            return False
        out.append(line.detection(kind, s, e, self.name))
        return True

    def _comment(self, text: str, start: int, indent: str, leaf: Detection,
                 out: list[Detection]) -> None:
        """ldapsearch's comment line before the entry repeats its leaf's value: mask it too."""
        if start == 0:
            return
        before = text.rfind("\n", 0, start - 1) + 1
        s = before + len(indent) if text.startswith(indent, before) else before
        m = _LDIF_COMMENT.match(text, s, start)
        if m is not None and m.group(1).strip() == leaf.text:
            a, b = m.start(1), m.start(1) + len(leaf.text)
            out.append(Detection(leaf.type, a, b, _SCORE, self.name, text[a:b]))


# --- connection strings and `id` ----------------------------------------------------------

#: ``scheme://user[:password]@host``: the user (the host follows the ``@``)
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}\Z")
#: (a password may hold an "@": a percent-encoded one reads as "@" in the detection view,
#: "mongodb+srv://jdoe:Kolkata%402024@cluster0...": the last "@" before the host ends it)
_USERINFO = re.compile(r"([\w.~%+-]{1,64})(?::[^\s/]*?)?@(?=[\w.-]+(?::\d+)?"
                       r"(?:[/?#\s,;)'\"\]]|$))")
#: a user in a connection string's parameters (JDBC ``?user=``, ``;user=``, ODBC ``uid=``)
_USER_PARAMETER = re.compile(r"(?i)[?&;](?:user|username|user_?id|uid|login)="
                             r"([\w.~%+@-]{1,64})(?=[&;#\s'\"]|$)")
_URL_END = re.compile(r"[\s'\"<>`]")
#: accounts that name a system's role, not a person: they stay
_GENERIC_USERS = frozenset({
    "root", "admin", "administrator", "postgres", "default", "guest", "user", "username",
    "anonymous", "anon", "ftp", "sa", "test", "mysql", "redis", "rabbitmq", "mongo",
    "mongodb", "oracle", "system", "git", "www-data", "nobody", "dbuser", "db_user",
    "app", "service", "readonly", "replication", "elastic", "neo4j", "admin_user",
    "daemon", "bin", "sys", "sync", "games", "man", "mail", "news", "sudo", "adm", "wheel",
    "users", "docker", "staff", "ubuntu", "ec2-user", "centos", "debian", "pi", "vagrant",
})


def _a_person(user: str) -> bool:
    """Whether a user name may be a person's: a letter in it, no generic account."""
    return user.lower() not in _GENERIC_USERS and any(c.isalpha() for c in user)


class ConnectionUserRecognizer(Recognizer):
    """The user name of a connection string or a URL with credentials
    (``postgresql://jdoe_admin:<password>@db.internal:5432/patients``, ``smb://hr_admin@fs``,
    ``jdbc:mysql://db/app?user=kvasquez``); the scheme and the host stay, the password is
    the secret recognizer's."""

    name = "connection_user"
    entities = ("USERNAME",)
    validated = True  # "scheme://" and "@host" (or "user=") around it say what it is

    def idle(self, text: str) -> bool:
        return ("@" not in text and "=" not in text) or "://" not in text

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        at = text.find("://")
        while at >= 0:
            if _SCHEME.search(text, max(0, at - 32), at) is not None:
                stop = _URL_END.search(text, at)
                end = len(text) if stop is None else stop.start()
                m = _USERINFO.match(text, at + 3, end)
                if m is not None and _a_person(m.group(1)):
                    self._emit(text, *m.span(1), out)
                if text.find("=", at, end) >= 0:
                    for p in _USER_PARAMETER.finditer(text, at, end):
                        if _a_person(p.group(1)):
                            self._emit(text, *p.span(1), out)
                at = end
            at = text.find("://", at + 3)
        return out

    def _emit(self, text: str, s: int, e: int, out: list[Detection]) -> None:
        out.append(Detection("USERNAME", s, e, _SCORE, self.name, text[s:e]))


#: ``id``'s output: ``uid=1000(mthornton) gid=1000(mthornton) groups=1000(mthornton),27(sudo)``
_POSIX_ID = re.compile(r"\buid=\d+\(([^()\s]{1,64})\)[ \t]+gid=\d+\(([^()\s]{1,64})\)"
                       r"(?:[ \t]+groups=((?:\d+\([^()\s]{1,64}\),?)+))?")
_POSIX_GROUP = re.compile(r"\d+\(([^()\s]{1,64})\)")


class PosixIdRecognizer(Recognizer):
    """The user's name in ``id``'s output, and the group of the same name (``root``, ``www-data``
    and other system accounts stay)."""

    name = "posix_id"
    entities = ("USERNAME",)
    validated = True  # "uid=N(...)" says what it is

    def idle(self, text: str) -> bool:
        return "=" not in text or "uid=" not in text or "gid=" not in text

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _POSIX_ID.finditer(text):
            user = m.group(1)
            if not _a_person(user):
                continue
            spans = [m.span(1)]
            if m.group(2) == user:
                spans.append(m.span(2))
            if m.group(3):
                spans += [g.span(1) for g in _POSIX_GROUP.finditer(text, m.start(3), m.end(3))
                          if g.group(1) == user]
            out += [Detection("USERNAME", s, e, _SCORE, self.name, text[s:e]) for s, e in spans]
        return out


VCARD = VCardRecognizer()
SWIFT_MT = SwiftRecognizer()
LDIF = LdifRecognizer()
DISTINGUISHED_NAME = DistinguishedNameRecognizer()
CONNECTION_USER = ConnectionUserRecognizer()
POSIX_ID = PosixIdRecognizer()
#: every recognizer of this module, in the order they register
RECORDS = (VCARD, SWIFT_MT, LDIF, DISTINGUISHED_NAME, CONNECTION_USER, POSIX_ID)
