"""What schools, universities and researchers paste: a pupil's, a learner's and a student's
numbers under their labels (ULN, SCN, OEN, a matriculation number, an SIS id, a school's
admission number, the Student Loans Company's reference, a teacher's reference number), an
exam candidate's four digits, an id in brackets beside a name, an ORCID iD by its check
character, a UK CAS number, a research subject's id, a document's number after a bracketed
qualifier, a state student id, a school export under a title; and what stays (a chemical's CAS
number, a year after "candidate", a Wi-Fi network's SSID, a course's code, a grade, a
statute's Title)."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.labelled_numbers import orcid_checksum
from veil.detect.trade_words import trade_word


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _values(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize("text,kind,value", [
    # a school's and a funder's labels
    ("Student record: ULN: 4417882031, Year 10", "ACCOUNT_NUMBER", "4417882031"),
    ("SCN 104471882 - pupil in S4", "ACCOUNT_NUMBER", "104471882"),
    ("OEN 447-188-203 (Grade 11)", "ACCOUNT_NUMBER", "447-188-203"),
    ("Matric no. A0218844X, Year 2", "ACCOUNT_NUMBER", "A0218844X"),
    ("gradebook row (SIS ID 00447188, login x)", "ACCOUNT_NUMBER", "00447188"),
    ("SIMS extract | Adno 004471 | Legal Surname", "ACCOUNT_NUMBER", "004471"),
    ("SLC CRN 22044718820 for the student", "ACCOUNT_NUMBER", "22044718820"),
    ("New teacher, TRN 1447188, starts Monday", "ACCOUNT_NUMBER", "1447188"),
    ("Donor: gift $25,000, constituent ID 0044718.", "ACCOUNT_NUMBER", "0044718"),
    ("NVB reference NVB-0447188 completed", "ACCOUNT_NUMBER", "NVB-0447188"),
    ("MASH referral ref 44718820, social worker", "CASE_NUMBER", "44718820"),
    ("fixed penalty notice FPN/2024/04471.", "CASE_NUMBER", "FPN/2024/04471"),
    ("Teaching Council registration no. 44718.", "LICENSE_NUMBER", "44718"),
    ("substitute, certification #4471882, cleared", "LICENSE_NUMBER", "4471882"),
    # an exam candidate's number: four digits after its label, four to ten after the word
    ("candidate number 4471, centre number 64395", "ACCOUNT_NUMBER", "4471"),
    ("Exam entry: candidate 7702, GCSE Maths", "ACCOUNT_NUMBER", "7702"),
    ("Greenhouse candidate 48812093 - stage: Onsite", "ACCOUNT_NUMBER", "48812093"),
    # an id in brackets, an ORCID iD, a CAS number, a subject's id
    ("Employee: J. Smith (ID 30418), Manager", "ACCOUNT_NUMBER", "30418"),
    ("lead applicant (ORCID 0000-0003-1415-9269), co-I", "ACCOUNT_NUMBER",
     "0000-0003-1415-9269"),
    ("Co-I ORCID iD 0000-0002-9079-593X", "ACCOUNT_NUMBER", "0000-0002-9079-593X"),
    ("CAS number E4G7X1K9M2P4Q8 issued", "ACCOUNT_NUMBER", "E4G7X1K9M2P4Q8"),
    ("Screening log: subject 01-017, enrolled", "ACCOUNT_NUMBER", "01-017"),
    ("CRF: Subject ID: 104-0447, initials", "ACCOUNT_NUMBER", "104-0447"),
    ("AE report: participant SUB-2207, admitted", "ACCOUNT_NUMBER", "SUB-2207"),
    ("Work permit (Canada) no. U104471882 for", "ACCOUNT_NUMBER", "U104471882"),
    ("SSID 1044718820 (Texas) - grade 8", "ACCOUNT_NUMBER", "1044718820"),
    # a school's export under its title
    ("Moodle export: username;firstname;lastname;idnumber\nt.brennan;Tom;Brennan;21044718",
     "NATIONAL_ID", "21044718"),
])
def test_education_numbers_are_found(engine: DetectionEngine, text: str, kind: str,
                                     value: str) -> None:
    assert (kind, value) in _values(engine, text)


@pytest.mark.parametrize("text,value", [
    ("Water: CAS 7732-18-5, CAS number 64-17-5", "7732-18-5"),
    ("CAS reference ABCDEFGHIJKLMN", "ABCDEFGHIJKLMN"),  # no digit: no CAS number's shape
    ("the candidate 2024 intake was larger", "2024"),
    ("candidate 3 of 5 withdrew", "3"),
    ("a bad ORCID 0000-0003-1415-9268 (check)", "0000-0003-1415-9268"),
    ("subject 2019-2020 cohorts", "2019-2020"),
    ("Subject: Re: 10-12 year olds", "10-12"),
    ("Subject: JIRA-1234 fixed in build 88", "JIRA-1234"),
    ("Network SSID: HomeNet-5G, channel 6", "HomeNet-5G"),
    ("see (id 88213) in the log", "88213"),
    ("Ingredients: flour, sugar, eggs\nMix well, then bake.", "flour"),
])
def test_lookalikes_stay(engine: DetectionEngine, text: str, value: str) -> None:
    # (a chemical's dashed number may still read as a phone's, which is not this round's)
    assert value not in [v for kind, v in _values(engine, text) if kind != "PHONE"]


def test_orcid_check_character() -> None:
    assert orcid_checksum("0000-0002-1825-0097")
    assert orcid_checksum("0000-0002-9079-593X")
    assert not orcid_checksum("0000-0002-1825-0098")


@pytest.mark.parametrize("text,span,label", [
    ("took my course ECON 310 in Fall", "ECON", "ORGANIZATION"),
    ("Modules: CS 101, MATH1051, PHYS 2B03", "MATH1051", "ORGANIZATION"),
    ("retaliation under Title VII of the Act", "Title", "PERSON"),
    ("a Title IX complaint", "Title IX", "PERSON"),
    ("Grades: A*, B+, 2:1", "B", "ORGANIZATION"),
    ("Cumulative GPA: 3.62", "GPA", "ORGANIZATION"),
])
def test_a_schools_words_are_no_ones(text: str, span: str, label: str) -> None:
    s = text.index(span)
    assert trade_word(text, s, s + len(span), label)


@pytest.mark.parametrize("text,span,label", [
    ("Call HSBC 0345 740 4404 today", "HSBC", "ORGANIZATION"),  # a phone runs on
    ("see the WHO 2023 report", "WHO", "ORGANIZATION"),  # a year
    ("KHAN 4471 absent", "KHAN", "PERSON"),  # a roster's name in capitals
    ("Dear Mr Title, thanks", "Title", "PERSON"),
    ("Canberra ACT 2600", "ACT", "LOCATION"),
])
def test_names_beside_numbers_stay_names(text: str, span: str, label: str) -> None:
    s = text.index(span)
    assert not trade_word(text, s, s + len(span), label)
