"""``veil bench instructions``: the machine instructions ``protect()`` (and Presidio's analyzer
and anonymizer) execute per text, counted by valgrind's callgrind, and what kind of work they
are (the interpreter, Python objects, the model, regexes, SQLite...).

Wall time on a shared virtual machine moves by 5-10% between runs an hour apart and by a few
percent between two runs in a row, more than most single changes to the hot path gain. An
instruction count does not move with the host's load: the same tree and texts give the same
total within 0.2-1.4% (the vault's random keys move where its B-trees split), so a change of a
few percent is seen. It is not time (a cache miss costs hundreds of cycles and counts as one
instruction, and valgrind's processor has no AVX-512, so a model's kernels differ from the
ones used natively): use it to compare two trees, and ``veil bench hotpath`` to state speed.
Each tool runs in a child process under callgrind, with counting switched on
(``callgrind_control``) only around the measured calls, after a warm-up.

``--cache`` also simulates the processor's last-level cache (its size and associativity read
from the host) and counts the cache lines each call brings in from memory: warm (the calls in
a row, as when the tool runs alone) and cold (the cache emptied before every call, as when the
other tool ran in between: ``veil bench hotpath``'s interleaved and cold runs), one pass after
the other in the same child, each dumped on its own. What a cold call brings in is the tool's
footprint per call; at tens of nanoseconds a line, it is the time interleaving adds to each
call.

``--gateway N`` also counts N gateway requests per pass through the real app in one process,
split into what the gateway adds, the core's share and the gateway's own
(:mod:`veil.cli.bench_gateway_instructions`).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess  # nosec B404 # runs valgrind and its tools, with fixed arguments
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli._common import write_report
from veil.cli.bench import bench_app
from veil.errors import VeilError

DEFAULT_OUT = Path("benchmarks/results/instructions")
TOOLS = ("veil", "presidio")

#: CPython's own code: its shared library, or its source tree where callgrind names no object
_CPYTHON = re.compile(r"libpython|/(?:Python|Objects|Modules|Include|Parser)/")
#: (kind of work, regex over a callgrind function entry "file:function [object]"), first match
#: wins: within CPython (the rest of it is the interpreter), then outside it (the rest is
#: "other native code")
_IN_CPYTHON: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("regex engine", r"_sre"),
    ("Python objects", r"obmalloc|dictobject|tupleobject|listobject|longobject|floatobject"
                       r"|gcmodule|setobject|sliceobject|typeobject|/object\.[ch]:"),
    ("strings", r"unicode|bytesobject|bytes_methods"),
))
_NATIVE: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("regex engine", r"/_regex\.|ahocorasick"),
    ("model runtime", r"onnxruntime|_multiarray|numpy|openblas|thinc|spacy|blis"),
    ("tokenizers", r"tokenizers|blingfire"),
    ("SQLite", r"sqlite"),
    ("crypto", r"libcrypto|cryptography|_rust\.abi3"),
    ("C library", r"libc\.so|libm\.so|ld-linux"),
))
#: one count column of a listing: a number with its share, or "." for none
_COUNT = r"([\d,]+|\.)(?:\s+\(\s*[\d.]+%\))?"
#: the cache flush between two cold calls (:class:`~veil.cli.bench_hotpath.CacheFlusher`'s
#: numpy loop): not the tool's work, left out of every count
_FLUSH = re.compile(r"UBYTE_add")
#: callgrind's events of last-level misses: instruction reads, data reads, data writes
MISS_EVENTS = ("ILmr", "DLmr", "DLmw")


def register(app: typer.Typer) -> None:
    """Discovery hook; the command attaches itself to ``bench_app`` on import."""


def kind_of(entry: str) -> str:
    """The kind of work of one callgrind function entry."""
    inside = _CPYTHON.search(entry) is not None
    for kind, rx in _IN_CPYTHON if inside else _NATIVE:
        if rx.search(entry):
            return kind
    return "interpreter" if inside else "other native code"


def _entries(annotated: str, columns: int) -> list[tuple[list[int], str]]:
    """(counts, function entry) of each line of a flat ``callgrind_annotate`` listing with
    ``columns`` events; the program's totals are the entry "PROGRAM TOTALS"."""
    entry = re.compile(r"^\s*" + r"\s+".join([_COUNT] * columns) + r"\s+(\S.*)$")
    out = []
    for line in annotated.splitlines():
        m = entry.match(line)
        if m is not None:
            counts = [0 if g == "." else int(g.replace(",", "")) for g in m.groups()[:columns]]
            out.append((counts, m.group(columns + 1)))
    return out


