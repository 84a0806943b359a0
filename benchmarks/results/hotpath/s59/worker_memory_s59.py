"""Resident memory of a detection worker and of its caller over five protect()-less analyses of
`veil bench hotpath`'s 1 MB document (learned backend, no memo), with the time of each and the
chunks the worker has read so far:

    VEIL_DETECTOR_DIR=<detector> python benchmarks/results/hotpath/s59/worker_memory_s59.py
"""
from __future__ import annotations

import os
import time

from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.shards import ShardPool


def rss_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))


mb = corpus(10, 5)[2]
pool = ShardPool(1)
engine = DetectionEngine(Policy(ner_backend="learned"), shards=pool)
for r in engine.registry:
    if hasattr(r, "cache_size"):
        r.cache_size = 0
t0 = time.perf_counter()
engine.prepare()
(worker,) = pool.workers()
print(f"prepared in {time.perf_counter() - t0:.1f} s: worker {rss_mb(worker.proc.pid)} MB, "
      f"caller {rss_mb(os.getpid())} MB")
for i in range(5):
    t0 = time.perf_counter()
    engine.analyze(mb)
    print(f"call {i}: {time.perf_counter() - t0:.2f} s, worker {rss_mb(worker.proc.pid)} MB, "
          f"caller {rss_mb(os.getpid())} MB, chunks read by the worker {pool.chunks_read}")
