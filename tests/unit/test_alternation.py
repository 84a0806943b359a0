"""Regex helpers for alternations of many words: the prefix tree, and the first characters
whose lookahead lets the engine give up a position after one test. Both must leave what a
pattern finds unchanged."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.alternation import compile_ahead, first_chars, starts_with, trie_pattern
from veil.detect import gazetteer, ner, organizations, places


def test_first_chars_reads_literals_classes_groups_and_branches() -> None:
    assert first_chars(r"(?:Inc\.?|[Pp]lc|(?:e|i)[ \t]x|&\ Co|a{2,3})") == r"[\&IPaeip]"
    assert first_chars(r"[a-c]x|Z+") == "[Zabc]"
    # past lookarounds and anchors, alone or in a group of alternatives
    assert first_chars(r"(?<![\w-])(?:[iI]n|[aA]us)[ \t]+x") == "[AIai]"
    assert first_chars(r"(?:(?<=^)|(?<=[.!?] )|\b)(?=Q)Jo|^Ann") == "[AJ]"


def test_first_chars_of_a_case_insensitive_start_are_read_case_insensitively() -> None:
    assert first_chars(r"(?i:ab)") == "(?i:[a])"
    assert first_chars(r"(?i)Mr|dr") == "(?i:[Md])"
    assert first_chars(r"(?<!\w)(?i:mr|dr)\.?|Prof") == "(?i:[Pdm])"
    # the engine's own folding: the Kelvin sign is a "k", a dotted capital I an "i"
    ahead = compile_ahead(r"(?<!\w)(?i:kim|ivo)")
    assert [m.group() for m in ahead.finditer("\u212aim and \u0130vo")] == \
        ["\u212aim", "\u0130vo"]


def test_first_chars_gives_up_where_the_start_is_not_one_known_character() -> None:
    for pattern in (r"a?b", r"\w+", r".x", r"[^a]", r"a|", r"(", r"\d",
                    r"(?<=a)", r"(?:^|\b)", r"(?=a)\w"):
        assert first_chars(pattern) is None, pattern
        assert starts_with(pattern) == ""


def test_trie_pattern_matches_the_words_longest_first() -> None:
    words = ["ring", "ringing", "rang", "ran", "weg"]
    rx = re.compile(trie_pattern([list(w) for w in words]))
    for w in words:
        assert rx.fullmatch(w)
    assert rx.match("ringing").group() == "ringing"
    assert rx.match("rangoon").group() == "rang"
    assert not rx.match("rung")


_ANCHORS = {
    "legal": (organizations._LEGAL, r"[ \t,]", r"(?![\w&]|[ \t]+(?:[A-Z]\d|\d))"),
    "head": (organizations._HEAD, r"[ \t]", r"(?![\w&])"),
    "firm": (organizations._FIRM_AND, r"[ \t]", r"[ \t]+[A-Z][a-z]+"),
}
_BITS = ["Inc.", "Ltd", "GmbH & Co. KG", "plc", "Plc", "S.A. de C.V.", "Group", "Bank", "and",
         "& Sons", "e figli", "i Syn", "Medical Centre", "Healthcare System", "et", "und", "y",
         "Acme", "Jones", "AB", "12", "A1", " ", " ", "\t", ",", ".", "&", "x", "é", "Sp. z o.o."]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_BITS), max_size=25).map("".join))
def test_a_lookahead_of_the_first_characters_changes_no_match(text: str) -> None:
    for words, before, after in _ANCHORS.values():
        plain = re.compile(rf"{before}(?P<a>{words}){after}")
        ahead = re.compile(rf"{before}{starts_with(words)}(?P<a>{words}){after}")
        assert starts_with(words)  # each anchor's words start with known characters
        assert [m.span("a") for m in ahead.finditer(text)] == \
            [m.span("a") for m in plain.finditer(text)]


def _without_lookahead(pattern: str) -> str:
    """The pattern as written, before :func:`compile_ahead` put its lookahead in front."""
    folds = pattern.startswith("(?=(?i:[")
    assert folds or pattern.startswith("(?=[")
    i = 8 if folds else 4
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return pattern[i + (3 if folds else 2) :]


_AHEAD = {
    "participle": places._BEFORE_PARTICIPLE,
    "title": gazetteer._TITLE_NAME,
    "capitalised run": gazetteer._CAP_RUN,
    "lower-case intro": gazetteer._LOWER_INTRO,
    "human verb": ner._HUMAN_VERB,
    "lower-case title": gazetteer._LOWER_TITLE,
}
_WORDS = ["Jane", "Doe", "Kockengen", "in", "In", "aus", "geboren", "gelebt", "my name is",
          "i'm", "I'm", "this is", "it’s", "rahul", "sharma", "Herr", "Frau", "Dr.", "med.",
          "María", "de la", "Pérez", "O'Neil", "shouted", "grew up", "was born", "x", "É",
          " ", " ", "\t", "\n", ", ", ". ", "? ", "-", "'", "’", "\\n", "1",
          "DR", "mrs.", "Prof", "nurse", "Miss", "\u212a", "\u0130", "\u017f"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_WORDS), max_size=30).map("".join))
def test_compile_ahead_changes_no_match(text: str) -> None:
    for name, rx in _AHEAD.items():
        written = _without_lookahead(rx.pattern)
        assert compile_ahead(written, rx.flags).pattern == rx.pattern, name
        before = re.compile(written, rx.flags)
        assert [m.span() for m in rx.finditer(text)] == \
            [m.span() for m in before.finditer(text)], name
