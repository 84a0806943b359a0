"""System calls per protect() of `veil bench hotpath`'s short prompts (learned NER, vault
writes, a new session per text), counted by strace around the warmed-up calls only, and the
process's user and system CPU time per call (from getrusage, without strace):

    python benchmarks/results/hotpath/s52/syscalls_s52.py [rounds]

Needs strace (Debian: apt-get install strace).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
short, _, _ = corpus(100, 0)
_, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short + short:
    run(t, 0)
settle_heap()

r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
for _ in range(rounds):
    for t in short:
        run(t, 0)
r1, w1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
n = rounds * len(short)
print(f"per call, without strace: wall {(w1 - w0) / n * 1e3:.3f} ms, user "
      f"{(r1.ru_utime - r0.ru_utime) / n * 1e3:.3f} ms, system "
      f"{(r1.ru_stime - r0.ru_stime) / n * 1e3:.3f} ms")

with tempfile.NamedTemporaryFile(suffix=".txt") as out:
    tracer = subprocess.Popen(["strace", "-c", "-f", "-p", str(os.getpid()), "-o", out.name],  # nosec B603 B607
                              stderr=subprocess.DEVNULL)
    time.sleep(2)  # attached to every thread
    for _ in range(rounds):
        for t in short:
            run(t, 0)
    tracer.send_signal(signal.SIGINT)
    tracer.wait()
    lines = Path(out.name).read_text().splitlines()
print(f"system calls per call ({n} calls; the model's and checkpoint threads' included):")
for line in lines[2:]:
    parts = line.split()
    if len(parts) >= 5 and parts[3].isdigit() and parts[-1] not in ("total", "restart_syscall"):
        print(f"  {parts[-1]:16s} {int(parts[3]) / n:7.2f}")
