"""Flower's deployment engine for real: a SuperLink and four SuperNodes as separate processes on
loopback, the run submitted with ``flwr run``; each SuperNode trains on its own organisation's
file of annotated documents (its ``data-file`` node setting), and the released model comes back
as a detector folder the learned backend serves."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

pytest.importorskip("flwr")
pytest.importorskip("opacus")

from veil.train.federated import FederatedConfig  # noqa: E402
from veil.train.flower_app import deploy  # noqa: E402

_NOTES = [
    {"text": "Patient Lucia Moretti was seen at Hillside Hospital in Porto.",
     "spans": [[8, 21, "PATIENT"], [34, 51, "HOSPITAL"], [55, 60, "CITY"]]},
    {"text": "Dr. Kwame Mensah signed the discharge letter on 3 May.",
     "spans": [[4, 16, "DOCTOR"], [48, 53, "DATE"]]},
]


def _free_port_block(size: int = 20) -> int:
    """A port whose next ``size`` ports are free too (the SuperLink and its SuperNodes)."""
    for start in range(23_000, 40_000, 97):
        try:
            socks = []
            for p in range(start, start + size):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", p))
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
        return start
    pytest.skip("no block of free loopback ports")


@pytest.mark.slow
def test_four_supernodes_train_on_their_own_files_and_export_a_detector(tmp_path: Path) -> None:
    for k, note in enumerate(_NOTES):  # the offsets above are the notes' own
        assert [note["text"][s:e] for s, e, _ in note["spans"]] == (
            ["Lucia Moretti", "Hillside Hospital", "Porto"] if k == 0
            else ["Kwame Mensah", "3 May"])
    files = []
    for i in range(4):
        path = tmp_path / f"org{i}.jsonl"
        path.write_text("\n".join(json.dumps(n) for n in _NOTES * (2 + i)) + "\n")
        files.append(path)
    out = tmp_path / "detector"
    cfg = FederatedConfig(clients=4, rounds=1, base="conv", eval_n=8, batch_size=4, lr=4e-3,
                          secagg=True, detector_path=str(out))
    report = deploy(cfg, tmp_path / "flower", port=_free_port_block(), timeout=600,
                    data_files=files)

    # each SuperNode read its own file: the sizes are the files', not the synthetic default
    assert sorted(c["n"] for c in report["clients"]) == [4, 6, 8, 10]
    assert {c["domain"] for c in report["clients"]} == {"own documents"}
    assert report["distinct_updates_seen_per_round"] == [1]  # SecAgg+: only the sum
    assert (out / "model.onnx").is_file() and (out / "card.json").is_file()
    card = json.loads((out / "card.json").read_text())
    assert card["run"]["engine"] == "flower" and card["privacy"]["kind"] == "none"
    # the node logs and the report hold counts, never the documents' text
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "flower").glob("*.log"))
    assert "Moretti" not in logs and "Moretti" not in json.dumps(report)
