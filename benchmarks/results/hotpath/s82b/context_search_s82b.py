"""Thread CPU of the required-word test (`ContextMatcher.anywhere` / `anywhere_at`) per
recognizer, and of every `_marks` listing, over the 1 MB document (learned backend, after a
warm-up). Counts and times only.

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s82b/context_search_s82b.py
"""
import time, collections
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect import recognizer as R, patterns as P
_, _, big = corpus(0, 0)
eng = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
ON = [False]; st = collections.defaultdict(lambda: [0, 0.0, None, None])
orig = R.ContextMatcher.anywhere
def f(self, text, lowered=None, heads=None):
    t = time.thread_time(); r = orig(self, text, lowered, heads); dt = time.thread_time() - t
    if ON[0]:
        s = st[id(self)]; s[0] += 1; s[1] += dt; s[2] = r
        if lowered is not None:
            s[3] = self.absent(P.context_heads_of(lowered))
    return r
R.ContextMatcher.anywhere = f
orig_at = R.ContextMatcher.anywhere_at
def g(self, lowered, starts):
    t = time.thread_time(); r = orig_at(self, lowered, starts); dt = time.thread_time() - t
    if ON[0]:
        s = st[id(self)]; s[0] += 1; s[1] += dt; s[2] = r
    return r
R.ContextMatcher.anywhere_at = g
orig_marks = P._marks
def h(mark, text):
    t = time.thread_time(); r = orig_marks(mark, text); dt = time.thread_time() - t
    if ON[0] and len(text) > 500000: mk[0] += dt; mk[1] += 1
    return r
mk = [0.0, 0]
P._marks = h
eng.analyze(big[:20000]); ON[0] = True
t = time.thread_time(); eng.analyze(big); print("total", time.thread_time() - t)
names = {id(r.context): r.name for r in eng.recognizers() if hasattr(r, "context")}
tot = 0
for k, (n, dt, r, ab) in sorted(st.items(), key=lambda kv: -kv[1][1]):
    tot += dt; print(names.get(k, "?"), n, f"{dt*1000:.1f} ms", "found" if r else "absent", "heads-absent" if ab else "")
print("anywhere total ms", tot * 1000, "marks ms", mk[0]*1000, mk[1])
