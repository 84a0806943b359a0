"""``veil eval training``: federated + DP training of the detector against central training."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.eval import eval_app


@eval_app.command("training")
def eval_training(
    clients: Annotated[int, typer.Option(min=2, help="Clients (each its own domain/locale).")] = 4,
    n_per_client: Annotated[int, typer.Option(min=8, help="Training sentences per client.")] = 200,
    rounds: Annotated[int, typer.Option(min=1, help="Federated rounds (central: epochs).")] = 3,
    local_epochs: Annotated[int, typer.Option(min=1, help="Client epochs per round.")] = 1,
    epsilons: Annotated[str, typer.Option(
        help="Comma-separated per-client epsilons of the DP-SGD runs.")] = "1,4,8",
    delta: Annotated[float, typer.Option(help="DP delta (the headline needs <= 1e-5).")] = 1e-5,
    max_grad_norm: Annotated[float, typer.Option(help="DP-SGD per-sample clipping norm.")] = 1.0,
    accountant: Annotated[str, typer.Option(
        help="How epsilon follows from the noise: rdp (Renyi DP) or prv (privacy random "
             "variables, tighter: ~5% less noise for the same epsilon).")] = "rdp",
    arch: Annotated[str, typer.Option(help="minilm (transformer) or conv (conv tagger).")
                    ] = "minilm",
    layers: Annotated[int, typer.Option(
        min=0, max=6, help="Encoder layers (0 = all 6) or conv blocks (0 = 4).")] = 0,
    context_noise: Annotated[float, typer.Option(
        min=0.0, max=0.9, help="Share of the words around names replaced by random words.")
    ] = 0.0,
    lr: Annotated[float, typer.Option(help="AdamW learning rate.")] = 5e-4,
    lr_schedule: Annotated[str, typer.Option(
        help="Learning rate over the rounds (central: epochs): constant, or cosine down to a "
             "tenth (all runs).")] = "constant",
    aug_multiplicity: Annotated[int, typer.Option(
        min=1, help="DP-SGD: context-noise draws averaged per sentence before clipping.")] = 1,
    ema: Annotated[float, typer.Option(
        min=0.0, max=0.99, help="Release an exponential moving average of the rounds' models "
        "(central: epochs') with this decay; 0 = the last one's (all runs).")] = 0.0,
    trainable: Annotated[str, typer.Option(
        help="What trains in every run: all, bitfit (biases, LayerNorms, head) or head.")
    ] = "all",
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
    warmup: Annotated[int, typer.Option(
        min=0, help="Public synthetic sentences the model pre-trains on first (all runs).")] = 0,
    canaries: Annotated[int, typer.Option(min=0, help="Canary names planted in client 0.")] = 4,
    canary_repeats: Annotated[int, typer.Option(min=1, help="Sentences per canary.")] = 8,
    eval_n: Annotated[int, typer.Option(min=8, help="Sentences per evaluation set.")] = 200,
    fedavg: Annotated[bool, typer.Option(
        "--fedavg/--no-fedavg", help="Run federated without DP (not needed for the gap).")
    ] = True,
    fedprox: Annotated[bool, typer.Option("--fedprox/--no-fedprox")] = True,
    central_dp_noise: Annotated[float, typer.Option(
        help="Noise multiplier of a central-DP run (Flower's client-side clipping); 0 = skip.")
    ] = 0.0,
    seed: Annotated[int, typer.Option()] = 0,
    reference: Annotated[Path | None, typer.Option(
        help="training.json of an earlier comparison whose central run had these same "
             "settings: reuse it instead of training it again.")] = None,
    out: Annotated[Path, typer.Option(help="Results root; writes <out>/training/.")] = Path(
        "benchmarks/results"),
) -> None:
    """F1 vs epsilon, F1 per round, canary exposure with and without DP, and federated + DP
    against the same model trained centrally without privacy."""
    import shlex
    import sys

    from rich.console import Console

    from veil.errors import InvalidEpsilonError
    from veil.evaluation.training import TrainingEvalConfig, run_training_eval, write_reports
    from veil.train.federated import FederatedConfig

    try:
        eps = [float(x) for x in epsilons.split(",") if x.strip()]
    except ValueError:
        raise InvalidEpsilonError("--epsilons must be a comma-separated list of numbers > 0"
                                  ) from None
    base = FederatedConfig(clients=clients, n_per_client=n_per_client, rounds=rounds,
                           local_epochs=local_epochs, dp_delta=delta,
                           dp_max_grad_norm=max_grad_norm, dp_accountant=accountant,
                           base=_check_arch(arch),
                           layers=layers, context_noise=context_noise, lr=lr,
                           lr_schedule=lr_schedule, aug_multiplicity=aug_multiplicity, ema=ema,
                           trainable=trainable,
                           batch_size=batch_size, warmup=warmup, canaries=canaries,
                           canary_repeats=canary_repeats, eval_n=eval_n, seed=seed)
    console = Console(stderr=True)
    ev = TrainingEvalConfig(base=base, epsilons=eps, fedavg=fedavg, fedprox=fedprox,
                            central_dp_noise=central_dp_noise, reference=reference)
    with console.status("training") as status:
        report = run_training_eval(ev, progress=lambda name: status.update(f"run {name}"))
    report["commands"] = ["veil " + shlex.join(sys.argv[1:])]
    for p in write_reports(report, out / "training"):
        typer.echo(f"wrote {p}")


def _check_arch(arch: str) -> str:
    from veil.cli.train import check_arch

    return check_arch(arch)


def _train_app() -> typer.Typer:
    from veil.cli.train import train_app

    return train_app


@_train_app().command("federated")
def train_federated(
    engine: Annotated[str, typer.Option(
        help="simulation (Flower's simulation engine, Ray) or deployment (a SuperLink and one "
             "SuperNode per client as processes on loopback, driven by `flwr run`).")
    ] = "simulation",
    clients: Annotated[int | None, typer.Option(
        min=2, help="Clients [4; with --data-file: one per file].")] = None,
    n_per_client: Annotated[int, typer.Option(
        min=8, help="Synthetic sentences per client (without --data-file).")] = 200,
    rounds: Annotated[int, typer.Option(min=1)] = 3,
    local_epochs: Annotated[int, typer.Option(min=1, help="Client epochs per round.")] = 1,
    batch_size: Annotated[int, typer.Option(
        min=1, help="Batch size (DP-SGD's expected batch: larger batches carry less noise "
                    "per sentence; the conv tagger's recorded runs used 1,024).")] = 16,
    seed: Annotated[int, typer.Option()] = 0,
    data_file: Annotated[list[Path] | None, typer.Option(
        metavar="FILE",
        help="A client's own annotated documents (JSON Lines; docs/training.md), once per "
             "client in order; without it each client trains on synthetic sentences. On the "
             "deployment engine each SuperNode reads its own file.")] = None,
    start_from: Annotated[Path | None, typer.Option(
        metavar="FOLDER", help="Start from this detector's weights (built by `veil train "
        "detector` on public synthetic data) instead of a fresh model: the clients fine-tune "
        "it on their data. Needs its architecture (the shipped one: --arch conv --layers 3).")
    ] = None,
    trainable: Annotated[str, typer.Option(
        help="What trains: all, bitfit (biases, LayerNorms, head) or head; fewer trained "
             "weights spread DP-SGD's noise over fewer coordinates (with --start-from: all).")
    ] = "all",
    detector_out: Annotated[Path | None, typer.Option(
        help="Export the released model here as a detector folder (ONNX int8 + card), "
             "served with ner_backend: learned and VEIL_DETECTOR_DIR.")] = None,
    strategy: Annotated[str, typer.Option(help="fedavg or fedprox.")] = "fedavg",
    proximal_mu: Annotated[float, typer.Option(help="FedProx's mu.")] = 0.01,
    secagg: Annotated[bool, typer.Option("--secagg/--no-secagg")] = True,
    dp_epsilon: Annotated[float, typer.Option(
        help="DP-SGD epsilon per client (sentence level); 0 = no DP-SGD.")] = 0.0,
    dp_delta: Annotated[float, typer.Option()] = 1e-5,
    accountant: Annotated[str, typer.Option(
        help="How epsilon follows from the noise: rdp (Renyi DP) or prv (privacy random "
             "variables, tighter: ~5% less noise for the same epsilon).")] = "rdp",
    central_noise: Annotated[float, typer.Option(
        help="Central DP noise multiplier (client-level; Flower's clipping strategy); 0 = off.")
    ] = 0.0,
    arch: Annotated[str, typer.Option(help="minilm (transformer) or conv (conv tagger).")
                    ] = "minilm",
    layers: Annotated[int, typer.Option(
        min=0, max=6, help="Encoder layers (0 = all 6) or conv blocks (0 = 4).")] = 0,
    context_noise: Annotated[float, typer.Option(min=0.0, max=0.9)] = 0.0,
    lr: Annotated[float, typer.Option(help="AdamW learning rate.")] = 5e-4,
    lr_schedule: Annotated[str, typer.Option(
        help="Learning rate over the rounds: constant, or cosine down to a tenth.")
    ] = "constant",
    aug_multiplicity: Annotated[int, typer.Option(
        min=1, help="DP-SGD: context-noise draws averaged per sentence before clipping.")] = 1,
    ema: Annotated[float, typer.Option(
        min=0.0, max=0.99, help="Release an exponential moving average of the rounds' models "
        "with this decay; 0 = the last round's.")] = 0.0,
    eval_n: Annotated[int, typer.Option(min=8)] = 200,
    port: Annotated[int, typer.Option(help="SuperLink port (deployment).")] = 9190,
    out: Annotated[Path, typer.Option(help="Report JSON.")] = Path("federated-report.json"),
) -> None:
    """Federated training of the detector (FedAvg/FedProx, SecAgg+, DP) and its report."""
    import json
    import tempfile

    from veil.errors import ConfigError
    from veil.train.federated import FederatedConfig, run_simulation

    files = list(data_file or [])
    if files and clients is not None and clients != len(files):
        raise typer.BadParameter(f"{len(files)} data files for {clients} clients: give one "
                                 "file per client", param_hint="--data-file")
    cfg = FederatedConfig(clients=len(files) or clients or 4, n_per_client=n_per_client,
                          rounds=rounds, local_epochs=local_epochs, batch_size=batch_size,
                          seed=seed,
                          detector_path=str(detector_out.resolve()) if detector_out else "",
                          start_from=str(start_from.resolve()) if start_from else "",
                          trainable=trainable,
                          strategy=strategy, proximal_mu=proximal_mu, secagg=secagg,
                          dp_epsilon=dp_epsilon, dp_delta=dp_delta, dp_accountant=accountant,
                          central_noise=central_noise,
                          base=_check_arch(arch), layers=layers, context_noise=context_noise, lr=lr,
                          lr_schedule=lr_schedule, aug_multiplicity=aug_multiplicity, ema=ema,
                          eval_n=eval_n)
    if engine == "simulation":
        report = run_simulation(cfg, data_files=files or None)
    elif engine == "deployment":
        from veil.train.flower_app import deploy

        with tempfile.TemporaryDirectory(prefix="veil-flower-") as tmp:
            report = deploy(cfg, Path(tmp), port=port, data_files=list(files) or None)
    else:
        raise ConfigError("--engine must be simulation or deployment")
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    typer.echo(f"wrote {out}")
    typer.echo(_summary(report))
    if report.get("detector"):
        typer.echo(f"detector: {report['detector']} (serve it with ner_backend: learned and "
                   f"VEIL_DETECTOR_DIR={report['detector']})")


def _summary(report: dict[str, Any]) -> str:
    """The run in a few lines: the released model's F1 per round and the guarantee."""
    rows = report.get("rounds", [])
    lines = ["round | F1 held-out templates | F1 unseen generator",
             *(f"{r['round']:>5} | {r.get('f1_held_out', 0):.3f} | {r.get('f1_unseen', 0):.3f}"
               for r in rows)]
    privacy = report.get("privacy", {})
    if privacy.get("epsilon") is not None:
        guarantee = (f"{privacy['kind']}: epsilon {privacy['epsilon']:.2f}, "
                     f"delta {privacy.get('delta')}")
        if "document_epsilon" in privacy:
            guarantee += f"; per document (group privacy) {privacy['document_epsilon']:.2f}"
    else:
        guarantee = "no differential privacy"
    sizes = ", ".join(f"{c['client']}: {c['n']}" for c in report.get("clients", []))
    out = [*lines, f"privacy: {guarantee}", f"sentences per client: {sizes}"]
    if len(rows) > 1 and rows[-1].get("f1_held_out", 0) < rows[0].get("f1_held_out", 0) - 0.05:
        # a start model (or warm-up) the run fell below: with little data per client, DP
        # noise can outweigh what the clients' text teaches
        out.append("note: the released model scores below the start on the public held-out "
                   "templates; score both on your own held-out documents (veil train score) "
                   "before serving it")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    """Commands attach to ``eval_app`` and ``train_app`` at import; nothing to add here."""
