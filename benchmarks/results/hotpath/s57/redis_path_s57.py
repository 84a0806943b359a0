"""The Redis vault's request path in one process: `veil bench vault`'s prompts (short or ~1 KB,
20 sessions, values from a pool of 400, pattern recognizers only) protected and restored
against a loopback redis-server, with redis-py's hiredis reply parser or its Python one:

    [BACKEND=sqlite] python benchmarks/results/hotpath/s57/redis_path_s57.py <port> short|1kb \
        <requests> [--no-hiredis]

Prints ms per protect (mean, p50), restore, and this process's CPU per protect.
"""
from __future__ import annotations

import sys

if "--no-hiredis" in sys.argv:
    sys.modules["hiredis"] = None  # type: ignore[assignment]  # redis-py falls back to Python

import base64
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import redis
import redis.utils

from veil.cli.bench_vault import prompt
from veil.config import Policy, Settings
from veil.core import Veil
from veil.heap import settle_heap


def main() -> None:
    port, kind, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    redis.Redis(port=port).flushall()
    settings = Settings(home=Path(tempfile.mkdtemp()),
                        vault_backend=os.environ.get("BACKEND", "redis"),
                        redis_url=f"redis://127.0.0.1:{port}/0",
                        master_key=base64.b64encode(os.urandom(32)).decode())
    veil = Veil(settings, policy=Policy(ner=False))
    veil.protect("warm up jane@example.com", session="warm")
    rng = random.Random(7)
    texts = [prompt(kind, rng, 400) for _ in range(n)]
    settle_heap()
    prot, rest, cpu = [], [], []
    for i, text in enumerate(texts):
        session = f"s{i % 20}"
        c0, t0 = time.process_time(), time.perf_counter()
        r = veil.protect(text, session=session)
        t1, c1 = time.perf_counter(), time.process_time()
        answer = "Noted: " + " and ".join(e.replacement for e in r.entities)
        veil.restore(answer, session=session, scope=frozenset(e.replacement for e in r.entities))
        t2 = time.perf_counter()
        prot.append((t1 - t0) * 1e3)
        rest.append((t2 - t1) * 1e3)
        cpu.append((c1 - c0) * 1e3)
    half = n // 4  # the first quarter grows the sessions from nothing: not counted
    p = prot[half:]
    print(f"{settings.vault_backend} hiredis={redis.utils.HIREDIS_AVAILABLE} {kind}: "
          f"protect mean {statistics.fmean(p):.3f} "
          f"p50 {statistics.median(p):.3f} ms, restore {statistics.fmean(rest[half:]):.3f} ms, "
          f"CPU {statistics.fmean(cpu[half:]):.3f} ms")
    veil.vault.close()


if __name__ == "__main__":
    main()
