"""Time spent finding marks (`patterns._find_marks`) per text of `veil bench hotpath`'s short and
~1 KB corpora inside `DetectionEngine.analyze` (learned NER, memo off), three passes; run with
``PYTHONPATH`` at each tree to compare (850 -> 590 us a ~1 KB prompt in the thirty-fifth round).

    PYTHONPATH=<tree>/src .venv/bin/python benchmarks/results/hotpath/s66/marks_time_s66.py
"""
import sys, time
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect import patterns as P
short, kb, _ = corpus(100, 20)
engine = DetectionEngine(Policy(ner_backend="learned"))
engine.registry.get("learned_ner").cache_size = 0
spent = [0.0]
orig = P._find_marks
def fm(mark, text):
    t0 = time.perf_counter()
    try: return orig(mark, text)
    finally: spent[0] += time.perf_counter() - t0
P._find_marks = fm
for name, texts in (("short", short), ("kb", kb)):
    for t in texts: engine.analyze(t)
    res = []
    for _ in range(3):
        spent[0] = 0
        for t in texts: engine.analyze(t)
        res.append(spent[0] / len(texts) * 1e6)
    print(name, "find_marks us/text", [round(x) for x in res])
