"""Export of a trained detector to ONNX in int8 (onnxruntime): a transformer's weights
quantized dynamically; a conv tagger's convolutions as matrix products with activation scales
fixed at export (:func:`calibrated_products`), its word table in 8 bits.

The serving side (``veil.detect.learned``) needs onnxruntime and the ``tokenizers`` library
only, never torch: the folder written here is self-contained.

Folder layout (``DETECTOR_FILES``): ``model.onnx`` (int8 weights), ``tokenizer.json``,
``detector.json`` (labels, sequence length, layers, a SHA-256 of the model), plus the model
card written by :mod:`veil.train.card`.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional

from veil.train.data import LABELS
from veil.train.model import INPUT_NAMES, ConvTagger, Tagger, base_path

DETECTOR_FILES = ("model.onnx", "tokenizer.json", "detector.json")
#: opset of the exported graph (onnxruntime 1.2x runs it; the int8 MatMuls need >= 10)
OPSET = 17
#: the graph form of a conv tagger's export, in ``detector.json`` (``export``; absent: 1).
#: 2: each convolution's neighbours are constant slices of one padded copy
#: (:class:`ShiftedProduct`). A folder of an earlier form is exported again from its weights
#: by :mod:`veil.train.reexport`.
EXPORT_FORM = 2


class ShiftedProduct(nn.Module):
    """A ``Conv1d`` of a conv tagger (same layout, same function to float rounding) as one
    matrix product: each position's input beside its neighbours ``dilation`` positions apart,
    zero past the ends, times the kernel laid out as one matrix. Exported so, int8 quantization
    (:func:`calibrated_products`) reaches the convolutions as MatMuls, which onnxruntime runs
    on the CPU's 8-bit dot products: a 25-token window 117 -> 81 us, 300 tokens 950 -> 611 us,
    against the float Conv the tagger kept because onnxruntime's ConvInteger ran 2.4x slower
    than it."""

    def __init__(self, conv: nn.Conv1d) -> None:
        super().__init__()
        weight = conv.weight.detach()  # (out, in, kernel)
        out_ch, in_ch, kernel = weight.shape
        (dilation,) = conv.dilation
        if conv.padding != (dilation * (kernel // 2),) or conv.stride != (1,) or conv.groups != 1:
            raise ValueError("only a conv tagger's 'same' convolutions can be exported as products")
        # neighbour j reads position t + (j - kernel // 2) * dilation; the kernel's tap j
        # multiplies it
        self.dilation, self.kernel = dilation, kernel
        self.linear = nn.Linear(in_ch * kernel, out_ch, bias=conv.bias is not None)
        with torch.no_grad():
            self.linear.weight.copy_(weight.permute(0, 2, 1).reshape(out_ch, kernel * in_ch))
            if conv.bias is not None:
                self.linear.bias.copy_(conv.bias.detach())

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (batch, channels, sequence)
        rows = x.transpose(1, 2)
        # One pad of zeros on both ends, then each neighbour is a slice whose bounds are
        # constants (its end counted from the padded end): no shape is read at run time. The
        # graph per convolution is a Pad, two Slices and a Concat; the pads and crops per tap
        # it replaced, with the Shape, Gather and Unsqueeze that measured the length, were
        # eight nodes. The values are the same, bit for bit.
        reach = self.dilation * (self.kernel // 2)
        padded = functional.pad(rows, (0, 0, reach, reach))
        taps = []
        for j in range(self.kernel):
            start = j * self.dilation
            if start == reach:
                taps.append(rows)  # the position itself
            else:
                end = start - 2 * reach  # < 0, or 0 for the last tap: to the end
                taps.append(padded[:, start:end] if end else padded[:, start:])
        out: torch.Tensor = self.linear(torch.cat(taps, -1)).transpose(1, 2)
        return out


def exportable(model: Tagger) -> Tagger:
    """``model`` as :func:`export_onnx` writes it: a conv tagger's convolutions as
    :class:`ShiftedProduct` (on a copy; the model itself is left as it is)."""
    if not isinstance(model, ConvTagger):
        return model
    view = copy.deepcopy(model)
    view.convs = nn.ModuleList(ShiftedProduct(c) for c in model.convs)  # type: ignore[arg-type]
    return view


def export_onnx(model: Tagger, path: Path | str, *, max_length: int = 128) -> Path:
    """The fp32 graph of ``model`` with dynamic batch and sequence axes."""
    out = Path(path)
    model = exportable(model.eval())
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


#: ops whose weights are quantized dynamically, per architecture (None: every op onnxruntime
#: can). For a conv tagger that is the word table only (Gather: the file 16.5 -> 4.7 MB, no
#: cost in speed); its convolutions are exported as MatMuls (:class:`ShiftedProduct`) and
#: quantized with fixed activation scales (:func:`calibrated_products`).
QUANTIZED_OPS: dict[str, list[str] | None] = {"transformer": None, "conv": ["Gather"]}
#: generated sentences whose activations set the conv products' int8 scales (a seed of its
#: own: not a training or reporting one)
CALIBRATION_SENTENCES = 600
CALIBRATION_SEED = 77


def quantize(src: Path | str, dst: Path | str, *, ops: list[str] | None = None) -> Path:
    """Int8 dynamic quantization of the weights (activations stay float, scaled per call)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=ops)
    return Path(dst)


