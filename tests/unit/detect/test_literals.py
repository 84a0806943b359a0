"""Marks read as sets of strings (veil.detect.literals) find what their regexes find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.casefold import lower_in_place
from veil.detect import builtin, ner, patterns  # noqa: F401 - every built-in scan exists
from veil.detect.literals import STRINGS, literals_of, prefixes_of


def _reference(mark: re.Pattern[str], text: str) -> list[int]:
    """By definition: every position the regex matches at."""
    return [p for p in range(len(text) + 1) if mark.match(text, p)]


_TRICKY = (
    "Hi there, Thank you; thanks! Tomorrow: to Dr. Mrs Smith, viale Roma, praça, _hi éhi 1hi "
    "hi\nhello\u00a0dear my full name is x. Their last name; user's name, it's name? ",
    "shouted whispered lived lives married 'apt. 5 p.o box unit 7 Apt suite ste 12",
    "",
    "hi",
    "ßhi ñto at-at ’s name 's first name",
)


def _literal_marks() -> list[re.Pattern[str]]:
    """The scans' marks read as strings."""
    marks = {s.mark for s in list(patterns._SCANS) if s.mark is not None}
    return sorted((m for m in marks if literals_of(m.pattern, m.flags) is not None),
                  key=lambda m: m.pattern)


def test_the_word_alternations_are_read_as_strings() -> None:
    read = [m.pattern for m in _literal_marks()]
    assert any(p.startswith(r"(?<!\w)(?:hi|hello") for p in read)  # greetings
    assert any(p.startswith(r"(?<!\w)(?:mr|mrs") for p in read)  # titles
    assert any(p.startswith("(?:rue|via") for p in read)  # street types before the name


@pytest.mark.parametrize("mark", _literal_marks(), ids=lambda m: m.pattern[:40])
def test_every_scan_mark_finds_what_its_regex_finds(mark: re.Pattern[str],
                                                    scan_corpus: tuple[str, ...]) -> None:
    literals = literals_of(mark.pattern, mark.flags)
    assert literals is not None
    for text in (*_TRICKY, *scan_corpus):
        for t in (text, lower_in_place(text) or text):
            assert literals.positions(t) == _reference(mark, t), t[:60]


@pytest.mark.parametrize("pattern", [
    r"(?i)(?:alpha|beta|gamma|delta)",  # case-insensitive: not a plain set of strings
    r"(?:alpha|beta|gamma|delta)[ \t]*:",  # unbounded repeat
    r"(?:alpha|beta|gamma|delta)\d",  # a category
    r"(?:alpha|beta|gamma|delta)(?=x)",  # a look-ahead
    r"\b(?:alpha|beta|gamma|delta)",  # a word boundary
    r"[^a](?:alpha|beta|gamma|delta)",  # a negated class
    r"(?:alpha|beta|gamma|)",  # the empty string
])
def test_what_is_not_a_set_of_strings_is_left_to_the_regex(pattern: str) -> None:
    assert literals_of(pattern, 0) is None


@pytest.mark.parametrize("pattern", [r"bearer", r"(?<!\w)(?:imsi|iccid)", r"AKIA|ASIA|<<"])
def test_one_word_or_a_few_are_a_set_of_strings(pattern: str) -> None:
    # (found in the text's one pass with every other mark's strings: a mark the pass did not
    # find is known absent without a search)
    mark = re.compile(pattern)
    literals = literals_of(pattern, 0)
    assert literals is not None
    for text in ("bearer abearer imsi ximsi ICCID iccid AKIA<<<ASIA", "", "bearerbearer"):
        assert literals.positions(text) == _reference(mark, text)
        assert literals.positions(text, STRINGS.hits(text)) == _reference(mark, text)


def test_ascii_marks_read_word_characters_as_ascii() -> None:
    text = "é-hi ébye hi _hey 1hello"
    for flags in (0, re.ASCII):
        mark = re.compile(r"(?<!\w)(?:hi|bye|hey|hello)", flags)
        literals = literals_of(mark.pattern, mark.flags)
        assert literals is not None
        assert literals.positions(text) == _reference(mark, text)
    assert literals_of(r"(?<!\w)(?:hi|bye|hey|hello)", re.ASCII).positions("ébye") == [1]


_WORDS = st.text(alphabet="abé_ 1.", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=4, max_size=8, unique=True),
       guarded=st.lists(st.booleans(), min_size=8, max_size=8),
       optional=st.booleans(),
       text=st.text(alphabet="abé_ 1.\n", max_size=60))
def test_random_alternations_find_what_the_regex_finds(words: list[str], guarded: list[bool],
                                                       optional: bool, text: str) -> None:
    pairs = zip(words, guarded[: len(words)], strict=True)
    branches = [(r"(?<!\w)" if g else "") + re.escape(w) for w, g in pairs]
    pattern = "|".join(branches) + ("|xy?z" if optional else "")
    mark = re.compile(pattern)
    literals = literals_of(pattern, mark.flags)
    assert literals is not None
    assert literals.positions(text) == _reference(mark, text)


def _prefix_marks() -> list[re.Pattern[str]]:
    """The scans' marks that are no set of strings but begin with one."""
    marks = {s.mark for s in list(patterns._SCANS) if s.mark is not None}
    return sorted((m for m in marks if literals_of(m.pattern, m.flags) is None
                   and prefixes_of(m.pattern, m.flags) is not None), key=lambda m: m.pattern)


def test_word_alternations_before_a_tail_are_read_by_their_words() -> None:
    read = [m.pattern for m in _prefix_marks()]
    assert any(p.startswith("(?:stra(?:ss|ß)e|str") for p in read)  # street word, number
    assert any(p.startswith("(?:name|patient") for p in read)  # "Name:" fields
    assert r"\beyJ" in read  # one string after an assertion: the regex has no prefix to seek


