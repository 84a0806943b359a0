"""Each recognizer's time inside the engine, per text of `veil bench hotpath`'s short and ~1 KB
corpora (learned NER): the engine's guarded call of each recognizer timed, the fastest of five
passes; the recognizers added in the thirtieth round marked "*".

    .venv/bin/python benchmarks/results/hotpath/s61/in_engine_s61.py

With ``--all NAME,NAME...``: every recognizer printed and those named marked instead (the
thirty-first round's, ``hotpath/s62/``; run it with ``PYTHONPATH`` at each tree to compare).
"""

from __future__ import annotations

import collections
import sys
import time
from collections.abc import Callable
from typing import Any

from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect import engine as engine_module
from veil.detect.engine import DetectionEngine
from veil.detect.recognizer import Recognizer

NEW = {"spelled_number", "handle", "user_name_field", "last_digits", "encoded", "script_names",
       "device_id", "us_ein", "nl_bsn", "au_tfn", "us_mbi", "ca_sin_labelled", "coordinates",
       "coordinate_pair", "postcode", "spaced_letters", "age", "display_name"}


def main() -> None:
    marked, every = NEW, False
    if sys.argv[1:2] == ["--all"]:
        marked, every = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set(), True
    short, kb, _ = corpus(100, 20)
    engine = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
    spent: collections.Counter[str] = collections.Counter()
    guarded = engine_module._guarded

    def timed(r: Recognizer, call: Callable[..., Any], *args: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return guarded(r, call, *args)
        finally:
            spent[r.name] += time.perf_counter() - t0

    engine_module._guarded = timed  # type: ignore[assignment]
    for name, texts in (("short", short), ("kb", kb)):
        for t in texts:
            engine.analyze(t)
        passes = []
        for _ in range(5):
            spent.clear()
            for t in texts:
                engine.analyze(t)
            passes.append(dict(spent))
        per = {k: min(p[k] for p in passes) / len(texts) * 1e6 for k in passes[0]}
        new = sum(v for k, v in per.items() if k in marked)
        print(name, "all recognizers", round(sum(per.values())), "us; new", round(new), "us")
        for k, v in sorted(per.items(), key=lambda kv: -kv[1]):
            if every or k in marked or v > 15:
                print(f"   {k:20s} {v:7.1f}{'  *' if k in marked else ''}")


if __name__ == "__main__":
    main()
