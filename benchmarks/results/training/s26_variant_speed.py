"""A/B speed of NER backends, interleaved in one process: spaCy vs learned variants (int8/fp32, 1/2 layers, window, batch). Run: VARIANTS=... N=20 REPS=2 OUT=... .venv/bin/python benchmarks/results/training/s26_variant_speed.py [student torch folder]."""
import json, os, shutil, statistics, sys, time
from pathlib import Path
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
import torch
from veil.train import model as M, distill, export as X
from veil.detect.learned import LearnedNerRecognizer, load_runtime
from veil.detect.ner import SpacyNerRecognizer
from veil.evaluation.datasets import hard_samples, long_texts, presidio_samples

root = Path("/tmp/train26/variants"); root.mkdir(parents=True, exist_ok=True)
src = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/train/det-h128/torch")
student = M.load(src)
variants = {}
for layers in (2, 1):
    m = student if layers == student.num_layers else distill.student_from(student, layers)
    for int8 in (True, False):
        name = f"L{layers}-{'int8' if int8 else 'fp32'}"
        d = root / name
        if not (d / "model.onnx").exists():
            X.export_detector(m, d, int8=int8)
        variants[name] = d
# max_length 64 windows (same fp32 L2 model, different window)
d64 = root / "L2-fp32-win64"
if not d64.exists():
    shutil.copytree(variants["L2-fp32"], d64)
    meta = json.loads((d64 / "detector.json").read_text()); meta["max_length"] = 64
    (d64 / "detector.json").write_text(json.dumps(meta))
variants["L2-fp32-win64"] = d64

samples = presidio_samples(100, 101) + hard_samples(100, 101)
texts = long_texts(samples, size=1000, count=int(os.environ.get("N", 30)))
sp = SpacyNerRecognizer(); sp.cache_size = 0
recs = {"spacy": sp}
# at most 4 folders per process: the runtime cache holds 4 sessions (more would reload each call)
pick = os.environ.get("VARIANTS", "L2-int8,L2-fp32,L1-int8,L1-fp32").split(",")
for k in pick:
    if k == "L2-fp32-noheur":
        recs[k] = LearnedNerRecognizer(variants["L2-fp32"], name_heuristics=False)
    elif k == "L2-fp32-b8":
        recs[k] = LearnedNerRecognizer(variants["L2-fp32"], batch_size=8)
    else:
        recs[k] = LearnedNerRecognizer(variants[k])
for r in recs.values():
    r.analyze("Warm up, Mr. Smith from Paris.")
wall = {k: [] for k in recs}; cpu = {k: [] for k in recs}
load0 = os.getloadavg()
for _ in range(int(os.environ.get("REPS", 3))):
    for t in texts:
        for k, r in recs.items():
            w0, c0 = time.perf_counter(), time.process_time()
            r.analyze(t)
            c1, w1 = time.process_time(), time.perf_counter()
            kb = len(t.encode()) / 1000
            wall[k].append((w1 - w0) * 1000 / kb); cpu[k].append((c1 - c0) * 1000 / kb)
# ONNX-only share for the L2 variants
res = {"load_before": load0, "load_after": os.getloadavg(), "texts": len(texts), "rows": {}}
for k in recs:
    res["rows"][k] = {"wall_ms_per_kb": round(statistics.median(wall[k]), 2),
                      "cpu_ms_per_kb": round(statistics.median(cpu[k]), 2)}
for k in recs:
    r = res["rows"][k]
    r["cpu_speedup_vs_spacy"] = round(res["rows"]["spacy"]["cpu_ms_per_kb"] / r["cpu_ms_per_kb"], 2)
    r["wall_speedup_vs_spacy"] = round(res["rows"]["spacy"]["wall_ms_per_kb"] / r["wall_ms_per_kb"], 2)
print(json.dumps(res, indent=1))
Path(os.environ.get("OUT", "/tmp/train26/speed.json")).write_text(json.dumps(res, indent=1))
