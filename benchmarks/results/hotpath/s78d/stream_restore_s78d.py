"""Instructions of restoring a streamed answer: 30 answers of the gateway bench's echo (each
~1 KB prompt with 4-6 values, masked in a session of its own, quoted back after "Echo: "),
each restored in 16 chunks as the echo streams it (and, with `whole`, restored whole too),
counted by callgrind around the restoring only. NER off: the prompts' values are found by the
patterns and name lists alike in both trees.

usage: valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=<out> \\
           python stream_restore_s78d.py stream|whole
       (PYTHONPATH=<tree>/src for another tree); then callgrind_annotate <out> | head
"""

import base64
import os
import subprocess  # nosec B404 # callgrind_control, fixed arguments
import sys
import tempfile
from pathlib import Path

from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings

veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                     master_key=base64.b64encode(os.urandom(32)).decode()),
            policy=Policy.model_validate({"ner": False}))
texts = [valued_prompt(2000 + i, tag=f"s{i}")[0] for i in range(30)]
masked = ["Echo: " + veil.protect(t, session=f"s{i}").masked for i, t in enumerate(texts)]


def stream(i: int, m: str) -> str:
    sr = veil.stream_restorer(session=f"s{i}")
    step = max(1, len(m) // 16)
    out = [sr.feed(m[j : j + step]) for j in range(0, len(m), step)]
    out.append(sr.flush())
    return "".join(out)


for i, m in enumerate(masked):  # warm-up, and every value comes back
    assert stream(i, m) == "Echo: " + texts[i]
me = str(os.getpid())
subprocess.run(["callgrind_control", "-i", "on", me], capture_output=True, check=True)  # nosec
for i, m in enumerate(masked):
    stream(i, m)
if sys.argv[1] == "whole":
    for i, m in enumerate(masked):
        veil.restore(m, session=f"s{i}")
subprocess.run(["callgrind_control", "-i", "off", me], capture_output=True, check=True)  # nosec
