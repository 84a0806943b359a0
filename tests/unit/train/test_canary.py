"""Canary planting and rank-based exposure (veil.train.canary)."""

from __future__ import annotations

import math
import random

import pytest

from veil.train import canary
from veil.train.data import Span, TaggedSentence, generate


def _data() -> list[TaggedSentence]:
    return generate("medical", 60, seed=3, locale="en_GB")


def test_plant_replaces_person_spans_and_keeps_spans_aligned() -> None:
    data = _data()
    planted, canaries = canary.plant(data, n_canaries=2, repeats=3, seed=1)
    assert len(planted) == len(data) and len(canaries) == 2
    for c in canaries:
        assert len(c.probes) == 3
        assert sum(c.name in s.text for s in planted) == 3
        for s in c.probes:
            assert any(s.text[sp.start : sp.end] == c.name and sp.label == "PERSON"
                       for sp in s.spans)
    for before, after in zip(data, planted, strict=True):
        # every span still covers the same kind of text: non-person spans are unchanged words
        kept = [after.text[sp.start : sp.end] for sp in after.spans if sp.label != "PERSON"]
        orig = [before.text[sp.start : sp.end] for sp in before.spans if sp.label != "PERSON"]
        assert kept == orig


def test_plant_refuses_when_too_few_names() -> None:
    s = TaggedSentence("Paris is big.", (Span(0, 5, "LOCATION"),))
    with pytest.raises(ValueError, match="person name"):
        canary.plant([s], n_canaries=1, repeats=1, seed=0)


def test_exposure_from_rank_bounds() -> None:
    assert canary.exposure_from_rank(1, 255) == pytest.approx(8.0)
    assert canary.exposure_from_rank(256, 255) == pytest.approx(0.0)
    with pytest.raises(ValueError):
        canary.exposure_from_rank(0, 255)


def test_exposure_separates_a_memorising_scorer_from_a_blind_one() -> None:
    _, (c,) = canary.plant(_data(), n_canaries=1, repeats=4, seed=2)

    def memorising(batch: list[TaggedSentence]) -> list[float]:
        return [0.1 if c.name in s.text else 1.0 + (hash(s.text) % 97) / 100 for s in batch]

    rng = random.Random(0)

    def blind(batch: list[TaggedSentence]) -> list[float]:
        return [rng.random() for _ in batch]

    assert canary.exposure(c, memorising, n_references=255, seed=5) == pytest.approx(8.0)
    blind_exp = [canary.exposure(c, blind, n_references=255, seed=s) for s in range(40)]
    mean = sum(blind_exp) / len(blind_exp)
    # chance level: E[log2(256) - log2(U{1..256})] is about 1.4 bits
    assert 0.5 < mean < 2.5, mean
    assert max(blind_exp) < 8.0


def test_random_names_are_not_real_and_vary() -> None:
    rng = random.Random(0)
    names = {canary.random_name(rng) for _ in range(500)}
    assert len(names) == 500
    assert all(len(n.split()) == 2 and not math.isnan(len(n)) for n in names)


def test_chance_is_the_mean_exposure_of_uniform_ranks() -> None:
    rng = random.Random(3)
    sim = [canary.exposure_from_rank(rng.randint(1, 256), 255) for _ in range(40_000)]
    assert canary.chance_exposure(255) == pytest.approx(sum(sim) / len(sim), abs=0.03)
    assert canary.chance_exposure(255) == pytest.approx(1 / math.log(2), abs=0.03)
    assert canary.chance_exposure(1) == pytest.approx(0.5)  # ranks 1 and 2: 1 bit or 0


def test_summary_tells_memorised_canaries_from_chance() -> None:
    rng = random.Random(7)
    blind = [canary.exposure_from_rank(rng.randint(1, 256), 255) for _ in range(64)]
    at_chance = canary.summarize(blind, draws=4000)
    assert at_chance.n == 64 and at_chance.p_above_chance > 0.05
    assert abs(at_chance.mean - at_chance.chance) < 3 * at_chance.stderr
    # the same canaries, each ranked 4x better (2 bits more): clearly above chance
    above = canary.summarize([x + 2 for x in blind], draws=4000)
    assert above.p_above_chance < 0.001 and above.mean > above.chance + 1.5
    with pytest.raises(ValueError, match="canaries"):
        canary.summarize([])


def test_group_epsilon_grows_with_repeats() -> None:
    assert canary.group_epsilon(8.0, 1) == 8.0
    assert canary.group_epsilon(8.0, 8) == 64.0


def test_the_detectable_mean_shrinks_towards_chance_with_more_canaries() -> None:
    chance = canary.chance_exposure()
    few, many = canary.detectable_mean(4, draws=4000), canary.detectable_mean(32, draws=4000)
    assert few > many > chance
    assert few - chance > 1.0 and many - chance < 0.6  # 4 canaries need > 1 bit, 32 < 0.6
    # the threshold is where summarize's p-value crosses 0.05, on the same null draws
    assert canary.summarize([many + 0.01] * 32, draws=4000).p_above_chance < 0.05
    assert canary.summarize([many - 0.05] * 32, draws=4000).p_above_chance > 0.05
    with pytest.raises(ValueError, match="canaries"):
        canary.detectable_mean(0)
