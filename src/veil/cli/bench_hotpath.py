"""``veil bench hotpath``: protect() against Presidio (analyzer + anonymizer), side by side.

Both run in one process on the same texts, interleaved (the order alternates per text) so that
load from other work on the machine hits both alike: short prompts, ~1 KB texts and one 1 MB
text, all with NER on; Veil's figures include its vault writes, Presidio's its anonymizer. The
short and ~1 KB texts are also timed through each tool alone, and alone with the processor's
cache emptied before every call: interleaved, each call finds the cache filled with the other
tool's data, and that costs each tool a fixed time per call. Then the start-up of ``veil
protect`` from the shell, and which heavy modules it imported. Writes ``<name>.json``, ``.md``
and ``.png`` under ``--out`` with the load average of every section.
Texts and values never appear in the output: only sizes, counts and timings.
"""

from __future__ import annotations

import base64
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from veil import regex_code
from veil.cli._common import write_report
from veil.cli.bench import bench_app
from veil.heap import settle_heap

DEFAULT_OUT = Path("benchmarks/results/hotpath")
#: Modules whose import alone costs seconds; a start-up that needs none of them must not load them.
HEAVY_MODULES = ("torch", "transformers", "presidio_analyzer", "presidio_anonymizer", "spacy")
#: Size of the "1 MB" text: spaCy's default ``max_length``, so that Presidio accepts it whole.
MB_CHARS = 1_000_000
_CLI_TEXT = "Hi, I am Jane Doe from Acme Corp; call me on +1 415 555 0100 or jane@example.com"
#: Printed by the child at exit, before the names of the top-level packages it really holds:
#: ``-X importtime`` prints a line for a failed or blocked import too ("torch" while
#: :mod:`veil.light_import` marks it missing), so its lines alone cannot say what was loaded.
LOADED_MARK = "veil-loaded-packages:"
_CHILD = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print(" + repr(LOADED_MARK) + " + ' '.join(sorted({n.split('.')[0]"
    " for n, m in list(sys.modules.items()) if m is not None})), file=sys.stderr))\n"
    "sys.argv[0] = 'veil'\n"
    "runpy.run_module('veil.cli.app', run_name='__main__', alter_sys=True)\n"
)


def register(app: typer.Typer) -> None:
    """Discovery hook; the command attaches itself to ``bench_app`` on import."""


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def corpus(short: int, kb: int, *, seed: int = 11) -> tuple[list[str], list[str], str]:
    """Short prompts (PresidioSentenceFaker and Veil's hard set, mixed), ~1 KB texts made of
    consecutive prompts, and a 1 MB document (prompts as paragraphs)."""
    from veil.evaluation.datasets import hard_samples, long_texts, presidio_samples

    n = max(short, 20)
    samples = [s for pair in zip(presidio_samples(n, seed), hard_samples(n, seed), strict=True)
               for s in pair]
    short_texts = [s.text for s in samples[:short]]
    more = samples + presidio_samples(max(60, kb * 6), seed + 1)
    kb_texts = long_texts(more, size=1000, count=kb)
    parts: list[str] = []
    size = 0
    while size < MB_CHARS:
        for s in more:
            parts.append(s.text)
            size += len(s.text) + 1
    big = "\n".join(parts)[:MB_CHARS]
    return short_texts, kb_texts, big[: big.rfind(" ")]


def _summary(ms: list[float]) -> dict[str, float]:
    from veil.evaluation.stats import percentile

    return {"n": len(ms), "median_ms": statistics.median(ms), "mean_ms": statistics.fmean(ms),
            "p95_ms": percentile(ms, 0.95), "total_s": sum(ms) / 1000}


def interleaved(texts: list[str], runners: dict[str, Callable[[str, int], object]],
                progress: Any, label: str) -> dict[str, dict[str, float]]:
    """Per-text wall time of each runner; the runners take turns going first."""
    times: dict[str, list[float]] = {name: [] for name in runners}
    names = list(runners)
    task = progress.add_task(label, total=len(texts))
    for i, text in enumerate(texts):
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            t0 = time.perf_counter()
            runners[name](text, i)
            times[name].append((time.perf_counter() - t0) * 1000)
        progress.advance(task)
    return {name: _summary(ms) for name, ms in times.items()}


def in_blocks(texts: list[str], runners: dict[str, Callable[[str, int], object]],
              progress: Any, label: str, rounds: int = 2,
              before: Callable[[], object] | None = None) -> dict[str, dict[str, float]]:
    """Per-text wall time of each runner, each reading all the texts in a row: no other tool's
    work between two of its calls, as when it runs alone (interleaved, the other tool's work
    evicts what the processor kept of each call). The runners take turns going first, once per
    round, so that a drift in the machine's load reaches both. ``before`` runs, untimed,
    before every call (:class:`CacheFlusher`: each call starts with a cold cache)."""
    times: dict[str, list[float]] = {name: [] for name in runners}
    names = list(runners)
    task = progress.add_task(label, total=len(texts) * len(names) * rounds)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            run = runners[name]
            for i, text in enumerate(texts):
                if before is not None:
                    before()
                t0 = time.perf_counter()
                run(text, i)
                times[name].append((time.perf_counter() - t0) * 1000)
                progress.advance(task)
    return {name: _summary(ms) for name, ms in times.items()}


def last_level_cache(root: Path = Path("/sys/devices/system/cpu/cpu0/cache")) -> tuple[int, int]:
    """Size in bytes and associativity of the processor's largest cache as Linux reports them
    (``index*/size``, "32768K"; ``ways_of_associativity``); 32 MiB, 16 ways where it does
    not."""
    found = []
    for entry in root.glob("index*/size"):
        raw = entry.read_text().strip().upper()
        unit = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(raw[-1:], 1)
        digits = raw.rstrip("KMG")
        ways = entry.with_name("ways_of_associativity")
        w = ways.read_text().strip() if ways.exists() else ""
        if digits.isdigit():
            found.append((int(digits) * unit, int(w) if w.isdigit() and int(w) > 0 else 16))
    return max(found, default=(32 << 20, 16))


class CacheFlusher:
    """A call that writes one byte of every cache line of a buffer twice the size of the
    largest cache: a call made next finds cached only what it brings in itself, as after
    another tool's work (interleaved) or a long idle spell. The writes are numpy's
    ``UBYTE_add`` loop, which ``veil bench instructions`` leaves out of its counts by name."""

    LINE = 64

    def __init__(self, cache_bytes: int | None = None) -> None:
        import numpy as np

        self.buf = np.zeros(2 * (cache_bytes or last_level_cache()[0]), dtype=np.uint8)
        self._lines = self.buf[:: self.LINE]  # a view: one byte of each line
        self._add = np.add

    def __call__(self) -> None:
        # another value each time: every line is written, not just read
        self._add(self._lines, 1, out=self._lines)


def _veil_runner(home: Path, *, ner_cache: bool, ner_backend: str = "spacy",
                 use_ner: bool = True, detect_workers: int | None = 0,
                 ) -> tuple[Any, Callable[[str, int], object]]:
    """A Veil and its protect() call; ``detect_workers``: processes that read a long text's
    chunks beside it (None: the setting, VEIL_DETECT_WORKERS or its default), started and
    ready before it returns."""
    from veil import Veil
    from veil.config import Policy, Settings

    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    if detect_workers is not None:
        settings = settings.model_copy(update={"detect_workers": detect_workers})
    veil = Veil(settings,
                policy=Policy.model_validate({"ner_backend": ner_backend, "ner": use_ner}))
    counter = iter(range(1 << 62))

    def run(text: str, _i: int) -> object:
        # a new session per call: every value found is written to the vault, none is memoised
        return veil.protect(text, session=f"hotpath-{next(counter)}")

    for ner_name in ("spacy_ner", "learned_ner"):
        ner = veil.engine().registry.get(ner_name)
        if ner is not None and not ner_cache and hasattr(ner, "cache_size"):
            ner.cache_size = 0
    shards = veil.engine().shards
    if shards is not None:  # as a server's start-up does (after the memo's size is set)
        shards.prepare(veil.engine())
    return veil, run


def _presidio_runner() -> Callable[[str, int], object]:
    from presidio_anonymizer import AnonymizerEngine

    from veil.detect.presidio_backend import build_analyzer

    analyzer = build_analyzer()
    analyzer.nlp_engine.nlp["en"].max_length = MB_CHARS + 1
    anonymizer = AnonymizerEngine()

    def run(text: str, _i: int) -> object:
        results = analyzer.analyze(text=text, language="en")
        return anonymizer.anonymize(text=text, analyzer_results=results)

    return run


def cli_startup(runs: int, ner_backend: str = "spacy") -> dict[str, Any]:
    """Wall time of ``veil protect TEXT`` (fresh vault each run) and ``veil --help``, and the
    heavy modules ``veil protect`` imported (from ``python -X importtime``); with a
    ``ner_backend`` other than spaCy, through a policy file that selects it."""
    exe = Path(sys.executable).with_name("veil")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "veil.cli.app"]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(f"ner_backend: {ner_backend}\n")
    policy = ["--policy", f.name] if ner_backend != "spacy" else []
    try:
        return _cli_startup(runs, cmd, env, policy)
    finally:
        os.unlink(f.name)


def _cli_startup(runs: int, cmd: list[str], env: dict[str, str],
                 policy: list[str]) -> dict[str, Any]:
    cpu_s: list[float] = []

    def timed(args: list[str], home: str, **more: str) -> float:
        # CPU time (user + system) of the child too: on a loaded machine it moves far less
        # than wall time
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd + args, env=dict(env, VEIL_HOME=home, **more),  # nosec B603
                       check=True, capture_output=True, timeout=300)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_s.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return wall

    protect_s, help_s, protect_cpu, untabled_s = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            protect_s.append(timed(["protect", *policy, _CLI_TEXT], home))
            protect_cpu.append(cpu_s[-1])
            help_s.append(timed(["--help"], home))
        with tempfile.TemporaryDirectory() as home:  # every regex compiled (veil.regex_code)
            untabled_s.append(timed(["protect", *policy, _CLI_TEXT], home, VEIL_REGEX_CODE="0"))
    with tempfile.TemporaryDirectory() as home:
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", _CHILD,  # nosec B603
                               "protect", *policy, _CLI_TEXT], env=dict(env, VEIL_HOME=home),
                              capture_output=True, text=True, timeout=300, check=True)
    imported = heavy_imports(proc.stderr)
    return {"runs": runs, "protect_median_s": statistics.median(protect_s),
            "protect_s": protect_s, "protect_cpu_median_s": statistics.median(protect_cpu),
            "help_median_s": statistics.median(help_s),
            "regex_table": regex_code.table_path().exists(),
            "protect_no_table_median_s": statistics.median(untabled_s),
            "heavy_imports_s": imported}


