"""Export of a trained detector to ONNX with int8 dynamic quantization (onnxruntime).

The serving side (``veil.detect.learned``) needs onnxruntime and the ``tokenizers`` library
only, never torch: the folder written here is self-contained.

Folder layout (``DETECTOR_FILES``): ``model.onnx`` (int8 weights), ``tokenizer.json``,
``detector.json`` (labels, sequence length, layers, a SHA-256 of the model), plus the model
card written by :mod:`veil.train.card`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import torch

from veil.train.data import LABELS
from veil.train.model import INPUT_NAMES, ConvTagger, Tagger, base_path

DETECTOR_FILES = ("model.onnx", "tokenizer.json", "detector.json")
#: opset of the exported graph (onnxruntime 1.2x runs it; the int8 MatMuls need >= 10)
OPSET = 17


def export_onnx(model: Tagger, path: Path | str, *, max_length: int = 128) -> Path:
    """The fp32 graph of ``model`` with dynamic batch and sequence axes."""
    out = Path(path)
    model = model.eval()
    ids = torch.ones((2, max_length), dtype=torch.long)
    inputs = (
        ids,
        torch.ones_like(ids),
        torch.zeros_like(ids),
        torch.arange(max_length).unsqueeze(0).expand_as(ids).contiguous(),
    )
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES}
    axes["logits"] = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        # the TorchScript exporter: one .onnx file, no onnxscript dependency
        torch.onnx.export(
            model,
            inputs,
            str(out),
            input_names=list(INPUT_NAMES),
            output_names=["logits"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
    return out


#: ops whose weights are quantized, per architecture (None: every op onnxruntime can). A conv
#: tagger keeps its convolutions in float: onnxruntime's ConvInteger ran 2.4x slower than the
#: float Conv (1.81 against 0.74 ms per 128-token window), while the int8 embedding table
#: (Gather) cuts the file from 16.5 to 4.7 MB at no cost in speed.
QUANTIZED_OPS: dict[str, list[str] | None] = {"transformer": None, "conv": ["MatMul", "Gather"]}


def quantize(src: Path | str, dst: Path | str, *, ops: list[str] | None = None) -> Path:
    """Int8 dynamic quantization of the weights (activations stay float, scaled per call)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=ops)
    return Path(dst)


def export_detector(
    model: Tagger,
    folder: Path | str,
    *,
    max_length: int = 128,
    int8: bool = True,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write the serving folder for ``model``; returns it. Existing files are replaced."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = export_onnx(model, Path(tmp) / "model.fp32.onnx", max_length=max_length)
        staged = Path(tmp) / "model.onnx"
        if int8:
            quantize(fp32, staged, ops=QUANTIZED_OPS[model.arch])
        else:
            shutil.copyfile(fp32, staged)
        shutil.move(str(staged), out / "model.onnx")
    shutil.copyfile(base_path() / "tokenizer.json", out / "tokenizer.json")
    meta = {
        "labels": list(LABELS),
        "max_length": max_length,
        "arch": model.arch,
        "layers": model.num_layers,
        "int8": int8,
        "lowercase": True,  # the MiniLM vocabulary is uncased (the tokenizer lowercases)
        "case": True,  # token_type_ids carry veil.train.casing's case classes
        "sha256": file_sha256(out / "model.onnx"),
        # the runtime packs several windows into one row this far apart (conv taggers only)
        **({"reach": model.reach} if isinstance(model, ConvTagger) else {}),
        **(extra or {}),
    }
    (out / "detector.json").write_text(json.dumps(meta, indent=2) + "\n")
    return out


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def replace_folder(staging: Path, folder: Path) -> None:
    """Swap a finished detector folder in; a serving process never sees a half-written one."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)

