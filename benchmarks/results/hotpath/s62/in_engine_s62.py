"""Each recognizer's time inside the engine, per text of `veil bench hotpath`'s short and ~1 KB
corpora (learned NER): the engine's guarded call of each recognizer timed, the fastest of five
passes; the recognizers added in the thirty-first round marked "*". Every recognizer is
printed, to compare trees (``PYTHONPATH=<other tree>/src``).

    .venv/bin/python benchmarks/results/hotpath/s62/in_engine_s62.py
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from typing import Any

from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect import engine as engine_module
from veil.detect.engine import DetectionEngine
from veil.detect.recognizer import Recognizer

NEW = {"sg_nric_fin", "kr_rrn", "us_npi", "medical_license", "swift_code", "us_ssn_context",
       "in_pan_context", "in_aadhaar_context", "case_number", "license_plate", "id_number",
       "license_number"}


def main() -> None:
    short, kb, _ = corpus(100, 20)
    engine = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
    spent: collections.Counter[str] = collections.Counter()
    guarded = engine_module._guarded

    def timed(r: Recognizer, call: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        try:
            return guarded(r, call)
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
        new = sum(v for k, v in per.items() if k in NEW)
        print(name, "all recognizers", round(sum(per.values())), "us; new", round(new), "us")
        for k, v in sorted(per.items(), key=lambda kv: -kv[1]):
            print(f"   {k:20s} {v:7.1f}{'  *' if k in NEW else ''}")


if __name__ == "__main__":
    main()
