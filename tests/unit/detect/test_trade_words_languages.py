"""A document's own words in a language other than English (`veil.detect.trade_words` with
`veil.detect.language_words`): its heading, its form's labels, its terms in a sentence of that
language, and a language's name in a request stay in the text with both NER backends, while the
persons beside them (after a title, a person's label, a given name) are still masked."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.language_words import (
    bit,
    compound_languages,
    language_names,
    languages_of,
)

from .masking import masked_text

pytestmark = pytest.mark.skipif(not languages_of("rechnung"),
                                reason="wordfreq's lists are not installed")


@pytest.fixture(scope="module", params=["learned", "spacy"])
def engine(request: pytest.FixtureRequest) -> DetectionEngine:
    return DetectionEngine(Policy.model_validate({"ner_backend": request.param}))


def test_common_words_are_no_names_or_places() -> None:
    assert languages_of("Pronajímatel") & bit("cs")
    assert languages_of("Rozpoznanie") & bit("pl")
    assert languages_of("Tani") & bit("tr")  # the view's "Tanı", its dotless i folded
    assert compound_languages("Entlassungsbrief") & bit("de")
    for name in ("Müller", "Schneider", "Kaya", "Berg", "Koch", "Bianchi", "Essen", "Popescu"):
        assert languages_of(name) == 0, name
    assert {"german", "dutch", "portuguese"} <= language_names()


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("Karta informacyjna\nPacjent: Tadeusz Kamiński\nRozpoznanie: Niewydolność serca\n"
     "Lekarz prowadzący: lek. Agnieszka Zielińska",
     ("Rozpoznanie", "Niewydolność serca", "Lekarz prowadzący"),
     ("Tadeusz Kamiński", "Agnieszka Zielińska")),
    ("Nájemní smlouva\nPronajímatel: Ing. Petr Dvořák\nNájemce: Tereza Černá",
     ("Pronajímatel",), ("Petr Dvořák", "Tereza Černá")),
    ("EPİKRİZ\nHasta: Mehmet Ali Aydın\nYatış Tarihi: 4 Nisan 2024\nTanı: Akut miyokard "
     "enfarktüsü\nSorumlu Hekim: Uzm. Dr. Zeynep Arslan",
     ("Yatış Tarihi", "Tanı", "Sorumlu Hekim"), ("Mehmet Ali Aydın", "Zeynep Arslan")),
    ("FAKTURA\nFakturanummer: 10482\nKund: Ingrid Nilsson, Storgatan 14, 852 30 Sundsvall\n"
     "Att betala: 6 250 kr", ("Fakturanummer",), ("Ingrid Nilsson", "Storgatan 14")),
])
def test_labels_and_headings_stay_and_the_names_after_them_go(
        engine: DetectionEngine, text: str, kept: tuple[str, ...],
        gone: tuple[str, ...]) -> None:
    masked = masked_text(engine, text)
    for word in kept:
        assert word in masked
    for value in gone:
        assert value not in masked


def test_a_heading_before_its_number_stays(engine: DetectionEngine) -> None:
    masked = masked_text(engine, "FATTURA n. 45/2024\nCessionario: Condominio Via Garibaldi 12, "
                                 "c.a. Amministratore Rag. Paolo Ricci")
    assert "FATTURA" in masked
    assert "Paolo Ricci" not in masked


@pytest.mark.parametrize(("text", "gone"), [
    ("Vermerk\nHerr Koch aus der Buchhaltung hat die Abrechnung geprüft. Frau Richter übernimmt "
     "die Vertretung. Rückfragen bitte an Frau Dr. Schneider.", ("Koch", "Richter", "Schneider")),
    ("Gentile Sig.ra Bianchi,\nLe ricordiamo l'appuntamento per giovedì.\nCordiali saluti,\n"
     "Segreteria – Dott. Ferrari", ("Ferrari",)),
    ("DAVACI: Selin Yurt\nVEKİLİ: Av. Burak Şimşek", ("Selin Yurt", "Burak Şimşek")),
    ("Hej Sofia Berg,\nVi bekräftar härmed din tjänstledighet.\nMed vänliga hälsningar\n"
     "Anders Holm", ("Sofia Berg", "Anders Holm")),
])
def test_a_name_that_is_a_word_too_stays_masked(engine: DetectionEngine, text: str,
                                                gone: tuple[str, ...]) -> None:
    masked = masked_text(engine, text)
    for value in gone:
        assert value not in masked


def test_a_language_named_in_a_request_stays(engine: DetectionEngine) -> None:
    masked = masked_text(engine, "Translate this German letter into English for Mr English: "
                                 "Sehr geehrter Herr Wagner, ...")
    assert "this German letter into English" in masked
    assert "Mr English" not in masked
    assert "Wagner" not in masked
