"""A bench run replaces the rows it measures again and keeps every other recorded run."""

from __future__ import annotations

import json
from pathlib import Path

from veil.crypto.mpc_bench import _kept_rows


def test_rows_measured_again_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "mpc.json"
    assert _kept_rows(path, {("ABY3", 2)}, lambda r: (r["protocol"], r["layers"])) == []
    runs = [{"protocol": "ABY3", "layers": 2}, {"protocol": "ABY3", "layers": 30},
            {"protocol": "SEMI2K", "layers": 2, "precision": "pade"}]
    path.write_text(json.dumps({"runs": runs}), encoding="utf-8")
    assert _kept_rows(path, {("ABY3", 2)}, lambda r: (r["protocol"], r["layers"])) == runs[1:]
    # a row written before a field existed is keyed by that field's old default
    legacy = _kept_rows(path, {("SEMI2K", 2, "pade"), ("ABY3", 2, "taylor")},
                        lambda r: (r["protocol"], r["layers"], r.get("precision", "taylor")))
    assert legacy == [runs[1]]
