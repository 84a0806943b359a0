"""Two gateways side by side, one per source tree, learned backend, a new prompt per request,
interleaved rounds (the order alternating): requests per second, the gateway's CPU per request
(its processes' user + system time over the requests served), and each request's latency
(p50, p99) as the client saw it.

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s35/ab_latency_s35.py 6 6

Arguments: rounds, seconds per peer and round. Environment: WORKERS=<n> workers per gateway
(default 1), CONC=<n> connections (default 16), PRE_A / PRE_B a Python statement run in that
gateway's process before it starts (to try a setting on one tree, e.g.
PRE_B="import sys; sys.setswitchinterval(0.001)").
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from veil.cli.bench_gateway import valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate


def _cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _load(url: str, prompts: list[str], connections: int, seconds: float,
                tag: str) -> dict[str, float]:
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def worker(w: int) -> None:
            i = w
            while time.perf_counter() < stop_at:
                body = {"model": "echo",
                        "messages": [{"role": "user", "content": prompts[i % len(prompts)]}]}
                t0 = time.perf_counter()
                r = await client.post(url, json=body, headers={"X-Veil-Session": f"{tag}-{i}"})
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise RuntimeError(f"status {r.status_code}")
                i += connections

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(connections)))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "n": len(latencies),
            "p50": latencies[len(latencies) // 2] * 1e3,
            "p99": latencies[int(len(latencies) * 0.99)] * 1e3}


def rig(workers: str = "1") -> tuple[dict[str, str], subprocess.Popen[bytes], list[str]]:
    """A fresh home with the learned backend and limits that fit the load, the echo upstream
    started on it: (environment, upstream process, ``veil serve`` arguments)."""
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": "learned"}))
    (home / "gw.yaml").write_text(json.dumps({"policy_file": str(home / "policy.yaml"), "limits": {
        "max_concurrent_requests": 400, "requests_per_minute": 1_000_000}}))
    args = ["serve", "--config", str(home / "gw.yaml"), "--upstream-base-url", up_url + "/v1",
            "--log-level", "warning", "--workers", workers]
    return env, up, args


def start_trees(env: dict[str, str], args: list[str],
                procs: list[subprocess.Popen[bytes]]) -> list[tuple[str, str, Any]]:
    """``veil serve args`` from the trees $SRC_A and $SRC_B (each after its $PRE_A / $PRE_B
    statement): (name, base URL, process) each; the processes are added to ``procs``. Each
    tree has a home (and vault file) of its own: trees of two vault layouts cannot share one
    (the newer refuses the older's writes)."""
    peers = []
    for name in ("A", "B"):
        home = Path(env["VEIL_HOME"]) / name
        home.mkdir(exist_ok=True)
        tree_env = {**env, "VEIL_HOME": str(home)}
        src = str(Path(os.environ[f"SRC_{name}"]).resolve())
        code = (f"import sys; sys.path.insert(0, {src!r}); sys.argv[0] = 'veil'; "
                f"{os.environ.get(f'PRE_{name}', 'pass')}; "
                "from veil.cli.app import main; main()")
        proc, url = spawn_on_socket([sys.executable, "-c", code, *args], env=tree_env,
                                    timeout_s=600)
        procs.append(proc)
        peers.append((name, url, proc))
    return peers


def main() -> None:
    rounds, seconds = int(sys.argv[1]), float(sys.argv[2])
    connections = int(os.environ.get("CONC", "16"))
    env, up, args = rig(os.environ.get("WORKERS", "1"))
    procs = [up]
    try:
        peers = start_trees(env, args, procs)
        rows: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
        seq = 0
        for r in range(rounds):
            for name, url, proc in peers if r % 2 == 0 else peers[::-1]:
                seq += 1
                prompts = [valued_prompt(1_000_000 * seq + i, tag=f"u{seq}-{i}")[0]
                           for i in range(4000)]
                children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text()
                pids = [proc.pid, *map(int, children.split())]
                c0 = sum(map(_cpu_s, pids))
                row = asyncio.run(_load(url + "/v1/chat/completions", prompts, connections,
                                        seconds, f"t{seq}"))
                row["cpu_ms"] = (sum(map(_cpu_s, pids)) - c0) / max(row["n"], 1) * 1000
                rows[name].append(row)
            print(r, {k: {m: round(v[-1][m], 1) for m in ("rps", "cpu_ms", "p50", "p99")}
                      for k, v in rows.items()}, flush=True)
        for name, rs in rows.items():
            med = {m: round(statistics.median(x[m] for x in rs), 1)
                   for m in ("rps", "cpu_ms", "p50", "p99")}
            print(name, os.environ[f"SRC_{name}"], os.environ.get(f"PRE_{name}", ""),
                  "medians:", med)
        print(f"workers {os.environ.get('WORKERS', '1')}, {connections} connections, "
              f"load1 at end {os.getloadavg()[0]:.2f}")
    finally:
        for p in reversed(procs):
            terminate(p)


if __name__ == "__main__":
    main()
