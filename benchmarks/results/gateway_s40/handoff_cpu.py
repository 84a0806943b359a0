"""CPU per hand-off of a trivial call to a worker thread and back, 16 tasks at once on uvloop:
anyio's ``to_thread.run_sync`` with a capacity limiter (what the gateway used) against
``loop.run_in_executor`` on a plain ThreadPoolExecutor of the same size (what it uses now).

    .venv/bin/python benchmarks/results/gateway_s40/handoff_cpu.py
"""
from __future__ import annotations

import asyncio
import resource
import time
from concurrent.futures import ThreadPoolExecutor

import uvloop
from anyio import CapacityLimiter, to_thread


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _work() -> int:
    return sum(range(200))


async def main(n: int = 20_000) -> None:
    limiter, pool = CapacityLimiter(2), ThreadPoolExecutor(2)
    loop = asyncio.get_running_loop()
    calls = {"anyio to_thread": lambda: to_thread.run_sync(_work, limiter=limiter),
             "run_in_executor": lambda: loop.run_in_executor(pool, _work)}
    for rnd in range(3):  # the first round warms both up and is not printed
        for name, call in calls.items():

            async def worker(k: int, call=call) -> None:  # type: ignore[no-untyped-def]
                for _ in range(k):
                    await call()

            c0, t0 = _cpu(), time.perf_counter()
            await asyncio.gather(*(worker(n // 16) for _ in range(16)))
            if rnd:
                print(f"{name:16s} {(_cpu() - c0) / n * 1e6:5.1f} us CPU per hand-off, "
                      f"{(time.perf_counter() - t0) / n * 1e6:5.1f} us wall", flush=True)


if __name__ == "__main__":
    uvloop.run(main())
