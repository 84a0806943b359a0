"""The text of XML elements, typed by their tags' names as a JSON key's value is by its key's:
``<postalCode>37919</postalCode>``, ``<LastName>Oyelaran</LastName>``, ``<birthTime
value="19440817"/>``.

Clinical documents (HL7 CDA), e-prescriptions (NCPDP SCRIPT) and payment messages (ISO 20022)
carry a patient's or a payer's values as elements whose tag says what they are, with no words
around them. A tag is read as a field's name (``veil.detect.field_names``, the reading JSON
keys and SQL columns get), after two readings of its own:

* ISO 20022 writes its tags in abbreviations (``PstCd``, ``StrtNm``, ``AdrLine``, ``Dbtr``):
  each abbreviated word is read as the word (the standard's abbreviation list: ``Pst`` post,
  ``Cd`` code, ``Nm`` name, ``Dbtr`` debtor, the payer), so ``PstCd`` is a postcode;
* a tag that names a part of a name or only "name" is read with its parent's: CDA's
  ``<name><family>`` is a family name, ISO 20022's ``<Cdtr><Nm>`` the payee's name, while
  ``<FinInstnId><Nm>`` (a bank's) and ``<product><name>`` say nothing.

An element's text without markup inside, up to 200 characters, and an element's ``value``
attribute (HL7 v3's ``<birthTime value=...>``) are read; a tag whose name says nothing, a
number where a name goes, a placeholder give nothing.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.field_names import FIELD_TYPES, field_type, typed
from veil.detect.party_names import parts_again
from veil.detect.recognizer import Recognizer

#: as a JSON key's (``keyed_values``): below a checked number's score
_SCORE = 0.9
#: a name's part found again outside its element
_REPEATED_SCORE = 0.85
#: a closing tag (a namespace's prefix dropped)
_CLOSE = re.compile(r"</(?:[A-Za-z_][\w.-]{0,20}:)?([A-Za-z_][\w.-]{0,40})[ \t]*>")
#: an opening tag's name (after its "<")
_OPEN = re.compile(r"(?:[A-Za-z_][\w.-]{0,20}:)?([A-Za-z_][\w.-]{0,40})(?=[\s/>])")
#: an element's ``value`` attribute, its tag's name first
_VALUED = re.compile(r"<(?:[A-Za-z_][\w.-]{0,20}:)?([A-Za-z_][\w.-]{0,40})\s[^<>]{0,300}?"
                     r"\bvalue[ \t]*=[ \t]*\"([^\"<>\n]{1,200})\"")
#: tags read by :func:`veil.detect.keyed_values`'s HTML reader, by their ``name``
_FORM_TAGS = frozenset({"input", "option", "textarea", "select", "param", "meta"})
#: ISO 20022's abbreviations of the words its tags are made of (its "XML tag name
#: abbreviations" list), those of a party's name and postal address; Dbtr and Cdtr are the
#: payer and the payee
_ABBREVIATIONS = {"Nm": "Name", "Pst": "Post", "Cd": "Code", "Strt": "Street", "Adr": "Address",
                  "Twn": "Town", "Bldg": "Building", "Nb": "Number", "Dt": "Date",
                  "Ctry": "Country", "Dbtr": "Payer", "Cdtr": "Payee", "Ultmt": "",
                  "Dstrct": "District", "Lctn": "Location", "Flr": "Floor", "Ctct": "Contact",
                  "Dtls": "Details", "Prvt": "Private", "Brth": "Birth", "Pty": "Party"}
_CAPITALISED = re.compile(r"[A-Z][a-z]*|[a-z]+|\d+")
#: a field's name alone that says whose only with its parent's ("family", "given" are parts
#: of a name; "name" of anything)
_PARTS = frozenset({"name", "family", "given", "first", "last", "middle", "prefix", "suffix",
                    "full"})
#: the most tags read back for an element's parent
_PARENT_STEPS = 16
#: ISO 20022's elements that only wrap their parent's value (``<Dbtr><Pty><Nm>``, an
#: account's ``<Id><Othr><Id>``): a name or an identifier in them is their parent's
_WRAPPERS = frozenset({"Pty", "Id", "Othr"})
#: the most wrappers read up from an ``<Id>`` to the element it identifies
_ID_STEPS = 3


def _words(tag: str) -> str:
    """``tag`` with ISO 20022's abbreviated words spelled out (``PstCd``: ``PostCode``)."""
    if tag[:1].isupper() and not tag.isupper():
        parts = _CAPITALISED.findall(tag)
        if any(p in _ABBREVIATIONS for p in parts):
            return "".join(_ABBREVIATIONS.get(p, p) for p in parts)
    return tag


