from __future__ import annotations

import pytest

from veil.detect import DetectionEngine, normalize


def test_ascii_is_identity() -> None:
    n = normalize("plain ascii text 123")
    assert n.origin is None and n.text == n.original


def test_view_maps_back_to_original() -> None:
    text = "card ４１１１\u200b１１１１"
    n = normalize(text)
    assert n.text == "card 41111111"
    s = n.text.index("4")
    assert n.to_original(s, len(n.text)) == (5, len(text))


@pytest.mark.parametrize(("text", "value", "etype"), [
    ("card 4111\u200b1111\u200b1111\u200b1111 ok", "4111\u200b1111\u200b1111\u200b1111",
     "CREDIT_CARD"),
    ("card ４１１１ １１１１ １１１１ １１１１ ok", "４１１１ １１１１ １１１１ １１１１",
     "CREDIT_CARD"),
    ("SSN ١٢٣-٤٥-٦٧٨٩ ok", "١٢٣-٤٥-٦٧٨٩", "US_SSN"),  # Arabic-Indic digits
    ("mail jаne@exаmple.com now", "jаne@exаmple.com", "EMAIL"),  # Cyrillic а
    ("ip 192\u200c.168.1.20 x", "192\u200c.168.1.20", "IP_ADDRESS"),
    ("ssn 123\u2011\u200b45\u201167\u00ad89", "123\u2011\u200b45\u201167\u00ad89", "US_SSN"),
])
def test_obfuscated_pii_is_found_at_original_offsets(pattern_engine: DetectionEngine, text: str,
                                                     value: str, etype: str) -> None:
    ds = pattern_engine.analyze(text)
    hit = [d for d in ds if d.type == etype]
    assert hit, "obfuscated value was not detected"
    d = hit[0]
    assert text[d.start:d.end] == value == d.text


def test_control_characters_do_not_crash(pattern_engine: DetectionEngine) -> None:
    text = "\x00\x01 mail\x07 jane@example.com\x1b[0m \x7f"
    ds = pattern_engine.analyze(text)
    assert [(d.type, text[d.start:d.end]) for d in ds] == [("EMAIL", "jane@example.com")]


def test_escaped_newlines_are_line_breaks(pattern_engine: DetectionEngine) -> None:
    text = "Phone:\\n020 7946 0958\\nE-mail:\\njane@example.com"
    got = {(d.type, d.text) for d in pattern_engine.analyze(text)}
    assert ("PHONE", "020 7946 0958") in got and ("EMAIL", "jane@example.com") in got
