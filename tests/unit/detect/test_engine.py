from __future__ import annotations

import bisect
import logging
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.config import EntityRule, Policy
from veil.detect import Detection, DetectionEngine, PatternRecognizer, Recognizer, resolve_overlaps
from veil.detect.engine import NAME_TYPES
from veil.detect.patterns import Pattern
from veil.errors import DetectionError, InputError


def det(t: str, s: int, e: int, score: float, rec: str = "r") -> Detection:
    return Detection(t, s, e, score, rec, "x" * (e - s))


def test_resolve_prefers_score_then_length() -> None:
    a = det("PHONE", 0, 10, 0.6)
    b = det("CREDIT_CARD", 0, 16, 0.95)
    c = det("PERSON", 20, 25, 0.85)
    d = det("PERSON", 20, 30, 0.85)  # same score, longer
    assert resolve_overlaps([a, b, c, d]) == [b, d]


def test_validated_beats_ner() -> None:
    ner = det("PERSON", 0, 12, 0.99, "spacy_ner")
    pattern = det("PHONE", 2, 12, 0.6, "phone")
    # around a phone number the model's span is the one too long: nothing of it is kept
    assert resolve_overlaps([ner, pattern], {"phone"}, statistical={"spacy_ner"}) == [pattern]


def _d(text: str, t: str, value: str, score: float, rec: str, at: int = 0) -> Detection:
    s = text.index(value, at)
    return Detection(t, s, s + len(value), score, rec, value)


def test_a_model_span_around_a_validated_value_keeps_the_rest_masked() -> None:
    # a session's value "Smith" (validated) inside the model's "Sarah O'Connor-Smith": the
    # model's span lost and "Sarah O'Connor-" went out unmasked
    text = "meet Sarah O'Connor-Smith tomorrow"
    model = _d(text, "PERSON", "Sarah O'Connor-Smith", 0.92, "learned_ner")
    seen = _d(text, "ORGANIZATION", "Smith", 1.0, "seen")
    assert resolve_overlaps([model, seen], {"seen"}, statistical={"learned_ner"},
                            exact={"seen"}) == \
        [_d(text, "PERSON", "Sarah O'Connor", 0.92, "learned_ner"), seen]
    # a name found in this text by a pattern (an organisation's suffix, a gazetteer) keeps
    # the model's longer span out, as before: "The" of "The Acme Inc. office" is context
    text = "The Acme Inc. office"
    model = _d(text, "ORGANIZATION", "The Acme Inc. office", 0.9, "spacy_ner")
    org = _d(text, "ORGANIZATION", "Acme Inc.", 0.95, "org_structure")
    assert resolve_overlaps([model, org], {"org_structure"}, statistical={"spacy_ner"},
                            exact={"seen", "terms"}) == [org]
    # pieces on both sides, trimmed to letters and digits; an initial is kept, a lone
    # lower-case letter or punctuation is not
    text = "J. Jane Doe's file"
    model = _d(text, "PERSON", "J. Jane Doe's", 0.9, "learned_ner")
    term = _d(text, "PERSON", "Jane Doe", 1.0, "terms")
    assert resolve_overlaps([model, term], {"terms"}, statistical={"learned_ner"},
                            exact={"terms"}) == \
        [_d(text, "PERSON", "J", 0.9, "learned_ner"), term]
    # two losing model spans over the same rest: one piece, the better one's
    text = "Dr Ann Lee, Oslo"
    a = _d(text, "PERSON", "Dr Ann Lee", 0.9, "learned_ner")
    b = _d(text, "LOCATION", "Dr Ann", 0.5, "spacy_ner")
    lee = _d(text, "PERSON", "Ann Lee", 1.0, "terms")
    assert resolve_overlaps([a, b, lee], {"terms"}, statistical={"learned_ner", "spacy_ner"},
                            exact={"terms"}) == \
        [_d(text, "PERSON", "Dr", 0.9, "learned_ner"), lee]


