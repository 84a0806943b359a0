"""A pseudonymised session restored without scope (the whole session's matcher, rebuilt after
each new prompt changed the session): ms per restore as the session grows, on either tree:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s57/matcher_grow_s57.py \
        0 300 1000 3000
"""
from __future__ import annotations

import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from veil.config import Policy, Settings
from veil.core import Veil

_GIVEN = ["Alex", "Sam", "Maria", "Jonas", "Priya", "Chen", "Fatima", "Luca", "Olga", "Tom"]
_FAMILY = ["Kim", "Lee", "Garcia", "Berg", "Shah", "Wei", "Haddad", "Rossi", "Ivanova", "Moore"]


def value_line(k: int) -> str:
    """`veil bench vault`'s value line (copied: the round's starting tree has none)."""
    letters = "abcdefghij"
    family = f"{_FAMILY[k // 10 % 10]}{letters[k // 100 % 10]}{letters[k // 1000 % 10]}"
    return f"Contact {_GIVEN[k % 10]} {family} at user{k}@example.com or +44 20 7946 " \
           f"{k % 10000:04d}."


def main() -> None:
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy(ner=False, default_operator="pseudonym"))
    k = 0
    for size in [int(a) for a in sys.argv[1:]] or [0, 300, 1000, 3000]:
        while len(veil.vault.view("default", "big")) < size:
            veil.protect_many([value_line(k + j) for j in range(20)], session="big")
            k += 20
        spent = []
        for i in range(20):
            r = veil.protect(f"Please forward to {value_line(10**6 + k + i)[8:]}", session="big")
            answer = "Done: " + " and ".join(e.replacement for e in r.entities)
            t0 = time.perf_counter()
            out = veil.restore(answer, session="big")
            spent.append(time.perf_counter() - t0)
            assert "example.com" in out
        k += 20
        held = len(veil.vault.view("default", "big"))
        print(f"session of {held} values: restore without scope "
              f"{1e3 * statistics.median(spent):.1f} ms (median of 20, each after a new prompt)",
              flush=True)


if __name__ == "__main__":
    main()
