"""False and missed people of the whole engine (spaCy vs learned) on bench detect's hard or
Presidio samples, seeds 101, 102, 7, with their most common words and contexts.

Usage: VEIL_DETECTOR_DIR=<dir> python person_errors.py hard|presidio
"""

import collections
import os
import sys

from veil.config import Policy
from veil.detect import DetectionEngine
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.detection import _matches, veil_detector

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
gen = hard_samples if sys.argv[1] == "hard" else presidio_samples
samples = [x for k in (101, 102, 7) for x in gen(200, k)]
for backend in ("spacy", "learned"):
    detect = veil_detector(DetectionEngine(Policy(ner_backend=backend)))
    false: collections.Counter[tuple[str, str]] = collections.Counter()
    missed: collections.Counter[str] = collections.Counter()
    for s in samples:
        gold = [g for g in s.spans if g.type == "PERSON"]
        preds = [p for p in detect(s.text) if p.type == "PERSON"]
        for p in preds:
            if not any(_matches(p, g) for g in gold):
                ctx = s.text[max(0, p.start - 25) : p.end + 15].replace("\n", " ")
                false[(s.text[p.start : p.end], ctx)] += 1
        for g in gold:
            if not any(_matches(p, g) for p in preds):
                missed[s.text[g.start : g.end]] += 1
    print(f"== {backend}: FP {sum(false.values())} FN {sum(missed.values())}")
    for k, v in false.most_common(40):
        print("FP", v, k)
    for word, v in missed.most_common(15):
        print("FN", v, word)
