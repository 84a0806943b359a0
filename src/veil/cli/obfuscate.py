"""``veil obfuscate``: write an obfuscated checkpoint (for the host) and a key (for the client)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def obfuscate_command(
    model: Annotated[str, typer.Option(help="'smollm2' (the packaged model) or a local HF dir")],
    out: Annotated[Path, typer.Option(help="directory for the obfuscated checkpoint (host)")],
    key: Annotated[Path, typer.Option(help="directory for the secret key (stays on the client)")],
    mode: Annotated[str, typer.Option(help="exact | default | paper")] = "default",
    alpha_e: Annotated[float | None, typer.Option(help="embedding noise")] = None,
    alpha_h: Annotated[float | None, typer.Option(help="LM-head noise")] = None,
    lam: Annotated[float | None, typer.Option(help="lambda of the key matrices")] = None,
    h: Annotated[int | None, typer.Option(help="hidden expansion: d' = d + 2h")] = None,
    block_perm: Annotated[bool | None, typer.Option(help="RoPE block permutation")] = None,
    seed: Annotated[int | None, typer.Option(help="key seed (default: random)")] = None,
    overwrite: Annotated[bool, typer.Option(help="replace non-empty output dirs")] = False,
) -> None:
    """Obfuscate a model with covariant obfuscation (AloePri); prints sizes, never the key."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from veil.obfuscation.client import served_model_name
    from veil.obfuscation.config import ObfuscationConfig
    from veil.obfuscation.export import export_obfuscated

    config = ObfuscationConfig.for_mode(
        mode,  # type: ignore[arg-type]
        alpha_e=alpha_e, alpha_h=alpha_h, lam=lam, h=h, block_perm=block_perm,
    )
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task("obfuscating", total=None)

        def step(msg: str) -> None:
            progress.update(task, description=f"obfuscating: {msg}")
            if msg.startswith("layer "):
                done, total = msg.split()[1].split("/")
                progress.update(task, completed=int(done), total=int(total))

        result = export_obfuscated(model, out, key, config, seed=seed, progress=step,
                                   overwrite=overwrite)
        progress.update(task, description="done")
    rep = result.key.report
    console.print(
        f"checkpoint: {result.model_dir}  (hidden size {rep.d if rep else '?'} -> "
        f"{rep.d_prime if rep else '?'}, mode {config.mode})\n"
        f"key:        {result.key_dir}  (keep it on the client; never ship it to the host)\n"
        f"fingerprint {result.fingerprint[:16]}...\n"
        f"serve it on engines without a fingerprint (vLLM) as: --served-model-name "
        f"{served_model_name(result.fingerprint)}"
    )


def register(app: typer.Typer) -> None:
    app.command("obfuscate")(obfuscate_command)
