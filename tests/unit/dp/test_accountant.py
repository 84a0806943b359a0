"""Composition, the conversation ledger, and persistent budget stores (SQLite and real Redis)."""

from __future__ import annotations

import math
import multiprocessing as mp
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from veil.dp import (
    PrivacyAccountant,
    RedisBudgetStore,
    SQLiteBudgetStore,
    advanced_composition,
    basic_composition,
)
from veil.errors import BudgetExhaustedError, DPError, InvalidEpsilonError


def test_basic_composition_sums() -> None:
    assert basic_composition([1.0, 2.5, 0.5]) == (4.0, 0.0)
    assert basic_composition([1.0, 1.0], [1e-6, 2e-6]) == (2.0, pytest.approx(3e-6))
    with pytest.raises(InvalidEpsilonError):
        basic_composition([1.0, float("nan")])


def test_advanced_composition_formula_and_when_it_helps() -> None:
    eps = [0.01] * 10_000
    adv, delta = advanced_composition(eps, delta_prime=1e-6)
    expected = math.sqrt(2 * math.log(1e6) * 10_000 * 1e-4) + 10_000 * 0.01 * math.expm1(0.01)
    assert adv == pytest.approx(expected) and delta == pytest.approx(1e-6)
    assert adv < basic_composition(eps)[0] / 10  # many small releases: far tighter
    big = [4.0] * 20  # per-token text-DP values: advanced is worse than basic
    assert advanced_composition(big, delta_prime=1e-6)[0] > basic_composition(big)[0]


def test_accountant_composes_over_a_conversation() -> None:
    acc = PrivacyAccountant(delta_prime=1e-6)
    acc.record("c1", epsilon_per_token=2.0, tokens=10)
    s = acc.record("c1", epsilon_per_token=1.0, tokens=5)
    assert s.releases == 15 and s.epsilon_basic == pytest.approx(25.0)
    assert s.epsilon == min(s.epsilon_basic, s.epsilon_advanced)
    assert acc.spent("c2").epsilon_basic == 0.0
    acc.forget("c1")
    assert acc.spent("c1").releases == 0
    with pytest.raises(InvalidEpsilonError):
        acc.record("c1", epsilon_per_token=0.0, tokens=1)


# ---------------------------------------------------------------- budget stores


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def make_store(request, tmp_path: Path):
    stores = []

    def make(**limits):
        if request.param == "sqlite":
            s = SQLiteBudgetStore(tmp_path / "vault.sqlite3", **limits)
        else:
            url = request.getfixturevalue("redis_url")
            s = RedisBudgetStore(url, **limits)
        stores.append(s)
        return s

    make.kind = request.param  # type: ignore[attr-defined]
    yield make
    for s in stores:
        s.close()


def _tenant() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"  # unique per test: the Redis server is shared


def test_charge_until_exhausted_then_refuse_clearly(make_store) -> None:
    store = make_store(default_user_limit=5.0, default_tenant_limit=100.0)
    t = _tenant()
    status = store.charge(t, "alice", 3.0)
    assert status.user_spent == pytest.approx(3.0) and status.user_remaining == pytest.approx(2.0)
    store.charge(t, "alice", 2.0)  # exactly the rest: allowed
    with pytest.raises(BudgetExhaustedError) as err:
        store.charge(t, "alice", 0.5)
    msg = str(err.value)
    assert "user" in msg and "5" in msg and "alice" not in msg and t not in msg
    assert store.spent(t, "alice") == pytest.approx(5.0)  # the refused charge changed nothing
    assert store.spent(t) == pytest.approx(5.0)
    store.charge(t, "bob", 1.0)  # another user still has budget
    assert store.spent(t) == pytest.approx(6.0)


def test_tenant_budget_caps_all_users(make_store) -> None:
    store = make_store(default_user_limit=None, default_tenant_limit=4.0)
    t = _tenant()
    store.charge(t, "u1", 2.0)
    store.charge(t, "u2", 2.0)
    with pytest.raises(BudgetExhaustedError) as err:
        store.charge(t, "u3", 1.0)
    assert "tenant" in str(err.value)
    assert store.spent(t, "u3") == 0.0


