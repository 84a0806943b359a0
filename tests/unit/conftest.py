"""Fixtures shared by the unit tests of several packages."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def detector(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, list[object]]:
    """A small learned detector trained here: its folder, the torch model, its sentences."""
    pytest.importorskip("torch")
    pytest.importorskip("onnxruntime")
    from veil.train import central, data
    from veil.train import model as M  # noqa: N812
    from veil.train.export import export_detector

    sents = data.generate_mixed(48, seed=11)
    cfg = central.CentralConfig(layers=1, epochs=5, lr=2e-3, batch_size=8, max_length=48)
    model = M.build_model(layers=1, seed=0)
    central.fit(model, sents, M.load_tokenizer(), cfg, progress=False)
    # fp32: these tests check tokenization, windowing and decoding against torch exactly
    # (int8 closeness is test_export's)
    folder = export_detector(model.eval(), tmp_path_factory.mktemp("det") / "detector", int8=False)
    return folder, model, sents