def by_kind(annotated: str) -> tuple[int, dict[str, int]]:
    """Total instructions and their split by kind, from ``callgrind_annotate --inclusive=no``'s
    flat listing of every function (``--threshold=100``)."""
    total = 0
    kinds: Counter[str] = Counter()
    for (count,), name in _entries(annotated, 1):
        if "PROGRAM TOTALS" in name:
            total = count
            continue
        kinds[kind_of(name)] += count
    return total, dict(kinds.most_common())


def short_name(entry: str) -> str:
    """A callgrind function entry without directories or recursion marks:
    ``sre_lib.h:sre_ucs1_match [libpython3.11.so.1.0]``."""
    m = re.match(r"^(.*?)(?:'\d+)?(?: \[(.+)\])?$", entry)
    where, obj = (m.group(1), m.group(2)) if m else (entry, None)
    path, _, function = where.partition(":")  # Rust and C++ names hold "::"
    head = f"{path.rsplit('/', 1)[-1]}:{function}" if path and path != "???" else function
    head = re.sub(r"0x0*([0-9a-f]+)", r"0x\1", head)
    return f"{head} [{obj.rsplit('/', 1)[-1]}]" if obj else head


def misses_by_kind(
    annotated: str,
) -> tuple[dict[str, int], dict[str, int], Counter[str], bool]:
    """Instructions by kind, last-level cache misses by kind and by function (the three
    :data:`MISS_EVENTS` added up, functions by :func:`short_name`), and whether a cache flush
    was seen, from a listing of ``Ir`` and the miss events; the flush's own instructions and
    misses are left out."""
    instructions: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    flushed = False
    for (ir, *lines), name in _entries(annotated, 1 + len(MISS_EVENTS)):
        if "PROGRAM TOTALS" in name:
            continue
        if _FLUSH.search(name):
            flushed = True
            continue
        kind = kind_of(name)
        instructions[kind] += ir
        misses[kind] += sum(lines)
        functions[short_name(name)] += sum(lines)
    return dict(instructions.most_common()), dict(misses.most_common()), functions, flushed


def top_functions(warm: dict[str, float], cold: dict[str, float],
                  n: int = 12) -> list[tuple[str, float]]:
    """The ``n`` functions whose lines per text a cold call adds most to a warm one's."""
    more = {f: cold[f] - warm.get(f, 0.0) for f in cold}
    return sorted(more.items(), key=lambda kv: -kv[1])[:n]


def ll_option() -> str:
    """valgrind's ``--LL`` for this host's last-level cache (its own guess named a 256 MiB
    direct-mapped cache here). It needs a power of two of sets: an odd size is rounded down
    to one."""
    from veil.cli.bench_hotpath import CacheFlusher, last_level_cache

    size, ways = last_level_cache()
    sets = max(1, size // (ways * CacheFlusher.LINE))
    sets = 1 << (sets.bit_length() - 1)
    return f"--LL={sets * ways * CacheFlusher.LINE},{ways},{CacheFlusher.LINE}"


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise typer.BadParameter(
            f"{tool} was not found; install valgrind (Debian: apt-get install valgrind)")
    return path


def run_counted(what: str, child: list[str], out_file: Path, *, sim: Sequence[str] = (),
                counted_args: Sequence[str] = ()) -> dict[str, Any]:
    """Run ``child`` (with ``counted_args``) under callgrind, counting switched off until the
    child switches it on, and return the last JSON line it printed (its own account of what
    it counted); ``what`` names the run in the error."""
    cmd = [_need("valgrind"), "--tool=callgrind", "--instr-atstart=no", *sim,
           f"--callgrind-out-file={out_file}", *child, *counted_args]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)  # nosec B603 # fixed arguments
    measured = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not measured:
        raise VeilError(f"the {what} run under callgrind failed (exit {done.returncode}); run "
                        f"`{' '.join(child)}` without valgrind to see why")
    result: dict[str, Any] = json.loads(measured[-1])
    return result


