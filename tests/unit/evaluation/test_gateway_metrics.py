"""Detection metrics used by ``veil eval gateway``: hand-made spans, hand-computed numbers."""

from __future__ import annotations

import math

import pytest

from veil.evaluation.datasets import Sample, Span
from veil.evaluation.detection import score

# tokens: Jane(0-4) Doe(5-8) met(9-12) Bob(13-16) at(17-19) Acme(20-24)
TEXT = "Jane Doe met Bob at Acme"
GOLD = [Span("PERSON", 0, 8), Span("PERSON", 13, 16), Span("ORGANIZATION", 20, 24)]
PRED = [
    Span("PERSON", 0, 4),  # "Jane": covers the whole shorter span -> matches "Jane Doe"
    Span("PERSON", 9, 12),  # "met": false positive
    Span("PERSON", 13, 16),  # "Bob": exact
    Span("ORGANIZATION", 20, 24),  # "Acme": exact
]


def test_per_type_and_overall_numbers() -> None:
    rep = score([Sample(TEXT, GOLD)], [PRED])
    person = rep.per_type["PERSON"].as_dict()
    # gold 2, both found -> R = 1; 3 predictions, 2 correct -> P = 2/3
    assert person["recall"] == 1.0 and person["fnr"] == 0.0
    assert person["precision"] == pytest.approx(2 / 3)
    assert person["f1"] == pytest.approx(0.8)  # 2PR/(P+R) = (4/3)/(5/3)
    assert person["f2"] == pytest.approx(10 / 11)  # 5PR/(4P+R) = (10/3)/(11/3)
    # tokens outside PERSON gold: met, at, Acme -> 3 negatives, "met" flagged -> 1/3
    assert (person["neg_tokens"], person["fp_tokens"]) == (3, 1)
    assert person["fpr"] == pytest.approx(1 / 3)
    org = rep.per_type["ORGANIZATION"].as_dict()
    assert (org["precision"], org["recall"], org["fpr"]) == (1.0, 1.0, 0.0)
    assert org["neg_tokens"] == 5
    overall = rep.overall.as_dict()
    # 3 gold all found; 4 predictions, 3 correct
    assert overall["recall"] == 1.0
    assert overall["precision"] == pytest.approx(0.75)
    assert overall["f1"] == pytest.approx(6 / 7)  # 1.5 / 1.75
    assert overall["f2"] == pytest.approx(0.9375)  # 3.75 / 4
    assert overall["fpr"] == pytest.approx(1 / 8)  # (1 + 0) / (3 + 5)


def test_wrong_type_and_small_overlap_do_not_match() -> None:
    preds = [Span("LOCATION", 0, 8),  # right place, wrong type
             Span("PERSON", 7, 12)]  # "e met": overlap 1 char with "Jane Doe" (< half of 5)
    rep = score([Sample(TEXT, GOLD[:1])], [preds])
    person = rep.per_type["PERSON"]
    assert (person.recall, person.precision) == (0.0, 0.0)
    assert person.fbeta(2.0) == 0.0
    assert rep.per_type["LOCATION"].precision == 0.0
    assert math.isnan(rep.per_type["LOCATION"].recall)  # no LOCATION gold: undefined, not 0


def test_predictions_inside_ignored_regions_are_not_false_positives() -> None:
    text = "Call Jane on Monday"
    sample = Sample(text, [Span("PERSON", 5, 9)], ignored=[Span("DATE_TIME", 13, 19)])
    rep = score([sample], [[Span("PERSON", 5, 9), Span("PERSON", 13, 19)]])
    assert rep.per_type["PERSON"].precision == 1.0
    assert rep.per_type["PERSON"].pred == 1
