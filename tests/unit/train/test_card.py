"""The model card's recipe stamp and the note scripts/ensure-detector.sh gives on an old one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from veil.train import card


def _folder(tmp_path: Path, name: str, **fields: object) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for f in ("model.onnx", "tokenizer.json", "detector.json"):
        (folder / f).write_text("{}")
    built = card.build_card(run={}, scores={}, chosen="conv-L3-H128",
                            command=["veil", "train", "detector", "--out", str(folder)])
    (folder / "card.json").write_text(json.dumps({**built, **fields}))
    return folder


def test_only_a_plain_detector_of_an_older_recipe_gets_a_note(tmp_path: Path) -> None:
    current = _folder(tmp_path, "current")
    assert json.loads((current / "card.json").read_text())["recipe"] == card.RECIPE
    assert card.stale_note(current) is None
    old = _folder(tmp_path, "old", recipe=card.RECIPE - 1)
    note = card.stale_note(old)
    assert note is not None and f"veil train detector --out {old}" in note
    unstamped = _folder(tmp_path, "unstamped")  # cards before the stamp: recipe 1
    data = json.loads((unstamped / "card.json").read_text())
    del data["recipe"]
    (unstamped / "card.json").write_text(json.dumps(data))
    assert card.stale_note(unstamped) is not None
    private = _folder(tmp_path, "private", recipe=1, privacy={"kind": "dp-sgd", "epsilon": 8})
    assert card.stale_note(private) is None  # a federated or DP model is the user's own
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "card.json").write_text("{not json")
    assert card.stale_note(tmp_path / "broken") is None and card.stale_note(tmp_path) is None


def test_ensure_detector_keeps_an_old_folder_and_says_so(tmp_path: Path) -> None:
    old = _folder(tmp_path, "old", recipe=1)
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    script = Path(__file__).resolve().parents[3] / "scripts" / "ensure-detector.sh"
    env = {**os.environ, "VEIL_DETECTOR_DIR": str(old), "PY": sys.executable,
           "VEIL": "/nonexistent/veil"}  # building anything would fail
    res = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    assert "older recipe (1 < " in res.stderr
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
