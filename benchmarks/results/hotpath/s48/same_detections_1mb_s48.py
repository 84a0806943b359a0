"""Detections of `veil bench hotpath`'s 1 MB document (NER on, learned backend, every
recognizer) from a baseline tree and from this tree, each in a process of its own: how many
differ (type, offsets, recognizer, score).

    git archive <base> src | tar -x -C /tmp/base
    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \\
        benchmarks/results/hotpath/s48/same_detections_1mb_s48.py --base /tmp/base/src
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess  # nosec B404
import sys
from pathlib import Path

_CHILD = """
import json, sys
from veil.cli.bench_hotpath import corpus
from veil.config import Policy
from veil.detect.engine import DetectionEngine
big = corpus(10, 2)[2]
engine = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
found = engine.analyze(big)
print("@@" + json.dumps([[d.type, d.start, d.end, d.recognizer, round(d.score, 6)]
                        for d in found]))
"""


def _run(src: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONPATH": src, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, check=True,  # nosec B603
                         capture_output=True, text=True).stdout
    # the corpus' generators print too: the detections follow the last marker
    return [list(x) for x in json.loads(out.rpartition("@@")[2])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    args = ap.parse_args()
    here = str(Path(__file__).resolve().parents[4] / "src")
    base, this = _run(args.base), _run(here)
    both = {tuple(x) for x in base} & {tuple(x) for x in this}
    print(f"1 MB document: {len(base)} detections before, {len(this)} after, "
          f"{len(base) - len(both)} only before, {len(this) - len(both)} only after")


if __name__ == "__main__":
    main()
