"""Per busy context-required recognizer: its required-word test as one search of the lower-cased
text against the same test tried only where a word can begin (the one pass's positions).
Wall clock, best of 20, ranking only.  PYTHONPATH=<tree>/src python context_search_s82a.py short|kb"""
import time, sys
from veil.cli.bench_hotpath import corpus
from veil.detect.engine import DetectionEngine
from veil.detect import patterns as P
from veil.detect.patterns import PatternRecognizer, shared_matches, folded, context_heads_of, _marks
short, kb, _ = corpus(30, 6)
texts = kb if sys.argv[1] == "kb" else short
from veil.config import Policy
eng = DetectionEngine(Policy())
rs = [r for r in eng.recognizers() if isinstance(r, PatternRecognizer) and r.context_required]
print(len(rs), "context-required pattern recognizers")
tot = {}
def tm(f, n=20):
    best = 1e9
    for _ in range(n):
        t0 = time.perf_counter_ns(); f(); best = min(best, time.perf_counter_ns() - t0)
    return best
A = B = 0
for t in texts:
    with shared_matches():
        low = folded(t)
        heads = context_heads_of(low)
        for r in rs:
            if r.idle(t):
                continue
            c = r.context
            a = tm(lambda: c.anywhere(t, low))
            bare = c.bare()
            if bare is None:
                tot.setdefault(r.name, [0, 0, 0])[0] += a; A += a; B += a
                continue
            _marks(bare, low)
            b = tm(lambda: c.anywhere_at(low, _marks(bare, low)))
            assert c.anywhere(t, low) == c.anywhere_at(low, _marks(bare, low)), r.name
            x = tot.setdefault(r.name, [0, 0, 0]); x[0] += a; x[1] += b; x[2] += 1
            A += a; B += b
for k, v in sorted(tot.items(), key=lambda kv: -kv[1][0]):
    print(f"{k:35s} search {v[0]/len(texts)/1000:7.1f} us  at-starts {v[1]/len(texts)/1000:7.1f} us  n {v[2]}")
print("total us/text", A/len(texts)/1000, B/len(texts)/1000)
