"""Per pattern scan (deduplicated by its memo key): best-of-15 wall time of listing its matches
in a warm block, per text, over the hot-path corpus.  Ranking only.
    PYTHONPATH=<tree>/src python scan_times_s82a.py short|kb"""
import time, sys, collections
from veil.cli.bench_hotpath import corpus
from veil.detect.engine import DetectionEngine
from veil.detect.patterns import PatternRecognizer, shared_matches, _text_memo, _SCANS
from veil.config import Policy
short, kb, _ = corpus(30, 6)
texts = kb if sys.argv[1] == "kb" else short
eng = DetectionEngine(Policy())
for t in texts: eng.analyze(t)
def tm(f, n=15):
    best = 1e9
    for _ in range(n):
        t0 = time.perf_counter_ns(); f(); best = min(best, time.perf_counter_ns() - t0)
    return best
owner = {}
for r in eng.recognizers():
    for s in getattr(r, "_compiled", []):
        owner[id(s[0])] = r.name
tot = collections.Counter(); cnt = collections.Counter(); desc = {}; kind = {}
for t in texts:
    with shared_matches():
        eng.per_recognizer(eng.recognizers(), [t])
        per = _text_memo(t)
        done = set()
        for s in list(_SCANS):
            if s.key not in per or s.key in done:  # not asked on this text
                continue
            done.add(s.key)
            a = tm(lambda: list(s.matches(t, per)))
            k = (owner.get(id(s), "?"), s.pattern.regex[:60])
            tot[k] += a; cnt[k] += 1; kind[k]=(s.lead, s.digit_runs, s.line_start, s.at, s.mark.pattern[:30] if s.mark else None, s.anchor is not None, s.lines)
tt = sum(tot.values())
print("total scans us/text", tt/len(texts)/1000)
for k, v in tot.most_common(40):
    print(f"{v/len(texts)/1000:7.1f} us  n{cnt[k]:3d} {k[0]:28s} {k[1]!r} lead={kind[k]}")
