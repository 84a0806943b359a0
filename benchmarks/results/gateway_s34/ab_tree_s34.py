"""Two 1-worker gateways side by side, one per source tree, learned backend, 16 connections, a
new prompt per request, interleaved rounds (the order alternating): requests per second and
the gateway's CPU per request (its processes' user + system time over the requests served).

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s34/ab_tree_s34.py 8 7.5

Arguments: rounds, seconds per peer and round. WORKERS=<n> gives each gateway n workers.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from veil.cli.bench_gateway import _throughput, valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate


def _cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    rounds, seconds = int(sys.argv[1]), float(sys.argv[2])
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": "learned"}))
    (home / "gw.yaml").write_text(json.dumps({"policy_file": str(home / "policy.yaml"), "limits": {
        "max_concurrent_requests": 400, "requests_per_minute": 1_000_000}}))
    args = ["serve", "--config", str(home / "gw.yaml"), "--upstream-base-url", up_url + "/v1",
            "--log-level", "warning", "--workers", os.environ.get("WORKERS", "1")]
    procs = [up]
    try:
        peers = []
        for name in ("A", "B"):
            src = str(Path(os.environ[f"SRC_{name}"]).resolve())
            code = (f"import sys; sys.path.insert(0, {src!r}); sys.argv[0] = 'veil'; "
                    "from veil.cli.app import main; main()")
            proc, url = spawn_on_socket([sys.executable, "-c", code, *args], env=env,
                                        timeout_s=600)
            procs.append(proc)
            peers.append((name, url, proc))
        rps: dict[str, list[float]] = {"A": [], "B": []}
        cpu: dict[str, list[float]] = {"A": [], "B": []}
        seq = 0
        for r in range(rounds):
            for name, url, proc in peers if r % 2 == 0 else peers[::-1]:
                seq += 1
                prompts = [valued_prompt(1_000_000 * seq + i, tag=f"u{seq}-{i}")[0]
                           for i in range(4000)]
                children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text()
                pids = [proc.pid, *map(int, children.split())]
                c0 = sum(map(_cpu_s, pids))
                t = asyncio.run(_throughput(url + "/v1/chat/completions", prompts, 16, seconds,
                                            None, True, 1, f"t{seq}"))
                c1 = sum(map(_cpu_s, pids))
                rps[name].append(round(t["requests_per_second"], 1))
                cpu[name].append(round((c1 - c0) / max(t["completed"], 1) * 1000, 2))
            print(r, {k: (rps[k][-1], cpu[k][-1]) for k in rps}, flush=True)
        for name in rps:
            print(name, os.environ[f"SRC_{name}"], "median requests/s",
                  statistics.median(rps[name]), "median CPU ms/request",
                  statistics.median(cpu[name]), rps[name], cpu[name])
        print(f"load1 at end {os.getloadavg()[0]:.2f}")
    finally:
        for p in reversed(procs):
            terminate(p)


if __name__ == "__main__":
    main()
