"""protect() of the 1 MB text (learned backend, NER cache off), twice, in a fresh process of
the tree whose src/ is the first argument, after the collector is set as its gateway sets it.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/s34/mb_trees.py <src>
"""
from __future__ import annotations

import sys

sys.path.insert(0, sys.argv[1])

import base64  # noqa: E402 - after the tree is chosen
import gc  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from veil import Veil  # noqa: E402
from veil.cli.bench_hotpath import corpus  # noqa: E402
from veil.config import Policy, Settings  # noqa: E402


def main() -> None:
    short, kb, mb = corpus(10, 4)
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()), master_key=key),
                policy=Policy(ner_backend="learned"))
    for r in veil.engine()._active():
        if hasattr(r, "cache_size"):
            r.cache_size = 0
    for t in short + kb:
        veil.protect(t, session="warm-up")
    try:
        from veil.heap import settle_heap
        settle_heap()
        how = "settle_heap"
    except ImportError:  # a tree from before it: the gateway froze the heap only
        gc.freeze()
        how = "gc.freeze"
    seconds = []
    for i in range(2):
        t0 = time.perf_counter()
        veil.protect(mb, session=f"mb-{i}")
        seconds.append(time.perf_counter() - t0)
    print(sys.argv[1], how, " ".join(f"{s:.2f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
