"""``veil eval dp``: text-DP mechanisms and Veil settings against the strongest attackers."""

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


def _ints(raw: str) -> list[int]:
    from veil.errors import InputError

    try:
        return [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise InputError("--seeds must be a comma-separated list of integers") from None


def _report(path: Path) -> dict[str, object]:
    """A --merge report, read before the run starts (a bad one must not waste the run)."""
    import json

    from veil.errors import DPError

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DPError(f"cannot read --merge report {path} (a dp.json expected)") from None
    if not isinstance(doc, dict):
        raise DPError(f"--merge report {path} is not a dp.json report")
    return doc


@eval_app.command("dp")
def eval_dp(
    epsilons: Annotated[str, typer.Option(help="Comma-separated epsilons per token.")] = (
        "1,2,4,8,16"),
    mechanisms: Annotated[str, typer.Option(
        help="Comma-separated mechanisms (santext, santext+, custext, custext+, rantext), "
             "dp-prompt (DP paraphrasing; epsilon per generated token) or "
             "Veil settings <mechanism>@<policy> (policy: content, terms, mask); a suffix "
             ":e1/e2/... gives that setting its own epsilons.")] = (
        "santext,custext+,rantext,rantext@content,custext@content"),
    n: Annotated[int, typer.Option(min=1, help="Evaluation prompts (synthetic).")] = 40,
    shadow_n: Annotated[int, typer.Option(
        min=0, help="Shadow prompts the attacks tune on (other templates).")] = 20,
    seeds: Annotated[str, typer.Option(help="Comma-separated noise seeds (spread).")] = "0",
    context: Annotated[bool, typer.Option(
        "--context/--no-context", help="Run the language-model context attack (slow).")] = True,
    answers: Annotated[bool, typer.Option(
        "--answers/--no-answers", help="Also compare SmolLM2's sampled answers and their noise "
                                       "floor (slow).")] = False,
    answers_n: Annotated[int, typer.Option(min=1, help="Prompts whose answers are compared.")] = 4,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Tokens per generated answer.")] = 24,
    space: Annotated[str, typer.Option(help="Embedding space: minilm or smollm2.")] = "minilm",
    attacks: Annotated[str, typer.Option(
        help="Comma-separated DP attacks to run (default: every registered one).")] = "",
    merge: Annotated[list[Path] | None, typer.Option(
        exists=True, dir_okay=False,
        help="A dp.json to merge this run into (repeat to merge several, in order): a "
             "setting/epsilon/seed in both keeps the attacks of both (e.g. add the slow context "
             "attack or more seeds to a few settings of a full sweep).")] = None,
    out: Annotated[Path, typer.Option(help="Results root; writes <out>/dp/.")] = Path(
        "benchmarks/results"),
) -> None:
    """Utility (prompt cosine; answer cosine next to its noise floor) and privacy (words the
    strongest attack recovers) per mechanism and epsilon, and the frontier plot."""
    import shlex
    import sys

    from veil.dp.evaluation import DPEvalConfig, merge_reports, run_dp_eval, write_reports
    from veil.dp.sanitizers import SANITIZERS
    from veil.errors import DPError
    from veil.evaluation.attacks import attack_names

    specs = [m.strip().lower() for m in mechanisms.split(",") if m.strip()]
    names = [m.partition(":")[0] for m in specs]
    bad = [m for m in names if m != "dp-prompt" and (
        m.partition("@")[0] not in SANITIZERS
        or m.partition("@")[2] not in ("", "content", "terms", "mask"))]
    if bad or not specs:  # fail fast on a typo, before loading models
        raise DPError(f"unknown DP setting(s) {bad}; use a mechanism from {sorted(SANITIZERS)}, "
                      "optionally @content, @terms or @mask, or dp-prompt")
    chosen = [a.strip() for a in attacks.split(",") if a.strip()] or None
    unknown = sorted(set(chosen or []) - set(attack_names("dp")))
    if unknown:
        raise DPError(f"unknown DP attack(s) {unknown}; choose from {attack_names('dp')}")
    bases = [_report(p) for p in merge or []]
    cfg = DPEvalConfig(epsilons=_floats(epsilons), mechanisms=specs, n=n, shadow_n=shadow_n,
                       seeds=_ints(seeds) or [0], context=context, answers=answers,
                       answers_n=answers_n, max_new_tokens=max_new_tokens, space=space,
                       attacks=chosen, checkpoint=out / "dp" / "dp.partial.json")
    report = run_dp_eval(cfg)
    report["commands"] = ["veil " + shlex.join(sys.argv[1:])]
    for base in reversed(bases):  # earlier reports first, this run last
        report = merge_reports(base, report)
    for p in write_reports(report, out / "dp"):
        typer.echo(f"wrote {p}")


def register(app: typer.Typer) -> None:
    """Commands attach to ``eval_app`` at import; nothing to add to the root app."""
