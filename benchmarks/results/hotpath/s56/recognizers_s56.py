"""Each recognizer's time per prompt (warm, learned backend, every language) on `veil bench
gateway`'s ~1 KB prompts, as the engine runs them after 200 other prompts (the learned one
includes the name heuristics and its wait for the model):

    [PYTHONPATH=<tree>/src] VEIL_DETECTOR_DIR=<detector> python \
        benchmarks/results/hotpath/s56/recognizers_s56.py
"""
from __future__ import annotations

import collections
import time
from collections.abc import Callable
from typing import Any

import veil.detect.engine as engine_mod
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy


def main() -> None:
    engine = engine_mod.DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
    engine.prepare()
    prompts = [valued_prompt(900_000 + i, tag=f"u{i}")[0] for i in range(300)]
    # 200 other prompts first: past the 16 KB after which a process loads Blingfire by itself
    # (a tree whose prepare() does not load it would pay for it in the timed loop)
    for i in range(200):
        engine.analyze(valued_prompt(500_000 + i, tag=f"w{i}")[0])
    spent: collections.Counter[str] = collections.Counter()
    real = engine_mod._guarded

    def timed(r: Any, call: Callable[[], Any]) -> Any:
        t0 = time.perf_counter_ns()
        try:
            return real(r, call)
        finally:
            spent[r.name] += time.perf_counter_ns() - t0

    engine_mod._guarded = timed
    t0 = time.perf_counter_ns()
    for p in prompts:
        engine.analyze(p)
    total = time.perf_counter_ns() - t0
    print(f"analyze {total / len(prompts) / 1e3:.0f} us a prompt, recognizers "
          f"{sum(spent.values()) / len(prompts) / 1e3:.0f}")
    for name, ns in spent.most_common(12):
        print(f"{ns / len(prompts) / 1e3:7.1f} us  {name}")


if __name__ == "__main__":
    main()