def test_a_pattern_holding_a_shorter_winner_replaces_it() -> None:
    # A declared term "Jane" (validated, score 1) inside an e-mail address used to win and
    # leave "doe@example.com" unmasked; the address that holds it is masked whole instead.
    term = det("PERSON", 5, 9, 1.0, "terms")
    email = det("EMAIL", 5, 25, 0.95, "email")
    other = det("PHONE", 30, 40, 0.9, "phone")
    assert resolve_overlaps([term, email, other], {"terms", "phone"}) == [email, other]
    # the outermost container takes every winner inside it
    url = det("URL", 0, 45, 0.6, "url")
    assert resolve_overlaps([term, email, other, url], {"terms", "phone"}) == [url]


def _resolve_by_sorted_inserts(candidates: list[Detection], validated: set[str],
                               statistical: set[str], exact: set[str]) -> list[Detection]:
    """resolve_overlaps as it was written before its positions were marked in a bytearray:
    the kept spans in a list sorted by insertion, each candidate bisected into it."""
    ranked = sorted(candidates, key=lambda d: (d.recognizer not in validated, -d.score,
                                               d.start - d.end, d.start))
    starts: list[int] = []
    kept: list[Detection] = []
    for d in ranked:
        i = bisect.bisect_left(starts, d.start)
        if i > 0 and kept[i - 1].end > d.start or i < len(kept) and kept[i].start < d.end:
            continue
        starts.insert(i, d.start)
        kept.insert(i, d)
    ids = {id(d) for d in kept}
    for c in sorted(candidates, key=lambda d: (d.start - d.end, d.start)):
        model = c.recognizer in statistical
        if id(c) in ids or model and c.type != "PERSON":
            continue
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        j = i
        while j < len(kept) and kept[j].start < c.end:
            j += 1
        inner = kept[i:j]
        if not inner or inner[-1].end > c.end:
            continue
        if len(inner) == 1 and (inner[0].start, inner[0].end) == (c.start, c.end):
            continue
        # a model's PERSON displaces only the heuristics' (unchecked) names of one person
        if model and any(d.type != "PERSON" or d.recognizer in validated | statistical
                         for d in inner):
            continue
        kept[i:j] = [c]
        starts[i:j] = [c.start]
        ids.difference_update(id(d) for d in inner)
        ids.add(id(c))
    # what a losing model span covers beyond everything kept, position by position, where all
    # it overlaps is a name from an exact recognizer (letters only here: no trimming)
    covered = {p for d in kept for p in range(d.start, d.end)}
    not_names = {p for d in kept if d.type not in NAME_TYPES or d.recognizer not in exact
                 for p in range(d.start, d.end)}
    for c in ranked:
        if id(c) in ids or c.recognizer not in statistical or c.type not in NAME_TYPES or \
                not_names.intersection(range(c.start, c.end)):
            continue
        free = [p for p in range(c.start, c.end) if p not in covered]
        runs = [[free[0], free[0] + 1]] if free else []
        for p in free[1:]:
            if p == runs[-1][1]:
                runs[-1][1] = p + 1
            else:
                runs.append([p, p + 1])
        for a, b in runs:
            if b - a >= 2:  # "x" alone is one lower-case letter: not kept
                kept.append(Detection(c.type, a, b, c.score, c.recognizer, "x" * (b - a)))
                covered.update(range(a, b))
    return sorted(kept, key=lambda d: d.start)


_SPANS = st.lists(st.tuples(st.integers(0, 120), st.integers(1, 40), st.sampled_from(
    [0.4, 0.6, 0.85, 0.95]), st.sampled_from(["terms", "phone", "learned_ner", "r"]),
    st.sampled_from(["PERSON", "PHONE"])), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_SPANS)
