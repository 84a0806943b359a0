"""The report of ``veil eval training``: the headline comparison and the tables, from a report
shaped like the runs write it (the training itself is tested in tests/unit/train)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from veil.evaluation.training import compare, write_reports
from veil.train import canary


def _run(kind: str, f1: tuple[float, float], start: tuple[float, float], *, eps: float = 0.0,
         secagg: bool = True, clients: int = 4) -> dict[str, Any]:
    privacy: dict[str, Any] = {"kind": kind}
    if eps:
        privacy |= {"epsilon": eps, "delta": 1e-5}
    exposures = [6.0, 5.0, 7.0] if kind == "none" else [0.5, 1.5, 2.5]
    return {"privacy": privacy, "secagg": secagg,
            "config": {"clients": clients, "canary_repeats": 2},
            "final": {"held_out": {"micro_f1": f1[0]}, "unseen": {"micro_f1": f1[1]}},
            "rounds": [{"round": 0, "f1_held_out": start[0], "f1_unseen": start[1]},
                       {"round": 1, "f1_held_out": f1[0], "f1_unseen": f1[1]}],
            "canary_exposure": exposures,
            "canary_summary": canary.summarize(exposures, draws=2000).to_dict(), "clients": [],
            "wall_seconds": 1.0}


def test_the_gap_and_what_client_data_added_to_the_start() -> None:
    runs = {"central": _run("none", (0.70, 0.40), (0.60, 0.35)),
            "dp-eps8": _run("dp-sgd per client (sentence level)", (0.64, 0.41), (0.60, 0.35),
                            eps=8.0),
            # stronger but outside the headline setting (no SecAgg+): never the one compared
            "dp-eps8-plain": _run("dp-sgd per client (sentence level)", (0.69, 0.40),
                                  (0.60, 0.35), eps=8.0, secagg=False)}
    cmp_ = compare(runs)
    assert cmp_["private_run"] == "dp-eps8"
    held = cmp_["held_out"]
    assert round(held["gap"], 6) == 0.06 and held["within_target"] is False
    assert round(held["central_gain"], 6) == 0.1 and round(held["private_gain"], 6) == 0.04
    assert cmp_["unseen"]["within_target"] is True


def test_no_headline_run_is_said_so(tmp_path: Path) -> None:
    runs = {"central": _run("none", (0.7, 0.4), (0.6, 0.3)),
            "dp-eps8": _run("dp-sgd per client (sentence level)", (0.6, 0.3), (0.6, 0.3),
                            eps=8.0, clients=2)}
    assert "note" in compare(runs)


def test_the_table_shows_each_run_from_its_start(tmp_path: Path) -> None:
    runs = {"central": _run("none", (0.70, 0.40), (0.60, 0.35), secagg=False),
            "dp-eps8": _run("dp-sgd per client (sentence level)", (0.64, 0.41), (0.60, 0.35),
                            eps=8.0)}
    report = {"runs": runs, "comparison": compare(runs), "commands": ["veil", "eval"],
              "machine": {"cpus": 2, "load_start": "0.1", "load_end": "0.2"}}
    paths = write_reports(report, tmp_path / "t")
    md = paths[1].read_text()
    # three canaries at 5-7 bits: far above chance; at 0.5-2.5 bits: chance
    assert "| central | none | inf | 0 | no | 0.700 | 0.400 | 0.600 / 0.350 | 6.00 ± 0.58 " \
        "(p 0.000) |" in md
    assert "| dp-eps8 |" in md and "0.640 | 0.410 | 0.600 / 0.350 | 1.50 ± 0.58 (p 0." in md
    assert "p 0.000) |" not in md.split("| dp-eps8 |")[1]
    assert "Chance: 1.42 bits" in md
    assert "- dp-eps8: a canary is covered at epsilon 16.00 (group privacy over its 2" in md
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)
