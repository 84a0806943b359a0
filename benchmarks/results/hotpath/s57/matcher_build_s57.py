"""What building a whole session's restore matcher costs with pseudonyms (left for a later
round): a session of N pseudonymised values (people, e-mails, phones), its matcher built from
every entry, as a restore without scope and the Responses API's conversation scope do after
each change of the session; the parts timed alone (the regex module's cache purged first):

    python benchmarks/results/hotpath/s57/matcher_build_s57.py [sizes...]
"""
from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from pathlib import Path

import regex

import veil.mask.restorer as restorer
from veil.alternation import trie_pattern
from veil.cli.bench_vault import value_line
from veil.config import Policy, Settings
from veil.core import Veil


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [300, 3000]
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy(ner=False, default_operator="pseudonym"))
    k = 0
    for size in sizes:
        while len(veil.vault.view("default", "big")) < size:
            veil.protect_many([value_line(k + j) for j in range(20)], session="big")
            k += 20
        entries = veil.vault.view("default", "big").entries
        reps = sorted({e.replacement for e in entries}, key=len, reverse=True)
        t0 = time.perf_counter()
        atoms = [restorer._literal_atoms(r) for r in reps]
        t1 = time.perf_counter()
        pattern = trie_pattern(atoms)
        t2 = time.perf_counter()
        regex.purge()
        t3 = time.perf_counter()
        regex.compile(pattern, regex.IGNORECASE | regex.V0)
        t4 = time.perf_counter()
        regex.purge()
        t5 = time.perf_counter()
        restorer.SessionMatcher.build(entries)
        t6 = time.perf_counter()
        print(f"{len(entries)} entries: build {1e3 * (t6 - t5):.1f} ms (atoms "
              f"{1e3 * (t1 - t0):.1f}, prefix tree {1e3 * (t2 - t1):.1f}, compile "
              f"{1e3 * (t4 - t3):.1f}; pattern {len(pattern)} characters)", flush=True)


if __name__ == "__main__":
    main()
