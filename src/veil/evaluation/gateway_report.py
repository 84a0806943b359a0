"""Renders a ``veil eval gateway`` result: ``gateway_eval.json``, ``gateway_eval.md`` and PNGs.

The result dict holds only counts, rates and timings, so everything written here is safe to
publish. Sections missing from the result (e.g. utility with ``--no-utility``) are skipped.
"""

from __future__ import annotations

import contextlib
import json
import math
from pathlib import Path
from typing import Any

METRICS = ("precision", "recall", "f1", "f2", "fpr", "fnr")
COST_LABELS = {
    "veil_ner": "Veil protect+restore (NER)",
    "veil_patterns": "Veil protect+restore (patterns)",
    "presidio": "Presidio analyze+anonymize",
}
BACKEND_LABELS = {
    "veil_patterns": "Veil: patterns",
    "veil_ner": "Veil: patterns + spaCy NER",
    "veil_ner_terms": "Veil: patterns + NER + terms",
    "presidio": "Presidio AnalyzerEngine",
    "llm_guard": "LLM Guard Anonymize",
}


def _f(v: Any, digits: int = 3) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{v:.{digits}f}"


def _detection_md(det: dict[str, Any]) -> list[str]:
    lines = ["## Detection", "",
             f"Samples: {det['samples']}. Term database: {det['term_rules']} names (see docs). "
             "Span-level, type-aware scoring (docs/detection.md); FPR is token-level.", ""]
    for name, why in det.get("skipped", {}).items():
        lines.append(f"- **{BACKEND_LABELS.get(name, name)} not run**: {why}.")
    lines.append("")
    for ds, block in det["quality"].items():
        lines += [f"### Overall, {ds}", "", "| backend | gold | P | R | F1 | F2 | FPR | FNR |",
                  "|---|---|---|---|---|---|---|---|"]
        for name, rep in block.items():
            o = rep["overall"]
            lines.append(f"| {BACKEND_LABELS.get(name, name)} | {o['gold']} | "
                         + " | ".join(_f(o[m]) for m in METRICS) + " |")
        lines.append("")
    comb = det["quality"]["combined"]
    names = list(comb)
    types = sorted({t for rep in comb.values() for t in rep["per_type"]})
    lines += ["### Per entity type (combined data): recall / precision / F2", "",
              "| type | gold | " + " | ".join(BACKEND_LABELS.get(n, n) for n in names) + " |",
              "|---|---|" + "---|" * len(names)]
    for t in types:
        gold = max(comb[n]["per_type"].get(t, {}).get("gold", 0) for n in names)
        cells = []
        for n in names:
            s = comb[n]["per_type"].get(t)
            cells.append("-" if s is None else
                         f"{_f(s['recall'], 2)} / {_f(s['precision'], 2)} / {_f(s['f2'], 2)}")
        lines.append(f"| {t} | {gold} | " + " | ".join(cells) + " |")
    return lines + [""]


def _leakage_md(result: dict[str, Any]) -> list[str]:
    leak = result["leakage"]
    lines = ["## Leakage", "",
             "Share of prompts (with at least one labelled value) in which a labelled value "
             "reaches the upstream verbatim or up to case, spacing and punctuation.", "",
             "| policy | prompts | prompts leaking | prompt leak rate | values | value leak rate |",
             "|---|---|---|---|---|---|"]
    rows = [(f"NER on, {op}", r) for op, r in leak.items()]
    if "leakage_patterns_only" in result:
        rows.append(("patterns only, placeholder", result["leakage_patterns_only"]))
    if "prompts" in result.get("leakage_presidio", {}):
        rows.append(("Presidio analyze+anonymize (defaults)", result["leakage_presidio"]))
    for label, r in rows:
        lines.append(f"| {label} | {r['prompts_with_values']} | {r['prompts_leaking']} | "
                     f"**{_f(r['prompt_leak_rate'])}** | {r['values']} | "
                     f"{_f(r['value_leak_rate'])} |")
    first = next(iter(leak.values()))
    lines += ["", "Value leak rate per type (NER on, placeholder):", "",
              "| type | values | leaked | rate |", "|---|---|---|---|"]
    for t, r in leak.get("placeholder", first)["per_type"].items():
        lines.append(f"| {t} | {r['values']} | {r['leaked']} | {_f(r['leak_rate'])} |")
    return lines + [""]


