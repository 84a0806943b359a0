"""PERSON F2, recall and precision of the learned engine when the model's PERSON spans under a
score are dropped (0: none dropped), seeds 101, 102 and 7 x 200 samples of `veil bench detect`'s
data; printed to stderr (the data generator prints to stdout). Output: person_threshold.txt.

    VEIL_DETECTOR_DIR=<detector> python person_threshold.py 101,102,7 >/dev/null
"""
import sys
import veil.detect.learned as L
from veil.config import Policy
from veil.detect import DetectionEngine
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.detection import score, veil_detector
orig = L._Runtime._decode
T = {"t": 0.0}
def dec(self, text, tokens):
    return [s for s in orig(self, text, tokens) if not (s[2] == "PERSON" and s[3] < T["t"])]
L._Runtime._decode = dec
seeds = [int(x) for x in sys.argv[1].split(",")]
data = {seed: presidio_samples(200, seed) + hard_samples(200, seed) for seed in seeds}
for t in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
    T["t"] = t
    eng = DetectionEngine(Policy(ner_backend="learned"))
    eng.registry.get("learned_ner").cache_size = 0
    fn = veil_detector(eng)
    row = []
    for seed, ss in data.items():
        per = score(ss, [fn(s.text) for s in ss]).as_dict()["per_type"]["PERSON"]
        row.append((round(per["f2"], 4), round(per["recall"], 4), round(per["precision"], 4)))
    print(t, row, "mean f2", round(sum(r[0] for r in row) / len(row), 4), flush=True, file=sys.stderr)
