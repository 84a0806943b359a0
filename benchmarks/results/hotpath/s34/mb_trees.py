"""protect() of the 1 MB text (learned backend, NER cache off), twice, in a fresh process of
the tree whose src/ is the first argument, after the collector is set as its gateway sets it.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/s34/mb_trees.py <src>
"""
from __future__ import annotations

import sys

sys.path.insert(0, sys.argv[1])

import gc  # noqa: E402 - after the tree is chosen
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from veil.cli.bench_hotpath import _veil_runner, corpus  # noqa: E402


def main() -> None:
    short, kb, mb = corpus(10, 4)
    # the hot-path bench's own Veil: learned backend, NER cache off, a new session per call
    _, protect = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    for t in short + kb:
        protect(t, 0)
    try:
        from veil.heap import settle_heap
        settle_heap()
        how = "settle_heap"
    except ImportError:  # a tree from before it: the gateway froze the heap only
        gc.freeze()
        how = "gc.freeze"
    seconds = []
    for _ in range(2):
        t0 = time.perf_counter()
        protect(mb, 0)
        seconds.append(time.perf_counter() - t0)
    print(sys.argv[1], how, " ".join(f"{s:.2f}" for s in seconds), flush=True)


if __name__ == "__main__":
    main()
