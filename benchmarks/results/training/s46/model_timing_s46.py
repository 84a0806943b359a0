"""The learned detector's ONNX graph alone, several folders side by side: best-of-5 time per
run at the shapes the hot path uses (one thread, no spinning, as the caller's session runs).

    .venv/bin/python benchmarks/results/training/s46/model_timing_s46.py <folder> [<folder> ...]

Each folder's name is its column. The folders of the fifteenth round: the export before it
(float convolutions), the same weights exported now (int8 products), and the same weights in
float (``export_detector(..., int8=False)``).
"""
from __future__ import annotations

import sys
import timeit
from pathlib import Path

import numpy as np
import onnxruntime as ort


def session(folder: str) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(Path(folder) / "model.onnx"), opts,
                                providers=["CPUExecutionProvider"])


def main() -> None:
    sessions = {Path(f).name: session(f) for f in sys.argv[1:]}
    rng = np.random.default_rng(0)
    print("batch x tokens: us per run, " + ", ".join(sessions))
    for batch, tokens in ((1, 25), (1, 64), (1, 300), (4, 512), (8, 512)):
        ids = rng.integers(1000, 20000, (batch, tokens)).astype(np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": rng.integers(0, 3, ids.shape).astype(np.int64)}
        best: dict[str, float] = {}
        number = max(3, 20000 // (batch * tokens))
        for _ in range(2):  # two passes, interleaved
            for name, s in sessions.items():
                t = min(timeit.repeat(lambda s=s, feed=feed: s.run(["logits"], feed), number=number,
                                      repeat=5)) / number * 1e6
                best[name] = min(best.get(name, t), t)
        print(f"{batch} x {tokens}: " + ", ".join(f"{best[n]:.0f}" for n in sessions))


if __name__ == "__main__":
    main()
