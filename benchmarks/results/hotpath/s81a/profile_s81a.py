"""Per-recognizer wall time (ranking only) and cProfile of protect() over the hot-path corpus.

    PYTHONPATH=<tree>/src python profile_s81a.py short|kb OUT_PREFIX [noner]

("noner": the NER off, so that the model's thread does not hold the GIL while a pattern
recognizer is timed.)"""
import collections
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import veil.detect.engine as E
from veil.cli.bench_hotpath import _veil_runner, corpus

which, outp = sys.argv[1], sys.argv[2]
short, kb, _ = corpus(30, 6)
texts = short if which == "short" else kb
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned",
                         use_ner=len(sys.argv) < 4)
for _ in range(2):
    for i, t in enumerate(texts):
        run(t, i)
tot: collections.Counter[str] = collections.Counter()
calls: collections.Counter[str] = collections.Counter()
orig = E._guarded


def timed(r: Any, call: Any, *a: Any) -> Any:
    t0 = time.perf_counter_ns()
    try:
        return orig(r, call, *a)
    finally:
        tot[r.name] += time.perf_counter_ns() - t0
        calls[r.name] += 1


E._guarded = timed  # type: ignore[assignment]
reps = 3
for _ in range(reps):
    for i, t in enumerate(texts):
        run(t, i)
E._guarded = orig
with open(outp + "_per_recognizer.txt", "w") as f:
    f.write(f"per text ({which}, {len(texts)} texts x {reps}), us, wall clock (ranking only)\n")
    n = len(texts) * reps
    for name, ns in tot.most_common(40):
        f.write(f"{name:40s} {ns/n/1000:9.1f} us  busy-calls/text {calls[name]/n:.2f}\n")
pr = cProfile.Profile()
pr.enable()
for i, t in enumerate(texts):
    run(t, i)
pr.disable()
pr.dump_stats(outp + ".prof")
with open(outp + "_cprofile.txt", "w") as f:
    st = pstats.Stats(pr, stream=f)
    st.sort_stats("tottime").print_stats(50)
    st.sort_stats("cumulative").print_stats(r"veil/detect", 60)
