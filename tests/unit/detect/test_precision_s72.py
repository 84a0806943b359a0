"""A trade's own words that the name models read as values (`veil.detect.trade_words`): drugs
and doses, lab panels, eponyms, a contract's defined terms, a form's labels and a table's
header, headings, job titles and departments, a car's make and model, months in a list, a
greeting of two words, a place before "Islands". Each is kept, with both NER backends, and the
nearest real value beside it is still masked (`Dr. Ford`, `Henry Ford`, a name after its label,
a census surname that is also a word)."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.seen import SeenEntityCache
from veil.detect.trade_words import trade_word

from .masking import masked_text


@pytest.fixture(scope="module", params=["learned", "spacy"])
def engine(request: pytest.FixtureRequest) -> DetectionEngine:
    return DetectionEngine(Policy.model_validate({"ner_backend": request.param}))


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("Check these interactions: Warfarin 5 mg, Amiodarone 200 mg, Simvastatin 40 mg, "
     "Clopidogrel 75 mg, Omeprazole 20 mg. Any issue with Ibuprofen PRN?",
     ("Warfarin", "Amiodarone", "Simvastatin", "Clopidogrel", "Omeprazole", "Ibuprofen"), ()),
    ("Med rec: Tramadol 50 mg QDS, Gabapentin 300 mg TDS, Sertraline 50 mg OD. "
     "Patient: Oswin Thackeray-Mbeki, MRN 00448812.",
     ("Tramadol", "Gabapentin", "Sertraline"), ("Oswin", "Thackeray-Mbeki")),
    ("Controlled drugs register:\nOxycodone HCl 5 mg tablet  qty 28\nFentanyl 25 mcg/hr patch\n"
     "Witnessed by: Nurse Philippa Greatorex",
     ("Oxycodone HCl", "Fentanyl"), ("Philippa", "Greatorex")),
    ("Patient asks whether she can take Tylenol with Lipitor and Zoloft; she is already on "
     "Eliquis and Januvia.", ("Tylenol", "Lipitor", "Zoloft", "Eliquis", "Januvia"), ()),
])
def test_a_drug_and_its_dose_are_no_name(engine: DetectionEngine, text: str,
                                          kept: tuple[str, ...], gone: tuple[str, ...]) -> None:
    masked = masked_text(engine, text)
    for word in kept:
        assert word in masked
    for value in gone:
        assert value not in masked


def test_a_lab_panel_keeps_its_analytes_and_units(engine: DetectionEngine) -> None:
    text = ("Interpret this panel:\nSodium 134 mmol/L (135-145) L\nPotassium 5.8 mmol/L\n"
            "Creatinine 162 umol/L\nALT 54 U/L\nFerritin 12 ug/L\nTSH 6.2 mU/L\n"
            "Coagulation: INR 3.4 on Warfarin. D-Dimer 0.9. Fibrinogen 2.1. Troponin T 48 ng/L.")
    masked = masked_text(engine, text)
    for word in ("Sodium", "Potassium", "Creatinine", "Ferritin", "mmol/L", "U/L", "mU/L",
                 "Coagulation", "Warfarin", "Fibrinogen", "Troponin", "ng/L"):
        assert word in masked


@pytest.mark.parametrize(("text", "kept"), [
    ("PMH: Parkinson's disease, Crohn's disease, Hashimoto's thyroiditis, Bell's palsy.",
     ("Parkinson", "Crohn", "Hashimoto", "Bell's palsy")),
    ("Babinski sign positive on the left. Kernig sign negative. Schirmer test positive.",
     ("Babinski", "Kernig", "Schirmer")),
    ("Post-op risks after a Whipple procedure in Hodgkin lymphoma and Barrett's oesophagus.",
     ("Whipple", "Hodgkin", "Barrett")),
    ("Differential: Addison's disease vs Cushing's syndrome. Her Epworth score is 14 and the "
     "Wells score 2.", ("Addison", "Cushing", "Epworth", "Wells")),
    ("Reed-Sternberg cells seen. Colles fracture left wrist. Thomas splint used. ECG shows ST "
     "elevation.", ("Reed-Sternberg", "Colles", "Thomas splint", "ECG", "ST elevation")),
])
def test_an_eponym_is_no_patient(engine: DetectionEngine, text: str,
                                 kept: tuple[str, ...]) -> None:
    masked = masked_text(engine, text)
    for word in kept:
        assert word in masked


@pytest.mark.parametrize(("text", "name"), [
    ("Patient Henry Ford, 71, presents with chest pain; seen in clinic.", "Henry Ford"),
    ("Seen today by Dr. Ford in the Cardiology clinic.", "Ford"),
    ("Mr Parkinson's appointment is on Monday.", "Parkinson"),
])
def test_a_person_beside_an_eponym_or_a_make_is_still_masked(
        engine: DetectionEngine, text: str, name: str) -> None:
    assert name not in masked_text(engine, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Patel's test results came back; Wells score 2.", "Patel"),  # the patient's results
    ("Please have Priyanka sign the consent form before the procedure.", "Priyanka"),
    ("Claim notes: Third Party: Honoria Blackwood. Liability: 50/50.", "Blackwood"),
    ("<tr><td>Beaumont, Felicity</td><td>Ward 4</td></tr>", "Felicity"),
    ("INSERT INTO customers VALUES (1041,'Clemency','Blackthorne')", "Clemency"),
    ("E10441,Hyacinth Bellweather,Finance,CC-204", "Hyacinth Bellweather"),
    ("Thanks, Henry Ford", "Ford"),
])
def test_a_name_beside_a_trade_s_words_is_no_trade_word(text: str, name: str) -> None:
    s = text.index(name)
    assert not trade_word(text, s, s + len(name), "PERSON")


@pytest.mark.parametrize(("text", "word", "label"), [
    ("Patel's test results came back; Wells score 2.", "Wells", "PERSON"),
    ("Co-Borrower: Desmond Quarshie-Allotey", "Co", "ORGANIZATION"),
    ("MOTION to Seal Exhibit B (medical records)", "B", "PERSON"),
    ("Potassium 5.8 mmol/L (3.5-5.0)", "L", "ORGANIZATION"),
    ("Any issue with Ibuprofen PRN?", "Ibuprofen PRN", "ORGANIZATION"),
    ("Ortho clinic: Thomas splint used in ED.", "Thomas splint", "PERSON"),
])
def test_a_trade_s_word_in_its_context(text: str, word: str, label: str) -> None:
    s = text.index(word)
    assert trade_word(text, s, s + len(word), label)


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ('Review clause 7.2: "The Borrower shall procure that the Guarantor delivers to the '
     'Lender its accounts. Any Event of Default entitles the Agent to accelerate."',
     ("Borrower", "Guarantor", "Lender", "Agent"), ()),
    ("Co-Borrower: Desmond Quarshie-Allotey\nGuarantor: Philippa Rushworth\n"
     "Assets: Vanguard ISA, balance £48,200\nLiabilities: car loan £6,400",
     ("Co-Borrower", "Guarantor", "Assets:", "Liabilities:"),
     ("Desmond", "Quarshie-Allotey", "Philippa", "Rushworth")),
    ("Claim notes: Third Party: Barnaby Cresswell. Liability: 50/50.",
     ("Third Party", "Liability"), ("Cresswell",)),
    ("Build a ratio analysis:\nRevenue 4,812\nDepreciation and Amortisation (245)\n"
     "Total Assets 9,340\nCurrent Liabilities 733", ("Depreciation", "Total Assets",
                                                     "Current Liabilities"), ()),
])
def test_a_contract_s_defined_terms_and_a_form_s_labels_are_kept(
        engine: DetectionEngine, text: str, kept: tuple[str, ...], gone: tuple[str, ...]
) -> None:
    masked = masked_text(engine, text)
    for word in kept:
        assert word in masked
    for value in gone:
        assert value not in masked


def test_a_table_s_header_is_kept_and_its_rows_masked(engine: DetectionEngine) -> None:
    text = ("First Name\tLast Name\tDate of Birth\tPostcode\tNI Number\tJob Title\tStart Date\n"
            "Perpetua\tOyelowo-Marsh\t02/09/1988\tLS6 2QT\tJT482915B\tPayroll Officer\t01/03/2021")
    masked = masked_text(engine, text)
    for word in ("Date of Birth", "Postcode", "NI Number", "Job Title", "Start Date"):
        assert word in masked
    for value in ("Perpetua", "Oyelowo-Marsh", "02/09/1988", "JT482915B"):
        assert value not in masked


def test_headings_titles_and_departments_are_kept(engine: DetectionEngine) -> None:
    text = ("EXECUTIVE SUMMARY\nThe project is on track.\nKEY RISKS\nVendor delay.\n"
            "Draft an org chart: Chief Executive Officer, VP of Sales, Head of People.\n"
            "She reported to the Finance Director; Occupational Health referral made; "
            "budget due in January, April and June.\nManager: Lysander Coote")
    masked = masked_text(engine, text)
    for word in ("KEY RISKS", "Chief Executive Officer", "VP of Sales", "Head of People",
                 "Finance Director", "Occupational Health", "April"):
        assert word in masked
    assert "Lysander" not in masked and "Coote" not in masked


def test_a_car_s_make_and_model_is_no_driver(engine: DetectionEngine) -> None:
    text = ("Vehicle: silver Ford Focus, Victim: Bronwen Hargreave. Quotes for a 2021 Toyota "
            "Corolla Hybrid and a 2018 Honda Civic. Policyholder Ambrose Kettering.")
    masked = masked_text(engine, text)
    for word in ("Ford Focus", "Toyota Corolla Hybrid", "Honda Civic"):
        assert word in masked
    for value in ("Bronwen", "Hargreave", "Ambrose", "Kettering"):
        assert value not in masked


def test_a_seen_name_that_is_a_make_stays_a_make_before_its_model() -> None:
    seen = SeenEntityCache([("PERSON", "Henry Ford"), ("PERSON", "Ford")])
    car = "Quote for a 2019 Ford Focus 1.0 EcoBoost"
    assert not seen.analyze(car)
    found = seen.analyze("Ford said the results were fine.")
    assert [d.text for d in found] == ["Ford"]


def test_a_greeting_of_two_words_and_a_place_before_islands(engine: DetectionEngine) -> None:
    text = 'Xin chào, tôi cần dịch email này sang tiếng Anh: "Kính gửi anh Phạm Quốc Bảo."'
    assert masked_text(engine, text).startswith("Xin chào")
    text = "Shipping countries: Svalbard & Jan Mayen Islands, Isle of Man."
    assert "PERSON" not in {d.type for d in engine.analyze(text)
                            if "Jan" in d.text or "Mayen" in d.text}


def test_dishes_and_garments_named_after_places_are_kept(engine: DetectionEngine) -> None:
    text = ("Write an Amazon listing for Chelsea boots in tan suede. Keywords: Oxford shoes. "
            "Dessert: Victoria sponge.")
    masked = masked_text(engine, text)
    for word in ("Chelsea boots", "Oxford shoes", "Victoria sponge"):
        assert word in masked


@pytest.mark.parametrize(("head", "unit", "count", "tail"), [
    ("", "Warfarin 5 mg, ", 8000, ""), ("", "Crohn's disease ", 8000, ""),
    ("", "Co-Borrower:\t", 8000, ""), ("", "Ford Focus ", 9000, ""), ("A", " ", 100_000, "5 mg"),
    ("Assets", "\t", 100_000, ""), ("Hosp", "x", 100_000, ""),
])
def test_the_rules_stay_linear_on_hostile_text(head: str, unit: str, count: int,
                                               tail: str) -> None:
    def rules(text: str) -> None:
        for s in range(0, min(len(text), 4000), 7):
            trade_word(text, s, min(len(text), s + 6), "PERSON")
        trade_word(text, 0, 1, "ORGANIZATION")

    assert_linear(rules, unit, count, head=head, tail=tail)
