"""protect() of the 1 MB text three times in one process (learned backend, NER cache off), with
the collector as Python leaves it (none), with the start-up frozen (freeze), or frozen and a
young threshold of 50,000 (thresh); prints the collections of each generation per call.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/hotpath/s34/gc_threshold.py thresh
"""
from __future__ import annotations

import base64
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from veil import Veil
from veil.cli.bench_hotpath import corpus
from veil.config import Policy, Settings


def main() -> None:
    mode = sys.argv[1]
    _, kb, mb = corpus(10, 4)
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()), master_key=key),
                policy=Policy(ner_backend="learned"))
    for r in veil.engine()._active():
        if hasattr(r, "cache_size"):
            r.cache_size = 0
    veil.protect(kb[0], session="warm-up")
    veil.protect(mb, session="warm-up-mb")
    if mode in ("freeze", "thresh"):
        gc.freeze()
    if mode == "thresh":
        gc.set_threshold(50_000, 20, 20)
    for i in range(3):
        before = [s["collections"] for s in gc.get_stats()]
        t0 = time.perf_counter()
        veil.protect(mb, session=f"mb-{i}")
        dt = time.perf_counter() - t0
        after = [s["collections"] for s in gc.get_stats()]
        print(mode, f"{dt:.3f} s", [b - a for a, b in zip(before, after, strict=True)])


if __name__ == "__main__":
    main()
