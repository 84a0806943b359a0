"""``veil bench obfuscation``: utility, speed and cost of covariant obfuscation on SmolLM2-135M.

Writes ``engine.json``, ``engine.md`` and ``engine_sweep.png`` under
``benchmarks/results/obfuscation/`` (or ``--out``); the attack evaluation (``veil eval
obfuscation``) writes its own ``results.*`` in the same folder. Measures, against the plaintext
model:
exact-mode max |logit difference| and greedy-generation identity; top-1 agreement and KL with
every transform on but no noise; the alpha_e x h noise sweep; generation throughput obfuscated vs
plaintext in the same engine (transformers, fp32, KV cache); obfuscation time and peak memory
(in a fresh subprocess). Progress is shown; no text is printed.
"""

from __future__ import annotations

import json
import platform
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app

#: Held-out text (not the calibration text): varied prose, instructions, code and dialogue.
HELD_OUT = (
    "Photosynthesis is the process by which green plants use sunlight to make food from carbon "
    "dioxide and water. It takes place mainly in the leaves, inside small structures called "
    "chloroplasts, and releases oxygen as a by-product.\n"
    "To change a flat tyre, first loosen the wheel nuts slightly, then raise the car with the "
    "jack. Remove the nuts and the wheel, fit the spare, and tighten the nuts in a star pattern "
    "before lowering the car.\n"
    "import math\n\ndef area(radius):\n    return math.pi * radius ** 2\n\nprint(area(2.0))\n"
    "User: Can you recommend a good book about the history of science?\n"
    "Assistant: A popular choice is 'A Short History of Nearly Everything', which explains how "
    "scientists came to understand the universe, the Earth and life, in a light and readable "
    "style.\n"
    "The train leaves the station at half past eight and arrives in the capital a little after "
    "noon, stopping at four towns along the way."
)
CHAT = [{"role": "user", "content": "Give me three tips for learning a new language."}]
ALPHAS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
HS = (0, 64, 128)


def _metrics(base: Any, logits: Any) -> dict[str, float]:
    lp, lq = base.log_softmax(-1), logits.log_softmax(-1)
    return {
        "top1_agreement": float((base.argmax(-1) == logits.argmax(-1)).float().mean()),
        "kl": float((lp.exp() * (lp - lq)).sum(-1).mean()),
        "max_abs_logit_diff": float((base - logits).abs().max()),
    }


def _obf_logits(om: Any, key: Any, ids: Any) -> Any:
    import torch

    tau = torch.as_tensor(key.tau)
    with torch.no_grad():  # one 256-token block at a time: (tokens, vocab) in plaintext order
        return torch.cat([om(input_ids=tau[b][None]).logits[0][..., tau] for b in ids])


