"""A pasted table's cells, typed by its header's names."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.detect.engine import DetectionEngine
from veil.detect.tables import TABLE_CELLS


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in TABLE_CELLS.analyze(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # CSV: each column by its header's name
    ("patient_name,dob,mrn,city\nWei Zhang,1979-04-02,00482913,Hanover\n",
     [("PERSON", "Wei Zhang"), ("DATE_OF_BIRTH", "1979-04-02"), ("MEDICAL_RECORD", "00482913"),
      ("LOCATION", "Hanover")]),
    # Markdown: the rule under the header skipped, the pipes around each row
    ("| Name | Phone | Notes |\n|---|:---:|---|\n| Okoro Banks | 555 0101 | likes tea |",
     [("PERSON", "Okoro Banks"), ("PHONE", "555 0101")]),
    # tabs, semicolons and pipes without Markdown's
    ("first\tlast\temail\nAmaka\tOkafor\tao@y.org", [("PERSON", "Amaka"), ("PERSON", "Okafor"),
                                                  ("EMAIL", "ao@y.org")]),
    ("first_name;last_name;iban\nJan;Kowalski;PL61109010140000071219812874",
     [("PERSON", "Jan"), ("PERSON", "Kowalski"), ("IBAN", "PL61109010140000071219812874")]),
    ("Name | Phone\nJane Roe | 555 0100", [("PERSON", "Jane Roe"), ("PHONE", "555 0100")]),
    # CSV's quotes may hold the delimiter
    ('name,email\n"Smith, John",js@x.com', [("PERSON", "Smith, John"), ("EMAIL", "js@x.com")]),
    # a bare "name" beside a person's data is a person's; an empty or placeholder cell is none
    ("name,age\nAlice,30\nn/a,\n", [("PERSON", "Alice"), ("AGE", "30")]),
    # the table ends at the first line that splits otherwise
    ("email,phone\na@b.co,555 0100\nThanks, see you at 5 pm tomorrow then",
     [("EMAIL", "a@b.co"), ("PHONE", "555 0100")]),
])
def test_cells_are_typed_by_their_header(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Hi team, thanks\nPlease review the doc",
    "def f(name, email):\n    return name",
    "name, email\nfoo bar",  # a row of one cell
    "status,count\nactive,12",  # no column says a type
    "product,name,price\nWidget,Blue widget,9.99",  # a thing's name
    "name,version\nnumpy,1.26\npandas,2.2",
    "| Name | Description |\n|---|---|\n| requests | HTTP lib |",
    "Q1, Q2, Q3\n10, 20, 30",
    "email\njane@x.com",  # one column: no delimiter says it is a table
    "To: Ops, Legal\nSubject: hi",
    "name,email,phone",  # a header alone
])
def test_prose_code_and_tables_of_things_give_nothing(text: str) -> None:
    assert _found(text) == []


def test_a_table_in_a_json_string_is_read_in_the_engine() -> None:
    """The engine reads a string's escaped line breaks as line breaks; the header opens the
    string, and the string's closing quote ends the last row."""
    engine = DetectionEngine(Policy(ner=False))
    text = json.dumps({"csv": "name,email,phone\nLiang Qing,lq@163.com,+86 138 0013 8000"})
    found = {(d.type, d.text) for d in engine.analyze(text)}
    assert {("PERSON", "Liang Qing"), ("EMAIL", "lq@163.com"),
            ("PHONE", "+86 138 0013 8000")} <= found


def test_an_idle_text_has_no_line(tmp_path: Path) -> None:
    assert TABLE_CELLS.idle("name,email jane@x.com")
    assert not TABLE_CELLS.idle("name,email\njane")


def test_a_pasted_table_is_masked_and_restored(tmp_path: Path) -> None:
    key = base64.b64encode(b"t" * 32).decode()
    veil = Veil(Settings(home=tmp_path, master_key=key), policy=Policy(ner=False))
    text = "Here is the export:\npatient_name,mrn,city\nWei Zhang,00482913,Hanover\n"
    res = veil.protect(text, session="t")
    for value in ("Wei Zhang", "00482913", "Hanover"):
        assert value not in res.masked
    assert veil.restore(res.masked, session="t") == text


def test_a_reports_columns_aligned_by_spaces() -> None:
    from veil.detect.tables import TABLE_CELLS

    text = ("Emp#  Name               DOB         NI\n"
            "0412  Seraphina Voss     12/04/1990  JT482915B\n"
            "0413  Caspar Ndiaye      30/11/1985  NR774021C\n\nTotal  2  rows  listed\n")
    found = [(d.type, d.text) for d in TABLE_CELLS.analyze(text)]
    assert ("PERSON", "Seraphina Voss") in found and ("PERSON", "Caspar Ndiaye") in found
    assert ("DATE_OF_BIRTH", "30/11/1985") in found and len(found) == 4


@pytest.mark.parametrize("text", [
    "We met  there  and  then  again\nJohn was here today and more text\n",  # no type named
    "Name  DOB  City\nJane Doe was born in 1990 in Leeds, she said\n",  # prose across columns
])
def test_spaced_words_over_prose_are_no_table(text: str) -> None:
    from veil.detect.tables import TABLE_CELLS

    assert TABLE_CELLS.analyze(text) == []


def test_a_header_in_another_languages_letters() -> None:
    from veil.detect.tables import TABLE_CELLS

    text = "nom;prénom;ville\nLefebvre-Marchand;Solène;Strasbourg\n"
    assert [(d.type, d.text) for d in TABLE_CELLS.analyze(text)] == [
        ("PERSON", "Lefebvre-Marchand"), ("PERSON", "Solène"), ("LOCATION", "Strasbourg")]