def test_overlaps_are_resolved_as_by_sorted_inserts(spans: list[Any]) -> None:
    validated, statistical = {"terms", "phone"}, {"learned_ner"}
    found = [det(t, s, s + n, score, rec) for s, n, score, rec, t in spans]
    got = resolve_overlaps(found, validated, statistical=statistical, exact={"terms"})
    want = _resolve_by_sorted_inserts(found, validated, statistical, {"terms"})
    assert got == want
    assert {id(d) for d in got} >= {id(d) for d in want if d in found}
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))


def test_containment_never_lets_a_model_span_or_a_partial_overlap_displace() -> None:
    term = det("PERSON", 5, 9, 1.0, "terms")
    ner = det("ORGANIZATION", 0, 20, 0.99, "spacy_ner")  # a model's span may run too long
    assert resolve_overlaps([term, ner], {"terms"}, statistical={"spacy_ner"}) == [term]
    # a term is an exact string: the model's span around it is masked in pieces besides
    assert resolve_overlaps([term, ner], {"terms"}, statistical={"spacy_ner"},
                            exact={"terms"}) == \
        [det("ORGANIZATION", 0, 5, 0.99, "spacy_ner"), term,
         det("ORGANIZATION", 9, 20, 0.99, "spacy_ner")]
    # sticks out on one side: it holds only part of the winner, so the winner stays
    crossing = det("ADDRESS", 7, 30, 0.5, "street_address")
    assert resolve_overlaps([term, crossing], {"terms"}) == [term]


def test_a_declared_term_inside_an_email_leaves_nothing_of_the_address() -> None:
    from veil.config import TermRule

    engine = DetectionEngine(Policy(ner=False, terms=[TermRule(term="Jane", type="PERSON")]))
    text = "Jane wrote from jane.doe@example.com and Jane.Doe@corp.example"
    found = [(d.type, text[d.start:d.end]) for d in engine.analyze(text)]
    assert found == [("PERSON", "Jane"), ("EMAIL", "jane.doe@example.com"),
                     ("EMAIL", "Jane.Doe@corp.example")]


def test_output_sorted_and_disjoint(pattern_engine: DetectionEngine) -> None:
    text = ("mail a@b.co, card 4111 1111 1111 1111, ip 10.0.0.1, ssn 123-45-6789, "
            "url https://x.io/a@b.co")
    ds = pattern_engine.analyze(text)
    assert [d.start for d in ds] == sorted(d.start for d in ds)
    assert all(x.end <= y.start for x, y in zip(ds, ds[1:], strict=False))
    assert all(text[d.start:d.end] == d.text for d in ds)


def test_policy_disable_and_threshold() -> None:
    text = "mail jane@example.com, call +44 20 7946 0958"
    off = DetectionEngine(Policy(ner=False, entities={"email": EntityRule(enabled=False)}))
    assert [d.type for d in off.analyze(text)] == ["PHONE"]
    strict = DetectionEngine(Policy(ner=False, entities={"PHONE": EntityRule(threshold=0.99)}))
    assert [d.type for d in strict.analyze(text)] == ["EMAIL"]
    low = DetectionEngine(Policy(ner=False, default_threshold=0.0))
    assert low.analyze("id 123456789") != []  # a bare 9-digit run scores 0.3
    default = DetectionEngine(Policy(ner=False))
    assert default.analyze("id 123456789") == []
    assert [d.type for d in default.analyze("SSN: 123456789")] == ["US_SSN"]  # context boost


def test_allow_list(pattern_engine: DetectionEngine) -> None:
    eng = DetectionEngine(Policy(ner=False, allow_list=["Support@Example.com"]))
    assert eng.analyze("write to support@example.com or jane@example.com")[0].text == \
        "jane@example.com"
    assert len(eng.analyze("support@example.com")) == 0


def test_empty_and_whitespace(pattern_engine: DetectionEngine) -> None:
    assert pattern_engine.analyze("") == []
    assert pattern_engine.analyze("   \n\t ") == []
    assert pattern_engine.analyze_batch(["", "a@b.co"])[0] == []


