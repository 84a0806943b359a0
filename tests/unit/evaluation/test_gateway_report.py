"""The report writer: files, valid JSON, sections, and no text from the data in the output."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from veil import Policy, Settings, Veil
from veil.evaluation.datasets import hard_samples
from veil.evaluation.gateway_eval import GatewayEvalConfig, run_protection
from veil.evaluation.gateway_report import headline, markdown, write_report


def _result(tmp_path: Path) -> tuple[dict, list[str]]:
    s = Settings(home=tmp_path / "home", master_key=base64.b64encode(os.urandom(32)).decode())
    v = Veil(s, policy=Policy(ner=False))
    for op in ("placeholder", "pseudonym", "redact"):
        v.set_policy(op, Policy(ner=False, default_operator=op))
    samples = hard_samples(12, seed=5)
    prot = run_protection(samples, veil=v, operators=("placeholder", "pseudonym", "redact"))
    cfg = GatewayEvalConfig.quick_config()
    result = {
        "config": {**cfg.__dict__, "machine": "test"},
        "leakage": prot["leakage"],
        "restoration": prot["restoration"],
        "leakage_presidio": prot["leakage"]["redact"],
        "cost": {"tools": ["veil_ner"], "skipped": {"llm_guard": "offline"},
                 "sizes": {"300": {"texts": 2, "mean_chars": 310.0, "veil_ner_ms": 4.0,
                                   "llm_call_ms": 400.0, "veil_ner_share_of_llm": 0.01}}},
        "utility": {"prompts": 2, "max_new_tokens": 8, "model": "m", "embedder": "e",
                    "operators": {"placeholder": {
                        "restored": {"mean": 0.8, "median": 0.8, "min": 0.7, "n": 2},
                        "unrestored": {"mean": float("nan"), "median": 0.6, "min": 0.5, "n": 2}}}},
    }
    values = [x.text[sp.start:sp.end] for x in samples for sp in x.spans]
    return result, values


def test_writes_json_markdown_and_pngs(tmp_path: Path) -> None:
    result, _ = _result(tmp_path)
    paths = write_report(result, tmp_path / "out")
    names = {p.name for p in paths}
    assert {"gateway_eval.json", "gateway_eval.md", "leakage.png", "restoration.png",
            "utility.png", "cost.png"} <= names
    for p in paths:
        assert p.stat().st_size > 100
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads((tmp_path / "out" / "gateway_eval.json").read_text())  # strict: no NaN
    assert data["utility"]["operators"]["placeholder"]["unrestored"]["mean"] is None
    assert set(data["leakage"]) == {"placeholder", "pseudonym", "redact"}
    assert "redact" not in data["restoration"]
    md = (tmp_path / "out" / "gateway_eval.md").read_text()
    for section in ("## Leakage", "## Restoration", "## Utility", "## Cost", "## Headline"):
        assert section in md
    assert "LLM Guard Anonymize not timed" in md and "1.0" in md  # 1% of the LLM call
    assert "| Presidio analyze+anonymize (defaults) |" in md


def test_no_value_from_the_data_reaches_the_report(tmp_path: Path) -> None:
    result, values = _result(tmp_path)
    write_report(result, tmp_path / "out", plots=False)
    blob = "\n".join(p.read_text() for p in (tmp_path / "out").iterdir())
    leaked = [v for v in values if len(v) >= 5 and v in blob]
    assert leaked == []


def test_headline_names_every_section(tmp_path: Path) -> None:
    result, _ = _result(tmp_path)
    lines = headline(result)
    assert any(line.startswith("leakage placeholder") for line in lines)
    assert any(line.startswith("restoration pseudonym") for line in lines)
    assert any("1.0% of LLM call" in line for line in lines)
    assert markdown(result).count("| placeholder |") >= 2


@pytest.mark.parametrize("missing", ["utility", "cost"])
def test_sections_are_optional(tmp_path: Path, missing: str) -> None:
    result, _ = _result(tmp_path)
    del result[missing]
    paths = write_report(result, tmp_path / "out")
    assert f"{missing}.png" not in {p.name for p in paths}
