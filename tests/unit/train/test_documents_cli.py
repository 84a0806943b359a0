"""`veil train check-data` and `veil train score`: what a federated client would train on, and
how detectors do on its own held-out documents; counts and scores only, never text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


@pytest.mark.slow
def test_score_compares_detectors_on_own_documents(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    from veil.train import central
    from veil.train import model as M  # noqa: N812
    from veil.train.documents import load_documents
    from veil.train.export import export_detector

    path = tmp_path / "held_out.jsonl"
    names = ["Ingrid Solberg", "Tomasz Wrona", "Aiko Tanaka", "Bruno Castelli"]
    path.write_text("\n".join(json.dumps(
        {"text": f"Dr. {n} reviewed the chart.", "spans": [[4, 4 + len(n), "DOCTOR"]]})
        for n in names) + "\n")
    pieces, _ = load_documents(path)
    folders = []
    for name, epochs in (("untrained", 0), ("fitted", 60)):
        model = M.build_model(base="conv", layers=1, seed=0)
        if epochs:  # memorises these four sentences: it must score higher on them
            central.fit(model, pieces, M.load_tokenizer(), central.CentralConfig(
                arch="conv", layers=1, epochs=epochs, lr=5e-3, batch_size=4), progress=False)
        folders.append(export_detector(model.eval(), tmp_path / name, int8=False))
    out = tmp_path / "scores.json"
    res = runner.invoke(app, ["train", "score", str(path), "--detector", str(folders[0]),
                              "--detector", str(folders[1]), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "4 pieces, 4 gold spans" in res.output and "Solberg" not in res.output
    scores = json.loads(out.read_text())["scores"]
    assert scores[str(folders[1])]["f2_PERSON"] > scores[str(folders[0])]["f2_PERSON"]
    assert scores[str(folders[1])]["f2_PERSON"] > 0.5


def test_the_federated_runs_summary_states_the_guarantee_per_piece_and_document() -> None:
    from veil.cli.eval_training import _summary

    report = {"rounds": [{"round": 0, "f1_held_out": 0.1, "f1_unseen": 0.2},
                         {"round": 1, "f1_held_out": 0.52, "f1_unseen": 0.4}],
              "privacy": {"kind": "dp-sgd per client (piece level)", "epsilon": 7.99,
                          "delta": 1e-5, "document_epsilon": 23.97},
              "clients": [{"client": 0, "n": 10}, {"client": 1, "n": 12}]}
    text = _summary(report)
    assert "    1 | 0.520 | 0.400" in text
    assert "epsilon 7.99" in text and "per document (group privacy) 23.97" in text
    assert "0: 10, 1: 12" in text
    assert "no differential privacy" in _summary({"privacy": {"kind": "none"}})
    assert "below the start" not in text
    fell = {**report, "rounds": [{"round": 0, "f1_held_out": 0.72}, {"round": 1,
                                                                     "f1_held_out": 0.47}]}
    assert "below the start" in _summary(fell)
