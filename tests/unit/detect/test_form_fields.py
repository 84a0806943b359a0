"""A form's labelled lines, typed by their labels."""

from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.form_fields import FORM_FIELDS


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in FORM_FIELDS.analyze(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("City: Hanover\nState: NH\nEmployer: Brightline Logistics",
     [("LOCATION", "Hanover"), ("ORGANIZATION", "Brightline Logistics")]),
    # YAML, INI, key=value; the label's last words decide
    ("patient:\n  city: Hanover\n  employer: Dartmouth Health",
     [("LOCATION", "Hanover"), ("ORGANIZATION", "Dartmouth Health")]),
    ("[contact]\nemail = wz@x.cn\ncity = Hanover", [("LOCATION", "Hanover")]),
    ("home_city=Hanover\nmother_maiden_name=Okonkwo",
     [("LOCATION", "Hanover"), ("PERSON", "Okonkwo")]),
    ("We moved to the city: Hanover", [("LOCATION", "Hanover")]),
    ('city: "Hanover"', [("LOCATION", "Hanover")]),
    ("Address: 12 Main Street, Apt 4, Springfield, IL 62704",
     [("LOCATION", "12 Main Street, Apt 4, Springfield, IL 62704")]),
    # Markdown's emphasis around the label and the value; a list's bullets
    ("**Client:** _Rosalind Achebe_  \n- **Address**: 5 Ormond Yard, Bath BA1 1AA\n"
     "+ __Employer__: **Dartmouth Health**",
     [("PERSON", "Rosalind Achebe"), ("LOCATION", "5 Ormond Yard, Bath BA1 1AA"),
      ("ORGANIZATION", "Dartmouth Health")]),
    # a name's value ends before a remark
    ("Patient: Ottoline Brackley, seen today\nEmployer: Brightline Logistics, since 2019",
     [("PERSON", "Ottoline Brackley"), ("ORGANIZATION", "Brightline Logistics")]),
    ("Payee: Jane Doe - urgent", [("PERSON", "Jane Doe")]),
    # a role's label before a name: the name, however it ends
    ("Nurse: Jane Doe\nSurname: Smith.\nDoctor: Martin Luther King Jr.",
     [("PERSON", "Jane Doe"), ("PERSON", "Smith."), ("PERSON", "Martin Luther King Jr.")]),
])
def test_a_labelled_value_is_typed_by_its_label(text: str,
                                                expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "city = get_city()\nemail = user.email\nphone = self.phone\ncity = user_city",  # code
    "Phone: call me later\nEmail: not provided\nCity: TBD",  # no value of the kind
    "Note: the city is nice\nTime: 10am",  # labels that say no type
    "Summary: The patient, whose city of birth is unknown, reported pain.",
    "Hi Kwame: the email: ok",
    "Billing address: Jasmin T. Rasmussen\n    935 Main St",  # the addressee: a name
    "http://example.com:8080/x",
    "Name: Wei Zhang\nuser: admin",  # a bare name or user: the name recognizers' to check
    # a number's or an address's own recognizer ends it where its shape does
    "card: 1234 5678 9012 3456, exp 12/26\nlogin: jsmith / P@ssw0rd!\nAge: 45, a 60-year-old",
    "fullname=Priscilla+Okwuosa&dob=1988-02-17",  # a form's body: its keyed values'
    "UPDATE customers SET full_name = 'Dagny Halvorsen', phone='555' WHERE id = 7;",  # code
    "Look at this + Foo: Jane Doe",  # a label mid-line
    "first: do this\nlast: do that",  # a list's steps, not a name's parts
    # a transcript's turns after a role's label: what was said, not a name
    "Nurse: date of birth?\nDoctor: Blood pressure fine.\nPassenger: is this seat taken?",
])
def test_code_prose_and_bare_names_give_nothing(text: str) -> None:
    assert _found(text) == []


def test_a_form_label_is_no_chat_speaker() -> None:
    """Two "Word: Capital" lines made both words speakers: "City" and "Employer" were masked
    as people and "Hanover" went up."""
    from veil.detect.ner import heuristic_names

    form = "City: Hanover\nState: NH\nEmployer: Brightline Logistics"
    assert [d.text for d in heuristic_names(form)] == []
    engine = DetectionEngine(Policy(ner=False))
    assert ("LOCATION", "Hanover") in [(d.type, d.text) for d in engine.analyze(form)]
    # a dialogue's speakers still are
    chat = "Kwabena: Are you there?\nAbena: Yes, just landed."
    assert {d.text for d in heuristic_names(chat)} == {"Kwabena", "Abena"}
