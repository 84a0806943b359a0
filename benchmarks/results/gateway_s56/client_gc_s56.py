"""A timing client's own garbage collector: 700 sequential ~1 KB prompts to the echo upstream
through one httpx client, the requests slower than five times the median listed, with the
client's collector on and then paused (`veil.heap.collector_paused`, as `veil bench gateway`'s
latency phase now runs):

    python benchmarks/results/gateway_s56/client_gc_s56.py
"""
from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time

import httpx

from veil.cli.bench_gateway import valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate
from veil.heap import collector_paused


def timed(url: str) -> list[float]:
    """Milliseconds per request."""
    out = []
    with httpx.Client(timeout=60) as c:
        for i in range(700):
            text, _ = valued_prompt(i, tag=f"T{i}")
            t0 = time.perf_counter()
            c.post(url, json={"model": "echo", "messages": [{"role": "user", "content": text}]})
            out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    for label, block in (("collector on", contextlib.nullcontext), ("paused", collector_paused)):
        up, url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                   "--reply-chars", "0"], env=dict(os.environ))
        try:
            with block():
                ms = timed(url + "/v1/chat/completions")
        finally:
            terminate(up)
        med = statistics.median(ms)
        print(f"{label}: median {med:.2f} ms, slower than 5x (request, ms): "
              f"{[(i, round(x, 1)) for i, x in enumerate(ms) if x > 5 * med]}")


if __name__ == "__main__":
    main()
