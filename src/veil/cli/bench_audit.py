"""``veil bench audit``: what the audit log adds to a request, and how fast the log grows.

Runs the real gateway app in process (``build_state`` + ``create_app``, the real privacy core
with pattern recognizers, a loopback-free echo upstream through httpx's MockTransport) and sends
the same 1 KB PII-laden chat request with the audit log off, on SQLite and on Redis (when a
``redis-server`` binary is present), alternating the three (shuffled per round) so that drift
of a shared machine hits each alike. Also times ``record()`` itself (what a request pays on its
own thread), the log's growth per 1,000 requests (file / Redis memory) and ``verify`` /
``prove`` of the result. Writes JSON + markdown + PNG under benchmarks/results/audit/.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app
from veil.evaluation.stats import percentile


def _stats(xs: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(xs) * 1e3,
        "p99_ms": percentile(xs, 0.99) * 1e3,
        "mean_ms": statistics.fmean(xs) * 1e3,
        "n": len(xs),
    }


def _echo(request: Any) -> Any:
    import httpx

    body = json.loads(request.content)
    text = body["messages"][-1]["content"]
    return httpx.Response(
        200,
        json={
            "id": "c1",
            "object": "chat.completion",
            "created": 1,
            "model": body.get("model", "m"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "Echo: " + text[:256]},
                }
            ],
        },
    )


def _app(home: Path, store: str, redis_url: str | None) -> tuple[Any, Any]:
    import httpx

    from veil import Veil
    from veil.config import Policy, Settings
    from veil.gateway import GatewayConfig, OpenAIUpstream, build_state, create_app

    env = {"home": home, "master_key": base64.b64encode(os.urandom(32)).decode()}
    settings = Settings(**env)  # type: ignore[arg-type]
    core = Veil(settings, policy=Policy(ner=False))
    audit: dict[str, Any] = {"store": store}
    if store == "redis":
        audit["redis_url"] = redis_url
        audit["log_name"] = "bench" + os.urandom(4).hex()
    cfg = GatewayConfig.model_validate({"session_secret": "bench", "audit": audit})  # nosec B105 # not a password (a label or test constant)
    upstream = OpenAIUpstream("http://upstream.bench/v1", transport=httpx.MockTransport(_echo))
    state = build_state(cfg, core=core, upstream=upstream)
    return create_app(state), state


def _record_cost(n: int) -> dict[str, float]:
    """What ``record()`` costs the calling thread: the three records of a request."""
    from veil.audit import AuditLog, Signer, SQLiteAuditStore

    with tempfile.TemporaryDirectory() as d:
        log = AuditLog(SQLiteAuditStore(Path(d) / "a.sqlite3"), Signer.generate())
        xs = []
        for i in range(n):
            t0 = time.perf_counter()
            log.record(
                "request", tenant="acme", endpoint="chat", principal="ab" * 16,
                session="cd" * 16, entities={"PERSON": 3, "EMAIL": 2, "PHONE": 1},
                policy="ef" * 32, upstream="OpenAIUpstream@api.example.com", model="gpt-4o",
                stream=0, bytes_in=1100 + i % 50, messages=2, request_id=f"req_{i}",
            )
            log.record("upstream", tenant="acme", endpoint="chat", status=200,
                       latency_ms=12.5, stream=0, request_id=f"req_{i}")
            log.record("restored", tenant="acme", endpoint="chat", restored=6,
                       bytes_out=900, stream=0, request_id=f"req_{i}")
            xs.append(time.perf_counter() - t0)
        log.close()
    return _stats(xs)


def _size_of(state: Any, home: Path) -> int:
    from veil.audit import AuditLog, RedisAuditStore, SQLiteAuditStore

    audit = state.audit
    if not isinstance(audit, AuditLog):
        return 0
    store = audit.store
    if isinstance(store, SQLiteAuditStore):
        with store._lock:
            store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in home.glob("audit.sqlite3*"))
    if isinstance(store, RedisAuditStore):
        return sum(
            int(store._r.memory_usage(k) or 0)
            for k in (store._leaves, store._hashes, store._cps)
        )
    return 0


#: Seconds spent inside the serving layer's audit hooks, per hook call (request path only):
#: wall clock, and CPU time of the calling thread (what the hooks cost without contention).
_HOOK_TIMES: list[float] = []
_HOOK_CPU: list[float] = []


def _time_hooks() -> None:
    """Wrap the audit hooks the serving layer calls, to time what a request pays for them."""
    import functools

    from veil.gateway import audit_events

    def timed(fn: Any) -> Any:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            t0, c0 = time.perf_counter(), time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                if a[0].audit.enabled:  # a[0]: the GatewayState
                    _HOOK_TIMES.append(time.perf_counter() - t0)
                    _HOOK_CPU.append(time.thread_time() - c0)

        return wrapper

    for name in ("request_accepted", "upstream_done", "restored"):
        setattr(audit_events, name, timed(getattr(audit_events, name)))


async def _run(
    apps: dict[str, tuple[Any, Any, Path]], requests: int, warmup: int, prompt: str
) -> dict[str, list[float]]:
    import httpx
    from rich.progress import Progress

    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://veil")
        for name, (a, _, _) in apps.items()
    }
    times: dict[str, list[float]] = {name: [] for name in apps}
    rng = random.Random(0)  # nosec B311 # seeded generator for reproducible data, not a secret
    with Progress() as progress:
        task = progress.add_task("requests", total=(requests + warmup) * len(apps))
        for i in range(requests + warmup):
            body = {"model": "gpt-bench", "messages": [
                {"role": "user", "content": f"{prompt} (request {i})"}]}
            order = list(clients.items())
            rng.shuffle(order)  # no configuration always runs first (warm caches, drift)
            for name, c in order:
                t0 = time.perf_counter()
                r = await c.post("/v1/chat/completions", json=body)
                dt = time.perf_counter() - t0
                r.raise_for_status()
                if i >= warmup:
                    times[name].append(dt)
                progress.advance(task)
    for c in clients.values():
        await c.aclose()
    return times


@bench_app.command("audit")
def bench_audit(
    requests: Annotated[int, typer.Option(help="Measured requests per configuration")] = 1000,
    warmup: Annotated[int, typer.Option(help="Unmeasured requests first")] = 50,
    out: Annotated[Path, typer.Option(help="Results directory")] = Path(
        "benchmarks/results/audit"
    ),
    redis: Annotated[bool, typer.Option(help="Include the Redis store (starts redis-server)")] = (
        True
    ),
) -> None:
    """Added latency per request (p50/p99, audit off vs on) and log growth per 1,000 requests."""
    import shutil
    import subprocess  # nosec B404 # subprocess runs fixed project commands only

    from veil.audit import AuditLog, check_proof, inclusion_proof, verify_log
    from veil.cli.bench_gateway import make_prompt

    out.mkdir(parents=True, exist_ok=True)
    prompt = make_prompt(1024, 0)
    tmp = Path(tempfile.mkdtemp(prefix="veil-bench-audit-"))
    redis_proc: subprocess.Popen[bytes] | None = None
    redis_url = None
    if redis and shutil.which("redis-server"):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        redis_proc = subprocess.Popen(  # nosec B603 B607 # fixed argv of project binaries, no shell; fixed command name resolved on PATH, no shell
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        redis_url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.5)
    try:
        stores = ["off", "sqlite"] + (["redis"] if redis_url else [])
        apps: dict[str, tuple[Any, Any, Path]] = {}
        for store in stores:
            home = tmp / store
            app, state = _app(home, store, redis_url)
            apps[store] = (app, state, home)
        empty = {store: _size_of(state, home) for store, (_, state, home) in apps.items()}
        _time_hooks()
        times = asyncio.run(_run(apps, requests, warmup, prompt))
        hooks: dict[str, Any] = {}
        if _HOOK_TIMES:
            # Three hook calls per request of an audited app (requests run one at a time).
            def per_request(xs: list[float]) -> list[float]:
                return [sum(xs[i : i + 3]) for i in range(0, len(xs), 3)]

            hooks = {**_stats(per_request(_HOOK_TIMES)),
                     "cpu": _stats(per_request(_HOOK_CPU))}
        result: dict[str, Any] = {
            "machine": f"{platform.machine()} {os.cpu_count()} cpu, python "
            f"{platform.python_version()}",
            "requests": requests,
            "prompt_chars": len(prompt),
            "latency": {k: _stats(v) for k, v in times.items()},
            "load_average_1m": os.getloadavg()[0],
            "record_cost_per_request": _record_cost(2000),
            "hook_cost_per_request": hooks,
            "growth": {},
            "verify": {},
        }
        base = result["latency"]["off"]
        for store in stores[1:]:
            lat = result["latency"][store]
            lat["added_p50_ms"] = lat["p50_ms"] - base["p50_ms"]
            lat["added_p99_ms"] = lat["p99_ms"] - base["p99_ms"]
            # Request i of each configuration ran back to back: the median of the paired
            # differences cancels most of a shared machine's drift.
            pairs = [a - b for a, b in zip(times[store], times["off"], strict=True)]
            lat["paired_median_added_ms"] = statistics.median(pairs) * 1e3
        for store in stores[1:]:
            _, state, home = apps[store]
            audit: AuditLog = state.audit
            audit.checkpoint()
            n_requests = requests + warmup
            size = _size_of(state, home) - empty[store]
            result["growth"][store] = {
                "records": audit.size,
                "records_per_request": audit.size / n_requests,
                "bytes": size,
                "bytes_per_1000_requests": size / n_requests * 1000,
            }
            key = audit.signing_public_key()
            t0 = time.perf_counter()
            rep = verify_log(audit.store, [key])
            t_verify = time.perf_counter() - t0
            t0 = time.perf_counter()
            proof = inclusion_proof(audit.store, audit.size // 2)
            t_prove = time.perf_counter() - t0
            result["verify"][store] = {
                "ok": rep.ok,
                "records": rep.records,
                "verify_s": t_verify,
                "prove_s": t_prove,
                "proof_checks": check_proof(proof, [key])[0],
                "proof_path_len": len(proof["path"]),
            }
        for _, state, _ in apps.values():
            state.audit.close()
    finally:
        if redis_proc is not None:
            redis_proc.terminate()
            redis_proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)

    (out / "audit.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Audit log overhead",
        "",
        f"`veil bench audit --requests {requests}` on {result['machine']}; real gateway app "
        f"in process, {len(prompt)}-character prompt with PII, echo upstream.",
        "",
        f"Load average at the end: {result['load_average_1m']:.1f} on {os.cpu_count()} cores.",
        "",
        "| store | p50 ms | p99 ms | added p50 ms | added p99 ms | median paired added ms |",
        "|---|---|---|---|---|---|",
    ]
    for k, v in result["latency"].items():
        lines.append(
            f"| {k} | {v['p50_ms']:.3f} | {v['p99_ms']:.3f} | "
            f"{v.get('added_p50_ms', 0):+.3f} | {v.get('added_p99_ms', 0):+.3f} | "
            f"{v.get('paired_median_added_ms', 0):+.3f} |"
        )
    rc, hc = result["record_cost_per_request"], result["hook_cost_per_request"]
    lines += [
        "",
        f"`record()` x3 (one request's records) on the request's thread: p50 "
        f"{rc['p50_ms'] * 1000:.1f} us, p99 {rc['p99_ms'] * 1000:.1f} us.",
        "",
        f"The serving layer's audit hooks (fields + records, per request, measured inside the "
        f"gateway): p50 {hc.get('p50_ms', 0) * 1000:.1f} us, p99 "
        f"{hc.get('p99_ms', 0) * 1000:.1f} us wall clock; CPU time of the request's thread "
        f"p50 {hc.get('cpu', {}).get('p50_ms', 0) * 1000:.1f} us, p99 "
        f"{hc.get('cpu', {}).get('p99_ms', 0) * 1000:.1f} us (the wall clock includes waiting "
        "for a core on a shared machine).",
        "",
        "| store | records/request | bytes per 1,000 requests | verify s | prove s |",
        "|---|---|---|---|---|",
    ]
    for k, g in result["growth"].items():
        vf = result["verify"][k]
        lines.append(
            f"| {k} | {g['records_per_request']:.2f} | {g['bytes_per_1000_requests']:,.0f} | "
            f"{vf['verify_s']:.3f} ({vf['records']} records, ok={vf['ok']}) | "
            f"{vf['prove_s']:.3f} |"
        )
    (out / "audit.md").write_text("\n".join(lines) + "\n")
    _plot(times, out / "audit.png")
    typer.echo("\n".join(lines))


def _plot(times: dict[str, list[float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    names = list(times)
    ax.boxplot([[t * 1e3 for t in times[n]] for n in names], showfliers=False)
    ax.set_xticks(range(1, len(names) + 1), [f"audit {n}" for n in names])
    ax.set_ylabel("request latency (ms)")
    ax.set_title("Gateway request latency with the audit log off / on")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
