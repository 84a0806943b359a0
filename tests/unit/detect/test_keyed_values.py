"""A JSON object's, a Python dict's and a query string's values, typed by their keys' names:
found, masked and restored; a key that says nothing, a package's "name" and prose stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.keyed_values import KEYED_VALUES


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in KEYED_VALUES.analyze(text)]


@pytest.mark.parametrize(("text", "want"), [
    ('{"user":{"first":"Lucinda","last":"Abernathy","city":"Hanover"}}',
     [("PERSON", "Lucinda"), ("PERSON", "Abernathy"), ("LOCATION", "Hanover")]),
    ("{'patient_name': 'Rosalind Franklin-Hughes', 'ward': 7}",
     [("PERSON", "Rosalind Franklin-Hughes")]),
    ('{"homePhone" : "(555) 010-4477", "emailAddress": "t.ito@example.jp"}',
     [("PHONE", "(555) 010-4477"), ("EMAIL", "t.ito@example.jp")]),
    ('{"street": "88 Quarry Rd", "zip": "03755", "ssn": "078-05-1120"}',
     [("LOCATION", "88 Quarry Rd"), ("LOCATION", "03755"), ("US_SSN", "078-05-1120")]),
    ('"author": "Jane \\"JJ\\" Smith"', [("PERSON", 'Jane \\"JJ\\" Smith')]),  # escapes kept
    # a list of strings under a name's key (FHIR's given names)
    # (a "family" is the name recognizers' to check: a product's too)
    ('{"family":"Okonkwo","given":["Chidi", "Emeka"]}', [("PERSON", "Chidi"), ("PERSON", "Emeka")]),
    ("/api/users?city=Hanover&last_name=Reyes&page=2",
     [("LOCATION", "Hanover"), ("PERSON", "Reyes")]),
    # a form's body without its "?", and a value of words the view spaced (its "+")
    ("POST body: fullname=Priscilla Okwuosa&dob=1988-02-17&postcode=LS6+2QT",
     [("PERSON", "Priscilla Okwuosa"), ("DATE_OF_BIRTH", "1988-02-17"), ("LOCATION", "LS6+2QT")]),
    ('curl -d "email=a.b@example.com&city=Hanover" https://x.example/api',
     [("EMAIL", "a.b@example.com"), ("LOCATION", "Hanover")]),
    ("/p?first_name=Odalys Quintero&city=Hanover&zip=02139",
     [("PERSON", "Odalys Quintero"), ("LOCATION", "Hanover"), ("LOCATION", "02139")]),
    ("/p?debug&x=1 and /q?flag&city=Leeds", [("LOCATION", "Leeds")]),
    ("see /q?city=Hanover and more", [("LOCATION", "Hanover")]),  # prose after it stays
    # an HTML form's fields, by their name or id, in either order
    ('<input name="fullname" value="Lysander Whitcombe"><input type="text" value=\'Hanover\' '
     'id="city" />', [("PERSON", "Lysander Whitcombe"), ("LOCATION", "Hanover")]),
])
def test_a_keys_value_is_typed_by_its_name(text: str, want: list[tuple[str, str]]) -> None:
    assert _found(text) == want


@pytest.mark.parametrize("text", [
    '{"name": "my-app", "version": "1.0.0", "description": "A tool"}',  # a package's name
    '{"status": "ok", "count": "12", "type": "person"}',  # keys that say nothing
    '{"phone": "n/a", "email": "{email}", "dob": "%s", "city": ""}',  # no value in them
    '{"card": "visa", "age": "unknown"}',  # a card's brand, an age without a digit
    '{"given": [1, 2], "first": ["a", {"b": 1}]}',  # a list of other things than names
    "GET /search?q=shoes&size=10&color=red",
    'he said: "hello" and she said: \'bye\'',
    "Dear team, the meeting moved to 3pm: please confirm.",
    "login=true&next=/home", "if a==b && c=d then", "Is it ok? I think a=b is true",
    '<input name="q" value="search terms"><meta name="author" content="x">',
])
def test_keys_that_say_nothing_and_prose_stay(text: str) -> None:
    assert KEYED_VALUES.analyze(text) == []


def test_idle_without_a_quoted_key_or_a_query() -> None:
    assert KEYED_VALUES.idle("Hi team: the figures are due at 10:30, see https://x.org/a.")
    assert not KEYED_VALUES.idle('{"city": "Hanover"}')
    assert not KEYED_VALUES.idle("/api?city=Hanover")


def test_keyed_values_are_masked_and_restored(tmp_path: Path) -> None:
    veil = Veil(Settings(home=tmp_path, cache_dir=tmp_path / "cache"), policy=Policy(ner=False))
    text = '{"user":{"first":"Lucinda","last":"Abernathy","city":"Hanover","zip":"03755"}}'
    result = veil.protect(text, session="s")
    for value in ("Lucinda", "Abernathy", "Hanover", "03755"):
        assert value not in result.masked
    assert veil.restore(result.masked, session="s") == text


def test_every_type_a_field_gives_is_an_entity_type() -> None:
    from veil.config import ENTITY_TYPES
    from veil.detect.field_names import FIELD_TYPES
    from veil.detect.sql import SQL_VALUES

    assert set(FIELD_TYPES) <= set(ENTITY_TYPES)
    assert KEYED_VALUES.entities == SQL_VALUES.entities == FIELD_TYPES
