"""``veil eval dp``: privacy/utility sweep of the text-DP mechanisms over epsilon."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veil.cli.eval import eval_app


def _floats(raw: str) -> list[float]:
    from veil.dp.mechanisms import check_epsilon
    from veil.errors import InvalidEpsilonError

    try:
        return [check_epsilon(float(x)) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise InvalidEpsilonError(
            "--epsilons must be a comma-separated list of numbers > 0") from None


@eval_app.command("dp")
def eval_dp(
    epsilons: Annotated[str, typer.Option(help="Comma-separated epsilons per token.")] = (
        "1,2,4,8,16"),
    mechanisms: Annotated[str, typer.Option(help="Comma-separated mechanisms.")] = (
        "santext,santext+,custext,custext+,rantext"),
    n: Annotated[int, typer.Option(min=1, help="Number of synthetic sensitive prompts.")] = 24,
    answers: Annotated[bool, typer.Option(
        "--answers/--no-answers", help="Also compare SmolLM2's answers (slow).")] = True,
    answers_n: Annotated[int, typer.Option(min=1, help="Prompts whose answers are compared.")] = 2,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Tokens per generated answer.")] = 24,
    space: Annotated[str, typer.Option(help="Embedding space: minilm or smollm2.")] = "minilm",
    seed: Annotated[int, typer.Option(help="Seed of prompts and noise.")] = 0,
    out: Annotated[Path, typer.Option(help="Results root; writes <out>/dp/.")] = Path(
        "benchmarks/results"),
) -> None:
    """Utility (prompt and answer cosine) and privacy (NN inversion recovery) per mechanism."""
    from veil.dp.evaluation import DPEvalConfig, run_dp_eval, write_reports
    from veil.dp.sanitizers import SANITIZERS
    from veil.errors import DPError

    mechs = [m.strip().lower() for m in mechanisms.split(",") if m.strip()]
    unknown = [m for m in mechs if m not in SANITIZERS]
    if unknown or not mechs:  # fail fast on a typo, before loading models
        raise DPError(f"unknown DP mechanism(s) {unknown}; choose from {sorted(SANITIZERS)}")
    cfg = DPEvalConfig(epsilons=_floats(epsilons), mechanisms=mechs, n=n, answers=answers,
                       answers_n=answers_n, max_new_tokens=max_new_tokens, space=space, seed=seed)
    report = run_dp_eval(cfg)
    for p in write_reports(report, out / "dp"):
        typer.echo(f"wrote {p}")


def register(app: typer.Typer) -> None:
    """Commands attach to ``eval_app`` at import; nothing to add to the root app."""
