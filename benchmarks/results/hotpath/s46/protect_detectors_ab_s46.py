"""Two detector folders in one process, taking turns per text: ``protect()`` of the hot path's
short prompts and ~1 KB texts (NER cache off, a new session per text, as `veil bench hotpath`
runs Veil), the median wall time and the CPU time per call (the model's threads included).

    .venv/bin/python benchmarks/results/hotpath/s46/protect_detectors_ab_s46.py <folder A> \
        <folder B> [rounds]
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap


def main() -> None:
    folders = sys.argv[1:3]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    short, kb, _ = corpus(100, 20)
    runners = {}
    for folder in folders:
        os.environ["VEIL_DETECTOR_DIR"] = folder  # read when the recognizer is built
        _, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
        for t in short[:40] + kb[:4]:
            run(t, 0)
        runners[Path(folder).name] = run
    settle_heap()
    for label, texts in (("short", short), ("1kb", kb * 5)):
        wall: dict[str, list[float]] = {n: [] for n in runners}
        cpu: dict[str, float] = dict.fromkeys(runners, 0.0)
        for r in range(rounds):
            for i, text in enumerate(texts):
                names = list(runners) if (i + r) % 2 == 0 else list(runners)[::-1]
                for name in names:
                    c0, t0 = time.process_time(), time.perf_counter()
                    runners[name](text, i)
                    wall[name].append((time.perf_counter() - t0) * 1e3)
                    cpu[name] += time.process_time() - c0
        print(label, ", ".join(
            f"{n}: median {statistics.median(w):.3f} ms, CPU {cpu[n] * 1e3 / len(w):.3f} ms"
            for n, w in wall.items()))


if __name__ == "__main__":
    main()
