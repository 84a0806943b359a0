"""Before/after of a round of hot-path changes: a copy of the tree before it (its ``src``)
against the working tree, in alternating processes, with the load average of every row.

1. ``protect()`` and ``DetectionEngine.analyze`` on the 1 MB text of ``veil bench hotpath``
   (NER off, a new session per call): CPU and wall seconds, and a digest of the masked text and
   entities, which must be the same before and after (same text, same key, placeholders).
2. ``veil protect TEXT`` from the shell (a new vault each run), NER off and on: CPU time
   (user + sys) and wall time.

    git archive HEAD src | tar -x -C /tmp/baseA
    nice -n 10 .venv/bin/python benchmarks/results/hotpath/ab_s27.py --base /tmp/baseA/src
    # a later round, against the tree before it, written to ab_s30.{txt,json}:
    git worktree add /tmp/baseA bbba0cc
    nice -n 10 .venv/bin/python benchmarks/results/hotpath/ab_s27.py --base /tmp/baseA/src \
        --rounds 3 --cli-runs 3 --name ab_s30

Writes ``<name>.txt`` and ``<name>.json`` next to this file (``ab_s27`` unless
``--name``). Texts and values never appear in
the output: sizes, counts, timings and digests only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CLI_TEXT = "Hi, I am Jane Doe, mail jane@example.com"


def child(path: str) -> None:
    """Run in a process whose ``veil`` is the version under test; prints one JSON line."""
    from veil import Veil
    from veil.config import Policy, Settings

    text = Path(path).read_text(encoding="utf-8")
    key = base64.b64encode(bytes(range(32))).decode()
    with tempfile.TemporaryDirectory() as home:
        veil = Veil(Settings(home=Path(home), master_key=key), policy=Policy(ner=False))
        veil.protect("Hi, I am Jane Doe, mail jane@example.com", session="warm-up")
        rows = []
        digest = ""
        for i in range(2):
            c, w = time.process_time(), time.perf_counter()
            r = veil.protect(text, session=f"s{i}")
            rows.append({"protect_cpu_s": round(time.process_time() - c, 3),
                         "protect_wall_s": round(time.perf_counter() - w, 3)})
            h = hashlib.sha256(r.masked.encode())
            for e in r.entities:
                h.update(f"{e.type}|{e.start}|{e.end}|{e.replacement}|{e.operator}".encode())
            digest = h.hexdigest()[:16]
            c = time.process_time()
            n = len(veil.engine().analyze(text))
            rows[-1]["analyze_cpu_s"] = round(time.process_time() - c, 3)
        veil.vault.close()
    print(json.dumps({"rows": rows, "digest": digest, "entities": len(r.entities),
                      "detections": n, "load1": os.getloadavg()[0]}))


def _env(src: str | None, home: str) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="",
               VEIL_HOME=home)
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = src
    return env


def protect_1mb(versions: dict[str, str | None], rounds: int, text_path: str) -> dict:
    out: dict[str, list] = {k: [] for k in versions}
    order = list(versions)
    for r in range(rounds):
        for label in order if r % 2 == 0 else order[::-1]:
            with tempfile.TemporaryDirectory() as home:
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", text_path],
                    env=_env(versions[label], home), capture_output=True, text=True,
                    check=True, timeout=900)
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            out[label].append(row)
            print(r, label, row, flush=True)
    return out


def cli(versions: dict[str, str | None], runs: int, policy: str) -> dict:
    exe = str(Path(sys.executable).with_name("veil"))
    args = ["protect", *(["--policy", policy] if policy else []), CLI_TEXT]
    out: dict[str, dict[str, list[float]]] = {k: {"cpu_s": [], "wall_s": [], "load1": []}
                                              for k in versions}
    order = list(versions)
    for r in range(runs):
        for label in order if r % 2 == 0 else order[::-1]:
            with tempfile.TemporaryDirectory() as home:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run([exe, *args], env=_env(versions[label], home), check=True,
                               capture_output=True, timeout=300)
                wall = time.perf_counter() - t0
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            out[label]["cpu_s"].append(round(cpu, 3))
            out[label]["wall_s"].append(round(wall, 3))
            out[label]["load1"].append(round(os.getloadavg()[0], 2))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--base", default="/tmp/baseA/src", help="src of the HEAD copy")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cli-runs", type=int, default=5)
    ap.add_argument("--skip-1mb", action="store_true")
    ap.add_argument("--name", default="ab_s27", help="stem of the result files")
    a = ap.parse_args()
    if a.child:
        child(a.child)
        return
    sys.path.insert(0, str(REPO / "src"))
    from veil.cli.bench_hotpath import corpus

    versions: dict[str, str | None] = {"before": a.base, "after": None}
    result: dict = {"uptime_start": os.getloadavg()}
    lines = [f"# command: nice -n 10 .venv/bin/python benchmarks/results/hotpath/ab_s27.py "
             f"--name {a.name} "
             f"--base {a.base} --rounds {a.rounds} --cli-runs {a.cli_runs}",
             f"# started {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, 2-core machine "
             f"shared, load1 per row; before = HEAD (git archive), after = working tree"]
    if not a.skip_1mb:
        _, _, big = corpus(300, 40)  # the text of `veil bench hotpath` (default sizes)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                         encoding="utf-8") as f:
            f.write(big)
        try:
            mb = protect_1mb(versions, a.rounds, f.name)
        finally:
            os.unlink(f.name)
        result["protect_1mb_noner"] = mb
        lines.append(f"## protect() / analyze() on the 1 MB text ({len(big)} chars), NER off, "
                     "CPU s (wall s), two calls per process, new session each")
        for label, rows in mb.items():
            for row in rows:
                cells = "; ".join(f"protect {x['protect_cpu_s']:.2f} ({x['protect_wall_s']:.2f})"
                                  f" analyze {x['analyze_cpu_s']:.2f}" for x in row["rows"])
                lines.append(f"{label:6s} {cells}; entities {row['entities']}, digest "
                             f"{row['digest']}, load1 {row['load1']:.2f}")
        for label, rows in mb.items():
            best = [min(x["protect_cpu_s"] for x in row["rows"]) for row in rows]
            lines.append(f"{label:6s} protect CPU median of per-process best: "
                         f"{statistics.median(best):.2f} s")
        digests = {row["digest"] for rows in mb.values() for row in rows}
        lines.append(f"same masked text and entities before and after: {len(digests) == 1}")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write("ner: false\n")
    try:
        for name, policy in (("ner_off", f.name), ("ner_on", "")):
            res = cli(versions, a.cli_runs, policy)
            result[f"cli_{name}"] = res
            lines.append(f"## `veil protect` short text, new vault, {name.replace('_', ' ')}: "
                         "CPU s (user+sys) / wall s per run")
            for label, r in res.items():
                cpu, wall = statistics.median(r["cpu_s"]), statistics.median(r["wall_s"])
                lines.append(f"{label:6s} CPU {r['cpu_s']} median {cpu:.2f}; wall {r['wall_s']} "
                             f"median {wall:.2f}; load1 {r['load1']}")
    finally:
        os.unlink(f.name)
    result["uptime_end"] = os.getloadavg()
    lines.append(f"# load average at start {result['uptime_start']}, at end {result['uptime_end']}")
    (HERE / f"{a.name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (HERE / f"{a.name}.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
