"""Per pattern scan over `veil bench hotpath`'s 1 MB document (the detection engine, learned
backend, after a warm-up): anchors listed, anchors left after a continuation's test (`anchor`),
matches, thread CPU of `Scan._anchored`/`_in_lines` (each scan's generator drained into a list)
and of listing its anchors; owner: the recognizer, or the module's variable. Counts only.

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s82b/scan_counts_s82b.py
"""
import time, collections
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect import patterns as P
_, _, big = corpus(0, 0)
eng = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
owner = {}
for r in eng.recognizers():
    for scan, _, _ in getattr(r, "_compiled", ()):
        owner[id(scan)] = r.name
import importlib, pkgutil, veil.detect
for mi in pkgutil.iter_modules(veil.detect.__path__):
    try: m = importlib.import_module("veil.detect." + mi.name)
    except Exception: continue
    for k, v in vars(m).items():
        if isinstance(v, P.Scan): owner.setdefault(id(v), mi.name + "." + k)
ON = [False]
lens = collections.Counter()
stats = collections.defaultdict(lambda: [0, 0, 0, 0, 0.0, "", 0.0])
orig_a, orig_l = P.Scan._anchored, P.Scan._in_lines
def wrap(orig, kind):
    def f(self, text, memo):
        t0 = time.thread_time()
        self._anchors(text, memo)
        t = time.thread_time()
        if ON[0]: stats[(owner.get(id(self), "?"), self.pattern.regex[:40])][6] += t - t0
        out = list(orig(self, text, memo))
        dt = time.thread_time() - t
        if ON[0]:
            k = (owner.get(id(self), "?"), self.pattern.regex[:40])
            s = stats[k]
            a = self._anchors(text, memo)
            s[0] += len(a); lens[len(text) // 10000] += 1
            if self.anchor is not None:
                hay = P._folded(text, memo) if self.fold else text
                if hay is not None:
                    s[1] += sum(1 for p in a if self.anchor.match(hay, p))
            s[2] += len(out); s[3] += 1; s[4] += dt
            s[5] = f"{kind} lead={self.pattern.lead} anc={self.pattern.anchor is not None} at={self.pattern.at!r} mark={(self.pattern.mark or '')[:30]!r} runs={self.digit_runs} words={self.words} line={self.line_start}"
        return iter(out)
    return f
P.Scan._anchored = wrap(orig_a, "anch")
P.Scan._in_lines = wrap(orig_l, "lines")
eng.analyze(big[:20000])
ON[0] = True
t = time.thread_time(); eng.analyze(big); print("total cpu", time.thread_time() - t)
rows = sorted(stats.items(), key=lambda kv: -kv[1][4])
tot = sum(v[4] for v in stats.values())
print(sorted(lens.items())[:30]); print(f"scans {len(rows)} anchored cpu {tot:.2f}s")
print("| recognizer | regex[:50] | anchors | after continuation | matches | cpu ms | anchors ms | kind |")
for (rec, rx), (a, c, m, n, dt, kind, at) in rows[:40]:
    print(f"| {rec} | `{rx}` | {a} | {c} | {m} | {dt*1000:.0f} | {at*1000:.0f} | {kind} |")
