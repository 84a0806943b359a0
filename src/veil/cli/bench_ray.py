"""``veil bench ray``: rows/s of Ray Data batch anonymization for 1..N workers.

Generates a JSONL data set of support tickets (seeded; e-mail addresses and phone numbers of a
pool of customers, so values repeat across rows and blocks), starts a private ``redis-server`` on
loopback as the shared vault, anonymizes the set with ``veil.integrations.ray.anonymize`` once
per worker count, and checks that each value got ONE replacement across all workers. Writes
``benchmarks/results/ray/ray.{json,md,png}``.
"""

from __future__ import annotations

import base64
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app

OUT = Path("benchmarks/results/ray")


def make_tickets(path: Path, rows: int, *, seed: int = 0) -> None:
    rng = random.Random(seed)  # nosec B311 # synthetic benchmark data
    customers = max(1, rows // 4)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(rows):
            k = rng.randrange(customers)
            text = (f"Ticket {i}: please call customer {k} on +44 20 7946 {k % 10000:04d} "
                    f"or write to cust{k}@example.com about the refund.")
            f.write(json.dumps({"id": i, "customer": k, "text": text}) + "\n")


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise typer.BadParameter("redis-server not found; run `make services-install`")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(  # nosec B603 # fixed argv, no shell
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    import redis

    for _ in range(100):
        try:
            redis.Redis(port=port).ping()
            return proc, port
        except redis.RedisError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("redis-server did not start")


_EMAIL = re.compile(r"write to (\S+) about")


def distinct_replacements(dest: Path) -> tuple[int, int]:
    """(rows, customers whose e-mail got more than one replacement) over all output parts."""
    seen: dict[int, set[str]] = {}
    rows = 0
    for part in sorted(dest.glob("part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            rows += 1
            m = _EMAIL.search(obj["text"])
            seen.setdefault(obj["customer"], set()).add(m.group(1) if m else "")
    return rows, sum(1 for v in seen.values() if len(v) > 1)


@bench_app.command("ray")
def bench_ray(
    rows: Annotated[int, typer.Option(help="rows in the generated data set")] = 100_000,
    max_workers: Annotated[int, typer.Option(help="measure 1..N Ray workers")] = 2,
    rows_per_block: Annotated[int, typer.Option(help="rows per checkpointed block")] = 1000,
    session: Annotated[
        str, typer.Option(help="'dataset' (one vault session) or 'customer' (one per customer)")
    ] = "dataset",
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """Rows/s of batch anonymization on Ray for 1..N workers over one shared Redis vault."""
    from veil.integrations.ray import anonymize

    # Ray runs its workers 15 nice levels below the driver; on a shared machine they would then
    # measure the other jobs' load, not Veil (a Ray job submission sets it to 0 the same way).
    os.environ.setdefault("RAY_worker_niceness", "0")

    def done() -> None:
        import ray

        if ray.is_initialized():
            ray.shutdown()

    bench_engine("ray", anonymize, rows=rows, max_workers=max_workers,
                 rows_per_block=rows_per_block, session=session, out=out, shutdown=done)


def bench_engine(
    engine: str, anonymize: Callable[..., Any], *, rows: int, max_workers: int,
    rows_per_block: int, session: str, out: Path, shutdown: Callable[[], None] | None = None,
) -> None:
    """Generate the tickets, start a private Redis, run ``anonymize`` for 1..N workers, check
    consistency, write ``<out>/<engine>.{json,md,png}`` (shared by the Ray and Spark benches)."""
    from veil.config import Policy, Settings

    points: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix=f"veil-{engine}-") as d:
        work = Path(d)
        src = work / "tickets.jsonl"
        make_tickets(src, rows)
        proc, port = start_redis(work)
        try:
            for n in range(1, max_workers + 1):
                settings = Settings(
                    vault_backend="redis", redis_url=f"redis://127.0.0.1:{port}/{n}",
                    master_key=base64.b64encode(os.urandom(32)).decode(), home=work / "home",
                )
                dest = work / f"out-{n}"
                load_before = [round(x, 2) for x in os.getloadavg()]
                report = anonymize(
                    src, dest, settings=settings,
                    policy=Policy(default_operator="pseudonym", ner=False),
                    session_column="customer" if session == "customer" else None,
                    workers=n, rows_per_block=rows_per_block,
                )
                written, inconsistent = distinct_replacements(dest)
                points.append({
                    "workers": n, "rows": report.rows, "rows_written": written,
                    "seconds": round(report.seconds, 2),
                    "rows_per_s": round(report.rows_per_s, 1),
                    "customers_with_two_replacements": inconsistent,
                    "load_avg_before": load_before,
                    "load_avg": [round(x, 2) for x in os.getloadavg()],
                })
                typer.echo(f"{n} worker(s): {report.rows_per_s:.1f} rows/s "
                           f"({report.rows} rows, {inconsistent} inconsistent)", err=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            if shutdown is not None:
                shutdown()
    result = {"engine": engine,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
              "rows": rows, "rows_per_block": rows_per_block, "session": session,
              "ner": False, "points": points}
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{engine}.json").write_text(json.dumps(result, indent=2) + "\n")
    title = {"ray": "Ray Data", "spark": "PySpark"}.get(engine, engine)
    lines = [f"# {title} batch anonymization ({rows} rows, session={session}, "
             f"{os.cpu_count()} CPUs)", "",
             (f"Command: `veil bench {engine} --rows {rows} --max-workers {max_workers} "
              f"--rows-per-block {rows_per_block} --session {session}`. Seconds include "
              "starting the engine and its workers; load is the 1/5/15-minute load average "
              "after each run (the machine is shared)."), "",
             "| workers | rows/s | seconds | customers with two replacements | load (1/5/15 min) |",
             "|---|---|---|---|---|",
             *(f"| {p['workers']} | {p['rows_per_s']} | {p['seconds']} | "
               f"{p['customers_with_two_replacements']} | "
               f"{' / '.join(str(x) for x in p['load_avg'])} |" for p in points)]
    (out / f"{engine}.md").write_text("\n".join(lines) + "\n")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 3.2))
    ax.bar([str(p["workers"]) for p in points], [p["rows_per_s"] for p in points])
    ax.set_xlabel(f"{title} workers")
    ax.set_ylabel("rows/s")
    ax.set_title(f"anonymize {rows} rows ({os.cpu_count()} CPUs)")
    fig.tight_layout()
    fig.savefig(out / f"{engine}.png", dpi=120)
    typer.echo(f"wrote {out}/{engine}.json, .md, .png", err=True)


def register(app: typer.Typer) -> None:  # the command attaches to bench_app on import
    return None
