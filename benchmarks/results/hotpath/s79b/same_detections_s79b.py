"""Detections of a baseline tree and of this tree on the same texts, both NER backends, each
tree in a process of its own: `veil bench detect`'s texts (PresidioSentenceFaker and the hard
set, 500 per seed, seeds 101-103), the ~1 KB texts and the 1 MB document of `veil bench
hotpath` (the 1 MB one read whole, no worker processes), the multilingual samples (de, fr, es,
zh) and every probe set's texts under benchmarks/results/hotpath/s7*/ (a conversation's
turns each on its own). Asserts identical
(type, start, end, score, recognizer) for every text; prints counts only, never text.

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s79b/same_detections_s79b.py \
        --base /tmp/s79/base/src [--backends learned,spacy]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

HOTPATH = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys
from veil.config import Policy
from veil.detect.engine import DetectionEngine
texts = json.load(open(sys.argv[1]))
eng = DetectionEngine(Policy.model_validate({"ner_backend": sys.argv[3]}))
json.dump({k: [(d.type, d.start, d.end, d.score, d.recognizer) for d in eng.analyze(t)]
           for k, t in texts.items()}, open(sys.argv[2], "w"))
"""


def _probe_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(HOTPATH.glob("s7*/leak_probes_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None  # nosec B101
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        if hasattr(mod, "PROBES"):
            out |= {f"{path.parent.name}-{i}": p[1] for i, p in enumerate(mod.PROBES)}
        else:  # a set of conversations: each turn's text
            turns = [turn[0] for _, ts in mod.CONVERSATIONS for turn in ts]
            out |= {f"{path.parent.name}-{i}": t for i, t in enumerate(turns)}
    return out


def _texts() -> dict[str, str]:
    from veil.cli.bench_hotpath import corpus
    from veil.evaluation.datasets import hard_samples, presidio_samples
    from veil.evaluation.multilingual import multilingual_samples

    texts: dict[str, str] = {}
    for seed in (101, 102, 103):
        texts |= {f"hard-{seed}-{i}": s.text for i, s in enumerate(hard_samples(500, seed))}
        texts |= {f"faker-{seed}-{i}": s.text
                  for i, s in enumerate(presidio_samples(500, seed))}
    for lang in ("de", "fr", "es", "zh"):
        texts |= {f"{lang}-{i}": s.text for i, s in enumerate(multilingual_samples(lang, 150, 101))}
    short, kb, mb = corpus(30, 40)
    texts |= {f"short-{i}": t for i, t in enumerate(short)}
    texts |= {f"kb-{i}": t for i, t in enumerate(kb)}
    texts |= _probe_texts()
    texts["1mb"] = mb
    return texts


def _detections(tree: str, texts_file: str, backend: str, out: str) -> dict[str, list[list]]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=tree, VEIL_DETECT_WORKERS="0")
    subprocess.run([sys.executable, "-c", _CHILD, texts_file, out, backend],  # nosec B603
                   env=env, check=True, timeout=3600)
    with open(out, encoding="utf-8") as f:
        return dict(json.load(f))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="the baseline tree's src folder")
    ap.add_argument("--backends", default="learned,spacy")
    a = ap.parse_args()
    mine = str(Path(__file__).resolve().parents[4] / "src")
    texts = _texts()
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "texts.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        for backend in a.backends.split(","):
            before = _detections(a.base, src, backend, os.path.join(d, "before.json"))
            after = _detections(mine, src, backend, os.path.join(d, "after.json"))
            differ = sorted(k for k in texts if before[k] != after[k])
            n = sum(len(v) for v in after.values())
            print(f"{backend}: {len(texts)} texts ({sum(map(len, texts.values()))} characters, "
                  f"{n} detections, {len(after['1mb'])} in the 1 MB text): "
                  f"{len(differ)} differ {differ[:10]}", flush=True)
            assert not differ, f"{backend}: detections differ"  # nosec B101


if __name__ == "__main__":
    main()
