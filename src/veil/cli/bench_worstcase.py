"""``veil bench worstcase``: ``protect()`` on texts built to be slow, at growing sizes, and how
its time grows with the size.

Each shape is one short unit repeated ("Anna, " without the "and" that would end a list of
names, digits between separators, titles, dates, accented names...). A regex that retries a
long match from every position where it fails makes the time grow with the square of the size:
a 1 MB request body (the gateway's default limit) then holds a worker for minutes. The figure
per shape is the growth exponent, the slope of log time against log size between the smallest
and the largest size measured: about 1 is linear, 2 quadratic. Results go to
``benchmarks/results/worstcase/`` (JSON, markdown, a log-log plot).
"""

from __future__ import annotations

import math
import os
import platform
import random
import string
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli._common import write_report
from veil.cli.bench import bench_app

DEFAULT_OUT = Path("benchmarks/results/worstcase")
#: a growth exponent above this is reported as faster than linear (timing noise on small
#: sizes stays well below it once the smallest size is a few KB)
SUPERLINEAR = 1.3


def register(app: typer.Typer) -> None:
    """Discovery hook; the command attaches itself to ``bench_app`` on import."""


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda chars: unit * max(1, chars // len(unit))


def _random_printable(chars: int) -> str:
    rng = random.Random(7)  # the same text on every run
    return "".join(rng.choice(string.printable) for _ in range(chars))


#: name -> text of about the asked number of characters
SHAPES: dict[str, Callable[[int], str]] = {
    "name list without 'and'": _repeat("Anna, "),
    "accented name list": _repeat("Zoë, "),
    "names joined by 'and'": _repeat("Anna and "),
    "names and semicolons": _repeat("Anna; "),
    "full-name list": _repeat("Anna Bob, "),
    "hyphenated names": _repeat("Anna-Maria "),
    "titles and names": _repeat("Dr. Anna "),
    "name and speech verb": _repeat("Anna said "),
    "speaker labels": _repeat("Anna: "),
    "quoted nicknames": _repeat("John 'x' "),
    "open quotes": _repeat("John '"),
    "greetings": _repeat("Dear "),
    "capitalised words": _repeat("Aa "),
    "upper-case words": _repeat("ANNA "),
    "initials": _repeat("A. "),
    "digits": _repeat("1"),
    "digits and spaces": _repeat("1 "),
    "digits and dashes": _repeat("1-"),
    "digits and dots": _repeat("1."),
    "digits and slashes": _repeat("1/"),
    "digits and commas": _repeat("1, "),
    "card-like groups": _repeat("4111 "),
    "IBAN-like groups": _repeat("DE89 "),
    "phone-like": _repeat("+1 "),
    "dates": _repeat("2024-"),
    "dotted quads": _repeat("1.1."),
    "hex and colons": _repeat("ab:"),
    "at signs": _repeat("a@"),
    "e-mail chain": _repeat("a.a@"),
    "URL-like": _repeat("http://a."),
    "scheme and colon without '@'": _repeat("a://a:b"),
    "private-key opening lines": _repeat("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"),
    "JWT-like run": _repeat("eyJ-"),
    "key=value chain": _repeat("token="),
    "token prefix run": _repeat("glpat--"),
    "house numbers and street": _repeat("12 Main "),
    "letters and digits": _repeat("A1"),
    "escaped line breaks": _repeat("\\n"),
    "line breaks": _repeat("\n"),
    "colons": _repeat(":"),
    "random printable characters": _random_printable,
    # the shapes of the spelled, encoded and labelled values
    "digit words": _repeat("one "),
    "digit words and commas": _repeat("five, "),
    "doubled digit words": _repeat("double "),
    "spaced letters": _repeat("a b "),
    "dotted letters": _repeat("J.A."),
    "handles": _repeat("x @a "),
    "user labels": _repeat("user "),
    "last-digit words": _repeat("card ending "),
    "percent escapes": _repeat("a%20b "),
    "encoded at signs": _repeat("a%40"),
    "base64-like tokens": _repeat("SmFuZSBEb2U= "),
    "decimal pairs": _repeat("1.1234, "),
    "degree marks": _repeat("1° N "),
    "postcode words": _repeat("zip "),
    "Cyrillic names": _repeat("Иван "),
    # the thirty-first round's: references, escapes, labels and hidden digits
    "HTML references": _repeat("&#74;a "),
    "named references": _repeat("&eacute;"),
    "string escapes": _repeat("\\u00e9"),
    "case-number words": _repeat("case no 2:1 "),
    "plate words": _repeat("plate AB 1 "),
    "hidden digits": _repeat("**** "),
    "spaced at signs": _repeat("a @ b . "),
    "name keys": _repeat("name=jane."),
    "digits joined by 'dash'": _repeat("12 dash "),
    "form labels": _repeat("Payee: Anna "),
    # the thirty-second round's: long tokens, records, transcripts, lower-case cues
    "long letter-digit tokens": _repeat("LXcB46PT22PqzEWbo34sCL9iCHo7rTCt5A "),
    "one bech32-like token": _repeat("qpzry9x8gf2tvdw0s3jn54khce6mua7l1"),
    "transcript questions": _repeat("Agent: date of birth?\nCustomer: "),
    "lower-case greetings": _repeat("hey mike, "),
    "possessives and relations": _repeat("my boss "),
    "vCard openings": _repeat("BEGIN:VCARD\nFN:Anna\n"),
    "SWIFT tags": _repeat(":59:/DE89\nANNA\n"),
    "LDIF entries": _repeat("dn: uid=a,dc=x\ncn: Anna\n"),
    "distinguished names": _repeat("CN=Anna,OU=x,"),
    "connection strings": _repeat("pg://anna:pw@db "),
    "postcodes before cities": _repeat("Weg 5, 80331 "),
    # the thirty-third round's: logins, glued numbers, lower-case intros and addresses, ids
    "login phrases": _repeat("sign in as u with "),
    "login commands": _repeat("ssh u@h su - u "),
    "user and password pairs": _repeat("use a:Aa1!x "),
    "digits glued to letters": _repeat("a4111111111111111"),
    "glued digit groups": _repeat("ssn078-05-"),
    "lower-case introductions": _repeat("my name is x "),
    "one-word names and capitals": _repeat("Wei Zhang Wei "),
    "lower-case streets": _repeat("12 oak lane a b "),
    "percent-encoded digits": _repeat("%34%31"),
    "verbs of living and digits": _repeat("live in 12345 "),
    "personal-number words": _repeat("PESEL 4405140135 "),
    "card groups in pieces": _repeat('card "4111" + '),
    # the thirty-fourth round's: joined names, spaced addresses, secrets' names, fallbacks
    "names joined in file names": _repeat("Jane_Doe_a.pdf "),
    "hyphenated slugs": _repeat("john-smith-a-"),
    "capitals around slashes": _repeat("DOE/JANE MS "),
    "spaced dots": _repeat("10 . 0 . "),
    "secrets' variable names": _repeat("A_SECRET_KEY_"),
    "home folders": _repeat("/home/a/home/"),
    "card words and groups": _repeat("card 1234 5678 "),
    "initials and surnames": _repeat("A. B. Smith "),
    # the thirty-fifth round's: names of other scripts and orders, digits for letters, cells,
    # an address's last part
    "digits for letters": _repeat("j0hn sm1th "),
    "ideographs and kana": _repeat("太田 真綾 谢淑英 "),
    "thai words": _repeat("อัญชัญ ดิสกะประกาย "),
    "surnames first": _repeat("Nguyen Van An "),
    "table cells": _repeat("<td>Anna</td>"),
    "numbered parts and postcodes": _repeat("Flat 3, Mumbai 400069, "),
    # the forty-first round's: names after a field or a title in other scripts
    "name fields in other scripts": _repeat("שם: אבי ФИО: Анна "),
    "titles in Arabic script": _repeat("السيد علي "),
    "particles and spaced ideographs": _repeat("は佐々木 大翔さん"),
    "labels far from their numbers": _repeat("account number of the old card is "),
}


def growth(sizes: list[int], seconds: list[float]) -> float | None:
    """Slope of log time against log size between the first and the last measurement (None
    with fewer than two)."""
    last = len(seconds) - 1
    if last < 1 or seconds[0] <= 0 or sizes[last] == sizes[0]:
        return None
    return math.log(seconds[last] / seconds[0]) / math.log(sizes[last] / sizes[0])


def measure(shapes: dict[str, Callable[[int], str]], sizes_kb: list[int],
            run: Callable[[str], object], *, budget_s: float,
            clock: Callable[[], float] = time.perf_counter,
            advance: Callable[[], None] = lambda: None) -> dict[str, dict[str, Any]]:
    """Seconds per call (the fastest of a few) for each shape at each size, ascending; a shape
    whose call took more than ``budget_s`` is not tried at the larger sizes (``over_budget``:
    some were skipped)."""
    sizes = sorted(sizes_kb)
    out: dict[str, dict[str, Any]] = {}
    for name, make in shapes.items():
        seconds: list[float] = []
        over = False
        for kb in sizes:
            if over:
                advance()
                continue
            text = make(kb * 1024)
            # the fastest of up to three calls (as many as fit in a second after the first):
            # one call of a few KB moves by a third with the machine's noise
            times: list[float] = []
            while not times or len(times) < 3 and sum(times) < 1.0:
                t0 = clock()
                run(text)
                times.append(clock() - t0)
            seconds.append(min(times))
            over = seconds[-1] > budget_s
            advance()
        slope = growth(sizes, seconds)
        out[name] = {"sizes_kb": sizes[:len(seconds)], "seconds": seconds,
                     "ms_per_kb": [s * 1000 / kb for s, kb in zip(seconds, sizes, strict=False)],
                     "growth": slope, "over_budget": len(seconds) < len(sizes),
                     "superlinear": slope is not None and slope > SUPERLINEAR}
    return out


@bench_app.command("worstcase")
def bench_worstcase(
    sizes: Annotated[str, typer.Option(help="comma-separated text sizes in KB")] = "16,64,256",
    ner_backend: Annotated[str, typer.Option(
        help="spacy, learned (needs scripts/ensure-detector.sh) or both")] = "spacy",
    budget: Annotated[float, typer.Option(
        help="seconds after which a shape's larger sizes are skipped")] = 30.0,
    shapes: Annotated[str, typer.Option(
        help="comma-separated shape names (default: all; see --list)")] = "",
    list_shapes: Annotated[bool, typer.Option("--list", help="print the shapes and exit")] = False,
    out: Annotated[Path, typer.Option(help="output directory")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="file name stem of the results")] = "worstcase",
) -> None:
    """protect() on repeated slow-to-scan units at growing sizes: the growth exponent per
    shape (1: linear); a shape growing faster is a denial of service on the gateway."""
    from veil.config import NER_BACKENDS

    if list_shapes:
        typer.echo("\n".join(SHAPES))
        return
    if ner_backend not in NER_BACKENDS:
        raise typer.BadParameter("--ner-backend must be spacy, learned or both")
    try:
        sizes_kb = sorted({int(s) for s in sizes.split(",") if s.strip()})
    except ValueError:
        raise typer.BadParameter("--sizes takes whole KB, e.g. 16,64,256") from None
    if len(sizes_kb) < 2 or sizes_kb[0] < 1:
        raise typer.BadParameter("--sizes needs two sizes or more, each at least 1 KB")
    # (no shape name holds a comma)
    chosen = [s.strip() for s in shapes.split(",") if s.strip()] or list(SHAPES)
    unknown = [s for s in chosen if s not in SHAPES]
    if unknown:
        raise typer.BadParameter(f"unknown shape(s) {unknown}; `--list` prints the names")
    result = run(sizes_kb=sizes_kb, ner_backend=ner_backend, budget_s=budget,
                 shapes={s: SHAPES[s] for s in chosen}, out=out, name=name)
    typer.echo(markdown(result))


