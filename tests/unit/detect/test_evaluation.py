from __future__ import annotations

import math

import pytest

from veil.evaluation.datasets import Sample, Span, hard_samples, long_texts
from veil.evaluation.detection import score


def test_overlap_rule_and_metrics() -> None:
    s = Sample("Robert Downey Jr. met Ann in Paris", [Span("PERSON", 0, 17), Span("PERSON", 22, 25),
                                                     Span("LOCATION", 29, 34)])
    preds = [Span("PERSON", 0, 13),  # "Robert Downey": covers > half of the shorter -> match
             Span("LOCATION", 22, 25),  # wrong type: FP for LOCATION, FN for PERSON
             Span("LOCATION", 29, 34)]
    rep = score([s], [preds])
    p, loc = rep.per_type["PERSON"], rep.per_type["LOCATION"]
    assert (p.gold, p.tp_gold, p.pred, p.tp_pred) == (2, 1, 1, 1)
    assert (loc.gold, loc.tp_gold, loc.pred, loc.tp_pred) == (1, 1, 2, 1)
    assert p.recall == 0.5 and loc.precision == 0.5
    o = rep.overall
    assert o.recall == pytest.approx(2 / 3) and o.precision == pytest.approx(2 / 3)
    assert o.fbeta(2.0) == pytest.approx(2 / 3)
    assert loc.fpr > 0 and p.fpr == 0


def test_small_overlap_is_not_a_match() -> None:
    s = Sample("aaaaaaaaaa bbbbbbbbbb", [Span("PERSON", 0, 10)])
    rep = score([s], [[Span("PERSON", 8, 20)]])  # 2 of 10 chars overlap
    assert rep.per_type["PERSON"].tp_gold == 0


def test_ignored_regions_do_not_count_as_false_positives() -> None:
    s = Sample("born in 1990", [], ignored=[Span("DATE_TIME", 8, 12)])
    rep = score([s], [[Span("PHONE", 8, 12)]])
    assert rep.per_type["PHONE"].pred == 0


def test_fbeta_weights_recall() -> None:
    s = Sample("x" * 40, [Span("PERSON", 0, 5), Span("PERSON", 10, 15)])
    rep = score([s], [[Span("PERSON", 0, 5), Span("PERSON", 20, 25), Span("PERSON", 30, 35)]])
    t = rep.per_type["PERSON"]
    assert t.precision == pytest.approx(1 / 3) and t.recall == 0.5
    assert t.fbeta(2.0) > t.fbeta(1.0)
    assert math.isnan(rep.per_type["EMAIL"].recall)


def test_hard_set_spans_index_text_and_vary_with_seed() -> None:
    a, b = hard_samples(80, 1), hard_samples(80, 2)
    assert [s.text for s in a] == [s.text for s in hard_samples(80, 1)]  # deterministic
    assert [s.text for s in a] != [s.text for s in b]
    types = set()
    for s in a:
        for sp in s.spans:
            value = s.text[sp.start:sp.end]
            assert value and value == value.strip()
            types.add(sp.type)
    assert {"PERSON", "EMAIL", "SECRET", "CRYPTO_WALLET", "DATE_OF_BIRTH"} <= types
    assert any(not s.spans for s in a)  # PII-free distractors exist
    assert all(len(t) >= 1000 for t in long_texts(a, size=1000, count=3))


@pytest.mark.slow
def test_presidio_samples_are_mapped() -> None:
    pytest.importorskip("presidio_evaluator")
    from veil.evaluation.datasets import presidio_samples

    ss = presidio_samples(50, 3)
    assert len(ss) == 50
    for s in ss:
        for sp in s.spans:
            assert sp.type in {"PERSON", "LOCATION", "ORGANIZATION", "CREDIT_CARD", "PHONE",
                               "EMAIL", "IBAN", "IP_ADDRESS", "US_SSN", "URL", "DRIVER_LICENSE",
                               "PASSPORT"}
            assert 0 <= sp.start < sp.end <= len(s.text)


def test_benchmark_texts_do_not_depend_on_string_hashing() -> None:
    """Faker builds some word lists from sets (it_IT's cities): their order followed the
    process's hash seed, and so did the benchmark's texts."""
    import os
    import subprocess
    import sys

    code = ("import hashlib; from veil.evaluation.datasets import hard_samples; "
            "print(hashlib.sha256(repr([s.text for s in hard_samples(300, 101)])"
            ".encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": h},
                              timeout=300).stdout.strip().splitlines()[-1]
               for h in ("1", "2", "3")}
    assert len(digests) == 1
