"""Leakage detection: verbatim and trivially recoverable values, with a word-use baseline."""

from __future__ import annotations

import pytest

from veil.evaluation.datasets import Sample, Span
from veil.evaluation.gateway_leakage import LeakageScores, leaked_spans, value_pattern


def _sample(text: str, *values: tuple[str, str]) -> Sample:
    spans = []
    for typ, v in values:
        i = text.index(v)
        spans.append(Span(typ, i, i + len(v)))
    return Sample(text, spans)


@pytest.mark.parametrize("variant", [
    "Jane Doe", "JANE DOE", "jane doe", "Jane  Doe", "JaneDoe", "jane\ndoe", "Jane-Doe",
    "Jane Doe's",
])
def test_case_space_and_punctuation_variants_leak(variant: str) -> None:
    s = _sample("Write to Jane Doe today.", ("PERSON", "Jane Doe"))
    assert leaked_spans(s, f"Write to {variant} today.") == s.spans


@pytest.mark.parametrize("variant", ["555-123-4567", "5551234567", "555 123 4567",
                                     "(555) 123.4567"])
def test_number_layouts_leak(variant: str) -> None:
    s = _sample("Call 555-123-4567 now", ("PHONE", "555-123-4567"))
    assert len(leaked_spans(s, f"Call {variant} now")) == 1


@pytest.mark.parametrize("masked", ["Write to [PERSON_1] today.", "Write to Jan Do today.",
                                    "Write to Janet Doe today.", "Write to JaneDoes today."])
def test_masked_or_different_values_do_not_leak(masked: str) -> None:
    s = _sample("Write to Jane Doe today.", ("PERSON", "Jane Doe"))
    assert leaked_spans(s, masked) == []


def test_word_boundaries() -> None:
    pat = value_pattern("Ray")
    assert pat is not None
    assert pat.search("an array of rays") is None
    assert pat.search("ask RAY.") is not None
    assert value_pattern("--") is None  # nothing recoverable in pure punctuation


def test_unlabelled_word_use_is_the_baseline() -> None:
    # "Will" the name is masked; "will" the verb stays, and is not a leak
    s = _sample("Will said it will rain.", ("PERSON", "Will"))
    assert leaked_spans(s, "[PERSON_1] said it will rain.") == []
    assert len(leaked_spans(s, "Will said it will rain.")) == 1


def test_repeated_value_counts_each_unmasked_occurrence() -> None:
    text = "Bob Ray met Bob Ray."
    s = Sample(text, [Span("PERSON", 0, 7), Span("PERSON", 12, 19)])
    assert len(leaked_spans(s, "[PERSON_1] met Bob Ray.")) == 1
    assert len(leaked_spans(s, text)) == 2


def test_scores_by_hand() -> None:
    sc = LeakageScores()
    a = _sample("Mail a@b.io or call 555-123-4567", ("EMAIL", "a@b.io"), ("PHONE", "555-123-4567"))
    b = _sample("Hi Ann Lee", ("PERSON", "Ann Lee"))
    c = Sample("nothing sensitive here")
    sc.add(a, "Mail [EMAIL_1] or call 5551234567")  # phone leaks
    sc.add(b, "Hi [PERSON_1]")
    sc.add(c, "nothing sensitive here")
    d = sc.as_dict()
    assert (d["prompts"], d["prompts_with_values"], d["prompts_leaking"]) == (3, 2, 1)
    assert d["prompt_leak_rate"] == 0.5
    assert (d["values"], d["values_leaked"]) == (3, 1)
    assert d["value_leak_rate"] == pytest.approx(1 / 3)
    assert d["per_type"]["PHONE"] == {"values": 1, "leaked": 1, "leak_rate": 1.0}
    assert d["per_type"]["EMAIL"]["leaked"] == 0
