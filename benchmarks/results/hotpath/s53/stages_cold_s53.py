"""Where a cold cache costs protect() its time: each stage of a call timed with the cache warm
(the texts in a row) and emptied before every call (`CacheFlusher`, as `veil bench hotpath`'s
cold run does), learned NER, vault writes, a new session per text:

    python benchmarks/results/hotpath/s53/stages_cold_s53.py short|kb
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import veil.detect.engine as engine
import veil.detect.learned as learned
import veil.detect.patterns as patterns
import veil.mask.masker as masker
import veil.vault.base as vault
from veil.cli.bench_hotpath import CacheFlusher, _veil_runner, corpus
from veil.heap import settle_heap

acc: dict[str, float] = defaultdict(float)
timing = [False]


def timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def wrapper(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter_ns()
        try:
            return f(*a, **k)
        finally:
            if timing[0]:
                acc[name] += time.perf_counter_ns() - t0
    return wrapper


engine.normalize = timed("detection: normalise", engine.normalize)  # type: ignore[attr-defined]
learned._Runtime.begin = timed("detection: model input + short-input run",
                               learned._Runtime.begin)
patterns.PatternRecognizer.analyze = timed("detection: pattern recognizers",
                                           patterns.PatternRecognizer.analyze)
engine.DetectionEngine._run = timed("detection (all recognizers)", engine.DetectionEngine._run)
engine.DetectionEngine._finish = timed("detection: overlaps", engine.DetectionEngine._finish)
masker.Masker.mask_in = timed("masking (vault commit included)", masker.Masker.mask_in)
vault.SessionBatch.commit = timed("masking: vault commit", vault.SessionBatch.commit)
short, kb, _ = corpus(100, 20)
texts = short if sys.argv[1:] == ["short"] else kb
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for r in veil.engine().registry:
    if r.name in ("phone", "name_gazetteer"):
        r.analyze_language = timed(f"detection: {r.name}", r.analyze_language)
for t in short + kb + short:
    run(t, 0)
flush = CacheFlusher()
settle_heap()
out: dict[str, dict[str, float]] = {}
for mode in ("warm", "cold") * 3:
    acc.clear()
    total = 0
    for t in texts:
        if mode == "cold":
            flush()
        timing[0] = True
        t0 = time.perf_counter_ns()
        run(t, 0)
        total += time.perf_counter_ns() - t0
        timing[0] = False
    n = len(texts)
    row = {**{k: v / n / 1e3 for k, v in acc.items()}, "protect() in all": total / n / 1e3}
    for k, v in row.items():  # the lowest of three rounds: the least disturbed
        out.setdefault(mode, {})[k] = min(out.get(mode, {}).get(k, v), v)
print(f"{'us per text (best of 3 rounds)':44s} {'warm':>8s} {'cold':>8s} {'cold-warm':>9s}")
for k in out["warm"]:
    w, c = out["warm"][k], out["cold"].get(k, 0.0)
    print(f"{k:44s} {w:8.1f} {c:8.1f} {c - w:9.1f}")
