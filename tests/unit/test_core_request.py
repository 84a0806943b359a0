"""``Veil.protect_many``: a request's texts in one vault read and one all-or-nothing write, and
concurrent requests on one session still agree on one replacement per value."""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.vault import SQLiteVault

POLICY = Policy(ner=False)


class CountingVault(SQLiteVault):
    """The real SQLite vault, counting reads of a session and batched writes."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.calls: Counter[str] = Counter()

    def _delta(self, *args: Any, **kwargs: Any) -> Any:
        self.calls["read"] += 1
        return super()._delta(*args, **kwargs)

    def _commit(self, *args: Any, **kwargs: Any) -> Any:
        self.calls["write"] += 1
        return super()._commit(*args, **kwargs)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path, cache_dir=tmp_path / "cache")


def texts(ids: range) -> list[str]:
    return [f"Ticket {i}: write to cust{i % 5}@example.com, call +44 20 7946 {i % 5:04d}."
            for i in ids]


def test_a_request_is_one_read_and_one_write(settings: Settings) -> None:
    vault = CountingVault(settings)
    veil = Veil(settings, policy=POLICY, vault=vault)
    batch = [*texts(range(10)), "", "  "]
    out = veil.protect_many(batch, session="s")
    assert vault.calls == {"read": 1, "write": 1}
    assert [r.masked for r in out[-2:]] == ["", "  "]  # blank texts pass, in place
    assert not any(re.search(r"cust\d@example\.com", r.masked) for r in out)
    # One replacement per value across the texts: 5 customers, 5 placeholders.
    assert len({e.replacement for r in out for e in r.entities if e.type == "EMAIL"}) == 5
    # The texts one by one, afterwards, give the same masked texts and write nothing.
    vault.calls.clear()
    assert [veil.protect(t, session="s").masked for t in batch[:10]] == [
        r.masked for r in out[:10]]
    assert vault.calls["write"] == 0
    # A resend of the request: one read, no write, no detection (the memo).
    vault.calls.clear()
    assert veil.protect_many(batch, session="s") == out
    assert vault.calls == {"read": 1}
    for t, r in zip(batch, out, strict=True):
        assert veil.restore(r.masked, session="s") == t


def test_concurrent_requests_agree_on_one_replacement_per_value(settings: Settings) -> None:
    # Separate cores (separate in-process copies of the session) over one SQLite vault file,
    # racing to create the same mappings: compare-and-set makes the losers mask again.
    workers = [Veil(settings, policy=POLICY) for _ in range(4)]
    out: dict[int, list[str]] = {}
    start = threading.Barrier(len(workers))

    def run(k: int) -> None:
        start.wait()
        for j in range(3):  # overlapping values in every request of every worker
            base = (k * 3 + j) * 4
            out.setdefault(k, []).extend(
                r.masked for r in workers[k].protect_many(texts(range(base, base + 4)),
                                                          session="race")
            )

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(out) == list(range(len(workers))) and all(len(v) == 12 for v in out.values())
    by_customer: dict[int, set[str]] = {}
    for k, rows in out.items():
        for j, m in enumerate(rows):
            i = (k * 3 + j // 4) * 4 + j % 4
            assert f"Ticket {i}:" in m
            by_customer.setdefault(i % 5, set()).add(m.split("write to ")[1].split(", call")[0])
    assert all(len(v) == 1 for v in by_customer.values()), by_customer
    assert len({next(iter(v)) for v in by_customer.values()}) == 5


def _conversation(turn: int) -> str:
    """The user's message of one turn: some values new, some repeated, one value that only
    a later turn shows to be sensitive (a passport number, detected only after its word)."""
    return [
        "Please check the record X1234567 before Friday.",
        "Write to cust1@example.com and call +44 20 7946 0001.",
        "My passport number is X1234567, and cust1@example.com is my address.",
        "Nothing sensitive here, only a question about the weather.",
        "Also copy cust2@example.com; the record X1234567 again.",
        "Thanks, and call +44 20 7946 0002 tomorrow.",
    ][turn]


def _chat(veil: Veil, session: str) -> tuple[list[list[str]], list[int]]:
    """Six turns of a chat whose client resends the history (the answers restored): the
    masked texts of every request, and how many texts each request detected."""
    detected: list[int] = []
    stage = veil._detection
    real = stage.detect_many

    def counting(texts: Any, **kwargs: Any) -> Any:
        detected[-1] += len(texts)
        return real(texts, **kwargs)

    stage.detect_many = counting  # type: ignore[method-assign]
    history: list[str] = []
    masked: list[list[str]] = []
    for turn in range(6):
        detected.append(0)
        request = [*history, _conversation(turn)]
        out = veil.protect_many(request, session=session)
        masked.append([r.masked for r in out])
        answer = veil.restore(f"Noted: {out[-1].masked}", session=session)
        history = [*request, answer]
    return masked, detected


def test_a_resent_history_is_masked_as_without_the_memo_and_detected_once(
        tmp_path: Path) -> None:
    from veil.caches import TenantMemo

    with_memo = Veil(Settings(home=tmp_path / "a", cache_dir=tmp_path / "c"), policy=POLICY)
    without = Veil(Settings(home=tmp_path / "b", cache_dir=tmp_path / "c"), policy=POLICY)
    without._masking._memo = TenantMemo(0)
    masked, detected = _chat(with_memo, "s")
    reference, detected_without = _chat(without, "s")
    assert masked == reference
    # the passport number, in clear in the first message, is masked in every request from
    # the one that shows what it is, memo or not: never beside its own placeholder
    assert "X1234567" in masked[1][0]
    assert all("X1234567" not in m for request in masked[2:] for m in request)
    # with the memo, a request detects its new texts (the answer and the message) and those
    # the new values touch, not the whole history again
    assert all(n >= 2 * turn + 1 for turn, n in enumerate(detected_without))
    assert detected[0] == 1 and max(detected[3:]) <= 3, detected
