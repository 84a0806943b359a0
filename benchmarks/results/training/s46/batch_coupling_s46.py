"""Whether a text's learned spans depend on what else is in the model call: each of 1,200 texts
of `veil bench detect`'s data (seeds 101 and 102) scored alone, then in one call with a
companion text that an attacker could put in the same request (junk that stretches the
activations' range). A dynamically quantised graph scales each batch's activations together,
so a companion can move another text's spans; a float graph, or int8 with fixed activation
scales, cannot.

    .venv/bin/python benchmarks/results/training/s46/batch_coupling_s46.py <folder> ...
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from veil.detect.learned import _Runtime
from veil.evaluation.datasets import hard_samples, presidio_samples


def companions() -> dict[str, str]:
    rnd = random.Random(0)
    return {
        "Z": "ZZZZZZZZ" * 20,
        "sigma": "Ʃ" * 200,
        "xqj": " ".join(["XQJ"] * 300),
        "mixed": " ".join(rnd.choice(["Ωmega", "Ĳssel", "QQQ", "ǅ", "ꙮ", "𝔄𝔟"])
                          for _ in range(300)),
        "cjk": "".join(chr(rnd.randint(0x4E00, 0x9FFF)) for _ in range(400)),
        "digits": " ".join(str(rnd.randint(0, 10**12)) for _ in range(200)),
        "caps": " ".join(rnd.choice(["ACME", "IBM", "NASA", "USA", "UK"]) for _ in range(300)),
    }


def main() -> None:
    texts = [s.text for seed in (101, 102)
             for s in presidio_samples(300, seed) + hard_samples(300, seed)]
    for folder in sys.argv[1:]:
        rt = _Runtime(Path(folder))
        alone = [{(s, e, label) for s, e, label, _ in rt.spans([t])[0]} for t in texts]
        for name, junk in companions().items():
            changed = lost = gained = 0
            for text, want in zip(texts, alone, strict=True):
                got = {(s, e, label) for s, e, label, _ in rt.spans([junk, text])[1]}
                if got != want:
                    changed += 1
                    lost += len(want - got)
                    gained += len(got - want)
            print(f"{Path(folder).name}: companion {name}: texts whose spans changed {changed} "
                  f"of {len(texts)}; spans lost {lost}, gained {gained}", flush=True)


if __name__ == "__main__":
    main()
