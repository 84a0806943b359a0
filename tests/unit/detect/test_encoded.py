"""Values hidden in base64, hex or percent-encoding are masked whole, typed by what they hold;
keys, hashes, images and words that only look encoded are left alone; a text of many tokens
is read once."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect import encoded
from veil.detect.encoded import ENCODED, decoded
from veil.detect.entity import Detection
from veil.detect.recognizer import Recognizer


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(("token", "kind"), [
    (_b64("write to jane.doe@example.com"), "EMAIL"),
    (_b64("call me at +1 415 555 0100"), "PHONE"),
    (base64.urlsafe_b64encode("José García, jose@correo.es".encode()).decode().rstrip("="),
     "EMAIL"),
    ("6a616e65406578616d706c652e636f6d", "EMAIL"),  # hex
    (_b64("Jane Doe"), "PERSON"),  # a known given name and surname
    # a known given name and a surname no list holds: the name heuristics read it
    (_b64("Please write to Zbigniew Brzezinski today"), "PERSON"),
])
def test_an_encoded_value_is_masked_whole(token: str, kind: str) -> None:
    assert [(d.type, d.text) for d in ENCODED.analyze(f"decode this: {token} ok")] == \
        [(kind, token)]


def test_percent_encoded_values_are_masked_where_they_are() -> None:
    text = "q=Jane%20Doe%2C%20card%204111%201111%201111%201111&x=1"
    assert [(d.type, d.text) for d in ENCODED.analyze(text)] == [
        ("CREDIT_CARD", "4111%201111%201111%201111"), ("PERSON", "Jane%20Doe")]
    # a multi-byte character is one escape run: "José" is "Jos%C3%A9"
    found = ENCODED.analyze("to%20Jos%C3%A9%20Garc%C3%ADa%2C%20jose%40correo.es")
    assert [d.text for d in found] == ["jose%40correo.es", "Jos%C3%A9%20Garc%C3%ADa"]


@pytest.mark.parametrize("text", [
    _b64("this is just a sentence about the weather"),  # text, but no value in it
    "AKIAIOSFODNN7EXAMPLE",  # a key is no encoding of text
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",  # a hash
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC"
    "hwGA60e6kgAAAABJRU5ErkJggg==",
    "internationalization McDonaldsCorporation2024 getUserAccountBalance",
    "100%25 of 50%25",  # percent escapes of no value
])
def test_no_value_no_mask(text: str) -> None:
    assert ENCODED.analyze(text) == []


def test_what_decodes_to_text() -> None:
    assert decoded(_b64("hello world")) == "hello world"
    assert decoded("68656c6c6f20776f726c64") == "hello world"
    assert decoded("1234567890123456") is None  # digits are a number, not hex
    assert decoded("iVBORw0KGgoAAAANSUhEUgAA") is None  # a PNG's bytes are no text


class _Counting(Recognizer):
    name = "counting"
    entities = ("PERSON",)

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str) -> list[Detection]:
        self.calls += 1
        at = text.find("Doe")
        return [] if at < 0 else [Detection("PERSON", at, at + 3, 0.8, self.name, "Doe")]


def test_many_tokens_are_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # one read per token made a megabyte of small tokens minutes of work
    counting = _Counting()
    monkeypatch.setattr(encoded, "_reader", lambda: (counting,))
    tokens = [_b64(f"note {i:05d} plain") for i in range(2000)] + [_b64("ask Jane Doe")]
    found = ENCODED.analyze(" ".join(tokens))
    assert counting.calls == 1
    assert [d.text for d in found] == [tokens[-1]]


@pytest.mark.parametrize("op", ["placeholder", "synthetic"])
def test_an_encoded_value_is_restored(tmp_path: Path, op: str) -> None:
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    token = _b64("write to jane.doe@example.com")
    text = f"please decode {token} and reply"
    r = v.protect(text, session="s")
    (e,) = r.entities
    assert r.masked == f"please decode {e.replacement} and reply"
    assert v.restore(r.masked, session="s") == text


def test_a_value_the_encoding_leaves_readable_is_left_to_the_others() -> None:
    assert ENCODED.analyze("WHERE ip = ?%//!%20\\|32.98.77.76|%20/") == []


def test_the_runs_and_escapes_found_are_the_full_scans() -> None:
    import random
    import re

    token = re.compile(r"(?<![\w+/=%-])(?<![\w-]\.)[A-Za-z0-9+/_-]{11,}={0,2}"
                       r"(?![\w+/=%-]|\.[\w-])")
    percent = re.compile(r"(?<!\S)(?![a-z][a-z0-9+.-]*://|www\.)"
                         r"(?=\S*?(?:[A-Za-z0-9](?:%[0-9A-Fa-f]{2})+[A-Za-z0-9]|%40))\S+",
                         re.IGNORECASE)
    rng = random.Random(61)
    pieces = ("SmFuZSBEb2U", "abcdefghijk", "ABCdef12345", "0a1b2c3d4e5f", "a+b/c", "==", "=",
              ".", "-", "_", "%", "%20", "%40", "%2e", "é", "x", "Jane", "http://", "www.",
              "4111", "", "\u00a0")
    glue = ("", "", " ", "\n", ".", "%20", "\t")
    found = [0, 0]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 14)))
        full = [m.span() for m in token.finditer(text) if encoded._SHAPE.match(m.group())]
        assert encoded._tokens(text) == full, text
        full_percent = [m.span() for m in percent.finditer(text)]
        assert encoded._percent_tokens(text) == full_percent, text
        found[0] += bool(full)
        found[1] += bool(full_percent)
    assert min(found) > 100


@pytest.mark.parametrize(("text", "kind", "run"), [
    ("My IBAN is G B 8 2 W E S T 1 2 3 4 5 6 9 8 7 6 5 4 3 2", "IBAN",
     "G B 8 2 W E S T 1 2 3 4 5 6 9 8 7 6 5 4 3 2"),
    ("mail j a n e . d o e @ g m a i l . c o m now", "EMAIL",
     "j a n e . d o e @ g m a i l . c o m"),
])
def test_characters_spaced_out_are_read_together(text: str, kind: str, run: str) -> None:
    assert [(d.type, d.text) for d in ENCODED.analyze(text)] == [(kind, run)]


def test_spaced_runs_found_from_hints_are_the_full_scans() -> None:
    import random

    rng = random.Random(61)
    pieces = ("a", "B", "1", "@", ".", "-", "ab", "x y", "é", "a b c d", "1 2 3")
    glue = (" ", " ", " ", " ", "  ", "", "\n")
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 24)))
        full = [m.span() for m in encoded._SPACED.finditer(text)]
        assert encoded._spaced(text) == full, text
        found += bool(full)
    assert found > 100
