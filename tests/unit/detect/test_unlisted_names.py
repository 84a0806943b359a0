"""Names no list of a few locales holds: the surname the model stopped short of, a lower-case
name after "my name is", and the name lists of more of the world."""

from __future__ import annotations

import base64
import unicodedata
from pathlib import Path

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.detect import DetectionEngine
from veil.detect.learned import _surname_after
from veil.detect.names import first_names, last_names, not_surnames

_KEY = base64.b64encode(b"u" * 32).decode()


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner_backend="learned"))


def _persons(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.type == "PERSON"]


# --- the surname after a one-word name --------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "grown"), [
    ("I met Wei Zhang today.", "Wei", "Wei Zhang"),
    ("Ask Priyanka Raghunathan, she knows.", "Priyanka", "Priyanka Raghunathan"),
    ("Ask Anna Smith for it", "Anna", "Anna Smith"),  # a known surname
    ("Thanks Ngozi Eze", "Ngozi", "Ngozi Eze"),  # at the end of the text
    ("Send it to Anna Monday morning.", "Anna", "Anna"),  # a day
    ("Invite Anna Olga and Tom", "Anna", "Anna"),  # a given name: another person
    ("Wei Project Alpha starts now", "Wei", "Wei"),  # a run of capitalised words
    ("talk to Wei Group about it", "Wei", "Wei"),  # an organisation's word
    ("ask Wei Will you come", "Wei", "Wei"),  # a common word
    ("Wei Zhangs", "Wei Zhangs", "Wei Zhangs"),  # two words already
])
def test_the_surname_after_a_one_word_name(text: str, name: str, grown: str) -> None:
    s = text.index(name)
    assert text[s:_surname_after(text, s, s + len(name), [])] == grown


def test_no_surname_the_model_read_as_another_entity() -> None:
    text = "Sandra joins Koninklijke Zwijsen next week."
    s = text.index("Koninklijke")
    e = s + len("Koninklijke")
    assert _surname_after(text, s, e, []) == e + len(" Zwijsen")
    assert _surname_after(text, s, e, [text.index("Zwijsen")]) == e


def test_a_surname_no_list_holds_leaves_the_masked_text(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path, master_key=_KEY), policy=Policy(ner_backend="learned"))
    for k, text in enumerate(["Meeting with Wei Zhang and Hiroshi Tanaka at 3pm.",
                              "Please loop in Priyanka Raghunathan on this thread."]):
        masked = v.protect(text, session=f"s{k}").masked
        for word in ("Zhang", "Tanaka", "Raghunathan", "Priyanka", "Wei"):
            assert word not in masked, word
        assert v.restore(masked, session=f"s{k}") == text


def test_not_surnames_are_the_common_words_and_places() -> None:
    assert {"street", "group", "will", "admin"} <= not_surnames()


# --- a lower-case name after "my name is" -----------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("my name is priyanka and i need help", "priyanka"),
    ("my name is oluwaseun adebayo.", "oluwaseun adebayo"),
    ("hey, my name's tunde btw", "tunde"),
    ("i go by kwabena", "kwabena"),
    ("hello my name is rahul, account 4471", "rahul"),
])
def test_a_lower_case_name_after_my_name_is(engine: DetectionEngine, text: str,
                                            name: str) -> None:
    assert name in _persons(engine, text)


@pytest.mark.parametrize("text", [
    "my name is spelled wrong on the card",
    "my name is not on the list",
    "my name is misspelled in your system",
    "my name is listed twice",
    "my name is really long",
    "my name is on the lease",
    "my name is unusual so people ask",
    "call me back when you can",
    "call me later please",
    "call me crazy but this works",
])
def test_words_about_a_name_are_no_name(engine: DetectionEngine, text: str) -> None:
    assert _persons(engine, text) == []


def test_a_lower_case_pair_before_a_possessive(engine: DetectionEngine) -> None:
    for text in ("john smith's account was locked", "the car of john smith’s wife"):
        assert "john smith" in _persons(engine, text), text


