"""protect() of `veil bench hotpath`'s short and ~1 KB texts in two long-lived processes, one
per tree, taking turns set by set for many rounds (the order alternating), so that the host's
drift falls on both alike; the median per text of each. Learned NER, vault writes, a new
session per text:

    python benchmarks/results/hotpath/s52/pair_s52.py <src of A> <src of B> <rounds>

Run it with the same tree twice (A/A) to see the noise.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path


def worker() -> None:
    from veil.cli.bench_hotpath import _veil_runner, corpus
    from veil.heap import settle_heap

    short, kb, _ = corpus(100, 20)
    _, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
    for t in short + kb + short:
        run(t, 0)
    settle_heap()
    sets = {"short": short, "kb": kb}
    print("ready", flush=True)
    for line in sys.stdin:
        per = []
        for t in sets[line.strip()]:
            t0 = time.perf_counter()
            run(t, 0)
            per.append(time.perf_counter() - t0)
        print(json.dumps(per), flush=True)


def main(a: str, b: str, rounds: int) -> None:
    procs = {name: subprocess.Popen(  # nosec B603
        [sys.executable, __file__, "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, env=dict(os.environ, PYTHONPATH=path))
        for name, path in (("A", a), ("B", b))}
    for p in procs.values():
        while p.stdout.readline().strip() != "ready":  # type: ignore[union-attr]
            pass
    per: dict[tuple[str, str], list[float]] = {(n, s): [] for n in procs for s in ("short", "kb")}
    for r in range(rounds):
        for s in ("short", "kb"):
            for n in ("A", "B") if r % 2 == 0 else ("B", "A"):
                procs[n].stdin.write(s + "\n")  # type: ignore[union-attr]
                procs[n].stdin.flush()  # type: ignore[union-attr]
                per[(n, s)] += json.loads(procs[n].stdout.readline())  # type: ignore[union-attr]
    for s in ("short", "kb"):
        ma, mb = (statistics.median(per[(n, s)]) * 1e3 for n in ("A", "B"))
        print(f"{s}: A {ma:.3f} ms  B {mb:.3f} ms  B/A {mb / ma:.3f}")
    for p in procs.values():
        p.stdin.close()  # type: ignore[union-attr]
        p.wait()


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
