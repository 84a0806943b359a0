"""A patient's values in a DICOM header dump: ``dcmdump``'s (and ``gdcmdump``'s) lines,
``(0010,0010) PN [DOE^JANE^^^]   #  14, 1 PatientName``, and pydicom's,
``(0010, 0010) Patient's Name       PN: 'DOE^JANE'``.

A radiology department pastes these when a PACS rejects a study: the name is ``DOE^JANE`` (a
person's name in DICOM's components), the ID and the birth date bare (``NGH0042871``,
``19580712``), and the keyword that says what they are comes after the value. The element's
tag says what it is (PS3.6's data dictionary): each tag of the patient module, the referring
and performing physicians and the study's accession number that identify one person is read,
and any value of the person-name representation (``PN``) is a person's name whatever its tag.
Other elements (the study's description, its dates, a modality) stay.
"""

from __future__ import annotations

import re

from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer

_SCORE = 0.95

#: (group, element) -> type: the identifying elements of PS3.15's basic profile that a dump
#: shows bare (the person-name elements are read by their ``PN`` already)
_TAGS: dict[str, str] = {
    "0010,0020": "MEDICAL_RECORD",  # Patient ID
    "0010,1000": "MEDICAL_RECORD",  # Other Patient IDs
    "0010,0030": "DATE_OF_BIRTH",  # Patient's Birth Date
    "0010,0032": "DATE_OF_BIRTH",  # Patient's Birth Time
    "0010,1040": "LOCATION",  # Patient's Address
    "0010,2154": "PHONE",  # Patient's Telephone Numbers
    "0010,1010": "AGE",  # Patient's Age
    "0008,0050": "MEDICAL_RECORD",  # Accession Number
    "0038,0010": "MEDICAL_RECORD",  # Admission ID
    "0008,0092": "LOCATION",  # Referring Physician's Address
    "0008,0094": "PHONE",  # Referring Physician's Telephone Numbers
    "0010,0010": "PERSON",  # Patient's Name (also a PN: a dump that drops the VR still names it)
    "0010,1090": "MEDICAL_RECORD",  # Medical Record Locator
    "0040,1001": "MEDICAL_RECORD",  # Requested Procedure ID
    "0038,0400": "LOCATION",  # Patient's Institution Residence
    "0018,1000": "DEVICE_ID",  # Device Serial Number (an implant's or a scanner's, HIPAA's 13)
}
#: dcmdump's ``(gggg,eeee) VR [value]`` and pydicom's ``(gggg, eeee) Keyword  VR: 'value'``
_ELEMENT = re.compile(
    r"\((?P<tag>[0-9A-Fa-f]{4},[ ]?[0-9A-Fa-f]{4})\)[ \t]+"
    r"(?:(?P<vr>[A-Z]{2})[ \t]+\[(?P<v>[^\]\r\n]*)\]"
    r"|[^\r\n:]{1,64}?[ \t](?P<pvr>[A-Z]{2}):[ \t]+(?P<q>['\"])(?P<pv>[^'\"\r\n]*)(?P=q))")


class DicomRecognizer(Recognizer):
    """The values of a DICOM dump's elements that name, date or number a patient."""

    name = "dicom"
    entities = ("PERSON", "MEDICAL_RECORD", "DATE_OF_BIRTH", "LOCATION", "PHONE", "AGE",
                "DEVICE_ID")
    validated = True  # the element's tag says what the value is

    def idle(self, text: str) -> bool:
        # every group it reads (0008, 0010, 0018, 0038, 0040) opens "(00"
        return "(00" not in text

    def analyze(self, text: str) -> list[Detection]:
        if self.idle(text):
            return []
        out: list[Detection] = []
        for m in _ELEMENT.finditer(text):
            group = "v" if m.group("v") is not None else "pv"
            vr = m.group("vr") or m.group("pvr")
            kind = "PERSON" if vr == "PN" else _TAGS.get(m.group("tag").replace(" ", ""))
            if kind is None:
                continue
            s, e = m.span(group)
            # a name's empty trailing components ("DOE^JANE^^^") and the value's padding
            while e > s and text[e - 1] in " ^\\":
                e -= 1
            while s < e and text[s] == " ":
                s += 1
            if e > s and any(c.isalnum() for c in text[s:e]):
                out.append(Detection(kind, s, e, _SCORE, self.name, text[s:e]))
        return out


DICOM = DicomRecognizer()
