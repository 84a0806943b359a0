"""Interleaved A/B in one process: a multi-turn chat request masked one string at a time (the
path the gateway takes for a core without ``protect_many``, i.e. the code before the request
scope) against the request scope. Counts vault reads and writes and times
``Conversation.protect_chat``; results in ``gateway_s26_request_ab.txt``.

Usage: python benchmarks/results/gateway_s26_request_ab.py N TURNS NER(0/1)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from typing import Any

from veil.cli.bench_gateway import history, valued_prompt
from veil.config import Policy, Settings
from veil.core import Veil
from veil.gateway.privacy import Conversation
from veil.vault import SQLiteVault


class CountingVault(SQLiteVault):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.calls: Counter[str] = Counter()

    def _delta(self, *a: Any, **k: Any) -> Any:
        self.calls["read"] += 1
        return super()._delta(*a, **k)

    def _commit(self, *a: Any, **k: Any) -> Any:
        self.calls["write"] += 1
        return super()._commit(*a, **k)


class PerText:
    """The core without protect_many (delegates the rest): one protect per string."""

    def __init__(self, core: Veil) -> None:
        self._core = core

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)


def main() -> None:
    n, turns, ner = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
    home = tempfile.mkdtemp()
    settings = Settings(home=home, cache_dir=os.path.join(home, "c"))
    vault = CountingVault(settings)
    veil = Veil(settings, policy=Policy(ner=ner), vault=vault)
    veil.check_detector("default")
    times: dict[str, list[float]] = {"per_text": [], "request": []}
    calls: dict[str, Counter[str]] = {"per_text": Counter(), "request": Counter()}
    load0 = os.getloadavg()
    for i in range(n + 2):  # 2 warm-up rounds; the arm that goes first alternates
        arms = ("per_text", "request") if i % 2 == 0 else ("request", "per_text")
        for k, arm in enumerate(arms):
            tag = f"r{i}{arm}"
            text, _ = valued_prompt(i * 2 + k, tag=tag)
            body = {"model": "m", "messages": [*history(i * 2 + k, turns, tag=tag),
                                               {"role": "user", "content": text}]}
            core: Any = veil if arm == "request" else PerText(veil)
            conv = Conversation(core, "default", f"s-{tag}")
            vault.calls.clear()
            t0 = time.perf_counter()
            conv.protect_chat(body)
            dt = time.perf_counter() - t0
            if i >= 2:
                times[arm].append(dt)
                calls[arm].update(vault.calls)
    for arm, ts in times.items():
        print(f"{arm:9} turns={turns} ner={ner} median {statistics.median(ts) * 1e3:.1f} ms "
              f"mean {statistics.mean(ts) * 1e3:.1f} ms; per request: "
              f"reads {calls[arm]['read'] / n:.1f}, writes {calls[arm]['write'] / n:.1f}")
    print("load", [round(x, 2) for x in load0], "->", [round(x, 2) for x in os.getloadavg()])


if __name__ == "__main__":
    main()
