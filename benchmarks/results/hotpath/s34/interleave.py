"""Veil's protect() of each short prompt (learned backend, NER cache off), timed right after
something else: nothing, Presidio's analysis of the same prompt, a read of 64 MB or 4 MB of
memory, a 10 ms sleep. Three passes over 100 prompts each; medians.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/s34/interleave.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from veil.cli.bench_hotpath import _presidio_runner, _veil_runner, corpus
from veil.heap import settle_heap


def main() -> None:
    short, _, _ = corpus(100, 20)
    _, veil = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    presidio = _presidio_runner()
    for t in short[:40]:
        veil(t, 0)
        presidio(t, 0)
    settle_heap()
    big, small = np.ones(64 << 20, dtype=np.uint8), np.ones(4 << 20, dtype=np.uint8)
    before: dict[str, Callable[[str], object]] = {
        "alone": lambda t: None, "presidio": lambda t: presidio(t, 0),
        "sweep64MB": lambda t: big.sum(), "sweep4MB": lambda t: small.sum(),
        "sleep10ms": lambda t: time.sleep(0.01)}
    ms: dict[str, list[float]] = {k: [] for k in before}
    for _ in range(3):
        for name, first in before.items():
            for t in short:
                first(t)
                t0 = time.perf_counter()
                veil(t, 0)
                ms[name].append((time.perf_counter() - t0) * 1000)
    for name, xs in ms.items():
        print(f"{name:10s} median {statistics.median(xs):.2f} ms")


if __name__ == "__main__":
    main()
