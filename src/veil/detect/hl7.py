"""A patient's values in HL7 v2 messages, the format hospitals' systems exchange:
``PID|1||12345678^^^HOSP^MR||DOE^JANE^A||19800101|F|||123 MAIN ST^^SPRINGFIELD^IL^62704``.

Nothing in such a segment reads as prose: a name is ``DOE^JANE^A``, a birth date ``19800101``,
an SSN nine bare digits in the nineteenth field, so the name models and the patterns miss most
of it. The segment's field numbers say what each value is (HL7 v2.5, chapters 3 and 6): the
patient's (PID), the next of kin's (NK1), the guarantor's (GT1), the insured's (IN1) and the
doctors of a visit (PV1). A field is masked whole (a name with its components); an identifier
only in its first component, the number (``^^^HOSP^MR`` says whose number it is).

Segments start a line, as messages are pasted (``\\r`` is HL7's own separator), and use
HL7's default separators ``|`` and ``^``.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

#: segment -> field number -> (type, the first component only)
_FIELDS: dict[str, dict[int, tuple[str, bool]]] = {
    "PID": {2: ("MEDICAL_RECORD", True), 3: ("MEDICAL_RECORD", True), 4: ("MEDICAL_RECORD", True),
            5: ("PERSON", False), 6: ("PERSON", False), 7: ("DATE_OF_BIRTH", False),
            9: ("PERSON", False), 11: ("LOCATION", False), 13: ("PHONE", False),
            14: ("PHONE", False), 18: ("ACCOUNT_NUMBER", True), 19: ("US_SSN", False),
            20: ("DRIVER_LICENSE", True), 21: ("MEDICAL_RECORD", True),
            29: ("DATE_TIME", False)},
    "NK1": {2: ("PERSON", False), 4: ("LOCATION", False), 5: ("PHONE", False),
            6: ("PHONE", False), 30: ("PERSON", False), 31: ("PHONE", False),
            32: ("LOCATION", False), 37: ("US_SSN", False)},
    "GT1": {2: ("ACCOUNT_NUMBER", True), 3: ("PERSON", False), 5: ("LOCATION", False),
            6: ("PHONE", False), 7: ("PHONE", False), 8: ("DATE_OF_BIRTH", False),
            12: ("US_SSN", False)},
    "IN1": {16: ("PERSON", False), 18: ("DATE_OF_BIRTH", False), 19: ("LOCATION", False),
            36: ("ACCOUNT_NUMBER", True), 49: ("ACCOUNT_NUMBER", True)},
    "PV1": {7: ("PERSON", False), 8: ("PERSON", False), 9: ("PERSON", False),
            17: ("PERSON", False), 19: ("ACCOUNT_NUMBER", True)},
}
#: fields read only where their value has the shape of the field before them: a segment typed
#: or edited by hand is often one separator off, and IN1's insured (16) and policy number (36)
#: then stand in 17 (the relationship, a code: "01", "SEL^Self^HL70063") and 37-38 (amounts:
#: "500.00&USD"), where a name or a number of letters and digits is none of those
_SHIFTED: dict[str, dict[int, str]] = {"IN1": {17: "PERSON", 37: "ACCOUNT_NUMBER",
                                               38: "ACCOUNT_NUMBER"}}
#: a name's components (``TREMBLAY^LUCIEN``), the first no three-letter code (``SEL^Self``)
_NAME_SHAPE = re.compile(r"(?![A-Z]{3}\^)[^\W\d_](?:[^\W\d_]|['. -])*"
                         r"(?:\^(?:[^\W\d_]|['. -])*)+")
#: an identifier of letters and digits together (an amount has no letters but its currency's)
_ID_SHAPE = re.compile(r"(?=[A-Z0-9-]*[0-9])(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{4,24}")


def _shifted(kind: str, value: str) -> bool:
    """Whether a field read by :data:`_SHIFTED` holds a value of ``kind``'s shape."""
    shape = _NAME_SHAPE if kind == "PERSON" else _ID_SHAPE
    return shape.fullmatch(value.strip()) is not None


_SEGMENT = re.compile(rf"(?m)(?:^|(?<=\r))[ \t]*({'|'.join(_FIELDS)})\|([^\r\n]*)")
_MARKS = tuple(f"{name}|" for name in _FIELDS)


class HL7Recognizer(Recognizer):
    """The values of HL7 v2 segments that name, locate or number a person."""

    name = "hl7"
    entities = ("PERSON", "LOCATION", "PHONE", "DATE_OF_BIRTH", "DATE_TIME", "US_SSN",
                "MEDICAL_RECORD", "ACCOUNT_NUMBER", "DRIVER_LICENSE")
    validated = True  # the segment's field number says what the value is

    def idle(self, text: str) -> bool:
        return not any(mark in text for mark in _MARKS)

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _SEGMENT.finditer(text):
            wanted = _FIELDS[m.group(1)]
            shifted = _SHIFTED.get(m.group(1), {})
            start = m.start(2)
            for number, field in enumerate(m.group(2).split("|"), start=1):
                kind = wanted.get(number)
                if kind is None and number in shifted:
                    first = field.split("^", 1)[0] if shifted[number] != "PERSON" else field
                    if _shifted(shifted[number], first.rstrip("\"',;}]")):
                        kind = (shifted[number], shifted[number] != "PERSON")
                if kind is not None:
                    value = field.split("^", 1)[0] if kind[1] else field
                    s = start + len(value) - len(value.lstrip())
                    # (a segment quoted in JSON or code ends with the string's quote)
                    e = start + len(value.rstrip().rstrip("\"',;}]"))
                    # a field of separators only ("^^^") holds nothing
                    if e > s and any(c.isalnum() for c in text[s:e]):
                        out.append(Detection(kind[0], s, e, 0.95, self.name, text[s:e]))
                start += len(field) + 1
        return out


HL7 = HL7Recognizer()
