"""Detection alone (engine.analyze, NER off) counted by callgrind over the hot-path texts, after
a warm-up; run by detect_instructions_s82a.sh."""
import os, subprocess, sys, json
from veil.cli.bench_hotpath import corpus
from veil.detect.engine import DetectionEngine
from veil.config import Policy
short, kb, _ = corpus(30, 6)
texts = short if sys.argv[1] == "short" else kb
eng = DetectionEngine(Policy.model_validate({"ner": False}))
for t in texts + texts: eng.analyze(t)
me = str(os.getpid())
subprocess.run(["callgrind_control", "-i", "on", me], check=True, capture_output=True)
for t in texts: eng.analyze(t)
subprocess.run(["callgrind_control", "-i", "off", me], check=True, capture_output=True)
print(json.dumps({"texts": len(texts)}), flush=True)
