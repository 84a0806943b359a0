"""protect() of the hot-path texts with the learned model on its own thread for every input
(_BACKGROUND_TOKENS = 0) against the default (a short prompt stays in the caller), in turns in one
process: the median per text of each round. Output: background_model.txt."""
from pathlib import Path
import veil.detect.learned as L
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap
short, kb, _ = corpus(100, 20)
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb: run(t, 0)
L._BACKGROUND_TOKENS = 0
for t in short + kb: run(t, 0)
settle_heap()
res = {}
for rnd in range(3):
    for thr in (192, 0):
        L._BACKGROUND_TOKENS = thr
        for name, texts in (("short", short), ("kb", kb)):
            per = []
            for _ in range(8):
                for t in texts:
                    t0 = time.perf_counter(); run(t, 0); per.append(time.perf_counter() - t0)
            res.setdefault((name, thr), []).append(statistics.median(per) * 1e3)
for k, v in sorted(res.items()): print(k, " ".join(f"{x:.3f}" for x in v))
