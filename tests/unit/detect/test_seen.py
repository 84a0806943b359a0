from __future__ import annotations

from veil.detect import Detection, DetectionEngine, SeenEntityCache


def test_finds_known_values_case_insensitively() -> None:
    c = SeenEntityCache([("PERSON", "Okonkwo"), ("EMAIL", "a.b@example.com"), ("PERSON", "Al")])
    got = [(d.type, d.text) for d in c.analyze("send to OKONKWO, cc A.B@example.com; Al, okonkwos")]
    assert got == [("PERSON", "OKONKWO"), ("EMAIL", "A.B@example.com")]  # "Al" is too short
    assert "okonkwo" in c and len(c) == 2


def test_from_detections_and_update() -> None:
    d = Detection("PERSON", 0, 5, 0.9, "x", "Ngozi")
    c = SeenEntityCache.from_detections([d])
    c.update([Detection("LOCATION", 0, 6, 0.9, "x", "Lagos!")])
    assert {x.type for x in c.analyze("Ngozi is in Lagos! now")} == {"PERSON", "LOCATION"}


def test_engine_finds_seen_value_patterns_miss(pattern_engine: DetectionEngine) -> None:
    text = "please forward it to zanele tomorrow"
    assert pattern_engine.analyze(text) == []
    seen = SeenEntityCache([("PERSON", "Zanele")])
    (d,) = pattern_engine.analyze(text, seen=seen)
    assert (d.type, text[d.start:d.end]) == ("PERSON", "zanele")
