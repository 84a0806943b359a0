"""CPU seconds per detection step on the 1 MB text of `veil bench hotpath`, NER off, before
and after the s26 changes, in one process (before: full scans, the s25 phone recognizer and
normaliser kept in tests/unit/detect/test_anchored_scan.py). Output: the .txt next to it.

    .venv/bin/python benchmarks/results/hotpath/recognizers_1mb_noner_s26.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "unit" / "detect"))

from test_anchored_scan import _normalize_reference, _phone_reference  # noqa: E402

from veil.cli.bench_hotpath import corpus  # noqa: E402
from veil.config import Policy  # noqa: E402
from veil.detect import patterns  # noqa: E402
from veil.detect.engine import DetectionEngine  # noqa: E402
from veil.detect.normalize import normalize  # noqa: E402
from veil.detect.patterns import shared_matches  # noqa: E402
from veil.detect.phone import PhoneRecognizer  # noqa: E402


def main() -> None:
    _, _, big = corpus(300, 40)
    eng = DetectionEngine(Policy(ner=False))
    rows: dict[str, dict[str, float]] = {}
    for label, anchored in (("before", False), ("after", True)):
        patterns.ANCHORED = anchored
        c = time.process_time()
        view = (normalize if anchored else _normalize_reference)(big).text
        rows.setdefault("normalize", {})[label] = time.process_time() - c
        with shared_matches():
            for r in eng._active():
                c = time.process_time()
                if r.name == "phone":
                    p = PhoneRecognizer()
                    if anchored:
                        p.analyze_language(view, "en")
                    else:
                        _phone_reference(p, view, "en")
                elif r.language_aware:
                    r.analyze_language(view, "en")
                else:
                    r.analyze_batch([view])
                rows.setdefault(r.name, {})[label] = time.process_time() - c
    print(f"# CPU seconds per step, 1 MB text of `veil bench hotpath` (NER off), one process; "
          f"load1 {os.getloadavg()[0]:.1f}")
    print(f"{'step':24s} {'before':>7s} {'after':>7s}")
    for k, v in sorted(rows.items(), key=lambda kv: -kv[1]["before"]):
        print(f"{k:24s} {v['before']:7.3f} {v['after']:7.3f}")
    print(f"{'total':24s} {sum(v['before'] for v in rows.values()):7.2f} "
          f"{sum(v['after'] for v in rows.values()):7.2f}")


if __name__ == "__main__":
    main()