def test_non_str_is_input_error(pattern_engine: DetectionEngine) -> None:
    with pytest.raises(InputError):
        pattern_engine.analyze(b"bytes")  # type: ignore[arg-type]


def test_one_megabyte(pattern_engine: DetectionEngine) -> None:
    filler = "lorem ipsum dolor sit amet 12345. " * 30_000
    text = filler + " mail jane@example.com " + filler
    assert len(text) > 1_000_000
    ds = pattern_engine.analyze(text)
    assert [(d.type, d.text) for d in ds] == [("EMAIL", "jane@example.com")]


class _Boom(Recognizer):
    name = "boom"
    entities = ("EMAIL",)

    def analyze(self, text: str) -> list[Detection]:
        raise RuntimeError(f"parser choked on {text!r}")  # message carries the text


def test_failure_fails_closed_without_leaking(caplog: pytest.LogCaptureFixture) -> None:
    secret = "jane.secret@example.com"
    eng = DetectionEngine(Policy(ner=False), recognizers=[_Boom()])
    with caplog.at_level(logging.DEBUG), pytest.raises(DetectionError) as ei:
        eng.analyze(f"mail {secret}")
    assert secret not in str(ei.value) and secret not in repr(ei.value)
    assert ei.value.__cause__ is None  # the original exception (with the text) is not chained
    assert all(secret not in r.getMessage() for r in caplog.records)
    assert "boom" in str(ei.value)


class _Idle(_Boom):
    """Fails if called; says it has nothing to find in a text without a digit."""

    def idle(self, text: str) -> bool:
        return not any(c.isdigit() for c in text)


def test_an_idle_recognizer_is_not_called() -> None:
    eng = DetectionEngine(Policy(ner=False), recognizers=[_Idle()])
    assert eng.analyze("mail jane@example.com") == []  # idle: never called
    with pytest.raises(DetectionError):
        eng.analyze("room 12")  # not idle: called, and its failure still refuses the text


@pytest.mark.parametrize(("text", "idle"), [
    ("no number here", True),  # its patterns start at digits
    ("order 12345678", True),  # no word of its context, which it requires
    ("passport 12345678", False),
    ("PASSPORT: X1234567", False),
])
def test_a_pattern_recognizer_is_idle_without_digits_or_its_words(text: str, idle: bool) -> None:
    from veil.detect.builtin import PASSPORT

    assert PASSPORT.idle(text) is idle
    if idle:
        assert PASSPORT.analyze(text) == []


def test_a_recognizer_idle_without_its_marks_finds_nothing_there() -> None:
    # a recognizer whose every pattern starts at a mark, a string or a digit run is idle where
    # none of them is: on texts that hold some and texts that hold none, idle means no finding
    import random

    from veil.detect.patterns import PatternRecognizer, shared_matches
    from veil.detect.recognizer import default_recognizers
    from veil.evaluation.datasets import hard_samples

    texts = [s.text for s in hard_samples(150, 7)]
    rng = random.Random(3)
    texts += [" ".join(rng.sample(t.split(), k=min(6, len(t.split())))) for t in texts]
    texts += ["sign in as jsmith with P@ssw0rd!", "ssh jdoe@10.0.0.5", "no marks at all here"]
    checked = idle = 0
    for r in default_recognizers(Policy(ner=False)):
        if not isinstance(r, PatternRecognizer) or r._anchor_kinds is None:
            continue
        checked += 1
        for text in texts:
            with shared_matches():
                asleep = r.idle(text)
            if asleep:  # (outside the block: its verdict is kept there for the text)
                idle += 1
                r._anchor_kinds, kinds = None, r._anchor_kinds  # analyze without the check
                try:
                    assert r.analyze(text) == [], (r.name, text)
                finally:
                    r._anchor_kinds = kinds
    assert checked > 20 and idle > 1000, (checked, idle)