def _parent(text: str, lt: int) -> tuple[str, int] | None:
    """The name and the "<" of the element the tag at ``lt`` (its "<") stands in: the nearest
    opening tag before it that is not closed before it."""
    depth = 0
    for _ in range(_PARENT_STEPS):
        lt = text.rfind("<", 0, lt)
        if lt < 0:
            return None
        gt = text.find(">", lt)
        if text.startswith("</", lt):
            depth += 1
        elif gt > 0 and text[gt - 1] != "/" and not text.startswith(("<?", "<!"), lt):
            if depth == 0:
                m = _OPEN.match(text, lt + 1)
                return None if m is None else (m.group(1), lt)
            depth -= 1
    return None


def element_type(text: str, tag: str, lt: int) -> str | None:
    """The type of the text of element ``tag`` whose opening "<" is at ``lt``."""
    key = _words(tag)
    if key == "Id":
        return _identifier_type(text, lt)
    kind = None if key.lower() in _PARTS else field_type(key)
    if kind is None and key.lower() in _PARTS:
        parent = _parent(text, lt)
        if parent is not None and parent[0] in _WRAPPERS:
            parent = _parent(text, parent[1])  # (camt.053's <Dbtr><Pty><Nm>: the debtor's)
        if parent is not None:
            owner = _words(parent[0])
            kind = field_type(f"{key}_{owner}") or field_type(f"{owner}_{key}")
    return kind


def _identifier_type(text: str, lt: int) -> str | None:
    """ISO 20022's ``<Id>``: an account's (``<DbtrAcct><Id><Othr><Id>``, a number that is no
    IBAN) or a private person's (``<PrvtId><Othr><Id>``: a national id, a passport's, a
    customer's number); an organisation's, a bank's or a message's says nothing."""
    at = lt
    for _ in range(_ID_STEPS):
        parent = _parent(text, at)
        if parent is None:
            return None
        name, at = parent
        if name.endswith("Acct"):
            return "ACCOUNT_NUMBER"
        if name == "PrvtId":
            return "NATIONAL_ID"
        if name not in _WRAPPERS:
            return None
    return None


class XmlElementsRecognizer(Recognizer):
    """The text and ``value`` of XML elements whose tags say what they hold."""

    name = "xml_elements"
    entities = FIELD_TYPES
    validated = True  # the tag's name says what the value is

    def idle(self, text: str) -> bool:
        # (one character's search first: a longer string's costs ~1 us a KB beyond Latin-1)
        return "<" not in text or ("</" not in text and "value=" not in text)

    def analyze(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        if "</" in text:
            for m in _CLOSE.finditer(text):
                self._element(text, m, out)
        if "value=" in text:
            for m in _VALUED.finditer(text):
                tag = m.group(1)
                if tag.lower() not in _FORM_TAGS:
                    self._emit(out, text, element_type(text, tag, m.start()), *m.span(2))
        # a party named again in the message's free text (a payment's <Ustrd>, a note)
        names = [d.text for d in out if d.type == "PERSON"]
        if names:
            out += parts_again(text, names, out, self.name, _REPEATED_SCORE)
        return out

    def _element(self, text: str, close: re.Match[str], out: list[Detection]) -> None:
        """The text of the element ``close`` ends, where it holds no markup."""
        gt = text.rfind(">", max(0, close.start() - 201), close.start())
        if gt < 0 or "<" in text[gt + 1:close.start()]:
            return
        lt = text.rfind("<", max(0, gt - 400), gt)
        opened = None if lt < 0 else _OPEN.match(text, lt + 1)
        if opened is None or opened.group(1) != close.group(1) or text[gt - 1] == "/":
            return
        self._emit(out, text, element_type(text, close.group(1), lt), gt + 1, close.start())

    def _emit(self, out: list[Detection], text: str, kind: str | None, s: int, e: int) -> None:
        value = typed(text, s, e, kind)
        if value is not None:
            kind, s, e = value
            out.append(Detection(kind, s, e, _SCORE, self.name, text[s:e]))


XML_ELEMENTS = XmlElementsRecognizer()