def _restoration_md(rest: dict[str, Any]) -> list[str]:
    lines = ["## Restoration", "",
             "Every replacement made on the evaluation data, altered as LLMs do, restored by "
             "`Veil.restore`, by `Veil.stream_restorer` (chunks of 1-13 characters) and by exact "
             "string replacement (the baseline). Round trip: the unaltered masked prompt restores "
             "to the original exactly.", "",
             "| operator | cases | Veil | Veil streaming | exact replacement | round trip |",
             "|---|---|---|---|---|---|"]
    for op, r in rest.items():
        lines.append(f"| {op} | {r['cases']} | **{_f(r['success'])}** | "
                     f"{_f(r['stream_success'])} | {_f(r['exact_only_success'])} | "
                     f"{_f(r['round_trip'])} |")
    for op, r in rest.items():
        lines += ["", f"By alteration ({op}):", "",
                  "| alteration | cases | Veil | streaming | exact |", "|---|---|---|---|---|"]
        for kind, k in r["by_kind"].items():
            lines.append(f"| {kind} | {k['cases']} | {_f(k['success'])} | "
                         f"{_f(k['stream_success'])} | {_f(k['exact_only_success'])} |")
    return lines + [""]


def _utility_md(u: dict[str, Any], title: str = "Utility") -> list[str]:
    lines = [f"## {title}", "",
             f"{u['prompts']} task prompts (summarise / reply / list actions over e-mails, "
             f"tickets, clinical notes, chats), {u['model']}, {u['max_new_tokens']} new tokens. "
             f"Cosine similarity of {u['embedder']} embeddings between the answer to the "
             "unmasked prompt and the answer to the masked prompt, restored (what the user sees) "
             "and raw.", "",
             "| operator | mean (restored) | median | min | mean (raw masked answer) |",
             "|---|---|---|---|---|"]
    for op, r in u["operators"].items():
        a, b = r["restored"], r["unrestored"]
        lines.append(f"| {op} | **{_f(a['mean'])}** | {_f(a['median'])} | {_f(a['min'])} | "
                     f"{_f(b['mean'])} |")
    if "different_prompt_floor" in u:
        lines += ["", f"Floor: answers to *different* prompts score "
                      f"{_f(u['different_prompt_floor']['mean'])} on average."]
    return lines + [""]


def _cost_md(c: dict[str, Any]) -> list[str]:
    tools = c["tools"]
    lines = ["## Cost", "",
             "Median milliseconds per prompt (each text timed once). Veil = protect + restore "
             "(vault writes included); Presidio = analyze + anonymize (no restore: it has none).",
             ""]
    for name, why in c.get("skipped", {}).items():
        lines.append(f"- **{BACKEND_LABELS.get(name, name)} not timed**: {why}.")
    has_llm = any("llm_call_ms" in r for r in c["sizes"].values())
    head = "| size (chars) | texts | " + " | ".join(f"{t} ms" for t in tools)
    head += (" | LLM call ms | " + " | ".join(f"{t} % of LLM" for t in tools)) if has_llm else ""
    lines += ["", head + " |", "|---" * (2 + len(tools) * (2 if has_llm else 1) + has_llm) + "|"]
    for size, r in c["sizes"].items():
        row = f"| {size} (~{r['mean_chars']:.0f}) | {r['texts']} | "
        row += " | ".join(_f(r[f"{t}_ms"], 1) for t in tools)
        if has_llm:
            row += f" | {_f(r.get('llm_call_ms'), 0)} | " + " | ".join(
                _f(100 * r[f"{t}_share_of_llm"], 1) if f"{t}_share_of_llm" in r else "n/a"
                for t in tools)
        lines.append(row + " |")
    return lines + [""]