def _count(tool: str, texts: str, counts: tuple[int, int], ner_backend: str, ner: bool,
           workdir: Path, cache: bool = False) -> list[dict[str, Any]]:
    """Run one tool on one set of texts in a child under callgrind; its counts per text: one
    pass (instructions only), or with ``cache`` a warm pass and then a cold one in the same
    child (each dumped on its own: one run under the slow cache simulation, not two), with
    their last-level cache misses too."""
    out_file = workdir / f"callgrind.{tool}.{texts}"
    sim = ["--cache-sim=yes", ll_option()] if cache else []
    child = [sys.executable, "-m", "veil.cli.bench_instructions", tool, texts,
             *map(str, counts), ner_backend, str(int(ner)), str(int(cache))]
    counted = run_counted(tool, child, out_file, sim=sim)["texts"]
    if not cache:
        total, kinds = by_kind(_annotate(out_file, cache=False))
        return [{"texts": counted, "instructions_per_text": total / counted,
                 "by_kind_per_text": {k: v / counted for k, v in kinds.items()}}]
    # the child's dumps: part 1 the warm pass, part 2 the cold one (the part written at exit
    # holds what ran after them, and callgrind's summary of it is wrong after the dumps)
    out: list[dict[str, Any]] = []
    for part, kind in ((1, "warm"), (2, "cold")):
        instructions, misses, functions, flushed = misses_by_kind(
            _annotate(Path(f"{out_file}.{part}"), cache=True))
        if flushed != (kind == "cold"):  # the flush must be seen, and left out, exactly when made
            raise VeilError(f"the {tool} run under callgrind: the cache flush between calls was "
                            f"{'not ' if not flushed else ''}found in the {kind} count; check "
                            "that numpy's UBYTE_add loop still does the flush")
        out.append({
            "texts": counted, "instructions_per_text": sum(instructions.values()) / counted,
            "by_kind_per_text": {k: v / counted for k, v in instructions.items()},
            "lines_per_text": sum(misses.values()) / counted,
            "lines_by_kind_per_text": {k: v / counted for k, v in misses.items()},
            # the functions that bring in a line per text or more (the rest is noise)
            "lines_by_function_per_text": {f: v / counted for f, v in functions.items()
                                           if v >= counted}})
    return out


