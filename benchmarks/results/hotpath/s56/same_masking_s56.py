"""protect() of `veil bench hotpath`'s short prompts and ~1 KB texts by two trees, each in a
process of its own with the same master key and a new vault, every text in one session (so a
later text finds the people of the earlier ones): how many masked texts differ. Learned NER,
every language; placeholders, and the default operators' pseudonyms keyed by the same key.

    VEIL_DETECTOR_DIR=<detector> python benchmarks/results/hotpath/s56/same_masking_s56.py \
        <tree A>/src <tree B>/src
"""
from __future__ import annotations

import base64
import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path


def worker() -> None:
    from veil import Veil
    from veil.cli.bench_hotpath import corpus
    from veil.config import Policy, Settings

    short, kb, _ = corpus(300, 40)
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()), master_key=os.environ["KEY"]),
                policy=Policy.model_validate({"ner_backend": "learned"}))
    out = [veil.protect(t, session=f"s{k % 7}").masked for k, t in enumerate(short + kb)]
    Path(os.environ["OUT"]).write_text(json.dumps(out))


def main() -> None:
    if sys.argv[1] == "--worker":
        worker()
        return
    key = base64.b64encode(os.urandom(32)).decode()
    runs = []
    for src in sys.argv[1:3]:
        code = (f"import sys; sys.path.insert(0, {src!r}); sys.argv = ['x', '--worker']; "
                f"exec(open({__file__!r}).read())")
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            subprocess.run([sys.executable, "-c", code], check=True,  # nosec B603
                           env={**os.environ, "KEY": key, "OUT": f.name},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            runs.append(json.loads(Path(f.name).read_text()))
    a, b = runs
    differ = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    print(f"{len(a)} texts masked, {len(differ)} differ: {differ[:10]}")


if __name__ == "__main__":
    main()
