"""A conv detector of the earlier graph form, exported again from its own weights."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")

from torch.nn import functional  # noqa: E402

from veil.train import export, reexport  # noqa: E402
from veil.train import model as M  # noqa: E402


def _earlier_form(self: Any, x: Any) -> Any:
    """ShiftedProduct's first graph form: each neighbour padded and cropped apart, the crop's
    end read from the sequence's length at run time."""
    rows = x.transpose(1, 2)
    length = rows.shape[1]
    taps = []
    for j in range(self.kernel):
        off = (j - self.kernel // 2) * self.dilation
        taps.append(rows if off == 0
                    else functional.pad(rows, (0, 0, 0, off))[:, off:] if off > 0
                    else functional.pad(rows, (0, 0, -off, 0))[:, :length])
    return self.linear(torch.cat(taps, -1)).transpose(1, 2)


@pytest.fixture(scope="module")
def model() -> Any:
    return M.build_model(base="conv", layers=2, hidden=64, seed=0).eval()


def _ops(folder: Path) -> list[str]:
    return [n.op_type for n in onnx.load(str(folder / "model.onnx")).graph.node]


@pytest.fixture
def earlier(model: Any, tmp_path: Path) -> Path:
    """A folder as `veil train detector` wrote it before the current form: the earlier graph,
    no ``export`` in detector.json, the weights in torch/."""
    folder = tmp_path / "detector"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export.ShiftedProduct, "forward", _earlier_form)
        export.export_detector(model, folder, extra={"model": "conv-L2-H64"})
    meta = json.loads((folder / "detector.json").read_text())
    del meta["export"]
    (folder / "detector.json").write_text(json.dumps(meta))
    M.save(model, folder / "torch")
    (folder / "card.md").write_text("the card")
    assert "Shape" in _ops(folder) and reexport.stale(folder)
    return folder


def test_an_earlier_form_is_exported_again_with_the_same_logits(earlier: Path) -> None:
    before = earlier / "model.onnx"
    kept = before.with_name("kept.onnx")
    kept.write_bytes(before.read_bytes())
    said = reexport.reexport(earlier)
    assert said is not None and "logits are the same" in said
    ops = _ops(earlier)
    assert "Shape" not in ops and ops.count("Pad") == 2  # one per convolution
    meta = json.loads((earlier / "detector.json").read_text())
    assert meta["export"] == export.EXPORT_FORM and meta["model"] == "conv-L2-H64"
    assert meta["sha256"] == export.file_sha256(earlier / "model.onnx")
    assert (earlier / "card.md").read_text() == "the card"  # the rest of the folder stays
    assert (earlier / "torch" / "model.pt").is_file()
    assert reexport._differing(kept, earlier / "model.onnx") == 0
    assert not reexport.stale(earlier) and reexport.reexport(earlier) is None
    assert not list(earlier.parent.glob(".detector*"))  # no staging folder left behind


def test_the_check_sees_a_graph_that_computes_otherwise(earlier: Path, model: Any,
                                                        tmp_path: Path) -> None:
    other = M.build_model(base="conv", layers=2, hidden=64, seed=1).eval()
    export.export_detector(other, tmp_path / "other")
    assert reexport._differing(earlier / "model.onnx", tmp_path / "other" / "model.onnx") > 0


def test_a_folder_whose_new_graph_differs_is_kept_as_it_was(
    earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p.name: p.read_bytes() for p in earlier.iterdir() if p.is_file()}
    monkeypatch.setattr(reexport, "_differing", lambda old, new: 3)
    said = reexport.reexport(earlier)
    assert said is not None and "kept in its earlier graph form" in said and "3 of 240" in said
    assert {p.name: p.read_bytes() for p in earlier.iterdir() if p.is_file()} == before
    assert not list(earlier.parent.glob(".detector*"))


def test_a_folder_without_its_weights_is_left_with_a_note(earlier: Path) -> None:
    (earlier / "torch" / "model.pt").unlink()
    onnx_before = (earlier / "model.onnx").read_bytes()
    said = reexport.reexport(earlier)
    assert said is not None and "no weights" in said and "veil train detector --out" in said
    assert (earlier / "model.onnx").read_bytes() == onnx_before


@pytest.mark.parametrize("meta", [
    {"arch": "conv", "int8": True, "int8_convolutions": True, "export": 2},  # current
    {"arch": "conv", "int8": True},  # float convolutions: reach.py's note covers them
    {"arch": "transformer", "int8": True},
    {"arch": "conv", "int8": False, "int8_convolutions": False},
    {"arch": "conv", "int8": True, "int8_convolutions": True, "export": "2"},  # not ours
    ["not", "a", "mapping"],
])
def test_only_int8_conv_folders_of_an_earlier_form_are_stale(meta: Any,
                                                            tmp_path: Path) -> None:
    (tmp_path / "detector.json").write_text(json.dumps(meta))
    assert not reexport.stale(tmp_path) and reexport.reexport(tmp_path) is None
    assert not reexport.stale(tmp_path / "missing")
