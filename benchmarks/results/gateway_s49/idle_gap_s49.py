"""How much slower the same CPU work runs after the process has been idle: a pure-Python
control (json, a regex, a dict loop; nothing of Veil) and Veil's protect() of the gateway
bench's ~1 KB prompts (learned backend, a new session each: vault writes included), each timed
back to back and after a sleep of 1, 5, 60 and 200 ms, the modes taking turns. Only timings
are printed.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/gateway_s49/idle_gap_s49.py
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings
from veil.heap import settle_heap

_DATA = [{"k": i, "v": "x" * (i % 50), "w": list(range(i % 20))} for i in range(300)]
_PAT = re.compile(r"(\w+)@(\w+)\.com")
_TEXT = " ".join(f"user{i}@host{i}.com word" for i in range(200))


def control(_i: int) -> object:
    json.loads(json.dumps(_DATA))
    _PAT.findall(_TEXT)
    d: dict[int, int] = {}
    for i in range(3000):
        d[i % 97] = d.get(i % 97, 0) + i
    return d


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned"}))
    prompts = [valued_prompt(i, tag=f"T{i}")[0] for i in range(100)]
    sessions = itertools.count()

    def protect(i: int) -> object:
        return veil.protect(prompts[i % len(prompts)], session=f"idle-{next(sessions)}")

    for i in range(300):
        control(i)
        protect(i)
    settle_heap()
    gaps_ms = (0, 1, 5, 60, 200)
    times: dict[tuple[str, int], list[float]] = {}
    for r in range(rounds):
        for gap in gaps_ms if r % 2 == 0 else gaps_ms[::-1]:
            for name, fn in (("control", control), ("protect", protect)):
                for i in range(60):
                    if gap:
                        time.sleep(gap / 1000)
                    t0 = time.perf_counter()
                    fn(i)
                    times.setdefault((name, gap), []).append((time.perf_counter() - t0) * 1e3)
    print(f"load average at the end: {os.getloadavg()}")
    for name in ("control", "protect"):
        base = statistics.median(times[(name, 0)])
        for gap in gaps_ms:
            m = statistics.median(times[(name, gap)])
            print(f"{name:8s} idle {gap:4d} ms before each call: median {m:6.3f} ms "
                  f"({100 * (m / base - 1):+5.1f}%, n={len(times[(name, gap)])})")


if __name__ == "__main__":
    main()
