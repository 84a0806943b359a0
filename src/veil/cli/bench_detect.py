"""``veil bench detect``: detection quality and speed, Veil vs Presidio, same data, same run.

Writes ``detect.json``, ``detect.md`` and ``detect.png`` under ``--out``. Texts and detected values
never appear in the output or the progress bar: only counts, scores and timings.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app

#: Structured types: a validator (checksum, format) makes near-perfect recall reachable, so their
#: recall target is >= 0.99.
STRUCTURED = ("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS")
DEFAULT_OUT = Path("benchmarks/results/detect")


def register(app: typer.Typer) -> None:
    """Discovery hook; the command attaches itself to ``bench_app`` on import."""


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=False)


def _run_detector(name: str, fn: Any, texts: list[str], progress: Any) -> list[Any]:
    task = progress.add_task(f"{name}", total=len(texts))
    out = []
    for t in texts:
        out.append(fn(t))
        progress.advance(task)
    return out


def _median_ms(fn: Any, texts: list[str], repeats: int = 1) -> float:
    times = []
    for _ in range(repeats):
        for t in texts:
            t0 = time.perf_counter()
            fn(t)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _terms_benchmark(texts: list[str], n_terms: int = 10_000) -> dict[str, float]:
    from faker import Faker

    from veil.config import TermRule
    from veil.detect.terms import TermDatabase

    fk = Faker("en_US")
    fk.seed_instance(7)
    rules = [TermRule(term=f"{fk.last_name()} {fk.word()} {i}", type="CUSTOMER")
             for i in range(n_terms)]
    t0 = time.perf_counter()
    db = TermDatabase(rules)
    db.analyze("warm up")  # builds the automaton
    build_ms = (time.perf_counter() - t0) * 1000
    return {"terms": n_terms, "build_ms": build_ms,
            "median_match_ms_per_1kb": _median_ms(db.analyze, texts, repeats=3)}


def _plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    veil = result["quality"]["combined"]["veil"]["per_type"]
    pres = result["quality"]["combined"].get("presidio", {}).get("per_type", {})
    types = sorted(veil)
    x = range(len(types))
    fig, axes = plt.subplots(1, 3, figsize=(17, 5), gridspec_kw={"width_ratios": [3, 3, 1]})
    for ax, metric in zip(axes[:2], ("recall", "f2"), strict=True):
        w = 0.4
        ax.bar([i - w / 2 for i in x], [veil[t][metric] for t in types], w, label="Veil")
        if pres:
            ax.bar([i + w / 2 for i in x], [pres.get(t, {}).get(metric, 0) or 0 for t in types],
                   w, label="Presidio")
        ax.set_xticks(list(x), types, rotation=60, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{metric} per type (combined data)")
        ax.legend()
    tm = result["timing"]
    names = ["Veil"] + (["Presidio"] if "presidio_median_ms" in tm else [])
    vals = [tm["veil_median_ms"]] + ([tm["presidio_median_ms"]] if len(names) > 1 else [])
    axes[2].bar(names, vals, color=["tab:blue", "tab:orange"][: len(names)])
    axes[2].set_title("median ms per ~1 KB text\n(NER on)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt(v: float) -> str:
    return "n/a" if v != v else f"{v:.3f}"


def _markdown(result: dict[str, Any]) -> str:
    lines = ["# Detection benchmark: Veil vs Presidio", "",
             f"Data: PresidioSentenceFaker + Veil hard set, {result['config']['n']} samples each "
             f"per seed, seeds {result['config']['seeds']} (tuning used other seeds).",
             "Span-level, type-aware scoring; overlap rule in docs/detection.md.", ""]
    for ds, block in result["quality"].items():
        lines += [f"## {ds}", "", "| type | gold | Veil P | Veil R | Veil F2 | Presidio P | "
                  "Presidio R | Presidio F2 |", "|---|---|---|---|---|---|---|---|"]
        v = block["veil"]
        p = block.get("presidio")
        for t in sorted(v["per_type"]):
            a = v["per_type"][t]
            b = p["per_type"].get(t, {}) if p else {}
            lines.append(f"| {t} | {a['gold']} | {_fmt(a['precision'])} | {_fmt(a['recall'])} | "
                         f"{_fmt(a['f2'])} | {_fmt(b.get('precision', float('nan')))} | "
                         f"{_fmt(b.get('recall', float('nan')))} | "
                         f"{_fmt(b.get('f2', float('nan')))} |")
        a = v["overall"]
        b = p["overall"] if p else {}
        lines.append(f"| **overall** | {a['gold']} | {_fmt(a['precision'])} | {_fmt(a['recall'])}"
                     f" | **{_fmt(a['f2'])}** | {_fmt(b.get('precision', float('nan')))} | "
                     f"{_fmt(b.get('recall', float('nan')))} | "
                     f"**{_fmt(b.get('f2', float('nan')))}** |")
        lines.append("")
    tm = result["timing"]
    lines += ["## Speed (median analyze time, ~1 KB texts, NER on, one text per call)", "",
              f"- Veil: {tm['veil_median_ms']:.1f} ms (NER cache off)"]
    if "presidio_median_ms" in tm:
        lines += [f"- Presidio AnalyzerEngine: {tm['presidio_median_ms']:.1f} ms",
                  f"- speed-up: **{tm['speedup']:.1f}x**"]
    if "veil_resent_median_ms" in tm:
        lines.append(f"- Veil, the same texts re-sent (chat history; NER cache on): "
                     f"{tm['veil_resent_median_ms']:.1f} ms")
    tb = result["terms"]
    lines += ["", f"Term database: {tb['terms']} terms compiled in {tb['build_ms']:.0f} ms; "
              f"matching a ~1 KB text takes {tb['median_match_ms_per_1kb']:.3f} ms (median).", "",
              "## Targets", ""]
    for k, ok in result["targets"].items():
        lines.append(f"- {'PASS' if ok else 'FAIL'}: {k}")
    lines += ["", f"Machine: {result['config']['machine']}", ""]
    return "\n".join(lines)


def _multilingual(langs: list[str], n: int, seed_list: list[int], out: Path,
                  presidio: bool) -> None:
    """Per-language corpora (veil.evaluation.multilingual), Veil and Presidio side by side."""
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.evaluation.datasets import Span
    from veil.evaluation.detection import presidio_detector, score, veil_detector
    from veil.evaluation.multilingual import (
        STRUCTURED as ML_STRUCTURED,
    )
    from veil.evaluation.multilingual import (
        multilingual_samples,
        no_pii_samples,
        partly_masked,
    )

    engine = DetectionEngine(Policy())
    detectors = {"veil": veil_detector(engine)}
    if presidio:
        detectors["presidio"] = presidio_detector()
    result: dict[str, Any] = {"config": {"langs": langs, "n": n, "seeds": seed_list,
                                         "machine": f"{platform.machine()}, {os.cpu_count()} "
                                                    f"CPUs, Python {platform.python_version()}"},
                              "languages": {}}
    with _progress() as progress:
        for lang in langs:
            data = [s for sd in seed_list for s in multilingual_samples(lang, n, sd)]
            clean = no_pii_samples(lang)
            block: dict[str, Any] = {"samples": len(data), "no_pii_prompts": len(clean)}
            for name, raw_fn in detectors.items():
                raw_fn("warm up")

                def fn(text: str, _f: Any = raw_fn) -> list[Any]:
                    # a date of birth is a date: both count for the DATE_TIME gold
                    return [Span("DATE_TIME", p.start, p.end) if p.type == "DATE_OF_BIRTH"
                            else p for p in _f(text)]

                preds = _run_detector(f"{name}: {lang}", fn, [s.text for s in data], progress)
                clean_preds = [fn(s.text) for s in clean]
                rep = score(data, preds)
                structured = rep.subset(ML_STRUCTURED)
                person = rep.per_type.get("PERSON")
                block[name] = {
                    "structured_recall": structured.recall,
                    "structured_gold": structured.gold,
                    "partly_masked": sum(partly_masked(s, p, ML_STRUCTURED)
                                         for s, p in zip(data, preds, strict=True)),
                    "person_recall": person.recall if person else float("nan"),
                    "person_precision": person.precision if person else float("nan"),
                    "no_pii_flagged": sum(bool(p) for p in clean_preds),
                    "per_type": {t: ts.as_dict() for t, ts in sorted(rep.per_type.items())},
                }
            result["languages"][lang] = block
    out.mkdir(parents=True, exist_ok=True)
    (out / "multilingual.json").write_text(json.dumps(result, indent=2, default=float) + "\n")
    lines = ["# Multilingual detection: Veil vs Presidio", "",
             f"Corpora: veil.evaluation.multilingual, {n} prompts per language and seed, seeds "
             f"{seed_list}; plus each language's 15 prompts without PII. Presidio: default "
             "AnalyzerEngine offline (English spaCy model; `language=\"en\"`, as no zh/fr/de/es "
             "model installs offline).", "",
             "| lang | detector | structured recall | partly masked | PERSON R | PERSON P | "
             "no-PII prompts flagged |", "|---|---|---|---|---|---|---|"]
    for lang, block in result["languages"].items():
        for name in detectors:
            b = block[name]
            lines.append(f"| {lang} | {name} | {_fmt(b['structured_recall'])} "
                         f"({b['structured_gold']}) | {b['partly_masked']} | "
                         f"{_fmt(b['person_recall'])} | {_fmt(b['person_precision'])} | "
                         f"{b['no_pii_flagged']}/{block['no_pii_prompts']} |")
    lines += ["", "Per type (Veil recall):", ""]
    for lang, block in result["languages"].items():
        per = block["veil"]["per_type"]
        lines.append(f"- {lang}: " + ", ".join(
            f"{t} {_fmt(v['recall'])}" for t, v in per.items() if v["gold"]))
    lines += ["", f"Machine: {result['config']['machine']}", ""]
    (out / "multilingual.md").write_text("\n".join(lines))
    _plot_multilingual(result, list(detectors), out / "multilingual.png")
    typer.echo((out / "multilingual.md").read_text())


def _plot_multilingual(result: dict[str, Any], names: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    langs = list(result["languages"])
    metrics = [("structured_recall", "structured recall"), ("person_recall", "PERSON recall"),
               ("person_precision", "PERSON precision")]
    fig, axes = plt.subplots(1, len(metrics) + 1, figsize=(16, 4))
    w = 0.8 / max(1, len(names))
    for ax, (key, title) in zip(axes, metrics, strict=False):
        for k, name in enumerate(names):
            vals = [result["languages"][lg][name][key] for lg in langs]
            ax.bar([i + k * w for i in range(len(langs))], [0 if v != v else v for v in vals],
                   w, label=name)
        ax.set_xticks([i + w * (len(names) - 1) / 2 for i in range(len(langs))], langs)
        ax.set_ylim(0, 1.05)
        ax.set_title(title)
        ax.legend()
    ax = axes[-1]
    for k, name in enumerate(names):
        vals = [result["languages"][lg][name]["no_pii_flagged"] for lg in langs]
        ax.bar([i + k * w for i in range(len(langs))], vals, w, label=name)
    ax.set_xticks([i + w * (len(names) - 1) / 2 for i in range(len(langs))], langs)
    ax.set_title("no-PII prompts flagged (of 15)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _world_names(n: int, seed_list: list[int], out: Path, presidio: bool) -> None:
    """Names of many locales in English prompts (veil.evaluation.world_names): the share of
    their words that no detection touches, per locale, Veil and Presidio side by side."""
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.evaluation.detection import presidio_detector, score, veil_detector
    from veil.evaluation.world_names import LOCALES, TEMPLATES, words_left, world_name_samples

    detectors = {"veil": veil_detector(DetectionEngine(Policy()))}
    if presidio:
        detectors["presidio"] = presidio_detector()
    result: dict[str, Any] = {"config": {"names_per_locale_and_seed": n, "seeds": seed_list,
                                         "shapes": len(TEMPLATES),
                                         "machine": f"{platform.machine()}, {os.cpu_count()} "
                                                    f"CPUs, Python {platform.python_version()}"},
                              "locales": {}}
    totals = {name: [0, 0] for name in detectors}
    with _progress() as progress:
        for locale in LOCALES:
            data = [s for sd in seed_list for s in world_name_samples(locale, n, sd)]
            block: dict[str, Any] = {"samples": len(data)}
            for name, fn in detectors.items():
                fn("warm up")
                preds = _run_detector(f"{name}: {locale}", fn, [s.text for s in data], progress)
                counts = [words_left(s, p) for s, p in zip(data, preds, strict=True)]
                left, words = sum(c[0] for c in counts), sum(c[1] for c in counts)
                totals[name][0] += left
                totals[name][1] += words
                person = score(data, preds).per_type.get("PERSON")
                block[name] = {"words_left": left, "words": words,
                               "share_left": left / words if words else 0.0,
                               "person_recall": person.recall if person else float("nan")}
            result["locales"][locale] = block
    result["all"] = {name: {"words_left": t[0], "words": t[1],
                            "share_left": t[0] / t[1] if t[1] else 0.0}
                     for name, t in totals.items()}
    out.mkdir(parents=True, exist_ok=True)
    (out / "world_names.json").write_text(json.dumps(result, indent=2, default=float) + "\n")
    names = list(detectors)
    lines = ["# Names of the world's locales in English prompts", "",
             f"Corpus: veil.evaluation.world_names, {n} Faker names per locale and seed (seeds "
             f"{seed_list}), each in {len(TEMPLATES)} prompt shapes. A name's word is left when "
             "no detection touches any of its characters.", "",
             "| locale | " + " | ".join(f"{d}: words left | {d}: PERSON recall" for d in names)
             + " |", "|---|" + "---|---|" * len(names)]
    for locale, block in result["locales"].items():
        lines.append(f"| {locale} | " + " | ".join(
            f"{block[d]['words_left']}/{block[d]['words']} ({block[d]['share_left']:.1%}) | "
            f"{_fmt(block[d]['person_recall'])}" for d in names) + " |")
    lines.append("| **all** | " + " | ".join(
        f"**{result['all'][d]['words_left']}/{result['all'][d]['words']} "
        f"({result['all'][d]['share_left']:.1%})** | " for d in names) + " |")
    lines += ["", f"Machine: {result['config']['machine']}", ""]
    (out / "world_names.md").write_text("\n".join(lines))
    _plot_world_names(result, names, out / "world_names.png")
    typer.echo((out / "world_names.md").read_text())


def _plot_world_names(result: dict[str, Any], names: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    locales = list(result["locales"])
    fig, ax = plt.subplots(figsize=(14, 4))
    w = 0.8 / max(1, len(names))
    for k, name in enumerate(names):
        ax.bar([i + k * w for i in range(len(locales))],
               [100 * result["locales"][lc][name]["share_left"] for lc in locales], w,
               label=name)
    ax.set_xticks([i + w * (len(names) - 1) / 2 for i in range(len(locales))], locales,
                  rotation=45)
    ax.set_ylabel("% of name words left")
    ax.set_title("Names of each locale in English prompts: words no detection touches")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


@bench_app.command("detect")
def bench_detect(
    n: Annotated[int, typer.Option(min=1, help="samples per dataset and seed")] = 500,
    seeds: Annotated[str, typer.Option(help="comma-separated reporting seeds")] = "101,102,103",
    out: Annotated[Path, typer.Option(help="output directory")] = DEFAULT_OUT,
    presidio: Annotated[bool, typer.Option(help="also run Presidio's AnalyzerEngine")] = True,
    timing_texts: Annotated[int, typer.Option(help="number of ~1 KB texts for timing")] = 60,
    lang: Annotated[str, typer.Option(
        help="comma-separated languages (zh,fr,de,es): run the multilingual benchmark "
             "instead, writing multilingual.{json,md,png}")] = "",
    world_names: Annotated[bool, typer.Option(
        help="run the names of many locales in English prompts instead, writing "
             "world_names.{json,md,png} (--n: names per locale and seed)")] = False,
) -> None:
    """Detection quality per type and speed for Veil vs Presidio (JSON + markdown + PNG)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from veil.cli._common import int_list

    seed_list = int_list(seeds, "--seeds")  # before any model loads
    if lang:
        from veil.evaluation.multilingual import LANGUAGES

        langs = [x.strip() for x in lang.split(",") if x.strip()]
        bad = sorted(set(langs) - set(LANGUAGES))
        if bad:
            raise typer.BadParameter(f"no corpus for {', '.join(bad)}; use some of "
                                     f"{', '.join(LANGUAGES)}", param_hint="--lang")
        _multilingual(langs, n, seed_list, out, presidio)
        return
    if world_names:
        _world_names(n, seed_list, out, presidio)
        return
    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.evaluation.datasets import hard_samples, long_texts, presidio_samples
    from veil.evaluation.detection import presidio_detector, score, veil_detector

    data: dict[str, list[Any]] = {"presidio_faker": [], "hard": []}
    for sd in seed_list:
        data["presidio_faker"] += presidio_samples(n, sd)
        data["hard"] += hard_samples(n, sd)
    data["combined"] = data["presidio_faker"] + data["hard"]

    engine = DetectionEngine(Policy())
    veil = veil_detector(engine)
    detectors = {"veil": veil}
    if presidio:
        detectors["presidio"] = presidio_detector()
    preds: dict[str, dict[str, list[Any]]] = {}
    with _progress() as progress:
        for name, fn in detectors.items():
            fn("warm up the model")
            preds[name] = {ds: _run_detector(f"{name}: {ds}", fn, [s.text for s in data[ds]],
                                             progress)
                           for ds in ("presidio_faker", "hard")}
            preds[name]["combined"] = preds[name]["presidio_faker"] + preds[name]["hard"]

    quality: dict[str, Any] = {}
    for ds in ("presidio_faker", "hard", "combined"):
        quality[ds] = {name: score(data[ds], preds[name][ds]).as_dict() for name in detectors}

    texts = long_texts(data["combined"], size=1000, count=timing_texts)
    timing: dict[str, float] = {"texts": len(texts),
                                "mean_chars": statistics.mean(len(t) for t in texts)}
    ners = [r for r in (engine.registry.get(n) for n in ("spacy_ner", "learned_ner"))
            if r is not None]
    for ner in ners:  # time cold analysis: the NER cache would make the repeat free
        ner.clear_cache()  # type: ignore[attr-defined]
        ner.cache_size = 0  # type: ignore[attr-defined]
    timing["veil_median_ms"] = _median_ms(lambda t: engine.analyze(t), texts, repeats=2)
    if ners:  # a chat client re-sends its history: the NER cache makes that cheap
        for ner in ners:
            ner.cache_size = 4096  # type: ignore[attr-defined]
        for t in texts:
            engine.analyze(t)
        timing["veil_resent_median_ms"] = _median_ms(lambda t: engine.analyze(t), texts)
    if presidio:
        timing["presidio_median_ms"] = _median_ms(detectors["presidio"], texts, repeats=2)
        timing["speedup"] = timing["presidio_median_ms"] / timing["veil_median_ms"]

    comb = quality["combined"]["veil"]
    targets: dict[str, bool] = {}
    for t in STRUCTURED:
        r = comb["per_type"].get(t, {}).get("recall", float("nan"))
        targets[f"{t} recall >= 0.99 (got {_fmt(r)})"] = r >= 0.99
    pr = comb["per_type"]["PERSON"]
    targets[f"PERSON recall >= 0.90 (got {_fmt(pr['recall'])}) at precision >= 0.85 "
            f"(got {_fmt(pr['precision'])})"] = pr["recall"] >= 0.90 and pr["precision"] >= 0.85
    if presidio:
        vf2 = comb["overall"]["f2"]
        pf2 = quality["combined"]["presidio"]["overall"]["f2"]
        targets[f"overall F2 above Presidio's ({_fmt(vf2)} vs {_fmt(pf2)})"] = vf2 > pf2
        targets[f">= 5x faster than Presidio ({timing['speedup']:.1f}x)"] = timing["speedup"] >= 5

    result = {
        "config": {"n": n, "seeds": seed_list, "presidio": presidio,
                   "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                              f"Python {platform.python_version()}"},
        "quality": quality, "timing": timing,
        "terms": _terms_benchmark(texts), "targets": targets,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "detect.json").write_text(json.dumps(result, indent=2, default=float) + "\n")
    (out / "detect.md").write_text(_markdown(result))
    _plot(result, out / "detect.png")
    typer.echo((out / "detect.md").read_text())