def test_recognizers_alike_share_one_idle_verdict_per_text() -> None:
    """Within a block a text's idle verdict is kept by what the test reads, and shared by the
    recognizers that read the same: it must be what each one's own test says."""
    from veil.detect.patterns import PatternRecognizer, shared_matches
    from veil.detect.recognizer import default_recognizers
    from veil.evaluation.datasets import hard_samples

    texts = [s.text for s in hard_samples(60, 11)] + ["", "12", "passport", "no digits"]
    recognizers = [r for r in default_recognizers(Policy(ner=False))
                   if isinstance(r, PatternRecognizer)]
    assert len({r._idle_key for r in recognizers}) < len(recognizers)  # some share one
    for text in texts:
        with shared_matches():
            kept = [r.idle(text) for r in recognizers]
            again = [r.idle(text) for r in reversed(recognizers)][::-1]
        assert kept == again == [r._idle(text) for r in recognizers], text


def test_any_anchor_says_whether_the_anchors_are_there() -> None:
    """The idle test's quick answer (a mark's strings absent from the text's one pass) must be
    what listing the anchors says, in a block and outside one, folded texts included."""
    from veil.detect.patterns import _SCANS, shared_matches
    from veil.detect.recognizer import default_recognizers
    from veil.evaluation.datasets import hard_samples

    default_recognizers(Policy(ner=False))  # every built-in pattern made
    texts = [s.text for s in hard_samples(80, 5)]
    texts += ["", "12", "İSTANBUL login: x", "sign in as jsmith", "a [at] b [dot] com",
              "MAC 00:1A:2B:3C:4D:5E", "-----BEGIN RSA PRIVATE KEY-----", "eyJhbGciOi",
              "رقم ٠١٢٣٤٥٦٧٨٩"]  # digits, none of them ASCII
    scans = [s for s in list(_SCANS) if s.lead is not None or s.lines]
    told = found = 0
    for text in texts:
        with shared_matches():
            inside = [(s.any_anchor(text), bool(s.starts(text))) for s in scans]
        outside = [(s.any_anchor(text), bool(s.starts(text))) for s in scans]
        for s, (quick, listed), (quick2, listed2) in zip(scans, inside, outside, strict=True):
            assert listed2 is listed and quick2 is quick, text
            # never "none" where there is one; a digit-run scan of ASCII digits says "some"
            # for any digit (the verdict is shared with scans that read every digit)
            assert quick is listed or (quick and s.digit_runs), text
            told += 1
            found += listed
    assert told > 5000 and 0 < found < told, (told, found)


class _Background(Recognizer):
    """A model that starts in ``begin_batch`` and is finished by the call it returns."""

    name = "background_model"
    entities = ("PERSON",)
    statistical = True
    background = True

    def __init__(self, events: list[str], fail: bool = False) -> None:
        self.events, self.fail = events, fail

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_batch([text])[0]

    def begin_batch(self, texts: Sequence[str]) -> Callable[[], list[list[Detection]]]:
        self.events.append("begin")

        def finish() -> list[list[Detection]]:
            self.events.append("finish")
            if self.fail:
                raise RuntimeError(f"model choked on {texts[0]!r}")
            return [[Detection("PERSON", t.index("Ana"), t.index("Ana") + 3, 0.9, self.name,
                               "Ana")] if "Ana" in t else [] for t in texts]

        return finish


class _Foreground(Recognizer):
    name = "foreground_pattern"
    entities = ("EMAIL",)

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def analyze(self, text: str) -> list[Detection]:
        self.events.append("pattern")
        k = text.find("ana@example.org")
        return [] if k < 0 else [Detection("EMAIL", k, k + 15, 1.0, self.name, text[k : k + 15])]


def test_a_background_recognizer_starts_first_and_is_collected_last() -> None:
    events: list[str] = []
    # registered first: begun before the pattern runs, finished after it
    eng = DetectionEngine(Policy(ner=False), recognizers=[_Background(events), _Foreground(events)])
    texts = ["Ana wrote from ana@example.org", "nothing here", "Ana again"]
    found = eng.analyze_batch(texts)
    assert events == ["begin", "pattern", "pattern", "pattern", "finish"]
    assert [[(d.type, d.recognizer) for d in ds] for ds in found] == [
        [("PERSON", "background_model"), ("EMAIL", "foreground_pattern")], [],
        [("PERSON", "background_model")]]


