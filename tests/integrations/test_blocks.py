"""A block of texts costs one vault read and one all-or-nothing write, and concurrent blocks
over one Redis vault still give every value one replacement."""

from __future__ import annotations

import base64
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from veil.config import Policy, Settings
from veil.core import Veil
from veil.integrations.blocks import protect_texts

pytestmark = pytest.mark.redis
POLICY = Policy(default_operator="pseudonym", ner=False)


@pytest.fixture
def settings(redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/13"
    redis.Redis.from_url(url).flushdb()
    yield Settings(vault_backend="redis", redis_url=url, home=tmp_path / "home",
                   master_key=base64.b64encode(os.urandom(32)).decode())


def texts(ids: range) -> list[str]:
    return [f"Ticket {i}: write to cust{i % 7}@example.com or call +44 20 7946 {i % 7:04d}."
            for i in ids]


def count_calls(veil: Veil) -> dict[str, int]:
    calls = {"_delta": 0, "_commit": 0}
    vault: Any = veil.vault
    for name in calls:
        real = getattr(vault, name)

        def spy(*a: Any, _real: Any = real, _name: str = name, **kw: Any) -> Any:
            calls[_name] += 1
            return _real(*a, **kw)

        setattr(vault, name, spy)
    return calls


def test_a_block_is_one_read_and_one_write(settings: Settings) -> None:
    veil = Veil(settings, policy=POLICY)
    calls = count_calls(veil)
    block = texts(range(40))
    masked = protect_texts(veil, [*block, "", "   "], session="ds")
    assert calls == {"_delta": 1, "_commit": 1}
    assert masked[-2:] == ["", "   "]  # blank texts pass unchanged, in place
    assert not any(re.search(r"cust\d@example\.com", m) for m in masked)  # all replaced
    # The same value, one replacement across the block: 7 customers, 7 distinct pseudonyms.
    emails = {m.split("write to ")[1].split(" or")[0] for m in masked[:40]}
    assert len(emails) == 7
    # A second process redoing the block (a resumed run) reads, writes nothing, same output.
    other = Veil(settings, policy=POLICY)
    calls = count_calls(other)
    assert protect_texts(other, block, session="ds") == masked[:40]
    assert calls == {"_delta": 1, "_commit": 0}
    # ...and the per-text path agrees with the block path.
    assert other.protect(block[3], session="ds").masked == masked[3]


def test_concurrent_blocks_agree_on_one_replacement_per_value(settings: Settings) -> None:
    workers = [Veil(settings, policy=POLICY) for _ in range(3)]  # separate views, one vault
    out: dict[int, list[str]] = {}
    start = threading.Barrier(len(workers))

    def run(k: int) -> None:
        start.wait()
        # overlapping values in every block: all three race to create the same mappings
        out[k] = protect_texts(workers[k], texts(range(k * 30, k * 30 + 30)), session="ds")

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    rows = [m for k in sorted(out) for m in out[k]]
    assert len(rows) == 90
    by_customer: dict[int, set[str]] = {}
    for i, m in enumerate(rows):
        by_customer.setdefault(i % 7, set()).add(m.split("write to ")[1].split(" or")[0])
    assert all(len(v) == 1 for v in by_customer.values()), by_customer
    assert len({next(iter(v)) for v in by_customer.values()}) == 7
