"""A/B of overlap containment on `veil bench detect`'s corpora, one process, same data.

Off: every recognizer counts as statistical, so no container displaces a shorter winner (the
previous rule). Run: .venv/bin/python benchmarks/results/detect/containment_ab_s26.py
"""
from __future__ import annotations

import json
import os
import sys

import veil.detect.engine as eng
from veil.config import Policy
from veil.detect import DetectionEngine
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.detection import score, veil_detector

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
data = []
for sd in (101, 102, 103):
    data += presidio_samples(n, sd) + hard_samples(n, sd)
engine = DetectionEngine(Policy())
run = veil_detector(engine)
run("warm up the model")
original = eng.resolve_overlaps
results = {}
changed = 0
preds_by = {}
for mode in ("off", "on"):
    if mode == "off":
        def no_containment(c, validated=frozenset(), *, statistical=frozenset()):  # type: ignore[no-untyped-def]
            c = list(c)
            return original(c, validated, statistical={d.recognizer for d in c})
        eng.resolve_overlaps = no_containment
    else:
        eng.resolve_overlaps = original
    preds = [run(s.text) for s in data]
    preds_by[mode] = preds
    rep = score(data, preds).as_dict()
    results[mode] = rep
changed = sum(a != b for a, b in zip(preds_by["off"], preds_by["on"], strict=True))
out = {"samples": len(data), "texts_changed": changed, "load": os.getloadavg()}
for mode, rep in results.items():
    out[mode] = {t: {k: round(v, 4) for k, v in rep["per_type"][t].items()
                     if k in ("precision", "recall", "f2")}
                 for t in ("PERSON", "LOCATION", "ORGANIZATION", "EMAIL", "URL")
                 if t in rep["per_type"]}
    out[mode]["overall"] = {k: round(v, 4) for k, v in rep["overall"].items()
                            if k in ("precision", "recall", "f2")}
print(json.dumps(out, indent=1))
