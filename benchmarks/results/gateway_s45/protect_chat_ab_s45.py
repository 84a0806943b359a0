"""`Conversation.protect_chat` of ~1 KB gateway prompts (`valued_prompt`, a new session each,
learned backend, the gateway's default five languages) in one process per source tree, the
order alternating by round: the median per request after 100 warm-up requests.

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s45/protect_chat_ab_s45.py 4
"""
from __future__ import annotations

import os
import statistics
import subprocess  # nosec B404
import sys

_CHILD = """
import base64, os, statistics, tempfile, time
from pathlib import Path
from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings
from veil.gateway.privacy import Conversation
veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                     master_key=base64.b64encode(os.urandom(32)).decode()),
            policy=Policy.model_validate({"ner_backend": "learned"}))
veil.prepare("default")
ms = []
for i in range(700):
    text, _ = valued_prompt(i, tag=f"T{i}")
    conv = Conversation(veil, "default", f"s{i}")
    t0 = time.perf_counter()
    conv.protect_chat({"model": "echo", "messages": [{"role": "user", "content": text}]})
    ms.append((time.perf_counter() - t0) * 1000)
print(statistics.median(ms[100:]))
"""


def main() -> None:
    trees = {"A": os.environ["SRC_A"], "B": os.environ["SRC_B"]}
    got: dict[str, list[float]] = {k: [] for k in trees}
    for r in range(int(sys.argv[1])):
        for name in (["A", "B"] if r % 2 == 0 else ["B", "A"]):
            env = dict(os.environ, PYTHONPATH=trees[name])
            out = subprocess.run([sys.executable, "-c", _CHILD], env=env,  # nosec B603
                                 capture_output=True, text=True, check=True).stdout
            got[name].append(float(out.split()[-1]))
            print(f"round {r} {name}: {got[name][-1]:.3f} ms", flush=True)
    for name, v in got.items():
        print(name, trees[name], f"median {statistics.median(v):.3f} ms",
              [round(x, 3) for x in v])


if __name__ == "__main__":
    main()
