"""``veil eval gateway --attacks``: the battery runs in-process and reports per attack."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veil.cli.app import app
from veil.evaluation.gateway_attacks import (
    HOMOGLYPH_VALUES,
    field_plants,
    raw_syntax,
    skeleton,
)


def test_payloads_are_what_they_claim() -> None:
    plants = field_plants("t")
    assert len({p.value for p in plants}) == len(plants)  # one value per field
    assert all(skeleton(v) != v and skeleton(v).isascii() for v in HOMOGLYPH_VALUES)
    assert raw_syntax("Hi [EMAIL_1]") and raw_syntax("cut [EM") and raw_syntax("PERSON_2 said")
    assert not raw_syntax("Hi jane@example.com, see [1] and EMAIL me")


def test_cli_writes_the_attack_report(tmp_path: Path) -> None:
    out = tmp_path / "results"
    r = CliRunner().invoke(
        app, ["eval", "gateway", "--attacks", "--only", "restore_scoping", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads((out / "gateway_eval" / "attacks.json").read_text())
    names = [a["name"] for a in data["attacks"]]
    assert names == ["restore_scoping", "log_privacy"]
    scoping = data["attacks"][0]
    assert scoping["trials"] >= 30 and scoping["error"] is None
    assert scoping["success_rate"] == 0.0
    walked = {e["path"].split("[")[0] for e in data["fields_walked"]["chat.completions"]}
    assert "messages" in walked
    md = (out / "gateway_eval" / "attacks.md").read_text()
    assert "| restore_scoping |" in md
    assert "restore_scoping" in r.output
