"""A clinical note's and a pleading's own words stay: eponyms before a stage, a level, a line
or a doctrine (`Tanner stage`, `Hickman line`, `Terry stop`), eponyms that need no noun
(`Mallampati II`, `Kernig`), an eponym's phrase (`Glasgow Coma Scale`), a specialist's title,
a note's abbreviations, statutes' initials, Latin's terms of law, a court's name and a
citation. A person's name beside the same words is still one."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.european_address import EUROPEAN_ADDRESS
from veil.detect.trade_words import in_citation, trade_word

from .masking import masked_text


def _word(text: str, span: str, label: str = "PERSON") -> bool:
    s = text.index(span)
    return trade_word(text, s, s + len(span), label)


@pytest.mark.parametrize(("text", "span"), [
    ("Pubertal Quillfeather stage 4 on exam", "Quillfeather"),
    ("Melanoma, Zandervelt level III", "Zandervelt"),
    ("Breslow thickness 2.1 mm", "Breslow"),
    ("tunnelled Hickman line in situ", "Hickman"),
    ("24-hour Holter monitor ordered", "Holter"),
    ("the officer made a Terry stop; no frisk", "Terry"),
    ("Miranda warnings were read", "Miranda"),
    ("deference under Chevron deference is gone", "Chevron"),
    ("adrenal Addison crisis protocol", "Addison"),
    ("Mallampati III airway", "Mallampati"),
    ("Billroth II anastomosis", "Billroth II"),
    ("Kernig and Brudzinski negative", "Brudzinski"),
    ("Roux-en-Y bypass", "Roux"),
    ("Child-Pugh C cirrhosis", "Child"),
    ("Glasgow Coma Scale 9", "Glasgow Coma"),
    ("Laparoscopic Nissen fundoplication done", "Laparoscopic Nissen"),
    ("Consultant Nephrologist on call", "Consultant Nephrologist"),
    ("seen by the Paediatrician", "Paediatrician"),
])
def test_an_eponym_and_a_specialty_stay(text: str, span: str) -> None:
    assert _word(text, span)


@pytest.mark.parametrize(("text", "span", "label"), [
    ("known COPD exacerbation", "COPD", "ORGANIZATION"),
    ("INR 3.1 on warfarin", "INR", "ORGANIZATION"),
    ("NPO after midnight", "NPO", "ORGANIZATION"),
    ("Explanted AICD returned", "Explanted AICD", "ORGANIZATION"),
    ("an 91 y/o F with", "o F", "ORGANIZATION"),
    ("claims under the FMLA and ERISA", "FMLA", "ORGANIZATION"),
    ("barred by res judicata here", "res judicata", "PERSON"),
    ("a writ of habeas corpus", "habeas corpus", "PERSON"),
    ("Schedule II-V drugs", "V", "ORGANIZATION"),
])
def test_a_notes_abbreviations_and_laws_terms_stay(text: str, span: str, label: str) -> None:
    assert _word(text, span, label)


@pytest.mark.parametrize(("text", "span"), [
    ("Superior Court of Quebec, Montreal district", "Quebec"),
    ("the Tax Court of Canada held", "Canada"),
    ("UNITED STATES DISTRICT COURT FOR THE EASTERN DISTRICT OF TEXAS", "TEXAS"),
    ("in the Court of Appeal (Criminal Division)", "Criminal Division"),
    ("King's Bench Division", "King"),
    ("the Sixth Circuit reversed", "Sixth Circuit"),
    ("Employment Tribunal at Leeds", "Employment Tribunal"),
    ("This Court lacks jurisdiction", "Court"),
    ("under 29 U.S.C. § 2601", "S.C."),
    ("see 21 C.F.R. § 1306.04", "F.R."),
    ("Fed. R. Evid. P. 702 applies", "R. Evid. P. 702"),
])
def test_a_courts_name_and_a_citation_stay(text: str, span: str) -> None:
    assert _word(text, span, "ORGANIZATION") or _word(text, span, "LOCATION")


@pytest.mark.parametrize(("text", "span"), [
    ("please ask Terry to stop the car", "Terry"),
    ("I spoke with Dr. Hickman yesterday", "Hickman"),
    ("Priya Venkataraman stage manager", "Priya Venkataraman"),
    ("Judge Okonkwo-Bell of the Superior Court", "Okonkwo-Bell"),
    ("have Tanner monitor the patient", "Tanner"),
    ("originally from Novo mesto", "Novo"),  # a Latin term's word alone is a town's
])
def test_a_persons_name_beside_the_same_words_is_still_one(text: str, span: str) -> None:
    assert not _word(text, span)


def test_a_rule_of_procedure_is_no_portuguese_street() -> None:
    text = "pursuant to Fed. R. Civ. P. 26(c), records"
    assert in_citation(text, text.index("R. Civ"), text.index("(c)"))
    assert EUROPEAN_ADDRESS.analyze(text) == []


@pytest.fixture(scope="module", params=["learned", "spacy"])
def engine(request: pytest.FixtureRequest) -> DetectionEngine:
    return DetectionEngine(Policy.model_validate({"ner_backend": request.param}))


def test_through_the_engine_the_terms_stay_and_the_names_go(engine: DetectionEngine) -> None:
    text = ("Mr. Anselm Quarshie-Holt had a Swan-Ganz line and a Doppler ultrasound; "
            "Mallampati II. Claims under 42 U.S.C. § 1983 in the Federal Court of Australia.")
    out = masked_text(engine, text)
    for kept in ("Swan-Ganz line", "Doppler ultrasound", "Mallampati II", "42 U.S.C. § 1983",
                 "Federal Court of Australia"):
        assert kept in out, out
    assert "Quarshie-Holt" not in out
