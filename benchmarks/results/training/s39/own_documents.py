"""Federated + DP fine-tuning on the clients' own documents, from the shipped detector.

Stands for four organisations whose text is of another kind than the public synthetic data the
shipped detector learned from: each client's "own documents" are sentences of presidio-evaluator's
generator (which no Veil training has seen), written as JSON Lines files and read through
``veil.train.documents`` as a SuperNode would. Held out: 300 more sentences of that generator
(another seed). Runs (simulation engine, 4 clients, SecAgg+, 6 rounds of 1 epoch, batch 256,
conv tagger of the shipped shape, DP-SGD at epsilon 8 per piece, delta 1e-5):
  - shipped: the start detector alone, no fine-tuning;
  - dp_scratch: federated DP from a fresh model (lr 4e-3);
  - dp_start: federated DP from the shipped detector (lr 1e-3);
  - nodp_start: the same without DP (the ceiling of fine-tuning).
Every detector is scored on the held-out file as ``veil train score`` does (exact spans).
A second call with other RUNS reuses the files and adds to ``own_documents.json``.

Usage: python own_documents.py START_DETECTOR OUT_DIR [N_PER_CLIENT=1500] [RUNS=dp_scratch,...]
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from veil.detect.learned import load_runtime
from veil.train import data
from veil.train.documents import load_documents
from veil.train.federated import FederatedConfig, run_simulation

start, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1500
out.mkdir(parents=True, exist_ok=True)


def write(path: Path, sents: list[data.TaggedSentence]) -> Path:
    path.write_text("\n".join(json.dumps({"text": s.text, "spans": [
        {"start": sp.start, "end": sp.end, "label": sp.label} for sp in s.spans]})
        for s in sents) + "\n", encoding="utf-8")
    return path


files = [out / f"client{i}.jsonl" for i in range(4)]
held = out / "held_out.jsonl"
if not all(f.exists() for f in [*files, held]):
    files = [write(f, data.generate_unseen(n, seed=9_100 + i)) for i, f in enumerate(files)]
    held = write(held, data.generate_unseen(300, seed=9_900))
common = dict(clients=4, rounds=6, local_epochs=1, batch_size=256, base="conv", layers=3,
              context_noise=0.2, secagg=True, eval_n=300, seed=0)
runs = {
    "dp_scratch": FederatedConfig(**common, lr=4e-3, dp_epsilon=8.0, dp_delta=1e-5),
    "dp_start": FederatedConfig(**common, lr=1e-3, dp_epsilon=8.0, dp_delta=1e-5,
                                start_from=str(start)),
    "nodp_start": FederatedConfig(**common, lr=1e-3, start_from=str(start)),
}
chosen = sys.argv[4].split(",") if len(sys.argv) > 4 else ["dp_scratch", "dp_start", "nodp_start"]
summary_path = out / "own_documents.json"
earlier = json.loads(summary_path.read_text()) if summary_path.exists() else {}
results: dict[str, dict[str, object]] = earlier.get("runs", {})
detectors = {"shipped": start, **{k: out / f"det_{k}" for k in results}}
for name, cfg in runs.items():
    if name not in chosen:
        continue
    cfg = FederatedConfig(**{**asdict(cfg), "detector_path": str(out / f"det_{name}")})
    t0 = time.monotonic()
    report = run_simulation(cfg, data_files=files)
    results[name] = {"wall_s": round(time.monotonic() - t0, 1), "privacy": report["privacy"],
                     "clients": report["clients"],
                     "synthetic_sets_last_round": {k: v for k, v in report["rounds"][-1].items()
                                                   if k.startswith("f1_")}}
    detectors[name] = Path(report["detector"])
    print(name, results[name]["wall_s"], "s", flush=True)

pieces, _ = load_documents(held)
gold = [p.spans for p in pieces]
scores = {}
for name, folder in detectors.items():
    found = load_runtime(folder).spans([p.text for p in pieces])
    scores[name] = data.score_spans(gold, [[data.Span(s, e, t) for s, e, t, _ in f]
                                           for f in found])
summary = {"n_per_client": n, "held_out_pieces": len(pieces),
           "held_out_gold_spans": sum(map(len, gold)), "start_detector": str(start),
           "runs": results, "held_out_scores": scores}
summary_path.write_text(json.dumps(summary, indent=2) + "\n")
for name, m in scores.items():
    print(f"{name:11s} micro F1 {m['micro_f1']:.3f}  PERSON F2 {m['f2_PERSON']:.3f}  "
          f"LOC F1 {m['f1_LOCATION']:.3f}  ORG F1 {m['f1_ORGANIZATION']:.3f}")
