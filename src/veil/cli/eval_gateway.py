"""``veil eval gateway``: detection, leakage, restoration, utility and cost of gateway mode.

Writes gateway_eval.json, gateway_eval.md and PNG plots under ``<out>/gateway_eval/``. Progress
bars name sections and counts only, never text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from veil.cli.eval import eval_app


@eval_app.command("gateway")
def eval_gateway(
    n: int = typer.Option(0, help="detection samples per dataset and seed (0: 200, quick 30)"),
    seeds: str = typer.Option("", help="comma-separated seeds (default 101,102,103; quick 101)"),
    protect_n: int = typer.Option(0, help="leakage/restoration samples per dataset and seed "
                                  "(0: 40, quick 15)"),
    prompts: int = typer.Option(0, help="utility prompts (0: 12, quick 3)"),
    max_new_tokens: int = typer.Option(0, help="SmolLM2 answer length (0: 48, quick 24)"),
    quick: bool = typer.Option(False, "--quick", help="small n everywhere (a few minutes)"),
    utility: bool = typer.Option(True, help="run SmolLM2 for utility and the LLM-call baseline"),
    presidio: bool = typer.Option(True, help="compare with Presidio (needs the eval extra)"),
    out: str = typer.Option("benchmarks/results", help="results root directory"),
    threads: int = typer.Option(0, help="torch threads (0: torch default)"),
    upstream_base_url: str = typer.Option("", help="also measure utility on this "
                                          "OpenAI-compatible upstream (key: "
                                          "VEIL_EVAL_UPSTREAM_API_KEY)"),
    upstream_model: str = typer.Option("", help="model name for --upstream-base-url"),
    only: str = typer.Option("", help="comma-separated sections to run: detection, protection "
                             "(leakage + restoration), utility, cost (default: all)"),
    merge: bool = typer.Option(False, help="keep the sections of an existing report in --out "
                               "that this run does not redo"),
    attacks: bool = typer.Option(False, "--attacks", help="instead: replay the gateway attack "
                                 "battery (session hijack, look-alikes, fields, limits...) and "
                                 "write attacks.json + attacks.md with each attack's success rate "
                                 "(--only then names attacks)"),
) -> None:
    """Veil vs Presidio (and LLM Guard if it runs offline): quality, leakage, restoration,
    utility and cost, on the same data in one run. With --attacks: the attack battery."""
    if attacks:
        _run_attacks(Path(out) / "gateway_eval", only)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from veil.evaluation.gateway_eval import SECTIONS, GatewayEvalConfig, run_gateway_eval
    from veil.evaluation.gateway_report import headline, write_report

    cfg = GatewayEvalConfig.quick_config() if quick else GatewayEvalConfig()
    if n:
        cfg.n = n
    if seeds.strip():
        from veil.cli._common import int_list

        cfg.seeds = int_list(seeds, "--seeds")
    if protect_n:
        cfg.protect_n = protect_n
    cfg.protect_n = min(cfg.protect_n, cfg.n)
    if prompts:
        cfg.utility_prompts = prompts
    if max_new_tokens:
        cfg.max_new_tokens = max_new_tokens
    cfg.utility, cfg.presidio = utility, presidio
    cfg.upstream_base_url, cfg.upstream_model = upstream_base_url, upstream_model
    if only.strip():
        wanted = [s.strip() for s in only.split(",") if s.strip()]
        unknown = sorted(set(wanted) - set(SECTIONS))
        if unknown:
            raise typer.BadParameter(f"unknown section(s) {unknown}; choose from {SECTIONS}")
        cfg.sections = wanted
    report_dir = Path(out) / "gateway_eval"
    previous: dict[str, Any] = {}
    if merge and (report_dir / "gateway_eval.json").is_file():
        previous = json.loads((report_dir / "gateway_eval.json").read_text(encoding="utf-8"))
    if threads:
        import torch

        torch.set_num_threads(threads)

    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console) as bar:

        def progress(desc: str, total: int) -> Callable[[], None]:
            if not console.is_terminal:  # a log file gets one line per step instead of bars
                console.log(f"{desc}: {total}")
            task = bar.add_task(desc, total=total)
            return lambda: bar.advance(task)

        def merged(r: dict[str, Any]) -> dict[str, Any]:
            keep = {k: v for k, v in previous.items() if k not in r}
            timings = {**previous.get("timings_s", {}), **r.get("timings_s", {})}
            return {**keep, **r, "timings_s": timings}

        result = merged(run_gateway_eval(
            cfg, progress=progress,
            checkpoint=lambda r: write_report(merged(r), report_dir, plots=False)))
    for p in write_report(result, report_dir):
        console.print(f"wrote {p}")
    for line in headline(result):
        typer.echo(line)


def _run_attacks(report_dir: Path, only: str) -> None:
    """The attack battery in-process (real core, hostile fake upstream); a table on stdout."""
    import tempfile

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from veil.evaluation.gateway_attacks import (
        ATTACKS,
        attack_table,
        run_attacks,
        write_attack_report,
    )

    names = [n for n, _ in ATTACKS]
    wanted = [s.strip() for s in only.split(",") if s.strip()] or names
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        raise typer.BadParameter(f"unknown attack(s) {unknown}; choose from {names}")
    console = Console(stderr=True)
    with tempfile.TemporaryDirectory(prefix="veil-attacks-") as home, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console
    ) as bar:
        task = bar.add_task("attacks", total=len(wanted))

        def step(name: str) -> None:
            bar.update(task, advance=1, description=f"attacks ({name} done)")

        result = run_attacks(home=Path(home), only=wanted, progress=step)
    for p in write_attack_report(result, report_dir):
        console.print(f"wrote {p}")
    table = Table("attack", "trials", "successes", "success rate")
    for name, trials, successes, rate in attack_table(result):
        table.add_row(name, str(trials), str(successes), rate)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Nothing to add: the command attaches itself to ``veil eval``."""
