"""What a long session's decrypted view costs a process in memory (tracemalloc): a session of N
values (NER off, SQLite vault), read by a new Veil for one short prompt (the view, its
seen-value index, the masker's known people), then a restore with the prompt's scope, then a
restore of the whole session (with pseudonyms: its compiled runs):

    python benchmarks/results/hotpath/s58/view_memory_s58.py 10000 [placeholder|pseudonym]
"""

from __future__ import annotations

import base64
import gc
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

from veil.cli.bench_vault import value_line
from veil.config import Policy, Settings
from veil.core import Veil


def main(size: int, operator: str) -> None:
    s = Settings(home=Path(tempfile.mkdtemp()),
                 master_key=base64.b64encode(os.urandom(32)).decode())
    policy = Policy(ner=False, default_operator=operator)
    writer = Veil(s, policy=policy)
    k = 0
    while len(writer.vault.view("default", "big")) < size:
        writer.protect_many([value_line(k + j) for j in range(20)], session="big")
        k += 20
    writer.vault.close()
    veil = Veil(s, policy=policy)
    veil.protect("warm up jane@example.com", session="warm")
    veil.restore("x", session="warm")
    gc.collect()
    tracemalloc.start()
    r = veil.protect(f"Please forward to {value_line(10**7)[8:]}", session="big")
    protect = tracemalloc.get_traced_memory()[0]
    answer = "Done: " + " ".join(e.replacement for e in r.entities)
    veil.restore(answer, session="big", scope=frozenset(e.replacement for e in r.entities))
    scoped = tracemalloc.get_traced_memory()[0]
    veil.restore(answer, session="big")
    gc.collect()
    whole = tracemalloc.get_traced_memory()[0]
    n = len(veil.vault.view("default", "big"))
    print(f"{operator}, {n} entries: view and indexes after a protect {protect / 1e6:.1f} MB "
          f"({protect / n:.0f} B an entry), a scoped restore +{(scoped - protect) / 1e6:.1f} MB, "
          f"a whole-session restore +{(whole - scoped) / 1e6:.1f} MB; {whole / n:.0f} B an entry")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000,
         sys.argv[2] if len(sys.argv) > 2 else "placeholder")