def _timing_subprocess(mode: str) -> dict[str, float]:
    """Obfuscate in a fresh process: wall, CPU seconds and peak RSS of obfuscation alone."""
    code = f"""
import json, resource, time, torch
from veil.models import load_smollm2
from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate
from veil.obfuscation.corpus import calibration_text
m, tok = load_smollm2()
ids = tok(calibration_text())["input_ids"]
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
conf = ObfuscationConfig.for_mode({mode!r})
t, c = time.perf_counter(), time.process_time()
om = obfuscate(m, conf, key=generate_key(conf, 49152, seed=1), calibration_ids=ids)
wall, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": rss / 1024,
                  "rss_before_mb": rss0 / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # nosec B603 # fixed argv of project binaries, no shell
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _throughput(runs: list[tuple[Any, Any]], new_tokens: int, rounds: int = 3) -> list[float]:
    """Tokens/s per (model, ids), interleaved over rounds (median) so that load changes on a
    shared machine hit every model alike."""
    import statistics

    import torch

    times: list[list[float]] = [[] for _ in runs]
    with torch.no_grad():
        for model, ids in runs:  # warm-up
            model.generate(ids, max_new_tokens=2, do_sample=False, eos_token_id=None)
        for _ in range(rounds):
            for i, (model, ids) in enumerate(runs):
                t = time.perf_counter()
                out = model.generate(ids, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                                     do_sample=False, eos_token_id=None)
                times[i].append((out.shape[1] - ids.shape[1]) / (time.perf_counter() - t))
    return [float(statistics.median(t)) for t in times]


@bench_app.command("obfuscation")
def bench_obfuscation(
    out: Annotated[Path, typer.Option(help="results directory")] = Path(
        "benchmarks/results/obfuscation"),
    quick: Annotated[bool, typer.Option(help="smaller sweep (alpha_e 0, 0.1, 0.5; h 0, 128)")]
    = False,
    gen_tokens: Annotated[int, typer.Option(help="tokens per generation check")] = 24,
    held_tokens: Annotated[int, typer.Option(help="held-out tokens for agreement (x256)")]
    = 2048,
    seed: Annotated[int, typer.Option(help="key seed")] = 1,
) -> None:
    """Measure exact-mode error, lossy-mode agreement, the noise sweep, throughput and cost."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from veil.models import load_smollm2
    from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate
    from veil.obfuscation.corpus import calibration_text, held_out_text
    from veil.obfuscation.engine import build_basis, vocab_weights

    alphas = (0.0, 0.1, 0.5) if quick else ALPHAS
    hs = (0, 128) if quick else HS
    console = Console(stderr=True)
    results: dict[str, Any] = {"model": "SmolLM2-135M-Instruct (fp32)", "seed": seed,
                               "machine": f"{platform.machine()}, {os.cpu_count()} CPUs "
                                          f"(shared), torch {torch.__version__}"}
    model, tok = load_smollm2()
    # Held-out text: the hand-written sample plus stdlib docstrings that calibration never sees,
    # in blocks of 256 tokens.
    held = tok(HELD_OUT + "\n\n" + held_out_text())["input_ids"][: held_tokens]
    ids = torch.tensor(held[: len(held) // 256 * 256]).reshape(-1, 256)
    calib = tok(calibration_text())["input_ids"]
    chat_ids = torch.tensor([tok.apply_chat_template(CHAT, add_generation_prompt=True,
                                                     tokenize=True, return_dict=False)])
    results["held_out_tokens"] = int(ids.numel())
    results["calibration_tokens"] = min(len(calib), ObfuscationConfig().calibration_tokens)
    with torch.no_grad():
        base = torch.cat([model(input_ids=b[None]).logits[0] for b in ids])
    n_steps = 5 + len(hs) * len(alphas)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console) as prog:
        task = prog.add_task("exact mode", total=n_steps)

        def obf(conf: ObfuscationConfig) -> tuple[Any, Any]:
            key = generate_key(conf, 49152, seed=seed)
            return obfuscate(model, conf, key=key, calibration_ids=calib), key

        # 1. exact mode
        conf = ObfuscationConfig.for_mode("exact")
        om, key = obf(conf)
        exact = _metrics(base, _obf_logits(om, key, ids))
        with torch.no_grad():
            want = model.generate(  # type: ignore[operator]
                chat_ids, max_new_tokens=gen_tokens, do_sample=False)
            got = om.generate(torch.as_tensor(key.tau)[chat_ids], max_new_tokens=gen_tokens,
                              do_sample=False)
        exact["greedy_identical"] = key.decode_ids(got[0].numpy()) == want[0].tolist()
        exact["greedy_tokens"] = int(want.shape[1] - chat_ids.shape[1])
        results["exact"] = exact
        prog.advance(task)

        # 2. every transform on, no noise
        prog.update(task, description="all transforms, no noise")
        conf = ObfuscationConfig.for_mode("default", h=128, lam=0.3, block_perm=True,
                                          head_perm=True, alpha_e=0.0, alpha_h=0.0)
        om_nn, key_nn = obf(conf)
        results["no_noise"] = {**_metrics(base, _obf_logits(om_nn, key_nn, ids)),
                               "config": conf.to_dict(), "d_prime": om_nn.config.hidden_size}
        prog.advance(task)

        # 2b. what each lossy part costs without noise (the engineering ablation)
        prog.update(task, description="lossy-part ablation")
        ablation = []
        for label, kw in (("C block fitted to the activations (norm_fit)", {"norm_fit": True}),
                          ("block perm moves pairs 16-31 (keep 16)", {"block_keep": 16}),
                          ("lambda 0 (P orthogonal up to h)", {"lam": 0.0}),
                          ("block perm off", {"block_perm": False})):
            c = ObfuscationConfig.for_mode("default", alpha_e=0.0, alpha_h=0.0, **kw)
            m_a, k_a = obf(c)
            ablation.append({"variant": label, "overrides": kw,
                             **_metrics(base, _obf_logits(m_a, k_a, ids))})
            del m_a
        results["ablation"] = ablation
        prog.advance(task)

        # 3. throughput, same engine and settings
        prog.update(task, description="throughput")
        plain_tps, obf_tps, exact_tps = _throughput(
            [(model, chat_ids), (om_nn, torch.as_tensor(key_nn.tau)[chat_ids]),
             (om, torch.as_tensor(key.tau)[chat_ids])], gen_tokens)
        results["throughput"] = {
            "plaintext_tok_s": plain_tps, "obfuscated_h128_tok_s": obf_tps,
            "obfuscated_exact_tok_s": exact_tps, "ratio_h128": obf_tps / plain_tps,
            "ratio_exact": exact_tps / plain_tps,
            "d": model.config.hidden_size, "d_prime_h128": om_nn.config.hidden_size,
            "new_tokens": gen_tokens, "engine": "transformers generate, fp32, KV cache, batch 1",
        }
        del om, om_nn
        prog.advance(task)

        # 4. noise sweep: per h obfuscate once (no noise), then swap the noisy embedding/head
        sweep = []
        for h in hs:
            base_conf = ObfuscationConfig.for_mode("default", h=h, alpha_e=0.0, alpha_h=0.0)
            key_h = generate_key(base_conf, 49152, seed=seed)
            basis = build_basis(model, base_conf, key_h, calib)
            om_h = obfuscate(model, base_conf, key=key_h, calibration_ids=calib, basis=basis)
            for a in alphas:
                prog.update(task, description=f"sweep h={h} alpha_e={a}")
                conf = ObfuscationConfig.for_mode("default", h=h, alpha_e=a, alpha_h=0.0)
                om_h.load_state_dict(vocab_weights(model, conf, key_h, basis), strict=False)
                sweep.append({"h": h, "alpha_e": a, "alpha_h": 0.0,
                              **_metrics(base, _obf_logits(om_h, key_h, ids))})
                prog.advance(task)
            del om_h
        results["sweep"] = sweep
        results["sweep_settings"] = ("Veil default structure (lambda 0.3, block and head "
                                     "permutations, calibrated kappa), alpha_h = 0; kappa "
                                     "calibrated without noise, then the noisy embedding and "
                                     "head are swapped in")

        # 5. obfuscation time and peak memory, fresh processes
        prog.update(task, description="obfuscation time (subprocess)")
        results["cost"] = {m: _timing_subprocess(m) for m in ("exact", "default")}
        prog.advance(task)

    out.mkdir(parents=True, exist_ok=True)
    (out / "engine.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "engine.md").write_text(_markdown(results), encoding="utf-8")
    _plot(results, out / "engine_sweep.png")
    console.print(_markdown(results))


def _markdown(r: dict[str, Any]) -> str:
    e, nn, tp = r["exact"], r["no_noise"], r["throughput"]
    lines = [
        "# Covariant obfuscation on SmolLM2-135M-Instruct",
        "",
        f"Machine: {r['machine']}. Held-out text: {r['held_out_tokens']} tokens (blocks of 256; "
        f"calibration {r.get('calibration_tokens', '?')} other tokens). Seed {r['seed']}.",
        "",
        "| check | result | target |",
        "|---|---|---|",
        f"| exact mode: max abs logit diff (fp32) | {e['max_abs_logit_diff']:.2e} | <= 1e-3 |",
        f"| exact mode: greedy generation identical ({e['greedy_tokens']} tokens) | "
        f"{e['greedy_identical']} | True |",
        f"| no noise, h=128, lambda=0.3, block+head perms: top-1 agreement | "
        f"{nn['top1_agreement']:.3f} (KL {nn['kl']:.4f}) | >= 0.98 |",
        f"| throughput plaintext / obfuscated h=128 (tok/s) | {tp['plaintext_tok_s']:.1f} / "
        f"{tp['obfuscated_h128_tok_s']:.1f} (ratio {tp['ratio_h128']:.2f}; d {tp['d']} -> "
        f"{tp['d_prime_h128']}) | ~1 on large models |",
        f"| throughput exact mode (d unchanged) | {tp['obfuscated_exact_tok_s']:.1f} tok/s (ratio "
        f"{tp['ratio_exact']:.2f}) | 1 |",
    ]
    for m, c in r["cost"].items():
        lines.append(f"| obfuscation time, {m} mode | {c['wall_s']:.1f} s wall, {c['cpu_s']:.1f} s "
                     f"CPU, peak RSS {c['peak_rss_mb']:.0f} MB | < 60 s |")
    if r.get("ablation"):
        lines += ["", "## What each lossy part costs (no noise, h=128)", "",
                  "| variant | top-1 | KL |", "|---|---|---|",
                  f"| Veil default structure (calibrated kappa, block perm of the lowest-"
                  f"frequency window) | {nn['top1_agreement']:.3f} | {nn['kl']:.4f} |"]
        lines += [f"| {a['variant']} | {a['top1_agreement']:.3f} | {a['kl']:.4f} |"
                  for a in r["ablation"]]
    alphas = sorted({s["alpha_e"] for s in r["sweep"]})
    lines += ["", "## Noise sweep (top-1 agreement / KL vs plaintext)", "",
              f"Settings: {r['sweep_settings']}.", "",
              "| h \\ alpha_e | " + " | ".join(str(a) for a in alphas) + " |",
              "|---" * (1 + len(alphas)) + "|"]
    for h in sorted({s["h"] for s in r["sweep"]}):
        row = [s for s in r["sweep"] if s["h"] == h]
        lines.append(f"| {h} | " + " | ".join(f"{s['top1_agreement']:.3f} / {s['kl']:.3f}"
                                              for s in row) + " |")
    return "\n".join(lines) + "\n"


def _plot(r: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for h in sorted({s["h"] for s in r["sweep"]}):
        row = [s for s in r["sweep"] if s["h"] == h]
        axes[0].plot([s["alpha_e"] for s in row], [s["top1_agreement"] for s in row], "o-",
                     label=f"h={h}")
        axes[1].plot([s["alpha_e"] for s in row], [s["kl"] for s in row], "o-", label=f"h={h}")
    axes[0].set(xlabel="alpha_e", ylabel="top-1 agreement", title="Agreement vs plaintext")
    axes[1].set(xlabel="alpha_e", ylabel="KL(plain || obf)", title="KL divergence")
    for ax in axes:
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle("SmolLM2-135M covariant obfuscation: embedding noise sweep")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def register(app: typer.Typer) -> None:  # commands attach to bench_app on import
    return None
