from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner


@pytest.mark.slow
def test_bench_detect_writes_reports(tmp_path: Path) -> None:
    pytest.importorskip("presidio_evaluator")
    pytest.importorskip("matplotlib")
    from veil.cli.app import app

    res = CliRunner().invoke(app, ["bench", "detect", "--n", "12", "--seeds", "7",
                                   "--no-presidio", "--timing-texts", "3", "--out",
                                   str(tmp_path)])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "detect.json").read_text())
    assert data["quality"]["combined"]["veil"]["overall"]["gold"] > 0
    assert data["timing"]["veil_median_ms"] > 0
    assert (tmp_path / "detect.png").stat().st_size > 1000
    assert "Veil" in (tmp_path / "detect.md").read_text()