def heavy_imports(stderr: str, modules: tuple[str, ...] = HEAVY_MODULES) -> dict[str, float]:
    """Seconds each of ``modules`` (top-level packages) cost a process, from its
    ``-X importtime`` output: the cumulative time of the package's outermost import lines (a
    package is often first reached through a submodule, ``spacy.errors``, with no line of its
    own; nested lines of the same package are inside those and not counted again). Only
    packages the process really loaded count, when the output carries the
    :data:`LOADED_MARK` line; a failed import also has a line."""
    rows: list[tuple[int, str, int]] = []  # (depth, module, cumulative us), in print order
    loaded: set[str] | None = None
    for line in stderr.splitlines():
        if line.startswith(LOADED_MARK):
            loaded = set(line[len(LOADED_MARK):].split())
            continue
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue  # the header, or a line cut by other output
        field = parts[2].rstrip()
        name = field.lstrip(" ")
        # one space after the bar, then two per level of nesting
        rows.append(((len(field) - len(name) - 1) // 2, name, int(parts[1])))
    totals: dict[str, int] = {}
    ancestors: list[tuple[int, str]] = []
    # The output is in post-order (a module after the imports it caused); reversed, every
    # module comes before what it imported, so the stack holds a line's ancestors.
    for depth, name, cumulative in reversed(rows):
        while ancestors and ancestors[-1][0] >= depth:
            ancestors.pop()
        root = name.split(".")[0]
        if root in modules and not any(a.split(".")[0] == root for _, a in ancestors):
            totals[root] = totals.get(root, 0) + cumulative
        ancestors.append((depth, name))
    return {m: round(us / 1e6, 3) for m, us in sorted(totals.items())
            if loaded is None or m in loaded}


@bench_app.command("hotpath")
def bench_hotpath(
    short: Annotated[int, typer.Option(help="short prompts")] = 300,
    kb: Annotated[int, typer.Option(help="~1 KB texts")] = 40,
    mb: Annotated[bool, typer.Option(help="also the 1 MB text")] = True,
    presidio: Annotated[bool, typer.Option(help="run Presidio side by side")] = True,
    presidio_mb: Annotated[bool, typer.Option(
        help="Presidio on the 1 MB text too (minutes on a small machine)")] = True,
    cli_runs: Annotated[int, typer.Option(help="`veil protect` start-ups timed (0: none)")] = 5,
    ner_cache: Annotated[bool, typer.Option(
        help="keep Veil's NER result cache on (off: every text is analysed cold)")] = False,
    out: Annotated[Path, typer.Option(help="output directory")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="file name stem of the results")] = "detect_hotpath",
    ner_backend: Annotated[str, typer.Option(
        help="Veil's NER backend: spacy, learned (needs scripts/ensure-detector.sh) or both; "
             "Presidio always runs spaCy")] = "spacy",
    ner: Annotated[str, typer.Option(
        help="on, or off: Veil's pattern recognizers alone (Presidio keeps spaCy)")] = "on",
    cold: Annotated[bool, typer.Option(
        help="also each tool alone with the processor's cache emptied before every call")] = True,
    detect_workers: Annotated[int, typer.Option(
        help="processes that read the 1 MB text's chunks beside protect() (-1: the default, "
             "one per other core, at most three; 0: none)", min=-1)] = -1,
) -> None:
    """protect() vs Presidio analyzer+anonymizer per text, 1 MB, and `veil protect` start-up."""
    from veil.config import NER_BACKENDS

    if ner_backend not in NER_BACKENDS:
        raise typer.BadParameter("--ner-backend must be spacy, learned or both")
    if ner not in ("on", "off"):
        raise typer.BadParameter("--ner must be on or off")
    result = run(short=short, kb=kb, mb=mb, presidio=presidio, presidio_mb=presidio_mb,
                 cli_runs=cli_runs, ner_cache=ner_cache, out=out, name=name,
                 ner_backend=ner_backend, ner=ner == "on", cold=cold,
                 detect_workers=None if detect_workers < 0 else detect_workers)
    typer.echo(markdown(result))


def run(*, short: int, kb: int, mb: bool, presidio: bool, presidio_mb: bool, cli_runs: int,
        ner_cache: bool, out: Path, name: str, ner_backend: str = "spacy",
        ner: bool = True, cold: bool = True,
        detect_workers: int | None = 0) -> dict[str, Any]:
    """Run the benchmark; returns the result (also written under ``out``)."""
    import logging

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    result: dict[str, Any] = {
        "config": {"short": short, "kb": kb, "mb": mb, "presidio": presidio,
                   "ner_cache": ner_cache, "ner_backend": ner_backend, "ner": ner,
                   "cold": cold,
                   "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}"},
        "load_start": _load(), "sections": {},
    }
    short_texts, kb_texts, big = corpus(short, kb)
    with tempfile.TemporaryDirectory() as home:
        veil, veil_run = _veil_runner(Path(home), ner_cache=ner_cache, ner_backend=ner_backend,
                                      use_ner=ner, detect_workers=detect_workers)
        shards = veil.engine().shards
        result["config"]["detect_workers"] = 0 if shards is None else shards.size
        runners: dict[str, Callable[[str, int], object]] = {"veil": veil_run}
        if presidio:
            runners["presidio"] = _presidio_runner()
        # Warm-up, untimed: models load lazily (English and French spaCy, lingua).
        for text in short_texts[:40] + kb_texts[:4] + [
                "Bonjour, je m'appelle Camille Martin et j'habite à Lyon depuis 2019."]:
            for fn in runners.values():
                fn(text, 0)
        # What is alive now (the corpora, Faker, both tools' models and tables) stays alive:
        # out of the collector's reach, and the collector set as the gateway sets it after
        # its start-up (a harness heap of half a million objects made one collection cost
        # 0.3 s of a timed 1 MB call). Both tools run under the same settings.
        settle_heap()
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      transient=True) as progress:
            for label, texts in (("short", short_texts), ("1kb", kb_texts)):
                load0 = _load()
                block: dict[str, Any] = {
                    "texts": len(texts),
                    "mean_chars": statistics.fmean(len(t) for t in texts) if texts else 0.0,
                    **interleaved(texts, runners, progress, f"{label} texts")}
                if presidio:
                    block["speedup"] = block["presidio"]["median_ms"] / block["veil"]["median_ms"]
                    alone: dict[str, Any] = in_blocks(texts, runners, progress,
                                                      f"{label} texts, each tool alone")
                    alone["speedup"] = alone["presidio"]["median_ms"] / alone["veil"]["median_ms"]
                    block["alone"] = alone
                    if cold:
                        # alone again, the cache emptied before every call: what interleaving
                        # costs each tool through the cache, without the other tool's work
                        chill: dict[str, Any] = in_blocks(
                            texts, runners, progress, f"{label} texts, each alone, cache cold",
                            before=CacheFlusher())
                        chill["speedup"] = (chill["presidio"]["median_ms"]
                                            / chill["veil"]["median_ms"])
                        block["cold"] = chill
                block["load"] = [load0, _load()]
                result["sections"][label] = block
        if mb:
            load0 = _load()
            block = {"chars": len(big), "veil_s": []}
            read0 = 0 if shards is None else shards.chunks_read
            for _ in range(2):
                t0 = time.perf_counter()
                veil_run(big, 0)
                block["veil_s"].append(time.perf_counter() - t0)
            if presidio and presidio_mb:
                t0 = time.perf_counter()
                runners["presidio"](big, 0)
                block["presidio_s"] = time.perf_counter() - t0
                block["speedup"] = block["presidio_s"] / min(block["veil_s"])
            block["load"] = [load0, _load()]
            block["chunks_by_workers"] = 0 if shards is None else shards.chunks_read - read0
            result["sections"]["1mb"] = block
        veil.vault.close()
    if cli_runs:
        load0 = _load()
        result["cli"] = cli_startup(cli_runs, ner_backend)
        result["cli"]["load"] = [load0, _load()]
    result["load_end"] = _load()
    write(result, out, name)
    return result