def test_a_lower_case_pair_ends_before_a_common_word(engine: DetectionEngine) -> None:
    """"Said" is a surname, "said" a verb: in lower case it ends no pair."""
    assert _persons(engine, "my friend josh said hi") == ["josh"]
    assert _persons(engine, "my friend josh smith said hi") == ["josh smith"]
    assert _persons(engine, "Josh Said called") == ["Josh Said"]


# --- the lists ---------------------------------------------------------------------------------

def test_dictionary_words_and_their_inflections_are_no_unlisted_names() -> None:
    from veil.detect.names import dictionary_word, lower_case_words

    for word in ("legal", "finance", "yelled", "calls", "stopped", "tries", "running"):
        assert dictionary_word(word), word
    for name in ("rahul", "venkat", "lakshmi", "oluwaseun"):
        assert not dictionary_word(name), name
    # the dictionaries list names capitalised: those are no common words
    assert "bartholomew" not in lower_case_words() and "legal" in lower_case_words()


def test_the_lists_hold_names_of_more_of_the_world() -> None:
    # Nigeria, Ghana, Japan (in Latin letters), Pakistan, New Zealand, South and East Africa
    assert {"ngozi", "chinedu", "emeka", "kwame", "akua", "hiroshi"} <= first_names()
    assert {"tanaka", "okafor"} <= last_names()


def test_the_lists_hold_the_united_states_names_of_a_century() -> None:
    # Faker's broad "en" lists, less the names that are English words
    assert {"tamika", "deshawn", "keisha", "jaylen", "lakisha", "tremaine"} <= first_names()
    assert not {"add", "author", "branch", "admiral", "cash", "brain"} & first_names()


def test_the_lists_hold_latin_letters_and_no_common_words() -> None:
    names = first_names() | last_names()
    # (Turkish "İ" folds to "i" and a combining dot)
    assert all(unicodedata.name(c).startswith(("LATIN", "COMBINING", "APOSTROPHE", "HYPHEN"))
               for n in names for c in n)
    assert not {"man", "way", "mad", "foot", "guard", "hook", "raid"} & names


def test_a_short_texts_words_get_the_kinds_the_table_gives_without_the_table() -> None:
    # one `veil protect` looks its few words up one by one instead of making every name's
    # parts; each ASCII word must get exactly the table's kind (a name's part, a cue, a deed)
    import random

    from veil.detect import unlisted_names as un
    from veil.detect.names import lower_case_words

    table = un._kinds()
    keys = [k for k in table if k.isascii()]
    assert len(keys) > 50_000
    assert [k for k in keys if un._kind_of(k) != table[k]] == []
    others = random.Random(7).sample(sorted(lower_case_words()), 5000)
    assert [w for w in others if w.isascii() and w.isalpha()
            and un._kind_of(w) != table.get(w, 0)] == []
    # parts of a hyphenated or apostrophed name only, and a folded Turkish dotless "ı"
    odd, folded = un._odd_parts()
    assert odd and all(un._kind_of(p) & un._NAME for p in odd
                       if p.isascii() and p.isalpha() and p in table and table[p] & un._NAME)
    assert all(un._kind_of(f) & un._NAME for f in folded)


def test_a_short_text_finds_the_same_names_before_and_after_the_table_is_made() -> None:
    from veil.detect import unlisted_names as un

    text = "pls ask manpreet and simran about it, cc okonkwo. Mr kim said hi"
    recognizer = un.UnlistedNamesRecognizer()
    un._kinds.cache_clear()
    lazily = [(d.start, d.end, d.type) for d in recognizer.analyze(text)]
    assert un._kinds.cache_info().currsize == 0  # a short text did not make the table
    un._kinds()
    assert [(d.start, d.end, d.type) for d in recognizer.analyze(text)] == lazily
    assert any(text[s:e] == "okonkwo" or "manpreet" in text[s:e] for s, e, _ in lazily)
