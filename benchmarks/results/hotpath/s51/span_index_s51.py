"""SpanIndex on a ten-span merge (five model spans, five heuristic ones that overlap them):
the median per merge. Run it on the tree to measure and on a worktree of the base
(PYTHONPATH=<worktree>/src) for the plain-list index. Output: span_index.txt."""
import time, statistics
from veil.detect.entity import Detection, SpanIndex
model = [Detection("PERSON", i*20, i*20+8, 0.9, "m", "x"*8) for i in range(5)]
extra = [Detection("PERSON", i*20+2, i*20+12, 0.8, "h", "x"*10) for i in range(5)]
def merge():
    kept = SpanIndex(model)
    for h in extra:
        hits = kept.overlapping(h)
        if not hits: kept.add(h)
        else:
            for k in hits: kept.drop(k)
            kept.add(h)
    return kept.detections()
ts=[]
for _ in range(2000):
    t0=time.perf_counter(); merge(); ts.append(time.perf_counter()-t0)
print(f"{statistics.median(ts)*1e6:.1f} us")
