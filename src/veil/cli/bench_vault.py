"""``veil bench vault``: the per-request cost of the vault path (protect + restore).

Runs chat-shaped requests through :class:`veil.Veil` -- protect a prompt, restore an answer
that quotes its replacements -- on a SQLite vault (temporary file) and on a private loopback
``redis-server``, for a short prompt and a ~1 KB one. Detection is the pattern recognizers only
(``ner: false``): the NER model costs the same whatever the vault does and is measured by
``veil bench detect``. Values come from a seeded pool, so later requests meet known values
(reads) and new ones (writes) as a real session does. Records ms per protect / restore, Redis
commands per request (``INFO commandstats`` before/after) and the load average.
Writes ``benchmarks/results/hotpath/vault.{json,md}``.
"""

from __future__ import annotations

import base64
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, Literal, cast

import typer

from veil.cli.bench import bench_app

OUT = Path("benchmarks/results/hotpath")

_SHORT = "Hi, I'm {name} ({email}); call me on {phone} about my refund."
_LONG_PART = (
    "Customer {name} wrote from {email} on Monday asking why the refund for order 77{k:04d} "
    "has not arrived. They can be reached on {phone} in the afternoons, and their card ending "
    "was charged twice. Please escalate to the billing team and copy {name2} ({email2}). "
)


def _values(rng: random.Random, pool: int) -> dict[str, Any]:
    k, k2 = rng.randrange(pool), rng.randrange(pool)
    return {
        "k": k, "name": f"Alex Kim {k}",
        "email": f"user{k}@example.com", "phone": f"+44 20 7946 {k:04d}",
        "name2": f"Sam Lee {k2}", "email2": f"ops{k2}@example.org",
    }


def prompt(kind: str, rng: random.Random, pool: int) -> str:
    if kind == "short":
        return _SHORT.format(**_values(rng, pool))
    text = ""
    while len(text) < 1000:
        text += _LONG_PART.format(**_values(rng, pool))
    return text


def _commands(client: Any) -> int:
    """Commands Redis executed (those run inside scripts included), this INFO call excluded."""
    stats = client.info("commandstats")
    return sum(int(v["calls"]) for k, v in stats.items() if k not in {"cmdstat_info"})


class _RoundTrips:
    """Counts what the client sends to Redis: one per command, one per pipeline (a round
    trip each). Patched onto redis-py's connection class for the benchmark only."""

    def __init__(self) -> None:
        from redis.connection import AbstractConnection

        self.n = 0
        self._cls = AbstractConnection
        self._orig = AbstractConnection.send_packed_command
        counter = self

        def send(conn: Any, command: Any, check_health: bool = True) -> None:
            counter.n += 1
            counter._orig(conn, command, check_health)

        AbstractConnection.send_packed_command = send  # type: ignore[method-assign]

    def close(self) -> None:
        self._cls.send_packed_command = self._orig  # type: ignore[method-assign]


def run_backend(
    backend: Literal["sqlite", "redis"], kind: str, *, requests: int, sessions: int, pool: int,
    redis_port: int | None, work: Path,
) -> dict[str, Any]:
    from veil.config import Policy, Settings
    from veil.core import Veil

    settings = Settings(
        home=work / f"home-{backend}-{kind}", vault_backend=backend,
        redis_url=f"redis://127.0.0.1:{redis_port}/0" if redis_port else "redis://127.0.0.1:1/0",
        master_key=base64.b64encode(os.urandom(32)).decode(),
    )
    veil = Veil(settings, policy=Policy(ner=False))
    client = None
    if backend == "redis":
        import redis

        client = redis.Redis(port=redis_port or 0)
        client.flushall()
    rng = random.Random(7)  # nosec B311 # synthetic benchmark data
    veil.protect("warm up jane@example.com", session="warm")  # keys, detectors, scripts
    protect_ms: list[float] = []
    restore_ms: list[float] = []
    cpu_ms: list[float] = []  # this process's CPU per protect: robust to other jobs' load
    before = _commands(client) if client is not None else 0
    trips = _RoundTrips() if client is not None else None
    for i in range(requests):
        session = f"s{i % sessions}"
        text = prompt(kind, rng, pool)
        c0, t0 = time.process_time(), time.perf_counter()
        r = veil.protect(text, session=session)
        t1, c1 = time.perf_counter(), time.process_time()
        cpu_ms.append((c1 - c0) * 1e3)
        answer = "Noted: " + " and ".join(e.replacement for e in r.entities)
        restored = veil.restore(
            answer, session=session, scope=frozenset(e.replacement for e in r.entities)
        )
        t2 = time.perf_counter()
        if r.entities and restored == answer:
            raise RuntimeError("restore changed nothing: the benchmark is broken")
        protect_ms.append((t1 - t0) * 1e3)
        restore_ms.append((t2 - t1) * 1e3)
    sent = trips.n if trips is not None else None
    if trips is not None:
        trips.close()
    cmds = (_commands(client) - before) if client is not None else None
    veil.vault.close()

    def pct(xs: list[float], q: float) -> float:
        return round(sorted(xs)[int(q * (len(xs) - 1))], 3)

    return {
        "backend": backend, "prompt": kind, "requests": requests, "sessions": sessions,
        "chars": len(prompt(kind, random.Random(7), pool)),  # nosec B311
        "protect_ms_mean": round(statistics.fmean(protect_ms), 3),
        "protect_ms_p50": pct(protect_ms, 0.5), "protect_ms_p90": pct(protect_ms, 0.9),
        "protect_cpu_ms_mean": round(statistics.fmean(cpu_ms), 3),
        "restore_ms_mean": round(statistics.fmean(restore_ms), 3),
        "restore_ms_p50": pct(restore_ms, 0.5),
        "redis_commands_per_request": round(cmds / requests, 2) if cmds is not None else None,
        "redis_round_trips_per_request": round(sent / requests, 2) if sent is not None else None,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }


@bench_app.command("vault")
def bench_vault(
    requests: Annotated[int, typer.Option(help="requests per backend and prompt size")] = 300,
    sessions: Annotated[int, typer.Option(help="conversations the requests rotate over")] = 20,
    pool: Annotated[int, typer.Option(help="distinct people/e-mails/phones")] = 400,
    backends: Annotated[str, typer.Option(help="comma-separated: sqlite,redis")] = "sqlite,redis",
    label: Annotated[str, typer.Option(help="name of the result files (vault-<label>)")] = "",
    out: Annotated[Path, typer.Option(help="results directory")] = OUT,
) -> None:
    """ms per protect/restore and Redis commands per request, short and ~1 KB prompts."""
    from rich.console import Console

    from veil.cli.bench_ray import start_redis

    console = Console(stderr=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="veil-vault-bench-") as d:
        work = Path(d)
        proc, port = start_redis(work) if "redis" in backends else (None, None)
        try:
            for backend in backends.split(","):
                for kind in ("short", "1kb"):
                    with console.status(f"{backend} {kind}: {requests} requests..."):
                        row = run_backend(
                            cast(Literal["sqlite", "redis"], backend), kind, requests=requests,
                            sessions=sessions, pool=pool, redis_port=port, work=work,
                        )
                    rows.append(row)
                    console.print(
                        f"{backend:6s} {kind:5s} protect {row['protect_ms_mean']:.2f} ms "
                        f"cpu {row['protect_cpu_ms_mean']:.2f} ms "
                        f"(p50 {row['protect_ms_p50']:.2f}) restore {row['restore_ms_mean']:.2f}"
                        f" ms  redis cmds/request {row['redis_commands_per_request']} "
                        f"round trips/request {row['redis_round_trips_per_request']}  "
                        f"load {row['load_avg']}"
                    )
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)
    name = f"vault-{label}" if label else "vault"
    result = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
              "requests": requests, "sessions": sessions, "pool": pool, "ner": False,
              "rows": rows}
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"# Vault path per request ({name})", "",
        f"Command: `veil bench vault --requests {requests} --sessions {sessions} --pool {pool}"
        f" --backends {backends}{' --label ' + label if label else ''}` (ner off; "
        f"{os.cpu_count()} shared CPUs).", "",
        "| backend | prompt | protect ms (mean / p50) | protect CPU ms | restore ms | Redis "
        "commands / round trips per request | load |",
        "|---|---|---|---|---|---|---|",
        *(f"| {r['backend']} | {r['prompt']} ({r['chars']} chars) | {r['protect_ms_mean']} / "
          f"{r['protect_ms_p50']} | {r['protect_cpu_ms_mean']} | {r['restore_ms_mean']} | "
          f"{r['redis_commands_per_request'] or '-'} / {r['redis_round_trips_per_request'] or '-'}"
          f" | {r['load_avg'][0]} |" for r in rows),
    ]
    (out / f"{name}.md").write_text("\n".join(lines) + "\n")
    console.print(f"wrote {out}/{name}.json, .md")


def register(app: typer.Typer) -> None:  # the command attaches to bench_app on import
    return None
