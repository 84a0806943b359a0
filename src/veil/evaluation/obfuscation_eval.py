"""Privacy-utility sweep of obfuscated mode: token recovery per attack against top-1
next-token agreement and KL vs the plaintext model, on held-out text with PII labels.

Each :class:`Setting` builds a host model either with the attack-side reference
(:func:`veil.evaluation.attacks.obfuscation.simulate_obfuscation`: the paper's noise-only
defence, the ISA ablation, PII-aware and rarity-shaped noise) or with Veil's engine
(:func:`veil.obfuscation.obfuscate`, every transform). Two further directions are measured:

* repair after noise (:func:`veil.obfuscation.repair.repair`): large embedding noise, then the
  client distils the first decoder layer(s) so the residual stream matches the plaintext model's
  on public text (standard-library docstrings and Faker sentences of other seeds; disjoint from
  the held-out text). The repaired layers feed the VMA products, so attacks run after repair.
* sensitivity-shaped noise: the same total noise energy as isotropic noise, spread over embedding
  directions in inverse proportion to the square root of the plaintext model's input Fisher
  information on public text (more noise where the output does not care).

Results go to ``<out>/results.json``, ``results.md`` and ``frontier.png``.
Nothing written contains text: only rates, counts and settings.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from veil.evaluation.attacks import AttackContext, build_attack, build_attacks
from veil.evaluation.attacks.obfuscation import (
    Attack,
    HostView,
    InternalStateInversion,
    PublicKnowledge,
    SimulatedDefence,
    score_recovery,
    simulate_obfuscation,
)
from veil.evaluation.attacks.obfuscation.pii import (
    LabelledText,
    fake_sentences,
    labelled_text,
    pii_token_set,
)
from veil.evaluation.attacks.obfuscation.weights import vocab_size


@dataclass
class Setting:
    """One point of the sweep. ``engine=True`` uses veil.obfuscation with ``engine_kw``."""

    name: str
    family: str
    alpha_e: float = 0.0
    alpha_h: float = 0.0
    engine: bool = False
    engine_kw: dict[str, Any] = field(default_factory=dict)
    orthogonal_key: bool = False
    ffn_permute: bool = False
    head_permute: bool = False
    pii_noise_boost: float = 1.0  # PII-aware: noise multiplier on PII-token rows
    rare_noise: bool = False  # rarity-shaped: noise grows with a token's public-corpus rarity
    gateway_mask: bool = False  # compose with gateway masking: PII spans never reach the host
    sensitivity_noise: bool = False  # embedding noise shaped by the input Fisher information
    repair_steps: int = 0  # client-side distillation steps after noise (0: no repair)
    repair_layer: int = 1  # distil the residual stream after this many layers (they train)
    repair_lr: float = 3e-4
    seed: int = 0


def paper_frontier(alphas: Sequence[float], alpha_h: float) -> list[Setting]:
    return [Setting(f"noise a_e={a}", "paper noise-only", alpha_e=a, alpha_h=alpha_h)
            for a in alphas]


def isa_ablation(alpha_e: float, alpha_h: float) -> list[Setting]:
    return [
        Setting("ISA: noise only", "ISA ablation", alpha_e=alpha_e, alpha_h=alpha_h),
        Setting("ISA: + key matrices", "ISA ablation", alpha_e=alpha_e, alpha_h=alpha_h,
                orthogonal_key=True, ffn_permute=True),
        Setting("ISA: + head perms", "ISA ablation", alpha_e=alpha_e, alpha_h=alpha_h,
                orthogonal_key=True, ffn_permute=True, head_permute=True),
        # Block permutation of RoPE pairs exists only in the engine.
        Setting("ISA: + head/block perms (engine, h=0)", "ISA ablation", alpha_e=alpha_e,
                alpha_h=alpha_h, engine=True, engine_kw={"h": 0, "lam": 0.0}),
    ]


def repair_settings(alphas: Sequence[float], steps: int, *, sensitivity: bool = False,
                    ) -> list[Setting]:
    """Noise, the exact keys (orthogonal key, FFN and head permutations), then repair."""
    tag = "sensitivity-shaped + " if sensitivity else ""
    return [Setting(f"{tag}repair a_e={a} ({steps} steps)", "repair after noise", alpha_e=a,
                    orthogonal_key=True, ffn_permute=True, head_permute=True,
                    sensitivity_noise=sensitivity, repair_steps=steps) for a in alphas]


def sensitivity_settings(alphas: Sequence[float]) -> list[Setting]:
    return [Setting(f"sensitivity-shaped a_e={a}", "sensitivity-shaped noise", alpha_e=a,
                    orthogonal_key=True, ffn_permute=True, head_permute=True,
                    sensitivity_noise=True) for a in alphas]


def default_settings(quick: bool, *, alphas: Sequence[float] | None = None,
                     repair_steps: int = 120) -> list[Setting]:
    """The sweep; ``alphas`` overrides the noise levels of the paper's noise-only frontier."""
    if alphas is None:
        alphas = [0.1, 0.3, 1.0] if quick else [0.1, 0.2, 0.3, 0.5, 1.0]
    s = paper_frontier(alphas, alpha_h=0.0)
    s += isa_ablation(0.1, 0.0)
    boosts = [(0.1, 4.0)] if quick else [(0.1, 4.0), (0.1, 8.0), (0.2, 6.0)]
    s += [Setting(f"PII-aware a_e={a} x{b}", "PII-aware noise", alpha_e=a, pii_noise_boost=b)
          for a, b in boosts]
    s += [Setting(f"rarity-shaped a_e={a}", "rarity-shaped noise", alpha_e=a, rare_noise=True)
          for a in ([0.2] if quick else [0.1, 0.2, 0.3])]
    s += [Setting(f"gateway mask + noise a_e={a}", "gateway masking + noise", alpha_e=a,
                  gateway_mask=True) for a in ([0.1] if quick else [0.1, 0.2])]
    s += [Setting(f"veil engine a_e={a}", "veil engine (all transforms)", alpha_e=a, alpha_h=0.0,
                  engine=True) for a in ([0.1] if quick else [0.05, 0.1, 0.2])]
    s += sensitivity_settings([0.5, 1.0] if quick else [0.3, 0.5, 1.0, 2.0])
    s += repair_settings([0.5, 1.0] if quick else [0.3, 0.5, 1.0], repair_steps)
    s += repair_settings([1.0], repair_steps, sensitivity=True)
    return s