def test_limits_overrides_and_reset(make_store) -> None:
    store = make_store(default_user_limit=1.0)
    t = _tenant()
    assert store.limit(t, "carol") == 1.0 and store.limit(t) is None
    store.set_limit(t, "carol", limit=10.0)
    store.charge(t, "carol", 6.0)
    assert store.remaining(t, "carol") == pytest.approx(4.0)
    store.set_limit(t, "carol", limit=None)  # back to the default: now over it
    with pytest.raises(BudgetExhaustedError):
        store.charge(t, "carol", 0.1)
    store.reset(t, "carol")
    assert store.spent(t, "carol") == 0.0 and store.spent(t) == pytest.approx(6.0)
    store.reset(t)
    assert store.spent(t) == 0.0


def test_budgets_persist_across_store_instances(make_store) -> None:
    t = _tenant()
    make_store(default_user_limit=2.0).charge(t, "dave", 1.5)
    again = make_store(default_user_limit=2.0)
    assert again.spent(t, "dave") == pytest.approx(1.5)
    with pytest.raises(BudgetExhaustedError):
        again.charge(t, "dave", 1.0)


def test_bad_input_is_refused(make_store) -> None:
    store = make_store()
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(InvalidEpsilonError):
            store.charge("t", "u", bad)
    with pytest.raises(DPError):
        store.charge("", "u", 1.0)
    with pytest.raises(DPError):
        store.set_limit("t", limit=-1.0)


def test_concurrent_charges_never_overspend(make_store) -> None:
    store = make_store(default_user_limit=5.0)
    t = _tenant()

    def attempt(_: int) -> bool:
        try:
            store.charge(t, "eve", 0.25)
            return True
        except BudgetExhaustedError:
            return False

    with ThreadPoolExecutor(max_workers=8) as pool:
        ok = sum(pool.map(attempt, range(60)))
    assert ok == 20
    assert store.spent(t, "eve") == pytest.approx(5.0)


def _charge_in_process(path: str, tenant: str, n: int, q) -> None:  # pragma: no cover - subprocess
    store = SQLiteBudgetStore(path, default_user_limit=3.0)
    ok = 0
    for _ in range(n):
        try:
            store.charge(tenant, "frank", 0.1)
            ok += 1
        except BudgetExhaustedError:
            pass
    q.put(ok)


def test_sqlite_charges_are_atomic_across_processes(tmp_path: Path) -> None:
    path, t = str(tmp_path / "vault.sqlite3"), _tenant()
    SQLiteBudgetStore(path)  # create the table once
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_charge_in_process, args=(path, t, 25, q)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    total = sum(q.get(timeout=5) for _ in procs)
    assert total == 30  # 3.0 / 0.1, out of 75 attempts
    assert SQLiteBudgetStore(path).spent(t, "frank") == pytest.approx(3.0)


def test_sqlite_table_lives_in_the_vault_file(settings) -> None:
    from veil.dp import open_budget_store

    store = open_budget_store(settings, default_user_limit=1.0)
    assert isinstance(store, SQLiteBudgetStore)
    assert store.path == settings.resolved_vault_path()
    store.charge("t", "u", 0.5)
    import sqlite3

    with sqlite3.connect(settings.resolved_vault_path()) as conn:
        assert conn.execute("SELECT spent FROM dp_budget WHERE user='u'").fetchone()[0] == 0.5


@pytest.mark.redis
def test_redis_keys_use_the_prefix(redis_url: str) -> None:
    import redis

    store = RedisBudgetStore(redis_url, default_user_limit=1.0)
    t = _tenant()
    store.charge(t, "user:with:colons", 0.5)
    keys = list(redis.Redis.from_url(redis_url).scan_iter(match=f"veil:dp:{{{t}}}*"))
    assert keys and all(k.startswith(b"veil:dp:") for k in keys)
    assert store.spent(t, "user:with:colons") == 0.5 and store.spent(t, "user") == 0.0


def test_redis_down_fails_closed() -> None:
    from veil.errors import VaultUnavailableError

    store = RedisBudgetStore("redis://127.0.0.1:1/0")
    with pytest.raises(VaultUnavailableError):
        store.charge("t", "u", 1.0)


def test_redis_store_takes_sentinel_urls_and_fails_closed() -> None:
    """A Sentinel URL (as the vault accepts) builds a store; no reachable Sentinel refuses."""
    from veil.errors import ConfigError, VaultUnavailableError

    store = RedisBudgetStore("redis+sentinel://127.0.0.1:1/mymaster/0")
    with pytest.raises(VaultUnavailableError):
        store.charge("t", "u", 1.0)
    with pytest.raises(ConfigError, match="not a valid Redis URL"):
        RedisBudgetStore("redis+sentinel://127.0.0.1:notaport/mymaster")
