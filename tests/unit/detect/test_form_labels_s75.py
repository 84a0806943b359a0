"""A form's labels in the languages of Europe type their values as English labels do: the
street address after ``Adresa:``, ``Bydliště:`` or ``Osoite:``, the name after ``Jméno a
příjmení:``, ``Pacjent:`` or ``Nimi:``; a sentence after such a label is no value."""

from __future__ import annotations

import pytest

from veil.detect.field_names import field_type
from veil.detect.form_fields import FORM_FIELDS


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, text[d.start:d.end]) for d in FORM_FIELDS.analyze(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("Adresa: Vinohradská 88, Praha\nIČO: 12345678", "Vinohradská 88, Praha"),
    ("Bydliště: Korunní 12, Brno", "Korunní 12, Brno"),
    ("Osoite: Mannerheimintie 12, Helsinki", "Mannerheimintie 12, Helsinki"),
    ("Miejsce zamieszkania: ul. Lipowa 5, Kraków", "ul. Lipowa 5, Kraków"),
    ("Obec: Dolní Kounice\nOkres: Brno-venkov", "Dolní Kounice"),
    ("Wohnort: Lindenallee 14, 50968 Köln", "Lindenallee 14, 50968 Köln"),
])
def test_an_address_after_its_label_in_another_language(text: str, value: str) -> None:
    assert ("LOCATION", value) in _found(text)


@pytest.mark.parametrize("label", ["Jméno a příjmení", "Pacjent", "Nimi", "Najemca",
                                   "Mitarbeiter", "Sukunimi", "Nume și prenume"])
def test_a_name_after_its_label_in_another_language(label: str) -> None:
    text = f"{label}: Zorblax Quendt\nDatum: 3. 4. 2024"
    assert ("PERSON", "Zorblax Quendt") in _found(text)


@pytest.mark.parametrize("text", ["Kunde: bitte Rechnung senden", "Adresse: siehe oben",
                                  "Adresa: viz výše", "Pacjent: bez zmian",
                                  "Diagnóza: Pneumonie"])
def test_a_sentence_or_another_field_after_a_label_is_no_value(text: str) -> None:
    assert _found(text) == []


def test_a_name_in_lower_case_after_a_label_is_still_one() -> None:
    # no known given name is a common word in the tables: a chat's lower-case name stays one
    assert ("PERSON", "deepika iyer") in _found("Customer: deepika iyer")


@pytest.mark.parametrize(("key", "kind"), [
    ("Bydliště", "LOCATION"), ("adresa", "LOCATION"), ("postinumero", "LOCATION"),
    ("příjmení", "PERSON"), ("imie_i_nazwisko", "PERSON"), ("sukunimi", "PERSON"),
    ("diagnóza", None), ("oddział", None),
])
def test_a_columns_or_keys_name_in_another_language(key: str, kind: str | None) -> None:
    assert field_type(key) == kind


def test_a_name_ends_before_the_address_after_it() -> None:
    # the street's name is capitalised: the comma before a part with a digit ends the name
    text = "Kunde: Henrik Nielsen, Søndergade 12, 8000 Aarhus C"
    assert _found(text) == [("PERSON", "Henrik Nielsen")]
