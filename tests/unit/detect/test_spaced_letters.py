"""Names spelled out one letter at a time are found and masked whole; spaced-out emphasis,
acronyms and letter lists are not names."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.spaced_letters import SPACED_LETTERS


@pytest.mark.parametrize(("text", "name"), [
    ("J a n e   D o e   called", "J a n e   D o e"),
    ("J.A.N.E D.O.E", "J.A.N.E D.O.E"),
    ("the patient is J-A-N-E S-M-I-T-H.", "J-A-N-E S-M-I-T-H"),
    ("spelled: M i c h a e l", "M i c h a e l"),
    ("J a n e D o e", "J a n e D o e"),  # one run, split where its case changes
    ("J A N E D O E", "J A N E D O E"),  # a known given name before a known surname
    ("w_i_l_l_i_a_m_s is the surname", "w_i_l_l_i_a_m_s"),
])
def test_a_name_spelled_letter_by_letter_is_one_person(text: str, name: str) -> None:
    assert [(d.type, d.text) for d in SPACED_LETTERS.analyze(text)] == [("PERSON", name)]


@pytest.mark.parametrize("text", [
    "N O T E: this is important",
    "U.S.A. and U.K.",
    "do it s l o w l y",
    "W A R N I N G",
    "a b c d e f",
    "options a, b, c",
    "W I L L you come",  # a given name that is a word too
    "e.g. i.e. a.k.a.",
])
def test_emphasis_acronyms_and_letters_are_no_names(text: str) -> None:
    assert SPACED_LETTERS.analyze(text) == []


def test_a_spelled_name_is_masked_and_restored(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=True, ner_backend="learned"))
    text = "write to J.A.N.E D.O.E today"
    r = v.protect(text, session="s")
    (e,) = r.entities
    assert e.type == "PERSON" and r.masked == f"write to {e.replacement} today"
    assert v.restore(r.masked, session="s") == text


def test_the_search_from_the_hints_finds_every_run() -> None:
    import random

    from veil.detect import spaced_letters

    rng = random.Random(61)
    pieces = ("J", "a", "n", "e", "D", "o", "Jane", "x1", "é", "_", "")
    glue = (" ", "  ", ".", "-", "_", "", "\n", ". ")
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 12)))
        full = [m.span() for m in spaced_letters._RUN.finditer(text)]
        assert spaced_letters._runs(text) == full, text
        found += bool(full)
    assert found > 100  # the generator makes runs, not only misses


def test_a_run_longer_than_a_name_is_not_split_by_the_name_lists(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # each split of a megabyte's run looked up its halves: quadratic, half a minute
    from veil.detect import spaced_letters

    assert SPACED_LETTERS.analyze("a b " * 1000) == []

    def refuse() -> frozenset[str]:
        raise AssertionError("the name lists were split against for a run no name is")

    monkeypatch.setattr(spaced_letters, "first_names", refuse)
    assert spaced_letters._words("ab" * 100) == ["ab" * 100]
