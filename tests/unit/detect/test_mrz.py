"""A travel document's machine-readable zone is masked line by line as a PASSPORT (names,
number, birth date and expiry run together there); shifts in code and rules of "<" are not."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.mrz import MRZ

from .scans import assert_anchored_equals_full

_TD3 = ("P<GBRSMITH<<JOHN<PETER<<<<<<<<<<<<<<<<<<<<<<<",
        "1234567897GBR8501017M3001012<<<<<<<<<<<<<<04")
_TD1 = ("IDUTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


@pytest.mark.parametrize("lines", [_TD3, _TD1])
@pytest.mark.parametrize("break_", ["\n", "\\n", "\r\n"])
def test_each_line_of_the_zone_is_a_passport(engine: DetectionEngine, lines: tuple[str, ...],
                                            break_: str) -> None:
    text = "scan: \n" + break_.join(lines) + "\nthanks"
    found = [(d.type, d.text) for d in engine.analyze(text)]
    assert found == [("PASSPORT", line) for line in lines]


def test_a_zone_in_a_json_string(engine: DetectionEngine) -> None:
    text = '{"ocr": "' + "\\n".join(_TD3) + '"}'
    assert [(d.type, d.text) for d in engine.analyze(text)] == [("PASSPORT", line)
                                                                for line in _TD3]


@pytest.mark.parametrize("text", [
    "x = a<<2; std::cout << x << y;",
    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",  # a rule, no letter
    "A<<B",  # too short for a zone's line
])
def test_shifts_and_rules_are_no_zone(engine: DetectionEngine, text: str) -> None:
    assert [d for d in engine.analyze(text) if d.recognizer == "mrz"] == []


def test_masked_and_restored(tmp_path: Path) -> None:
    v = Veil(Settings(home=tmp_path, master_key=base64.b64encode(b"m" * 32).decode()),
             policy=Policy(ner=False))
    text = "my passport:\n" + "\n".join(_TD3)
    masked = v.protect(text, session="s").masked
    assert "SMITH" not in masked and "8501017" not in masked
    assert v.restore(masked, session="s") == text


def test_the_scan_of_lines_with_two_marks_equals_the_full_scan() -> None:
    pieces = (*_TD3, *_TD1, "<<", "<", "A", "12", " ", "x", "a<<2", "\t")
    for scan, _score, _check in MRZ._compiled:
        assert_anchored_equals_full(scan, pieces, ("\n", "", " ", "\r\n", "\\n"), seed=3,
                                    least=50)
