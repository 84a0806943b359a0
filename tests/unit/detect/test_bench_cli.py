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


def test_bench_detect_world_names_writes_a_report_per_locale(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from veil.cli.app import app
    from veil.evaluation.world_names import LOCALES

    res = CliRunner().invoke(app, ["bench", "detect", "--world-names", "--n", "2", "--seeds", "7",
                                   "--no-presidio", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "world_names.json").read_text())
    assert list(data["locales"]) == list(LOCALES)
    veil = data["all"]["veil"]
    assert veil["words"] > 0 and 0 <= veil["words_left"] <= veil["words"]
    assert (tmp_path / "world_names.png").stat().st_size > 1000
    md = (tmp_path / "world_names.md").read_text()
    assert "th_TH" in md and "ja_JP" in md


def test_world_name_words_left_counts_the_words_no_detection_touches() -> None:
    from veil.evaluation.datasets import Span
    from veil.evaluation.world_names import words_left, world_name_samples

    (s, *_) = world_name_samples("ru_RU", 1, 3)
    gold = s.spans[0]
    words = len(s.text[gold.start:gold.end].split())
    assert words_left(s, []) == (words, words)
    assert words_left(s, [Span("PERSON", gold.start, gold.end)]) == (0, words)
    # one character of the first word is enough: the word did not go upstream whole
    assert words_left(s, [Span("PERSON", gold.start, gold.start + 1)]) == (words - 1, words)
