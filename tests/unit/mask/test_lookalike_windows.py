"""The look-alike finder searches only the windows before numbers that a type and separator
precede; it must find exactly what the former search over every position found (kept here as
the reference), on generated texts built around the token syntax and on a large text."""

from __future__ import annotations

import random

import pytest

from veil.detect.entity import Detection
from veil.mask.alterations import PLACEHOLDER_ALTERATIONS
from veil.mask.masker import _without_lookalikes
from veil.mask.placeholders import (
    BASE_TYPES,
    LITERAL,
    OPEN,
    TYPE_ALIASES,
    Lookalike,
    Token,
    _finder,
    find_lookalikes,
    has_digit,
    lookalikes,
)


def _reference_numbered(text: str, types: frozenset[str] = frozenset()) -> list[Lookalike]:
    """lookalikes before the windows: one search from every accepted end on."""
    if not has_digit(text):
        return []
    finder = _finder(BASE_TYPES | types)
    out: list[Lookalike] = []
    pos = 0
    while (m := finder.pattern.search(text, pos)) is not None:
        tok = Token.read(m, finder.names)
        if tok is not None and tok.accepted:
            out.append(Lookalike(*m.span(), *m.span("num")))
            pos = m.end()
        else:
            pos = m.start() + 1
    return out


def _reference(text: str, types: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    return [(k.start, k.end) for k in _reference_numbered(text, types)]


_CUSTOM = ("PROJECT_CODE", "TICKET", "A_B_C_D", "Über_Typ")
_SPELLINGS = sorted(
    {t for t in BASE_TYPES} | {a for v in TYPE_ALIASES.values() for a in v} | set(_CUSTOM)
)
_BITS = (
    " ", "  ", "\t", "\n", "_", "-", "\\", "#", "no", "No.", "no.", "*", "**", "`", "~", "'s",
    "’s", "FIRST", "LAST", "ALT2", "first", "x", "person", "Person", "name", "ip", "IP", "ß",
    "١٢", "１２", "٣", "0", "1", "12", "123", "1234", "12345", "2024-03-15", "+1 415 555 0100",
    "Jane", "Doe", "and", "the", ".", ",", ":", "(", ")", "[", "]", "{", "}", "<", ">",
    # letters a case-insensitive search folds to ASCII, and one whose lower case is longer
    "ſsn", "Dob", "ıp", "İ", "pErSoN", "PHONE NO. ",
)


def _token(rng: random.Random) -> str:
    spelling = rng.choice(_SPELLINGS)
    spelling = rng.choice((spelling, spelling.lower(), spelling.title(),
                           spelling.replace("_", rng.choice((" ", "-", "\\_", "   ", "")))))
    num = str(rng.randint(0, 12000))
    sep = rng.choice(("_", " ", "-", "", " #", "_no.", " no ", "__", "\\_", "    "))
    core = f"{spelling}{sep}{num}"
    if rng.random() < 0.3:
        core += rng.choice(("_FIRST", " LAST", "-ALT2", "_first", "_ALT123"))
    opener = rng.choice(sorted(OPEN))
    md = rng.choice(("", "*", "**", "***", "`", "_", " ", "  ** "))
    shape = rng.random()
    if shape < 0.4:
        poss = rng.choice(("", "'s"))
        return f"{opener}{md}{core}{md[::-1]}{poss}{OPEN[opener]}"
    if shape < 0.6:
        return f"{md}{core}{md[::-1]}"
    if shape < 0.7:  # an unpaired bracket
        return rng.choice((f"{opener}{core}", f"{core}{OPEN[opener]}"))
    alteration = PLACEHOLDER_ALTERATIONS[rng.choice(sorted(PLACEHOLDER_ALTERATIONS))]
    try:
        return alteration(f"[{rng.choice(sorted(BASE_TYPES))}_{num[:3] or '1'}]", "v")[0]
    except ValueError:
        return core


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        parts.append(_token(rng) if rng.random() < 0.35 else rng.choice(_BITS))
        parts.append(rng.choice(("", " ", " ", "\n", ", ")))
    return "".join(parts)


@pytest.mark.parametrize("types", [frozenset(), frozenset(_CUSTOM)])
def test_windows_find_what_the_full_search_finds(types: frozenset[str]) -> None:
    rng = random.Random(20261201)
    found = 0
    for _ in range(1500):
        text = _text(rng)
        expected = _reference_numbered(text, types)
        assert lookalikes(text, types) == expected, text
        assert find_lookalikes(text, types) == [(k.start, k.end) for k in expected]
        found += len(expected)
    assert found > 1000  # the texts do hold look-alikes


def test_numbers_after_types_are_found_in_the_reversed_text() -> None:
    """ASCII spellings are searched in the lower-cased text reversed; a non-ASCII one (and a
    text whose lower case is longer) goes through the search from each digit run."""
    assert _finder(BASE_TYPES).tail is not None
    assert _finder(BASE_TYPES | {"Über_Typ"}).tail is None
    for text in ("İ [PERSON_1] and ſsn 12", "[pErSoN 3] Phone no. 7 and 2024"):
        assert find_lookalikes(text) == _reference(text) != []


def test_a_large_text_with_few_lookalikes() -> None:
    rng = random.Random(7)
    pieces = []
    for i in range(4000):
        pieces.append(f"Call Jane on +1 415 555 {i:04d} about order {rng.randint(1, 10**6)}.")
        if i % 97 == 0:
            pieces.append(_token(rng))
    text = " ".join(pieces)
    expected = _reference(text)
    assert len(expected) > 10
    assert find_lookalikes(text) == expected


def test_a_type_with_a_digit_falls_back_to_the_full_search() -> None:
    types = frozenset({"CODE2", "X9_Y"})
    assert not _finder(BASE_TYPES | types).anchored
    for text in ("[CODE2_1] and CODE23 and [X9_Y_4]", "CODE2-7, X9 Y 1234 and CODE23"):
        assert find_lookalikes(text, types) == _reference(text, types) != []


@pytest.mark.parametrize("types", [frozenset(), frozenset(_CUSTOM)])
def test_the_widest_tokens_are_found_whole(types: frozenset[str]) -> None:
    """Tokens as long as the syntax allows, before and after the number, of the widest
    spellings: a window one character too short would find a shorter token or none."""
    names = _finder(BASE_TYPES | types).names
    for spelling in names.spellings:
        wide = "-\\_".join(p for p in spelling.split("_") if p)
        token = f"[[   ***   {wide}\\--no. -1234 _FIRST12   ***   's   ]]"
        for text in (f"x {token} y", f"{token}", f"12 {token}{token} 3 {token[1:]}"):
            expected = _reference(text, types)
            assert find_lookalikes(text, types) == expected, text
            assert (text.index(token), text.index(token) + len(token)) in expected, text


def test_protect_masks_and_maps_as_with_the_full_search(tmp_path, monkeypatch) -> None:
    """End to end (NER off, one session across texts): the same masked texts, entities and
    vault mappings with the former finder as with the windowed one."""
    import base64

    from veil import Veil
    from veil.config import Policy, Settings
    from veil.evaluation.datasets import hard_samples
    from veil.mask import masker as masker_module

    rng = random.Random(11)
    texts = [s.text for s in hard_samples(40, 5)]
    texts += [f"{t} {_text(rng)} {u}" for t, u in zip(texts, reversed(texts), strict=True)]
    key = base64.b64encode(bytes(range(32))).decode()

    def run(home: str, finder) -> tuple[list[object], list[tuple[str, str, str]]]:
        monkeypatch.setattr(masker_module, "lookalikes", finder)
        veil = Veil(Settings(home=tmp_path / home, master_key=key), policy=Policy(ner=False))
        out: list[object] = []
        for t in texts:
            r = veil.protect(t, session="s")
            out.append((r.masked, [(e.type, e.start, e.end, e.replacement) for e in r.entities]))
        entries = [(e.type, e.original, e.replacement) for e in veil.vault.entries("default", "s")]
        veil.vault.close()
        return out, entries

    before = run("before", lambda text, types=(): _reference_numbered(text, frozenset(types)))
    after = run("after", lookalikes)
    assert after == before
    assert sum(e[0] == "LITERAL" for e in after[1]) > 20  # look-alikes were escaped


def _trimmed_reference(text: str, detections: list[Detection],
                       looks: list[tuple[int, int]]) -> list[Detection]:
    """Detections trimmed around look-alikes, every pair compared: the specification."""
    out = [Detection(LITERAL, s, e, 1.0, "lookalike", text[s:e]) for s, e in looks]
    for d in detections:
        if d.type == LITERAL:
            continue
        pieces = [(d.start, d.end)]
        for s, e in looks:
            if e <= d.start or s >= d.end:
                continue
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[0] < p[1]]
        for a, b in pieces:
            if (a, b) == (d.start, d.end):
                out.append(d)
            elif any(c.isalnum() for c in text[a:b]):
                out.append(Detection(d.type, a, b, d.score, d.recognizer, text[a:b]))
    return sorted(out, key=lambda d: d.start)


def test_detections_are_trimmed_around_lookalikes_as_every_pair_would() -> None:
    rng = random.Random(5)  # fixed seed
    for _ in range(400):
        text = _text(rng)
        looks = find_lookalikes(text)
        detections = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randrange(len(text) + 1)
            b = min(len(text), a + rng.randint(1, 40))
            if a < b:
                detections.append(Detection(rng.choice(("PERSON", LITERAL)), a, b, 0.9, "t",
                                            text[a:b]))
        assert (_without_lookalikes(text, detections, looks)
                == _trimmed_reference(text, detections, looks))
