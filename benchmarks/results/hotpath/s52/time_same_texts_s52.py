"""Wall, user and system time per text of Veil's protect() (learned NER, vault writes, a new
session per text) and Presidio's analyzer + anonymizer on the texts `veil bench instructions`
counts by default (`corpus(50, 6)`: 50 short prompts, six ~1 KB texts), each tool alone over a
set, the tools taking turns, twice:

    python benchmarks/results/hotpath/s52/time_same_texts_s52.py
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _presidio_runner, _veil_runner, corpus
from veil.heap import settle_heap

short, kb, _ = corpus(50, 6)
presidio = _presidio_runner()
_, veil = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb + short:
    presidio(t, 0)
    veil(t, 0)
settle_heap()
for label, texts, rounds in (("short", short, 10), ("1kb", kb, 20)):
    for name, fn in (("presidio", presidio), ("veil", veil)) * 2:
        r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        for _ in range(rounds):
            for t in texts:
                fn(t, 0)
        r1, w1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        n = rounds * len(texts)
        print(f"{label:5s} {name:8s} wall {(w1 - w0) / n * 1e3:7.3f} ms  user "
              f"{(r1.ru_utime - r0.ru_utime) / n * 1e3:7.3f}  system "
              f"{(r1.ru_stime - r0.ru_stime) / n * 1e3:6.3f}")
