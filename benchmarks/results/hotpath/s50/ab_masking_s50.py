"""Masking alone (Masker.mask_many_in with the engine's detections computed beforehand, vault
writes, a new session per text) on `veil bench hotpath`'s short and ~1 KB texts, back to back:
the median per text. Run it for a base and for the change in turns:

    PYTHONPATH=<worktree of the base>/src python benchmarks/results/hotpath/s50/ab_masking_s50.py
    python benchmarks/results/hotpath/s50/ab_masking_s50.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import veil
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.config import Policy
from veil.detect.entity import Detection
from veil.heap import settle_heap
from veil.mask.masker import Masker

short, kb, _ = corpus(100, 20)
v, _ = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
engine = v.engine()
sessions = iter(range(1 << 62))


def once(masker: Masker, texts: list[str], found: list[list[Detection]]) -> list[float]:
    per = []
    for t, d in zip(texts, found, strict=True):
        t0 = time.perf_counter()
        masker.mask_many_in([(t, d)], tenant="default", session=f"ab-{next(sessions)}")
        per.append(time.perf_counter() - t0)
    return per


out = []
for name, texts in (("short", short), ("kb", kb)):
    found = [engine.analyze(t) for t in texts]
    masker = Masker(v.vault, Policy.model_validate({"ner_backend": "learned"}))
    for _ in range(3):
        once(masker, texts, found)
    settle_heap()
    per = [x for _ in range(15) for x in once(masker, texts, found)]
    out.append(f"{name} mask median {statistics.median(per) * 1e3:.3f} ms")
print(veil.__file__, " | ".join(out))
