"""protect() of `veil bench hotpath`'s 1 MB document (learned NER, vault writes, a new session
each time), two source trees in processes of their own taking turns, N rounds; the best and
the median per tree:

    python benchmarks/results/hotpath/s54/mb_pair_s54.py <tree A>/src <tree B>/src [rounds]
"""
from __future__ import annotations

import os
import statistics
import subprocess  # nosec B404
import sys

_CHILD = """
import sys, tempfile, time
from pathlib import Path
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap
short, kb, mb = corpus(10, 5)
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + kb:
    run(t, 0)
run(mb, 0)
settle_heap()
t0 = time.perf_counter()
run(mb, 0)
print(time.perf_counter() - t0)
"""


def once(tree: str) -> float:
    env = {**os.environ, "PYTHONPATH": tree}
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, check=True,  # nosec B603
                         capture_output=True, text=True, timeout=600)
    return float(out.stdout.strip().splitlines()[-1])


trees = sys.argv[1:3]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 4
times: dict[str, list[float]] = {t: [] for t in trees}
for r in range(rounds):
    for tree in trees if r % 2 == 0 else trees[::-1]:
        times[tree].append(once(tree))
for tree, ts in times.items():
    print(f"{tree}: best {min(ts):.2f} s, median {statistics.median(ts):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in ts)}); load1 {os.getloadavg()[0]:.2f}")
