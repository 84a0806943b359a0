"""``veil eval training``: what private training costs the detector, and what it protects.

Runs, on the same non-IID clients, data, model and evaluation sets:

* ``central`` — the same model trained on the pooled data, no privacy (the reference);
* ``fedavg`` / ``fedprox`` — federated with SecAgg+, no DP (F1 per round);
* ``dp-eps<e>`` — federated + DP-SGD on every client at each epsilon, with SecAgg+;
* ``central-dp`` — federated with Flower's central DP (client-side clipping, server noise);

and the canary audit (exposure of names planted in client 0) of each. Writes
``training.json``, ``training.md`` and three plots into ``<out>/``. The headline comparison is
federated + DP (epsilon <= 8, delta <= 1e-5, >= 4 clients, SecAgg+) against ``central`` on
held-out templates and the unseen generator, with a target gap of 5 F1 points: each run at its
last round, and each run at its best round on a development set (the held-out families with
other fillers), so that a run that peaks early and then overfits is compared at its best.
"""

from __future__ import annotations

import json
import math
import os
import platform
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from veil.errors import ConfigError
from veil.evaluation.stats import bootstrap_f1_gap
from veil.train.federated import FederatedConfig

TARGET_GAP = 0.05  # F1 points (as a fraction) the private model may lose against central


@dataclass(kw_only=True)
class TrainingEvalConfig:
    base: FederatedConfig
    epsilons: list[float] = field(default_factory=lambda: [1.0, 4.0, 8.0])
    fedavg: bool = True
    fedprox: bool = True
    central_dp_noise: float = 0.0  # 0 = skip the central-DP run
    #: an earlier report whose central run is reused (same settings; see reuse_central)
    reference: Path | None = None


#: settings that only the private or federated runs read: a central run of another value of
#: these is the same run
_NOT_CENTRAL = frozenset({"dp_epsilon", "dp_delta", "dp_max_grad_norm", "dp_accountant",
                          "central_noise", "central_clip", "aug_multiplicity", "strategy",
                          "proximal_mu", "secagg", "results_path"})


def reuse_central(path: Path, base: FederatedConfig) -> dict[str, Any]:
    """The central run of the report at ``path``, when it was trained with ``base``'s settings.

    The central reference takes as long as all the private runs together on a CPU; a
    comparison that changes only how the private runs train can read it from an earlier
    report. Any difference in what central reads (data, model, epochs, schedule, seed,
    evaluation sets) is refused. Settings an older report lacks had their default then."""
    try:
        old = json.loads(Path(path).read_text(encoding="utf-8"))
        central = old["runs"]["central"]
        raw = central["config"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a `veil eval training` report with a central run "
                          f"({type(exc).__name__}): pass a training.json") from None
    then = {**asdict(FederatedConfig()), **raw}
    now = base.to_run_config()
    differ = sorted(k for k in now if k not in _NOT_CENTRAL and then.get(k) != now[k])
    if differ:
        raise ConfigError(f"the central run in {path} was trained with other settings "
                          f"({', '.join(differ)}): run the comparison without --reference")
    return {**central, "reused_from": str(path),
            "reused_command": " ".join(old.get("commands", []))}


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def train_central(cfg: FederatedConfig) -> dict[str, Any]:
    """The reference: one model on all clients' data pooled, same epochs, no privacy."""
    from veil.train import canary as canary_mod
    from veil.train import federated as fed

    t0 = time.monotonic()
    state = fed.prepare_server(cfg)
    pooled = [s for pid in range(cfg.clients) for s in fed.client_data(cfg, pid)]
    # one epoch a "round", so that a learning-rate schedule spans all the epochs
    plain = replace(cfg, dp_epsilon=0.0, central_noise=0.0, local_epochs=1,
                    rounds=cfg.rounds * cfg.local_epochs)
    release = fed.Release(cfg.ema)
    rounds = []
    # round 0: the start point (after the public warm-up), as the federated runs report it
    for r in range(0, cfg.rounds * cfg.local_epochs + 1):
        if r:
            fed.local_train(plain, state.model, pooled, server_round=r)
        trained = fed.get_trainable(state.model)
        released = release.update(trained) if r else trained
        row, scores = fed.score_round(cfg, state.model, state.sets, r, trained, released)
        rounds.append({**row, "seconds": round(time.monotonic() - t0, 1)})
        fed.set_trainable(state.model, trained)  # training goes on from its own weights
    fed.set_trainable(state.model, released)  # the canaries are asked of the released model
    exposures = [canary_mod.exposure(c, lambda b: fed.sentence_losses(state.model, b),
                                     n_references=canary_mod.N_REFERENCES, seed=cfg.seed + 1)
                 for c in fed.planted_canaries(cfg)]
    return {"config": cfg.to_run_config(), "rounds": rounds, "final": scores,
            "privacy": {"kind": "none"}, "secagg": False, "canary_exposure": exposures,
            "clients": [], "seconds": round(time.monotonic() - t0, 1)}


