"""The learned detector's onnxruntime session, warm and with the cache emptied before each run
(`CacheFlusher`), under the session options that decide where its buffers live: 100 inputs of
20-60 tokens, the median of four rounds:

    python benchmarks/results/hotpath/s53/ort_options_cold_s53.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from veil.cli.bench_hotpath import CacheFlusher

MODEL = str(Path.home() / ".cache/veil/detector/model.onnx")
VARIANTS: dict[str, dict[str, bool]] = {
    "default": {},
    "no_mem_pattern": {"enable_mem_pattern": False},
    "no_arena": {"enable_cpu_mem_arena": False},
    "no_pattern_no_arena": {"enable_mem_pattern": False, "enable_cpu_mem_arena": False},
}


def session(**options: bool) -> Any:
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    for k, v in options.items():
        setattr(o, k, v)
    return ort.InferenceSession(MODEL, o, providers=["CPUExecutionProvider"])


rng = np.random.default_rng(0)
feeds = [{"input_ids": rng.integers(1000, 30000, (1, n)).astype(np.int64),
          "attention_mask": np.ones((1, n), np.int64),
          "token_type_ids": rng.integers(0, 9, (1, n)).astype(np.int64)}
         for n in rng.integers(20, 60, 100)]
sessions = {k: session(**v) for k, v in VARIANTS.items()}
for s in sessions.values():
    for f in feeds:
        s.run(["logits"], f)
flush = CacheFlusher()
res: dict[str, dict[str, list[float]]] = {k: {"warm": [], "cold": []} for k in sessions}
for _ in range(4):
    for k, s in sessions.items():
        for mode in ("warm", "cold"):
            for f in feeds:
                if mode == "cold":
                    flush()
                t0 = time.perf_counter()
                s.run(["logits"], f)
                res[k][mode].append(time.perf_counter() - t0)
for k, v in res.items():
    print(f"{k:22s} warm {statistics.median(v['warm']) * 1e6:6.1f} us   "
          f"cold {statistics.median(v['cold']) * 1e6:6.1f} us")
