"""`veil train check-data`: what a federated client would train on, in counts only."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veil.cli.app import app

runner = CliRunner()


def test_check_data_prints_counts_and_never_the_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in [
        {"text": "Dr. Ingrid Solberg saw the patient on 2 June.",
         "spans": [[4, 18, "DOCTOR"], [38, 44, "DATE"]]},
        {"text": "Transferred to Lakeside Hospital.", "label": [[15, 32, "HOSPITAL"]]},
    ]) + "\n")
    res = runner.invoke(app, ["train", "check-data", str(path)])
    assert res.exit_code == 0, res.output
    assert "2 documents -> 2 pieces" in res.output
    assert "PERSON 1" in res.output and "ORGANIZATION 1" in res.output
    assert "DATE 1" in res.output  # dropped: the patterns find dates
    assert "Solberg" not in res.output and "Lakeside" not in res.output


def test_check_data_refuses_a_bad_line_by_its_number_without_its_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps({"text": "Call Henrietta Vasquez-Lindqvist.",
                                "spans": [[5, 99, "PERSON"]]}) + "\n")
    res = runner.invoke(app, ["train", "check-data", str(path)])
    assert res.exit_code != 0
    message = str(res.exception) + res.output
    assert "line 1" in message and "Vasquez" not in message
