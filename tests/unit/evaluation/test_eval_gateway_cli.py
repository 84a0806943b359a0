"""``veil eval gateway --quick`` end to end on a tiny n (loads spaCy, Presidio, SmolLM2, MiniLM)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veil.cli.app import app
from veil.evaluation.gateway_eval import build_datasets


@pytest.mark.slow
def test_quick_run_writes_a_complete_report(tmp_path: Path) -> None:
    args = ["eval", "gateway", "--quick", "--n", "6", "--protect-n", "3", "--prompts", "2",
            "--max-new-tokens", "4", "--out", str(tmp_path)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    out = tmp_path / "gateway_eval"
    data = json.loads((out / "gateway_eval.json").read_text())
    det = data["detection"]
    assert {"veil_patterns", "veil_ner", "veil_ner_terms", "presidio"} <= set(det["backends"])
    assert "llm_guard" in det["skipped"] or "llm_guard" in det["backends"]
    overall = det["quality"]["combined"]["veil_ner"]["overall"]
    assert overall["gold"] > 0 and 0.0 <= overall["recall"] <= 1.0
    assert set(data["leakage"]) == {"placeholder", "pseudonym", "synthetic", "redact"}
    assert data["restoration"]["placeholder"]["cases"] > 0
    util = data["utility"]["operators"]
    assert set(util) == {"placeholder", "pseudonym", "synthetic"}
    assert all(-1.0 <= u["restored"]["mean"] <= 1.0 for u in util.values())
    assert data["cost"]["sizes"]["300"]["veil_ner_ms"] > 0
    for png in ("detection.png", "leakage.png", "restoration.png", "utility.png", "cost.png"):
        assert (out / png).stat().st_size > 1000
    # privacy: no labelled value of the evaluated data appears in the report or the output
    data_sets = build_datasets(6, [101])
    values = {x.text[s.start:s.end] for v in data_sets.values() for x in v for s in x.spans}
    blob = (out / "gateway_eval.json").read_text() + (out / "gateway_eval.md").read_text()
    blob += res.output
    assert [v for v in values if len(v) >= 6 and v in blob] == []


def test_unknown_section_is_refused(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["eval", "gateway", "--only", "detection,bogus",
                                   "--out", str(tmp_path)])
    assert res.exit_code != 0
    assert "bogus" in res.output
    assert not (tmp_path / "gateway_eval").exists()


@pytest.mark.slow
def test_only_one_section_merges_into_an_existing_report(tmp_path: Path) -> None:
    out = tmp_path / "gateway_eval"
    out.mkdir()
    previous = {"utility": {"prompts": 1, "max_new_tokens": 1, "model": "m", "embedder": "e",
                            "operators": {}}, "timings_s": {"utility": 1.0}}
    (out / "gateway_eval.json").write_text(json.dumps(previous))
    args = ["eval", "gateway", "--only", "protection", "--merge", "--n", "3", "--seeds", "7",
            "--out", str(tmp_path)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads((out / "gateway_eval.json").read_text())
    assert data["utility"]["prompts"] == 1  # kept from the earlier run
    assert set(data["timings_s"]) == {"utility", "leakage_restoration"}
    assert data["leakage"]["placeholder"]["prompts"] == 6  # 3 per dataset x 1 seed
    assert "detection" not in data and "cost" not in data