def markdown(result: dict[str, Any]) -> str:
    cfg = result["config"]
    lines = ["# Hot path: Veil protect() vs Presidio analyzer + anonymizer", "",
             f"Interleaved in one process; Veil's NER {'on' if cfg.get('ner', True) else 'off'} "
             f"({cfg.get('ner_backend', 'spacy')}); "
             f"Veil with vault writes (new session per text), "
             f"NER cache {'on' if cfg['ner_cache'] else 'off'}. Load average (1/5/15 min) at "
             f"start {result['load_start']}, at end {result['load_end']}; {cfg['machine']}.", "",
             "| texts | n | mean chars | Veil median ms | Veil p95 ms | Presidio median ms | "
             "Presidio p95 ms | speed-up (median) | load 1-min start/end |",
             "|---|---|---|---|---|---|---|---|---|"]
    for label in ("short", "1kb"):
        b = result["sections"].get(label)
        if not b:
            continue
        p = b.get("presidio", {})
        lines.append(
            f"| {label} | {b['texts']} | {b['mean_chars']:.0f} | {b['veil']['median_ms']:.1f} | "
            f"{b['veil']['p95_ms']:.1f} | {p.get('median_ms', float('nan')):.1f} | "
            f"{p.get('p95_ms', float('nan')):.1f} | {b.get('speedup', float('nan')):.1f}x | "
            f"{b['load'][0][0]} / {b['load'][1][0]} |")
    alone = [(label, b["alone"]) for label in ("short", "1kb")
             if (b := result["sections"].get(label)) and "alone" in b]
    if alone:
        lines += ["", "Each tool alone: all the texts through one tool, then all through the "
                  "other, twice, taking turns going first (no other tool's work between two "
                  "calls, as in a deployment of either).", "",
                  "| texts | Veil median ms | Presidio median ms | speed-up (median) |",
                  "|---|---|---|---|"]
        lines += [f"| {label} | {a['veil']['median_ms']:.1f} | {a['presidio']['median_ms']:.1f} "
                  f"| {a['speedup']:.1f}x |" for label, a in alone]
    cold = [(label, b["alone"], b["cold"]) for label in ("short", "1kb")
            if (b := result["sections"].get(label)) and "cold" in b]
    if cold:
        lines += ["", "Each tool alone, the processor's cache emptied before every call (a "
                  "buffer twice its size written): what a call costs when nothing of the last "
                  "one is cached, as when the other tool ran in between (interleaved). "
                  "\"Cache cost\" is the cold median less the alone one.", "",
                  "| texts | Veil median ms | Presidio median ms | speed-up (median) | "
                  "Veil cache cost ms | Presidio cache cost ms |", "|---|---|---|---|---|---|"]
        lines += [f"| {label} | {c['veil']['median_ms']:.1f} | {c['presidio']['median_ms']:.1f} "
                  f"| {c['speedup']:.1f}x | "
                  f"{c['veil']['median_ms'] - a['veil']['median_ms']:.2f} | "
                  f"{c['presidio']['median_ms'] - a['presidio']['median_ms']:.2f} |"
                  for label, a, c in cold]
    b = result["sections"].get("1mb")
    if b:
        lines += ["", f"1 MB text ({b['chars']} chars): Veil "
                  f"{', '.join(f'{s:.2f}' for s in b['veil_s'])} s"
                  + (f"; Presidio {b['presidio_s']:.1f} s ({b['speedup']:.0f}x)"
                     if "presidio_s" in b else "")
                  + f"; load {b['load'][0][0]} / {b['load'][1][0]}"
                  + (f"; {cfg['detect_workers']} detection worker process(es) beside it "
                     f"read {b['chunks_by_workers']} chunks of the two calls"
                     if cfg.get("detect_workers") else "; no detection worker process")
                  + "."]
    c = result.get("cli")
    if c:
        heavy = ", ".join(f"{k} {v:.2f} s" for k, v in c["heavy_imports_s"].items()) or "none"
        lines += ["", f"`veil protect` (short text, new vault) from the shell: median "
                  f"{c['protect_median_s']:.2f} s over {c['runs']} runs "
                  f"({', '.join(f'{s:.2f}' for s in c['protect_s'])}), CPU time (user+sys) "
                  f"median {c['protect_cpu_median_s']:.2f} s; `veil --help` "
                  f"{c['help_median_s']:.2f} s; heavy modules imported (cumulative import time): "
                  f"{heavy}; load {c['load'][0][0]} / {c['load'][1][0]}."]
        if "protect_no_table_median_s" in c:
            lines[-1] += (f" Without the table of compiled regular expressions "
                          f"(`VEIL_REGEX_CODE=0`, every pattern compiled): "
                          f"{c['protect_no_table_median_s']:.2f} s"
                          + ("" if c["regex_table"] else " (no table was recorded)") + ".")
    return "\n".join(lines) + "\n"


