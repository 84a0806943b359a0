"""Detections of HEAD and of the working tree on the SAME texts (the hard set and
PresidioSentenceFaker samples of `veil bench detect`'s seeds 101-103, NER on, every
recognizer). `veil bench detect` regenerates its texts in each process and they differ between
processes (Faker), so its figures move a little between any two runs; this compares like with
like. Prints the number of texts whose detections differ (types and offsets).

    git archive HEAD src | tar -x -C /tmp/baseA
    .venv/bin/python benchmarks/results/hotpath/same_detections_s27.py --base /tmp/baseA/src
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

_CHILD = """
import json, sys
from veil.config import Policy
from veil.detect.engine import DetectionEngine
texts = json.load(open(sys.argv[1]))
eng = DetectionEngine(Policy())
json.dump({k: [(d.type, d.start, d.end, d.recognizer) for d in eng.analyze(t)]
           for k, t in texts.items()}, open(sys.argv[2], "w"))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="/tmp/baseA/src")
    a = ap.parse_args()
    from veil.evaluation.datasets import hard_samples, presidio_samples

    texts = {}
    for seed in (101, 102, 103):
        texts |= {f"hard-{seed}-{i}": s.text for i, s in enumerate(hard_samples(500, seed))}
        texts |= {f"faker-{seed}-{i}": s.text
                  for i, s in enumerate(presidio_samples(500, seed))}
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "texts.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        found = {}
        for label, path in (("before", a.base), ("after", None)):
            env = dict(os.environ, HF_HUB_OFFLINE="1")
            env.pop("PYTHONPATH", None)
            if path:
                env["PYTHONPATH"] = path
            dst = os.path.join(d, f"{label}.json")
            subprocess.run([sys.executable, "-c", _CHILD, src, dst], env=env, check=True,
                           capture_output=True, timeout=1800)
            with open(dst, encoding="utf-8") as f:
                found[label] = json.load(f)
    differ = sum(found["before"][k] != found["after"][k] for k in texts)
    total = sum(map(len, found["after"].values()))
    print(f"{len(texts)} texts, {total} detections after; texts whose detections differ: "
          f"{differ}; load1 {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
