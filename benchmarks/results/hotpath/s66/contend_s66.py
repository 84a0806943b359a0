"""The same automaton pass in a loop alone and beside a numpy thread that keeps the other core busy
(no slowdown: the other core is not what makes the in-engine pass slow).

    .venv/bin/python benchmarks/results/hotpath/s66/contend_s66.py
"""
import threading, time, numpy as np
from veil.cli.bench_hotpath import corpus
from veil.detect.literals import STRINGS
from veil.config import Policy
from veil.detect.engine import DetectionEngine
short, kb, _ = corpus(100, 20)
e = DetectionEngine(Policy.model_validate({"ner": False}))
for t in kb: e.analyze(t)
def run():
    best = 1e9
    for _ in range(5):
        t0 = time.perf_counter()
        for t in kb: STRINGS.hits(t)
        best = min(best, time.perf_counter() - t0)
    return best / len(kb) * 1e6
print("alone", round(run(), 1))
stop = False
def busy():
    a = np.random.rand(400, 400).astype(np.float32)
    while not stop: a @ a
th = threading.Thread(target=busy); th.start()
print("beside a numpy thread", round(run(), 1))
stop = True; th.join()
