"""Interleaved A/B, one process: 1 MB NER-off detection before and after the s26 changes.

"before" = every pattern scans every position (patterns.ANCHORED = False), the phone recognizer
of s25 (tests/unit/detect/test_anchored_scan.py keeps it as _phone_reference) and the
per-character normaliser loop (_normalize_reference there); "after" = the code as it is. Both
give identical detections (checked here too). CPU seconds are reported next to wall seconds:
the machine is shared, so CPU time is the steadier figure.

    .venv/bin/python benchmarks/results/hotpath/ab_noner_s26.py 3
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "unit" / "detect"))

from test_anchored_scan import _normalize_reference, _phone_reference  # noqa: E402

from veil.cli.bench_hotpath import corpus  # noqa: E402
from veil.config import Policy  # noqa: E402
from veil.detect import engine as engine_module  # noqa: E402
from veil.detect import patterns  # noqa: E402
from veil.detect.engine import DetectionEngine  # noqa: E402
from veil.detect.normalize import normalize  # noqa: E402
from veil.detect.phone import PhoneRecognizer  # noqa: E402


class _OldPhone(PhoneRecognizer):
    def analyze_language(self, text, language):  # type: ignore[no-untyped-def]
        return _phone_reference(self, text, language)


def _engine(before: bool) -> DetectionEngine:
    e = DetectionEngine(Policy(ner=False))
    rs = e._active()
    rs[[r.name for r in rs].index("phone")] = _OldPhone() if before else PhoneRecognizer()
    return e


def main(reps: int) -> None:
    _, _, big = corpus(300, 40)  # the 1 MB text of `veil bench hotpath` (default sizes)
    res: dict[str, list[dict[str, float]]] = {"before": [], "after": [], "after_warm": []}
    ref = None
    for rep in range(reps):
        for name in (("before", "after") if rep % 2 == 0 else ("after", "before")):
            patterns.ANCHORED = name == "after"
            engine_module.normalize = normalize if name == "after" else _normalize_reference
            e = _engine(name == "before")
            runs = [name, "after_warm"] if name == "after" else [name]
            for label in runs:  # after_warm: the same engine again (phone parses remembered)
                load = os.getloadavg()[0]
                c0, t0 = time.process_time(), time.perf_counter()
                out = e.analyze(big)
                row = {"wall_s": round(time.perf_counter() - t0, 2),
                       "cpu_s": round(time.process_time() - c0, 2), "load1": round(load, 2),
                       "detections": len(out)}
                ref = out if ref is None else ref
                assert out == ref, "before and after differ"
                res[label].append(row)
                print(rep, label, row, flush=True)
    print(json.dumps({"chars": len(big), **res}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
