"""The shared caches of the pipeline stages: eviction order, policy-change invalidation, and
one build per tenant."""

from __future__ import annotations

import threading

from veil.caches import LRU, PerTenant, TenantMemo


def test_lru_evicts_the_least_recently_used() -> None:
    lru: LRU[str, int] = LRU(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # "a" is now the most recently used
    lru.put("c", 3)
    assert lru.get("b") is None
    assert (lru.get("a"), lru.get("c"), len(lru)) == (1, 3, 2)


def test_lru_of_size_zero_keeps_nothing_and_discard_selects_by_key() -> None:
    off: LRU[str, int] = LRU(0)
    off.put("a", 1)
    assert off.get("a") is None
    lru: LRU[tuple[str, int], int] = LRU(8)
    for i in range(4):
        lru.put(("t1" if i % 2 else "t2", i), i)
    lru.discard(lambda k: k[0] == "t1")
    assert [lru.get(("t2", 0)), lru.get(("t2", 2)), lru.get(("t1", 1))] == [0, 2, None]


def test_lru_with_a_budget_is_bounded_by_weight_but_keeps_the_newest_item() -> None:
    lru: LRU[str, int] = LRU(10, budget=100)
    for k, w in (("a", 40), ("b", 40), ("c", 10)):
        lru.put(k, w, weight=w)
    assert len(lru) == 3
    lru.put("d", 30, weight=30)  # 120: the least recently used goes, not the heaviest
    assert [lru.get(k) for k in "abcd"] == [None, 40, 10, 30]
    lru.put("b", 5, weight=5)  # a new weight replaces the old one
    lru.put("e", 50, weight=50)  # 5 + 10 + 30 + 50 = 95
    assert len(lru) == 4
    lru.put("huge", 500, weight=500)  # alone over budget: kept, the rest goes
    assert [lru.get(k) for k in ("b", "c", "d", "e", "huge")] == [None, None, None, None, 500]
    lru.put("x", 1, weight=1)  # and it goes first once another item comes
    assert (lru.get("huge"), lru.get("x"), len(lru)) == (None, 1, 1)
    lru.discard(lambda k: k == "x")
    lru.put("y", 100, weight=100)
    assert lru.get("y") == 100  # the discarded weight was given back
    lru.clear()
    lru.put("z", 100, weight=100)
    lru.put("w", 0, weight=0)
    assert (lru.get("z"), lru.get("w")) == (100, 0)


def test_tenant_memo_reset_hides_old_results_of_that_tenant_only() -> None:
    memo: TenantMemo[str] = TenantMemo(16)
    digest = memo.digest(b"hello")
    assert digest != TenantMemo[str](16).digest(b"hello")  # keyed per memo, not a plain hash
    g1, g2 = memo.generation("t1"), memo.generation("t2")
    memo.put(("t1", g1, "s", "v", digest), "one")
    memo.put(("t2", g2, "s", "v", digest), "two")
    memo.reset("t1")
    assert memo.generation("t1") == g1 + 1
    assert memo.get(("t1", g1, "s", "v", digest)) is None
    assert memo.get(("t2", g2, "s", "v", digest)) == "two"
    # a result computed under the old generation, stored after the reset, is never served
    memo.put(("t1", g1, "s", "v", digest), "stale")
    assert memo.get(("t1", memo.generation("t1"), "s", "v", digest)) is None


def test_per_tenant_builds_once_even_when_racing_and_again_after_pop() -> None:
    calls: list[str] = []
    start = threading.Barrier(8)

    def build(tenant: str) -> object:
        calls.append(tenant)
        return object()

    per = PerTenant(build)
    got: list[object] = []

    def worker() -> None:
        start.wait()
        got.append(per.get("t"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["t"] and all(g is got[0] for g in got)
    per.pop("t")
    assert per.get("t") is not got[0] and calls == ["t", "t"]
    replacement = object()
    per.set("u", replacement)
    assert per.get("u") is replacement and sorted(per) == ["t", "u"]


def test_piece_memo_keeps_results_under_digests_and_can_be_turned_off() -> None:
    from veil.caches import PieceMemo

    memo: PieceMemo[list[int]] = PieceMemo(2)
    memo.put("Jane Doe lives in Lyon.", [0, 8])
    assert memo.get("Jane Doe lives in Lyon.") == [0, 8]
    assert memo.get("Jane Doe lives in Lyon!") is None
    assert all(len(k) == 16 and b"Jane" not in k for k in memo.lru._items)  # no text kept
    memo.put("a", [1])
    memo.put("b", [2])  # the least recently used piece goes
    assert memo.get("Jane Doe lives in Lyon.") is None and memo.get("b") == [2]
    memo.lru.size = 0
    memo.put("c", [3])
    assert memo.get("b") is None and memo.get("c") is None  # off: neither read nor written
