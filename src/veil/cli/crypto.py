"""``veil crypto ...``: secret-shared (MPC) inference with SPU parties on this machine.

Needs the crypto environment: ``make crypto-env``. See docs/crypto.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

crypto_app = typer.Typer(help="Cryptographic inference (MPC with SPU; docs/crypto.md).",
                         no_args_is_help=True)

_PROTOCOL = typer.Option(help="ABY3 (3 parties, honest majority), CHEETAH (2 parties) or SEMI2K "
                              "(2 parties; its default triples trust party 0: tests only).")
_PRECISION = typer.Option(help="SPU fixed-point preset: pade (default), taylor (SPU's default "
                               "exp) or fm128 (128-bit ring); see docs/crypto.md.")


@crypto_app.command("generate")
def generate(
    prompt: Annotated[str, typer.Argument(help="The user message (SmolLM2's chat template).")],
    protocol: Annotated[str, _PROTOCOL] = "ABY3",
    layers: Annotated[int, typer.Option(min=1, max=30, help="First k of SmolLM2's 30 blocks.")] = 2,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Greedy tokens to generate.")] = 4,
    max_len: Annotated[int, typer.Option(min=2, help="Compiled length (prompt + output).")] = 64,
    timeout_s: Annotated[float, typer.Option(min=1, help="Per-token deadline.")] = 300.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    precision: Annotated[str, _PRECISION] = "pade",
) -> None:
    """Greedy generation where the parties only ever hold shares of the prompt."""
    from rich.console import Console

    from veil.crypto.mpc import MPCConfig, MPCSession, chat_ids

    ids, stop, tok = chat_ids([{"role": "user", "content": prompt}])
    cfg = MPCConfig(protocol=protocol.upper(), layers=layers, max_len=max_len,
                    timeout_s=timeout_s, precision=precision)
    console = Console(stderr=True)
    pieces: list[str] = []
    with console.status(f"starting {cfg.protocol} parties (compile + weights)"), \
            MPCSession(cfg) as session:
        pass_info = dict(session.info)
        steps = []
        for item in session.stream_ids(ids, max_new_tokens=max_new_tokens, stop_ids=tuple(stop)):
            if isinstance(item, str):
                break
            steps.append(item)
            text = tok.decode([item.token], skip_special_tokens=True)
            pieces.append(text)
            if not as_json:
                typer.echo(text, nl=False)
    agree = [s.token == s.plain_token for s in steps if s.plain_token is not None]
    summary = {
        "protocol": cfg.protocol, "precision": cfg.precision, "layers": layers,
        "prompt_tokens": len(ids),
        "text": "".join(pieces), "tokens": [s.token for s in steps],
        "seconds_per_token": sum(s.seconds for s in steps) / max(1, len(steps)),
        "agreement": sum(agree) / len(agree) if agree else None,
        "startup_s": pass_info.get("startup_s"),
    }
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        typer.echo("")
        console.print(f"{len(steps)} token(s), {summary['seconds_per_token']:.1f} s/token, "
                      f"agreement with the float model {summary['agreement']}")


@crypto_app.command("bench")
def bench(
    protocols: Annotated[str, typer.Option(help="Comma-separated protocols.")] = (
        "ABY3,SEMI2K,CHEETAH"),
    layers: Annotated[int, typer.Option(min=1, max=30, help="First k of SmolLM2's blocks.")] = 2,
    tokens: Annotated[int, typer.Option(min=1, help="Greedy tokens per protocol.")] = 4,
    prompt: Annotated[str, typer.Option(help="User message.")] = "Name one colour.",
    max_len: Annotated[int, typer.Option(min=2, help="Compiled length.")] = 48,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("benchmarks/results/crypto"),
    precision: Annotated[str, _PRECISION] = "pade",
    teacher_forced: Annotated[bool, typer.Option(
        "--teacher-forced",
        help="Measure agreement at every position instead of generating: one forward per "
             "built-in sequence (cut to --max-len), writes mpc_teacher_forced.{json,md}.")
    ] = False,
    texts: Annotated[int, typer.Option(min=1, help="Built-in sequences (--teacher-forced).")] = 4,
    timeout_s: Annotated[float, typer.Option(min=1, help="Per-forward deadline.")] = 900.0,
) -> None:
    """Seconds and bytes per token per protocol, agreement with the float model, anchors."""
    from veil.cli._common import name_list
    from veil.crypto.protocol import PROTOCOLS

    # checked before anything runs: an empty list would overwrite the report with no rows
    names = name_list(protocols, "--protocols", list(PROTOCOLS), upper=True)
    from veil.crypto.mpc_bench import TF_NAME, run, run_teacher_forced

    if teacher_forced:
        cmd = (f"veil crypto bench --teacher-forced --protocols {','.join(names)} --layers "
               f"{layers} --max-len {max_len} --texts {texts} --precision {precision}")
        report = run_teacher_forced(protocols=names, layers=layers, texts=texts,
                                    max_len=max_len, out_dir=out, timeout_s=timeout_s,
                                    precision=precision, command=cmd)
        typer.echo((out / f"{TF_NAME}.md").read_text(encoding="utf-8"))
        typer.echo(f"{len(report['runs'])} run(s) in {out / f'{TF_NAME}.json'}")
        return
    report = run(protocols=names, layers=layers, tokens=tokens, prompt=prompt,
                 max_len=max_len, out_dir=out, timeout_s=timeout_s, precision=precision)
    typer.echo((out / "mpc.md").read_text(encoding="utf-8"))
    typer.echo(f"{len(report['runs'])} run(s) in {out / 'mpc.json'}")


@crypto_app.command("precision")
def precision(
    presets: Annotated[str, typer.Option(help="Comma-separated presets to compare.")] = (
        "taylor,pade,fm128"),
    depths: Annotated[str, typer.Option(help="Comma-separated block counts.")] = "1,4",
    prompts: Annotated[int, typer.Option(min=1, max=4, help="Prompts per depth.")] = 2,
    max_len: Annotated[int, typer.Option(min=2, help="Compiled length.")] = 40,
    protocol: Annotated[str, _PROTOCOL] = "ABY3",
    earlier_model: Annotated[bool, typer.Option(
        help="Also run the earlier model (softmax max over hidden keys, one-range RMSNorm, "
             "taylor), to compare.")] = True,
    ops: Annotated[bool, typer.Option(help="Also measure each approximation alone.")] = True,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("benchmarks/results/crypto"),
) -> None:
    """Logit error and top-1 agreement per precision preset and depth, and per approximation."""
    from veil.cli._common import int_list, name_list
    from veil.crypto.protocol import PRECISIONS, PROTOCOLS

    chosen = name_list(presets, "--presets", list(PRECISIONS))
    depth_list = int_list(depths, "--depths", minimum=1, example="1,4")
    prot = name_list(protocol, "--protocol", list(PROTOCOLS), upper=True)
    if len(prot) != 1:
        raise typer.BadParameter("--protocol takes one protocol")
    from veil.crypto.precision_bench import run

    run(presets=chosen, depths=depth_list, n_prompts=prompts, length=max_len,
        protocol=prot[0], out_dir=out, ops=ops, earlier_model=earlier_model)
    typer.echo((out / "precision.md").read_text(encoding="utf-8"))


@crypto_app.command("train-encoder")
def train_encoder(
    n_train: Annotated[int, typer.Option(min=50, help="Training texts.")] = 2000,
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training texts.")] = 6,
    seed: Annotated[int, typer.Option(help="Seed of data and initialisation.")] = 0,
    out: Annotated[Path | None, typer.Option(
        help="Weights folder (default $VEIL_MPC_ENCODER_DIR or ~/.cache/veil/mpc-encoder).")
    ] = None,
) -> None:
    """Train the BERT-tiny-class classifier that runs under MPC (2 blocks, hidden 128)."""
    from veil.crypto.encoder_train import encoder_dir
    from veil.crypto.encoder_train import train_encoder as train

    card = train(out_dir=out, n_train=n_train, epochs=epochs, seed=seed)
    typer.echo(f"{card['params']:,} parameters, held-out accuracy "
               f"{card['torch_test_accuracy']:.3f}, {card['train_seconds']:.0f} s -> "
               f"{out or encoder_dir()}")


@crypto_app.command("bench-classifier")
def bench_classifier(
    protocols: Annotated[str, typer.Option(help="Comma-separated protocols.")] = "ABY3,SEMI2K",
    n_test: Annotated[int, typer.Option(min=1, help="Held-out texts classified.")] = 200,
    batch: Annotated[int, typer.Option(min=1, help="Texts per secret-shared run.")] = 25,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("benchmarks/results/crypto"),
) -> None:
    """The encoder under MPC: accuracy vs plaintext, seconds and bytes per input."""
    from veil.cli._common import name_list
    from veil.crypto.protocol import PROTOCOLS

    names = name_list(protocols, "--protocols", list(PROTOCOLS), upper=True)
    from veil.crypto.mpc_classifier import run

    run(protocols=names, n_test=n_test, batch=batch, out_dir=out)
    typer.echo((out / "classifier.md").read_text(encoding="utf-8"))


def register(app: typer.Typer) -> None:
    app.add_typer(crypto_app, name="crypto")
