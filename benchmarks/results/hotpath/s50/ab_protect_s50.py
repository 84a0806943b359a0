"""protect() of `veil bench hotpath`'s short and ~1 KB texts back to back, in one process (learned
NER, vault writes, a new session per text): the median per text. Run it for a base and for the
change in turns:

    PYTHONPATH=<worktree of the base>/src python benchmarks/results/hotpath/s50/ab_protect_s50.py
    python benchmarks/results/hotpath/s50/ab_protect_s50.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import veil
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap

print(veil.__file__)
short, kb, _ = corpus(100, 20)
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb:
    run(t, 0)
settle_heap()
for name, texts in (("short", short), ("kb", kb)):
    per = []
    for _ in range(15):
        for t in texts:
            t0 = time.perf_counter()
            run(t, 0)
            per.append(time.perf_counter() - t0)
    median, mean = statistics.median(per) * 1e3, statistics.fmean(per) * 1e3
    print(name, f"median {median:.3f} ms mean {mean:.3f}")
