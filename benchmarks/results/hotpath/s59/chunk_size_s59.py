"""analyze() of `veil bench hotpath`'s 1 MB document (learned backend, no memo) with one
detection worker and chunks of 32, 64 and 128 KB: an engine and a worker per size in one
process, the sizes taking turns for four rounds; the median per size:

    VEIL_DETECTOR_DIR=<detector> python benchmarks/results/hotpath/s59/chunk_size_s59.py
"""
from __future__ import annotations

import statistics
import time

from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.shards import ShardPool
from veil.heap import settle_heap

mb = corpus(10, 5)[2]
engines: dict[int, DetectionEngine] = {}
for size in (32_000, 64_000, 128_000):
    pool = ShardPool(1, chunk_chars=size)
    engine = DetectionEngine(Policy(ner_backend="learned"), shards=pool)
    for r in engine.registry:
        if hasattr(r, "cache_size"):
            r.cache_size = 0
    pool.prepare(engine)
    engine.analyze(mb)
    engines[size] = engine
settle_heap()
times: dict[int, list[float]] = {size: [] for size in engines}
for _ in range(4):
    for size, engine in engines.items():
        t0 = time.perf_counter()
        engine.analyze(mb)
        times[size].append(time.perf_counter() - t0)
for size, ts in times.items():
    print(f"{size // 1000} KB chunks: median {statistics.median(ts):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in ts)})")
