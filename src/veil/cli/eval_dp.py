"""``veil eval dp``: privacy/utility sweep of the text-DP mechanisms over epsilon."""

from __future__ import annotations

from pathlib import Path

import typer

from veil.cli.eval import eval_app


def _floats(raw: str) -> list[float]:
    from veil.dp.mechanisms import check_epsilon

    try:
        return [check_epsilon(float(x)) for x in raw.split(",") if x.strip()]
    except ValueError:
        from veil.errors import InvalidEpsilonError

        raise InvalidEpsilonError("--epsilons must be a comma-separated list of numbers > 0") from None


@eval_app.command("dp")
def eval_dp(
    epsilons: str = typer.Option("1,2,4,8,16", help="Comma-separated epsilons per token."),
    mechanisms: str = typer.Option("santext,santext+,custext,custext+,rantext",
                                   help="Comma-separated mechanisms."),
    n: int = typer.Option(24, min=1, help="Number of synthetic sensitive prompts."),
    answers: bool = typer.Option(True, "--answers/--no-answers",
                                 help="Also compare SmolLM2's answers (slow: ~60 ms/token)."),
    answers_n: int = typer.Option(2, min=1, help="Prompts whose answers are compared."),
    max_new_tokens: int = typer.Option(24, min=1, help="Tokens per generated answer."),
    space: str = typer.Option("minilm", help="Embedding space: minilm or smollm2."),
    seed: int = typer.Option(0, help="Seed of prompts and noise (reproducible reports)."),
    out: Path = typer.Option(Path("benchmarks/results"), help="Results root; writes <out>/dp/."),
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
