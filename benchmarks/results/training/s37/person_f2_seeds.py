"""PERSON F2 of the whole engine with the spaCy and the learned NER backend on `veil bench
detect`'s data, three seeds x 200 samples per set (as `veil train bench` scores one seed).

    VEIL_DETECTOR_DIR=<detector> python person_f2_seeds.py person_f2_seeds.json
"""
import json
import sys
from pathlib import Path

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.detection import score, veil_detector

out: dict[str, dict[str, float]] = {}
engines = {b: veil_detector(DetectionEngine(Policy(ner_backend=b))) for b in ("spacy", "learned")}
for seed in (101, 102, 7):
    samples = presidio_samples(200, seed) + hard_samples(200, seed)
    for backend, fn in engines.items():
        per = score(samples, [fn(s.text) for s in samples]).as_dict()["per_type"]["PERSON"]
        out[f"{seed}/{backend}"] = {k: per[k] for k in ("f2", "recall", "precision")}
# (the data generator prints to stdout: the result goes to a file)
Path(sys.argv[1]).write_text(json.dumps(out, indent=1) + "\n")