def test_a_background_recognizer_that_fails_refuses_the_request(
        caplog: pytest.LogCaptureFixture) -> None:
    secret = "Ana Okafor-Lindqvist"
    eng = DetectionEngine(Policy(ner=False), recognizers=[_Background([], fail=True)])
    with caplog.at_level(logging.DEBUG), pytest.raises(DetectionError, match="background_model") \
            as ei:
        eng.analyze(f"from {secret}")
    assert secret not in str(ei.value) and ei.value.__cause__ is None
    assert all(secret not in r.getMessage() for r in caplog.records)


def test_custom_declarative_recognizer() -> None:
    emp = PatternRecognizer(name="employee_id", entity="EMPLOYEE_ID",
                            patterns=[Pattern(r"\bEMP-\d{6}\b", 0.6)], context=["employee"])
    eng = DetectionEngine(Policy(ner=False), recognizers=[emp])
    (d,) = eng.analyze("employee EMP-123456 left")
    assert d.type == "EMPLOYEE_ID" and d.score == pytest.approx(0.9)


def test_detection_repr_hides_value() -> None:
    d = Detection("EMAIL", 0, 5, 0.9, "email", "a@b.c")
    assert "a@b.c" not in repr(d)


def test_import_is_light() -> None:
    code = ("import sys, veil.detect; "
            "assert 'spacy' not in sys.modules and 'presidio_analyzer' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_no_log_record_contains_a_detected_value(ner_engine: DetectionEngine,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    text = ("Hi Maria Gonzalez, card 4111 1111 1111 1111, mail maria.g@example.com, "
            "call +44 20 7946 0958, IBAN GB82 WEST 1234 5698 7654 32. Regards, Dr. Ngozi Okafor")
    with caplog.at_level(logging.DEBUG):
        ds = ner_engine.analyze(text)
        ner_engine.analyze_batch([text, ""])
    values = {d.text for d in ds}
    assert {"Maria Gonzalez", "maria.g@example.com", "4111 1111 1111 1111"} <= values
    for r in caplog.records:
        msg = r.getMessage()
        assert not any(v in msg for v in values)


def test_missing_ner_model_fails_closed() -> None:
    from veil.detect.ner import SpacyNerRecognizer

    eng = DetectionEngine(Policy(ner=False), recognizers=[SpacyNerRecognizer("no_such_model_x")])
    with pytest.raises(DetectionError, match="ner: false"):
        eng.analyze("Hello John Smith")


def test_policy_yaml_thresholds() -> None:
    policy = Policy.from_yaml_text(
        "ner: false\nentities:\n  phone: {threshold: 0.99}\n  url: {enabled: false}\n"
        "allow_list: [noreply@example.com]\n")
    eng = DetectionEngine(policy)
    text = "call +44 20 7946 0958, see https://example.com, mail noreply@example.com or a@b.co"
    assert [(d.type, d.text) for d in eng.analyze(text)] == [("EMAIL", "a@b.co")]


class _Model(Recognizer):
    """A statistical recognizer that finds fixed spans (as a NER model would)."""

    statistical = True
    entities = ("PERSON", "ORGANIZATION", "LOCATION")

    def __init__(self, name: str, spans: list[tuple[str, str, float]]) -> None:
        self.name = name
        self._spans = spans

    def analyze(self, text: str) -> list[Detection]:
        out = []
        for value, etype, score in self._spans:
            s = text.index(value)
            out.append(Detection(etype, s, s + len(value), score, self.name, value))
        return out