# ----------------------------------------------------------------------------------------------
@dataclass
class EvalData:
    blocks: torch.Tensor  # (B, L) plaintext ids of held-out text, concatenated sentences
    pii: np.ndarray  # (B, L) bool
    masked_blocks: torch.Tensor  # same text after gateway masking (PII spans -> placeholders)
    corpus: list[torch.Tensor]
    pii_tokens: np.ndarray
    token_freq: np.ndarray  # public-corpus counts per vocab id
    #: public text for client-side repair and Fisher estimates (plaintext ids), disjoint from both
    #: the held-out text and the attacker's corpus
    repair_corpus: list[torch.Tensor] = field(default_factory=list)


def _blocks(text: LabelledText, length: int, n_blocks: int) -> tuple[torch.Tensor, np.ndarray]:
    ids = np.concatenate(text.ids)
    pii = np.concatenate(text.pii)
    n = min(n_blocks, len(ids) // length)
    return (torch.from_numpy(ids[: n * length].reshape(n, length)),
            pii[: n * length].reshape(n, length))


def _gateway_masked(text: LabelledText, tokenizer: Any) -> LabelledText:
    """Replace every PII run by the ids of a placeholder, as the gateway would before forwarding."""
    ph = np.asarray(tokenizer(" <PII>", add_special_tokens=False)["input_ids"], dtype=np.int64)
    ids, pii = [], []
    for seq, mask in zip(text.ids, text.pii, strict=True):
        out, i = [], 0
        while i < len(seq):
            if mask[i]:
                while i < len(seq) and mask[i]:
                    i += 1
                out.extend(ph.tolist())
            else:
                out.append(int(seq[i]))
                i += 1
        ids.append(np.asarray(out, dtype=np.int64))
        pii.append(np.zeros(len(out), dtype=bool))
    return LabelledText(ids=ids, pii=pii)


def repair_corpus(tokenizer: Any, *, sentences: int = 300, seed: int = 21) -> list[torch.Tensor]:
    """Public text for repair: standard-library docstrings plus Faker sentences of another seed."""
    from veil.obfuscation.corpus import repair_texts

    texts = repair_texts() + [t for t, _ in fake_sentences(sentences, seed=seed)]
    return [torch.tensor(tokenizer(t, add_special_tokens=False)["input_ids"], dtype=torch.long)
            for t in texts]


def build_data(tokenizer: Any, vocab: int, *, n_sentences: int, block_len: int, n_blocks: int,
               corpus_sentences: int, repair_text: bool = False) -> EvalData:
    held = labelled_text(tokenizer, n_sentences, seed=11)
    blocks, pii = _blocks(held, block_len, n_blocks)
    masked, _ = _blocks(_gateway_masked(held, tokenizer), block_len, n_blocks)
    corpus_text = labelled_text(tokenizer, corpus_sentences, seed=12)
    corpus = [torch.from_numpy(x) for x in corpus_text.ids]
    freq = np.bincount(np.concatenate(corpus_text.ids), minlength=vocab)
    return EvalData(blocks=blocks, pii=pii, masked_blocks=masked, corpus=corpus,
                    pii_tokens=pii_token_set(tokenizer), token_freq=freq,
                    repair_corpus=repair_corpus(tokenizer) if repair_text else [])


# ----------------------------------------------------------------------------------------------
@torch.no_grad()
def utility(plain_logits: torch.Tensor, host: torch.nn.Module, tau: torch.Tensor,
            blocks: torch.Tensor, *, batch: int = 4) -> tuple[float, float]:
    """(top-1 agreement, mean KL(plain || obfuscated)) over every position of ``blocks``."""
    agree, kl, n = 0.0, 0.0, 0
    for s in range(0, len(blocks), batch):
        ids = blocks[s : s + batch]
        logits = host(input_ids=tau[ids]).logits.float()[..., tau]
        ref = plain_logits[s : s + batch]
        agree += float((logits.argmax(-1) == ref.argmax(-1)).sum())
        lp, lq = torch.log_softmax(ref, -1), torch.log_softmax(logits, -1)
        kl += float((lp.exp() * (lp - lq)).sum())
        n += ids.numel()
    return agree / n, kl / n


@torch.no_grad()
def plain_logits(model: torch.nn.Module, blocks: torch.Tensor, *, batch: int = 4) -> torch.Tensor:
    return torch.cat([model(input_ids=blocks[s : s + batch]).logits.float()
                      for s in range(0, len(blocks), batch)])


def noise_scales(setting: Setting, data: EvalData, vocab: int) -> torch.Tensor | None:
    if setting.pii_noise_boost != 1.0:
        s = torch.ones(vocab, dtype=torch.float64)
        s[torch.from_numpy(data.pii_tokens)] = setting.pii_noise_boost
        return s
    if setting.rare_noise:
        # 1 for tokens frequent in public text, up to 3x for tokens never seen there; rare tokens
        # are what identifies a person and matter least to the average next-token prediction.
        f = torch.from_numpy(data.token_freq).double()
        return 1.0 + 2.0 / (1.0 + torch.log1p(f))
    return None


def input_fisher(model: Any, public_ids: Sequence[torch.Tensor], *, batches: int = 3,
                 batch: int = 8, seq_len: int = 32, seed: int = 0) -> torch.Tensor:
    """(d, d) empirical Fisher information of the input embedding, E[g g^T], with g the gradient of
    the next-token loss on public text w.r.t. one position's input embedding."""
    stream = torch.cat([t.reshape(-1) for t in public_ids])
    if stream.numel() <= seq_len + 1:
        raise ValueError("input_fisher needs more public text than one window")
    g = torch.Generator().manual_seed(seed)
    emb = model.get_input_embeddings()
    flags = [p.requires_grad for p in model.parameters()]
    for p in model.parameters():
        p.requires_grad_(False)
    d = int(emb.weight.shape[1])
    fisher = torch.zeros(d, d, dtype=torch.float64)
    n = 0
    try:
        for _ in range(batches):
            start = torch.randint(0, stream.numel() - seq_len - 1, (batch,), generator=g)
            x = stream[start[:, None] + torch.arange(seq_len + 1)]
            e = emb(x[:, :-1]).detach().requires_grad_(True)
            logits = model(inputs_embeds=e, use_cache=False).logits
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                                     x[:, 1:].reshape(-1), reduction="sum")
            (grad,) = torch.autograd.grad(loss, e)
            gr = grad.reshape(-1, d).double()
            fisher += gr.T @ gr
            n += gr.shape[0]
    finally:
        for p, f in zip(model.parameters(), flags, strict=True):
            p.requires_grad_(f)
    return fisher / max(n, 1)


