"""Documents written wholly in a European language (the s72b probes): dates with a month's name
in Italian, Portuguese, Dutch, Polish, Czech, Romanian, the Nordic languages, Finnish and
Turkish; continental and Turkish street shapes (a street word in any case, elided particles,
``No:``, a street confirmed by its postcode and town, hyphenated German streets, post-office
boxes); names joined by particles; phones after their label in any region's shape; health,
tax and register numbers and plates after their words. Each leak masked with the pattern
engine (no model); the same anchors in ordinary text mask nothing; hostile input stays fast."""

from __future__ import annotations

import pytest

from tests.linear import assert_linear
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.european_address import EUROPEAN_ADDRESS
from veil.detect.european_dates import EUROPEAN_BIRTH_DATE, EUROPEAN_DATE
from veil.detect.european_plates import EUROPEAN_PLATE
from veil.detect.particle_names import PARTICLE_NAMES
from veil.detect.phone_labels import PHONE_LABELLED

from .masking import masked_text


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


@pytest.mark.parametrize(("text", "value"), [
    ("Paziente: Giulia Rossi, nata il 5 aprile 1982", "5 aprile 1982"),
    ("Data de nascimento: 22 de setembro de 1990", "22 de setembro de 1990"),
    ("mevrouw Jansen, geboren 15 mei 1962, BSN", "15 mei 1962"),
    ("Ing. Petr Dvořák, nar. 14. března 1979, r.č.", "14. března 1979"),
    ("Data nașterii: 12 martie 1985", "12 martie 1985"),
    ("Data przyjęcia: 3 maja 2024", "3 maja 2024"),
    ("Syntynyt 13. lokakuuta 1952.", "13. lokakuuta 1952"),
    ("Doğum tarihi: 15 Mart 1985", "15 Mart 1985"),
    ("Indlagt 14. marts 2024 med lungebetændelse", "14. marts 2024"),
    ("la riunione è il 4 maggio", "4 maggio"),
])
def test_month_names_of_more_languages_are_dates(engine: DetectionEngine, text: str,
                                                  value: str) -> None:
    masked = masked_text(engine, text)
    assert value not in masked
    assert masked.count("#") == 1 or value.split()[0] not in masked


def test_a_birth_word_makes_a_birth_date_and_impossible_days_stay() -> None:
    found = EUROPEAN_BIRTH_DATE.analyze("nata il 5 aprile 1982")
    assert [d.type for d in found] == ["DATE_OF_BIRTH"]
    assert EUROPEAN_BIRTH_DATE.analyze("il 5 aprile 1982") == []
    assert EUROPEAN_DATE.analyze("31 febbraio 2020") == []
    # a short month name without its year is no date ("3 mei", "5 maio")
    assert EUROPEAN_DATE.analyze("pagina 3 mei") == []
    assert EUROPEAN_DATE.analyze("Option 5 maio") == []


@pytest.mark.parametrize(("text", "value"), [
    ("la dirección es plaza mayor 3, 37002 salamanca", "plaza mayor 3"),
    ("rilevato in Via dell'Indipendenza 12, Bologna.", "Indipendenza 12"),
    ("abito in corso vittorio emanuele II 45, 10128 torino. potete", "emanuele II 45"),
    ("moro na av. paulista 1578, bela vista", "paulista 1578"),
    ("Nabywca: Paweł Kowalczyk, os. Tysiąclecia 45/12, 31-610 Kraków", "Tysiąclecia 45/12"),
    ("mieszkam przy ulicy Piotrkowskiej 104 m. 7 w Łodzi (90-006).", "90-006"),
    ("Bydliště: Vinohradská 1234/56, 120 00 Praha 2\n", "Vinohradská 1234/56"),
    ("Frau Petra Lindemann, Am Mühlbach 7, 82319 Starnberg,", "Mühlbach 7"),
    ("Adres: Moda Cad. No: 18 D: 4, 34728 Kadıköy/İstanbul\n", "34728"),
    ("Adresim Atatürk Bulvarı No: 125/3, 06640 Çankaya/Ankara.", "Bulvarı No: 125/3"),
    ("Kiralanan: Bağdat Caddesi No: 210 Daire: 9, Suadiye, Kadıköy/İstanbul", "Kadıköy"),
    ("Straße: Gustav-Freytag-Str. 19\nPLZ/Ort: 04277 Leipzig", "Freytag-Str. 19"),
    ("Aan: mevr. de Wit\nPostbus 1234, 2500 BC Den Haag\n", "2500 BC"),
    ("bor i Bergen, Bryggen 7, 5003 Bergen. mobil", "5003"),
])
def test_european_street_shapes_are_masked(engine: DetectionEngine, text: str,
                                           value: str) -> None:
    assert value not in masked_text(engine, text)