def count_startup(ner_backend: str, ner: bool, workdir: Path) -> dict[str, Any]:
    """The instructions of one ``veil protect`` of a short text from the shell with a new
    vault: the whole process (interpreter, imports, loading, the call, exit), by kind of
    work. Start-up's wall time moves with the host's load by more than most changes gain."""
    from veil.cli.bench_hotpath import _CLI_TEXT

    out_file = workdir / "callgrind.startup"
    policy = workdir / "startup-policy.yaml"
    policy.write_text(f"ner_backend: {ner_backend}\n" if ner else "ner: false\n")
    child = [sys.executable, "-m", "veil.cli.app", "protect", "--policy", str(policy),
             _CLI_TEXT]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, VEIL_HOME=home, HF_HUB_OFFLINE="1",
                   TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
        done = subprocess.run(  # nosec B603 # fixed arguments
            [_need("valgrind"), "--tool=callgrind", f"--callgrind-out-file={out_file}",
             *child], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise VeilError(f"`veil protect` under callgrind failed (exit {done.returncode}); run "
                        f"`{' '.join(child[:-1])} TEXT` without valgrind to see why")
    total, kinds = by_kind(_annotate(out_file, cache=False))
    return {"instructions": total, "by_kind": kinds}


def _annotate(out_file: Path, *, cache: bool) -> str:
    if not out_file.is_file():
        raise VeilError(f"callgrind wrote no {out_file.name}: check that callgrind_control "
                        "can reach the child (valgrind 3.16 or later)")
    show = ["--show=" + ",".join(("Ir", *MISS_EVENTS))] if cache else []
    return subprocess.run(  # nosec B603 # fixed arguments
        [_need("callgrind_annotate"), "--inclusive=no", "--auto=no", "--threshold=100", *show,
         str(out_file)], capture_output=True, text=True, check=True).stdout


def run(*, short: int, kb: int, ner_backend: str, ner: bool, presidio: bool, out: Path,
        name: str, cache: bool = False, startup: bool = False,
        gateway: int = 0) -> dict[str, Any]:
    """Count both tools on both sets of texts, the texts ``veil bench hotpath`` draws for the
    same counts (``cache``: and the cache lines their calls bring in, warm and cold;
    ``startup``: and one ``veil protect`` from the shell; ``gateway``: and that many gateway
    requests per pass, :mod:`veil.cli.bench_gateway_instructions`); returns the result (also
    written under ``out``)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    for tool in ("valgrind", "callgrind_control", "callgrind_annotate"):
        _need(tool)  # before anything runs or is written
    sets = {s: n for s, n in (("short", short), ("1kb", kb)) if n > 0}
    tools = [t for t in TOOLS if t == "veil" or presidio]
    result: dict[str, Any] = {
        "ner_backend": ner_backend if ner else "off", "python": platform.python_version(),
        "machine": platform.machine(), "sets": {},
        **({"ll_cache": ll_option().removeprefix("--LL=")} if cache else {})}
    with tempfile.TemporaryDirectory() as tmp, Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
            transient=True) as progress:
        for texts, n in sets.items():
            block: dict[str, Any] = {"texts": n}
            for tool in tools:
                task = progress.add_task(f"{tool}, {texts} texts, under callgrind")
                if cache:
                    # the warm pass's instructions are the plain run's: it is not made
                    warm, cold = _count(tool, texts, (short, kb), ner_backend, ner, Path(tmp),
                                        cache=True)
                    block[tool] = {**{k: warm[k] for k in ("texts", "instructions_per_text",
                                                           "by_kind_per_text")},
                                   "cache": {"warm": _lines(warm), "cold": _lines(cold),
                                             "top_functions": top_functions(
                                                 warm["lines_by_function_per_text"],
                                                 cold["lines_by_function_per_text"])}}
                else:
                    block[tool] = _count(tool, texts, (short, kb), ner_backend, ner,
                                         Path(tmp))[0]
                progress.remove_task(task)
            if "presidio" in block:
                block["presidio_over_veil"] = (block["presidio"]["instructions_per_text"]
                                               / block["veil"]["instructions_per_text"])
            result["sets"][texts] = block
        if startup:
            task = progress.add_task("veil protect from the shell, under callgrind")
            result["startup"] = count_startup(ner_backend, ner, Path(tmp))
            progress.remove_task(task)
        if gateway > 0:
            from veil.cli import bench_gateway_instructions

            task = progress.add_task("gateway requests, under callgrind")
            result["gateway"] = bench_gateway_instructions.count(gateway, ner_backend, ner,
                                                                 Path(tmp))
            progress.remove_task(task)
    plt = write_report(out, name, result, markdown(result))
    if plt is not None and result["sets"]:
        _plot(plt, result, out / f"{name}.png")
    return result


def _lines(counted: dict[str, Any]) -> dict[str, Any]:
    return {"lines_per_text": counted["lines_per_text"],
            "by_kind_per_text": counted["lines_by_kind_per_text"]}


def markdown(result: dict[str, Any]) -> str:
    counts = {texts: result["sets"].get(texts, {}).get("texts", 0) for texts in ("short", "1kb")}
    lines = ["# Instructions per text: Veil protect() and Presidio analyzer + anonymizer", "",
             f"Counted by valgrind's callgrind around the measured calls only, after a warm-up; "
             f"Veil's NER: {result['ner_backend']}; vault writes included (a new session per "
             f"text); the texts `veil bench hotpath --short {counts['short']} --kb "
             f"{counts['1kb']}` times. Python {result['python']}, {result['machine']}. "
             "Instructions are not time: compare trees with them, state speed with `veil bench "
             "hotpath`.", ""]
    for texts, block in result["sets"].items():
        tools = [t for t in TOOLS if t in block]
        kinds = sorted({k for t in tools for k in block[t]["by_kind_per_text"]},
                       key=lambda k: -block["veil"]["by_kind_per_text"].get(k, 0.0))
        lines += [f"## {texts} texts ({block['texts']})", "",
                  "| kind of work | " + " | ".join(f"{t} (k instr. per text)" for t in tools)
                  + " |", "|---|" + "---|" * len(tools)]
        for k in kinds:
            lines.append(f"| {k} | " + " | ".join(
                f"{block[t]['by_kind_per_text'].get(k, 0.0) / 1e3:,.0f}" for t in tools) + " |")
        lines.append("| **total** | " + " | ".join(
            f"**{block[t]['instructions_per_text'] / 1e3:,.0f}**" for t in tools) + " |")
        if "presidio_over_veil" in block:
            lines += ["", f"Presidio executes {block['presidio_over_veil']:.1f}x Veil's "
                          "instructions per text."]
        if all("cache" in block[t] for t in tools):
            lines += ["", _cache_table(block, tools, result.get("ll_cache", "?"))]
        lines.append("")
    if "startup" in result:
        started = result["startup"]
        kinds = sorted(started["by_kind"], key=lambda k: -started["by_kind"][k])
        lines += ["## `veil protect` of a short text from the shell", "",
                  "The whole process with a new vault: interpreter, imports, loading, the call.",
                  "", "| kind of work | million instructions |", "|---|---|"]
        lines += [f"| {k} | {started['by_kind'][k] / 1e6:,.0f} |" for k in kinds]
        lines += [f"| **total** | **{started['instructions'] / 1e6:,.0f}** |", ""]
    if "gateway" in result:
        from veil.cli.bench_gateway_instructions import markdown as gateway_markdown

        lines.append(gateway_markdown(result["gateway"]))
    return "\n".join(lines)


def _cache_table(block: dict[str, Any], tools: list[str], ll: str) -> str:
    """Cache lines brought in from memory per text, by kind, warm and cold."""
    caches = {t: block[t]["cache"] for t in tools}
    kinds = sorted({k for t in tools for w in ("warm", "cold")
                    for k in caches[t][w]["by_kind_per_text"]},
                   key=lambda k: -caches["veil"]["cold"]["by_kind_per_text"].get(k, 0.0))
    head = " | ".join(f"{t} warm | {t} cold" for t in tools)
    rows = [f"Cache lines (64 B) brought in from memory per text (last-level misses, simulated "
            f"cache {ll}: bytes, ways, line); warm: the calls in a row; cold: the cache "
            "emptied before every call.", "", f"| kind of work | {head} |",
            "|---|" + "---|---|" * len(tools)]
    for k in kinds:
        rows.append(f"| {k} | " + " | ".join(
            f"{caches[t][w]['by_kind_per_text'].get(k, 0.0):,.0f}"
            for t in tools for w in ("warm", "cold")) + " |")
    rows.append("| **total** | " + " | ".join(
        f"**{caches[t][w]['lines_per_text']:,.0f}**" for t in tools for w in ("warm", "cold"))
        + " |")
    more = {t: caches[t]["cold"]["lines_per_text"] - caches[t]["warm"]["lines_per_text"]
            for t in tools}
    rows += ["", "A cold call brings in " + "; ".join(
        f"{t}: {more[t]:,.0f} lines ({more[t] * 64 / 2**20:.1f} MiB) more than a warm one"
        for t in tools) + "."]
    top = caches["veil"].get("top_functions")
    if top:
        rows += ["", "Veil's functions whose lines a cold call adds most (per text; an address "
                 "where the library has no symbols):", "", "| function [object] | lines |",
                 "|---|---|"]
        rows += [f"| `{f}` | {n:,.0f} |" for f, n in top]
    return "\n".join(rows)


def _plot(plt: Any, result: dict[str, Any], path: Path) -> None:
    """One panel per set of texts (their scales differ ~12x), a stacked bar per tool."""
    sets = list(result["sets"].items())
    kinds = sorted({k for _, block in sets for t in TOOLS if t in block
                    for k in block[t]["by_kind_per_text"]})
    colours = dict(zip(kinds, plt.get_cmap("tab10").colors, strict=False))
    fig, axes = plt.subplots(len(sets), 1, figsize=(9, 1.6 + 1.3 * len(sets)), squeeze=False)
    for ax, (texts, block) in zip(axes[:, 0], sets, strict=True):
        tools = [t for t in TOOLS if t in block]
        left = [0.0] * len(tools)
        for kind in kinds:
            vals = [block[t]["by_kind_per_text"].get(kind, 0.0) / 1e6 for t in tools]
            ax.barh(tools, vals, left=left, label=kind, color=colours[kind])
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.set_title(f"{texts} texts", fontsize=9)
        ax.set_xlabel("million instructions per text")
        ax.invert_yaxis()
    axes[0, 0].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.0))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


@bench_app.command("instructions")
def bench_instructions(
    short: Annotated[int, typer.Option(help="short prompts (0: none)")] = 50,
    kb: Annotated[int, typer.Option(help="~1 KB texts (0: none)")] = 6,
    ner_backend: Annotated[str, typer.Option(
        help="spacy or learned (needs scripts/ensure-detector.sh)")] = "learned",
    ner: Annotated[bool, typer.Option(help="Veil's NER on")] = True,
    presidio: Annotated[bool, typer.Option(help="count Presidio too")] = True,
    out: Annotated[Path, typer.Option(help="output directory")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="file name stem of the results")] = "instructions",
    cache: Annotated[bool, typer.Option(
        help="also the cache lines each call brings in, warm and with the cache emptied "
             "before every call (a simulated cache: about half as long again)")] = False,
    startup: Annotated[bool, typer.Option(
        help="also one `veil protect` of a short text from the shell, the whole process")]
    = False,
    gateway: Annotated[int, typer.Option(
        help="also this many gateway requests per pass (~1 KB prompts with values, plain and "
             "streamed, through the real app in front of an echo upstream; 0: none)")] = 0,
) -> None:
    """Instructions per text of protect() (and Presidio), by kind of work, under valgrind:
    repeatable where wall time is not, for comparing two trees
    (``PYTHONPATH=<other tree>/src`` runs the other)."""
    if ner_backend not in ("spacy", "learned"):
        raise typer.BadParameter("--ner-backend must be spacy or learned")
    if short < 0 or kb < 0 or gateway < 0 or short + kb + gateway == 0 and not startup:
        raise typer.BadParameter("--short, --kb and --gateway count texts: at least one above "
                                 "0 (or --startup alone)")
    result = run(short=short, kb=kb, ner_backend=ner_backend, ner=ner, presidio=presidio,
                 out=out, name=name, cache=cache, startup=startup, gateway=gateway)
    typer.echo(markdown(result))


def _child(tool: str, texts: str, n_short: int, n_kb: int, ner_backend: str,
           ner: bool, cache: bool = False) -> None:
    """Under callgrind: warm the tool up on the texts, then count one pass over them (``cache``:
    dumped, then a second pass counted with the cache emptied before each call, dumped too)."""
    from veil.cli.bench_hotpath import CacheFlusher, _presidio_runner, _veil_runner, corpus
    from veil.heap import settle_heap

    # both counts, as `veil bench hotpath --short N --kb M` draws them: the same texts
    short, kb, _ = corpus(n_short, n_kb)
    chosen = short if texts == "short" else kb
    control = _need("callgrind_control")
    me = str(os.getpid())

    def tell(*args: str) -> None:
        subprocess.run([control, *args, me], check=True, capture_output=True)  # nosec B603 # fixed arguments

    with tempfile.TemporaryDirectory() as home:
        if tool == "veil":
            _, call = _veil_runner(Path(home), ner_cache=False, ner_backend=ner_backend,
                                   use_ner=ner)
        else:
            call = _presidio_runner()
        flush = CacheFlusher() if cache else None  # made before the warm-up: it fills memory
        for t in chosen + chosen:
            call(t, 0)
        settle_heap()
        tell("-i", "on")
        for t in chosen:
            call(t, 0)
        if flush is not None:
            tell("-d", "warm")
            for t in chosen:
                flush()
                call(t, 0)
            tell("-d", "cold")
        tell("-i", "off")
    print(json.dumps({"texts": len(chosen)}), flush=True)


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5],
           sys.argv[6] == "1", sys.argv[7] == "1")
