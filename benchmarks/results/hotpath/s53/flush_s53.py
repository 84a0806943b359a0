"""What Presidio's work between two of Veil's calls costs Veil, and what emptying the cache
costs it instead: protect() per short prompt (learned NER, vault writes, a new session per
text) with nothing run before each call, 4 MiB written (twice the L2 cache), twice the
last-level cache written (`CacheFlusher`), or one Presidio call (interleaved); five rounds:

    python benchmarks/results/hotpath/s53/flush_s53.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from veil.cli.bench_hotpath import CacheFlusher, _presidio_runner, _veil_runner, corpus
from veil.heap import settle_heap

short, kb, _ = corpus(100, 20)
presidio = _presidio_runner()
_, veil = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb + short:
    presidio(t, 0)
    veil(t, 0)
turn = iter(range(1 << 62))
before: dict[str, Callable[[], object]] = {
    "nothing (alone)": lambda: None,
    "4 MiB written": CacheFlusher(cache_bytes=2 << 20),
    "twice the last-level cache written": CacheFlusher(),
    "one Presidio call (interleaved)": lambda: presidio(short[next(turn) % len(short)], 0),
}
settle_heap()
times: dict[str, list[float]] = {k: [] for k in before}
for _ in range(5):
    for name, run_before in before.items():
        for t in short:
            run_before()
            t0 = time.perf_counter()
            veil(t, 0)
            times[name].append(time.perf_counter() - t0)
for name, ms in times.items():
    print(f"{name:36s} median {statistics.median(ms) * 1e3:.3f} ms  "
          f"mean {statistics.mean(ms) * 1e3:.3f} ms")
