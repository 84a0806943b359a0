"""``veil bench scale`` and ``veil bench replicas``: the gateway as a fleet on loopback.

- ``scale``: requests/s of 1, 2, 3 ... replicas behind HAProxy sharing one Redis vault, under
  the same concurrent streaming load (``benchmarks/results/scale/scale.{json,md,png}``).
- ``replicas``: the fault drill -- N conversations at once, one replica SIGKILLed mid-load, then
  (Sentinel topology) the Redis primary SIGKILLed mid-load; lost mappings, wrong restorations,
  leaks and client retries for each (``benchmarks/results/scale/replicas.{json,md}``).

Both start real processes (``veil serve``, ``haproxy``, ``redis-server``, ``redis-sentinel``)
from :class:`veil.deploy.rig.Rig` and stop them before returning.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veil.cli.bench import bench_app

if TYPE_CHECKING:
    from veil.deploy.loadgen import LoadResult
    from veil.deploy.rig import Rig

OUT = Path("benchmarks/results/scale")


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "host": platform.node()}


def load_with_fault(
    rig: Rig, *, conversations: int, seed: int, fault: str | None, at: float = 0.33,
    progress: Any = None,
) -> tuple[LoadResult, dict[str, Any]]:
    """Run the load; when ``at`` of the conversations are done, apply ``fault``
    ("replica": SIGKILL gateway-1; "primary": SIGKILL the Redis primary)."""
    from veil.deploy.loadgen import check_upstream, run_load

    info: dict[str, Any] = {"fault": fault}
    task = progress.add_task(f"{fault or 'load'}", total=conversations) if progress else None

    def on_progress(done: int) -> None:
        if progress is not None:
            progress.update(task, completed=done)
        if fault and "killed" not in info and done >= int(conversations * at):
            name = "gateway-1" if fault == "replica" else rig.primary_name()
            rig.kill(name)
            info.update(killed=name, killed_after_conversations=done)

    res = asyncio.run(
        run_load(rig.url, rig.api_key, conversations=conversations, seed=seed,
                 on_progress=on_progress)
    )
    check_upstream(rig.record, res, conversations=conversations, seed=seed)
    if fault == "primary":
        info["primary_after"] = rig.primary_name()
    return res, info


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), transient=False,
    )


@bench_app.command("replicas")
def bench_replicas(
    conversations: Annotated[int, typer.Option(help="concurrent two-turn conversations")] = 200,
    replicas: Annotated[int, typer.Option(help="veil serve processes behind HAProxy")] = 3,
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """Kill a replica, then the Redis primary, mid-load: what is lost and what is restored."""
    from rich.console import Console

    from veil.deploy.rig import Rig

    console = Console(stderr=True)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="veil-rig-") as d, _progress() as progress:
        t0 = time.monotonic()
        with Rig(Path(d), replicas=replicas, sentinel=True) as rig:
            startup = time.monotonic() - t0
            for seed, fault in enumerate(("replica", "primary")):
                res, info = load_with_fault(
                    rig, conversations=conversations, seed=seed, fault=fault, progress=progress
                )
                entries = rig.vault_entries()
                runs.append({**info, **res.summary(), "vault_entries_after": entries})
    topology = "HAProxy -> veil serve x N -> Redis primary + replica, 3 Sentinels"
    result = {
        "machine": _machine(), "replicas": replicas, "startup_s": round(startup, 2),
        "topology": topology,
        "runs": runs,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "replicas.json").write_text(json.dumps(result, indent=2) + "\n")
    cols = ["fault", "killed", "conversations", "turns_ok", "failed_conversations",
            "client_retries", "wrong_restorations", "lost_mappings", "leaked_values",
            "requests_per_s", "latency_p95_s"]
    lines = [
        f"# Replica fault drill ({replicas} replicas, {conversations} concurrent conversations)",
        "", f"Command: `veil bench replicas --conversations {conversations} --replicas "
        f"{replicas}`. {topology}.", "",
        "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols),
        *("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in runs),
    ]
    (out / "replicas.md").write_text("\n".join(lines) + "\n")
    for r in runs:
        console.print({k: r.get(k) for k in cols})
    console.print(f"wrote {out}/replicas.json, .md")


@bench_app.command("scale")
def bench_scale(
    max_replicas: Annotated[int, typer.Option(help="measure 1..N replicas")] = 3,
    conversations: Annotated[int, typer.Option(help="two-turn conversations per point")] = 200,
    concurrency: Annotated[int, typer.Option(help="conversations in flight at once")] = 64,
    rounds: Annotated[int, typer.Option(
        min=1, help="measure 1..N this many times, interleaved; the table gives the median")] = 1,
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """Requests/s of 1..N gateway replicas behind HAProxy on one Redis."""
    from rich.console import Console

    from veil.deploy.loadgen import check_upstream, run_load
    from veil.deploy.rig import Rig

    console = Console(stderr=True)
    runs: list[dict[str, Any]] = []
    # Rounds interleave the replica counts (1, 2, 3, 1, 2, 3 ...) so that a change in the
    # machine's load during the run hits every count alike; the median is reported.
    with _progress() as progress:
        for rnd, n in ((r, n) for r in range(rounds) for n in range(1, max_replicas + 1)):
            with tempfile.TemporaryDirectory(prefix="veil-rig-") as d, Rig(
                Path(d), replicas=n
            ) as rig:
                asyncio.run(run_load(rig.url, rig.api_key, conversations=16, seed=99))  # warm
                load_before = os.getloadavg()[0]
                task = progress.add_task(f"{n} replica(s), round {rnd + 1}", total=conversations)

                def advance(k: int, t: Any = task) -> None:
                    progress.update(t, completed=k)

                res = asyncio.run(
                    run_load(
                        rig.url, rig.api_key, conversations=conversations,
                        concurrency=concurrency, seed=n,
                        on_progress=advance,
                    )
                )
                check_upstream(rig.record, res, conversations=conversations, seed=n)
                runs.append({"replicas": n, "round": rnd + 1, **res.summary(),
                             "load_1min": [round(load_before, 2),
                                           round(os.getloadavg()[0], 2)]})
    points = [_median_point([r for r in runs if r["replicas"] == n])
              for n in range(1, max_replicas + 1)]
    result = {"machine": _machine(), "concurrency": concurrency, "rounds": rounds,
              "points": points, "runs": runs}
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"# Gateway scale-out ({os.cpu_count()} CPUs, {concurrency} conversations in flight)",
        "", f"Command: `veil bench scale --max-replicas {max_replicas} --conversations "
        f"{conversations} --concurrency {concurrency} --rounds {rounds}`. Medians over the "
        "rounds; the range is the lowest and highest round; wrong restorations and lost "
        "mappings are summed over the rounds.", "",
        "| replicas | requests/s (median) | range | p50 s | p95 s | wrong restorations "
        "| lost mappings | load (1 min) |",
        "|---|---|---|---|---|---|---|---|",
        *(
            f"| {p['replicas']} | {p['requests_per_s']} | {p['requests_per_s_range'][0]}-"
            f"{p['requests_per_s_range'][1]} | {p['latency_p50_s']} | {p['latency_p95_s']} | "
            f"{p['wrong_restorations']} | {p['lost_mappings']} | "
            f"{p['load_1min'][0]}-{p['load_1min'][1]} |"
            for p in points
        ),
    ]
    (out / "scale.md").write_text("\n".join(lines) + "\n")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    xs = [p["replicas"] for p in points]
    ax.plot(xs, [p["requests_per_s"] for p in points], "o-", label="measured")
    base = points[0]["requests_per_s"]
    ax.plot(xs, [base * x for x in xs], "--", color="grey", label="linear")
    ax.set_xlabel("replicas")
    ax.set_ylabel("requests/s")
    ax.set_xticks(xs)
    ax.set_title(f"veil serve behind HAProxy ({os.cpu_count()} CPUs)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "scale.png", dpi=120)
    for p in points:
        console.print(f"{p['replicas']} replica(s): {p['requests_per_s']} requests/s")
    console.print(f"wrote {out}/scale.json, .md, .png")


def _median_point(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One replica count over its rounds: medians of the rates and latencies, sums of the
    failures (a single wrong restoration in any round must show)."""
    from statistics import median

    rates = [r["requests_per_s"] for r in runs]
    loads = [x for r in runs for x in r["load_1min"]]
    return {
        "replicas": runs[0]["replicas"], "rounds": len(runs),
        "requests_per_s": round(median(rates), 2),
        "requests_per_s_range": [min(rates), max(rates)],
        **{k: (round(median(v), 4) if (v := [r[k] for r in runs if r[k] is not None])
               else None) for k in ("latency_p50_s", "latency_p95_s")},
        **{k: sum(r[k] for r in runs) for k in (
            "turns_ok", "failed_conversations", "client_retries", "wrong_restorations",
            "lost_mappings", "leaked_values")},
        "load_1min": [min(loads), max(loads)],
    }


def register(app: typer.Typer) -> None:  # commands attach to bench_app on import
    return None
