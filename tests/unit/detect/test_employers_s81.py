"""What employers paste (HR, payroll, recruiting, investigations, occupational health): an
employer's numbers under their labels (a candidate's, a payroll's, a works number, India's
ESIC and PF numbers, right-to-work files' numbers, a certificate's), numbers with slashes after
their labels, four-digit employee numbers, a dispatch event, a right-to-work share code, a
payroll export's fund columns; and what stays (a form's number after a comma, a case number's
neighbour words, a bank branch's code, a one-word firm's common noun in lower case)."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.detect.seen import SeenEntityCache


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _values(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize("text,kind,value", [
    # an employer's labels
    ("Panel feedback (candidate ID 55218734): strong", "ACCOUNT_NUMBER", "55218734"),
    ("Appointment letter: Emp Code INF-204417, CTC", "ACCOUNT_NUMBER", "INF-204417"),
    ("Payroll ID 100448-2 / Sort code", "ACCOUNT_NUMBER", "100448-2"),
    ("Works/payroll no: 7710423, Leaving date", "ACCOUNT_NUMBER", "7710423"),
    ("ESIC IP No. 3114478820, PAN", "ACCOUNT_NUMBER", "3114478820"),
    ("UIF number U4471882; bank", "ACCOUNT_NUMBER", "U4471882"),
    ("employer tax ref 201744718K.", "ACCOUNT_NUMBER", "201744718K"),
    ("Pension: plan no. 44718820-1 for member", "ACCOUNT_NUMBER", "44718820-1"),
    ("Employer PAYE reference 123/AB45678.", "ACCOUNT_NUMBER", "123/AB45678"),
    ("BRP number ZU4471882.", "ACCOUNT_NUMBER", "ZU4471882"),
    ("Certificate of Sponsorship C2G4471882X assigned", "ACCOUNT_NUMBER", "C2G4471882X"),
    ("Garda vetting ID 44718820 completed", "ACCOUNT_NUMBER", "44718820"),
    ("GNIB/IRP card no. 4471882 for", "ACCOUNT_NUMBER", "4471882"),
    ("SuccessFactors person ID 40044718, name", "ACCOUNT_NUMBER", "40044718"),
    ("RBP cert no. 44718820, USC", "LICENSE_NUMBER", "44718820"),
    ("Checkr report ID 5f2a9c41e8b77d0012a4c8e1 for", "CASE_NUMBER",
     "5f2a9c41e8b77d0012a4c8e1"),
    ("Case file ER-2024-0418: allegation", "CASE_NUMBER", "ER-2024-0418"),
    ("early conciliation certificate R447188/24/01 for", "CASE_NUMBER", "R447188/24/01"),
    ("works number 88417, court ref K4QZ8812.", "CASE_NUMBER", "K4QZ8812"),
    ("RIDDOR report ref 1447188 - over-7-day injury", "CASE_NUMBER", "1447188"),
    # slashes after the label
    ("Firearms certificate FAC 44/1882 (Thames Valley)", "LICENSE_NUMBER", "44/1882"),
    ("Roll no. 2204471, enrolment no. DU/2022/BA/04471, student", "ACCOUNT_NUMBER",
     "DU/2022/BA/04471"),
    ("PF No. MH/BAN/0044718/000/0012345, ESIC", "ACCOUNT_NUMBER",
     "MH/BAN/0044718/000/0012345"),
    # four digits after an employee's label, a dispatch event, a share code, a SIN's dots
    ("Employee Thandiwe, Emp no 7718, ID", "ACCOUNT_NUMBER", "7718"),
    ("BambooHR export: Employee #: 1182 | Full name", "ACCOUNT_NUMBER", "1182"),
    ("Event E24-00418 - welfare check", "CASE_NUMBER", "E24-00418"),
    ("share code W7X 4KP 9QZ used for", "SECRET", "W7X 4KP 9QZ"),
    ("CPP disability: applicant, S.I.N. 046 454 286.", "CA_SIN", "046 454 286"),
    # a payroll export's columns
    ("Staff,BSB,Account,Super Member\n7721,062-118,10441882,880044718", "ACCOUNT_NUMBER",
     "880044718"),
])
def test_employer_numbers_are_found(engine: DetectionEngine, text: str, kind: str,
                                    value: str) -> None:
    assert (kind, value) in _values(engine, text)


@pytest.mark.parametrize("text,value", [
    # dates and ranges after a label with slashes are no numbers
    ("the account was opened 12/05/2024 and", "12/05/2024"),
    ("account 2024/25 statement", "2024/25"),
    ("policy 3/4 paid", "3/4"),
    ("plan no. 05/2026 renewal", "05/2026"),
    ("claim 2023/2024 season", "2023/2024"),
    ("member 50/50 split", "50/50"),
    # four digits without an employee's label, a bare event, a share code without a digit
    ("the team of 7718 people", "7718"),
    ("employees in 2024 were", "2024"),
    ("the event at 10:30 was fun", "10:30"),
    ("Event 2024 recap", "2024"),
    ("share code ABC DEF GHI", "ABC DEF GHI"),
    # a form's number after a comma is no address's postcode and town
    ("Forms: Form W-2, Form 1040, Form 1099-G.", "Form 1040"),
    # a case number's neighbour words
    ("report ref 1447188 - over-7-day injury", "over-7-day"),
    # a bank branch's code on its own word names the branch, not the account's holder (as a
    # sort code alone does)
    ("Bank A/c 50100244718821, IFSC HDFC0001234.", "HDFC0001234"),
    ("IFSC SBIN0000691 (State Bank of India, New Delhi main branch)", "SBIN0000691"),
])
def test_lookalikes_stay(engine: DetectionEngine, text: str, value: str) -> None:
    # (a date stays a date: only no number's or place's type)
    assert all(v != value or k == "DATE_TIME" for k, v in _values(engine, text))


def test_a_one_word_firm_is_not_found_again_in_lower_case() -> None:
    seen = SeenEntityCache([("ORGANIZATION", "Support"), ("LOCATION", "Reading")])
    assert [d.text for d in seen.analyze("ask the support team in reading")] == []
    assert [d.text for d in seen.analyze("Support said Reading")] == ["Support", "Reading"]


def test_a_one_word_firm_that_is_no_word_is_found_in_lower_case() -> None:
    seen = SeenEntityCache([("ORGANIZATION", "Okonkwo"), ("LOCATION", "Tiszabög")])
    assert [d.text for d in seen.analyze("sent to okonkwo in tiszabög")] == ["okonkwo",
                                                                            "tiszabög"]
