"""Whether the numerical library's threads that Presidio's model wakes (OpenBLAS, two here)
slow Veil's next call: protect() and Presidio interleaved text by text, then each alone, three
rounds, in one process; run it with and without ``OPENBLAS_NUM_THREADS=1``:

    python benchmarks/results/hotpath/s53/blas_threads_s53.py default
    OPENBLAS_NUM_THREADS=1 python benchmarks/results/hotpath/s53/blas_threads_s53.py one
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _presidio_runner, _veil_runner, corpus
from veil.heap import settle_heap


def median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1e3


short, kb, _ = corpus(100, 20)
presidio = _presidio_runner()
_, veil = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short[:40] + kb[:4]:
    presidio(t, 0)
    veil(t, 0)
settle_heap()
for label, texts in (("short", short), ("1kb", kb)):
    inter_v: list[float] = []
    inter_p: list[float] = []
    alone_v: list[float] = []
    alone_p: list[float] = []
    for _ in range(3):
        for t in texts:
            t0 = time.perf_counter()
            presidio(t, 0)
            t1 = time.perf_counter()
            veil(t, 0)
            inter_p.append(t1 - t0)
            inter_v.append(time.perf_counter() - t1)
        for fn, into in ((veil, alone_v), (presidio, alone_p)):
            for t in texts:
                t0 = time.perf_counter()
                fn(t, 0)
                into.append(time.perf_counter() - t0)
    iv, ip, av, ap = map(median_ms, (inter_v, inter_p, alone_v, alone_p))
    print(f"{sys.argv[1]:8s} {label:5s} interleaved Veil {iv:.2f} ms, Presidio {ip:.2f} "
          f"({ip / iv:.2f}x) | alone Veil {av:.2f}, Presidio {ap:.2f} ({ap / av:.2f}x)")
