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


def test_parts_of_a_seen_name_are_found_alone_where_written_as_a_name() -> None:
    c = SeenEntityCache([("PERSON", "Jane van der Berg-Okafor"), ("PERSON", "Will Smith")])
    text = "Berg-Okafor signed; smith and will wait; Smith agreed. Jane? berg-okafor"
    got = [(d.type, d.text) for d in c.analyze(text)]
    # parts count only capitalised ("smith", "berg-okafor" stay), stop words never ("van", "Will")
    assert got == [("PERSON", "Berg-Okafor"), ("PERSON", "Smith"), ("PERSON", "Jane")]
    assert "Smith" not in c and "will smith" in c and len(c) == 2
    c.add("PERSON", "Smith")  # seen whole later: matched like any value, in any case
    assert "Smith" in c and [d.text for d in c.analyze("ask smith")] == ["smith"]


def test_a_surname_alone_in_a_later_turn_is_masked_and_linked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from veil import Veil
    from veil.config import Policy, Settings, TermRule

    # the full name is known (a declared term here; a NER hit does the same), its parts are not
    policy = Policy(ner=False, terms=[TermRule(term="Adaeze Okonkwo-Bright", type="PERSON")])
    v = Veil(Settings(home=tmp_path), policy=policy)
    first = v.protect("Write to Ms Adaeze Okonkwo-Bright today.", session="s")
    assert "Adaeze" not in first.masked
    second = v.protect("and Okonkwo-Bright signed, Adaeze agreed", session="s")
    assert "Okonkwo" not in second.masked and "Adaeze" not in second.masked
    assert v.restore(second.masked, session="s") == "and Okonkwo-Bright signed, Adaeze agreed"
