"""How many positions the anchored scan tries per anchor for scans with a lead (the Python
loop in Scan._anchored that a C-level loop would replace)."""
import collections, sys
import veil.detect.patterns as P
from veil.cli.bench_hotpath import corpus
from veil.detect.engine import DetectionEngine
from veil.config import Policy
short, kb, _ = corpus(30, 6)
texts = short if sys.argv[1] == "short" else kb
eng = DetectionEngine(Policy.model_validate({"ner": False}))
for t in texts: eng.analyze(t)
c = collections.Counter()
orig_back, orig_solid, orig_words = P._back, P._solid_back, P._words_back
def wrap(f):
    def g(text, r, n, *a):
        p = f(text, r, n, *a); c[min(r - p + 1, 30)] += 1; return p
    return g
P._back, P._solid_back, P._words_back = wrap(orig_back), wrap(orig_solid), wrap(orig_words)
for t in texts: eng.analyze(t)
print(sorted(c.items()), "positions total", sum(k*v for k,v in c.items()), "anchors", sum(c.values()))