def run_training_eval(ev: TrainingEvalConfig, *, progress: Any = None) -> dict[str, Any]:
    """Every run of the comparison, in order; ``progress(name)`` is called before each."""
    from veil.train import canary as canary_mod
    from veil.train.federated import run_simulation

    base = ev.base
    plan: list[tuple[str, FederatedConfig | None]] = [("central", None)]
    if ev.fedavg:
        plan.append(("fedavg", replace(base, strategy="fedavg")))
    if ev.fedprox:
        plan.append(("fedprox", replace(base, strategy="fedprox")))
    for eps in ev.epsilons:
        plan.append((f"dp-eps{eps:g}", replace(base, dp_epsilon=eps)))
    if ev.central_dp_noise:
        plan.append(("central-dp", replace(base, central_noise=ev.central_dp_noise)))
    load_start = _load()
    runs: dict[str, Any] = {}
    for name, cfg in plan:
        if progress is not None:
            progress(name)
        started = time.monotonic()
        if cfg is None and ev.reference is not None:
            runs[name] = reuse_central(ev.reference, base)  # keeps its own wall time
        else:
            runs[name] = train_central(base) if cfg is None else run_simulation(cfg)
            runs[name]["wall_seconds"] = round(time.monotonic() - started, 1)
        if runs[name].get("canary_exposure"):
            runs[name]["canary_summary"] = canary_mod.summarize(
                runs[name]["canary_exposure"], seed=base.seed).to_dict()
        runs[name]["load_after"] = _load()
    return {"runs": runs, "comparison": compare(runs), "machine": {
        "cpus": os.cpu_count(), "platform": platform.platform(), "load_start": load_start,
        "load_end": _load()}}


def compare(runs: dict[str, Any]) -> dict[str, Any]:
    """The private run that meets the headline setting against ``central``."""
    ref = runs.get("central")
    candidates = [
        (name, r) for name, r in runs.items()
        if r["privacy"].get("kind", "").startswith("dp-sgd")
        and r["privacy"]["epsilon"] <= 8.0 + 1e-9 and r["privacy"]["delta"] <= 1e-5
        and r["secagg"] and r["config"]["clients"] >= 4
    ]
    if ref is None or not candidates:
        return {"note": "no central reference or no run meeting epsilon<=8, delta<=1e-5, "
                        ">=4 clients, SecAgg+"}
    name, best = max(candidates, key=lambda nr: nr[1]["privacy"]["epsilon"])
    out: dict[str, Any] = {"private_run": name, "epsilon": best["privacy"]["epsilon"],
                           "delta": best["privacy"]["delta"], "target_gap": TARGET_GAP}
    start: dict[str, Any] = next((x for x in ref.get("rounds", []) if x.get("round") == 0), {})
    last_ref, last = (ref.get("rounds") or [{}])[-1], (best.get("rounds") or [{}])[-1]
    for split in ("held_out", "unseen"):
        c, p = ref["final"][split]["micro_f1"], best["final"][split]["micro_f1"]
        out[split] = {"central_f1": c, "private_f1": p, "gap": c - p,
                      "within_target": (c - p) <= TARGET_GAP,
                      **_uncertainty(last_ref, last, split)}
        if f"f1_{split}" in start:
            # what the client data added to the start point (the public warm-up): a gap is
            # only meaningful where central training gained something
            out[split]["start_f1"] = start[f"f1_{split}"]
            out[split]["central_gain"] = c - start[f"f1_{split}"]
            out[split]["private_gain"] = p - start[f"f1_{split}"]
    picked_ref, picked = dev_selected(ref), dev_selected(best)
    if picked_ref is not None and picked is not None:
        # each run at its best round on the development set: a run that peaks and then
        # overfits is not judged by its decline, and the choice never sees the reported sets
        out["dev_selected"] = {"central_round": picked_ref["round"],
                               "private_round": picked["round"],
                               "central_model": picked_ref["model"],
                               "private_model": picked["model"]}
        for split in ("held_out", "unseen"):
            c, p = picked_ref[f"f1_{split}"], picked[f"f1_{split}"]
            out["dev_selected"][split] = {"central_f1": c, "private_f1": p, "gap": c - p,
                                          "within_target": (c - p) <= TARGET_GAP,
                                          **_uncertainty(picked_ref, picked, split)}
    return out


