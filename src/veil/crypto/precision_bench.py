"""``veil crypto precision``: which approximation the MPC model's logit error comes from and how it
grows with depth, per SPU precision preset; writes
benchmarks/results/crypto/precision.{json,md,png}.

The work runs in the crypto environment (:mod:`veil.crypto.precision`, SPU's in-process
simulator: the protocol's own kernels, links in memory); this side tokenizes the prompts and
writes the report.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 # the crypto environment's own Python, fixed argv
import tempfile
from pathlib import Path
from typing import Any

from . import protocol as wire
from .mpc import _load, chat_ids, crypto_python

_SCRIPT = Path(__file__).resolve().parent / "precision.py"
PROMPTS = ("Name one colour.", "Write one sentence about the sea.",
           "What is the capital of France?", "Give me a synonym for happy.")


def run(*, presets: list[str], depths: list[int], n_prompts: int, length: int, protocol: str,
        out_dir: Path, ops: bool = True, earlier_model: bool = False) -> dict[str, Any]:
    from veil.crypto.mpc import _default_model_dir

    unknown = [p for p in presets if p not in wire.PRECISIONS]
    if unknown:
        raise ValueError(f"unknown precision preset(s) {unknown}; use {list(wire.PRECISIONS)}")
    prompts = [chat_ids([{"role": "user", "content": p}])[0] for p in PROMPTS[:n_prompts]]
    configs = [{"name": p, **wire.PRECISIONS[p]} for p in presets]
    if earlier_model:
        # The earlier model: softmax max over hidden keys, one-range RMSNorm, SPU's default exp.
        configs.insert(0, {"name": "earlier model (taylor)", "mask_shift": 0.0,
                           "split_rms": False, **wire.PRECISIONS["taylor"]})
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="veil-precision-") as tmp:
        spec_path, out_path = Path(tmp) / "in.json", Path(tmp) / "out.json"
        spec_path.write_text(json.dumps({
            "model_dir": str(_default_model_dir()), "protocol": protocol, "prompts": prompts,
            "length": length, "depths": depths, "configs": configs, "ops": ops}),
            encoding="utf-8")
        subprocess.run(  # nosec B603 # fixed argv, no shell
            [str(crypto_python()), str(_SCRIPT), str(spec_path), str(out_path)],
            check=True, cwd=_SCRIPT.parent)
        report: dict[str, Any] = json.loads(out_path.read_text(encoding="utf-8"))
    report["load"] = f"{load_before} -> {_load()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "precision.json").write_text(json.dumps(report, indent=2) + "\n",
                                            encoding="utf-8")
    (out_dir / "precision.md").write_text(markdown(report), encoding="utf-8")
    plot(report, out_dir / "precision.png")
    return report


def plot(report: dict[str, Any], path: Path) -> None:
    """Max |logit error| against depth, one line per preset (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for name in dict.fromkeys(r["config"] for r in report["model"]):
        pts = sorted((r["depth"], r["max_abs_logit_err"]) for r in report["model"]
                     if r["config"] == name)
        ax.plot([d for d, _ in pts], [e for _, e in pts], marker="o", label=name)
    ax.set_yscale("log")
    ax.set_xlabel("SmolLM2 blocks")
    ax.set_ylabel("max |logit error| vs float (log)")
    ax.set_title("MPC fixed-point error by depth and precision preset")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def markdown(report: dict[str, Any]) -> str:
    lines = ["# MPC precision: where the logit error comes from", "",
             f"Protocol {report['protocol']}, SPU simulator (same kernels as the parties), "
             f"load {report.get('load', 'n/a')}. Reproduce: `veil crypto precision`.", ""]
    if report.get("note"):
        lines += [str(report["note"]), ""]
    if "ops" in report:
        lines += ["Each approximated operation alone, on the inputs the float model feeds it "
                  "(worst absolute / relative error):", "",
                  "| preset | exp | SiLU | rsqrt | 1/x | RMSNorm | RMSNorm one-range |",
                  "|---|---|---|---|---|---|---|"]
        for name, ops in report["ops"].items():
            cells = [f"{ops[k]['max_abs_err']:.2g} / {ops[k]['max_rel_err']:.2%}"
                     for k in ("exp", "silu", "rsqrt", "reciprocal", "rmsnorm",
                               "rmsnorm one-range")]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["Whole truncated model (prompts x depth):", "",
              "| preset | blocks | max abs logit err | mean per prompt | top-1 agreement | "
              "s/run (simulator) |", "|---|---|---|---|---|---|"]
    for r in report["model"]:
        lines.append(f"| {r['config']} | {r['depth']} | {r['max_abs_logit_err']:.3f} | "
                     f"{r['mean_max_abs_logit_err']:.3f} | {r['top1_agreement']:.0%} "
                     f"({r['prompts']}) | {r['seconds_per_run']:.1f} |")
    return "\n".join(lines) + "\n"


__all__ = ["PROMPTS", "markdown", "plot", "run"]