def headline(result: dict[str, Any]) -> list[str]:
    """A few lines that summarise the run (also printed by the CLI)."""
    out: list[str] = []
    comb = result.get("detection", {}).get("quality", {}).get("combined", {})
    for name, rep in comb.items():
        o = rep["overall"]
        out.append(f"detection {name}: P {_f(o['precision'])} R {_f(o['recall'])} "
                   f"F2 {_f(o['f2'])}")
    for op, r in result.get("leakage", {}).items():
        out.append(f"leakage {op}: {_f(r['prompt_leak_rate'])} of prompts")
    for op, r in result.get("restoration", {}).items():
        out.append(f"restoration {op}: {_f(r['success'])} (stream {_f(r['stream_success'])}, "
                   f"exact-only {_f(r['exact_only_success'])})")
    for op, r in result.get("utility", {}).get("operators", {}).items():
        out.append(f"utility {op}: cosine {_f(r['restored']['mean'])}")
    for size, r in result.get("cost", {}).get("sizes", {}).items():
        share = r.get("veil_ner_share_of_llm")
        out.append(f"cost {size} chars: Veil {_f(r['veil_ner_ms'], 1)} ms"
                   + (f" ({_f(100 * share, 1)}% of LLM call)" if share is not None else "")
                   + (f", Presidio {_f(r['presidio_ms'], 1)} ms" if "presidio_ms" in r else ""))
    return out


