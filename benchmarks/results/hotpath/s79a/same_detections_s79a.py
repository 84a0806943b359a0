"""Detections of the base tree and of this tree on the SAME texts, both NER backends, each
tree's engine in a process of its own: the hot-path corpus (short and ~1 KB prompts), the texts
of `veil bench detect` (hard set and PresidioSentenceFaker samples, seeds 101-103, and the
multilingual samples: `same_detections_s47.py`'s texts), every probe set's prompts under
benchmarks/results/hotpath/s7*/ (their ``PROBES`` lists), s8*/'s probe and held-out sets, and a
few chat logs (speakers after their times, handles, digits of other scripts: s81a). Each text is
read alone (``analyze``), the texts four at a time (``analyze_batch``: the engine's batch
path), and the ~1 KB texts with a session's values seen before (the engine's list with the seen
cache after it). Compares (entity, start, end, score, recognizer) of every detection and exits
non-zero when a text differs.

    PYTHONPATH=<tree>/src .venv/bin/python \
        benchmarks/results/hotpath/s79a/same_detections_s79a.py --base /tmp/s79/base/src
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent

_CHILD = """
import json, sys
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.seen import SeenEntityCache
texts = json.load(open(sys.argv[1]))
eng = DetectionEngine(Policy.model_validate({"ner_backend": sys.argv[3]}))
def row(ds):
    return [(d.type, d.start, d.end, d.score, d.recognizer) for d in ds]
out = {k: row(eng.analyze(t)) for k, t in texts.items()}
keys = list(texts)
for i in range(0, len(keys), 4):
    part = keys[i:i + 4]
    for k, ds in zip(part, eng.analyze_batch([texts[k] for k in part])):
        out["batch:" + k] = row(ds)
kb = [k for k in keys if k.startswith("kb-") or k.startswith("hot-kb-")]
for prev, k in zip(kb, kb[1:]):
    seen = SeenEntityCache({(d.type, d.text): None for d in eng.analyze(texts[prev])})
    out["seen:" + k] = row(eng.analyze(texts[k], seen=seen))
json.dump(out, open(sys.argv[2], "w"))
"""


def _module(path: Path) -> object:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _texts() -> dict[str, str]:
    from veil.cli.bench_hotpath import corpus

    s47 = _module(_HERE.parent / "s47" / "same_detections_s47.py")
    texts: dict[str, str] = dict(s47._texts())  # type: ignore[attr-defined]
    short, kb, _ = corpus(200, 40)
    texts |= {f"hot-short-{i}": t for i, t in enumerate(short)}
    texts |= {f"hot-kb-{i}": t for i, t in enumerate(kb)}
    paths = sorted(glob.glob(str(_HERE.parent / "s7*" / "leak_probes_*.py")))
    paths += sorted(glob.glob(str(_HERE.parent / "s8*" / "leak_probes_*.py")))
    paths += sorted(glob.glob(str(_HERE.parent / "s8*" / "heldout_*.py")))
    for path in paths:
        probes = getattr(_module(Path(path)), "PROBES", [])
        texts |= {f"{Path(path).stem}-{i}": p[1] for i, p in enumerate(probes)}
    texts |= {f"chat-{i}": t for i, t in enumerate(_CHATS)}
    return texts


#: chat logs: a speaker after a time, in brackets or not, handles, colons without a time,
#: digits of other scripts (the handle recognizer's and the phone recognizer's idle tests)
_CHATS = [
    "[10:32] mike_r: hey, can you send it to @jane-doe-42?\n[10:33] <jdoe42> sure",
    "12:01 kate.w: call me on 020 7946 0958\n 9:05:33 PM a.b_c: ok\n10:42 <em> not a name",
    "Note: bring the forms.\nAgenda: budget; staffing\nCc: @ops_team",
    "10:42 <mkowalczyk> hi all\n10:43 <span> x\n[10:44 pm] <piotr_k> hello",
    "Zadzwoń: ٠٧٩١٢٣٤٥٦٧٨ albo ０９０-１２３４-５６７８, pisz @anna_k",
    "log\\n[08:15] dev_ops1: deploy done\\n[08:16] qa.lead: thanks",
]


def _detections(tree: str, texts_file: str, backend: str, out: str) -> dict[str, object]:
    """What the engine of ``tree`` (its src folder) finds in each text."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {"HF_HUB_OFFLINE": "1", "PYTHONPATH": tree}
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
    failed = False
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "texts.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        for backend in a.backends.split(","):
            before = _detections(a.base, src, backend, os.path.join(d, "before.json"))
            after = _detections(mine, src, backend, os.path.join(d, "after.json"))
            assert before.keys() == after.keys()
            differ = [k for k in before if before[k] != after[k]]
            total = sum(len(v) for v in after.values())  # type: ignore[arg-type]
            print(f"{backend}: {len(texts)} texts, {len(after)} readings (alone, in fours, "
                  f"with seen values), {total} detections; readings that differ: "
                  f"{len(differ)} {differ[:5]}", flush=True)
            failed |= bool(differ)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
