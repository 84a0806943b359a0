"""protect() of French, German and Spanish messages (the multilingual benchmark's samples,
150 a language), learned NER, vault writes, a new session per text: the median per text over
five rounds, in a row and with the processor's cache emptied before every call (as another
tool's work between two calls leaves it):

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s55/protect_languages_s55.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import CacheFlusher, _veil_runner
from veil.evaluation.multilingual import multilingual_samples

veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
flush = CacheFlusher()
for lang in ("fr", "de", "es"):
    texts = [s.text for s in multilingual_samples(lang, 150, 101)]
    for t in texts:
        run(t, 0)
    out = []
    for cold in (False, True):
        times = []
        for _ in range(5):
            for t in texts:
                if cold:
                    flush()
                t0 = time.perf_counter_ns()
                run(t, 0)
                times.append(time.perf_counter_ns() - t0)
        out.append(statistics.median(times) / 1e6)
    print(f"{lang}: median {out[0]:.3f} ms in a row, {out[1]:.3f} ms with the cache emptied")