def write(result: dict[str, Any], out: Path, name: str) -> None:
    plt = write_report(out, name, result, markdown(result))
    if plt is None:
        return
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    labels = [k for k in ("short", "1kb") if k in result["sections"]]
    for k, who in enumerate(("veil", "presidio")):
        vals = [result["sections"][lb].get(who, {}).get("median_ms", 0) for lb in labels]
        axes[0].bar([i + (k - 0.5) * 0.4 for i in range(len(labels))], vals, 0.4,
                    label="Veil protect()" if who == "veil" else "Presidio analyze+anonymize")
    axes[0].set_xticks(range(len(labels)), labels)
    axes[0].set_yscale("log")
    axes[0].set_ylabel("median ms per text")
    axes[0].legend()
    axes[0].set_title("per text (NER on)")
    b = result["sections"].get("1mb")
    if b:
        names = ["Veil"] + (["Presidio"] if "presidio_s" in b else [])
        vals = [min(b["veil_s"])] + ([b["presidio_s"]] if "presidio_s" in b else [])
        axes[1].bar(names, vals, color=["tab:blue", "tab:orange"][: len(names)])
        axes[1].set_yscale("log")
        axes[1].axhline(1.0, color="grey", ls="--", lw=1)
    axes[1].set_title("1 MB text, seconds")
    c = result.get("cli")
    if c:
        axes[2].bar(["veil protect", "veil --help"], [c["protect_median_s"], c["help_median_s"]])
        axes[2].axhline(1.0, color="grey", ls="--", lw=1)
    axes[2].set_title("CLI start-up, seconds (median)")
    fig.suptitle(f"load average at start {result['load_start']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out / f"{name}.png", dpi=110)
    plt.close(fig)
