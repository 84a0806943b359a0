"""CPU time (this thread) in the analyze() of the pattern recognizers that require a context
word: the 1 MB document once, then the six ~1 KB texts three times (learned backend, no
worker). Run with PYTHONPATH=<tree>/src for each tree."""
import sys, tempfile, time
from pathlib import Path
from veil.cli.bench_hotpath import corpus, _veil_runner
from veil.detect import patterns
short, kb, big = corpus(30, 6)
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned", detect_workers=0)
run(big[:20000], 0)
orig = patterns.PatternRecognizer.analyze
tot = {"long": 0.0, "short": 0.0}
def analyze(self, text):
    t0 = time.thread_time(); r = orig(self, text)
    if self.context_required: tot["long" if len(text) > 100000 else "short"] += time.thread_time() - t0
    return r
patterns.PatternRecognizer.analyze = analyze
run(big, 0); print("1mb ctx-required analyze ms", tot["long"] * 1e3)
for i in range(3):
    for t in kb: run(t, 0)
print("kb x18 ms", tot["short"] * 1e3)