def test_a_street_word_glued_to_letters_is_none() -> None:
    # (an IBAN's bank code "BDST" once read as the street word "bd" and the name "ST")
    assert EUROPEAN_ADDRESS.analyze("wire the deposit to NL26 BDST 9288 1111 35 today") == []


@pytest.mark.parametrize("text", [
    "send it via email 3 times", "Place the 2 chairs by the door", "Windows 10, 2004 Edition",
    "I went via Rome 3 days ago", "Section 4, 12345 Main", "we travel via the A7 2 times",
])
def test_street_words_in_prose_are_no_address(text: str) -> None:
    assert EUROPEAN_ADDRESS.analyze(text) == []


def test_an_address_keeps_the_sentence_after_its_town() -> None:
    found = EUROPEAN_ADDRESS.analyze("jag bor på Kungsgatan 12B, 411 19 Göteborg. Ring mig")
    assert [d.text for d in found] == ["Kungsgatan 12B, 411 19 Göteborg"]


@pytest.mark.parametrize(("text", "name"), [
    ("des Herrn Friedrich Wilhelm Graf von Hohenberg, Schloßweg 1", "von Hohenberg"),
    ("Frau KATHARINA VON DER LEYEN-STEIN, geboren", "LEYEN-STEIN"),
    ("mevrouw Johanna van der Berg-de Vries, geboren", "Berg-de Vries"),
    ("Dr. Pieter van den Heuvel, huisarts", "Heuvel"),
    ("Comunicante: Ana Beatriz de Oliveira Souza, CPF", "Oliveira Souza"),
    ("ciao, mi chiamo francesca di benedetto, il mio numero", "benedetto"),
    ("comparaît : DUPONT-MOREAU Sébastien, né le", "Sébastien"),
    ("paciente MARIA DAS GRAÇAS FERREIRA DOS SANTOS, CPF", "DOS SANTOS"),
    ("Paciente: María del Carmen Ruiz de Alarcón Peñalver\nDNI", "Peñalver"),
    ("Ordenante: António Manuel da Silva Costa\nIBAN", "António"),
    ("Dear Cornelis van Hoevel en van Zwindrecht III,", "van Zwindrecht III"),
])
def test_names_joined_by_particles_are_masked_whole(text: str, name: str) -> None:
    found = PARTICLE_NAMES.analyze(text)
    assert any(name in d.text and d.type == "PERSON" for d in found)


def test_a_possessive_stays_outside_the_name() -> None:
    found = PARTICLE_NAMES.analyze("She met Maria de Souza's lawyer and Dr. Ana de O'Neill")
    assert [d.text for d in found] == ["Maria de Souza", "Ana de O'Neill"]


@pytest.mark.parametrize("text", [
    "the Museo del Prado is open", "Banco de España raised rates", "Rio de Janeiro in June",
    "Calle de Alcalá 48", "URGENT Marie called", "Universidad de Sevilla",
    "I met Maria at the Banco de España", "Follow up at Gil y Acero S.A.T. in Câmara",
    "the network at Borgo San Martino Di Cerveteri.",
    "an Herrn Jürgen Schmitt von der Müller GmbH wegen der Dosis",
    "joins Nicoletti, Bruno e Tarantini SPA in", "Evi Draaisma from FPUH Kara says",
    "Maria e Giovanni sono arrivati",
])
def test_places_and_institutions_with_particles_are_no_name(text: str) -> None:
    assert PARTICLE_NAMES.analyze(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Telemóvel: 912 345 678", "912 345 678"),
    ("Tlf.: 20 34 56 78\nIndlagt", "20 34 56 78"),
    ("Puh. 040 123 4567", "040 123 4567"),
])
def test_a_phone_after_its_label_is_masked_in_any_region(engine: DetectionEngine, text: str,
                                                          value: str) -> None:
    assert value not in masked_text(engine, text)
    assert [d.text for d in PHONE_LABELLED.analyze(text)] == [value]


