"""SpanIndex: the overlaps of a span found by bisection are exactly those a full scan finds,
through additions and removals, and the kept detections stay in insertion order."""

from __future__ import annotations

import random

from veil.detect.entity import Detection, SpanIndex


def _span(rng: random.Random) -> Detection:
    start = rng.randrange(0, 500)
    return Detection("PERSON", start, start + rng.randint(1, rng.choice((5, 40, 200))), 0.8,
                     "test", "")


def test_overlaps_match_a_full_scan_through_adds_and_drops() -> None:
    rng = random.Random(7)
    for _ in range(30):
        index = SpanIndex(_span(rng) for _ in range(40))
        for _ in range(60):
            probe = _span(rng)
            live = {k: index[k] for k in index._live}
            want = sorted(k for k, d in live.items() if d.overlaps(probe))
            got = index.overlapping(probe)
            assert sorted(got) == want
            assert [index[k].start for k in got] == sorted(index[k].start for k in got)
            if got and rng.random() < 0.5:
                index.drop(rng.choice(got))
            else:
                index.add(probe)


def test_detections_come_back_in_insertion_order_without_the_dropped() -> None:
    a, b, c = (Detection("PERSON", s, s + 4, 0.8, "test", "") for s in (30, 0, 15))
    index = SpanIndex([a, b])
    index.add(c)
    (hit,) = index.overlapping(Detection("PERSON", 1, 2, 0.8, "test", ""))
    index.drop(hit)
    assert index.detections() == [a, c]


def test_a_long_index_moves_to_a_sorted_list_and_still_matches_a_full_scan() -> None:
    from sortedcontainers import SortedList

    from veil.detect import entity

    rng = random.Random(8)
    index = SpanIndex(_span(rng) for _ in range(entity._SORTED_FROM - 5))
    assert isinstance(index._starts, list)
    for step in range(400):
        probe = _span(rng)
        want = sorted(k for k, d in index._live.items() if d.overlaps(probe))
        got = index.overlapping(probe)
        assert sorted(got) == want
        assert [index[k].start for k in got] == sorted(index[k].start for k in got)
        if got and step % 3 == 0:
            index.drop(rng.choice(got))
        else:
            index.add(probe)
    assert isinstance(index._starts, SortedList)
    assert list(index._starts) == sorted((d.start, k) for k, d in index._live.items())
