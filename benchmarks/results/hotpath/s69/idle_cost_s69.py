"""The pattern recognizers' `idle` tests over `veil bench hotpath`'s short or ~1 KB texts (learned
NER): the engine's `analyze` per text, a first pass of every recognizer's `idle` inside a
`shared_matches` block (the anchors' searches) and a second one (what asking again costs), and how
many recognizers are idle, the fastest of five passes:

    .venv/bin/python benchmarks/results/hotpath/s69/idle_cost_s69.py short|kb
"""
import time, sys
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import shared_matches
from veil.detect.normalize import normalize
short, kb, _ = corpus(100, 20)
e = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
rs = e.recognizers()
texts = [normalize(t).text for t in (short if sys.argv[1]=="short" else kb)]
for t in texts: e.analyze(t)
best_an = best_idle = best_idle2 = 1e9
for _ in range(5):
    t0 = time.perf_counter()
    for t in texts: e.analyze(t)
    best_an = min(best_an, time.perf_counter() - t0)
    tot = 0; tot2 = 0; nidle = 0
    for t in texts:
        with shared_matches():
            a = time.perf_counter()
            v = [r.idle(t) for r in rs]
            b = time.perf_counter()
            v2 = [r.idle(t) for r in rs]
            c = time.perf_counter()
        tot += b - a; tot2 += c - b; nidle += sum(v)
    best_idle = min(best_idle, tot); best_idle2 = min(best_idle2, tot2)
n = len(texts)
print(f"analyze {best_an/n*1e6:.0f} us; idle cold {best_idle/n*1e6:.0f} us; idle warm {best_idle2/n*1e6:.0f} us; idle {nidle/n:.0f} of {len(rs)}")
