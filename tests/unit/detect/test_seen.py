from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veil.config import Policy
from veil.detect import Detection, DetectionEngine, Recognizer, SeenEntityCache


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
    # parts count capitalised, or in lower case where no dictionary writes them ("smith" stays,
    # "berg-okafor" goes), stop words never ("van", "Will")
    assert got == [("PERSON", "Berg-Okafor"), ("PERSON", "Smith"), ("PERSON", "Jane"),
                   ("PERSON", "berg-okafor")]
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


class _Reference:
    """The former single-automaton cache, kept as the specification: every key in one dict,
    parts of names marked, one search over all of them."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.parts: set[str] = set()

    def add(self, type: str, value: str) -> None:
        from veil.casefold import fold_case
        from veil.detect.seen import MIN_LENGTH, name_parts

        key = fold_case(value.strip())
        if len(key) < MIN_LENGTH or not any(c.isalnum() for c in key):
            return
        if key in self.parts:
            self.parts.discard(key)
            self.types[key] = type
        self.types.setdefault(key, type)
        if type == "PERSON":
            for part in name_parts(value):
                pk = fold_case(part)
                if pk not in self.types:
                    self.types[pk] = type
                    self.parts.add(pk)

    def analyze(self, text: str) -> list[tuple[str, int, int]]:
        from veil.casefold import fold_case
        from veil.detect.seen import _NAME_KINDS, _unlike_a_word, _word_first
        from veil.detect.terms import at_word_boundaries
        from veil.detect.trade_words import trade_word

        hay, out = fold_case(text), []
        for key, kind in self.types.items():  # every occurrence, overlapping ones included
            start = hay.find(key)
            while start >= 0:
                end = start + len(key)
                # (a one-word name that is far more often a word counts capitalised only;
                # so does a one-word firm or place: "Support" seen, "support team" stays)
                one_word = " " not in key and (kind == "PERSON" and _word_first(key)
                                               or kind in ("ORGANIZATION", "LOCATION"))
                # (a part or a one-word name that is a trade's or the document's word there:
                # "Ford" of "Henry Ford" in "Ford Focus", "Acme" where it is a common word)
                trade = (key in self.parts or " " not in key) and kind in _NAME_KINDS \
                    and trade_word(text, start, end, kind)
                if (key not in self.parts and not one_word or text[start].isupper()
                        or _unlike_a_word(key)) and not trade \
                        and at_word_boundaries(text, start, end):
                    out.append((kind, start, end))
                start = hay.find(key, start + 1)
        return sorted(out, key=lambda o: (o[2], o[1]))

    def __len__(self) -> int:
        return len(self.types) - len(self.parts)


_WORDS = ["Jane", "Doe", "Okafor", "Berg-Okafor", "Smith", "Will", "Ana", "Lee", "Kim",
          "jane.doe@example.org", "+44 20 7946 0958", "Acme", "Lagos", "van", "der"]


@st.composite
def _values(draw: st.DrawFn) -> tuple[str, str]:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
    return draw(st.sampled_from(["PERSON", "ORGANIZATION", "EMAIL"])), " ".join(words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_values(), max_size=6), min_size=1, max_size=12),
       st.lists(st.sampled_from(_WORDS + ["jane", "SMITH", ",", "and", "x"]), max_size=25))
def test_levels_find_what_one_automaton_found(batches, words) -> None:  # type: ignore[no-untyped-def]
    """A session's cache extended request by request (new levels, merges, parts made whole)
    finds the same values as the former cache built from all of them at once."""
    text = " ".join(words)
    cache, ref = SeenEntityCache(), _Reference()
    older = []
    for batch in batches:
        older.append((cache, cache.analyze(text)))
        # a request's own cache (not merged) finds what the lasting one will
        assert [(d.type, d.start, d.end) for d in cache.extended(batch, lasting=False)
                .analyze(text)] == [(d.type, d.start, d.end) for d in cache.extended(batch)
                                    .analyze(text)]
        cache = cache.extended(batch)
        for t, v in batch:
            ref.add(t, v)
        got = [(d.type, d.start, d.end) for d in cache.analyze(text)]
        assert got == ref.analyze(text)
        assert len(cache) == len(ref)
        found = cache.analyze(text)
        assert all(text[s:e] == d.text for d, (_, s, e) in zip(found, got, strict=True))
    for before, found in older:  # extending never changed an older cache
        assert before.analyze(text) == found


def test_levels_stay_few_and_older_ones_are_shared() -> None:
    cache = SeenEntityCache()
    for k in range(2000):  # a long session: one value per request
        grown = cache.extended([("EMAIL", f"user{k}@example.org")])
        if cache._levels:  # the largest, oldest level is the same object: not rebuilt
            assert grown._levels[0] is cache._levels[0] or len(grown._levels) == 1
        cache = grown
    assert len(cache) == 2000
    assert len(cache._levels) <= 11  # log2(2000)
    # a cache for one request adds one level and rebuilds none of the session's
    once = cache.extended([("EMAIL", "x@example.org")] * 3 + [("EMAIL", "y@example.org")],
                          lasting=False)
    assert once._levels[:-1] == cache._levels and len(once._levels[-1]) == 2
    assert [d.text for d in once.analyze("x@example.org, user5@example.org")] == \
        ["x@example.org", "user5@example.org"]
    assert [d.text for d in cache.analyze("cc user0@example.org and USER1999@example.org")] \
        == ["user0@example.org", "USER1999@example.org"]


class _Model(Recognizer):
    """A name model that finds one span, as the learned backend found this one."""

    name = "model"
    entities = ("PERSON",)
    statistical = True

    def __init__(self, value: str) -> None:
        self.value = value

    def analyze(self, text: str) -> list[Detection]:
        s = text.find(self.value)
        return [] if s < 0 else [Detection("PERSON", s, s + len(self.value), 0.92, self.name,
                                           self.value)]


def test_a_seen_value_inside_a_longer_name_leaves_none_of_it_unmasked() -> None:
    # "SMITH" was masked as an organisation in an earlier turn; a later "Sarah O'Connor-Smith"
    # lost to it, and "Sarah O'Connor-" went upstream as it was
    engine = DetectionEngine(Policy(ner=False), recognizers=[_Model("Sarah O'Connor-Smith")])
    seen = SeenEntityCache([("ORGANIZATION", "SMITH")])
    text = "meet Sarah O'Connor-Smith tomorrow"
    got = [(d.type, d.text, d.recognizer) for d in engine.analyze(text, seen=seen)]
    assert got == [("PERSON", "Sarah O'Connor", "model"), ("ORGANIZATION", "Smith", "seen")]
