"""The learned model on the batches of `veil bench hotpath`'s 1 MB document (the pieces the
gate sends it): in the caller's one-thread session, on the two-thread background session, and
on single-thread lanes side by side; whether all three give the same logits. Best of three.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/hotpath/s48/lanes_1mb_s48.py
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from veil.cli.bench_hotpath import corpus
from veil.detect.learned import _AsyncRuns, detector_dir, load_runtime
from veil.detect.ner import ner_spans
from veil.train.casing import WordCases


def _best(run: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    times, out = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    big = corpus(10, 2)[2]
    rt = load_runtime(detector_dir())
    rt.tokenizer.load()
    pieces = [big[s:e] for s, e in ner_spans(big, margin=None)]
    windows, cases = [], {}
    for i, enc in enumerate(rt.tokenizer.encode_batch(pieces)):
        words = WordCases(pieces[i])
        for k, w in enumerate([enc, *enc.overflowing]):
            windows.append((i, k, w))
            cases[(i, k)] = words.ids(w.offsets)
    feeds = [rt._feed(chunk, cases) for chunk in rt._packed(windows, 32)]
    tokens = sum(len(w.ids) for _, _, w in windows)
    print(f"{sum(map(len, pieces))} characters to the model, {tokens} tokens, {len(feeds)} batches")
    caller = _best(lambda: [rt._run(f) for f in feeds])
    background = _best(lambda: _AsyncRuns(rt.background(), feeds).wait())
    lanes = _best(lambda: rt.lanes().start(feeds)())
    for name, (s, _) in (("caller, 1 thread", caller), ("background, 2 threads", background),
                         ("lanes", lanes)):
        print(f"{name}: {s:.2f} s")
    same = all(np.array_equal(a, b) and np.array_equal(a, c)
               for a, b, c in zip(caller[1], background[1], lanes[1], strict=True))
    print("the same logits:", same)


if __name__ == "__main__":
    main()
