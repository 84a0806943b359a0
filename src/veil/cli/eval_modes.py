"""``veil eval modes``: every protection mode on the same prompts: cost, utility, host view."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.eval import eval_app

_ALL = "plaintext,gateway masking,obfuscation,text DP,MPC,HE"


@eval_app.command("modes")
def eval_modes(
    n: Annotated[int, typer.Option(min=1, help="Sensitive prompts (synthetic).")] = 12,
    answer_tokens: Annotated[int, typer.Option(min=1, help="Greedy answer tokens.")] = 16,
    modes: Annotated[str, typer.Option(help=f"Comma-separated modes out of: {_ALL}.")] = _ALL,
    dp_epsilon: Annotated[float, typer.Option(min=0.01, help="Text DP epsilon per word.")] = 8.0,
    obfuscation_mode: Annotated[str, typer.Option(help="exact, default or paper.")] = "default",
    he_train: Annotated[int, typer.Option(min=20, help="HE classifier training texts.")] = 600,
    he_test: Annotated[int, typer.Option(min=1, help="Texts classified under HE.")] = 60,
    he_presidio: Annotated[bool, typer.Option(
        "--he-presidio/--no-he-presidio",
        help="Half the HE texts from PresidioSentenceFaker (else Veil's hard set only).")] = True,
    mpc_live: Annotated[bool, typer.Option(
        "--mpc-live/--mpc-from-results",
        help="Run SPU now (minutes per protocol; needs `make crypto-env`) or read "
             "<out>/crypto/mpc.json written by `veil crypto bench`.")] = False,
    mpc_protocols: Annotated[str, typer.Option(
        help="MPC protocols of the table (ABY3, SEMI2K, CHEETAH).")] = "ABY3,SEMI2K",
    mpc_layers: Annotated[int, typer.Option(
        min=1, max=30, help="SmolLM2 blocks of the MPC rows (a live run's depth, or the "
                            "filter on the results file).")] = 2,
    mpc_tokens: Annotated[int, typer.Option(min=1, help="Greedy tokens per live MPC run.")] = 2,
    seed: Annotated[int, typer.Option(help="Seed of prompts, noise and keys.")] = 0,
    out: Annotated[Path, typer.Option(help="Results root; writes <out>/modes/.")] = Path(
        "benchmarks/results"),
    merge: Annotated[bool, typer.Option(
        "--merge/--no-merge", help="Keep the rows of modes not run now from the existing "
                                   "<out>/modes/modes.json.")] = False,
) -> None:
    """One table and one plot: plaintext, gateway masking, obfuscation, text DP, MPC and HE."""
    import shlex
    import sys

    from veil.errors import InputError
    from veil.evaluation.modes import HOST_VIEW, ModesConfig, run, write_report

    chosen = tuple(m.strip() for m in modes.split(",") if m.strip())
    bad = [m for m in chosen if m not in HOST_VIEW]
    if bad or not chosen:
        raise InputError(f"unknown mode(s) {bad}; choose from: {_ALL}")
    from veil.cli._common import name_list
    from veil.crypto.protocol import PROTOCOLS

    protocols = tuple(name_list(mpc_protocols, "--mpc-protocols", list(PROTOCOLS), upper=True))
    cfg = ModesConfig(n_prompts=n, answer_tokens=answer_tokens, seed=seed, dp_epsilon=dp_epsilon,
                      obfuscation_mode=obfuscation_mode, he_train=he_train, he_test=he_test,
                      he_presidio=he_presidio,
                      modes=chosen, results_root=out, mpc_live=mpc_live,
                      mpc_protocols=protocols,
                      mpc_layers=mpc_layers, mpc_tokens=mpc_tokens)
    report = run(cfg)
    report["meta"]["command"] = "veil " + shlex.join(sys.argv[1:])
    existing = out / "modes" / "modes.json"
    if merge and existing.is_file():
        import json

        from veil.evaluation.modes import merge as merge_reports

        report = merge_reports(json.loads(existing.read_text(encoding="utf-8")), report)
    for p in write_report(report, out / "modes"):
        typer.echo(f"wrote {p}")


def register(app: typer.Typer) -> None:
    """Commands attach to ``eval_app`` at import; nothing to add to the root app."""