def test_two_models_disagreeing_on_a_span_keep_its_hull() -> None:
    text = "Call Jane Doe Smith at the Acme office today."
    # The higher-scoring model ends the name early: ranked alone it would displace the other
    # and leave "Doe Smith" in the clear.
    learned = _Model("learned_ner", [("Jane", "PERSON", 0.95), ("Acme", "ORGANIZATION", 0.9)])
    spacy = _Model("spacy_ner", [("Jane Doe Smith", "PERSON", 0.85),
                                 ("Acme office", "LOCATION", 0.85)])
    got = DetectionEngine(Policy(ner=False), recognizers=[learned, spacy]).analyze(text)
    person = [d for d in got if d.type == "PERSON"]
    assert [(d.text, d.score) for d in person] == [("Jane Doe Smith", 0.95)]
    # another type's overlap is joined too: the hull, typed by the more trusted reading
    assert [(d.type, d.text) for d in got if d.type != "PERSON"] == [
        ("ORGANIZATION", "Acme office")]


def test_a_type_disagreement_over_different_extents_is_masked_whole() -> None:
    text = "Ask Watson Lee Group about it."
    learned = _Model("learned_ner", [("Watson Lee Group", "ORGANIZATION", 0.8)])
    spacy = _Model("spacy_ner", [("Watson Lee", "PERSON", 0.85)])
    got = DetectionEngine(Policy(ner=False), recognizers=[learned, spacy]).analyze(text)
    # ranked alone, spaCy's person would win and leave "Group" out; the hull has its type
    assert [(d.type, d.text, d.score) for d in got] == [("PERSON", "Watson Lee Group", 0.85)]


def test_the_other_models_separate_entities_split_a_long_span() -> None:
    text = "Invite Sean, Pamela and Nicole. Ask SFC Energy AG's Paula Dupuis too."
    # one model reads the list and the possessive as one organisation each, at a high score
    learned = _Model("learned_ner", [("Sean, Pamela and Nicole", "ORGANIZATION", 0.97),
                                     ("SFC Energy AG's Paula Dupuis", "ORGANIZATION", 0.96)])
    spacy = _Model("spacy_ner", [("Sean", "PERSON", 0.85), ("Pamela", "PERSON", 0.85),
                                 ("Nicole", "PERSON", 0.85),
                                 ("SFC Energy AG", "ORGANIZATION", 0.85),
                                 ("Paula Dupuis", "PERSON", 0.85)])
    got = DetectionEngine(Policy(ner=False), recognizers=[learned, spacy]).analyze(text)
    assert [(d.type, d.text) for d in got] == [
        ("PERSON", "Sean"), ("PERSON", "Pamela"), ("PERSON", "Nicole"),
        ("ORGANIZATION", "SFC Energy AG"), ("PERSON", "Paula Dupuis")]


@pytest.mark.parametrize("rest", ["Sean, Pamela and Ben Nicole", "Sean, Pamela and 42 Nicole"])
def test_a_long_span_stays_when_splitting_would_unmask_a_word_or_number(rest: str) -> None:
    text = f"Invite {rest} now."
    learned = _Model("learned_ner", [(rest, "ORGANIZATION", 0.97)])
    spacy = _Model("spacy_ner", [("Sean", "PERSON", 0.85), ("Pamela", "PERSON", 0.85),
                                 ("Nicole", "PERSON", 0.85)])
    got = DetectionEngine(Policy(ner=False), recognizers=[learned, spacy]).analyze(text)
    assert [d.text for d in got] == [rest]  # "Ben" / "42" stay masked


def test_one_span_read_as_two_types_stays_masked() -> None:
    text = "Watson's song was about a boat."
    learned = _Model("learned_ner", [("Watson", "ORGANIZATION", 0.72)])
    spacy = _Model("spacy_ner", [("Watson", "PERSON", 0.85)])
    got = DetectionEngine(Policy(ner=False), recognizers=[learned, spacy]).analyze(text)
    assert [(d.type, d.text) for d in got] == [("PERSON", "Watson")]
