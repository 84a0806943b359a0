"""protect() of `veil bench hotpath`'s 1 MB document (learned NER, vault writes, a new session
each time, no memo), with 0 and with N detection worker processes, each setting in a process
of its own, taking turns, R rounds; the best and the median per setting, and the resident
memory of a worker:

    python benchmarks/results/hotpath/s59/mb_workers_s59.py [N, default 1] [R, default 4]
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
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned",
                         detect_workers=int(sys.argv[1]))
for t in short + kb:
    run(t, 0)
run(mb, 0)
settle_heap()
t0 = time.perf_counter()
c0 = time.process_time()
run(mb, 0)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = 0
shards = veil.engine().shards
for w in shards.workers() if shards else []:
    with open(f"/proc/{w.proc.pid}/status") as f:
        rss += next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
print(wall, cpu, rss // 1024, shards.chunks_read if shards else 0)
"""


def once(workers: int) -> list[float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(workers)], check=True,  # nosec B603
                         capture_output=True, text=True, timeout=900)
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
runs: dict[int, list[list[float]]] = {0: [], n: []}
for r in range(rounds):
    for w in (0, n) if r % 2 == 0 else (n, 0):
        runs[w].append(once(w))
for w, rs in runs.items():
    walls = [x[0] for x in rs]
    print(f"{w} worker(s): best {min(walls):.2f} s, median {statistics.median(walls):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in walls)}); caller CPU median "
          f"{statistics.median(x[1] for x in rs):.2f} s; worker RSS {rs[-1][2]:.0f} MB; "
          f"chunks read by workers (two calls) {rs[-1][3]:.0f}; load1 {os.getloadavg()[0]:.2f}")
