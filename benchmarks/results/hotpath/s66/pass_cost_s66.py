"""One pass of the marks' automaton (`literals.STRINGS.hits`) over the ~1 KB texts, inside the
engine (with the learned model, or with ``noner``: none) and in a loop; the quantiles of the
in-engine passes. Shows that the in-engine cost is the cold cache after the model, not the pass.

    .venv/bin/python benchmarks/results/hotpath/s66/pass_cost_s66.py ner|noner
"""
import sys, time
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.literals import STRINGS
short, kb, _ = corpus(100, 20)
pol = Policy.model_validate({"ner_backend": "learned", "ner": sys.argv[1] == "ner"})
e = DetectionEngine(pol)
ner = e.registry.get("learned_ner")
if ner is not None:
    ner.cache_size = 0
    import os
    if os.environ.get("SYNC"): ner.run_async = False
for t in kb: e.analyze(t)
calls = []; nh = []
o = STRINGS.hits
def h(text):
    t0 = time.perf_counter(); r = o(text); calls.append(time.perf_counter() - t0); return r
STRINGS.hits = h
for _ in range(3):
    for t in kb: e.analyze(t)
print(sys.argv[1], 'in-engine us/pass', round(sum(calls)/len(calls)*1e6, 1))
calls.clear()
for _ in range(3):
    for t in kb: STRINGS.hits(t); STRINGS.hits(t.lower())
print(sys.argv[1], 'standalone us/pass', round(sum(calls)/len(calls)*1e6, 1))
calls.clear()
for _ in range(3):
    for t in kb: e.analyze(t)
import statistics
c = sorted(x*1e6 for x in calls)
print("quantiles", [round(c[int(q*len(c))-1]) for q in (0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0)])
