"""The conv tagger's convolutions as int8 matrix products: speed and agreement (tried, dropped).

Writes a copy of a detector folder whose ONNX graph computes each dilated convolution as one
MatMul over its input's shifted copies (same arithmetic in float), with every MatMul
int8-quantized, then times both graphs at the window shapes the hot path uses (one thread,
no spinning, as the caller's session runs) and counts the windows whose labels differ.
Quality of the whole engine: run `veil train bench` with VEIL_DETECTOR_DIR on each folder.

    .venv/bin/python benchmarks/results/hotpath/s35/int8_convs.py <detector> <out folder>
"""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F
from onnxruntime.quantization import QuantType, quantize_dynamic
from torch import nn

from veil.train.export import export_onnx
from veil.train.model import load


class TapsAsMatMul(nn.Module):
    """nn.Conv1d (odd kernel, same padding) as one Linear over the shifted copies."""

    def __init__(self, conv: nn.Conv1d) -> None:
        super().__init__()
        (self.kernel,), (self.dilation,) = conv.kernel_size, conv.dilation
        w = conv.weight.detach()
        self.linear = nn.Linear(w.shape[1] * self.kernel, w.shape[0])
        with torch.no_grad():
            self.linear.weight.copy_(torch.cat([w[:, :, j] for j in range(self.kernel)], 1))
            self.linear.bias.copy_(conv.bias.detach())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        d, n = self.dilation, self.dilation * (self.kernel - 1)
        padded = F.pad(x.transpose(1, 2), (0, 0, n // 2, n // 2))
        taps = [padded[:, j * d: (j * d - n) or None] for j in range(self.kernel)]
        return self.linear(torch.cat(taps, -1)).transpose(1, 2)


def session(path: Path) -> ort.InferenceSession:
    o = ort.SessionOptions()
    o.intra_op_num_threads, o.inter_op_num_threads = 1, 1
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"])


def main() -> None:
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    model = load(src / "torch").eval()
    graph = copy.deepcopy(model)
    graph.convs = nn.ModuleList(TapsAsMatMul(c) for c in model.convs)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    with tempfile.TemporaryDirectory() as tmp:
        export_onnx(graph, Path(tmp) / "f.onnx")
        quantize_dynamic(str(Path(tmp) / "f.onnx"), str(dst / "model.onnx"),
                         weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"])
    meta = json.loads((dst / "detector.json").read_text())
    meta["sha256"] = hashlib.sha256((dst / "model.onnx").read_bytes()).hexdigest()
    (dst / "detector.json").write_text(json.dumps(meta, indent=2) + "\n")
    old, new = session(src / "model.onnx"), session(dst / "model.onnx")
    rng = np.random.default_rng(0)
    print("shape      float convs   int8 matmuls   windows' labels equal")
    for b, n in [(1, 20), (1, 40), (1, 128), (2, 128), (32, 128)]:
        ids = rng.integers(1000, 20000, (b, n)).astype(np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": rng.integers(1, 14, (b, n)).astype(np.int64)}
        feed = {k: v for k, v in feed.items() if k in {i.name for i in old.get_inputs()}}
        reps = max(20, 40_000 // (b * n))
        best = [1e9, 1e9]
        for _ in range(5):  # interleaved, best of five
            for k, s in enumerate((old, new)):
                t0 = time.perf_counter()
                for _ in range(reps):
                    s.run(["logits"], feed)
                best[k] = min(best[k], (time.perf_counter() - t0) / reps * 1e3)
        a, c = (s.run(["logits"], feed)[0].argmax(-1) for s in (old, new))
        print(f"{b:>2} x {n:<4} {best[0]:8.3f} ms   {best[1]:8.3f} ms    {(a == c).mean():.4f}")


if __name__ == "__main__":
    main()
