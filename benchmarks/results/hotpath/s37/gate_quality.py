"""Learned NER backend with and without its sentence gate: the whole engine's quality on
`veil bench detect`'s data, three seeds (200 samples per set). Writes the JSON given as argument.

    VEIL_DETECTOR_DIR=<detector> python gate_quality.py gate_quality.json
"""
import json, sys
from veil.config import Policy
from veil.detect import DetectionEngine
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.detection import score, veil_detector
out = {}
for seed in (101, 102, 7):
    n = 200
    samples = {"presidio_faker": presidio_samples(n, seed), "hard": hard_samples(n, seed)}
    samples["combined"] = samples["presidio_faker"] + samples["hard"]
    for gate in ("segments", "none"):
        engine = DetectionEngine(Policy(ner_backend="learned"))
        engine.registry.get("learned_ner").gate = gate
        fn = veil_detector(engine)
        for ds, ss in samples.items():
            rep = score(ss, [fn(s.text) for s in ss]).as_dict()
            per = rep["per_type"]
            row = {"PERSON_f2": per.get("PERSON", {}).get("f2"), "PERSON_recall": per.get("PERSON", {}).get("recall"),
                   "PERSON_precision": per.get("PERSON", {}).get("precision"),
                   "LOC_f1": per.get("LOCATION", {}).get("f1"), "ORG_f1": per.get("ORGANIZATION", {}).get("f1"),
                   "overall_f2": rep["overall"]["f2"]}
            out[f"{seed}/{gate}/{ds}"] = row
            print(seed, gate, ds, {k: round(v, 4) if v is not None else None for k, v in row.items()}, flush=True)
json.dump(out, open(sys.argv[1], "w"), indent=1)