def _uncertainty(central: dict[str, Any], private: dict[str, Any], split: str
                 ) -> dict[str, Any]:
    """The gap's paired bootstrap over the evaluation sentences (``bootstrap``), where both
    rounds kept their per-sentence counts (reports from before they did have none)."""
    a, b = central.get(f"counts_{split}"), private.get(f"counts_{split}")
    if not a or not b or len(a) != len(b):
        return {}
    return {"bootstrap": bootstrap_f1_gap(a, b, target=TARGET_GAP)}


def _report_json(report: dict[str, Any]) -> str:
    """``report`` as indented JSON, with each round's per-sentence counts on one line: indented,
    every count took a line of its own (1.2 MB for one run of 300 sentences a set, not 0.2)."""
    compact: dict[str, str] = {}

    def mark(o: Any) -> Any:
        if isinstance(o, dict):
            out = {}
            for k, v in o.items():
                if k.startswith(("counts_", "raw_counts_")) and isinstance(v, list):
                    token = f"\u0000counts-{len(compact)}"
                    compact[json.dumps(token)] = json.dumps(v, separators=(",", ":"))
                    out[k] = token
                else:
                    out[k] = mark(v)
            return out
        return [mark(v) for v in o] if isinstance(o, list) else o

    text = json.dumps(mark(report), indent=2)
    for token, value in compact.items():
        text = text.replace(token, value, 1)
    return text


def _gap_lines(cmp_: dict[str, Any]) -> list[str]:
    """The comparison's gaps in words, each with its bootstrap interval where there is one."""
    lines: list[str] = []
    for reading, entry in (("last round", cmp_), ("best development rounds",
                                                  cmp_.get("dev_selected"))):
        for split, label in (("held_out", "held-out templates"), ("unseen", "unseen generator")):
            g = (entry or {}).get(split)
            if not g:
                continue
            text = (f"- {reading}, {label}: gap {g['gap']:.3f} "
                    f"({'within' if g['within_target'] else 'outside'} the target of "
                    f"{TARGET_GAP:g})")
            b = g.get("bootstrap")
            if b:
                text += (f"; 95% interval {b['ci95_low']:.3f} to {b['ci95_high']:.3f}, at most "
                         f"{TARGET_GAP:g} in {b['share_within_target']:.0%} of {b['draws']} "
                         "resamples of the sentences")
            lines.append(text)
    return lines


def dev_selected(run: dict[str, Any]) -> dict[str, Any] | None:
    """The round of ``run`` with the best development-set F1 (the earliest of ties), or None
    where the run has no development scores. Round 0, the start point, is not a candidate."""
    scored: list[dict[str, Any]] = []
    for r in run.get("rounds", []):
        if r.get("round", 0) > 0 and "f1_dev" in r:
            scored.append({**r, "model": "released"})
            # with an averaged release, the round's own model is a candidate too: a run
            # whose average lags behind its best round is judged at that round
            if "raw_f1_dev" in r:
                scored.append({"round": r["round"], "model": "raw",
                               **{k[4:]: v for k, v in r.items()
                                  if k.startswith(("raw_f1_", "raw_counts_"))}})
    if not scored:
        return None
    return max(scored, key=lambda r: (r["f1_dev"], -r["round"], r["model"] == "released"))


