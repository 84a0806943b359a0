"""Instructions of protect() on a 100 KB slice of `veil bench hotpath`'s 1 MB document (its
first 100,000 characters, cut at a space), learned backend, no detection worker, a new session,
counted by callgrind around that one call after a warm-up on another slice; by kind of work as
`veil bench instructions` sorts them. Two trees side by side:

    python benchmarks/results/hotpath/s79b/slice_instructions_s79b.py /tmp/s79/base/src <tree>/src
"""
from __future__ import annotations

import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_CHILD = """
import os, subprocess, sys, tempfile
from pathlib import Path
from veil.cli.bench_hotpath import corpus, _veil_runner
from veil.heap import settle_heap
_, _, big = corpus(0, 0)
piece = big[:100_000]
piece = piece[: piece.rfind(" ")]
warm = big[500_000:600_000]
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned",
                      detect_workers=0)
run(warm, 0)
run(warm[:20_000], 0)
settle_heap()
tell = lambda *a: subprocess.run(["callgrind_control", *a, str(os.getpid())], check=True,
                                 capture_output=True)
tell("-i", "on")
run(piece, 0)
tell("-i", "off")
print(len(piece))
"""


def count(src: str, out: Path) -> dict[str, object]:
    from veil.cli.bench_instructions import _annotate, by_kind

    env = dict(os.environ, PYTHONPATH=src, HF_HUB_OFFLINE="1")
    done = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no",  # nosec B603 B607
                           f"--callgrind-out-file={out}", sys.executable, "-c", _CHILD],
                          env=env, capture_output=True, text=True, check=True)
    chars = int(done.stdout.split()[-1])
    total, kinds = by_kind(_annotate(out, cache=False))
    return {"tree": src, "characters": chars, "total": total, "by_kind": kinds}


def main() -> None:
    trees = sys.argv[1:]
    with tempfile.TemporaryDirectory() as d, ThreadPoolExecutor(len(trees)) as pool:
        results = list(pool.map(lambda a: count(a[1], Path(d) / f"cg.{a[0]}"), enumerate(trees)))
    kinds = sorted({k for r in results for k in r["by_kind"]},  # type: ignore[attr-defined]
                   key=lambda k: -results[0]["by_kind"].get(k, 0))  # type: ignore[attr-defined]
    print("| kind of work (million instructions) | " + " | ".join(trees) + " |")
    print("|---|" + "---|" * len(trees))
    for k in kinds:
        print(f"| {k} | " + " | ".join(f"{r['by_kind'].get(k, 0) / 1e6:,.0f}"  # type: ignore[attr-defined]
                                       for r in results) + " |")
    print("| **total** | " + " | ".join(f"**{r['total'] / 1e6:,.0f}**" for r in results) + " |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