def markdown(result: dict[str, Any]) -> str:
    cfg = result["config"]
    lines = ["# Gateway mode evaluation", "",
             f"`veil eval gateway` - seeds {cfg['seeds']}, {cfg['n']} detection samples per "
             f"dataset and seed, {cfg['protect_n']} per dataset and seed for leakage/restoration"
             f"{' (quick run)' if cfg.get('quick') else ''}. Machine: {cfg['machine']}. "
             f"Took {result.get('elapsed_s', 0):.0f} s. How to read this: docs/evaluation.md.", "",
             "## Headline", ""] + [f"- {h}" for h in headline(result)] + [""]
    if "detection" in result:
        lines += _detection_md(result["detection"])
    if "leakage" in result:
        lines += _leakage_md(result)
    if "restoration" in result:
        lines += _restoration_md(result["restoration"])
    if "utility" in result:
        lines += _utility_md(result["utility"])
    if "utility_upstream" in result:
        lines += _utility_md(result["utility_upstream"], "Utility on the configured upstream")
    if "cost" in result:
        lines += _cost_md(result["cost"])
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------------
# plots
# -------------------------------------------------------------------------------------------
def _plots(result: dict[str, Any], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []

    def save(fig: Any, name: str, top: float = 1.0) -> None:
        fig.tight_layout(rect=(0, 0, 1, top))
        p = out / name
        fig.savefig(p, dpi=110)
        plt.close(fig)
        written.append(p)

    def num(v: Any) -> float:
        return 0.0 if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)

    if "detection" in result:
        comb = result["detection"]["quality"]["combined"]
        names = list(comb)
        # types with labelled data only (a type only one backend predicts has no recall)
        types = sorted({t for rep in comb.values() for t, s in rep["per_type"].items()
                        if s.get("gold")}) + ["OVERALL"]
        fig, axes = plt.subplots(2, 1, figsize=(max(10, len(types) * 0.9), 8.5))
        w = 0.8 / max(1, len(names))
        for ax, metric in zip(axes, ("recall", "f2"), strict=True):
            for k, n in enumerate(names):
                vals = [num((comb[n]["overall"] if t == "OVERALL" else
                             comb[n]["per_type"].get(t, {})).get(metric)) for t in types]
                ax.bar([i + (k - (len(names) - 1) / 2) * w for i in range(len(types))], vals, w,
                       label=BACKEND_LABELS.get(n, n))
            ax.set_xticks(range(len(types)), types, rotation=45, ha="right", fontsize=8)
            ax.set_ylim(0, 1.05)
            ax.set_ylabel(metric)
            ax.set_title(f"Detection {metric} per entity type (combined data)")
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, fontsize=8, ncol=len(names), loc="upper center")
        save(fig, "detection.png", top=0.95)
    if "leakage" in result:
        leak = dict(result["leakage"])
        labels = [f"NER\n{op}" for op in leak]
        vals = [num(r["prompt_leak_rate"]) for r in leak.values()]
        if "leakage_patterns_only" in result:
            labels.append("patterns only\nplaceholder")
            vals.append(num(result["leakage_patterns_only"]["prompt_leak_rate"]))
        if "prompts" in result.get("leakage_presidio", {}):
            labels.append("Presidio\nanonymize")
            vals.append(num(result["leakage_presidio"]["prompt_leak_rate"]))
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.bar(labels, vals, color="tab:red")
        ax.set_ylabel("share of prompts leaking")
        ax.set_ylim(0, max(0.05, max(vals) * 1.2))
        ax.set_title("Labelled values reaching the upstream (verbatim or trivially)")
        ax.tick_params(axis="x", labelsize=8)
        save(fig, "leakage.png")
    if "restoration" in result:
        rest = result["restoration"]
        ops = list(rest)
        fig, ax = plt.subplots(figsize=(7, 3.5))
        for k, (key, label) in enumerate((("success", "Veil"), ("stream_success", "Veil streaming"),
                                           ("exact_only_success", "exact replacement"))):
            ax.bar([i + (k - 1) * 0.27 for i in range(len(ops))],
                   [num(rest[o][key]) for o in ops], 0.27, label=label)
        ax.set_xticks(range(len(ops)), ops)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("answers restored exactly")
        ax.set_title("Restoration of LLM-altered replacements")
        ax.legend(fontsize=8, loc="lower right")
        save(fig, "restoration.png")
    if "utility" in result:
        u = result["utility"]
        ops = list(u["operators"])
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.bar([i - 0.2 for i in range(len(ops))],
               [u["operators"][o]["restored"]["mean"] for o in ops], 0.4, label="restored answer")
        ax.bar([i + 0.2 for i in range(len(ops))],
               [u["operators"][o]["unrestored"]["mean"] for o in ops], 0.4, label="raw answer")
        if "different_prompt_floor" in u:
            ax.axhline(u["different_prompt_floor"]["mean"], color="grey", ls="--",
                       label="different prompts")
        ax.set_xticks(range(len(ops)), ops)
        ax.set_ylim(0, 1.2)
        ax.set_ylabel("cosine similarity to unmasked answer")
        ax.set_title("Utility (answers to masked vs unmasked prompts)")
        ax.legend(fontsize=8, loc="upper center", ncol=3)
        save(fig, "utility.png")
    if "cost" in result and result["cost"]["sizes"]:
        c = result["cost"]
        sizes = list(c["sizes"])
        fig, ax = plt.subplots(figsize=(7, 4))
        for t in c["tools"]:
            ax.plot(sizes, [c["sizes"][s][f"{t}_ms"] for s in sizes], marker="o",
                    label=COST_LABELS.get(t, t))
        if all("llm_call_ms" in c["sizes"][s] for s in sizes):
            ax.plot(sizes, [c["sizes"][s]["llm_call_ms"] for s in sizes], marker="s", ls="--",
                    color="black", label="SmolLM2 call")
        ax.set_yscale("log")
        ax.set_xlabel("prompt size (characters)")
        ax.set_ylabel("median ms per prompt")
        ax.set_title("Added latency vs an embedded LLM call")
        ax.legend(fontsize=8)
        save(fig, "cost.png")
    return written


def _clean(v: Any) -> Any:
    """JSON-safe copy: NaN (a rate over zero cases) becomes null."""
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_clean(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def write_report(result: dict[str, Any], out: Path, *, plots: bool = True) -> list[Path]:
    """Write JSON, markdown and (if matplotlib is installed) PNGs into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "gateway_eval.json", out / "gateway_eval.md"]
    paths[0].write_text(json.dumps(_clean(result), indent=2, allow_nan=False) + "\n",
                        encoding="utf-8")
    paths[1].write_text(markdown(result), encoding="utf-8")
    if plots:
        with contextlib.suppress(ImportError):  # no eval extra (matplotlib): no pictures
            paths += _plots(result, out)
    return paths
