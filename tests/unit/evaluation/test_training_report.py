"""The report of ``veil eval training``: the headline comparison and the tables, from a report
shaped like the runs write it (the training itself is tested in tests/unit/train)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veil.evaluation.training import compare, dev_selected, write_reports
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
    runs["dp-eps8"]["clients"] = [{"client": 0, "domain": "medical", "locale": "en_US", "n": 100,
                                   "epsilon": 7.96}]
    runs["dp-eps8"]["privacy"]["accountant"] = "prv"
    report = {"runs": runs, "comparison": compare(runs), "commands": ["veil", "eval"],
              "machine": {"cpus": 2, "load_start": "0.1", "load_end": "0.2"}}
    paths = write_reports(report, tmp_path / "t")
    md = paths[1].read_text()
    # three canaries at 5-7 bits: far above chance; at 0.5-2.5 bits: chance
    # no development scores in these runs: the dev-selected column stays empty
    assert "| central | none | inf | 0 | no | 0.700 | 0.400 | 0.600 / 0.350 |  | 6.00 ± 0.58 " \
        "(p 0.000) |" in md
    assert "| dp-eps8 |" in md and "0.640 | 0.410 | 0.600 / 0.350 |  | 1.50 ± 0.58 (p 0." in md
    assert "p 0.000) |" not in md.split("| dp-eps8 |")[1]
    assert "Chance: 1.42 bits" in md
    # three canaries cannot tell a little memorisation from chance, and the report says so
    assert f"a mean above {canary.detectable_mean(3):.2f} bits is needed for p < 0.05 (too " \
        "few" in md and "--canaries 32" in md
    assert "n=100): 7.96; total 8.00 (prv accountant)" in md
    assert "- dp-eps8: a canary is covered at epsilon 16.00 (group privacy over its 2" in md
    assert all(p.exists() and p.stat().st_size > 0 for p in paths)


def _with_dev(run: dict[str, Any], rows: list[tuple[float, float, float]]) -> dict[str, Any]:
    """``run`` with rounds 1.. scored as (dev, held-out, unseen); the last is the final."""
    run["rounds"] = run["rounds"][:1] + [
        {"round": i, "f1_dev": d, "f1_held_out": h, "f1_unseen": u}
        for i, (d, h, u) in enumerate(rows, start=1)]
    run["final"] = {"held_out": {"micro_f1": rows[-1][1]}, "unseen": {"micro_f1": rows[-1][2]}}
    return run


def test_each_run_is_also_compared_at_its_best_development_round(tmp_path: Path) -> None:
    # central peaks at round 2 and overfits; the private run still climbs at its last round
    central = _with_dev(_run("none", (0, 0), (0.60, 0.35)),
                        [(0.70, 0.72, 0.50), (0.80, 0.78, 0.55), (0.72, 0.73, 0.52)])
    private = _with_dev(_run("dp-sgd per client (sentence level)", (0, 0), (0.60, 0.35), eps=8.0),
                        [(0.60, 0.61, 0.50), (0.70, 0.69, 0.53), (0.70, 0.71, 0.54)])
    cmp_ = compare({"central": central, "dp-eps8": private})
    # at the last round the decline of central hides the gap ...
    assert round(cmp_["held_out"]["gap"], 6) == 0.02 and cmp_["held_out"]["within_target"]
    # ... at the best development round it shows; the private run's tie goes to its earlier round
    sel = cmp_["dev_selected"]
    assert (sel["central_round"], sel["private_round"]) == (2, 2)
    assert round(sel["held_out"]["gap"], 6) == 0.09 and sel["held_out"]["within_target"] is False
    assert round(sel["unseen"]["gap"], 6) == 0.02 and sel["unseen"]["within_target"] is True
    report = {"runs": {"central": central, "dp-eps8": private}, "comparison": cmp_,
              "commands": ["veil"], "machine": {"cpus": 2, "load_start": "0", "load_end": "0"}}
    md = write_reports(report, tmp_path / "t")[1].read_text()
    assert "| 0.780 / 0.550 (2) |" in md and "| 0.690 / 0.530 (2) |" in md


def test_the_start_point_is_never_the_selected_round() -> None:
    run = _with_dev(_run("none", (0, 0), (0.9, 0.9)), [(0.1, 0.2, 0.3)])
    run["rounds"][0]["f1_dev"] = 0.99
    assert dev_selected(run) is not None and dev_selected(run)["round"] == 1  # type: ignore[index]
    assert dev_selected(_run("none", (0.7, 0.4), (0.6, 0.3))) is None


def test_central_reference_follows_the_schedule_over_all_its_epochs(monkeypatch: Any) -> None:
    # central trains one epoch a "round": a cosine schedule must span rounds x local epochs,
    # as the federated runs' does, not restart or stop early
    import pytest

    pytest.importorskip("flwr")
    from veil.evaluation.training import train_central
    from veil.train import federated as fed

    seen: list[float] = []
    monkeypatch.setattr(fed, "prepare_server", lambda cfg: fed.ServerState(None, {}))
    monkeypatch.setattr(fed, "client_data", lambda cfg, pid: [])
    monkeypatch.setattr(fed, "get_trainable", lambda model: [])
    monkeypatch.setattr(fed, "set_trainable", lambda model, arrays: None)
    monkeypatch.setattr(fed, "score_round", lambda cfg, m, sets, r, a, b: ({"round": r}, {}))
    monkeypatch.setattr(fed, "local_train",
                        lambda cfg, model, sents, *, server_round: seen.append(
                            fed.round_lr(cfg, server_round)))
    cfg = fed.FederatedConfig(rounds=3, local_epochs=2, lr=1e-3, lr_schedule="cosine")
    report = train_central(cfg)
    assert [r["round"] for r in report["rounds"]] == list(range(7))
    assert len(seen) == 6 and seen[0] == pytest.approx(1e-3) and seen[-1] == pytest.approx(1e-4)
    assert all(a > b for a, b in zip(seen, seen[1:], strict=False))


def test_a_central_run_is_reused_only_from_the_same_settings(tmp_path: Path) -> None:
    import json
    from dataclasses import asdict, replace

    import pytest

    from veil.errors import ConfigError
    from veil.evaluation.training import TrainingEvalConfig, reuse_central, run_training_eval
    from veil.train.federated import FederatedConfig

    base = FederatedConfig(clients=4, n_per_client=100, rounds=3, seed=1, aug_multiplicity=2)
    central = _run("none", (0.7, 0.6), (0.0, 0.0))
    old_cfg = {k: v for k, v in asdict(replace(base, aug_multiplicity=1)).items()
               if k != "lr_schedule"}  # a report from before the setting existed
    central["config"] = old_cfg
    path = tmp_path / "training.json"
    path.write_text(json.dumps({"runs": {"central": central}, "commands": ["veil eval x"]}))

    # DP-only settings (augmentation multiplicity, epsilon) do not change the central run
    got = reuse_central(path, replace(base, dp_epsilon=8.0))
    assert got["final"] == central["final"] and got["reused_from"] == str(path)
    assert reuse_central(path, replace(base, dp_epsilon=8.0, dp_accountant="prv"))["final"] \
        == central["final"]
    report = run_training_eval(TrainingEvalConfig(base=base, epsilons=[], fedavg=False,
                                                  fedprox=False, reference=path))
    assert report["runs"]["central"]["reused_command"] == "veil eval x"
    # what central reads must match, a setting the old report lacks included
    for other in (replace(base, seed=2), replace(base, lr_schedule="cosine"),
                  replace(base, n_per_client=200)):
        with pytest.raises(ConfigError, match="other settings"):
            reuse_central(path, other)
    path.write_text("{}")
    with pytest.raises(ConfigError, match="not a `veil eval training` report"):
        reuse_central(path, base)


def test_an_averaged_release_is_selected_beside_each_rounds_own_model() -> None:
    rows = [{"round": 0, "f1_dev": 0.9, "f1_held_out": 0.9, "f1_unseen": 0.9},
            {"round": 1, "f1_dev": 0.50, "f1_held_out": 0.5, "f1_unseen": 0.4,
             "raw_f1_dev": 0.50, "raw_f1_held_out": 0.5, "raw_f1_unseen": 0.4},
            {"round": 2, "f1_dev": 0.60, "f1_held_out": 0.61, "f1_unseen": 0.5,
             "raw_f1_dev": 0.70, "raw_f1_held_out": 0.69, "raw_f1_unseen": 0.45},
            {"round": 3, "f1_dev": 0.65, "f1_held_out": 0.66, "f1_unseen": 0.52,
             "raw_f1_dev": 0.62, "raw_f1_held_out": 0.6, "raw_f1_unseen": 0.5}]
    picked = dev_selected({"rounds": rows})
    assert picked is not None
    assert (picked["round"], picked["model"], picked["f1_held_out"]) == (2, "raw", 0.69)
    rows[3]["f1_dev"] = 0.71
    picked = dev_selected({"rounds": rows})
    assert picked is not None
    assert (picked["round"], picked["model"], picked["f1_unseen"]) == (3, "released", 0.52)


def test_each_gap_carries_its_bootstrap_interval_over_the_sentences(tmp_path: Path) -> None:
    # per-sentence (matches, predicted, gold): central finds every span, DP 3 of every 4
    full = [[2, 2, 2]] * 200
    partial = [[2, 2, 2], [2, 2, 2], [2, 2, 2], [0, 0, 2]] * 50
    central = _with_dev(_run("none", (0, 0), (0.1, 0.1)), [(0.8, 1.0, 1.0), (0.9, 1.0, 1.0)])
    private = _with_dev(_run("dp-sgd per client (sentence level)", (0, 0), (0.1, 0.1), eps=8.0),
                        [(0.7, 0.857, 0.857), (0.6, 0.857, 0.857)])
    for r in central["rounds"][1:]:
        r |= {"counts_held_out": full, "counts_unseen": full}
    for r in private["rounds"][1:]:
        r |= {"counts_held_out": partial, "counts_unseen": full}
    # the private run's best development round is round 1's own model (an averaged release)
    private["rounds"][1] |= {"raw_f1_dev": 0.95, "raw_f1_held_out": 1.0, "raw_f1_unseen": 1.0,
                             "raw_counts_held_out": full, "raw_counts_unseen": full}
    cmp_ = compare({"central": central, "dp-eps8": private})
    last = cmp_["held_out"]["bootstrap"]
    assert last["gap"] > 0.1 and last["ci95_low"] > 0.05 and last["share_within_target"] == 0.0
    assert cmp_["unseen"]["bootstrap"]["ci95_high"] == 0.0  # equal on every sentence
    sel = cmp_["dev_selected"]
    assert sel["private_model"] == "raw" and sel["held_out"]["bootstrap"]["gap"] == 0.0
    report = {"runs": {"central": central, "dp-eps8": private}, "comparison": cmp_,
              "commands": ["veil"], "machine": {"cpus": 2, "load_start": "0", "load_end": "0"}}
    paths = write_reports(report, tmp_path / "t")
    md = paths[1].read_text()
    # the JSON keeps every count, each round's list of them on one line
    text = paths[0].read_text()
    assert json.loads(text)["runs"]["dp-eps8"]["rounds"][1]["counts_held_out"] == partial
    assert '"counts_held_out": [[2,2,2],[2,2,2],[2,2,2],[0,0,2],' in text
    assert "- last round, held-out templates: gap 0.143 (outside the target of 0.05); 95% " \
        "interval" in md
    assert "at most 0.05 in 0% of 2000 resamples of the sentences" in md
    # a report from before the counts were kept: the gaps without an interval
    for r in (*central["rounds"], *private["rounds"]):
        for k in [k for k in r if "counts_" in k]:
            del r[k]
    assert "bootstrap" not in compare({"central": central, "dp-eps8": private})["held_out"]
