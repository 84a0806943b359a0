"""Detections of a baseline tree and of this tree on the SAME texts, both NER backends: the
hard set and PresidioSentenceFaker samples of `veil bench detect`'s seeds 101-103, the
multilingual samples (de, fr, es, zh; seeds 101-102) and the ~1 KB texts of
`veil bench hotpath`. Every recognizer, the default five message languages. Prints per backend
how many texts' detections (type, offsets, recognizer) differ.

    git archive <base> src | tar -x -C /tmp/base
    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/hotpath/s47/same_detections_s47.py --base /tmp/base/src
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess  # nosec B404
import sys
import tempfile

_CHILD = """
import json, sys
from veil.config import Policy
from veil.detect.engine import DetectionEngine
texts = json.load(open(sys.argv[1]))
eng = DetectionEngine(Policy.model_validate({"ner_backend": sys.argv[3]}))
json.dump({k: [(d.type, d.start, d.end, d.recognizer) for d in eng.analyze(t)]
           for k, t in texts.items()}, open(sys.argv[2], "w"))
"""


def _texts() -> dict[str, str]:
    from veil.cli.bench_hotpath import corpus
    from veil.evaluation.datasets import hard_samples, presidio_samples
    from veil.evaluation.multilingual import multilingual_samples

    texts: dict[str, str] = {}
    for seed in (101, 102, 103):
        texts |= {f"hard-{seed}-{i}": s.text for i, s in enumerate(hard_samples(300, seed))}
        texts |= {f"faker-{seed}-{i}": s.text
                  for i, s in enumerate(presidio_samples(300, seed))}
    for lang in ("de", "fr", "es", "zh"):
        for seed in (101, 102):
            texts |= {f"{lang}-{seed}-{i}": s.text
                      for i, s in enumerate(multilingual_samples(lang, 150, seed))}
    _, kb, _ = corpus(0, 40)
    texts |= {f"kb-{i}": t for i, t in enumerate(kb)}
    return texts


def _detections(tree: str | None, texts_file: str, backend: str, out: str) -> dict[str, object]:
    """What the engine of ``tree`` (its src folder; None: this one) finds in each text."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {"HF_HUB_OFFLINE": "1", **({"PYTHONPATH": tree} if tree else {})}
    subprocess.run([sys.executable, "-c", _CHILD, texts_file, out, backend],  # nosec B603
                   env=env, check=True, capture_output=True, timeout=1800)
    with open(out, encoding="utf-8") as f:
        return dict(json.load(f))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the baseline tree's src folder")
    a = ap.parse_args()
    texts = _texts()
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "texts.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        for backend in ("learned", "spacy"):
            before = _detections(a.base, src, backend, os.path.join(d, "before.json"))
            after = _detections(None, src, backend, os.path.join(d, "after.json"))
            differ = [k for k in texts if before[k] != after[k]]
            total = sum(len(v) for v in after.values())  # type: ignore[arg-type]
            print(f"{backend}: {len(texts)} texts, {total} detections after; texts whose "
                  f"detections differ: {len(differ)} {differ[:5]}; "
                  f"load1 {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
