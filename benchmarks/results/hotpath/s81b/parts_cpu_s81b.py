"""CPU seconds (process_time, best of 5) of the parts this round changed, on the 1 MB document
of `veil bench hotpath` (learned backend, no worker): the unlisted-names recognizer, the
people beside those found (`names_beside`, on the detections the engine kept) and every
trade-word ask the engine made (replayed within one shared-matches block, memo cleared per
run). The inputs are recorded from one protect() of the document in this process. Run each
tree in turn:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s81b/parts_cpu_s81b.py
"""
import tempfile
import time
from pathlib import Path

import veil.detect.beside_names as bn
import veil.detect.engine as en
import veil.detect.trade_words as tw
from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.detect.patterns import shared_matches
from veil.detect.unlisted_names import UNLISTED_NAMES

_, _, big = corpus(0, 0)
asks: list[tuple[str, int, int, str]] = []
beside: list[tuple[str, list[object]]] = []
plain_tw, plain_nb = tw._trade_word, bn.names_beside


def _tw(text: str, s: int, e: int, label: str) -> bool:
    asks.append((text, s, e, label))
    return plain_tw(text, s, e, label)


def _nb(text: str, kept: list[object]) -> list[object]:
    beside.append((text, list(kept)))
    return plain_nb(text, kept)  # type: ignore[arg-type]


tw._trade_word, en.names_beside = _tw, _nb  # type: ignore[assignment]
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned",
                      detect_workers=0)
run(big, 0)
tw._trade_word, en.names_beside = plain_tw, plain_nb  # type: ignore[assignment]


def best(fn: object) -> float:
    times = []
    for _ in range(5):
        with shared_matches():
            t0 = time.process_time()
            fn()  # type: ignore[operator]
            times.append(time.process_time() - t0)
    return min(times)


print(f"trade-word asks {len(asks)}: {best(lambda: [tw._trade_word(*a) for a in asks]):.3f} s")
print(f"names_beside calls {len(beside)}: "
      f"{best(lambda: [bn.names_beside(t, k) for t, k in beside]):.3f} s")  # type: ignore[arg-type]
print(f"unlisted names: {best(lambda: UNLISTED_NAMES.analyze(big)):.3f} s")
