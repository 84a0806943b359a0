"""``veil eval obfuscation``: privacy-utility sweep of obfuscated mode.

Runs every default attack registered for obfuscated mode
(:mod:`veil.evaluation.attacks.obfuscation`) against SmolLM2-135M obfuscated with a grid of
settings, and writes results.json, results.md and frontier.png under
benchmarks/results/obfuscation/. Progress lines name settings and attacks only, never text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.eval import eval_app


@eval_app.command("obfuscation")
def eval_obfuscation(
    model: str = typer.Option("smollm2", help="'smollm2' or a local Hugging Face directory"),
    out: Annotated[Path, typer.Option(help="report directory")] = Path(
        "benchmarks/results/obfuscation"),
    quick: bool = typer.Option(False, "--quick", help="few settings and short texts (minutes)"),
    only: str = typer.Option("", help="comma-separated setting families to run (default: all)"),
    sentences: int = typer.Option(0, help="held-out sentences (0: 60 quick / 200 full)"),
    blocks: int = typer.Option(0, help="held-out blocks of 64 tokens (0: 8 quick / 24 full)"),
    threads: int = typer.Option(0, help="torch threads (0: torch default)"),
    alphas: str = typer.Option("", help="comma-separated alpha_e of the noise-only frontier"),
    learned: bool = typer.Option(True, help="also run the learned inversion (trains per setting)"),
    repair_steps: int = typer.Option(120, help="client-side repair steps of the 'repair' family"),
) -> None:
    """Token recovery per attack vs top-1 agreement and KL, for a sweep of obfuscation settings."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:  # before the model loads (minutes): a typo is a usage error, not a late traceback
        alpha_list = [float(a) for a in alphas.split(",") if a.strip()] if alphas else None
    except ValueError:
        raise typer.BadParameter("--alphas takes numbers separated by commas, e.g. 0.5,1,2"
                                 ) from None
    import torch
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    from veil.config import Settings
    from veil.evaluation.attacks.obfuscation.weights import vocab_size
    from veil.evaluation.obfuscation_eval import (
        build_data,
        default_attacks,
        default_settings,
        repair_corpus,
        run_sweep,
        write_report,
    )
    from veil.models import load_model_dir, resolve_model_dir

    console = Console(stderr=True)
    if threads:
        torch.set_num_threads(threads)
    plain, tok = load_model_dir(resolve_model_dir(model), attn_implementation="eager")
    n_sent = sentences or (60 if quick else 200)
    data = build_data(tok, vocab_size(plain), n_sentences=n_sent,
                      block_len=64, n_blocks=blocks or (8 if quick else 24),
                      corpus_sentences=1000 if quick else 3000)
    settings = default_settings(
        quick, alphas=alpha_list or None,
        repair_steps=repair_steps)
    if only:
        wanted = {f.strip().lower() for f in only.split(",")}
        settings = [s for s in settings if any(w in s.family.lower() for w in wanted)]
    if any(s.repair_steps or s.sensitivity_noise for s in settings):
        data.repair_corpus = repair_corpus(tok)  # public docstrings + Faker sentences, seed 21
    attacks = default_attacks(quick=quick, cache_dir=Settings().cache_dir / "attacks")
    step = {"n": 0}

    def progress(msg: str) -> None:
        step["n"] += 1
        console.log(f"[{step['n']}] {msg}")

    meta = {"model": model, "quick": quick, "tokens": int(data.blocks.numel()),
            "pii_tokens": int(data.pii.sum()), "pii_token_set": int(len(data.pii_tokens)),
            "threads": torch.get_num_threads()}
    out.mkdir(parents=True, exist_ok=True)

    def partial(rows: list[dict[str, Any]]) -> None:
        (out / "results.partial.json").write_text(json.dumps({"meta": meta, "rows": rows},
                                                             default=str), encoding="utf-8")

    bar = Progress(TextColumn("repair"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("loss {task.fields[loss]:.3f}"), TimeElapsedColumn(),
                   console=console, transient=True)
    tasks: dict[int, TaskID] = {}

    def repair_progress(i: int, n: int, loss: float) -> None:  # steps and loss only, never text
        if i == 1:
            bar.start()
            tasks[0] = bar.add_task("repair", total=n, loss=loss)
        bar.update(tasks[0], completed=i, loss=loss)
        if i == n:
            bar.stop()
            console.log(f"repair: {n} steps, final loss {loss:.3f}")

    rows = run_sweep(plain, tok, settings, attacks=attacks, data=data, learned=learned,
                     cache_dir=Settings().cache_dir / "attacks", progress=progress, on_row=partial,
                     repair_progress=repair_progress)
    for p in write_report(rows, out, meta):
        console.print(f"wrote {p}")


def register(app: typer.Typer) -> None:
    """Nothing to add: the command attaches itself to ``veil eval``."""