def run(*, sizes_kb: list[int], ner_backend: str, budget_s: float,
        shapes: dict[str, Callable[[int], str]], out: Path, name: str) -> dict[str, Any]:
    """Run the benchmark; returns the result (also written under ``out``)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from veil.cli.bench_hotpath import _load, _veil_runner
    from veil.heap import settle_heap

    result: dict[str, Any] = {
        "config": {"sizes_kb": sizes_kb, "ner_backend": ner_backend, "budget_s": budget_s,
                   "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}"},
        "load_start": _load(),
    }
    with tempfile.TemporaryDirectory() as home:
        veil, protect = _veil_runner(Path(home), ner_cache=False, ner_backend=ner_backend)
        for make in shapes.values():  # models and tables load lazily: not in the timings
            protect(make(256), 0)
        settle_heap()
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      transient=True) as progress:
            task = progress.add_task("shapes x sizes", total=len(shapes) * len(sizes_kb))
            result["shapes"] = measure(shapes, sizes_kb, lambda text: protect(text, 0),
                                       budget_s=budget_s,
                                       advance=lambda: progress.advance(task))
        veil.vault.close()
    result["load_end"] = _load()
    write(result, out, name)
    return result


def markdown(result: dict[str, Any]) -> str:
    cfg = result["config"]
    sizes = cfg["sizes_kb"]
    rows = result["shapes"]
    slow = [n for n, r in rows.items() if r["superlinear"]]
    stopped = [n for n, r in rows.items() if r["over_budget"]]
    lines = ["# Worst-case inputs: protect() time as the text grows", "",
             f"NER backend {cfg['ner_backend']}, vault writes (a new session per call); "
             f"{cfg['machine']}; load average (1/5/15 min) at start {result['load_start']}, at "
             f"end {result['load_end']}. Growth: slope of log time against log size "
             f"({sizes[0]} to {sizes[-1]} KB), 1 linear, 2 quadratic; flagged above "
             f"{SUPERLINEAR}; a shape whose call took over {cfg['budget_s']:.0f} s is not tried "
             f"at the larger sizes.", "",
             "| shape | " + " | ".join(f"{kb} KB, ms" for kb in sizes)
             + " | ms per KB (largest) | growth | flag |",
             "|---|" + "---|" * len(sizes) + "---|---|---|"]
    for shape, r in rows.items():
        cells = [f"{s * 1000:.0f}" for s in r["seconds"]]
        cells += ["skipped"] * (len(sizes) - len(cells))
        g = "" if r["growth"] is None else f"{r['growth']:.2f}"
        flag = ", ".join(f for f, on in (("faster than linear", r["superlinear"]),
                                          ("over budget", r["over_budget"])) if on)
        lines.append(f"| {shape} | " + " | ".join(cells)
                     + f" | {r['ms_per_kb'][-1]:.2f} | {g} | {flag} |")
    worst = max(rows.items(), key=lambda kv: kv[1]["ms_per_kb"][-1])
    lines += ["", f"{len(slow)} of {len(rows)} shapes grow faster than linear"
              + (f": {', '.join(slow)}." if slow else ".")
              + (f" Over the budget, larger sizes skipped: {', '.join(stopped)}."
                 if stopped else "")
              + f" Slowest per KB at the largest size: {worst[0]} "
              f"({worst[1]['ms_per_kb'][-1]:.2f} ms per KB)."]
    return "\n".join(lines) + "\n"


def write(result: dict[str, Any], out: Path, name: str) -> None:
    plt = write_report(out, name, result, markdown(result))
    if plt is None:
        return
    fig, ax = plt.subplots(figsize=(9, 6))
    for shape, r in result["shapes"].items():
        ax.plot(r["sizes_kb"], [s * 1000 for s in r["seconds"]], marker="o",
                linewidth=2.2 if r["superlinear"] else 0.8,
                label=shape if r["superlinear"] else None)
    kb = result["config"]["sizes_kb"]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.minorticks_off()  # the sizes are the ticks
    ax.set_xticks(kb, [str(k) for k in kb])
    ax.set_xlabel("text size, KB")
    ax.set_ylabel("protect(), ms")
    ax.set_title(f"protect() on repeated slow-to-scan units ({len(result['shapes'])} shapes; "
                 "bold: faster than linear)")
    if any(r["superlinear"] for r in result["shapes"].values()):
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / f"{name}.png", dpi=120)
    plt.close(fig)
