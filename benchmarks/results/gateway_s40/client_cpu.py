"""CPU per request of three HTTP clients against the echo upstream, 16 connections, ~1 KB JSON
bodies: httpx with its own pool (httpcore), httpx over Veil's aiohttp transport (what the
gateway now uses upstream), and aiohttp alone (the bench's load generator). Each client runs
on uvloop in this process; the upstream is a separate process.

    .venv/bin/python benchmarks/results/gateway_s40/client_cpu.py [requests]
"""
from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

import aiohttp
import httpx
import uvloop

from veil.gateway.procs import spawn_on_socket, terminate
from veil.gateway.transport import AiohttpTransport

BODY = json.dumps({"model": "echo", "messages": [{"role": "user", "content": "x" * 1000}]})


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def _run(kind: str, url: str, n: int, conc: int = 16) -> str:
    hdr = {"content-type": "application/json"}
    if kind == "aiohttp":
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))

        async def one() -> None:
            async with session.post(url, data=BODY, headers=hdr) as r:
                await r.read()

        close = session.close
    else:
        transport = AiohttpTransport() if kind == "httpx+aiohttp" else None
        client = httpx.AsyncClient(transport=transport, limits=httpx.Limits(max_connections=100))

        async def one() -> None:
            (await client.post(url, content=BODY, headers=hdr)).read()

        close = client.aclose

    async def worker(k: int) -> None:
        for _ in range(k):
            await one()

    await asyncio.gather(*(worker(n // conc // 4) for _ in range(conc)))  # warm-up
    c0, t0 = _cpu(), time.perf_counter()
    await asyncio.gather(*(worker(n // conc) for _ in range(conc)))
    dt, dc = time.perf_counter() - t0, _cpu() - c0
    await close()
    done = n // conc * conc
    return f"{kind:14s} client CPU {dc / done * 1e6:6.0f} us/request, {done / dt:6.0f} requests/s"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    up, base = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                "--reply-chars", "0"])
    try:
        for _ in range(2):
            for kind in ("httpx", "httpx+aiohttp", "aiohttp"):
                print(uvloop.run(_run(kind, base + "/v1/chat/completions", n)), flush=True)
    finally:
        terminate(up)


if __name__ == "__main__":
    main()
