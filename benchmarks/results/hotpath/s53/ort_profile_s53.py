"""The learned detector's graph in onnxruntime: the nodes left after its optimiser, a run's time
warm and with the cache emptied before it, and onnxruntime's own profile by kind of node, for
one input of N tokens (default 60, a short prompt; 306 is a ~1 KB text's row):

    python benchmarks/results/hotpath/s53/ort_profile_s53.py [N]
"""

from __future__ import annotations

import collections
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import onnxruntime as ort

from veil.cli.bench_hotpath import CacheFlusher

MODEL = str(Path.home() / ".cache/veil/detector/model.onnx")
n = int(sys.argv[1]) if len(sys.argv) > 1 else 60


def options(**extra: Any) -> Any:
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    for k, v in extra.items():
        setattr(o, k, v)
    return o


with tempfile.TemporaryDirectory() as tmp:
    optimised = str(Path(tmp) / "optimised.onnx")
    s = ort.InferenceSession(MODEL, options(optimized_model_filepath=optimised),
                             providers=["CPUExecutionProvider"])
    nodes = collections.Counter(node.op_type for node in onnx.load(optimised).graph.node)
print(f"nodes after onnxruntime's optimiser: {sum(nodes.values())} {dict(nodes.most_common())}")
rng = np.random.default_rng(0)
feed = {"input_ids": rng.integers(1000, 30000, (1, n)).astype(np.int64),
        "attention_mask": np.ones((1, n), np.int64),
        "token_type_ids": rng.integers(0, 9, (1, n)).astype(np.int64)}
for _ in range(200):
    s.run(["logits"], feed)
t0 = time.perf_counter()
for _ in range(1000):
    s.run(["logits"], feed)
warm = (time.perf_counter() - t0) / 1000
flush = CacheFlusher()
cold = []
for _ in range(200):
    flush()
    t0 = time.perf_counter()
    s.run(["logits"], feed)
    cold.append(time.perf_counter() - t0)
print(f"{n} tokens: warm {warm * 1e6:.1f} us per run, cold {statistics.median(cold) * 1e6:.1f} us")
profiled = ort.InferenceSession(MODEL, options(enable_profiling=True),
                                providers=["CPUExecutionProvider"])
for _ in range(300):
    profiled.run(["logits"], feed)
trace = profiled.end_profiling()
events = json.loads(Path(trace).read_text())
os.remove(trace)
runs = [e for e in events if e.get("name") == "model_run"]
by_op: collections.Counter[str] = collections.Counter()
count: collections.Counter[str] = collections.Counter()
for e in events:
    if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
        by_op[e["args"]["op_name"]] += e["dur"]
        count[e["args"]["op_name"]] += 1
print(f"profiled: run {sum(e['dur'] for e in runs) / len(runs):.1f} us, kernels "
      f"{sum(by_op.values()) / len(runs):.1f} us")
for op, us in by_op.most_common():
    print(f"  {op:22s} {us / len(runs):7.1f} us  ({count[op] // len(runs)} nodes)")
