"""The learned detector in the earlier graph form and in the current one (the same weights,
exported again: `python -m veil.train.reexport <copy>`): nodes after onnxruntime's optimiser,
and one-thread run time per call (best of 7 rounds of 200 calls, the two sessions in turns),
logits compared:

    python benchmarks/results/hotpath/s54/model_forms_s54.py <old folder> <new folder>
"""
from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort


def session(model: Path, optimized: Path | None = None) -> ort.InferenceSession:
    so = ort.SessionOptions()
    so.intra_op_num_threads = so.inter_op_num_threads = 1
    if optimized is not None:
        so.optimized_model_filepath = str(optimized)
    return ort.InferenceSession(str(model), so, providers=["CPUExecutionProvider"])


folders = {"old": Path(sys.argv[1]), "new": Path(sys.argv[2])}
for name, folder in folders.items():
    dumped = Path(tempfile.gettempdir()) / f"{name}_optimized.onnx"
    session(folder / "model.onnx", dumped)
    nodes = onnx.load(str(dumped)).graph.node
    kinds = dict(collections.Counter(n.op_type for n in nodes).most_common())
    print(f"{name} nodes after the optimiser: {len(nodes)} {kinds}")
sessions = {name: session(folder / "model.onnx") for name, folder in folders.items()}
rng = np.random.default_rng(0)
for length in (34, 60, 306):
    ids = rng.integers(1000, 20000, (1, length)).astype(np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids)}
    logits = [s.run(["logits"], feed)[0] for s in sessions.values()]
    assert np.array_equal(*logits)
    best = dict.fromkeys(sessions, float("inf"))
    for _ in range(7):
        for name, s in sessions.items():
            t0 = time.perf_counter()
            for _ in range(200):
                s.run(["logits"], feed)
            best[name] = min(best[name], (time.perf_counter() - t0) / 200 * 1e6)
    print(f"{length:4d} tokens: old {best['old']:.1f} us, new {best['new']:.1f} us "
          f"({best['new'] / best['old'] - 1:+.1%}); logits equal")
