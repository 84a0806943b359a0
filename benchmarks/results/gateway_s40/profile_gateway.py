"""py-spy on a 1-worker gateway (learned backend) under 16 connections of new ~1 KB prompts:
the gateway's and the upstream's CPU per request, and a raw py-spy profile to read.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s40/profile_gateway.py <seconds> <out.txt> [--gil]

``--gil`` samples only the thread holding the GIL (where Python time goes); without it every
running thread is sampled. An output ending in ``.svg`` is a flame graph, any other raw stacks.
"""
from __future__ import annotations

import asyncio
import subprocess  # nosec B404
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gateway_s35"))
from ab_latency_s35 import _cpu_s, _load, rig  # noqa: E402

from veil.cli.bench_gateway import valued_prompt  # noqa: E402
from veil.gateway.procs import spawn_on_socket, terminate  # noqa: E402


def main() -> None:
    seconds, out = sys.argv[1], sys.argv[2]
    env, up, args = rig()
    gw, url = spawn_on_socket([sys.executable, "-m", "veil.cli.app", *args], env=env,
                              timeout_s=600)
    try:
        warm = [valued_prompt(1000 + i, tag=f"w{i}")[0] for i in range(4000)]
        asyncio.run(_load(url + "/v1/chat/completions", warm, 16, 5, "warm"))
        prompts = [valued_prompt(900_000 + i, tag=f"u{i}")[0] for i in range(6000)]
        spy = subprocess.Popen(  # nosec B603
            [str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(gw.pid), "-r", "200",
             "-d", seconds, "-f", "flamegraph" if out.endswith(".svg") else "raw", "-o", out,
             *sys.argv[3:]],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        c0, u0 = _cpu_s(gw.pid), _cpu_s(up.pid)
        row = asyncio.run(_load(url + "/v1/chat/completions", prompts, 16, float(seconds), "t"))
        row["gateway_cpu_ms"] = (_cpu_s(gw.pid) - c0) / row["n"] * 1000
        row["upstream_cpu_ms"] = (_cpu_s(up.pid) - u0) / row["n"] * 1000
        spy.wait()
        print({k: round(v, 2) for k, v in row.items()})
    finally:
        terminate(gw)
        terminate(up)


if __name__ == "__main__":
    main()
