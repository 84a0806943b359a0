"""protect() with detection replaced by its precomputed result: the vault and masking alone,
on `veil bench instructions`' texts (30 short, 6 ~1 KB), a new session per text.

usage: python maskonly_s77d.py short|1kb            CPU us per text, 200 rounds
       valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=<out> \\
           python maskonly_s77d.py short|1kb valgrind    one round, counted
"""

import json
import os
import shutil
import subprocess  # nosec B404 # callgrind_control, fixed arguments
import sys
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.heap import settle_heap

which, under = sys.argv[1], len(sys.argv) > 2
short, kb, _ = corpus(30, 6)
texts = short if which == "short" else kb
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
stage = veil._masking
for t in texts:
    run(t, 0)
found = {t: stage._detection.detect(t, tenant="default", view=veil.vault.view("default", "x"))
         for t in texts}


class Fixed:
    def detect(self, text, *, tenant, view):  # noqa: ANN001, ANN201
        return list(found[text])


stage._detection = Fixed()
for t in texts + texts:
    run(t, 0)
settle_heap()


def tell(*args: str) -> None:
    control = shutil.which("callgrind_control") or "callgrind_control"
    subprocess.run([control, *args, str(os.getpid())], check=True, capture_output=True)  # nosec B603


reps = 1 if under else 200
if under:
    tell("-i", "on")
t0 = time.process_time()
for _ in range(reps):
    for t in texts:
        run(t, 0)
dt = time.process_time() - t0
if under:
    tell("-i", "off")
print(json.dumps({"texts": len(texts) * reps, "us_per_text": dt / (len(texts) * reps) * 1e6}))
