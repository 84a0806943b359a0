"""What a block tag should read as in the view (tab, space or line break): PERSON recall and name
words left of names in `<td>` cells, five locales, spaCy and learned backends.

    .venv/bin/python benchmarks/results/hotpath/s66/cell_separator_s66.py tab|space|nl
"""
import sys
import importlib; N = importlib.import_module("veil.detect.normalize")
sep = {"tab": "\t", "space": " ", "nl": "\n"}[sys.argv[1]]
old = N._references
def refs(text):
    out = old(text)
    return {k: (v[0], sep if v[1] == "\n" else v[1]) for k, v in out.items()}
N._references = refs
from veil.evaluation.world_names import world_name_samples, words_left
from veil.evaluation.detection import score, veil_detector
from veil.config import Policy
from veil.detect.engine import DetectionEngine
for backend in ("spacy", "learned"):
    e = veil_detector(DetectionEngine(Policy(ner_backend=backend)))
    res = []
    for loc in ("en_US", "hu_HU", "vi_VN", "pl_PL", "tr_TR"):
        data = [s for s in world_name_samples(loc, 40, 7) if s.text.startswith("<td>")]
        preds = [e(s.text) for s in data]
        c = [words_left(s, p) for s, p in zip(data, preds)]
        per = score(data, preds).per_type.get("PERSON")
        res.append(f"{loc} left {sum(x[0] for x in c)}/{sum(x[1] for x in c)} R {per.recall:.2f}")
    print(sys.argv[1], backend, "; ".join(res))