def write_reports(report: dict[str, Any], out: Path) -> list[Path]:
    """``training.json``, ``training.md`` and the plots."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from veil.train import canary as canary_mod

    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "training.json", out / "training.md"]
    paths[0].write_text(_report_json(report), encoding="utf-8")
    runs = report["runs"]
    lines = ["# Private training of the detector", "",
             f"Command: `{' '.join(report.get('commands', []))}`  ",
             f"Machine: {report['machine']['cpus']} CPUs, load (1/5/15 min) at start "
             f"{report['machine']['load_start']}, at end {report['machine'].get('load_end')}",
             "",
             "| run | privacy | epsilon | delta | SecAgg+ | F1 held-out | F1 unseen | "
             "F1 held-out / unseen at the start | F1 held-out / unseen at the best dev "
             "round (round) | canary exposure, bits: mean ± s.e. (p above chance) | wall s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in runs.items():
        p = r["privacy"]
        summary = r.get("canary_summary")
        exposure = (f"{summary['mean']:.2f} ± {summary['stderr']:.2f} "
                    f"(p {summary['p_above_chance']:.3f})" if summary else "")
        # the model before any client data (after the public warm-up, if any)
        start = next((x for x in r.get("rounds", []) if x.get("round") == 0), None)
        at_start = (f"{start['f1_held_out']:.3f} / {start['f1_unseen']:.3f}"
                    if start and "f1_held_out" in start and "f1_unseen" in start else "")
        picked = dev_selected(r)
        at_dev = (f"{picked['f1_held_out']:.3f} / {picked['f1_unseen']:.3f} "
                  f"({picked['round']}{', raw' if picked['model'] == 'raw' else ''})"
                  if picked else "")
        lines.append(
            f"| {name} | {p.get('kind')} | {p.get('epsilon', float('inf')):.2f} | "
            f"{p.get('delta', 0):g} | {'yes' if r['secagg'] else 'no'} | "
            f"{r['final']['held_out']['micro_f1']:.3f} | {r['final']['unseen']['micro_f1']:.3f} | "
            f"{at_start} | {at_dev} | "
            f"{exposure} | {r['wall_seconds']} |")
    audited = [r for r in runs.values() if r.get("canary_summary")]
    if audited:
        cfg = audited[0]["config"]
        n, k = audited[0]["canary_summary"]["n"], cfg.get("canary_repeats", 1)
        lines += ["", f"Canary audit: {n} random names planted in client 0, each in {k} "
                      f"sentence(s), each ranked against {canary_mod.N_REFERENCES} fresh names "
                      f"(max {math.log2(canary_mod.N_REFERENCES + 1):.0f} bits). Chance: "
                      f"{audited[0]['canary_summary']['chance']:.2f} bits. p: one-sided, "
                      "Monte Carlo under uniform ranks. With this many canaries a mean above "
                      f"{canary_mod.detectable_mean(n):.2f} bits is needed for p < 0.05"
                      + (" (too few to tell a little memorisation from chance: use "
                         "--canaries 32 or more)." if n < 16 else ".")]
        for name, r in runs.items():
            eps = r["privacy"].get("epsilon")
            if r["privacy"].get("kind", "").startswith("dp-sgd") and eps is not None:
                lines.append(f"- {name}: a canary is covered at epsilon "
                             f"{canary_mod.group_epsilon(eps, k):.2f} (group privacy over its "
                             f"{k} sentence(s))")
    dp_runs = [r for r in runs.values() if r["clients"]]
    if dp_runs:
        lines += ["", "Per-client epsilon of the DP-SGD runs (sentence level; the total is the "
                      "largest, the clients' data being disjoint):", ""]
        for name, r in runs.items():
            if r["privacy"].get("kind", "").startswith("dp-sgd"):
                per = ", ".join(f"client {c['client']} ({c['domain']}/{c['locale']}, n={c['n']}): "
                                f"{c['epsilon']:.2f}" for c in r["clients"])
                # reports from before the choice of accountant used RDP
                how = r["privacy"].get("accountant", "rdp")
                lines.append(f"- {name}: {per}; total {r['privacy']['epsilon']:.2f} ({how} "
                             "accountant)")
    cmp_ = report["comparison"]
    lines += ["", "## Federated + DP vs central without privacy", "", *_gap_lines(cmp_), "",
              "```", json.dumps(cmp_, indent=2), "```"]
    paths[1].write_text("\n".join(lines) + "\n", encoding="utf-8")

    # F1 vs epsilon (central and non-private federated as horizontal references)
    fig, ax = plt.subplots(figsize=(6, 4))
    dp_pts = sorted((r["privacy"]["epsilon"], r) for n, r in runs.items() if n.startswith("dp-"))
    for split, style in (("held_out", "o-"), ("unseen", "s--")):
        if dp_pts:
            ax.plot([e for e, _ in dp_pts], [r["final"][split]["micro_f1"] for _, r in dp_pts],
                    style, label=f"federated + DP-SGD ({split})")
        if "central" in runs:
            ax.axhline(runs["central"]["final"][split]["micro_f1"], ls=":", color="grey")
    ax.set_xlabel("epsilon per client (delta fixed)")
    ax.set_ylabel("micro F1")
    ax.set_title("F1 vs epsilon (dotted: central, no privacy)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "f1_vs_epsilon.png", dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    for name, r in runs.items():
        ax.plot([x["round"] for x in r["rounds"]], [x["f1_held_out"] for x in r["rounds"]],
                marker="o", label=name)
    ax.set_xlabel("round (central: epoch)")
    ax.set_ylabel("micro F1, held-out templates")
    ax.set_title("F1 per round")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "f1_per_round.png", dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    names = [n for n, r in runs.items() if r.get("canary_summary")]
    ax.bar(names, [runs[n]["canary_summary"]["mean"] for n in names],
           yerr=[runs[n]["canary_summary"]["stderr"] for n in names], capsize=4)
    ax.axhline(canary_mod.chance_exposure(), ls=":", color="grey",
               label="chance (rank uniform)")
    ax.set_ylabel("mean canary exposure (bits)")
    ax.set_title("Memorisation of planted names, with and without DP")
    ax.legend(fontsize=8)
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    fig.tight_layout()
    fig.savefig(out / "exposure.png", dpi=120)
    plt.close(fig)
    return paths + [out / "f1_vs_epsilon.png", out / "f1_per_round.png", out / "exposure.png"]
