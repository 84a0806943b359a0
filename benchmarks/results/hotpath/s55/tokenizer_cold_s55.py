"""What Blingfire's tokenizer costs inside protect() and alone: each call timed while the
texts go through protect() in a row (learned NER, vault writes), then the same pieces
through Blingfire alone, warm (its ~4 MB automaton cached):

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s55/tokenizer_cold_s55.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import blingfire

from veil.cli.bench_hotpath import _veil_runner, corpus

short, kb, _ = corpus(100, 20)
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb:
    run(t, 0)
real = blingfire.utf8text_to_ids_with_offsets
calls: list[tuple[bytes, float]] = []


def timed(h: int, raw: bytes, *a: object, **k: object) -> object:
    t0 = time.perf_counter_ns()
    out = real(h, raw, *a, **k)
    calls.append((raw, (time.perf_counter_ns() - t0) / 1e3))
    return out


blingfire.utf8text_to_ids_with_offsets = timed
handle = blingfire.load_model(str(Path(blingfire.__file__).with_name("bert_base_tok.bin")))
for label, texts in (("short", short), ("kb", kb)):
    calls.clear()
    for t in texts:
        run(t, 0)
    inside = [us for _, us in calls]
    pieces = [raw for raw, _ in calls]
    alone = []
    for _ in range(5):
        for raw in pieces:
            t0 = time.perf_counter_ns()
            real(handle, raw, len(raw) + 1, 100, no_padding=True)
            alone.append((time.perf_counter_ns() - t0) / 1e3)
    print(f"{label}: {len(pieces) / len(texts):.1f} calls per text, "
          f"{sum(map(len, pieces)) / len(pieces):.0f} bytes each; per call inside protect() "
          f"median {statistics.median(inside):.1f} us, alone (warm) "
          f"{statistics.median(alone):.1f} us; per text inside {sum(inside) / len(texts):.0f} us")