@pytest.mark.parametrize("pattern", [r"\beyJ", r"(?<!\w)bearer[ \t]+\S", r"(?<=:)(?:ab|cd)",
                                     r"bearer[ \t]+\S", r"(?:AC|SK)[0-9a-f]{4}"])
def test_one_string_or_a_few_are_found_first(pattern: str) -> None:
    mark = re.compile(pattern)
    prefixes = prefixes_of(pattern, 0)
    assert prefixes is not None
    for text in ("eyJ xeyJ eyJ.eyJ bearer  x abearer :ab :cd cd", "", "eyJeyJ", ":ab:cd",
                 "ACab12 SK00ff SKx ACAC0000"):
        assert prefixes.positions(text, mark) == _reference(mark, text)


@pytest.mark.parametrize("mark", _prefix_marks(), ids=lambda m: m.pattern[:40])
def test_every_prefixed_mark_finds_what_its_regex_finds(mark: re.Pattern[str],
                                                        scan_corpus: tuple[str, ...]) -> None:
    prefixes = prefixes_of(mark.pattern, mark.flags)
    assert prefixes is not None
    extra = ("Hauptstraße 5, Hauptstrasse\t12 weg 3 Ringweg  7 str. 9 utca 1 út 2 sor\n3",
             "name: x Patient :y user\t: z username: customer:",
             "eyJ xeyJ _eyJ éeyJ .eyJhbGci.eyJzdWIi eyJeyJ-eyJ (eyJ) eyj EYJ")
    for text in (*_TRICKY, *extra, *scan_corpus):
        for t in (text, lower_in_place(text) or text):
            assert prefixes.positions(t, mark) == _reference(mark, t), t[:60]


@pytest.mark.parametrize("pattern", [
    r"[a-z]{6}\d",  # every pair of letters begins a match: the regex is faster
    r"(?:a|b|c|d)[ \t]*:",  # strings of one character
    r"(?i)(?:alpha|beta|gamma|delta)[ \t]*:",  # case-insensitive
    r"\w+(?:alpha|beta|gamma|delta)",  # no string to begin with
])
def test_marks_without_selective_prefixes_are_left_to_the_regex(pattern: str) -> None:
    assert prefixes_of(pattern, 0) is None


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=4, max_size=8, unique=True),
       guarded=st.lists(st.booleans(), min_size=8, max_size=8),
       tail=st.sampled_from([r"[ \t]*:", r"\d", r"(?=b)", r"\s+a", r"_?\.+", r"(?:a|\d)*1"]),
       text=st.text(alphabet="abé_ 1.:\t\n", max_size=60))
def test_random_prefixed_marks_find_what_the_regex_finds(words: list[str], guarded: list[bool],
                                                         tail: str, text: str) -> None:
    if min(map(len, words)) < 2:
        words = [w * 2 for w in words]
    pairs = zip(words, guarded[: len(words)], strict=True)
    pattern = "(?:" + "|".join((r"(?<!\w)" if g else "") + re.escape(w) for w, g in pairs) \
        + ")" + tail
    mark = re.compile(pattern)
    prefixes = prefixes_of(pattern, mark.flags)
    assert prefixes is not None  # (words of two characters or more: any number of them)
    assert prefixes.positions(text, mark) == _reference(mark, text)


def test_one_pass_for_every_mark_finds_what_each_mark_finds_alone(
        scan_corpus: tuple[str, ...]) -> None:
    literal, prefixed = _literal_marks(), _prefix_marks()
    for text in (*_TRICKY, *scan_corpus):
        for t in (text, lower_in_place(text) or text):
            hits = STRINGS.hits(t)
            for mark in literal:
                literals = literals_of(mark.pattern, mark.flags)
                assert literals is not None
                assert hits.get(literals.slot) is not None  # the text was read for it
                assert literals.positions(t, hits) == literals.positions(t), t[:60]
            for mark in prefixed:
                prefixes = prefixes_of(mark.pattern, mark.flags)
                assert prefixes is not None
                assert prefixes.positions(t, mark, hits) == prefixes.positions(t, mark)


def test_a_mark_made_after_the_pass_reads_the_text_itself_until_the_next_build() -> None:
    text = "quux1 xyzzy2 plugh3 thud4 quux1"
    before = STRINGS.hits(text)
    mark = re.compile(r"(?<!\w)(?:quux1|xyzzy2|plugh3|thud4|grault5)")
    literals = literals_of(mark.pattern, mark.flags)
    assert literals is not None
    assert before.get(literals.slot) is None  # not read for it: it reads the text alone
    assert literals.positions(text, before) == [0, 6, 13, 20, 26]
    after = STRINGS.hits(text)  # rebuilt with the new mark
    assert after.get(literals.slot) is not None
    assert literals.positions(text, after) == _reference(mark, text) == [0, 6, 13, 20, 26]


def test_the_patterns_find_their_marks_in_one_pass_per_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a block of shared matches, a text is read once for all of its marks' strings."""
    passes: list[str] = []
    real = STRINGS.hits

    def counted(text: str) -> object:
        passes.append(text)
        return real(text)

    monkeypatch.setattr(STRINGS, "hits", counted)
    from veil.config import Policy
    from veil.detect.engine import DetectionEngine

    engine = DetectionEngine(Policy(ner=False))
    text = "Hi, I moved to Lyon. Call me on 555-0143, my MAC is 00:1A:2B:3C:4D:5E. Thanks!"
    engine.analyze(text)
    assert passes and len(passes) == len({id(t) for t in passes})  # once per distinct text
    assert len(passes) <= 3  # the text, its lower case and its normalised view at most
