"""The table recognizer over a megabyte's CSV (20,000 rows of a name, an e-mail, a phone and a
city under their header): its time, the fastest of three, with the ``veil`` on ``PYTHONPATH``:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s69/table_megabyte_s69.py
"""

from __future__ import annotations

import time

from veil.detect.tables import TABLE_CELLS

rows = "\n".join(f"Person{i} Name{i},p{i}@x.org,555 01{i % 100:02d},City{i}" for i in range(20000))
text = "name,email,phone,city\n" + rows
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    found = TABLE_CELLS.analyze(text)
    best = min(best, time.perf_counter() - t0)
print(f"{len(text)} chars, {len(found)} cells typed, {best * 1e3:.0f} ms")
