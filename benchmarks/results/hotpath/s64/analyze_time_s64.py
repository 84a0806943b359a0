"""``DetectionEngine.analyze`` per text of `veil bench hotpath`'s short and ~1 KB corpora
(learned NER), the fastest of seven passes; run it with ``PYTHONPATH`` at each tree (or at each
commit's ``git archive``) to compare them, in turns on a quiet host.

    PYTHONPATH=<tree>/src .venv/bin/python benchmarks/results/hotpath/s64/analyze_time_s64.py
"""

from __future__ import annotations

import time

from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine

short, kb, _ = corpus(100, 20)
engine = DetectionEngine(Policy(ner_backend="learned"))
for t in kb + short:
    engine.analyze(t)


def best(texts: list[str], passes: int = 7) -> float:
    fastest = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        for t in texts:
            engine.analyze(t)
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest / len(texts) * 1e3


print(f"short {best(short):.3f} ms  kb {best(kb):.3f} ms")