def calibrated_products(src: Path | str, dst: Path | str, *, max_length: int = 128) -> Path:
    """A conv tagger's convolution products (the MatMuls :class:`ShiftedProduct` exports) in
    int8 with fixed activation scales, the min and max each input takes over generated
    sentences; weights one scale per output column. The projection and the classifier stay
    float.

    Why fixed scales: a dynamically quantized product scales one model call's activations
    together, so text an attacker puts in the same request moved another piece's spans (a junk
    companion changed up to 31 of 1,200 texts). With fixed scales a piece's spans never depend
    on the rest of the call, at 1.2-1.6x the speed of the float convolutions (dynamic scales:
    1.4-1.9x). One scale per column, and the projection and the classifier in float, keep the
    spans closer to the float graph's than the float convolutions with int8 projection and
    classifier did (46 against 52 of 1,800 texts of `veil bench detect`'s data differ)."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    from veil.train.data import generate_mixed
    from veil.train.model import encode, load_tokenizer

    products = [n.name for n in onnx.load(str(src), load_external_data=False).graph.node
                if n.op_type == "MatMul" and "/convs." in n.name]
    if not products:
        raise ValueError(f"{src} has no convolution products to quantize")
    texts = [s.text for s in generate_mixed(CALIBRATION_SENTENCES, seed=CALIBRATION_SEED)]
    tokenizer = load_tokenizer()

    class Sentences(CalibrationDataReader):
        def __init__(self) -> None:
            self._batches = iter(range(0, len(texts), 16))

        def get_next(self) -> dict[str, Any] | None:
            b = next(self._batches, None)
            if b is None:
                return None
            enc = encode(texts[b : b + 16], tokenizer, max_length=max_length)
            return {k: enc[k].numpy() for k in ("input_ids", "attention_mask", "token_type_ids")}

    quantize_static(str(src), str(dst), Sentences(), quant_format=QuantFormat.QDQ,
                    op_types_to_quantize=["MatMul"], nodes_to_quantize=products,
                    per_channel=True, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, calibrate_method=CalibrationMethod.MinMax)
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
        if int8 and isinstance(model, ConvTagger):
            products = calibrated_products(fp32, Path(tmp) / "model.products.onnx",
                                           max_length=max_length)
            quantize(products, staged, ops=QUANTIZED_OPS[model.arch])
        elif int8:
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
        # the runtime packs several windows into one row this far apart (conv taggers only);
        # the convolutions are 8-bit products (a folder without the flag has float ones)
        **({"reach": model.reach, "int8_convolutions": int8, "export": EXPORT_FORM}
           if isinstance(model, ConvTagger) else {}),
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

