"""The gazetteer on `veil bench hotpath`'s 1 MB document (English; case folding lengthens a few
of its lines), the heap settled as the benchmark settles it: first + last name pairs by the
automaton against word by word, and the whole recognizer; the best of three.

    [PYTHONPATH=<tree>/src] .venv/bin/python benchmarks/results/hotpath/s48/gazetteer_1mb_s48.py
"""
from __future__ import annotations

import time

from veil.cli.bench_hotpath import corpus
from veil.detect import gazetteer
from veil.detect.gazetteer import GazetteerRecognizer
from veil.heap import settle_heap


def _best(fn: object, *args: object) -> float:
    assert callable(fn)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    _, _, big = corpus(10, 2)
    print(f"{len(big)} characters, {len(big.casefold()) - len(big)} more when case-folded")
    gazetteer._name_pairs(big, "en")  # the automaton built
    settle_heap()  # as the benchmark does: the collector's passes would be timed otherwise
    print(f"name pairs: {_best(gazetteer._name_pairs, big, 'en'):.3f} s; word by word "
          f"{_best(gazetteer._name_pairs_by_word, big, 'en'):.3f} s")
    print(f"recognizer: {_best(GazetteerRecognizer().analyze, big):.3f} s")


if __name__ == "__main__":
    main()
