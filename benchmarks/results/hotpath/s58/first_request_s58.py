"""A long session's first request in a process that has not read it yet (a restarted or a
new replica of the gateway): the session's entries are read, decrypted and indexed once.
A session of N values (NER off, SQLite vault); then, five times, a new Veil on the same
vault file (the collector settled, as in a server) protects one short prompt in it and
restores the answer; median ms, and the same
for the second prompt (the view is read; only what is new is decrypted):

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s58/first_request_s58.py 1000 10000
"""

from __future__ import annotations

import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_vault import value_line
from veil.config import Policy, Settings
from veil.core import Veil
from veil.heap import settle_heap


def main(sizes: list[int]) -> None:
    for size in sizes:
        home = Path(tempfile.mkdtemp())
        s = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
        v = Veil(s, policy=Policy(ner=False))
        k = 0
        while len(v.vault.view("default", "big")) < size:
            v.protect_many([value_line(k + j) for j in range(20)], session="big")
            k += 20
        v.vault.close()
        first, second = [], []
        for i in range(5):
            w = Veil(s, policy=Policy(ner=False))
            w.protect("warm up jane@example.com", session="warm")
            settle_heap()  # as a server does after its start-up
            t0 = time.perf_counter()
            r = w.protect(f"Please forward to {value_line(10**7 + 2 * i)[8:]}", session="big")
            w.restore("Done: " + " ".join(e.replacement for e in r.entities), session="big",
                      scope=frozenset(e.replacement for e in r.entities))
            t1 = time.perf_counter()
            r = w.protect(f"Please forward to {value_line(10**7 + 2 * i + 1)[8:]}",
                          session="big")
            w.restore("Done: " + " ".join(e.replacement for e in r.entities), session="big",
                      scope=frozenset(e.replacement for e in r.entities))
            t2 = time.perf_counter()
            first.append(1e3 * (t1 - t0))
            second.append(1e3 * (t2 - t1))
            w.vault.close()
        held = len(Veil(s, policy=Policy(ner=False)).vault.view("default", "big"))
        print(f"{held:6d} values: first request {statistics.median(first):7.1f} ms "
              f"(min {min(first):.1f}), second {statistics.median(second):5.2f} ms", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
