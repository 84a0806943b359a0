"""What a law firm pastes: case, cause, action and matter numbers under more courts' labels
and shapes, prisoners' and criminal records' numbers, USCIS receipts, Bates numbers, a
transcript's speakers in capitals; and the words of a legal file that stay (judges' titles,
document kinds, roles, rulings, statutes, courts, code sections)."""

from __future__ import annotations

import pytest

from veil.detect import DetectionEngine
from veil.detect.trade_words import trade_word


def _values(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.mark.parametrize("text,kind,value", [
    # labels
    ("Cause No. DC-24-07731, 298th Judicial District", "CASE_NUMBER", "DC-24-07731"),
    ("BC Supreme Court Action No. S-240913, Vancouver Registry", "CASE_NUMBER", "S-240913"),
    ("Case Ref: EDI-F512-23", "CASE_NUMBER", "EDI-F512-23"),
    ("matter ref HBS/0047/24; total due", "CASE_NUMBER", "HBS/0047/24"),
    ("Official Receiver reference 24-0018832.", "CASE_NUMBER", "24-0018832"),
    ("Transaction Reference Number EGO5XK2M7P, client", "CASE_NUMBER", "EGO5XK2M7P"),
    ("Police Report # 24-118842.", "CASE_NUMBER", "24-118842"),
    ("MDOC# 884213", "ACCOUNT_NUMBER", "884213"),
    ("parole board for TDCJ #02384417, currently", "ACCOUNT_NUMBER", "02384417"),
    ("FBI No. 771234AB9.", "ACCOUNT_NUMBER", "771234AB9"),
    ("arrest date 06/03/2015, OTN G8814273, docket", "ACCOUNT_NUMBER", "G8814273"),
    ("Title Number WYK812345, proprietor", "ACCOUNT_NUMBER", "WYK812345"),
    ("Counsel: LSO# 71234P; instructing lawyer", "LICENSE_NUMBER", "71234P"),
    ("Reported by: C. Fahey, CSR No. 13822", "LICENSE_NUMBER", "13822"),
    ("Notary Public, Commission No. 2381947, personally", "LICENSE_NUMBER", "2381947"),
    ("Practising Certificate No. 44718 (NSW)", "LICENSE_NUMBER", "44718"),
    # shapes
    ("In the Matter of the Estate of W. P., Deceased.\nNo. 2024 P 003187", "CASE_NUMBER",
     "2024 P 003187"),
    ("IN THE HIGH COURT OF DELHI\nW.P.(C) 12345/2023\nIN THE MATTER OF", "CASE_NUMBER",
     "W.P.(C) 12345/2023"),
    ("Crl.A. No. 412/2019 is listed", "CASE_NUMBER", "Crl.A. No. 412/2019"),
    ("Restraining order DVRO case 24DV00412 protects", "CASE_NUMBER", "24DV00412"),
    ("unlawful detainer case 24STUD04412.", "CASE_NUMBER", "24STUD04412"),
    ("Case: 23-1147    Document: 00118012345", "CASE_NUMBER", "23-1147"),
    ("receipted as NBC1234567890 and", "ACCOUNT_NUMBER", "NBC1234567890"),
    ("and WAC2412345678 for the I-765.", "ACCOUNT_NUMBER", "WAC2412345678"),
    ("Privilege log:\nACME_0001234 | 2023-04-11 | Email", "CASE_NUMBER", "ACME_0001234"),
    ("Bates range DEF-00012001 through DEF-00014999;", "CASE_NUMBER", "DEF-00014999"),
    ("Doc review: SMITH_FIN_0009921 is not privileged", "CASE_NUMBER", "SMITH_FIN_0009921"),
    ("THE COURT: Approach.\nMR. FENWICK: Your Honor, the witness", "PERSON", "FENWICK"),
    ("EXAMINATION BY MR. CASTELLANOS:\nQ. State your name.", "PERSON", "CASTELLANOS"),
])
def test_a_legal_files_numbers_and_speakers(pattern_engine: DetectionEngine, text: str,
                                            kind: str, value: str) -> None:
    assert (kind, value) in _values(pattern_engine, text)


@pytest.mark.parametrize("text,value", [
    ("Cause No. DC-24-07731, 298th Judicial District", "298th"),  # an ordinal: the court's
    ("Test case TC-1001 failed again.", "TC-1001"),  # four digits: a test's id
    ("In any case 2019 was a good year.", "2019"),
    ("in case COVID-19 returns", "COVID-19"),
    ("Patched CVE-2024-0012345 in the production build.", "CVE-2024-0012345"),
    ("Invoice INV-0001234 is overdue.", "INV-0001234"),  # no word of discovery in the text
    ("The SKU is ABC0004471 in the catalogue.", "ABC0004471"),
    ("Batch EAC12345678 of the cables.", "EAC12345678"),  # eight digits: no USCIS receipt
    ("THE COURT: Overruled.\nTHE WITNESS: Yes.", "COURT"),  # no title: a role's label
    ("Page 4 of 2024 P 12345 rows", "2024 P 12345"),  # no zero-padded six digits
])
def test_what_stays_beside_them(pattern_engine: DetectionEngine, text: str, value: str) -> None:
    assert value not in [v for _, v in _values(pattern_engine, text)]


def _word(text: str, piece: str, label: str = "PERSON", nth: int = 0) -> bool:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return trade_word(text, start, start + len(piece), label)


@pytest.mark.parametrize("text,piece,label", [
    ("Judges: Magistrate Judge Ruiz presided.", "Judge", "ORGANIZATION"),
    ("Before Mr Justice Hildyard.", "Justice", "PERSON"),
    ("a Justice of the Peace signed it", "Justice", "PERSON"),
    ("District Judge Patel", "District", "LOCATION"),
    ("the Honorable Chief Judge", "Honorable", "ORGANIZATION"),
    ("Notary Public, Commission No. 2381947", "Notary", "LOCATION"),
    ("GRANT DEED\nAPN: 5412-018-023", "GRANT", "ORGANIZATION"),
    ("Grant of Probate issued to the executor", "Grant", "PERSON"),
    ("Subpoena duces tecum served on the witness", "Subpoena", "LOCATION"),
    ("appoint my daughter as Executor.", "Executor", "PERSON"),
    ("THE COURT: Overruled.", "Overruled", "PERSON"),
    ("Production covers Bates range DEF-1 to DEF-9", "Bates", "PERSON"),
    ("Section 138 of the Negotiable Instruments Act", "Negotiable", "PERSON"),
    ("the Family Law Act 1975 (Cth)", "Law", "ORGANIZATION"),
    ("R v Rafferty, Crown Court at Southwark", "Crown", "LOCATION"),
    ("298th Judicial District, Dallas County", "Judicial District", "LOCATION"),
    ("INA § 212(a)(9)(B) bars re-entry", "INA § 212", "ORGANIZATION"),
    ("charged u/s 420 IPC yesterday", "IPC", "LOCATION"),
])
def test_a_legal_files_words_stay(text: str, piece: str, label: str) -> None:
    assert _word(text, piece, label)


@pytest.mark.parametrize("text,piece,label", [
    ("Justice is four years old.", "Justice", "PERSON"),  # alone: a given name
    ("Mr Judge was there.", "Judge", "PERSON"),  # "Mr Judge": a man called Judge
    ("Grant said hi.", "Grant", "PERSON"),
    ("Mr Bates said no.", "Bates", "PERSON"),
    ("I live at 12 Crown Court, Leeds.", "Crown", "LOCATION"),  # a house number: a street
    ("Call Grant Peters today.", "Grant Peters", "PERSON"),
])
def test_names_beside_those_words_stay_names(text: str, piece: str, label: str) -> None:
    assert not _word(text, piece, label)