def test_a_short_number_after_a_phone_label_is_no_phone() -> None:
    assert PHONE_LABELLED.analyze("Tel. 2024") == []
    assert PHONE_LABELLED.analyze("cell 5, and 12 34") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Tessera sanitaria: 80380000031234567893", "80380000031234567893"),
    ("Cedente: Studio Legale, P.IVA 07814230152", "07814230152"),
    ("Nº de utente SNS: 123456789", "123456789"),
    ("NIP 5272048130, REGON 012384712", "012384712"),
    ("DR. RICARDO DA CUNHA - CRM-SP 123456", "123456"),
    ("Client : Cabinet Girard\nSIRET : 73281945300018", "73281945300018"),
    ("il veicolo targato AB 123 CD, intestato", "AB 123 CD"),
    ("met kenteken D-123-BX werd gestolen", "D-123-BX"),
    ("Nr rejestracyjny: WA 12345", "WA 12345"),
])
def test_numbers_after_their_european_words_are_masked(engine: DetectionEngine, text: str,
                                                        value: str) -> None:
    assert value not in masked_text(engine, text)


@pytest.mark.parametrize(("text", "value"), [
    ("Matrícula del vehículo de la plaza de garaje: 4821 KLM.", "4821 KLM"),
    ("Das Fahrzeug mit dem Kennzeichen S-KL 4821 wurde beschädigt", "S-KL 4821"),
    ("araç plakası 34 ABC 123", "34 ABC 123"),
    ("mașina B 123 ABC a fost", "B 123 ABC"),
])
def test_a_plate_in_its_countrys_layout_after_a_vehicle_word(engine: DetectionEngine,
                                                            text: str, value: str) -> None:
    assert value not in masked_text(engine, text)


@pytest.mark.parametrize("text", [
    "mijn auto is een BMW X5 uit 2020", "coche modelo 2020 con 4 puertas",
    "Fahrzeug: VW Golf 2019, 150 PS", "the meeting is AB 123 CD", "ABC 123 without a vehicle",
])
def test_model_names_and_plates_without_a_vehicle_word_are_no_plate(text: str) -> None:
    assert EUROPEAN_PLATE.analyze(text) == []


def test_labels_of_european_documents_stay(engine: DetectionEngine) -> None:
    text = ("Lettera di dimissione\nTessera sanitaria: 80380000031234567893\n"
            "Data przyjęcia: 3 maja 2024\nDiagnosi: colecistite acuta.")
    masked = masked_text(engine, text)
    for word in ("Lettera di dimissione", "Tessera sanitaria", "Data przyjęcia", "Diagnosi"):
        assert word in masked


@pytest.mark.parametrize(("unit", "count"), [
    ("Via Roma ", 10000), ("a, 12345 B", 10000), ("Cad. ", 20000), ("-Str. 1", 10000),
    ("ul. a b c ", 10000), ("Aa Bb Cc 1, 120 00 Praha 2 ", 4000), (" de Ab", 20000),
    ("Maria de la ", 10000), ("ABCD Maria ", 10000), ("mi chiamo maria di ", 5000),
    ("tel: 12 ", 20000), ("5 aprile ", 12000), ("Postbus 1, ", 10000), ("auto AB 123 CD ", 8000),
])
def test_hostile_anchor_runs_stay_fast(unit: str, count: int) -> None:
    def scan(text: str) -> None:
        for recognizer in (EUROPEAN_ADDRESS, PARTICLE_NAMES, PHONE_LABELLED, EUROPEAN_DATE,
                           EUROPEAN_PLATE):
            recognizer.analyze(text)

    assert_linear(scan, unit, count)
