"""protect() of the 1 MB text three times in one process (learned backend, NER cache off), with
the collector as Python leaves it (none), with the start-up frozen (freeze), or frozen and a
young threshold of 50,000 (thresh); prints the collections of each generation per call.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/hotpath/s34/gc_threshold.py thresh
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus


def main() -> None:
    mode = sys.argv[1]
    _, kb, mb = corpus(10, 4)
    # the hot-path bench's own Veil: learned backend, NER cache off, a new session per call
    _, protect = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    protect(kb[0], 0)
    protect(mb, 0)
    if mode in ("freeze", "thresh"):
        gc.freeze()
    if mode == "thresh":
        gc.set_threshold(50_000, 20, 20)
    for _ in range(3):
        before = [s["collections"] for s in gc.get_stats()]
        t0 = time.perf_counter()
        protect(mb, 0)
        dt = time.perf_counter() - t0
        after = [s["collections"] for s in gc.get_stats()]
        print(mode, f"{dt:.3f} s", [b - a for a, b in zip(before, after, strict=True)])


if __name__ == "__main__":
    main()
