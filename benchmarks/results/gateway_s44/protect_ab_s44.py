"""`protect()` medians (new session per text, learned backend, NER cache off, as `veil bench
hotpath`) of two source trees, short prompts and ~1 KB texts, each in its own process, the
order alternating by round.

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s44/protect_ab_s44.py 4
"""
from __future__ import annotations

import os
import statistics
import subprocess  # nosec B404
import sys

_CHILD = """
import statistics, sys, tempfile, time
from pathlib import Path
from veil.cli import bench_hotpath as bh
short, kb, _ = bh.corpus(100, 20)
texts = {"short": short, "kb": kb}[sys.argv[1]]
_, run = bh._veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in texts:
    run(t, 0)
ms = []
for _ in range(3):
    for t in texts:
        t0 = time.perf_counter()
        run(t, 0)
        ms.append((time.perf_counter() - t0) * 1000)
print(statistics.median(ms))
"""


def main() -> None:
    trees = {"A": os.environ["SRC_A"], "B": os.environ["SRC_B"]}
    got: dict[str, dict[str, list[float]]] = {k: {"short": [], "kb": []} for k in trees}
    for r in range(int(sys.argv[1])):
        for name in (["A", "B"] if r % 2 == 0 else ["B", "A"]):
            for which in ("short", "kb"):
                env = dict(os.environ, PYTHONPATH=trees[name])
                out = subprocess.run([sys.executable, "-c", _CHILD, which], env=env,  # nosec B603
                                     capture_output=True, text=True, check=True).stdout
                got[name][which].append(float(out.split()[-1]))
    for name, rows in got.items():
        print(name, trees[name], {w: (round(statistics.median(v), 3), [round(x, 2) for x in v])
                                  for w, v in rows.items()})


if __name__ == "__main__":
    main()
