"""What a request costs as its session grows: a session filled with N values (people, e-mails,
phones, through protect_many in blocks), then short prompts with two new values each, protected
and their answers restored (scope: the prompt's replacements, as the gateway restores), timed:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s57/long_session_s57.py \
        [--backend sqlite|redis --port P] [--ner] [sizes...]

Prints, per session size, ms per protect and per restore (median of 60 prompts).
"""
from __future__ import annotations

import argparse
import base64
import os
import statistics
import tempfile
import time
from pathlib import Path

from veil.config import Policy, Settings
from veil.core import Veil
from veil.heap import settle_heap

_FIRST = ["Alex", "Sam", "Maria", "Jonas", "Priya", "Chen", "Fatima", "Luca", "Olga", "Tom"]
_LAST = ["Kim", "Lee", "Garcia", "Berg", "Shah", "Wei", "Haddad", "Rossi", "Ivanova", "Moore"]


def value_line(k: int) -> str:
    """A line with three values of number k: a person, an e-mail, a phone."""
    name = f"{_FIRST[k % 10]} {_LAST[(k // 10) % 10]}{'abcdefghij'[(k // 100) % 10]}" \
           f"{'klmnopqrst'[(k // 1000) % 10]}"
    return f"Contact {name} at user{k}@example.com or +44 20 7946 {k % 10000:04d}."


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[0, 300, 3000])
    ap.add_argument("--backend", default="sqlite")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--ner", action="store_true")
    ap.add_argument("--prompts", type=int, default=60)
    a = ap.parse_args()
    if a.backend == "redis":
        import redis

        redis.Redis(port=a.port).flushall()
    settings = Settings(home=Path(tempfile.mkdtemp()), vault_backend=a.backend,
                        redis_url=f"redis://127.0.0.1:{a.port}/0",
                        master_key=base64.b64encode(os.urandom(32)).decode())
    policy = Policy.model_validate({"ner": a.ner, "ner_backend": "learned"} if a.ner
                                   else {"ner": False})
    veil = Veil(settings, policy=policy)
    veil.protect("warm up jane@example.com", session="warm")
    fresh = 900_000
    for size in a.sizes:
        session = f"s{size}"
        k = size * 10
        while len(veil.vault.view("default", session).entries) < size:
            block = [value_line(k + j) for j in range(20)]
            veil.protect_many(block, session=session)
            k += 20
        held = len(veil.vault.view("default", session).entries)
        settle_heap()
        prot, rest = [], []
        for _ in range(a.prompts):
            fresh += 1
            text = f"Please forward the file to {value_line(fresh)[8:]} Thanks!"
            t0 = time.perf_counter()
            r = veil.protect(text, session=session)
            t1 = time.perf_counter()
            answer = "Done: " + " and ".join(e.replacement for e in r.entities)
            veil.restore(answer, session=session,
                         scope=frozenset(e.replacement for e in r.entities))
            t2 = time.perf_counter()
            prot.append((t1 - t0) * 1e3)
            rest.append((t2 - t1) * 1e3)
        print(f"{a.backend} ner={a.ner} session of {held:5d} entries: protect "
              f"{statistics.median(prot):.3f} ms, restore {statistics.median(rest):.3f} ms",
              flush=True)
    veil.vault.close()


if __name__ == "__main__":
    main()
