"""How far int8 exports of one detector stray from its float graph: on the texts of
``veil bench detect``'s data (PresidioSentenceFaker and the hard set, 300 each, seeds 101-103),
the texts whose model spans differ from the first folder's, and the spans they share.

    .venv/bin/python benchmarks/results/training/s46/fidelity_s46.py <float folder> <folder> ...
"""
from __future__ import annotations

import sys
from pathlib import Path

from veil.detect.learned import _Runtime
from veil.evaluation.datasets import hard_samples, presidio_samples


def spans(folder: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(s, e, label) for s, e, label, _ in found]
            for found in _Runtime(Path(folder)).spans(texts)]


def main() -> None:
    texts = [s.text for seed in (101, 102, 103)
             for s in presidio_samples(300, seed) + hard_samples(300, seed)]
    ref = spans(sys.argv[1], texts)
    print(f"reference {Path(sys.argv[1]).name}: {len(texts)} texts, {sum(map(len, ref))} spans")
    for folder in sys.argv[2:]:
        got = spans(folder, texts)
        differ = sum(a != b for a, b in zip(got, ref, strict=True))
        shared = sum(len(set(a) & set(b)) for a, b in zip(got, ref, strict=True))
        print(f"{Path(folder).name}: texts whose spans differ {differ}; spans shared {shared} "
              f"of {sum(map(len, ref))} (it found {sum(map(len, got))})")


if __name__ == "__main__":
    main()
