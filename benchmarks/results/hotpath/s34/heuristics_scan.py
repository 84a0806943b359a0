"""``heuristic_names`` with its context regexes scanned at every position (``patterns.ANCHORED``
off) and only where they can match: the same names, and the time per text.

    .venv/bin/python benchmarks/results/hotpath/s34/heuristics_scan.py
"""
from __future__ import annotations

import time

from veil.cli.bench_gateway import valued_prompt
from veil.cli.bench_hotpath import corpus
from veil.detect import ner, patterns
from veil.evaluation.datasets import hard_samples, long_texts


def main() -> None:
    short, kb, mb = corpus(100, 20)
    gw = [valued_prompt(1000 + i, tag=f"x{i}")[0] for i in range(200)]
    samples = hard_samples(300, 7)
    hard = [s.text for s in samples] + list(long_texts(samples, size=3000, count=4))
    texts = short + kb + gw + hard + [mb]
    found = {}
    for anchored in (False, True):
        patterns.ANCHORED = anchored
        found[anchored] = [ner.heuristic_names(t) for t in texts]
    same = sum(a == b for a, b in zip(found[False], found[True], strict=True))
    print(f"texts {len(texts)}, identical {same}, names {sum(map(len, found[False]))}")
    for label, group in (("short", short), ("1 KB", kb), ("gateway prompts", gw), ("1 MB", [mb])):
        for anchored in (False, True):
            patterns.ANCHORED = anchored
            t0 = time.perf_counter()
            for _ in range(3):
                for t in group:
                    ner.heuristic_names(t)
            ms = (time.perf_counter() - t0) / 3 / len(group) * 1000
            print(f"{label}: {'scans' if anchored else 'every position'} {ms:.3f} ms")


if __name__ == "__main__":
    main()
