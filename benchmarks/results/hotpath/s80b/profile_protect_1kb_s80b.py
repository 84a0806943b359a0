"""cProfile of protect() on the hot-path corpus's ~1 KB texts (`veil bench hotpath --kb 6`'s),
a new session per call, after a warm-up: the shares of the recognizers, the passes after them
(`DetectionEngine._finish`), masking and the vault write.

    PYTHONPATH=<tree>/src .venv/bin/python benchmarks/results/hotpath/s80b/profile_protect_1kb_s80b.py
"""
from __future__ import annotations

import cProfile
import pstats
import tempfile
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus

_, kb, _ = corpus(30, 6)
with tempfile.TemporaryDirectory() as home:
    _, call = _veil_runner(Path(home), ner_cache=False, ner_backend="learned")
    for t in kb + kb:
        call(t, 0)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(3):
        for t in kb:
            call(t, 0)
    prof.disable()
stats = pstats.Stats(prof)
total = next(v[3] for k, v in stats.stats.items() if k[2] == "protect" and "core.py" in k[0])
print(f"protect() total {total:.3f} s for {3 * len(kb)} calls (cProfile)")
for label, file, fn in (
        ("detection (engine.analyze_batch)", "engine.py", "analyze_batch"),
        ("  recognizers (DetectionEngine._run)", "engine.py", "_run"),
        ("  after the recognizers (DetectionEngine._finish)", "engine.py", "_finish"),
        ("    resolve_overlaps", "engine.py", "resolve_overlaps"),
        ("    names_beside", "beside_names.py", "names_beside"),
        ("    _names_again", "engine.py", "_names_again"),
        ("masking (Masker._mask)", "masker.py", "_mask"),
        ("vault write (SessionBatch.commit)", "base.py", "commit"),
        ("vault read (Vault.view)", "base.py", "view")):
    cum = sum(v[3] for k, v in stats.stats.items() if k[2] == fn and k[0].endswith(file))
    print(f"{label:52s} {cum:7.3f} s  {100 * cum / total:5.1f}%")
