"""What the matcher's runs cost when nothing is rebuilt: a ~1 KB answer quoting pseudonyms,
restored without scope in a pseudonymised session of 300 and 3,000 values, its matcher cached
(the session unchanged between the calls); median of 30, on either tree:

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s57/restore_search_s57.py
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

sys.path.insert(0, str(Path(__file__).parent))
from matcher_grow_s57 import value_line  # noqa: E402


def main() -> None:
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy(ner=False, default_operator="pseudonym"))
    k = 0
    for size in (300, 3000):
        while len(veil.vault.view("default", "big")) < size:
            veil.protect_many([value_line(k + j) for j in range(20)], session="big")
            k += 20
        quoted = [value_line(j) for j in range(0, size // 3, max(1, size // 60))][:20]
        masked = veil.protect_many(quoted, session="big")
        answer = " ".join(m.masked for m in masked)[:1100] + " Regards, the team. " * 3
        veil.restore(answer, session="big")
        spent = []
        for _ in range(30):
            t0 = time.perf_counter()
            veil.restore(answer, session="big")
            spent.append(time.perf_counter() - t0)
        held = len(veil.vault.view("default", "big"))
        print(f"{held} values: restoring a {len(answer)}-character answer (matcher cached) "
              f"{1e3 * statistics.median(spent):.2f} ms", flush=True)


if __name__ == "__main__":
    main()