def sensitivity_directions(fisher: torch.Tensor, *, max_ratio: float = 16.0,
                           ) -> tuple[torch.Tensor, torch.Tensor]:
    """Eigenvectors (columns) of the Fisher matrix and per-direction noise variances: inversely
    proportional to the square root of the Fisher eigenvalue, clipped to ``[1/max_ratio,
    max_ratio]`` and normalized to mean 1 (the same total noise energy as isotropic noise)."""
    f, v = torch.linalg.eigh(fisher.double())
    f = f.clamp_min(f.max() * 1e-12)
    var = (f / f.mean()).rsqrt().clamp(1.0 / max_ratio, max_ratio)
    return v, var / var.mean()


_FISHER: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}


@torch.no_grad()
def shaped_noise_model(model: Any, alpha: float, data: EvalData, *, seed: int,
                       ) -> torch.nn.Module:
    """A copy of ``model`` (untied head) whose embedding carries sensitivity-shaped noise of the
    same total energy as ``alpha * std(W_e) * N(0, 1)``."""
    import copy

    if id(model) not in _FISHER:
        if not data.repair_corpus:
            raise ValueError("sensitivity-shaped noise needs EvalData.repair_corpus (public text)")
        with torch.enable_grad():
            _FISHER[id(model)] = sensitivity_directions(input_fisher(model, data.repair_corpus))
    v, var = _FISHER[id(model)]
    m = copy.deepcopy(model)
    head = m.get_output_embeddings()
    head.weight = torch.nn.Parameter(head.weight.detach().clone())
    m.config.tie_word_embeddings = False
    w = m.get_input_embeddings().weight
    z = torch.randn(w.shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    noise = (z * var.sqrt()[None, :]) @ v.T
    w.copy_((w.double() + alpha * w.double().std() * noise).to(w.dtype))
    return m


def client_decode(model: torch.nn.Module, host: torch.nn.Module, tau: torch.Tensor) -> torch.Tensor:
    """The client's inverse residual key (d x d) for a simulated orthogonal key: the client made the
    key; SimulatedDefence does not return it, so it is recovered exactly from the noise-free head
    (Procrustes: host head rows tau[i] = plaintext head row i @ P)."""
    from veil.evaluation.attacks.obfuscation.weights import ModelWeights

    pub = ModelWeights(model).head().double()  # type: ignore[arg-type]
    obs = ModelWeights(host).head().double()[tau]  # type: ignore[arg-type]
    u, _, vt = torch.linalg.svd(pub.T @ obs)
    return (u @ vt).T.float()


def repair_host(model: torch.nn.Module, host: torch.nn.Module, tau: torch.Tensor, setting: Setting,
                data: EvalData, *, progress: Callable[[int, int, float], None] | None = None,
                ) -> dict[str, Any]:
    """Client-side repair of ``host`` in place; returns its settings, losses and CPU seconds."""
    from veil.obfuscation.repair import repair

    if not data.repair_corpus:
        raise ValueError("repair needs EvalData.repair_corpus (public text)")
    losses: list[float] = []

    def step(i: int, n: int, loss: float) -> None:
        losses.append(loss)
        if progress is not None:
            progress(i, n, loss)

    t, c = time.time(), time.process_time()
    repair(host, model, tau, data.repair_corpus, steps=setting.repair_steps,  # type: ignore[arg-type]
           lr=setting.repair_lr, batch=8, seq_len=32, target_layer=setting.repair_layer,
           decode=client_decode(model, host, tau), seed=setting.seed, progress=step)
    head = losses[: max(1, len(losses) // 10)]
    tail = losses[-max(1, len(losses) // 10):]
    return {"steps": setting.repair_steps, "layer": setting.repair_layer, "lr": setting.repair_lr,
            "batch": 8, "seq_len": 32, "wall_seconds": time.time() - t,
            "cpu_seconds": time.process_time() - c,
            "public_tokens": int(sum(x.numel() for x in data.repair_corpus)),
            "loss_first": float(np.mean(head)), "loss_last": float(np.mean(tail))}


def build_host(model: torch.nn.Module, setting: Setting, data: EvalData,
               ) -> tuple[torch.nn.Module, torch.Tensor]:
    """The host model of ``setting`` (before any repair, see :func:`repair_host`) and tau."""
    vocab = vocab_size(model)
    if setting.engine:
        from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate

        cfg = ObfuscationConfig(mode="custom", alpha_e=setting.alpha_e, alpha_h=setting.alpha_h,
                                **setting.engine_kw)
        key = generate_key(cfg, vocab, seed=setting.seed + 1)
        calib = data.corpus[0].tolist() + [t for c in data.corpus[1:40] for t in c.tolist()]
        host = obfuscate(model, cfg, key=key, calibration_ids=calib)  # type: ignore[arg-type]
        host.eval()
        return host, torch.as_tensor(np.asarray(key.tau), dtype=torch.long)
    scale = noise_scales(setting, data, vocab)
    alpha_e = setting.alpha_e
    if setting.sensitivity_noise:
        model = shaped_noise_model(model, alpha_e, data, seed=setting.seed + 101)
        alpha_e = 0.0
    d = SimulatedDefence(alpha_e=alpha_e, alpha_h=setting.alpha_h,
                         orthogonal_key=setting.orthogonal_key, ffn_permute=setting.ffn_permute,
                         head_permute=setting.head_permute, seed=setting.seed + 1,
                         embed_noise_scale=scale,
                         head_noise_scale=scale if setting.alpha_h else None)
    return simulate_obfuscation(model, d)  # type: ignore[arg-type]


def default_attacks(*, quick: bool, cache_dir: Path | None) -> list[Attack]:
    """The obfuscation attacks registered to run by default (see
    :mod:`veil.evaluation.attacks.obfuscation`), in registration order."""
    return build_attacks("obfuscation", AttackContext(quick=quick, cache_dir=cache_dir))


def run_sweep(model: torch.nn.Module, tokenizer: Any, settings: Sequence[Setting], *,
              attacks: Sequence[Attack], data: EvalData, isa_sequences: int = 2,
              learned: bool = False, cache_dir: Path | None = None,
              progress: Callable[[str], None] | None = None,
              on_row: Callable[[list[dict[str, Any]]], None] | None = None,
              repair_progress: Callable[[int, int, float], None] | None = None,
              ) -> list[dict[str, Any]]:
    """Build each setting's host model, measure utility, run every attack. ``learned`` adds the
    learned inversion, trained for each setting's published noise levels."""
    say = progress or (lambda _m: None)
    public = PublicKnowledge(model=model, tokenizer=tokenizer, corpus=data.corpus)  # type: ignore[arg-type]
    ref = {False: plain_logits(model, data.blocks), True: plain_logits(model, data.masked_blocks)}
    rows: list[dict[str, Any]] = []
    for st in settings:
        t0 = time.time()
        say(f"{st.name}: building host model")
        try:
            host, tau = build_host(model, st, data)
        except ImportError:
            say(f"{st.name}: veil.obfuscation not available, skipped")
            continue
        blocks = data.masked_blocks if st.gateway_mask else data.blocks
        repaired: dict[str, Any] = {}
        if st.repair_steps:
            top1, kl = utility(ref[st.gateway_mask], host, tau, blocks)
            say(f"{st.name}: repair ({st.repair_steps} steps)")
            repaired = repair_host(model, host, tau, st, data, progress=repair_progress)
            repaired |= {"top1_before": top1, "kl_before": kl}
        top1, kl = utility(ref[st.gateway_mask], host, tau, blocks)
        observed = [tau[b] for b in blocks]
        masks = ([np.zeros(blocks.shape[1], bool) for _ in blocks] if st.gateway_mask
                 else list(data.pii))
        row: dict[str, Any] = {"setting": asdict(st), "top1_agreement": top1, "kl": kl,
                               "attacks": {}}
        if repaired:
            row["repair"] = repaired
        per_setting = list(attacks)
        if learned:  # trained on this setting's published noise levels
            ima: Attack = build_attack("obfuscation", "ima", AttackContext(
                alpha_e=st.alpha_e, alpha_h=st.alpha_h, cache_dir=cache_dir))
            per_setting.append(ima)
        for a in per_setting:
            say(f"{st.name}: {a.name}")
            # ISA optimises per position: a few short sequences keep it affordable
            cut = a.max_len if isinstance(a, InternalStateInversion) else None
            obs = observed if cut is None else [o[:cut] for o in observed[:isa_sequences]]
            pm = masks if cut is None else [m[:cut] for m in masks[:isa_sequences]]
            t = time.time()
            out = a.run(HostView(model=host, observed=obs), public)  # type: ignore[arg-type]
            sc = score_recovery(a.name, out, obs, tau, pii_masks=pm, seconds=time.time() - t)
            if st.gateway_mask:  # PII never reached the host: nothing of it can be recovered
                sc.pii_recovery = 0.0
                sc.note = "PII spans masked by the gateway before obfuscation"
            row["attacks"][a.name] = sc.as_dict() | {"info": out.info}
        row["seconds"] = time.time() - t0
        rows.append(row)
        if on_row is not None:  # e.g. write partial results: a long sweep can be cut short
            on_row(rows)
        del host
    return rows


# ----------------------------------------------------------------------------------------------
def write_report(rows: list[dict[str, Any]], out_dir: Path, meta: dict[str, Any]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = meta | {"python": platform.python_version(), "torch": torch.__version__}
    (out_dir / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2,
                                                     default=str), encoding="utf-8")
    names: list[str] = []  # union over rows, in first-seen order (runs may differ in attacks)
    for r in rows:
        names += [n for n in r["attacks"] if n not in names]
    lines = [
        "# Obfuscated mode: privacy-utility frontier (SmolLM2-135M)", "",
        f"Held-out text: {meta.get('tokens', '?')} tokens ({meta.get('pii_tokens', '?')} PII "
        "tokens); token recovery in % of token occurrences, PII recovery in brackets. "
        "Goal (where obfuscation is worth its cost: the host recovers almost nothing while the "
        "model still agrees with plaintext): VMA <= 5% and ISA <= 1% at top-1 >= 0.85.", "",
        "| setting | family | top-1 | KL | " + " | ".join(names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for r in rows:
        cells = []
        for n in names:
            a = r["attacks"].get(n)
            if a is None:
                cells.append("-")
                continue
            if not a["applicable"]:
                cells.append("n/a")
                continue
            pii = "" if a["pii_recovery"] is None else f" ({100 * a['pii_recovery']:.1f})"
            cells.append(f"{100 * a['token_recovery']:.1f}{pii}")
        s = r["setting"]
        lines.append(f"| {s['name']} | {s['family']} | {r['top1_agreement']:.3f} | "
                     f"{r['kl']:.3f} | " + " | ".join(cells) + " |")
    fixed = [r for r in rows if r.get("repair")]
    if fixed:
        lines += ["", "Repair after noise (client side, before shipping; CPU s of the repair):",
                  "", "| setting | steps | layers | top-1 before | KL before | top-1 after "
                  "| KL after | loss first -> last | CPU s | wall s |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for r in fixed:
            p = r["repair"]
            lines.append(f"| {r['setting']['name']} | {p['steps']} | {p['layer']} | "
                         f"{p['top1_before']:.3f} | {p['kl_before']:.3f} | "
                         f"{r['top1_agreement']:.3f} | {r['kl']:.3f} | "
                         f"{p['loss_first']:.3f} -> {p['loss_last']:.3f} | "
                         f"{p['cpu_seconds']:.0f} | {p['wall_seconds']:.0f} |")
    lines += ["", "Settings: " + json.dumps({k: v for k, v in meta.items() if k != "rows"}), ""]
    (out_dir / "results.md").write_text("\n".join(lines), encoding="utf-8")
    _plot(rows, out_dir / "frontier.png")
    return [out_dir / "results.json", out_dir / "results.md", out_dir / "frontier.png"]


#: Reference frontier of the paper's noise-only defence against single-product VMA, as
#: (top-1, % recovered): plotted so each run shows whether our attack is at least as strong.
_REFERENCE = [(0.87, 91.0), (0.70, 21.0), (0.37, 4.8), (0.10, 0.6)]


def _plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(13, 5))
    panels = [("vma_vote", "VMA (voting)"), ("isa_hidden", "ISA (hidden states)")]
    families = sorted({r["setting"]["family"] for r in rows})
    markers = "osD^v<>px*"
    for ax, (attack, title) in zip(axes, panels, strict=True):
        for fi, fam in enumerate(families):
            pts = [(r["top1_agreement"], 100 * r["attacks"][attack]["token_recovery"])
                   for r in rows if r["setting"]["family"] == fam and attack in r["attacks"]
                   and r["attacks"][attack]["applicable"]]
            if pts:
                xs, ys = zip(*sorted(pts), strict=True)
                ax.plot(xs, ys, marker=markers[fi % len(markers)], label=fam)
        if attack == "vma_vote":
            for fam in sorted({r["setting"]["family"] for r in rows}):
                if not fam.startswith("paper noise-only"):
                    continue
                single = [(r["top1_agreement"], 100 * r["attacks"]["vma_single"]["token_recovery"])
                          for r in rows if r["setting"]["family"] == fam
                          and "vma_single" in r["attacks"]]
                if single:
                    xs, ys = zip(*sorted(single), strict=True)
                    ax.plot(xs, ys, "--", marker=".", label=f"{fam}: single-product VMA")
            rx, ry = zip(*_REFERENCE, strict=True)
            ax.plot(rx, ry, "r:", marker="x", label="reference (single-product VMA)")
        goal = 5.0 if attack == "vma_vote" else 1.0
        ax.fill_between([0.85, 1.02], 0, goal, color="green", alpha=0.12, label="goal")
        ax.axvline(0.85, color="green", ls=":", lw=1)
        ax.set_xlabel("top-1 next-token agreement with plaintext")
        ax.set_ylabel("tokens recovered (%)")
        ax.set_yscale("symlog", linthresh=1.0)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 105)
        ax.set_title(title + " (goal: green box)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def merge_results(paths: Sequence[Path]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows and meta of several results.json files (runs of different setting families)."""
    rows: list[dict[str, Any]] = []
    meta: dict[str, Any] = {}
    for p in paths:
        doc = json.loads(Path(p).read_text(encoding="utf-8"))
        rows += doc["rows"]
        meta = meta or doc["meta"]
    return rows, meta
