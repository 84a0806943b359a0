"""The echo upstream's CPU per request at a paced 300 requests/s (16 connections of `veil bench
gateway`'s ~1 KB prompts): what the benchmarks' stand-in LLM takes from the cores the gateways
it measures run on. Three rounds of 8 s after a 2 s warm-up:

    python benchmarks/results/gateway_s56/echo_cpu_s56.py [<tree>/src]
"""
from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gateway_s35"))
from ab_latency_s35 import _cpu_s  # noqa: E402

from veil.cli.bench_gateway import valued_prompt  # noqa: E402
from veil.gateway.procs import spawn_on_socket, terminate  # noqa: E402

RATE = 300
CONNECTIONS = 16


async def paced(url: str, prompts: list[str], seconds: float) -> int:
    """Requests sent at RATE a second over CONNECTIONS connections; how many were answered."""
    answered = 0
    start = time.perf_counter()
    stop = start + seconds
    async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=CONNECTIONS)) as session:

        async def worker(k: int) -> None:
            nonlocal answered
            i = k
            while (due := start + i / RATE) <= stop:
                if due > time.perf_counter():
                    await asyncio.sleep(due - time.perf_counter())
                body = {"model": "echo",
                        "messages": [{"role": "user", "content": prompts[i % len(prompts)]}]}
                async with session.post(url, json=body) as r:
                    await r.read()
                    r.raise_for_status()
                answered += 1
                i += CONNECTIONS

        await asyncio.gather(*(worker(k) for k in range(CONNECTIONS)))
    return answered


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else None
    args = ["--reply-chars", "0"]
    cmd = [sys.executable, "-c",
           f"import sys, runpy; sys.path.insert(0, {src!r}); "
           f"sys.argv[1:] = {args!r} + sys.argv[1:]; "
           "runpy.run_module('veil.gateway.echo_upstream', run_name='__main__')"] if src else \
        [sys.executable, "-m", "veil.gateway.echo_upstream", *args]
    up, url = spawn_on_socket(cmd, env=dict(os.environ))
    prompts = [valued_prompt(i, tag=f"t{i}")[0] for i in range(500)]
    try:
        asyncio.run(paced(url + "/v1/chat/completions", prompts, 2))
        for _ in range(3):
            c0 = _cpu_s(up.pid)
            n = asyncio.run(paced(url + "/v1/chat/completions", prompts, 8))
            print(f"{src or 'src'}: {n / 8:.0f} requests/s, the echo "
                  f"{1e3 * (_cpu_s(up.pid) - c0) / n:.3f} ms of CPU a request")
    finally:
        terminate(up)


if __name__ == "__main__":
    main()
