"""``veil train detector``: fine-tune, distill, score and export the learned NER backend.

Weights go to the detector folder (``$VEIL_DETECTOR_DIR`` or ``<cache_dir>/detector``), never
into git; ``scripts/ensure-detector.sh`` runs this when the folder is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

train_app = typer.Typer(
    help="Train Veil's own models (weights go to a cache folder, never into git).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("detector")
def train_detector(
    arch: Annotated[
        str, typer.Option(help="conv (dilated convolutions, fast) or minilm (transformer "
                          "teacher, optionally distilled into a student).")
    ] = "conv",
    sentences: Annotated[
        int | None, typer.Option(min=16, help="Training sentences, spread over the domains "
                                 "[conv 12000, minilm 3000].")
    ] = None,
    domains: Annotated[
        str | None, typer.Option(help="Comma-separated domains to train on (medical, banking, "
                                 "legal, support: prose; technical: code, logs and commands) "
                                 "[all].")
    ] = None,
    epochs: Annotated[
        int | None, typer.Option(min=1, help="Epochs of the first model [conv 4, minilm 2].")
    ] = None,
    hidden: Annotated[int, typer.Option(min=16, max=1024, help="Width of a conv tagger.")] = 128,
    conv_layers: Annotated[int, typer.Option(min=1, max=6, help="Conv blocks.")] = 3,
    context_noise: Annotated[
        float | None,
        typer.Option(min=0.0, max=0.9, help="Share of the words around names replaced by "
                     "random words in each batch [conv 0.2, minilm 0].")
    ] = None,
    teacher_layers: Annotated[int, typer.Option(min=1, max=6, help="Teacher layers.")] = 6,
    student_layers: Annotated[
        int | None,
        typer.Option(min=0, max=6, help="Student layers of a minilm teacher (0: no student) "
                     "[2].")
    ] = None,
    distill_epochs: Annotated[int, typer.Option(min=1, help="Epochs of distillation.")] = 1,
    student_hidden: Annotated[
        int,
        typer.Option(min=0, max=384, help="Tiny student's width (e.g. 128; multiple of 64); "
                     "0: the student is a layer cut of the teacher."),
    ] = 0,
    distill_lr: Annotated[
        float, typer.Option(min=0.0, help="Peak learning rate of distillation (0: --lr).")
    ] = 0.0,
    alpha: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Weight of the teacher's soft labels.")
    ] = 0.5,
    export: Annotated[
        str, typer.Option(help="Which model ships: auto (student if as good), teacher, student.")
    ] = "auto",
    lr: Annotated[
        float | None, typer.Option(min=0.0, help="Peak learning rate, AdamW [conv 2e-3, "
                                   "minilm 1e-4].")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="[conv 32, minilm 16]")] = None,
    max_length: Annotated[int, typer.Option(min=16, max=512, help="Tokens per sentence.")] = 64,
    held_out: Annotated[int, typer.Option(min=0, help="Held-out-template sentences.")] = 300,
    unseen: Annotated[int, typer.Option(min=0, help="Unseen-generator sentences (slow).")] = 200,
    seed: Annotated[int, typer.Option()] = 0,
    teacher: Annotated[
        Path | None,
        typer.Option(exists=True, file_okay=False, help="A saved teacher folder: skip training."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Detector folder (default: $VEIL_DETECTOR_DIR).")
    ] = None,
    results: Annotated[
        Path | None, typer.Option(help="Also copy the card (JSON) to this file.")
    ] = None,
    checkpoint_dir: Annotated[
        Path | None,
        typer.Option(help="Checkpoints of the teacher and student (default: "
                     "<detector folder>-checkpoints)."),
    ] = None,
    checkpoint_every: Annotated[
        int, typer.Option(min=0, help="Checkpoint every N steps (0: at epoch ends only).")
    ] = 50,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue from the last checkpoints.")
    ] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
) -> None:
    """Train the learned NER detector on synthetic data and export it as ONNX int8.

    Teacher and student are checkpointed while they train; after a kill, the same command
    with ``--resume`` continues from the last checkpoints (the same options are required)."""
    from rich.console import Console

    from veil.detect.learned import detector_dir

    if export not in ("auto", "teacher", "student"):
        raise typer.BadParameter("use auto, teacher or student", param_hint="--export")
    conv = check_arch(arch) == "conv"
    if conv and student_layers:
        raise typer.BadParameter("students are distilled from a transformer teacher: add "
                                 "--arch minilm", param_hint="--student-layers")
    # the conv tagger is the small fast model itself: it has no student
    student_layers = 0 if conv else 2 if student_layers is None else student_layers
    if export == "student" and not student_layers:
        raise typer.BadParameter("--export student needs --arch minilm and --student-layers >= 1")
    console = Console(stderr=True)
    folder = (out or detector_dir()).expanduser()
    card = build_detector(
        folder,
        arch=arch,
        domains=check_domains(domains),
        sentences=sentences or (12000 if conv else 3000),
        epochs=epochs or (4 if conv else 2),
        hidden=hidden,
        conv_layers=conv_layers,
        context_noise=(0.2 if conv else 0.0) if context_noise is None else context_noise,
        teacher_layers=teacher_layers,
        student_layers=student_layers,
        distill_epochs=distill_epochs,
        student_hidden=student_hidden,
        distill_lr=distill_lr,
        alpha=alpha,
        export=export,
        lr=lr or (2e-3 if conv else 1e-4),
        batch_size=batch_size or (32 if conv else 16),
        max_length=max_length,
        held_out=held_out,
        unseen=unseen,
        seed=seed,
        teacher_path=teacher,
        checkpoint_dir=checkpoint_dir or folder.parent / f"{folder.name}-checkpoints",
        checkpoint_every=checkpoint_every,
        resume=resume,
        progress=progress,
        log=console.print,
    )
    if results is not None:
        results.parent.mkdir(parents=True, exist_ok=True)
        results.write_text(json.dumps(card, indent=2) + "\n")
    _print_scores(console, card)
    console.print(f"detector written to {folder} (exported: {card['exported']})")


def check_arch(arch: str) -> str:
    """``arch`` if a trainer can build it from scratch (``--arch`` of the training commands)."""
    from veil.train.model import ARCHITECTURES

    if arch not in ARCHITECTURES:
        raise typer.BadParameter(f"use one of {', '.join(ARCHITECTURES)}", param_hint="--arch")
    return arch


def check_domains(domains: str | None) -> tuple[str, ...]:
    """``--domains`` as a tuple of known domains, each once (None: all of them)."""
    from veil.train.data import ALL_DOMAINS

    if domains is None:
        return ALL_DOMAINS
    chosen = tuple(dict.fromkeys(d.strip() for d in domains.split(",") if d.strip()))
    unknown = [d for d in chosen if d not in ALL_DOMAINS]
    if unknown or not chosen:
        raise typer.BadParameter(f"use a comma-separated list of {', '.join(ALL_DOMAINS)}",
                                 param_hint="--domains")
    return chosen


def build_detector(
    folder: Path,
    *,
    sentences: int,
    epochs: int,
    teacher_layers: int,
    student_layers: int,
    distill_epochs: int,
    export: str,
    lr: float,
    batch_size: int,
    max_length: int,
    held_out: int,
    unseen: int,
    seed: int,
    teacher_path: Path | None = None,
    arch: str = "minilm",
    hidden: int = 128,
    conv_layers: int = 4,
    context_noise: float = 0.0,
    student_hidden: int = 0,
    distill_lr: float = 0.0,
    alpha: float = 0.5,
    checkpoint_dir: Path | None = None,
    checkpoint_every: int = 0,
    resume: bool = False,
    progress: bool = True,
    log: Any = print,
    domains: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """The whole pipeline; the folder is replaced only once everything succeeded.

    With ``checkpoint_dir`` the teacher and the student are checkpointed into its ``teacher``
    and ``student`` folders (every ``checkpoint_every`` steps and at epoch ends); ``resume``
    continues each from its last checkpoint there. ``arch="conv"`` trains a conv tagger in
    the teacher's place (no student)."""
    import torch

    from veil.train import card as card_mod
    from veil.train import central, distill
    from veil.train import export as export_mod
    from veil.train import model as M  # noqa: N812
    from veil.train.data import DOMAINS, score_spans

    cfg = central.CentralConfig(
        sentences=sentences,
        epochs=epochs,
        lr=lr,
        batch_size=batch_size,
        arch=arch,
        layers=conv_layers if arch == "conv" else teacher_layers,
        hidden=hidden if arch == "conv" else None,
        context_noise=context_noise,
        max_length=max_length,
        seed=seed,
        held_out_sentences=held_out,
        unseen_sentences=unseen,
        domains=domains or DOMAINS,
    )
    timings: dict[str, Any] = {"load_avg_start": [round(x, 2) for x in os.getloadavg()]}
    t = time.perf_counter()
    tokenizer = M.load_tokenizer()
    train = central.training_set(cfg)
    sets = {"held_out_templates": central.held_out_set(cfg),
            "seen_templates": central.seen_set(cfg)}  # fmt: skip
    if technical := central.technical_held_out_set(cfg):
        sets["technical_held_out"] = technical
    log(f"data: {len(train)} training sentences, {len(sets['held_out_templates'])} held out")
    if unseen:
        log("generating the unseen-generator set (presidio-evaluator, slow to import)")
        sets["unseen_generator"] = central.unseen_set(cfg)
    timings["data_s"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    if teacher_path is not None:
        teacher = M.load(teacher_path)
        run: dict[str, Any] = {"teacher_from": str(teacher_path)}
        losses: list[float] = []
    else:
        torch.manual_seed(seed)
        teacher = M.build_model(base=arch, layers=cfg.layers, hidden=cfg.hidden, seed=seed)
        run = {"resumed_from": _resume_note(checkpoint_dir, "teacher", resume, log)}
        losses = central.fit(
            teacher, train, tokenizer, cfg, progress=progress, desc="teacher",
            checkpoints=checkpoint_dir / "teacher" if checkpoint_dir else None,
            checkpoint_every=checkpoint_every, resume=resume,
        )
    timings["teacher_s"] = round(time.perf_counter() - t, 1)
    first = (f"conv-L{teacher.num_layers}-H{teacher.hidden_size}" if teacher.arch == "conv"
             else f"teacher-L{teacher.num_layers}")
    models: dict[str, Any] = {first: teacher}
    distill_losses: list[float] = []
    if student_layers:
        t = time.perf_counter()
        dcfg = central.CentralConfig(
            **{**cfg.as_dict(), "epochs": distill_epochs, "lr": distill_lr or lr}
        )
        run["student_resumed_from"] = _resume_note(checkpoint_dir, "student", resume, log)
        if not isinstance(teacher, M.TokenClassifier):
            raise ValueError("students are distilled from a transformer teacher (--arch minilm)")
        student, distill_losses = distill.distill(
            teacher, train, tokenizer, dcfg, layers=student_layers,
            hidden=student_hidden or None, alpha=alpha, progress=progress,
            checkpoints=checkpoint_dir / "student" if checkpoint_dir else None,
            checkpoint_every=checkpoint_every, resume=resume,
        )
        timings["distill_s"] = round(time.perf_counter() - t, 1)
        width = f"-H{student_hidden}" if student_hidden else ""
        models[f"student-L{student_layers}{width}"] = student

    t = time.perf_counter()
    scores = {name: central.score(m, tokenizer, sets) for name, m in models.items()}
    timings["evaluate_s"] = round(time.perf_counter() - t, 1)
    chosen = _choose(scores, export)
    log(f"exporting {chosen} (ONNX, int8)")

    staging = folder.parent / f".{folder.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    t = time.perf_counter()
    export_mod.export_detector(models[chosen], staging, extra={"model": chosen})
    M.save(models[chosen], staging / "torch")  # start point for federated / DP fine-tuning
    timings["export_s"] = round(time.perf_counter() - t, 1)

    # the shipped artefact is scored too: int8 quantization must not cost the quality
    from veil.detect.learned import _Runtime

    rt = _Runtime(staging)
    scores[f"{chosen}-onnx-int8"] = {
        name: score_spans(
            [x.spans for x in s],
            [[_as_span(sp) for sp in found] for found in rt.spans([x.text for x in s])],
        )
        for name, s in sets.items()
    }
    run.update(
        {
            "config": cfg.as_dict(),
            "student_layers": student_layers,
            "student_hidden": student_hidden or None,
            "distill_lr": (distill_lr or lr) if student_layers else None,
            "alpha": alpha if student_layers else None,
            "distill_epochs": distill_epochs if student_layers else 0,
            "epoch_losses": losses,
            "distill_losses": distill_losses,
            "sizes": {"train": len(train), **{k: len(v) for k, v in sets.items()}},
            "onnx_bytes": (staging / "model.onnx").stat().st_size,
            "checkpoints": str(checkpoint_dir) if checkpoint_dir else None,
        }
    )
    timings["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]  # shared machine: noisy
    card = card_mod.build_card(
        run=run, scores=scores, chosen=chosen, command=["veil", *sys.argv[1:]], timings=timings
    )
    card_mod.write_card(card, staging)
    export_mod.replace_folder(staging, folder)
    return card


def _resume_note(root: Path | None, model: str, resume: bool, log: Any) -> str | None:
    """The checkpoint a model resumes from (None: it starts afresh), told to the user."""
    if root is None:
        return None
    from veil.train.checkpoint import CheckpointDir

    last = CheckpointDir(root / model).latest() if resume else None
    log(f"{model} checkpoints: {root / model}" + (f" (resuming from {last.name})" if last else ""))
    return last.name if last else None


def _as_span(t: tuple[int, int, str, float]) -> Any:
    from veil.train.data import Span

    return Span(t[0], t[1], t[2])


def _choose(scores: dict[str, dict[str, dict[str, float]]], export: str) -> str:
    names = list(scores)
    teacher, student = names[0], names[1] if len(names) > 1 else None
    if export == "teacher" or student is None:
        return teacher
    if export == "student":
        return student

    def f1(name: str) -> float:
        return scores[name].get("held_out_templates", {}).get("micro_f1", 0.0)

    # "equal quality": within 0.02 micro F1 on the held-out templates; then speed decides
    return student if f1(student) >= f1(teacher) - 0.02 else teacher


def _print_scores(console: Any, card: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="learned detector (exact span match)")
    for col in ("model", "set", "micro F1", "PERSON F1", "PERSON F2", "LOC F1", "ORG F1"):
        table.add_column(col)
    for model, sets in card["scores"].items():
        for name, m in sets.items():
            table.add_row(
                model,
                name,
                *(
                    f"{m.get(k, 0.0):.3f}"
                    for k in (
                        "micro_f1",
                        "f1_PERSON",
                        "f2_PERSON",
                        "f1_LOCATION",
                        "f1_ORGANIZATION",
                    )
                ),
            )
    console.print(table)


@train_app.command("check-data")
def check_data(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Files of annotated documents (JSON Lines).")],
) -> None:
    """Read files of own annotated documents as a federated client would and print what it
    would train on: documents, pieces, spans per type, labels dropped. Counts only; a bad line
    is reported by its number and offsets, never its text."""
    from veil.train.documents import load_documents

    for path in files:
        _, summary = load_documents(path)
        d = summary.as_dict()
        typer.echo(f"{path}: {d['documents']} documents -> {d['pieces']} pieces "
                   f"(at most {d['max_pieces_per_document']} from one document)")
        typer.echo("  spans: " + ", ".join(f"{k} {v}" for k, v in d["spans"].items()))
        if d["dropped"]:
            typer.echo("  dropped (labels the detector does not learn): "
                       + ", ".join(f"{k} {v}" for k, v in d["dropped"].items()))
        if d["too_long"]:
            typer.echo(f"  dropped as longer than a piece: {d['too_long']}")


@train_app.command("score")
def score_detectors(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Held-out annotated documents (JSON Lines), never trained on.")],
    detector: Annotated[list[Path] | None, typer.Option(
        metavar="FOLDER", help="A detector folder to score (repeat to compare; default: "
                               "$VEIL_DETECTOR_DIR).")] = None,
    spacy: Annotated[bool, typer.Option(
        "--spacy/--no-spacy", help="Score spaCy's NER (the default backend) beside them.")
    ] = False,
    json_out: Annotated[Path | None, typer.Option(
        "--json", help="Also write the scores here (counts and scores only).")] = None,
) -> None:
    """Score detectors on an organisation's own held-out documents, locally: the figure a
    federated client wants before it serves a model, which the server (holding no client
    text) cannot give. Exact span matches, as the model cards score; no text is printed."""
    from veil.detect.learned import detector_dir, load_runtime
    from veil.train.data import score_spans
    from veil.train.documents import load_documents

    pieces = [p for f in files for p in load_documents(f)[0]]
    gold = [p.spans for p in pieces]
    texts = [p.text for p in pieces]
    scores: dict[str, dict[str, float]] = {}
    for folder in detector or [detector_dir()]:
        rt = load_runtime(folder)  # a clear error names the folder when it holds no detector
        scores[str(folder)] = score_spans(gold, [[_as_span(sp) for sp in found]
                                                 for found in rt.spans(texts)])
    if spacy:
        from veil.detect.ner import SpacyNerRecognizer
        from veil.train.data import ENTITY_TYPES, Span

        ner = SpacyNerRecognizer(cache_size=0)
        scores["spacy"] = score_spans(gold, [
            [Span(d.start, d.end, d.type) for d in ner.analyze(t) if d.type in ENTITY_TYPES]
            for t in texts])
    typer.echo(f"{len(pieces)} pieces, {sum(map(len, gold))} gold spans (exact matches)")
    typer.echo("| model | micro F1 | PERSON F2 | PERSON recall | LOCATION F1 | ORGANIZATION F1 |")
    typer.echo("|---|---|---|---|---|---|")
    for name, m in scores.items():
        typer.echo(f"| {name} | {m['micro_f1']:.3f} | {m['f2_PERSON']:.3f} | "
                   f"{m['recall_PERSON']:.3f} | {m['f1_LOCATION']:.3f} | "
                   f"{m['f1_ORGANIZATION']:.3f} |")
    if json_out is not None:
        json_out.write_text(json.dumps({"files": [str(f) for f in files], "pieces": len(pieces),
                                        "gold_spans": sum(map(len, gold)), "scores": scores},
                                       indent=2) + "\n", encoding="utf-8")


@train_app.command("bench")
def bench_detector(
    n: Annotated[
        int, typer.Option(min=1, help="Samples per data set (bench detect's data).")
    ] = 100,
    seed: Annotated[int, typer.Option()] = 101,
    seeds: Annotated[str | None, typer.Option(
        help="Comma-separated seeds instead of --seed: their samples are pooled, a steadier "
             "reading than one seed's (PERSON F2 moves by about 0.006 from seed to seed).")
    ] = None,
    timing_texts: Annotated[int, typer.Option(min=1, help="~1 KB texts for timing.")] = 30,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("benchmarks/results/training"),
    stem: Annotated[
        str, typer.Option("--name", help="File name stem of the results.")
    ] = "central-bench",
) -> None:
    """Learned vs spaCy NER backend: speed per KB (interleaved, same run) and quality on
    ``veil bench detect``'s data (PERSON F2 first). Needs a built detector."""
    import statistics

    from veil.config import Policy
    from veil.detect import DetectionEngine
    from veil.detect.learned import LearnedNerRecognizer, detector_available, detector_dir
    from veil.detect.ner import SpacyNerRecognizer
    from veil.evaluation.datasets import hard_samples, long_texts, presidio_samples
    from veil.evaluation.detection import score, veil_detector

    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    folder = detector_dir()
    if not detector_available(folder):
        raise typer.BadParameter(f"no detector in {folder}: run `veil train detector` first")
    try:
        chosen = [int(x) for x in seeds.split(",") if x.strip()] if seeds else [seed]
    except ValueError:
        raise typer.BadParameter("a comma-separated list of integers", param_hint="--seeds"
                                 ) from None
    if not chosen:
        raise typer.BadParameter("give at least one seed", param_hint="--seeds")
    load_before = os.getloadavg()
    samples = {"presidio_faker": [x for k in chosen for x in presidio_samples(n, k)],
               "hard": [x for k in chosen for x in hard_samples(n, k)]}
    samples["combined"] = samples["presidio_faker"] + samples["hard"]

    # speed: the NER recognizers alone, cold (no cache), A/B interleaved per text
    texts = long_texts(samples["combined"], size=1000, count=timing_texts)
    backends: dict[str, Any] = {
        "spacy": SpacyNerRecognizer(cache_size=0),
        "learned": LearnedNerRecognizer(folder, cache_size=0),
        "learned_ungated": LearnedNerRecognizer(folder, gate="none", cache_size=0),
    }
    for r in backends.values():
        r.analyze("Warm up, Mr. Smith from Paris.")
    times: dict[str, list[float]] = {k: [] for k in backends}
    for _ in range(2):
        for t in texts:
            for name, r in backends.items():
                t0 = time.perf_counter()
                r.analyze(t)
                times[name].append((time.perf_counter() - t0) * 1000 * 1000 / max(1, len(t)))
    speed = {f"{k}_ms_per_kb": round(statistics.median(v), 2) for k, v in times.items()}
    speed["speedup_learned_vs_spacy"] = round(
        speed["spacy_ms_per_kb"] / max(1e-9, speed["learned_ms_per_kb"]), 2
    )

    # quality: the whole engine with each backend, bench detect's scoring (half-overlap rule)
    quality: dict[str, Any] = {}
    backend: Any
    for backend in ("spacy", "learned", "both"):
        engine = DetectionEngine(Policy(ner_backend=backend))
        fn = veil_detector(engine)
        quality[backend] = {}
        for ds, ss in samples.items():
            rep: Any = score(ss, [fn(s.text) for s in ss]).as_dict()
            per = rep["per_type"]
            quality[backend][ds] = {
                "PERSON_f2": per.get("PERSON", {}).get("f2"),
                "PERSON_recall": per.get("PERSON", {}).get("recall"),
                "LOCATION_f1": per.get("LOCATION", {}).get("f1"),
                "ORGANIZATION_f1": per.get("ORGANIZATION", {}).get("f1"),
                "overall_f2": rep["overall"]["f2"],
            }
    card = json.loads((folder / "card.json").read_text()) if (folder / "card.json").exists() else {}
    result = {
        "command": "veil train " + " ".join(sys.argv[2:]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
        "detector": {k: card.get(k) for k in ("exported", "date", "command")},
        "speed": speed,
        "timing_texts": len(texts),
        "quality_bench_detect_data": quality,
        "samples": {k: len(v) for k, v in samples.items()},
        "seeds": chosen,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / f"{stem}.md").write_text(_bench_md(result))
    _bench_plot(result, out / f"{stem}.png")
    typer.echo(json.dumps({"speed": speed, "quality": quality}, indent=2))


def _bench_md(r: dict[str, Any]) -> str:
    s = r["speed"]
    lines = [
        "# Learned vs spaCy NER backend",
        "",
        f"Command: `{r['command']}` ({r['date']}); load average before/after "
        f"{r['load_avg_before']} / {r['load_avg_after']} (shared 2-core machine: noisy).",
        f"Detector: {r['detector']}",
        "",
        f"Speed (median ms per KB, recognizer alone, no cache, {r['timing_texts']} texts, "
        "interleaved A/B):",
        "",
        "| backend | ms/KB |",
        "|---|---|",
        *(f"| {k.removesuffix('_ms_per_kb')} | {v} |" for k, v in s.items() if k.endswith("_kb")),
        "",
        f"Speed-up learned vs spaCy: {s['speedup_learned_vs_spacy']}x",
        "",
        "Quality of the whole engine on `veil bench detect`'s data (half-overlap rule; "
        f"seeds {', '.join(str(k) for k in r.get('seeds', []))}, pooled):",
        "",
        "| backend | data | PERSON F2 | PERSON recall | LOC F1 | ORG F1 | overall F2 |",
        "|---|---|---|---|---|---|---|",
    ]
    for backend, sets in r["quality_bench_detect_data"].items():
        for ds, m in sets.items():
            vals = [m.get(k) for k in ("PERSON_f2", "PERSON_recall", "LOCATION_f1",
                                       "ORGANIZATION_f1", "overall_f2")]  # fmt: skip
            cells = " | ".join("-" if v is None else f"{v:.3f}" for v in vals)
            lines.append(f"| {backend} | {ds} | {cells} |")
    return "\n".join(lines) + "\n"


def _bench_plot(r: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    s = {k.removesuffix("_ms_per_kb"): v for k, v in r["speed"].items() if k.endswith("_kb")}
    a.bar(list(s), list(s.values()), color=["#888", "#2a7", "#7a2"][: len(s)])
    a.set_ylabel("median ms per KB (lower is better)")
    a.set_title("NER backend speed")
    q = r["quality_bench_detect_data"]
    names = list(q)
    f2 = [q[n]["combined"]["PERSON_f2"] or 0.0 for n in names]
    b.bar(names, f2, color="#37a")
    b.set_ylim(0, 1)
    b.set_title("PERSON F2, bench detect data (combined)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
