"""Detections of two trees on the 3,000 texts of `veil bench detect` (hard and Faker sets, seeds
101-103, learned NER), each tree in a process of its own; prints every text whose (type, start,
end, recognizer) set changed, with TP/FP against the gold.

    .venv/bin/python benchmarks/results/hotpath/s63/changed_detections_s63.py <base>/src
"""
import json, subprocess, sys, tempfile, os
from veil.evaluation.datasets import hard_samples, presidio_samples
samples = {}
for seed in (101, 102, 103):
    for i, s in enumerate(hard_samples(500, seed)): samples[f"hard-{seed}-{i}"] = s
    for i, s in enumerate(presidio_samples(500, seed)): samples[f"faker-{seed}-{i}"] = s
texts = {k: s.text for k, s in samples.items()}
CHILD = """
import json, sys
from veil.config import Policy
from veil.detect.engine import DetectionEngine
texts = json.load(open(sys.argv[1]))
eng = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
json.dump({k: [(d.type, d.start, d.end, d.recognizer) for d in eng.analyze(t)] for k, t in texts.items()}, open(sys.argv[2], "w"))
"""
d = tempfile.mkdtemp()
json.dump(texts, open(f"{d}/t.json", "w"))
outs = {}
for name, path in (("base", sys.argv[1]), ("new", "src")):
    env = dict(os.environ, PYTHONPATH=path)
    subprocess.run([sys.executable, "-c", CHILD, f"{d}/t.json", f"{d}/{name}.json"], env=env, check=True, stderr=subprocess.DEVNULL)
    outs[name] = json.load(open(f"{d}/{name}.json"))
def matches(p, g):
    ov = min(p[2], g.end) - max(p[1], g.start)
    return p[0] == g.type and ov > 0 and ov * 2 >= min(p[2]-p[1], g.end-g.start)
changed = 0
for k, s in samples.items():
    b = set(map(tuple, outs["base"][k])); n = set(map(tuple, outs["new"][k]))
    if b == n: continue
    changed += 1
    for p in sorted(n - b):
        ok = any(matches(p, g) for g in s.spans)
        ign = any(min(p[2], ig.end) > max(p[1], ig.start) for ig in s.ignored)
        print("+", k, p[0], p[3], "TP" if ok else ("ign" if ign else "FP"), repr(s.text[max(0,p[1]-30):p[2]+20]), repr(s.text[p[1]:p[2]]), [ (g.type, s.text[g.start:g.end]) for g in s.spans if min(p[2], g.end) > max(p[1], g.start)])
    for p in sorted(b - n):
        ok = any(matches(p, g) for g in s.spans)
        print("-", k, p[0], p[3], "TP" if ok else "FP", repr(s.text[p[1]:p[2]]))
print("changed texts", changed, "of", len(samples))
