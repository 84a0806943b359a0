"""ONNX export and int8 quantization (veil.train.export) against the torch model they come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
ort = pytest.importorskip("onnxruntime")

from veil.train import export as E  # noqa: E402,N812
from veil.train import model as M  # noqa: E402,N812

pytestmark = pytest.mark.slow  # loads the MiniLM weights


def _feed(enc: dict[str, torch.Tensor]) -> dict[str, object]:
    return {k: enc[k].numpy() for k in M.INPUT_NAMES}


def test_onnx_matches_torch_and_int8_stays_close(tmp_path: Path) -> None:
    model = M.build_model(layers=1, seed=0).eval()
    tok = M.load_tokenizer()
    texts = ["Maria Lopez flew from Lyon to meet Acme Corp.", "no names here", "Dr. Chen"]
    enc = M.encode(texts, tok)
    with torch.no_grad():
        ref = model(**{k: enc[k] for k in M.INPUT_NAMES}).numpy()

    fp32 = E.export_onnx(model, tmp_path / "m.onnx", max_length=32)
    sess = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"])
    # dynamic axes: another batch size and length than the export example
    (out,) = sess.run(["logits"], _feed(enc))
    assert out.shape == ref.shape
    assert abs(out - ref).max() < 1e-3

    int8 = E.quantize(fp32, tmp_path / "m.int8.onnx")
    assert int8.stat().st_size < fp32.stat().st_size / 2.5  # weights really are 8-bit
    (q,) = ort.InferenceSession(str(int8), providers=["CPUExecutionProvider"]).run(
        ["logits"], _feed(enc)
    )
    # an untrained head has near-tied logits, so argmax agreement says little: compare values
    import numpy as np

    mask = enc["attention_mask"].numpy() == 1
    assert np.corrcoef(q[mask].ravel(), ref[mask].ravel())[0, 1] > 0.95


def test_detector_folder_is_self_contained(tmp_path: Path) -> None:
    model = M.build_model(base="random", layers=1, seed=1)
    folder = E.export_detector(model, tmp_path / "det", max_length=64, extra={"model": "t"})
    assert sorted(p.name for p in folder.iterdir()) == sorted(E.DETECTOR_FILES)
    meta = json.loads((folder / "detector.json").read_text())
    assert meta["labels"] == list(M.LABELS) and meta["layers"] == 1 and meta["int8"] is True
    assert meta["sha256"] == E.file_sha256(folder / "model.onnx")
