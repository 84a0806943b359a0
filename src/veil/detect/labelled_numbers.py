"""Numbers that their labels name, in the shapes the generic record-number recognizers refuse:

* a hospital's or a laboratory's number for one patient or specimen, after ``Hosp No``, ``Lab
  No``, ``Specimen No`` or ``Accession No``, with the year-and-serial slash that labs write
  (``H24/18873``) or letters and digits (``K0448213``);
* a vehicle's registration after ``VRM`` (the DVLA's "vehicle registration mark"), a British
  plate's shape after ``Registration number`` (a company's registration number is digits),
  a plate with its state after ``Lic#`` or ``Tag#`` (a US insurance card's ``Lic# TX
  RFK-4471``), a plate of five characters or more after ``reg``, ``rego`` or ``plate`` (``reg
  WX19 KPL``), and one with three digits or more after ``vehicle`` (``vehicle CA 456-789``).

A New Zealand bank account's dashed shape (``12-3140-0123456-00``) needs no label: no date,
phone or other id is written so.

Each label is the validation: the same shapes elsewhere ("H24/18873" of a part, "WN68 KXP" of
nothing) stay. (A key safe's code is the ``secret`` recognizer's, with the door and gate
codes.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from veil.detect.patterns import Pattern, PatternRecognizer

# (each tried only where its label is: the labels are marks, found as strings in the text
# lower-cased; a text without them is not read)

#: between a label and its value: blanks, and a colon, "#", "=" or "is"
_SEP = r"\.?[ \t]*(?:[:#=]|is\b)?[ \t]*"
_HOSPITAL_LABELS = ("hosp no", "hosp. no", "hosp number", "hosp num", "lab no", "lab. no",
                    "lab number", "lab ref", "laboratory number", "laboratory no",
                    "specimen no", "specimen number", "accession no", "sample no",
                    "sample number", "sample id", "case note number", "case note no",
                    "casenote no", "hospital no", "hospital number")


def _labels(labels: tuple[str, ...]) -> str:
    """The labels as a mark: an alternation of the strings, longest first."""
    return "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))


PATIENT_NUMBER = PatternRecognizer(
    name="patient_number", entity="MEDICAL_RECORD",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_HOSPITAL_LABELS)})\b){_SEP}"
                      r"(?P<v>[A-Z]{0,3}[0-9]{2,4}/[0-9]{3,8}"
                      r"|(?=[A-Z0-9]{0,3}[0-9])[A-Z]{0,3}[0-9]{5,12}[A-Z]?)(?![\w/-])", 0.95,
                      re.ASCII, mark=_labels(_HOSPITAL_LABELS), fold=True, lead=0)],
    validated=True)

# "patient=MRN0047719", "MRN-0047719": a record number that carries its label as its prefix
# (an audit log's, a URL's or a file's name), which no label before it names
PREFIXED_RECORD = PatternRecognizer(
    name="prefixed_record", entity="MEDICAL_RECORD",
    patterns=[Pattern(r"(?<![A-Za-z0-9])(?i:mrn)[-_#]?[0-9]{5,12}(?![A-Za-z0-9])", 0.9,
                      re.ASCII, mark=r"mrn", fold=True, lead=0)],
    validated=True)

# A surgical pathology's or a cytology's case number: its section's letters, the year and a
# serial ("SP-24-004471", "S24-18877", "C-23-1187"), after "Case" or a pathology number's
# label; a legal case's is ``case_number``'s
_PATHOLOGY_LABELS = ("case", "path no", "path number", "pathology no", "pathology number",
                     "pathology #", "cytology no", "cytology number", "surgical pathology")
PATHOLOGY_CASE = PatternRecognizer(
    name="pathology_case", entity="MEDICAL_RECORD",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_PATHOLOGY_LABELS)})\b){_SEP}"
                      r"(?P<v>[A-Z]{1,3}-?[0-9]{2}-[0-9]{3,7})(?![\w/-])", 0.9,
                      re.ASCII, mark=_labels(_PATHOLOGY_LABELS), fold=True, lead=0)],
    validated=True)

# A device's serial in groups of digits ("S/N: 1847 2093", "serial no. 30 1187 442"): the
# serial recognizer reads one token; each group here holds a digit, so the words after the
# serial are not taken
_SERIAL_LABELS = ("s/n", "serial", "serial no", "serial number", "serial #")
SPACED_SERIAL = PatternRecognizer(
    name="spaced_serial", entity="DEVICE_ID",
    patterns=[Pattern(rf"(?i:(?<![\w/])(?:{_labels(_SERIAL_LABELS)})\b){_SEP}"
                      r"(?P<v>(?=[A-Z]{0,3}[0-9])[A-Z0-9]{2,8}"
                      r"(?:[ ](?=[A-Z]{0,3}[0-9])[A-Z0-9]{2,8}){1,3})(?![\w/-])", 0.9,
                      re.ASCII, mark=_labels(_SERIAL_LABELS), fold=True, lead=0)],
    validated=True)

# A medical device's UDI in GS1's human-readable form: the device identifier "(01)" and its
# production identifiers, the expiry "(17)", the lot "(10)" and the serial "(21)", which names
# the one pacemaker or pump in one patient (HIPAA's identifier 13); the whole string at once
UDI = PatternRecognizer(
    name="udi", entity="DEVICE_ID",
    patterns=[Pattern(r"(?<![\w)])\(01\)[0-9]{14}(?:\((?:10|11|17|21|240|30)\)[^()\s]{1,20})+",
                      0.95, re.ASCII, at="(01)", lead=0)],
    validated=True)

# A Quebec health card's number (RAMQ): four letters of the names, the birth date's digits
# and two more ("TREM 5503 1512"), after its labels
_RAMQ_LABELS = ("ramq", "carte soleil", "assurance maladie", "assurance-maladie")
QUEBEC_HEALTH_CARD = PatternRecognizer(
    name="quebec_health_card", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_RAMQ_LABELS)})\b){_SEP}"
                      r"(?P<v>[A-Z]{4}[ ]?[0-9]{4}[ ]?[0-9]{4})(?![\w-])", 0.95,
                      re.ASCII, mark=_labels(_RAMQ_LABELS), fold=True, lead=0)],
    validated=True)

# A prisoner's number in the short shapes the record-number recognizers refuse: a state
# prison's two letters and four digits ("CDCR No. BF4821"), a jail's five digits or more
_INMATE_LABELS = ("cdcr", "inmate", "inmate no", "inmate number", "inmate id", "prisoner no",
                  "prisoner number", "offender no", "offender id", "doc no", "doc #",
                  "booking no", "booking number")
INMATE_NUMBER = PatternRecognizer(
    name="inmate_number", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_INMATE_LABELS)})(?:\b|(?<=#))"
                      rf"(?:[ \t]*(?:no\b|number\b|id\b|#))?){_SEP}"
                      r"(?P<v>[A-Z]{1,3}[0-9]{4,9}|[0-9]{5,10})(?![\w/-])", 0.9,
                      re.ASCII, mark=_labels(_INMATE_LABELS), fold=True, lead=0)],
    validated=True)

# Australia's Centrelink customer reference number (CRN): nine digits and a letter, written in
# threes ("CRN 412 338 917K"); the record-number recognizers read no spaces
_CRN_LABELS = ("crn", "customer reference number", "customer reference no",
               "centrelink reference")
CENTRELINK_CRN = PatternRecognizer(
    name="centrelink_crn", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_CRN_LABELS)})\b){_SEP}"
                      r"(?P<v>[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[A-Z])(?![\w-])", 0.95,
                      re.ASCII, mark=_labels(_CRN_LABELS), fold=True, lead=0)],
    validated=True)


# New Zealand's National Health Index number after its label ("NHI ZAC5361"; from 2025 two
# digits and two letters, "NHI ALU18KZ"): its shape alone, three letters and four digits, is
# too common to read without the label, and with the label a number whose check character
# fails is a typo of a real one or a sample standing where one would (fail closed)
NZ_NHI = PatternRecognizer(
    name="nz_nhi", entity="MEDICAL_RECORD",
    patterns=[Pattern(r"\b(?i:nhi)(?:[ \t]*(?i:no\b\.?|number\b))?" + _SEP +
                      r"(?P<v>[A-HJ-NP-Z]{3}(?:[0-9]{4}|[0-9]{2}[A-HJ-NP-Z]{2}))(?![\w-])", 0.95,
                      re.ASCII, mark=r"nhi", fold=True, lead=0)],
    validated=True)

#: a British plate: the current ``WN68 KXP``, the prefix ``A123 BCD`` and suffix ``ABC 123D``
_UK_PLATE = (r"[A-Z]{2}[0-9]{2}[ ]?[A-Z]{3}|[A-Z][0-9]{1,3}[ ]?[A-Z]{3}"
             r"|[A-Z]{3}[ ]?[0-9]{1,3}[ ]?[A-Z]")
#: any plate of letters and digits in up to three groups (a digit and a letter: the validator)
_PLATE = r"[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){1,2}"
#: between a label and its plate ("VRM: ...", "VRM is ...")
_PLATE_SEP = r"\.?[ \t]*[:#]?[ \t]*(?:(?i:is|was)[ \t]+)?"


def _plate(value: str) -> bool:
    """A digit and a letter in the plate itself."""
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def _long_plate(value: str) -> bool:
    """A plate (:func:`_plate`) of five characters or more: after a word as loose as "reg" or
    "plate", "A1" or "V8" is something else."""
    return _plate(value) and sum(c.isalnum() for c in value) >= 5


def _numbered_plate(value: str) -> bool:
    """A plate of six characters or more, three of them digits: after "vehicle" a model's name
    ("X5 M50", "RAV4") is as likely as a plate."""
    return (_plate(value) and sum(c.isalnum() for c in value) >= 6
            and sum(c.isdigit() for c in value) >= 3)


def _vehicle(name: str, labels: tuple[str, ...], label: str, plate: str,
             validate: Callable[[str], bool] = _plate, words: int | None = None
             ) -> PatternRecognizer:
    """A plate of shape ``plate`` right after ``label`` (a regex), tried where one of
    ``labels`` (its strings) is: the label is in the match, so that it is not read as a
    plate's group ("VRM YK19 HXP"). ``words``: how many words of the label may stand before
    the string found (``vehicle plate``), else none."""
    return PatternRecognizer(
        name=name, entity="VEHICLE_ID",
        patterns=[Pattern(rf"(?i:\b{label}){_PLATE_SEP}(?P<v>{plate})(?![\w-])", 0.95,
                          re.ASCII, mark=_labels(labels), fold=True,
                          lead=0 if words is None else None, words=words)],
        validate=validate, validated=True)


# the DVLA's "vehicle registration mark": any plate after it
VRM = _vehicle("vrm", ("vrm",), r"vrm\b", _PLATE)
# "registration number" names a company's or a professional's number as often: a British
# plate's shape only
REGISTRATION_NUMBER = _vehicle(
    "registration_plate", ("registration number", "registration no", "reg no", "reg. no",
                           "reg number", "registration mark"),
    r"(?:vehicle[ ]+)?reg(?:istration)?\.?[ \t]*(?:number|no\b|mark)", _UK_PLATE)
# a British car's test ("MOT reminder for WX19 KPL"): a British plate's shape only ("MOT for
# my BMW X5 M50" names a model)
MOT_PLATE = _vehicle("mot_plate", ("mot",),
                     r"mot\b(?:[ ]+(?:reminder|test|certificate|due|expiry))?(?:[ ]+for)?",
                     _UK_PLATE)
# a US insurance card's or a police report's plate after "Lic#" or "Tag#", its state before it
PLATE_LABEL = _vehicle("plate_label", ("lic#", "lic #", "lic no", "lic. no", "tag#", "tag #",
                                       "tag no"),
                       r"(?:lic|tag)\.?[ ]?(?:#|no\b\.?)(?:[ \t]*[A-Z]{2}(?=[ ]))?", _PLATE)
#: the postal codes of the United States' states and territories
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|"
              "MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU")
# a police report's "Tag: TX NHB-4471": after a bare "tag" and a colon only with a state's code
# before the plate (a release's or a label's tag, "tag: v2.1", has none)
STATE_TAG = _vehicle("state_tag", ("tag",), rf"tag[ \t]*:[ \t]*(?:{_US_STATES})[ ]", _PLATE)

# "reg WX19 KPL", "rego 1ABC234", "number plate: KY21 BDF", "plate is 8XYZ123": a plate of
# five characters or more after the words that name one (British "reg", Australian "rego"),
# and after a bare "registration" (a V5C's "registration LK19 XRT", a fine's "for registration
# 1AB2CD": a company's registration number holds no letter)
PLATE_WORD = _vehicle(
    "plate_word", ("reg", "rego", "plate"),
    r"(?:(?:licen[cs]e|number|reg(?:istration)?|vehicle|car)[ ]+)?"
    r"(?:plates?(?:[ ]+(?:number|no\b\.?))?|rego|reg\b\.?|registration\b)"
    r"(?:[ \t]+(?:is|was|of)\b)?",
    _PLATE, _long_plate, words=1)

# a parcel's index number in Illinois' counties' shape (Cook County's "14-21-305-012-0000":
# area, subarea, block, parcel, unit): the five dashed groups are no date, phone or other id, so
# it needs no label (the "PIN" before it is a secret's word elsewhere)
PARCEL_PIN = PatternRecognizer(
    name="parcel_pin", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?<![\w-])[0-9]{2}-[0-9]{2}-[0-9]{3}-[0-9]{3}-[0-9]{4}(?![\w-])", 0.9,
                      re.ASCII, lead=0, anchor=r"[0-9]{2}-[0-9]{2}-[0-9]{3}-[0-9]{3}-")],
    validated=True)

# Ireland's plate: the year (two digits, or three from 2013 with the half-year), the county's
# letters and a serial ("191-D-12345", "08-KY-4471"): the county codes make the shape, read
# without a word
_IE_COUNTIES = ("C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|"
                "WH|WW|WX")
IRISH_PLATE = PatternRecognizer(
    name="irish_plate", entity="VEHICLE_ID",
    patterns=[Pattern(rf"(?<![\w-])(?:[0-9]{{2}}|1[3-9][12]|2[0-9][12])-(?:{_IE_COUNTIES})-"
                      r"[0-9]{1,6}(?![\w-])", 0.85, re.ASCII, lead=2,
                      mark=r"[0-9]-[A-Z]{1,2}-[0-9]")],
    validated=True)

# India's plate: the state's code, the district's number, a series of letters and four digits
# ("MH 12 AB 1234", "DL 3C AZ 4821", "KA-05-MN-2041"), spaced or dashed: the state codes and
# the four parts make the shape
_IN_STATES = ("AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|"
              "OR|PB|PY|RJ|SK|TN|TR|TS|UK|UP|WB")
INDIAN_PLATE = PatternRecognizer(
    name="indian_plate", entity="VEHICLE_ID",
    patterns=[Pattern(rf"(?<![\w-])(?:{_IN_STATES})([ -])[0-9]{{1,2}}[A-Z]?\1[A-Z]{{1,3}}\1"
                      r"[0-9]{4}(?![\w-])", 0.85, re.ASCII, lead=0,
                      mark=r"(?<![\w-])[A-Z]{2}[ -][0-9]{1,2}[A-Z]?[ -][A-Z]")],
    validated=True)
# "vehicle CA 456-789", "car: GP 12-34 BC": a plate with three digits or more after the
# vehicle's word (a model's name has fewer)
VEHICLE_PLATE = _vehicle("vehicle_plate", ("vehicle", "car"),
                         r"(?:vehicle|car)\b(?:[ \t]+(?:is|was)\b)?", _PLATE, _numbered_plate)

# A New Zealand bank account as banks print it: bank, branch, account and suffix
# ("12-3140-0123456-00"); the dashed 2-4-7-2/3 shape is no date, phone or id of another kind,
# so it needs no label
NZ_BANK_ACCOUNT = PatternRecognizer(
    name="nz_bank_account", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?<![\w-])[0-9]{2}-[0-9]{4}-[0-9]{7}-[0-9]{2,3}(?![\w-])", 0.9,
                      re.ASCII, lead=0, anchor=r"[0-9]{2}-[0-9]{4}-[0-9]{7}-")],
    validated=True)

# An employee's number of four digits after its label ("Emp no 7718", "Employee #: 1182"): the
# record-number recognizers read five characters or more, and four digits without the label
# are a year, an amount or a PIN as often
_EMPLOYEE_LABELS = ("employee no", "employee number", "employee #", "employee code", "emp no",
                    "emp #", "emp code", "staff no", "staff number", "works number",
                    "works no", "payroll no", "payroll number")
EMPLOYEE_NUMBER = PatternRecognizer(
    name="employee_number", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_EMPLOYEE_LABELS)})(?:\b|(?<=#))){_SEP}"
                      r"(?P<v>[A-Z]{0,2}[0-9]{4})(?![\w/-])", 0.9, re.ASCII,
                      mark=_labels(_EMPLOYEE_LABELS), fold=True, lead=0)],
    validated=True)

# A dispatch log's event after a bare "Event" or "Incident": the agency's letter, the year's two
# digits and a serial ("Event E24-00418", "Incident P23-118820"); the word alone before a
# number is prose ("event 3", "the event at 10:30")
DISPATCH_EVENT = PatternRecognizer(
    name="dispatch_event", entity="CASE_NUMBER",
    patterns=[Pattern(r"(?i:\b(?:event|incident)\b)[ \t]*[:#]?[ \t]*"
                      r"(?P<v>[A-Z]{1,3}[0-9]{2}-[0-9]{4,8})(?![\w/-])", 0.9, re.ASCII,
                      mark=r"event|incident", fold=True, lead=0)],
    validated=True)

# A right-to-work share code from the Home Office's online service: nine letters and digits in
# threes ("share code W7X 4KP 9QZ"); with the holder's birth date it opens their immigration
# status, as a password would
_SHARE_CODE_LABELS = ("share code",)


def _share_code(value: str) -> bool:
    """A letter and a digit among the nine characters."""
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


SHARE_CODE = PatternRecognizer(
    name="share_code", entity="SECRET",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_SHARE_CODE_LABELS)})\b){_SEP}"
                      r"(?P<v>[A-Z0-9]{3}([ -]?)[A-Z0-9]{3}\2[A-Z0-9]{3})(?![\w-])", 0.9,
                      re.ASCII, mark=_labels(_SHARE_CODE_LABELS), fold=True, lead=0)],
    validate=_share_code, validated=True)

# An exam candidate's number (probes `benchmarks/results/hotpath/s82d/`): British boards print
# four digits beside the centre's ("candidate number 4471"), below the record-number
# recognizers' five. After the bare word too, "candidate 7702", "candidate 48812093" (an exam
# entry's, an applicant tracker's): four to ten digits, not a year ("the candidate 2024 list")
_CANDIDATE_LABELS = ("candidate number", "candidate no", "candidate #", "cand no")
CANDIDATE_NUMBER = PatternRecognizer(
    name="candidate_number", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(rf"(?i:\b(?:{_labels(_CANDIDATE_LABELS)})(?:\b|(?<=#))){_SEP}"
                      r"(?P<v>[0-9]{4})(?![\w/.-])", 0.9, re.ASCII,
                      mark=_labels(_CANDIDATE_LABELS), fold=True, lead=0),
              Pattern(r"(?i:\bcandidate)[ \t]*#?[ \t]*(?P<v>(?!(?:19|20)[0-9]{2}(?![0-9]))"
                      r"[0-9]{4,10})(?![\w/-]|[.,][0-9])", 0.85, re.ASCII, mark=r"candidate",
                      fold=True, lead=0)],
    validated=True)

# A person's number in parentheses after "ID" in capitals ("Employee: J. Smith (ID 30418)",
# "student Bethany Cross (ID: 2044718)"): the brackets set it beside the name it belongs to; a
# bare "id 88213" in running text is a program's
PAREN_ID = PatternRecognizer(
    name="paren_id", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"\(ID[ \t]*[:#]?[ \t]*(?P<v>[0-9]{4,12})\)", 0.85, re.ASCII,
                      mark=r"\(ID", lead=0)],
    validated=True)


def orcid_checksum(value: str) -> bool:
    """ISO 7064 MOD 11-2 over the fifteen digits: the sixteenth character (a digit or X)."""
    digits = value.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


# A researcher's ORCID iD ("ORCID 0000-0002-1825-0097", a grant's biosketch, a paper's
# author line): four groups of four, the registry's 0000-000 prefix and its MOD 11-2 check
# character, so it needs no label
ORCID = PatternRecognizer(
    name="orcid", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?<![\w-])0000-000[0-9]-[0-9]{4}-[0-9]{3}[0-9X](?![\w-])", 0.9,
                      re.ASCII, lead=0, anchor=r"0000-000[0-9]-")],
    validate=orcid_checksum, validated=True)

# A British university's Confirmation of Acceptance for Studies number after "CAS" in
# capitals: fourteen letters and digits, both ("CAS number E4G7X1K9M2P4Q8"); a chemical's
# CAS registry number is dashed digits ("CAS 7732-18-5") and stays
CAS_NUMBER = PatternRecognizer(
    name="cas_number", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"\bCAS(?:[ \t]+(?i:number|no\b\.?|ref(?:erence)?|id|code))?[ \t]*[:#]?"
                      r"[ \t]*(?P<v>(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{14})(?![\w-])",
                      0.9, re.ASCII, mark=r"CAS", lead=0)],
    validated=True)

# A research subject's or participant's id: after "subject id", "participant no." any
# record-like token; after the bare word and a space only a study's site-and-subject shape
# ("subject 01-017", "participant SUB-2207"), not a year's range ("subject 2019-2020") nor an
# e-mail's "Subject: JIRA-1234 fixed" (a ticket's key after the header's colon)
SUBJECT_ID = PatternRecognizer(
    name="subject_id", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?i:\b(?:subject|participant)[ \t]+(?:id|no\b\.?|number|#))[ \t]*[:#]?"
                      r"[ \t]*(?P<v>(?![0-9]{4}-[0-9]{2}-[0-9]{2}(?![\w-]))"
                      r"(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{2,15})"
                      r"(?![\w/-])", 0.9, re.ASCII, mark=r"subject|participant", fold=True,
                      lead=0),
              Pattern(r"(?i:\b(?:subject|participant))[ \t]+(?P<v>(?!(?:19|20)"
                      r"[0-9]{2}-)[0-9]{2,4}-[0-9]{3,4}|[A-Z]{2,5}-[0-9]{3,6})(?![\w/-])", 0.85,
                      re.ASCII, mark=r"subject|participant", fold=True, lead=0)],
    validated=True)

# A document's number after its kind with a country or a class in brackets ("Work permit
# (Canada) no. U104471882", "visa (subclass 500) number 4471882031447", "passport (UK) no.
# 123456789"): the bracket parts the label's words, so no label's window sees them
QUALIFIED_DOCUMENT = PatternRecognizer(
    name="qualified_document", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"(?i:\b(?:permit|visa|passport|licen[cs]e))[ \t]*\([^()\n]{2,30}\)"
                      r"[ \t]*(?i:no\b\.?|number\b|#)[ \t]*[:#]?[ \t]*"
                      r"(?P<v>(?=[A-Z0-9-]*[0-9])[A-Z0-9][A-Z0-9-]{4,20})(?![\w-])", 0.9,
                      re.ASCII, mark=r"permit|visa|passport|licence|license", fold=True,
                      lead=0)],
    validated=True)

# A US state's student id after its initials in capitals ("SSID 1044718820", Massachusetts'
# "SASID"): digits only; a wireless network's SSID is a name ("SSID: HomeNet-5G") and stays
STATE_STUDENT_ID = PatternRecognizer(
    name="state_student_id", entity="ACCOUNT_NUMBER",
    patterns=[Pattern(r"\b(?:SSID|SASID)[ \t]*[:#]?[ \t]*(?P<v>[0-9]{6,12})(?![\w-])", 0.85,
                      re.ASCII, mark=r"SSID|SASID", lead=0)],
    validated=True)

#: every recognizer of this module, in the order they register
LABELLED_NUMBERS = (PATIENT_NUMBER, PREFIXED_RECORD, PATHOLOGY_CASE, SPACED_SERIAL, UDI,
                    QUEBEC_HEALTH_CARD, INMATE_NUMBER, CENTRELINK_CRN, NZ_NHI, VRM,
                    REGISTRATION_NUMBER, MOT_PLATE, PLATE_LABEL,
                    STATE_TAG, PLATE_WORD, IRISH_PLATE, INDIAN_PLATE, VEHICLE_PLATE,
                    NZ_BANK_ACCOUNT, PARCEL_PIN, EMPLOYEE_NUMBER, DISPATCH_EVENT, SHARE_CODE,
                    CANDIDATE_NUMBER, PAREN_ID, ORCID, CAS_NUMBER, SUBJECT_ID,
                    QUALIFIED_DOCUMENT, STATE_STUDENT_ID)
