"""A person's name that the e-mail address after it spells."""

from __future__ import annotations

import pytest

from veil.detect.address_names import ADDRESS_NAMES


def _found(text: str) -> list[str]:
    return [d.text for d in ADDRESS_NAMES.analyze(text)]


@pytest.mark.parametrize(("text", "name"), [
    ("Exit interview — Leopold Amankwah-Steele (L.Amankwah@corp.example), reason: x",
     "Leopold Amankwah-Steele"),
    ("Invitation: Disciplinary hearing — Barnaby Cresswell @ Thu 6 Jun 2pm "
     "(cresswell.b@example.com)", "Barnaby Cresswell"),
    (r"\author{Cressida Montague\thanks{Dept.}} \\ \texttt{cmontague@example.ac.uk}",
     "Cressida Montague"),
    ("Dear Priyanka Raghunathan, please write to priyanka.r@example.in", "Priyanka Raghunathan"),
])
def test_a_name_the_address_spells_is_found(text: str, name: str) -> None:
    assert _found(text) == [name]


@pytest.mark.parametrize("text", [
    "Contact Support (support@acme.com) or Sales <sales@acme.com>",  # words, not names
    "Write to Montague\nlater: cmontague@example.org",  # another line
    "Jane wrote to bob.smith@example.org",  # the address spells no word before it
    "no address here, Montague",
])
def test_an_address_that_spells_no_name_before_it_gives_nothing(text: str) -> None:
    assert _found(text) == []
