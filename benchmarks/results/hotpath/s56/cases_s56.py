"""The learned backend's case channel timed alone, warm, the best of a few rounds: the word scan
(`veil.train.casing.WordCases`) and the token ids read from it (`WordCases.ids`, every window of
the text), next to the tokenizer's own time, on `veil bench hotpath`'s short prompts, ~1 KB texts
and 1 MB document and on `veil bench gateway`'s ~1 KB prompts:

    [PYTHONPATH=<tree>/src] VEIL_DETECTOR_DIR=<detector> python \
        benchmarks/results/hotpath/s56/cases_s56.py
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from veil.cli.bench_gateway import valued_prompt
from veil.cli.bench_hotpath import corpus
from veil.detect.learned import _Runtime
from veil.train.casing import WordCases


def best(f: Callable[[Any], object], items: Sequence[Any], rounds: int) -> float:
    """Microseconds per item, the best round."""
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        for x in items:
            f(x)
        out.append((time.perf_counter_ns() - t0) / len(items) / 1e3)
    return min(out)


def main() -> None:
    rt = _Runtime(Path(os.environ["VEIL_DETECTOR_DIR"]))
    rt.tokenizer.load()
    short, kb, big = corpus(300, 40)
    gateway = [valued_prompt(900_000 + i, tag=f"u{i}")[0] for i in range(200)]
    for name, texts in (("short", short), ("~1 KB", kb), ("gateway", gateway), ("1 MB", [big])):
        encodings = [rt.tokenizer.encode(t) for t in texts]
        windows = [(WordCases(t), [w.offsets for w in [e, *e.overflowing]])
                   for t, e in zip(texts, encodings, strict=True)]
        rounds = 2 if name == "1 MB" else 5
        tokenize = best(rt.tokenizer.encode, texts, rounds)
        scan = best(WordCases, texts, rounds)
        ids = best(lambda x: [x[0].ids(o) for o in x[1]], windows, rounds)
        tokens = sum(len(o) for _, offs in windows for o in offs) / len(texts)
        print(f"{name:8s} {tokens:8.0f} tokens  tokenizer {tokenize:9.1f} us  "
              f"WordCases {scan:9.1f} us  ids {ids:9.1f} us")


if __name__ == "__main__":
    main()
