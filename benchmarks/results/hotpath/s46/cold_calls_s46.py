"""What a short prompt's ``protect()`` costs called back to back, with Presidio's analyzer and
anonymizer run between two calls (as `veil bench hotpath` interleaves them), and with Presidio
then a 10 ms sleep between them; Presidio's own time alone and interleaved. Learned backend,
NER cache off, a new session per text.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/hotpath/s46/cold_calls_s46.py [rounds]
"""
from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from veil.cli.bench_hotpath import _presidio_runner, _veil_runner, corpus
from veil.heap import settle_heap


def timed(fn: Callable[[str, int], object], text: str, out: list[float]) -> None:
    t0 = time.perf_counter()
    fn(text, 0)
    out.append((time.perf_counter() - t0) * 1e3)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    short, kb, _ = corpus(100, 20)
    _, veil = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    presidio = _presidio_runner()
    for text in short[:40] + kb[:4]:
        veil(text, 0)
        presidio(text, 0)
    settle_heap()
    for _ in range(rounds):
        alone: dict[str, list[float]] = {"veil": [], "presidio": []}
        between: dict[str, list[float]] = {"veil": [], "presidio": []}
        slept: list[float] = []
        for text in short:
            timed(veil, text, alone["veil"])
        for text in short:
            timed(presidio, text, alone["presidio"])
        for text in short:
            timed(presidio, text, between["presidio"])
            timed(veil, text, between["veil"])
        for text in short:
            presidio(text, 0)
            time.sleep(0.01)
            timed(veil, text, slept)
        med = statistics.median
        print(f"Veil back to back {med(alone['veil']):.2f} ms, after Presidio "
              f"{med(between['veil']):.2f} ms, after Presidio and a 10 ms sleep "
              f"{med(slept):.2f} ms; Presidio alone {med(alone['presidio']):.2f} ms, "
              f"between Veil's calls {med(between['presidio']):.2f} ms")


if __name__ == "__main__":
    main()
